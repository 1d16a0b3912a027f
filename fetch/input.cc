#include "pith/input.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdint>
#include <cstring>
#include <filesystem>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <system_error>
#include <utility>
#include <vector>

#include "clean/text_util.h"
#include "fetch/byte_stream.h"
#include "fetch/warc.h"

namespace pith {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::json;

constexpr std::string_view kStdin = "-";

bool EndsWithNoCase(std::string_view s, std::string_view suffix) {
  if (s.size() < suffix.size()) return false;
  s.remove_prefix(s.size() - suffix.size());
  return std::equal(s.begin(), s.end(), suffix.begin(),
                    [](char a, char b) { return (a >= 'A' && a <= 'Z' ? a - 'A' + 'a' : a) == b; });
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

std::string_view SkipBom(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  return s;
}

bool IsBlank(std::string_view s) { return std::all_of(s.begin(), s.end(), IsAsciiSpace); }

Status TooLarge(const std::string& where, std::uint64_t bytes, std::size_t cap) {
  return Status::TooLarge(where + ": record of " + std::to_string(bytes) + " bytes exceeds the " +
                          std::to_string(cap) + "-byte cap");
}

Status IOError(const std::string& path, int err) {
  return Status::IOError(path + ": " + std::strerror(err));
}

// How the reader treats one file, as decided from its name and the options;
// kSniff when only its first bytes can tell.
enum class Layout { kText, kHtml, kJsonl, kWarc, kSniff };

Layout LayoutOf(std::string_view path, InputFormat format) {
  // A WARC file holds many records in a layout of its own, so its name wins
  // over a forced format (which would turn it into thousands of bad lines).
  if (EndsWithNoCase(path, ".warc") || EndsWithNoCase(path, ".warc.gz")) return Layout::kWarc;
  switch (format) {
    case InputFormat::kText:
      return Layout::kText;
    case InputFormat::kHtml:
      return Layout::kHtml;
    case InputFormat::kJsonl:
      return Layout::kJsonl;
    case InputFormat::kAuto:
      break;
  }
  if (EndsWithNoCase(path, ".jsonl") || EndsWithNoCase(path, ".jsonl.gz")) return Layout::kJsonl;
  if (EndsWithNoCase(path, ".html") || EndsWithNoCase(path, ".htm")) return Layout::kHtml;
  if (EndsWithNoCase(path, ".txt")) return Layout::kText;
  return Layout::kSniff;
}

// Reads the rest of *in as one record's body, holding at most cap bytes: a
// larger input is read to its end (so its size can be told, and a writer on
// a pipe is not cut off) and yields an error.
void ReadBody(ByteStream* in, const std::string& source, std::size_t cap, RawPage* page) {
  std::uint64_t total = 0;
  for (std::string_view v = in->Peek(); !v.empty(); v = in->Peek()) {
    total += v.size();
    if (total <= cap) page->body.append(v);
    in->Skip(v.size());
  }
  if (!in->status().ok()) {
    page->status = in->status();
  } else if (total > cap) {
    page->status = TooLarge(source, total, cap);
  }
  if (!page->status.ok()) page->body = std::string();
}

// Whether an input of unknown layout is JSONL: it starts like a JSON object.
// Otherwise it is one page, and the cleaner tells HTML from a text dump.
bool LooksLikeJsonl(ByteStream* in) {
  std::string_view head = SkipBom(in->Peek());
  auto first = std::find_if_not(head.begin(), head.end(), IsAsciiSpace);
  return first != head.end() && *first == '{';
}

// "[json.exception.parse_error.101] parse error at line 1, column 3: syntax
// error ..." as "column 3: syntax error ...", cut to a readable length (the
// "last read" part may quote a whole record).
std::string ParseErrorReason(std::string_view what) {
  if (auto end = what.find("] "); end != std::string_view::npos) what.remove_prefix(end + 2);
  constexpr std::string_view kLine = "parse error at line 1, ";
  if (what.substr(0, kLine.size()) == kLine) what.remove_prefix(kLine.size());
  constexpr std::size_t kMax = 200;
  if (what.size() <= kMax) return std::string(what);
  return std::string(what.substr(0, kMax)) + "...";
}

// Moves the string at key, if it is one, into *out.
void TakeString(Json& object, const char* key, std::string* out) {
  auto it = object.find(key);
  if (it != object.end() && it->is_string()) *out = std::move(it->get_ref<std::string&>());
}

// Collects the strings of an array, or the comma-separated items of a string,
// dropping empty ones.
std::vector<std::string> StringList(Json& value) {
  std::vector<std::string> items;
  if (value.is_array()) {
    for (Json& item : value) {
      if (item.is_string() && !IsBlank(item.get_ref<std::string&>())) {
        items.push_back(std::move(item.get_ref<std::string&>()));
      }
    }
  } else if (value.is_string()) {
    std::string_view rest = value.get_ref<std::string&>();
    while (!rest.empty()) {
      std::size_t comma = std::min(rest.find(','), rest.size());
      std::string_view item = rest.substr(0, comma);
      auto begin = std::find_if_not(item.begin(), item.end(), IsAsciiSpace);
      auto end = std::find_if_not(item.rbegin(), item.rend(), IsAsciiSpace).base();
      if (begin < end) items.emplace_back(begin, end);
      rest.remove_prefix(std::min(comma + 1, rest.size()));
    }
  }
  return items;
}

void TakeGivenFields(Json& object, Fields* given) {
  TakeString(object, "url", &given->url);
  TakeString(object, "title", &given->title);
  TakeString(object, "date", &given->date);
  TakeString(object, "sitename", &given->sitename);
  TakeString(object, "language", &given->language);
  TakeString(object, "description", &given->description);
  // Authors come as one string or as a list, which Fields joins with "; ".
  if (auto it = object.find("author"); it != object.end() && it->is_array()) {
    for (const std::string& author : StringList(*it)) {
      if (!given->author.empty()) given->author += "; ";
      given->author += author;
    }
  } else {
    TakeString(object, "author", &given->author);
  }
  if (auto it = object.find("tags"); it != object.end()) given->tags = StringList(*it);
}

// The records of one JSONL input, a line at a time.
class JsonlReader {
 public:
  JsonlReader(std::unique_ptr<ByteStream> in, std::string path, const InputOptions& options)
      : in_(std::move(in)), path_(std::move(path)), options_(options) {}

  // Fills *page with the next record; false at the end of the input.
  bool Next(RawPage* page) {
    std::size_t length;
    while (ReadLine(&length)) {
      ++line_number_;
      std::string_view line = line_;
      if (line_number_ == 1) line = SkipBom(line);
      if (length <= options_.max_record_bytes && IsBlank(line)) continue;
      page->source = path_ + "#" + std::to_string(++record_number_);
      std::string where = path_ + ":" + std::to_string(line_number_);
      if (length > options_.max_record_bytes) {
        page->status = TooLarge(where, length, options_.max_record_bytes);
      } else {
        Parse(line, where, page);
      }
      return true;
    }
    if (in_->status().ok() || stream_error_reported_) return false;
    stream_error_reported_ = true;
    page->source = path_;
    page->status = in_->status();
    return true;
  }

 private:
  // Reads the next line, without its '\n', into line_ and its full length
  // into *length; a line over the cap is read past without being kept. A last
  // line cut short by a read or gzip error is dropped: the error reports it.
  bool ReadLine(std::size_t* length) {
    line_.clear();
    *length = 0;
    bool any = false;
    for (std::string_view v = in_->Peek(); !v.empty(); v = in_->Peek()) {
      any = true;
      std::size_t newline = v.find('\n');
      std::string_view part = v.substr(0, newline);
      *length += part.size();
      if (*length <= options_.max_record_bytes) {
        line_.append(part);
      } else if (!line_.empty()) {
        line_ = std::string();  // give the memory back
      }
      in_->Skip(newline == std::string_view::npos ? v.size() : newline + 1);
      if (newline != std::string_view::npos) return true;
    }
    return any && in_->status().ok();
  }

  void Parse(std::string_view line, const std::string& where, RawPage* page) {
    Json object;
    std::string reason;
    if (!ParseLine(line, &object, &reason)) {
      // Scraped text is often not valid UTF-8, which JSON requires: read such
      // a line as its repaired form rather than lose the record.
      if (IsValidUtf8(line) || !ParseLine(RepairUtf8(line), &object, &reason)) {
        page->status = Status::Corruption(where + ": malformed JSON: " + reason);
        return;
      }
    }
    // A record an earlier stage could not produce (a failed `pith fetch`)
    // keeps its reason rather than turning into an empty page.
    if (object.is_object()) {
      const auto error = object.find("error");
      if (error != object.end() && error->is_string() && !error->get_ref<std::string&>().empty()) {
        if (auto url = object.find("url"); url != object.end() && url->is_string()) {
          page->given.url = url->get<std::string>();
        }
        page->status = Status::IOError(where + ": " + error->get<std::string>());
        return;
      }
    }
    auto body = object.end();
    if (object.is_object()) {
      for (const std::string* field : {&options_.text_field, &options_.html_field}) {
        body = object.find(*field);
        if (body != object.end() && body->is_string()) {
          page->kind = field == &options_.text_field ? ContentKind::kText : ContentKind::kHtml;
          break;
        }
        body = object.end();
      }
    }
    if (body == object.end()) {
      page->status = Status::Corruption(where + ": record has no '" + options_.text_field +
                                        "' or '" + options_.html_field + "' field");
      return;
    }
    page->body = std::move(body->get_ref<std::string&>());
    TakeGivenFields(object, &page->given);
  }

  // Parses line into *object; on failure says why in *reason.
  static bool ParseLine(std::string_view line, Json* object, std::string* reason) {
    try {
      *object = Json::parse(line);
      return true;
    } catch (const Json::exception& e) {
      *reason = ParseErrorReason(e.what());
    } catch (const std::exception& e) {  // bad_alloc on a pathological line
      *reason = e.what();
    }
    return false;
  }

  std::unique_ptr<ByteStream> in_;
  std::string path_;
  const InputOptions& options_;
  std::string line_;
  std::size_t line_number_ = 0;    // lines read, blank ones included
  std::size_t record_number_ = 0;  // non-blank lines read
  bool stream_error_reported_ = false;
};

// A file to read, or the error found while walking to it.
struct Pending {
  std::string path;
  Status error;
};

// Appends the wanted files under root, and the folders that could not be
// read, to *out sorted by path. Symbolic links to folders are not followed,
// so a link cycle cannot trap the walk.
void Walk(const std::string& root, std::vector<Pending>* out) {
  std::size_t first = out->size();
  std::vector<fs::path> folders{fs::path(root)};
  while (!folders.empty()) {
    fs::path folder = std::move(folders.back());
    folders.pop_back();
    std::error_code ec;
    for (fs::directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
      std::error_code type_ec;
      fs::file_status link_status = it->symlink_status(type_ec);
      if (fs::is_directory(link_status)) {
        folders.push_back(it->path());
      } else if (it->is_regular_file(type_ec) && IsFolderInput(it->path().native())) {
        out->push_back({it->path().string(), Status()});
      }
    }
    if (ec) out->push_back({folder.string(), IOError(folder.string(), ec.value())});
  }
  std::sort(out->begin() + static_cast<std::ptrdiff_t>(first), out->end(),
            [](const Pending& a, const Pending& b) { return a.path < b.path; });
}

}  // namespace

struct RecordReader::Rep {
  InputOptions options;
  std::vector<std::string> inputs;
  std::size_t next_input = 0;
  std::vector<Pending> pending;  // files of the input being read
  std::size_t next_pending = 0;
  std::unique_ptr<JsonlReader> jsonl;  // the JSONL file being read
  std::unique_ptr<WarcReader> warc;    // the WARC file being read

  // Opens a file: fills *page and returns true when the file is one record
  // (or an error), or starts a JSONL or WARC reader and returns false.
  bool Open(const Pending& file, RawPage* page) {
    page->source = file.path;
    if (!file.error.ok()) {
      page->status = file.error;
      return true;
    }
    Layout layout =
        file.path == kStdin ? LayoutOf("", options.format) : LayoutOf(file.path, options.format);
    int fd = STDIN_FILENO;
    if (file.path != kStdin) {
      do {
        fd = open(file.path.c_str(), O_RDONLY | O_CLOEXEC);
      } while (fd < 0 && errno == EINTR);
      if (fd < 0) {
        page->status = IOError(file.path, errno);
        return true;
      }
    }
    struct stat st;
    bool is_regular = fstat(fd, &st) == 0 && S_ISREG(st.st_mode);
    auto in = std::make_unique<ByteStream>(fd, file.path != kStdin, file.path,
                                           /*split_members=*/layout == Layout::kWarc);
    if (layout == Layout::kWarc) {
      warc = std::make_unique<WarcReader>(std::move(in), file.path, options.max_record_bytes);
      return false;
    }
    if (layout == Layout::kJsonl || (layout == Layout::kSniff && LooksLikeJsonl(in.get()))) {
      jsonl = std::make_unique<JsonlReader>(std::move(in), file.path, options);
      return false;
    }
    page->kind = layout == Layout::kHtml   ? ContentKind::kHtml
                 : layout == Layout::kText ? ContentKind::kText
                                           : ContentKind::kAuto;
    // A plain file's size is known up front: an oversized one is not read.
    if (is_regular && !in->gzip() &&
        static_cast<std::uint64_t>(st.st_size) > options.max_record_bytes) {
      page->status =
          TooLarge(file.path, static_cast<std::uint64_t>(st.st_size), options.max_record_bytes);
      return true;
    }
    ReadBody(in.get(), file.path, options.max_record_bytes, page);
    return true;
  }

  bool Next(RawPage* page) {
    *page = RawPage();
    for (;;) {
      if (jsonl) {
        if (jsonl->Next(page)) return true;
        jsonl.reset();
      }
      if (warc) {
        if (warc->Next(page)) return true;
        warc.reset();
      }
      if (next_pending < pending.size()) {
        if (Open(pending[next_pending++], page)) return true;
        continue;
      }
      if (next_input == inputs.size()) return false;
      pending.clear();
      next_pending = 0;
      const std::string& path = inputs[next_input++];
      std::error_code ec;
      if (path != kStdin && fs::is_directory(path, ec)) {
        Walk(path, &pending);
      } else {
        pending.push_back({path, Status()});
      }
    }
  }
};

bool IsFolderInput(std::string_view path) {
  for (std::string_view ext :
       {".html", ".htm", ".txt", ".jsonl", ".jsonl.gz", ".warc", ".warc.gz"}) {
    if (EndsWithNoCase(path, ext)) return true;
  }
  return false;
}

RecordReader::RecordReader(std::vector<std::string> inputs, InputOptions options)
    : rep_(std::make_unique<Rep>()) {
  rep_->options = std::move(options);
  rep_->inputs = std::move(inputs);
}

RecordReader::~RecordReader() = default;

bool RecordReader::Next(RawPage* page) { return rep_->Next(page); }

}  // namespace pith
