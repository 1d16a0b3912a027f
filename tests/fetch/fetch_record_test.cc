#define BOOST_TEST_MODULE fetch_record_test
#include "fetch/fetch_record.h"

#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using pith::FetchRecord;
using pith::Status;

namespace {

FetchRecord Sample() {
  FetchRecord r;
  r.url = "http://a.test/x";
  r.final_url = "http://a.test/y";
  r.status = 200;
  r.fetched_at = "2024-05-01T12:00:00Z";
  r.content_type = "text/html";
  r.charset = "windows-1251";
  r.etag = "\"v1\"";
  r.html = "<p>Привет\n\"quoted\"</p>";
  return r;
}

std::string TempFile(const std::string& bytes) {
  std::string path = (fs::temp_directory_path() / "pith_fetch_record_test.XXXXXX").string();
  int fd = mkstemp(path.data());
  BOOST_REQUIRE(fd >= 0);
  close(fd);
  std::ofstream(path, std::ios::binary) << bytes;
  return path;
}

}  // namespace

BOOST_AUTO_TEST_CASE(json_line_has_the_fields_in_order_with_nulls_for_unknowns) {
  std::string line = pith::ToJsonLine(Sample());
  BOOST_TEST(line.back() == '\n');
  BOOST_TEST(line.find('\n') == line.size() - 1);
  BOOST_TEST(line ==
             "{\"url\":\"http://a.test/x\",\"final_url\":\"http://a.test/y\",\"status\":200,"
             "\"fetched_at\":\"2024-05-01T12:00:00Z\",\"content_type\":\"text/html\","
             "\"charset\":\"windows-1251\",\"last_modified\":null,\"etag\":\"\\\"v1\\\"\","
             "\"html\":\"<p>Привет\\n\\\"quoted\\\"</p>\",\"error\":null}\n");
}

BOOST_AUTO_TEST_CASE(failed_record_carries_its_error_and_an_empty_page) {
  FetchRecord r;
  r.url = "ftp://a.test/";
  r.error = Status::Unsupported("unsupported scheme 'ftp'");
  nlohmann::json j = nlohmann::json::parse(pith::ToJsonLine(r));
  BOOST_TEST(j["status"].is_null());
  BOOST_TEST(j["final_url"].is_null());
  BOOST_TEST(j["html"] == "");
  BOOST_TEST(j["error"] == "unsupported: unsupported scheme 'ftp'");
}

BOOST_AUTO_TEST_CASE(resume_reads_whole_lines_and_leaves_out_a_half_line) {
  FetchRecord a = Sample();
  FetchRecord b = Sample();
  b.url = "http://a.test/b";
  std::string whole = pith::ToJsonLine(a) + "not json\n" + pith::ToJsonLine(b);
  std::string half = pith::ToJsonLine(b).substr(0, 30);
  std::string path = TempFile(whole + half);
  std::vector<std::string> urls;
  std::uint64_t whole_bytes = 0;
  BOOST_REQUIRE(pith::ReadFetchedUrls(path, &urls, &whole_bytes).ok());
  BOOST_TEST(urls == (std::vector<std::string>{"http://a.test/x", "http://a.test/b"}),
             boost::test_tools::per_element());
  BOOST_TEST(whole_bytes == whole.size());
  fs::remove(path);
}

BOOST_AUTO_TEST_CASE(resume_from_a_missing_file_starts_afresh) {
  std::vector<std::string> urls;
  std::uint64_t whole_bytes = 1;
  BOOST_TEST(pith::ReadFetchedUrls("/nonexistent/pith/out.jsonl", &urls, &whole_bytes).ok());
  BOOST_TEST(urls.empty());
  BOOST_TEST(whole_bytes == 0u);
}

BOOST_AUTO_TEST_CASE(record_becomes_a_page_for_the_cleaner) {
  pith::RawPage page = pith::ToRawPage(Sample());
  BOOST_TEST(page.source == "http://a.test/x");
  BOOST_TEST(page.given.url == "http://a.test/y");
  BOOST_TEST((page.kind == pith::ContentKind::kHtml));
  BOOST_TEST(page.body == "<p>Привет\n\"quoted\"</p>");
  BOOST_TEST(page.charset == "utf-8");
  FetchRecord failed;
  failed.url = "http://a.test/404";
  failed.error = Status::IOError("HTTP status 404");
  BOOST_TEST(pith::ToRawPage(failed).status.message() == "HTTP status 404");
}
