#define BOOST_TEST_MODULE fetch_cli_test
#include <signal.h>

#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "tests/fetch/test_server.h"
#include "tests/pith_process.h"
#include "tests/temp_dir.h"

using pith::testing::Request;
using pith::testing::Response;
using pith::testing::TestServer;
using std::chrono::milliseconds;

namespace {

using pith::testing::Lines;
using pith::testing::Pith;
using pith::testing::Process;
using pith::testing::ReadFile;
using pith::testing::Run;
using pith::testing::TempDir;

Response Article(const std::string& target) {
  Response r;
  r.headers = {{"Content-Type", "text/html; charset=utf-8"}};
  r.body = "<html><head><title>Page " + target + "</title></head><body><article><p>This page at " +
           target +
           " tells a story in a sentence that is long enough to be the body of an "
           "article, and then it goes on with a second sentence to be sure.</p>"
           "</article></body></html>";
  return r;
}

Response Routes(const Request& req) {
  if (req.target == "/missing") {
    Response r;
    r.status = 404;
    return r;
  }
  return Article(req.target);
}

// The url of each JSONL line.
std::vector<std::string> Urls(const std::string& jsonl) {
  std::vector<std::string> urls;
  for (const std::string& line : Lines(jsonl)) {
    urls.push_back(nlohmann::json::parse(line).at("url").get<std::string>());
  }
  std::sort(urls.begin(), urls.end());
  return urls;
}

}  // namespace

BOOST_AUTO_TEST_CASE(fetch_writes_one_record_per_url_and_a_summary_line) {
  TestServer server(Routes);
  Run r = Pith({"fetch", "--delay", "0", server.Url("/a"), server.Url("/missing"),
                "mailto:someone@example.com"});
  BOOST_TEST(r.status == 1, r.err);
  std::vector<std::string> lines = Lines(r.out);
  BOOST_REQUIRE_EQUAL(lines.size(), 3u);
  std::map<std::string, nlohmann::json> by_url;
  for (const std::string& line : lines) {
    nlohmann::json j = nlohmann::json::parse(line);
    by_url[j["url"]] = j;
  }
  BOOST_TEST(by_url[server.Url("/a")]["status"] == 200);
  BOOST_TEST(by_url[server.Url("/a")]["error"].is_null());
  BOOST_TEST(by_url[server.Url("/missing")]["error"] == "I/O error: HTTP status 404");
  BOOST_TEST(by_url["mailto:someone@example.com"]["error"].is_string());
  BOOST_TEST(r.err.find("pith: " + server.Url("/missing") + ": I/O error: HTTP status 404") !=
                 std::string::npos,
             r.err);
  BOOST_TEST(r.err.find("pith: 3 URLs in ") != std::string::npos, r.err);
  BOOST_TEST(r.err.find("1 fetched, 2 failed") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(urls_come_from_a_file_or_stdin_without_blanks_and_comments) {
  TestServer server(Routes);
  TempDir dir;
  std::string list = "# my list\n" + server.Url("/1") + "\n\n  " + server.Url("/2") + "  \n";
  std::string path = dir.Write("urls.txt", list);
  std::vector<std::string> expected = {server.Url("/1"), server.Url("/2")};
  Run from_file = Pith({"fetch", "--delay", "0", "-q", "-i", path});
  BOOST_TEST(from_file.status == 0, from_file.err);
  BOOST_TEST(Urls(from_file.out) == expected, boost::test_tools::per_element());
  Run from_stdin = Pith({"fetch", "--delay", "0", "-q"}, path);
  BOOST_TEST(from_stdin.status == 0, from_stdin.err);
  BOOST_TEST(Urls(from_stdin.out) == expected, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(resume_skips_recorded_urls_and_cuts_off_a_half_line) {
  TestServer server(Routes);
  TempDir dir;
  std::string urls = dir.Write(
      "urls.txt", server.Url("/1") + "\n" + server.Url("/2") + "\n" + server.Url("/3") + "\n");
  std::string out = dir.Path("out.jsonl");
  Run first = Pith({"fetch", "--delay", "0", "-i", urls, "-o", out});
  BOOST_REQUIRE_EQUAL(first.status, 0);
  std::vector<std::string> lines = Lines(ReadFile(out));
  BOOST_REQUIRE_EQUAL(lines.size(), 3u);
  // Keep one record and half of another, as a killed run might.
  dir.Write("out.jsonl", lines[0] + "\n" + lines[1].substr(0, 40));
  std::string kept = nlohmann::json::parse(lines[0])["url"];
  int before = server.Count(kept.substr(kept.rfind('/')));
  Run resumed = Pith({"fetch", "--delay", "0", "-i", urls, "-o", out, "--resume"});
  BOOST_TEST(resumed.status == 0, resumed.err);
  BOOST_TEST(resumed.err.find("1 already done") != std::string::npos, resumed.err);
  std::vector<std::string> expected = {server.Url("/1"), server.Url("/2"), server.Url("/3")};
  BOOST_TEST(Urls(ReadFile(out)) == expected, boost::test_tools::per_element());
  BOOST_TEST(server.Count(kept.substr(kept.rfind('/'))) == before);  // not fetched again
}

BOOST_AUTO_TEST_CASE(killed_run_resumes_to_as_many_records_as_urls) {
  TestServer server([](const Request& req) {
    Response r = Article(req.target);
    r.delay = milliseconds(100);
    return r;
  });
  TempDir dir;
  std::string list;
  for (int i = 0; i < 30; ++i) list += server.Url("/" + std::to_string(i)) + "\n";
  std::string urls = dir.Write("urls.txt", list);
  std::string out = dir.Path("out.jsonl");
  std::vector<std::string> args = {"fetch", "--delay", "0",  "--per-host", "2",
                                   "-q",    "-i",      urls, "-o",         out};
  {
    TempDir run_dir;
    Process p(PITH_BINARY, args, run_dir);
    // Kill once some records, but not all, are out.
    for (int waited = 0; Lines(ReadFile(out)).size() < 4 && waited < 100; ++waited) {
      std::this_thread::sleep_for(milliseconds(50));
    }
    p.Kill(SIGKILL);
    BOOST_TEST(p.Wait() == 128 + SIGKILL);
  }
  std::size_t partial = Lines(ReadFile(out)).size();
  BOOST_TEST(partial >= 4u);
  BOOST_TEST(partial < 30u);
  args.push_back("--resume");
  Run resumed = Pith(args);
  BOOST_TEST(resumed.status == 0, resumed.err);
  std::vector<std::string> got = Urls(ReadFile(out));
  std::vector<std::string> expected;
  for (int i = 0; i < 30; ++i) expected.push_back(server.Url("/" + std::to_string(i)));
  std::sort(expected.begin(), expected.end());
  BOOST_TEST(got == expected, boost::test_tools::per_element());  // records in = records out
}

BOOST_AUTO_TEST_CASE(interrupt_stops_the_run_and_exits_130) {
  TestServer server([](const Request& req) {
    Response r = Article(req.target);
    r.delay = milliseconds(3000);
    return r;
  });
  TempDir dir;
  Process p(PITH_BINARY, {"fetch", "--delay", "0", server.Url("/slow1"), server.Url("/slow2")},
            dir);
  for (int waited = 0; server.Log().empty() && waited < 100; ++waited) {
    std::this_thread::sleep_for(milliseconds(20));
  }
  auto begin = std::chrono::steady_clock::now();
  p.Kill(SIGINT);
  BOOST_TEST(p.Wait() == 130);
  BOOST_TEST((std::chrono::steady_clock::now() - begin < milliseconds(2000)));
  BOOST_TEST(p.out().empty());
  BOOST_TEST(p.err().find("interrupted") != std::string::npos, p.err());
}

BOOST_AUTO_TEST_CASE(clean_fetch_fetches_and_cleans_in_one_process) {
  TestServer server(Routes);
  Run r = Pith({"clean", "--fetch", "--delay", "0", server.Url("/story"), server.Url("/missing")});
  BOOST_TEST(r.status == 1, r.err);
  std::vector<std::string> lines = Lines(r.out);
  BOOST_REQUIRE_EQUAL(lines.size(), 2u);
  std::map<std::string, nlohmann::json> by_source;
  for (const std::string& line : lines) {
    nlohmann::json j = nlohmann::json::parse(line);
    by_source[j["source"]] = j;
  }
  const nlohmann::json& story = by_source[server.Url("/story")];
  BOOST_TEST(!story.contains("error"), story.dump());
  BOOST_TEST(story["url"] == server.Url("/story"));
  BOOST_TEST(story["text"].get<std::string>().find("This page at /story tells a story") == 0u,
             story.dump());
  BOOST_TEST(by_source[server.Url("/missing")]["error"] == "I/O error: HTTP status 404");
}

BOOST_AUTO_TEST_CASE(warc_written_by_fetch_cleans_like_the_fetch_itself) {
  TestServer server(Routes);
  TempDir dir;
  std::string warc = dir.Path("crawl.warc.gz");
  Run fetched = Pith({"fetch", "--delay", "0", "--warc", warc, server.Url("/x"), server.Url("/y")});
  BOOST_REQUIRE_EQUAL(fetched.status, 0);
  Run from_warc = Pith({"clean", "--format", "text", warc});
  Run direct = Pith(
      {"clean", "--fetch", "--format", "text", "--delay", "0", server.Url("/x"), server.Url("/y")});
  BOOST_TEST(from_warc.status == 0, from_warc.err);
  BOOST_TEST(direct.status == 0, direct.err);
  auto sorted_records = [](const std::string& out) {
    std::vector<std::string> records;
    std::size_t start = 0;
    for (std::size_t at; (at = out.find("\f\n", start)) != std::string::npos; start = at + 2) {
      records.push_back(out.substr(start, at - start));
    }
    records.push_back(out.substr(start));
    std::sort(records.begin(), records.end());
    return records;
  };
  std::vector<std::string> a = sorted_records(from_warc.out), b = sorted_records(direct.out);
  BOOST_REQUIRE_EQUAL(a.size(), 2u);
  BOOST_TEST(a == b, boost::test_tools::per_element());
  BOOST_TEST(a[0].find("This page at /x") == 0u, a[0]);
}

BOOST_AUTO_TEST_CASE(progress_is_reported_on_request_when_stderr_is_not_a_terminal) {
  TestServer server([](const Request& req) {
    Response r = Article(req.target);
    r.delay = milliseconds(300);
    return r;
  });
  std::vector<std::string> args = {"fetch", "--delay", "0", server.Url("/1"), server.Url("/2"),
                                   server.Url("/3")};
  Run quiet = Pith(args);
  args.push_back("--progress");
  Run shown = Pith(args);
  BOOST_TEST(quiet.err.find(" done, ") == std::string::npos, quiet.err);
  BOOST_TEST(shown.err.find("/3 done, 0 failed, ") != std::string::npos, shown.err);
  BOOST_TEST(shown.err.find("pith: 3 URLs in ") != std::string::npos, shown.err);
}

BOOST_AUTO_TEST_CASE(resume_without_an_output_file_is_a_usage_error) {
  Run r = Pith({"fetch", "--resume", "http://127.0.0.1:9/"});
  BOOST_TEST(r.status == 2);
  BOOST_TEST(r.err.find("--resume needs -o FILE") != std::string::npos, r.err);
}

BOOST_AUTO_TEST_CASE(fetch_help_documents_every_option) {
  Run r = Pith({"fetch", "--help"});
  BOOST_TEST(r.status == 0);
  for (const char* option :
       {"-i, --input FILE", "-o, --output FILE", "--resume", "--warc FILE", "--progress",
        "-q, --quiet", "-c, --concurrency N", "--per-host N", "--delay SECONDS",
        "--timeout SECONDS", "--connect-timeout SECONDS", "--attempts N", "--max-redirects N",
        "--max-body N", "--user-agent TEXT", "--robots", "--resolve HOST:PORT:ADDR"}) {
    BOOST_TEST(r.out.find(option) != std::string::npos, option);
  }
}
