#define BOOST_TEST_MODULE input_test
#include "pith/input.h"
#include "tests/temp_dir.h"

#include <zlib.h>

#include <boost/test/unit_test.hpp>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

namespace fs = std::filesystem;
using pith::ContentKind;
using pith::InputFormat;
using pith::InputOptions;
using pith::RawPage;
using pith::RecordReader;
using pith::Status;

namespace {

using pith::testing::TempDir;

std::vector<RawPage> ReadAll(std::vector<std::string> inputs, InputOptions options = {}) {
  RecordReader reader(std::move(inputs), std::move(options));
  std::vector<RawPage> pages;
  RawPage page;
  while (reader.Next(&page)) pages.push_back(page);
  return pages;
}

std::vector<std::string> Sources(const std::vector<RawPage>& pages) {
  std::vector<std::string> sources;
  for (const RawPage& p : pages) sources.push_back(p.source);
  return sources;
}

// bytes as one gzip member.
std::string Gzip(const std::string& bytes) {
  z_stream z{};
  BOOST_REQUIRE(deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) == Z_OK);
  std::string out(deflateBound(&z, bytes.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  BOOST_REQUIRE(deflate(&z, Z_FINISH) == Z_STREAM_END);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

// n JSONL lines {"text":"line I <noise>"}, I from 1, with noise that does not
// compress away, so that a cut in the gzip stream falls between lines.
std::string NumberedLines(int n) {
  std::string out;
  unsigned state = 12345;
  for (int i = 1; i <= n; ++i) {
    out += "{\"text\":\"line " + std::to_string(i) + " ";
    for (int k = 0; k < 40; ++k) {
      state = state * 1103515245u + 12345u;
      out += static_cast<char>('a' + (state >> 16) % 26);
    }
    out += "\"}\n";
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(text_file_is_one_record_holding_its_bytes) {
  TempDir dir;
  std::string path = dir.Write("page.txt", "Title\n\nBody line.\n");
  std::vector<RawPage> pages = ReadAll({path});
  BOOST_REQUIRE_EQUAL(pages.size(), 1u);
  BOOST_TEST(pages[0].status.ok());
  BOOST_TEST(pages[0].source == path);
  BOOST_TEST(pages[0].body == "Title\n\nBody line.\n");
  BOOST_TEST((pages[0].kind == ContentKind::kText));
}

BOOST_AUTO_TEST_CASE(html_file_is_an_html_record) {
  TempDir dir;
  std::vector<RawPage> pages = ReadAll({dir.Write("page.HTM", "<p>x</p>")});
  BOOST_REQUIRE_EQUAL(pages.size(), 1u);
  BOOST_TEST((pages[0].kind == ContentKind::kHtml));
  BOOST_TEST(pages[0].body == "<p>x</p>");
}

BOOST_AUTO_TEST_CASE(empty_file_is_a_record_with_an_empty_body) {
  TempDir dir;
  std::vector<RawPage> pages = ReadAll({dir.Write("empty.txt", "")});
  BOOST_REQUIRE_EQUAL(pages.size(), 1u);
  BOOST_TEST(pages[0].status.ok());
  BOOST_TEST(pages[0].body.empty());
}

BOOST_AUTO_TEST_CASE(missing_file_is_an_io_error_record_and_reading_goes_on) {
  TempDir dir;
  std::string missing = dir.Path("missing.txt");
  std::string good = dir.Write("good.txt", "text");
  std::vector<RawPage> pages = ReadAll({missing, good});
  BOOST_REQUIRE_EQUAL(pages.size(), 2u);
  BOOST_TEST((pages[0].status.code() == Status::Code::kIOError));
  BOOST_TEST(pages[0].source == missing);
  BOOST_TEST(pages[0].status.message() == missing + ": No such file or directory");
  BOOST_TEST(pages[1].status.ok());
  BOOST_TEST(pages[1].body == "text");
}

BOOST_AUTO_TEST_CASE(folder_walk_is_recursive_sorted_and_takes_only_page_files) {
  TempDir dir;
  dir.Write("root/z.jsonl", "{\"text\":\"j\"}\n");
  dir.Write("root/b.txt", "b");
  dir.Write("root/sub/deeper/d.TXT", "d");
  dir.Write("root/sub/c.htm", "c");
  dir.Write("root/a.html", "a");
  dir.Write("root/skip.pdf", "no");
  dir.Write("root/notes.md", "no");
  dir.Write("root/sub/data.json", "no");
  std::string root = dir.Path("root");
  std::vector<RawPage> pages = ReadAll({root});
  std::vector<std::string> expected = {root + "/a.html", root + "/b.txt", root + "/sub/c.htm",
                                       root + "/sub/deeper/d.TXT", root + "/z.jsonl#1"};
  BOOST_TEST(Sources(pages) == expected, boost::test_tools::per_element());
  for (const RawPage& p : pages) BOOST_TEST(p.status.ok());
}

BOOST_AUTO_TEST_CASE(warc_file_cut_after_its_version_line_is_one_truncated_record) {
  TempDir dir;
  std::string path = dir.Write("crawl.warc.gz", "WARC/1.0\r\n");
  std::vector<RawPage> pages = ReadAll({path, dir.Write("after.txt", "x")});
  BOOST_REQUIRE_EQUAL(pages.size(), 2u);
  BOOST_TEST((pages[0].status.code() == Status::Code::kCorruption));
  BOOST_TEST(pages[0].status.message() == path + ": WARC record at byte offset 0: truncated");
  BOOST_TEST(pages[1].status.ok());
}

BOOST_AUTO_TEST_CASE(jsonl_header_fields_pass_through_and_unknown_keys_are_ignored) {
  TempDir dir;
  std::string path = dir.Write(
      "dump.jsonl",
      R"({"url":"https://example.org/a","title":"T","date":"2024-06-12","author":"Ann Lee",)"
      R"("sitename":"Example","language":"en","description":"D","tags":["x","y"],)"
      R"("extra":{"nested":[1,2]},"text":"Body\nline"})"
      "\n");
  std::vector<RawPage> pages = ReadAll({path});
  BOOST_REQUIRE_EQUAL(pages.size(), 1u);
  const RawPage& p = pages[0];
  BOOST_TEST(p.status.ok());
  BOOST_TEST(p.source == path + "#1");
  BOOST_TEST((p.kind == ContentKind::kText));
  BOOST_TEST(p.body == "Body\nline");
  BOOST_TEST(p.given.url == "https://example.org/a");
  BOOST_TEST(p.given.title == "T");
  BOOST_TEST(p.given.date == "2024-06-12");
  BOOST_TEST(p.given.author == "Ann Lee");
  BOOST_TEST(p.given.sitename == "Example");
  BOOST_TEST(p.given.language == "en");
  BOOST_TEST(p.given.description == "D");
  BOOST_TEST(p.given.tags == (std::vector<std::string>{"x", "y"}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(jsonl_tags_as_a_string_are_split_on_commas) {
  TempDir dir;
  std::string path = dir.Write(
      "dump.jsonl", R"({"text":"b","tags":" nato, ukraine ,,defence ","author":["A","B"]})");
  std::vector<RawPage> pages = ReadAll({path});
  BOOST_REQUIRE_EQUAL(pages.size(), 1u);
  BOOST_TEST(pages[0].given.tags == (std::vector<std::string>{"nato", "ukraine", "defence"}),
             boost::test_tools::per_element());
  BOOST_TEST(pages[0].given.author == "A; B");
}

BOOST_AUTO_TEST_CASE(jsonl_html_field_is_read_when_there_is_no_text_field) {
  TempDir dir;
  std::string path =
      dir.Write("dump.jsonl", "{\"html\":\"<p>h</p>\"}\n{\"html\":\"<p>h</p>\",\"text\":\"t\"}\n");
  std::vector<RawPage> pages = ReadAll({path});
  BOOST_REQUIRE_EQUAL(pages.size(), 2u);
  BOOST_TEST((pages[0].kind == ContentKind::kHtml));
  BOOST_TEST(pages[0].body == "<p>h</p>");
  BOOST_TEST((pages[1].kind == ContentKind::kText));
  BOOST_TEST(pages[1].body == "t");
}

BOOST_AUTO_TEST_CASE(jsonl_field_names_come_from_the_options) {
  TempDir dir;
  std::string path = dir.Write("dump.jsonl", "{\"content\":\"c\"}\n{\"text\":\"t\"}\n");
  InputOptions options;
  options.text_field = "content";
  options.html_field = "raw";
  std::vector<RawPage> pages = ReadAll({path}, options);
  BOOST_REQUIRE_EQUAL(pages.size(), 2u);
  BOOST_TEST(pages[0].body == "c");
  BOOST_TEST(pages[1].status.message() == path + ":2: record has no 'content' or 'raw' field");
}

BOOST_AUTO_TEST_CASE(malformed_middle_line_is_one_error_and_the_following_lines_come_through) {
  TempDir dir;
  std::string path = dir.Write("dump.jsonl",
                               "{\"text\":\"one\"}\n"
                               "{\"text\": oops}\n"
                               "{\"text\":\"three\"}\n"
                               "{\"text\":\"four\"}");  // no final newline
  std::vector<RawPage> pages = ReadAll({path});
  BOOST_REQUIRE_EQUAL(pages.size(), 4u);
  BOOST_TEST(pages[0].body == "one");
  BOOST_TEST((pages[1].status.code() == Status::Code::kCorruption));
  BOOST_TEST(pages[1].source == path + "#2");
  BOOST_TEST(pages[1].status.message().rfind(path + ":2: malformed JSON: ", 0) == 0,
             pages[1].status.message());
  BOOST_TEST(pages[2].status.ok());
  BOOST_TEST(pages[2].body == "three");
  BOOST_TEST(pages[3].body == "four");
  BOOST_TEST(pages[3].source == path + "#4");
}

BOOST_AUTO_TEST_CASE(blank_lines_are_not_records_but_count_as_lines) {
  TempDir dir;
  std::string path = dir.Write("dump.jsonl", "\n{\"text\":\"a\"}\n   \r\n\t\n{bad\n\n");
  std::vector<RawPage> pages = ReadAll({path});
  BOOST_REQUIRE_EQUAL(pages.size(), 2u);
  BOOST_TEST(pages[0].source == path + "#1");
  BOOST_TEST(pages[0].body == "a");
  BOOST_TEST(pages[1].source == path + "#2");
  BOOST_TEST(pages[1].status.message().rfind(path + ":5: malformed JSON", 0) == 0,
             pages[1].status.message());
}

BOOST_AUTO_TEST_CASE(line_without_a_page_field_or_not_an_object_is_an_error) {
  TempDir dir;
  std::string path = dir.Write(
      "dump.jsonl", "{\"title\":\"no page\"}\n[1,2]\n{\"text\":null}\n{\"text\":\"ok\"}\n");
  std::vector<RawPage> pages = ReadAll({path});
  BOOST_REQUIRE_EQUAL(pages.size(), 4u);
  for (int i = 0; i < 3; ++i) {
    BOOST_TEST((pages[i].status.code() == Status::Code::kCorruption));
    BOOST_TEST(pages[i].status.message() ==
               path + ":" + std::to_string(i + 1) + ": record has no 'text' or 'html' field");
  }
  BOOST_TEST(pages[3].status.ok());
}

BOOST_AUTO_TEST_CASE(bom_and_crlf_line_ends_are_accepted) {
  TempDir dir;
  std::string path =
      dir.Write("dump.jsonl", "\xEF\xBB\xBF{\"text\":\"a\"}\r\n{\"text\":\"b\"}\r\n");
  std::vector<RawPage> pages = ReadAll({path});
  BOOST_REQUIRE_EQUAL(pages.size(), 2u);
  BOOST_TEST(pages[0].status.ok(), pages[0].status.ToString());
  BOOST_TEST(pages[0].body == "a");
  BOOST_TEST(pages[1].body == "b");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_in_a_jsonl_line_is_repaired_not_rejected) {
  TempDir dir;
  std::string path = dir.Write("dump.jsonl", "{\"text\":\"caf\xE9 au lait\"}\n");
  std::vector<RawPage> pages = ReadAll({path});
  BOOST_REQUIRE_EQUAL(pages.size(), 1u);
  BOOST_TEST(pages[0].status.ok(), pages[0].status.ToString());
  BOOST_TEST(pages[0].body == "caf\xEF\xBF\xBD au lait");
}

BOOST_AUTO_TEST_CASE(deeply_nested_json_does_not_exhaust_the_stack) {
  TempDir dir;
  const std::size_t depth = 100000;
  std::string path = dir.Write("dump.jsonl", "{\"text\":\"a\",\"x\":" + std::string(depth, '[') +
                                                 std::string(depth, ']') + "}\n" +
                                                 std::string(depth, '{') + "\n{\"text\":\"b\"}\n");
  std::vector<RawPage> pages = ReadAll({path});
  BOOST_REQUIRE_EQUAL(pages.size(), 3u);
  BOOST_TEST(pages[0].body == "a");
  BOOST_TEST((pages[1].status.code() == Status::Code::kCorruption));
  BOOST_TEST(pages[2].body == "b");
}

BOOST_AUTO_TEST_CASE(oversize_line_is_an_error_read_past_in_chunks) {
  TempDir dir;
  const std::string big = "{\"text\":\"" + std::string(300000, 'x') + "\"}";
  std::string path =
      dir.Write("dump.jsonl", "{\"text\":\"small\"}\n" + big + "\n{\"text\":\"after\"}\n");
  InputOptions options;
  options.max_record_bytes = 1000;
  std::vector<RawPage> pages = ReadAll({path}, options);
  BOOST_REQUIRE_EQUAL(pages.size(), 3u);
  BOOST_TEST(pages[0].body == "small");
  BOOST_TEST((pages[1].status.code() == Status::Code::kTooLarge));
  BOOST_TEST(pages[1].source == path + "#2");
  BOOST_TEST(pages[1].status.message() == path + ":2: record of " + std::to_string(big.size()) +
                                              " bytes exceeds the 1000-byte cap");
  BOOST_TEST(pages[1].body.empty());
  BOOST_TEST(pages[2].body == "after");
}

BOOST_AUTO_TEST_CASE(oversize_plain_file_is_an_error) {
  TempDir dir;
  std::string path = dir.Write("big.txt", std::string(5000, 'y'));
  InputOptions options;
  options.max_record_bytes = 4999;
  std::vector<RawPage> pages = ReadAll({path}, options);
  BOOST_REQUIRE_EQUAL(pages.size(), 1u);
  BOOST_TEST((pages[0].status.code() == Status::Code::kTooLarge));
  BOOST_TEST(pages[0].status.message() ==
             path + ": record of 5000 bytes exceeds the 4999-byte cap");
  BOOST_TEST(pages[0].body.empty());
  options.max_record_bytes = 5000;
  BOOST_TEST(ReadAll({path}, options)[0].body.size() == 5000u);
}

BOOST_AUTO_TEST_CASE(gzip_jsonl_is_inflated_whatever_its_name) {
  TempDir dir;
  const std::string lines = NumberedLines(3000);
  std::string named = dir.Write("dump.jsonl.gz", Gzip(lines));
  std::string unnamed = dir.Write("dump.jsonl", Gzip(lines));
  for (const std::string& path : {named, unnamed}) {
    std::vector<RawPage> pages = ReadAll({path});
    BOOST_REQUIRE_EQUAL(pages.size(), 3000u);
    BOOST_TEST(pages[2999].status.ok());
    BOOST_TEST(pages[2999].source == path + "#3000");
    BOOST_TEST(pages[2999].body.rfind("line 3000 ", 0) == 0u);
  }
}

BOOST_AUTO_TEST_CASE(concatenated_gzip_members_are_read_as_one_stream) {
  TempDir dir;
  std::string path =
      dir.Write("dump.jsonl.gz", Gzip("{\"text\":\"a\"}\n") + Gzip("{\"text\":\"b\"}\n"));
  std::vector<RawPage> pages = ReadAll({path});
  BOOST_REQUIRE_EQUAL(pages.size(), 2u);
  BOOST_TEST(pages[0].body == "a");
  BOOST_TEST(pages[1].body == "b");
}

BOOST_AUTO_TEST_CASE(truncated_gzip_yields_the_lines_before_the_cut_then_one_error) {
  TempDir dir;
  std::string gz = Gzip(NumberedLines(2000));
  gz.resize(gz.size() / 2);
  std::string path = dir.Write("dump.jsonl.gz", gz);
  std::vector<RawPage> pages = ReadAll({path, dir.Write("next.txt", "next")});
  BOOST_REQUIRE_GT(pages.size(), 3u);
  const std::size_t lines = pages.size() - 2;
  BOOST_TEST(lines < 2000u);
  for (std::size_t i = 0; i < lines; ++i) {
    BOOST_TEST(pages[i].status.ok());
    BOOST_TEST(pages[i].body.rfind("line " + std::to_string(i + 1) + " ", 0) == 0u);
  }
  const RawPage& error = pages[lines];
  BOOST_TEST(error.source == path);
  BOOST_TEST((error.status.code() == Status::Code::kCorruption));
  BOOST_TEST(error.status.message() ==
             path + ": truncated gzip stream at byte offset " + std::to_string(gz.size()));
  BOOST_TEST(pages.back().body == "next");
}

BOOST_AUTO_TEST_CASE(corrupt_gzip_is_an_error) {
  TempDir dir;
  std::string gz = Gzip("{\"text\":\"a\"}\n");
  gz[2] = 7;  // compression method: not deflate
  std::string path = dir.Write("dump.jsonl.gz", gz);
  std::vector<RawPage> pages = ReadAll({path});
  BOOST_REQUIRE_EQUAL(pages.size(), 1u);
  BOOST_TEST((pages[0].status.code() == Status::Code::kCorruption));
  BOOST_TEST(
      pages[0].status.message().rfind(path + ": corrupt gzip stream at byte offset ", 0) == 0,
      pages[0].status.message());
}

BOOST_AUTO_TEST_CASE(file_of_unknown_name_is_jsonl_when_it_starts_with_a_brace) {
  TempDir dir;
  std::string jsonl = dir.Write("dump", "  \n{\"text\":\"a\"}\n");
  std::string page = dir.Write("page", "<html><p>x</p></html>");
  std::vector<RawPage> pages = ReadAll({jsonl, page});
  BOOST_REQUIRE_EQUAL(pages.size(), 2u);
  BOOST_TEST(pages[0].source == jsonl + "#1");
  BOOST_TEST(pages[0].body == "a");
  BOOST_TEST(pages[1].source == page);
  BOOST_TEST((pages[1].kind == ContentKind::kAuto));
}

BOOST_AUTO_TEST_CASE(forced_format_overrides_the_file_name) {
  TempDir dir;
  std::string path = dir.Write("dump.jsonl", "{\"text\":\"a\"}\n{\"text\":\"b\"}\n");
  InputOptions options;
  options.format = InputFormat::kText;
  std::vector<RawPage> pages = ReadAll({path}, options);
  BOOST_REQUIRE_EQUAL(pages.size(), 1u);
  BOOST_TEST(pages[0].source == path);
  BOOST_TEST((pages[0].kind == ContentKind::kText));
  BOOST_TEST(pages[0].body == "{\"text\":\"a\"}\n{\"text\":\"b\"}\n");

  options.format = InputFormat::kJsonl;
  std::string txt = dir.Write("dump.txt", "{\"html\":\"<p>\"}\n");
  pages = ReadAll({txt}, options);
  BOOST_REQUIRE_EQUAL(pages.size(), 1u);
  BOOST_TEST((pages[0].kind == ContentKind::kHtml));
}

BOOST_AUTO_TEST_CASE(a_record_carrying_an_error_keeps_it) {
  TempDir dir;
  std::string path = dir.Write(
      "fetched.jsonl",
      "{\"url\":\"http://a.example/\",\"html\":null,\"error\":\"HTTP 404 Not Found\"}\n"
      "{\"url\":\"http://b.example/\",\"html\":\"<p>ok</p>\",\"error\":null}\n");
  std::vector<RawPage> pages = ReadAll({path});
  BOOST_REQUIRE_EQUAL(pages.size(), 2u);
  BOOST_TEST((pages[0].status.code() == Status::Code::kIOError));
  BOOST_TEST(pages[0].status.message() == path + ":1: HTTP 404 Not Found");
  BOOST_TEST(pages[0].given.url == "http://a.example/");
  BOOST_TEST(pages[1].status.ok());
  BOOST_TEST(pages[1].body == "<p>ok</p>");
}

BOOST_AUTO_TEST_CASE(folder_inputs_are_named_by_their_extension) {
  for (const char* name : {"a.html", "a.HTM", "a.txt", "a.jsonl", "a.jsonl.gz", "a.warc",
                           "a.WARC.GZ"}) {
    BOOST_TEST(pith::IsFolderInput(name), name);
  }
  for (const char* name : {"a.txt.gz", "a.gz", "a.json", "README", "a.html.bak"}) {
    BOOST_TEST(!pith::IsFolderInput(name), name);
  }
}
