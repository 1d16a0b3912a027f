#include "fetch/fetch_record.h"

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string_view>
#include <utility>

#include "clean/article_writer.h"

namespace pith {
namespace {

void AppendKey(std::string_view key, std::string* out) {
  out->append(out->size() == 1 ? "\"" : ",\"").append(key).append("\":");
}

// A string field, null when empty.
void AppendField(std::string_view key, const std::string& value, std::string* out) {
  AppendKey(key, out);
  if (value.empty()) {
    out->append("null");
  } else {
    AppendJsonString(value, out);
  }
}

}  // namespace

std::string Iso8601(std::chrono::system_clock::time_point t) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(t);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

std::string ToJsonLine(const FetchRecord& r) {
  std::string out = "{";
  AppendKey("url", &out);
  AppendJsonString(r.url, &out);
  AppendField("final_url", r.final_url, &out);
  AppendKey("status", &out);
  out.append(r.status == 0 ? "null" : std::to_string(r.status));
  AppendField("fetched_at", r.fetched_at, &out);
  AppendField("content_type", r.content_type, &out);
  AppendField("charset", r.charset, &out);
  AppendField("last_modified", r.last_modified, &out);
  AppendField("etag", r.etag, &out);
  AppendKey("html", &out);
  AppendJsonString(r.html, &out);
  AppendField("error", r.error.ok() ? std::string() : r.error.ToString(), &out);
  out.append("}\n");
  return out;
}

Status ReadFetchedUrls(const std::string& path, std::vector<std::string>* urls,
                       std::uint64_t* whole_bytes) {
  *whole_bytes = 0;
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    if (errno == ENOENT) return Status::OK();
    return Status::IOError(path + ": " + std::strerror(errno));
  }
  std::string line;
  while (std::getline(in, line)) {
    if (in.eof()) break;  // no '\n': the half line of a killed run
    *whole_bytes += line.size() + 1;
    nlohmann::json record = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
    if (!record.is_object()) continue;
    auto url = record.find("url");
    if (url != record.end() && url->is_string() && record.contains("html")) {
      urls->push_back(url->get<std::string>());
    }
  }
  if (in.bad()) return Status::IOError(path + ": " + std::strerror(errno));
  return Status::OK();
}

RawPage ToRawPage(FetchRecord record) {
  RawPage page;
  page.source = record.url;
  page.kind = record.content_type == "text/plain" ? ContentKind::kText : ContentKind::kHtml;
  page.body = std::move(record.html);
  page.given.url = record.final_url.empty() ? std::move(record.url) : std::move(record.final_url);
  page.charset = "utf-8";  // the record's html is already converted
  page.status = std::move(record.error);
  return page;
}

}  // namespace pith
