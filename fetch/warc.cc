#include "fetch/warc.h"

#include <fcntl.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstring>
#include <utility>

#include "fetch/content_type.h"
#include "fetch/fetch_record.h"

namespace pith {
namespace {

constexpr std::size_t kMaxLine = std::size_t{64} << 10;
constexpr std::uint64_t kMaxHeaderBytes = std::uint64_t{1} << 20;

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool EqualsNoCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(),
                                            [](char x, char y) { return Lower(x) == Lower(y); });
}

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

// "Name: value" as its trimmed parts; false for a line without a colon.
bool SplitField(std::string_view line, std::string_view* name, std::string_view* value) {
  std::size_t colon = line.find(':');
  if (colon == std::string_view::npos) return false;
  *name = Trim(line.substr(0, colon));
  *value = Trim(line.substr(colon + 1));
  return true;
}

// Calls f(line) for each line of text, without its line end.
template <typename F>
void ForEachLine(std::string_view text, F f) {
  while (!text.empty()) {
    std::size_t end = std::min(text.find('\n'), text.size());
    std::string_view line = text.substr(0, end);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    f(line);
    text.remove_prefix(std::min(end + 1, text.size()));
  }
}

bool IsVersionLine(std::string_view line) {
  if (line.substr(0, 5) != "WARC/" || line.size() == 5) return false;
  return std::all_of(line.begin() + 5, line.end(),
                     [](char c) { return (c >= '0' && c <= '9') || c == '.'; });
}

bool ParseUint(std::string_view text, int base, std::uint64_t* n) {
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), *n, base);
  return ec == std::errc() && end == text.data() + text.size() && !text.empty();
}

std::string GzipMember(std::string_view bytes) {
  z_stream z{};
  deflateInit2(&z, Z_DEFAULT_COMPRESSION, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, bytes.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);  // the bound leaves room: one call finishes
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

struct Field {
  std::string_view name;
  std::string_view value;  // the field is left out when empty
};

std::string RecordBytes(std::string_view type, std::string_view id, std::string_view date,
                        std::initializer_list<Field> fields, std::string_view content_type,
                        std::string_view block_head, std::string_view block_rest) {
  std::string out = "WARC/1.1\r\nWARC-Type: ";
  out.append(type).append("\r\nWARC-Record-ID: ").append(id);
  out.append("\r\nWARC-Date: ").append(date).append("\r\n");
  for (const Field& f : fields) {
    if (!f.value.empty()) out.append(f.name).append(": ").append(f.value).append("\r\n");
  }
  out.append("Content-Type: ").append(content_type).append("\r\nContent-Length: ");
  out.append(std::to_string(block_head.size() + block_rest.size())).append("\r\n\r\n");
  out.append(block_head).append(block_rest).append("\r\n\r\n");
  return out;
}

// The response head as archived with a decoded payload of payload_size bytes.
std::string ArchivedHead(std::string_view head, std::size_t payload_size) {
  std::string out;
  bool status_line = true;
  ForEachLine(head, [&](std::string_view line) {
    if (line.empty()) return;
    std::string_view name, value;
    if (!status_line && SplitField(line, &name, &value) &&
        (EqualsNoCase(name, "Content-Encoding") || EqualsNoCase(name, "Content-Length") ||
         EqualsNoCase(name, "Transfer-Encoding"))) {
      out.append("X-Crawler-");
    }
    out.append(line).append("\r\n");
    status_line = false;
  });
  out.append("Content-Length: ").append(std::to_string(payload_size)).append("\r\n\r\n");
  return out;
}

// Undoes chunked transfer coding; false when body is not well-formed.
bool Dechunk(std::string_view body, std::string* out) {
  out->clear();
  for (;;) {
    std::size_t eol = body.find('\n');
    if (eol == std::string_view::npos) return false;
    std::string_view size_text = Trim(body.substr(0, eol));
    if (!size_text.empty() && size_text.back() == '\r') size_text.remove_suffix(1);
    size_text = Trim(size_text.substr(0, size_text.find(';')));  // chunk extensions
    std::uint64_t size = 0;
    if (!ParseUint(size_text, 16, &size)) return false;
    body.remove_prefix(eol + 1);
    if (size == 0) return true;  // trailer fields, if any, are not needed
    if (size > body.size()) return false;
    out->append(body.substr(0, size));
    body.remove_prefix(size);
    if (body.substr(0, 2) == "\r\n") {
      body.remove_prefix(2);
    } else if (body.substr(0, 1) == "\n") {
      body.remove_prefix(1);
    } else {
      return false;
    }
  }
}

// Inflates a gzip, zlib or raw deflate payload into *out, up to cap bytes.
Status Inflate(std::string_view in, std::size_t cap, const std::string& where, std::string* out) {
  for (int window_bits : {15 + 32, -15}) {  // gzip or zlib by their header, else raw
    z_stream z{};
    if (inflateInit2(&z, window_bits) != Z_OK) break;
    out->clear();
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z.avail_in = static_cast<uInt>(in.size());
    int rc = Z_OK;
    char buffer[16384];
    while (rc == Z_OK) {
      z.next_out = reinterpret_cast<Bytef*>(buffer);
      z.avail_out = sizeof buffer;
      rc = inflate(&z, Z_NO_FLUSH);
      out->append(buffer, sizeof buffer - z.avail_out);
      if (out->size() > cap) {
        inflateEnd(&z);
        out->clear();
        return Status::TooLarge(where + ": decoded payload exceeds the " + std::to_string(cap) +
                                "-byte cap");
      }
      if (rc == Z_BUF_ERROR && z.avail_in == 0) break;  // cut short: keep what came
    }
    inflateEnd(&z);
    if (rc == Z_STREAM_END || (rc == Z_BUF_ERROR && !out->empty())) return Status::OK();
  }
  out->clear();
  return Status::Corruption(where + ": payload is not valid gzip or deflate data");
}

// Fills *page from the block of a response record.
void ReadResponse(std::string_view block, const std::string& url, std::size_t cap, RawPage* page) {
  const std::string& where = page->source;
  if (block.substr(0, 5) != "HTTP/") {
    page->status = Status::Corruption(where + ": not an HTTP response");
    return;
  }
  std::size_t head_end = block.find("\r\n\r\n");
  std::size_t body_start = head_end == std::string_view::npos ? block.size() : head_end + 4;
  if (head_end == std::string_view::npos) {
    head_end = block.find("\n\n");
    body_start = head_end == std::string_view::npos ? block.size() : head_end + 2;
  }
  std::string_view head = block.substr(0, std::min(head_end, block.size()));
  std::string_view payload = block.substr(body_start);

  std::uint64_t status = 0;
  std::string media_type, charset, content_coding;
  bool chunked = false;
  bool status_line = true;
  ForEachLine(head, [&](std::string_view line) {
    if (status_line) {
      status_line = false;
      std::size_t space = line.find(' ');
      std::string_view code = space == std::string_view::npos ? "" : line.substr(space + 1, 3);
      ParseUint(code, 10, &status);
      return;
    }
    std::string_view name, value;
    if (!SplitField(line, &name, &value)) return;
    if (EqualsNoCase(name, "Content-Type")) {
      ParseContentType(value, &media_type, &charset);
    } else if (EqualsNoCase(name, "Transfer-Encoding")) {
      std::string codings(value);
      std::transform(codings.begin(), codings.end(), codings.begin(), Lower);
      chunked = chunked || codings.find("chunked") != std::string::npos;
    } else if (EqualsNoCase(name, "Content-Encoding")) {
      content_coding.assign(value);
      std::transform(content_coding.begin(), content_coding.end(), content_coding.begin(), Lower);
    }
  });
  if (status < 200 || status > 299) {
    page->status = Status::IOError(where + ": HTTP status " + std::to_string(status));
    return;
  }
  if (media_type == "" || media_type == "text/html" || media_type == "application/xhtml+xml") {
    page->kind = ContentKind::kHtml;
  } else if (media_type == "text/plain") {
    page->kind = ContentKind::kText;
  } else {
    page->status = Status::Unsupported(where + ": not a page: content type " + media_type);
    return;
  }
  std::string dechunked;
  if (chunked) {
    if (!Dechunk(payload, &dechunked)) {
      page->status = Status::Corruption(where + ": malformed chunked payload");
      return;
    }
    payload = dechunked;
  }
  if (content_coding == "gzip" || content_coding == "x-gzip" || content_coding == "deflate") {
    page->status = Inflate(payload, cap, where, &page->body);
    if (!page->status.ok()) return;
  } else if (content_coding.empty() || content_coding == "identity") {
    page->body.assign(payload);
  } else {
    page->status =
        Status::Unsupported(where + ": content coding '" + content_coding + "' is not supported");
    return;
  }
  page->given.url = url;
  page->charset = charset;
}

}  // namespace

// ---------------------------------------------------------------- writer

WarcWriter::WarcWriter(int fd, std::string path)
    : fd_(fd), path_(std::move(path)), random_(std::random_device{}()) {}

WarcWriter::~WarcWriter() { close(fd_); }

Status WarcWriter::Open(const std::string& path, bool append, std::string_view software,
                        std::unique_ptr<WarcWriter>* writer) {
  int fd;
  do {
    fd = open(path.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0666);
  } while (fd < 0 && errno == EINTR);
  if (fd < 0) return Status::IOError(path + ": " + std::strerror(errno));
  std::unique_ptr<WarcWriter> w(new WarcWriter(fd, path));
  w->warcinfo_id_ = w->NewRecordId();
  std::string fields = "software: " + std::string(software) +
                       "\r\nformat: WARC File Format 1.1\r\n"
                       "conformsTo: https://iipc.github.io/warc-specifications/specifications/"
                       "warc-format/warc-1.1/\r\n";
  std::string name = path.substr(path.rfind('/') + 1);
  Status s = w->Append(
      GzipMember(RecordBytes("warcinfo", w->warcinfo_id_, Iso8601(std::chrono::system_clock::now()),
                             {{"WARC-Filename", name}}, "application/warc-fields", fields, "")));
  if (s.ok()) *writer = std::move(w);
  return s;
}

std::string WarcWriter::NewRecordId() {
  std::uint64_t hi = random_(), lo = random_();
  hi = (hi & ~std::uint64_t{0xF000}) | 0x4000;                           // version 4
  lo = (lo & ~(std::uint64_t{0xC} << 60)) | (std::uint64_t{0x8} << 60);  // variant 1
  char text[64];
  std::snprintf(text, sizeof text, "<urn:uuid:%08x-%04x-%04x-%04x-%012llx>",
                static_cast<unsigned>(hi >> 32), static_cast<unsigned>((hi >> 16) & 0xFFFF),
                static_cast<unsigned>(hi & 0xFFFF), static_cast<unsigned>(lo >> 48),
                static_cast<unsigned long long>(lo & 0xFFFFFFFFFFFFull));
  return text;
}

Status WarcWriter::Write(const HttpExchange& x) {
  std::string request_id = NewRecordId();
  std::string response_id = NewRecordId();
  std::string bytes = GzipMember(RecordBytes("request", request_id, x.date,
                                             {{"WARC-Target-URI", x.url},
                                              {"WARC-Concurrent-To", response_id},
                                              {"WARC-Warcinfo-ID", warcinfo_id_}},
                                             "application/http; msgtype=request", x.request, ""));
  bytes += GzipMember(RecordBytes(
      "response", response_id, x.date,
      {{"WARC-Target-URI", x.url}, {"WARC-IP-Address", x.ip}, {"WARC-Warcinfo-ID", warcinfo_id_}},
      "application/http; msgtype=response", ArchivedHead(x.response_head, x.payload.size()),
      x.payload));
  return Append(bytes);
}

Status WarcWriter::Append(const std::string& bytes) {
  std::string_view rest = bytes;
  while (!rest.empty()) {
    ssize_t n = write(fd_, rest.data(), rest.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return Status::IOError(path_ + ": " + std::strerror(errno));
    rest.remove_prefix(static_cast<std::size_t>(n));
  }
  return Status::OK();
}

// ---------------------------------------------------------------- reader

WarcReader::WarcReader(std::unique_ptr<ByteStream> in, std::string path,
                       std::size_t max_record_bytes)
    : in_(std::move(in)), path_(std::move(path)), max_record_bytes_(max_record_bytes) {}

WarcReader::~WarcReader() = default;

// Whether a byte of the record being read is at hand, moving on to the next
// gzip member when the record may span members.
bool WarcReader::Available() {
  for (;;) {
    if (!in_->Peek().empty()) return true;
    if (!cross_members_ || !in_->NextMember()) return false;
  }
}

// Reads a line through its '\n' into *line, without the line end, keeping at
// most kMaxLine bytes; *length counts all the bytes read. kEnd when the bytes
// ran out before a '\n'.
WarcReader::LineRead WarcReader::ReadLine(std::string* line, std::uint64_t* length) {
  line->clear();
  *length = 0;
  while (Available()) {
    std::string_view v = in_->Peek();
    std::size_t newline = v.find('\n');
    std::string_view part = v.substr(0, newline);
    *length += part.size();
    if (line->size() + part.size() <= kMaxLine) line->append(part);
    in_->Skip(newline == std::string_view::npos ? v.size() : newline + 1);
    if (newline != std::string_view::npos) {
      ++*length;
      if (!line->empty() && line->back() == '\r') line->pop_back();
      return *length > kMaxLine ? LineRead::kTooLong : LineRead::kOk;
    }
  }
  return LineRead::kEnd;
}

bool WarcReader::Fail(RawPage* page, std::string source, Status status) {
  page->source = std::move(source);
  page->status = std::move(status);
  return true;
}

// Reports the stream's error, then goes on after it if it can.
bool WarcReader::StreamFailed(RawPage* page) {
  Fail(page, path_, in_->status());
  held_.reset();
  if (!in_->Resume() && !in_->status().ok()) ended_ = true;
  return true;
}

// Positions the reader after the version line of the next record and fills
// *start; or fills *page with an error (bytes that are no record, a stream
// error). Returns false at the end of the file.
bool WarcReader::FindRecord(Start* start, RawPage* page) {
  if (held_) {
    *start = *held_;
    held_.reset();
    return true;
  }
  cross_members_ = true;
  while (Available()) {  // blank lines between records
    std::string_view v = in_->Peek();
    std::size_t blank = std::min(v.find_first_not_of("\r\n"), v.size());
    if (blank == 0) break;
    in_->Skip(blank);
  }
  if (!Available()) {
    if (!in_->status().ok()) return StreamFailed(page);
    ended_ = true;
    return false;
  }
  *start = {in_->offset(), in_->at_member_start()};
  std::string line;
  std::uint64_t length = 0;
  LineRead read = ReadLine(&line, &length);
  if (read == LineRead::kOk && IsVersionLine(line)) return true;
  if (read == LineRead::kEnd && line.substr(0, 5) == "WARC/") {
    if (!in_->status().ok()) return StreamFailed(page);
    return Fail(page, path_,
                Status::Corruption(path_ + ": WARC record at byte offset " +
                                   std::to_string(start->offset) + ": truncated"));
  }
  // Not a record: skip to the next line that starts one.
  std::uint64_t skipped = length;
  while (Available()) {
    Start next{in_->offset(), in_->at_member_start()};
    read = ReadLine(&line, &length);
    if (read == LineRead::kOk && IsVersionLine(line)) {
      held_ = next;
      break;
    }
    skipped += length;
  }
  return Fail(
      page, path_,
      Status::Corruption(path_ + ": byte offset " + std::to_string(start->offset) +
                         ": not a WARC record (skipped " + std::to_string(skipped) + " bytes)"));
}

bool WarcReader::Next(RawPage* page) {
  while (!ended_) {
    Start start;
    page->status = Status();
    if (!FindRecord(&start, page)) return false;
    if (!page->status.ok()) return true;
    // A record that begins a gzip member ends in it (one member per record).
    cross_members_ = !start.in_one_member;
    const std::string where =
        path_ + ": WARC record at byte offset " + std::to_string(start.offset);
    auto truncated = [&] {
      if (!in_->status().ok()) return StreamFailed(page);
      return Fail(page, path_, Status::Corruption(where + ": truncated"));
    };
    auto malformed = [&](const std::string& why) {
      return Fail(page, path_, Status::Corruption(where + ": malformed: " + why));
    };

    std::string type, url, length_text;
    std::string line;
    std::uint64_t length = 0, header_bytes = 0;
    for (;;) {
      LineRead read = ReadLine(&line, &length);
      if (read == LineRead::kEnd) return truncated();
      header_bytes += length;
      if (read == LineRead::kTooLong || header_bytes > kMaxHeaderBytes) {
        return malformed("header over " + std::to_string(kMaxHeaderBytes) + " bytes");
      }
      if (line.empty()) break;
      if (IsSpace(line[0])) continue;  // the rest of a folded field pith does not read
      std::string_view name, value;
      if (!SplitField(line, &name, &value)) return malformed("header line without a colon");
      if (EqualsNoCase(name, "WARC-Type")) {
        type = value;
      } else if (EqualsNoCase(name, "WARC-Target-URI")) {
        if (value.size() >= 2 && value.front() == '<' && value.back() == '>') {
          value = value.substr(1, value.size() - 2);  // as WARC/1.1's grammar once had it
        }
        url = value;
      } else if (EqualsNoCase(name, "Content-Length")) {
        length_text = value;
      }
    }
    std::uint64_t block_length = 0;
    if (!ParseUint(length_text, 10, &block_length)) {
      return malformed(length_text.empty() ? "no Content-Length"
                                           : "bad Content-Length '" + length_text + "'");
    }

    bool page_record = EqualsNoCase(type, "response") && url.substr(0, 4) != "dns:";
    if (page_record) ++responses_;
    bool keep = page_record && block_length <= max_record_bytes_;
    std::string block;
    for (std::uint64_t left = block_length; left > 0;) {
      if (!Available()) return truncated();
      std::string_view v = in_->Peek();
      std::size_t n = static_cast<std::size_t>(std::min<std::uint64_t>(v.size(), left));
      if (keep) block.append(v.substr(0, n));
      in_->Skip(n);
      left -= n;
    }
    int line_ends = 0;  // "\r\n\r\n" after the block
    while (line_ends < 4 && Available() && (in_->Peek()[0] == '\r' || in_->Peek()[0] == '\n')) {
      in_->Skip(1);
      ++line_ends;
    }
    if (line_ends < 2 && Available()) {
      return malformed("block does not end at its Content-Length of " + length_text);
    }
    if (!page_record) continue;

    page->source = path_ + "#" + std::to_string(responses_);
    if (!keep) {
      page->status =
          Status::TooLarge(page->source + ": record of " + length_text + " bytes exceeds the " +
                           std::to_string(max_record_bytes_) + "-byte cap");
      return true;
    }
    ReadResponse(block, url, max_record_bytes_, page);
    return true;
  }
  return false;
}

}  // namespace pith
