#define BOOST_TEST_MODULE warc_test
#include "fetch/warc.h"

#include <fcntl.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

#include "clean/decode.h"
#include "fetch/byte_stream.h"
#include "pith/fetch.h"
#include "pith/input.h"
#include "tests/fetch/test_server.h"
#include "tests/temp_dir.h"

namespace fs = std::filesystem;
using pith::ContentKind;
using pith::InputOptions;
using pith::RawPage;
using pith::RecordReader;
using pith::Status;
using pith::testing::Gzip;

namespace {

using pith::testing::TempDir;

// A WARC record; length_extra makes its Content-Length lie, as in a record
// that was cut short.
std::string Record(const std::string& type, const std::string& url, const std::string& block,
                   const std::string& version = "WARC/1.1", int length_extra = 0) {
  return version + "\r\nWARC-Type: " + type +
         "\r\nWARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-000000000000>" +
         "\r\nWARC-Date: 2024-05-01T12:00:00Z\r\nWARC-Target-URI: " + url +
         "\r\nContent-Type: application/http; msgtype=" + type +
         "\r\nContent-Length: " + std::to_string(static_cast<int>(block.size()) + length_extra) +
         "\r\n\r\n" + block + "\r\n\r\n";
}

std::string Http(int status, const std::string& headers, const std::string& body) {
  return "HTTP/1.1 " + std::to_string(status) + " X\r\n" + headers +
         "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
}

std::string Page(const std::string& url, const std::string& body) {
  return Record("response", url, Http(200, "Content-Type: text/html\r\n", body));
}

std::vector<RawPage> ReadAll(const std::string& path, InputOptions options = {}) {
  RecordReader reader({path}, std::move(options));
  std::vector<RawPage> pages;
  RawPage page;
  while (reader.Next(&page)) pages.push_back(page);
  return pages;
}

}  // namespace

BOOST_AUTO_TEST_CASE(response_records_become_pages_and_other_records_are_skipped) {
  TempDir dir;
  const std::string cp1251 = "<p>\xCF\xF0\xE8\xE2\xE5\xF2</p>";
  const std::string html = "<html><body><p>zipped and chunked</p></body></html>";
  std::string gz = Gzip(html);
  char size[16];
  std::snprintf(size, sizeof size, "%zx", gz.size());
  std::string chunked_gzip =
      "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n"
      "Transfer-Encoding: chunked\r\nContent-Encoding: gzip\r\n\r\n" +
      std::string(size) + "\r\n" + gz + "\r\n0\r\n\r\n";
  std::string file =
      Gzip(Record("warcinfo", "", "software: test\r\n")) +
      Gzip(Record("request", "http://a.test/", "GET / HTTP/1.1\r\nHost: a.test\r\n\r\n")) +
      Gzip(Record("response", "http://a.test/",
                  Http(200, "Content-Type: text/html; charset=windows-1251\r\n", cp1251))) +
      Gzip(Record("metadata", "http://a.test/", "fetchTimeMs: 12\r\n")) +
      Gzip(Record("response", "http://a.test/notes.txt",
                  Http(200, "Content-Type: text/plain\r\n", "plain notes"))) +
      Gzip(Record("resource", "file:///x.html", "<p>resource</p>")) +
      Gzip(Record("response", "http://a.test/gone", Http(404, "", "gone"))) +
      Gzip(Record("response", "http://a.test/logo.png",
                  Http(200, "Content-Type: image/png\r\n", "\x89PNG"))) +
      Gzip(Record("response", "<http://a.test/zipped>", chunked_gzip)) +
      Gzip(Record("response", "dns:a.test", "20240501120000\na.test. 60 IN A 127.0.0.1\n"));
  std::string path = dir.Write("crawl.warc.gz", file);
  std::vector<RawPage> pages = ReadAll(path);
  BOOST_REQUIRE_EQUAL(pages.size(), 5u);

  BOOST_TEST(pages[0].status.ok(), pages[0].status.ToString());
  BOOST_TEST(pages[0].source == path + "#1");
  BOOST_TEST((pages[0].kind == ContentKind::kHtml));
  BOOST_TEST(pages[0].given.url == "http://a.test/");
  BOOST_TEST(pages[0].charset == "windows-1251");
  BOOST_TEST(pages[0].body == cp1251);

  BOOST_TEST(pages[1].status.ok());
  BOOST_TEST((pages[1].kind == ContentKind::kText));
  BOOST_TEST(pages[1].body == "plain notes");

  BOOST_TEST((pages[2].status.code() == Status::Code::kIOError));
  BOOST_TEST(pages[2].status.message() == path + "#3: HTTP status 404");

  BOOST_TEST((pages[3].status.code() == Status::Code::kUnsupported));
  BOOST_TEST(pages[3].status.message() == path + "#4: not a page: content type image/png");

  BOOST_TEST(pages[4].status.ok(), pages[4].status.ToString());
  BOOST_TEST(pages[4].given.url == "http://a.test/zipped");
  BOOST_TEST(pages[4].body == html);
}

BOOST_AUTO_TEST_CASE(record_cut_short_inside_its_member_is_an_error_at_the_member_offset) {
  TempDir dir;
  std::string first = Gzip(Page("http://a.test/1", "<p>one</p>"));
  std::string cut =
      Gzip(Record("response", "http://a.test/2",
                  Http(200, "Content-Type: text/html\r\n", "<p>two</p>"), "WARC/1.1", 500));
  std::string third = Gzip(Page("http://a.test/3", "<p>three</p>"));
  std::string path = dir.Write("cut.warc.gz", first + cut + third);
  std::vector<RawPage> pages = ReadAll(path);
  BOOST_REQUIRE_EQUAL(pages.size(), 3u);
  BOOST_TEST(pages[0].body == "<p>one</p>");
  BOOST_TEST((pages[1].status.code() == Status::Code::kCorruption));
  BOOST_TEST(pages[1].source == path);
  BOOST_TEST(pages[1].status.message() ==
             path + ": WARC record at byte offset " + std::to_string(first.size()) + ": truncated");
  BOOST_TEST(pages[2].status.ok(), pages[2].status.ToString());
  BOOST_TEST(pages[2].body == "<p>three</p>");
  BOOST_TEST(pages[2].source == path + "#3");
}

BOOST_AUTO_TEST_CASE(gzip_member_cut_short_in_the_middle_is_an_error_and_reading_goes_on) {
  TempDir dir;
  std::string filler;  // text that does not compress away
  unsigned state = 7;
  for (int i = 0; i < 3000; ++i) {
    state = state * 1103515245u + 12345u;
    filler += static_cast<char>('a' + (state >> 16) % 26);
  }
  std::string first = Gzip(Page("http://a.test/1", "<p>one " + filler + "</p>"));
  std::string second = Gzip(Page("http://a.test/2", "<p>two " + filler + "</p>"));
  std::string third = Gzip(Page("http://a.test/3", "<p>three</p>"));
  second.resize(second.size() / 2);
  std::string path = dir.Write("damaged.warc.gz", first + second + third);
  std::vector<RawPage> pages = ReadAll(path);
  BOOST_REQUIRE_EQUAL(pages.size(), 3u);
  BOOST_TEST(pages[0].status.ok());
  BOOST_TEST((pages[1].status.code() == Status::Code::kCorruption));
  BOOST_TEST(pages[1].status.message().find(path + ": ") == 0u, pages[1].status.message());
  BOOST_TEST(pages[1].status.message().find("gzip stream at byte offset") != std::string::npos,
             pages[1].status.message());
  BOOST_TEST(pages[2].status.ok(), pages[2].status.ToString());
  BOOST_TEST(pages[2].given.url == "http://a.test/3");
  BOOST_TEST(pages[2].body == "<p>three</p>");
}

BOOST_AUTO_TEST_CASE(gzip_cut_short_at_the_end_keeps_the_records_before_it) {
  TempDir dir;
  std::string first = Gzip(Page("http://a.test/1", "<p>one</p>"));
  std::string second = Gzip(Page("http://a.test/2", "<p>two</p>"));
  std::string file = first + second.substr(0, second.size() / 2);
  std::string path = dir.Write("partial.warc.gz", file);
  std::vector<RawPage> pages = ReadAll(path);
  BOOST_REQUIRE_EQUAL(pages.size(), 2u);
  BOOST_TEST(pages[0].body == "<p>one</p>");
  BOOST_TEST(pages[1].status.message() ==
             path + ": truncated gzip stream at byte offset " + std::to_string(file.size()));
}

BOOST_AUTO_TEST_CASE(whole_file_gzip_with_many_records_in_one_member_is_read) {
  TempDir dir;
  std::string path = dir.Write("one-member.warc.gz", Gzip(Page("http://a.test/1", "<p>1</p>") +
                                                          Page("http://a.test/2", "<p>2</p>") +
                                                          Page("http://a.test/3", "<p>3</p>")));
  std::vector<RawPage> pages = ReadAll(path);
  BOOST_REQUIRE_EQUAL(pages.size(), 3u);
  for (int i = 0; i < 3; ++i) {
    BOOST_TEST(pages[i].status.ok());
    BOOST_TEST(pages[i].body == "<p>" + std::to_string(i + 1) + "</p>");
  }
}

BOOST_AUTO_TEST_CASE(plain_warc_1_0_with_bytes_between_records_reports_them_and_goes_on) {
  TempDir dir;
  std::string first = Record("response", "http://a.test/1",
                             Http(200, "Content-Type: text/html\r\n", "<p>one</p>"), "WARC/1.0");
  std::string junk = "this is not\r\na WARC record\r\n";
  std::string second = Record("response", "http://a.test/2",
                              Http(200, "Content-Type: text/html\r\n", "<p>two</p>"), "WARC/1.0");
  std::string path = dir.Write("old.warc", first + junk + second);
  std::vector<RawPage> pages = ReadAll(path);
  BOOST_REQUIRE_EQUAL(pages.size(), 3u);
  BOOST_TEST(pages[0].body == "<p>one</p>");
  BOOST_TEST(pages[1].status.message() == path + ": byte offset " + std::to_string(first.size()) +
                                              ": not a WARC record (skipped " +
                                              std::to_string(junk.size()) + " bytes)");
  BOOST_TEST(pages[2].body == "<p>two</p>");
}

BOOST_AUTO_TEST_CASE(plain_warc_cut_short_is_a_truncated_record_at_its_offset) {
  TempDir dir;
  std::string first = Page("http://a.test/1", "<p>one</p>");
  std::string second = Page("http://a.test/2", "<p>two</p>");
  std::string path = dir.Write("cut.warc", first + second.substr(0, second.size() - 20));
  std::vector<RawPage> pages = ReadAll(path);
  BOOST_REQUIRE_EQUAL(pages.size(), 2u);
  BOOST_TEST(pages[0].body == "<p>one</p>");
  BOOST_TEST(pages[1].status.message() ==
             path + ": WARC record at byte offset " + std::to_string(first.size()) + ": truncated");
}

BOOST_AUTO_TEST_CASE(record_without_content_length_is_malformed) {
  TempDir dir;
  std::string bad = "WARC/1.1\r\nWARC-Type: response\r\nWARC-Target-URI: http://a.test/\r\n\r\n";
  std::string good = Page("http://a.test/2", "<p>two</p>");
  std::string path = dir.Write("bad.warc.gz", Gzip(bad) + Gzip(good));
  std::vector<RawPage> pages = ReadAll(path);
  BOOST_REQUIRE_EQUAL(pages.size(), 2u);
  BOOST_TEST(pages[0].status.message() ==
             path + ": WARC record at byte offset 0: malformed: no Content-Length");
  BOOST_TEST(pages[1].body == "<p>two</p>");
}

BOOST_AUTO_TEST_CASE(response_over_the_cap_is_an_error_and_the_next_comes_through) {
  TempDir dir;
  std::string big = Page("http://a.test/big", std::string(5000, 'x'));
  std::string small = Page("http://a.test/small", "<p>small</p>");
  std::string path = dir.Write("caps.warc.gz", Gzip(big) + Gzip(small));
  InputOptions options;
  options.max_record_bytes = 1000;
  std::vector<RawPage> pages = ReadAll(path, options);
  BOOST_REQUIRE_EQUAL(pages.size(), 2u);
  BOOST_TEST((pages[0].status.code() == Status::Code::kTooLarge));
  BOOST_TEST(pages[0].source == path + "#1");
  BOOST_TEST(pages[1].body == "<p>small</p>");
}

BOOST_AUTO_TEST_CASE(writer_stores_the_decoded_payload_with_renamed_coding_headers) {
  TempDir dir;
  std::string path = dir.Path("out.warc.gz");
  {
    std::unique_ptr<pith::WarcWriter> writer;
    BOOST_REQUIRE(pith::WarcWriter::Open(path, false, "pith/test", &writer).ok());
    pith::HttpExchange x;
    x.url = "http://a.test/";
    x.date = "2024-05-01T12:00:00Z";
    x.ip = "127.0.0.1";
    x.request = "GET / HTTP/1.1\r\nHost: a.test\r\n\r\n";
    x.response_head =
        "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Encoding: gzip\r\n"
        "Content-Length: 31\r\n\r\n";
    x.payload = "<p>decoded</p>";
    BOOST_REQUIRE(writer->Write(x).ok());
  }
  // Inflate the whole file (all members) to look at the records as text.
  auto in = std::make_unique<pith::ByteStream>(open(path.c_str(), O_RDONLY), true, path);
  BOOST_REQUIRE(in->gzip());
  std::string text;
  for (std::string_view v = in->Peek(); !v.empty(); v = in->Peek()) {
    text.append(v);
    in->Skip(v.size());
  }
  BOOST_TEST(in->status().ok());
  BOOST_TEST(text.find("WARC-Type: warcinfo") < text.find("WARC-Type: request"));
  BOOST_TEST(text.find("WARC-Type: request") < text.find("WARC-Type: response"));
  BOOST_TEST(text.find("software: pith/test") != std::string::npos);
  BOOST_TEST(text.find("\r\nX-Crawler-Content-Encoding: gzip\r\nX-Crawler-Content-Length: 31\r\n"
                       "Content-Length: 14\r\n\r\n<p>decoded</p>\r\n\r\n") != std::string::npos,
             text);
  BOOST_TEST(text.find("WARC-IP-Address: 127.0.0.1\r\n") != std::string::npos);
  std::vector<RawPage> pages = ReadAll(path);
  BOOST_REQUIRE_EQUAL(pages.size(), 1u);
  BOOST_TEST(pages[0].body == "<p>decoded</p>");
}

BOOST_AUTO_TEST_CASE(fetch_with_warc_reads_back_as_the_same_pages) {
  using pith::testing::Request;
  using pith::testing::Response;
  const std::string cp1251 = "<p>\xCF\xF0\xE8\xE2\xE5\xF2</p>";
  pith::testing::TestServer server([&](const Request& req) {
    Response r;
    r.headers = {{"Content-Type", "text/html; charset=utf-8"}};
    if (req.target == "/cp1251") {
      r.headers = {{"Content-Type", "text/html; charset=windows-1251"}};
      r.body = cp1251;
    } else if (req.target == "/gzip") {
      r.body = pith::testing::Gzip("<p>compressed</p>");
      r.headers.push_back({"Content-Encoding", "gzip"});
    } else if (req.target == "/missing") {
      r.status = 404;
      r.body = "no";
    } else if (req.target == "/moved") {
      r.status = 301;
      r.headers.push_back({"Location", "/plain"});
    } else {
      r.body = "<p>plain " + req.target + "</p>";
      r.chunked = req.target == "/chunked";
    }
    return r;
  });
  TempDir dir;
  pith::FetchOptions options;
  options.host_delay = std::chrono::milliseconds(0);
  options.warc_path = dir.Path("crawl.warc.gz");
  std::vector<std::string> urls = {server.Url("/plain"),   server.Url("/cp1251"),
                                   server.Url("/gzip"),    server.Url("/chunked"),
                                   server.Url("/missing"), server.Url("/moved")};
  std::size_t next = 0;
  std::map<std::string, pith::FetchRecord> fetched;  // by final URL
  pith::Fetcher fetcher(options);
  BOOST_REQUIRE(fetcher
                    .Run(
                        [&](std::string* url) {
                          if (next == urls.size()) return false;
                          *url = urls[next++];
                          return true;
                        },
                        [&](pith::FetchRecord r) {
                          fetched[r.final_url] = r;
                          return Status::OK();
                        })
                    .ok());
  BOOST_REQUIRE_EQUAL(fetched.size(), 5u);  // /moved ends at /plain too

  std::vector<RawPage> pages = ReadAll(options.warc_path);
  BOOST_REQUIRE_EQUAL(pages.size(), 6u);  // every URL's final response
  int ok = 0;
  for (const RawPage& page : pages) {
    if (!page.status.ok()) {
      BOOST_TEST(page.status.message().find("HTTP status 404") != std::string::npos);
      continue;
    }
    ++ok;
    auto it = fetched.find(page.given.url);
    BOOST_REQUIRE_MESSAGE(it != fetched.end(), page.given.url);
    const pith::FetchRecord& r = it->second;
    BOOST_TEST(r.error.ok());
    pith::DecodedText text = pith::DecodeHtml(page.body, page.charset);
    BOOST_TEST(text.charset == r.charset, page.given.url);
    BOOST_TEST(text.utf8 == r.html, page.given.url);
  }
  BOOST_TEST(ok == 5);
  BOOST_TEST(fetched[server.Url("/cp1251")].html == "<p>Привет</p>");
}
