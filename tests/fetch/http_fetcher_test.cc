#define BOOST_TEST_MODULE http_fetcher_test
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <chrono>
#include <map>
#include <regex>
#include <string>
#include <vector>

#include "pith/fetch.h"
#include "tests/fetch/test_server.h"

using pith::FetchOptions;
using pith::FetchRecord;
using pith::FetchStats;
using pith::Status;
using pith::testing::Clock;
using pith::testing::LogEntry;
using pith::testing::Request;
using pith::testing::Response;
using pith::testing::TestServer;
using std::chrono::milliseconds;

namespace {

// Options that keep the suite fast: no per-host delay, short waits.
FetchOptions Quick() {
  FetchOptions options;
  options.host_delay = milliseconds(0);
  options.retry_delay = milliseconds(20);
  options.connect_timeout = milliseconds(2000);
  options.timeout = milliseconds(5000);
  return options;
}

struct Run {
  std::vector<FetchRecord> records;
  FetchStats stats;
  Status status;
};

Run Fetch(const FetchOptions& options, const std::vector<std::string>& urls) {
  pith::Fetcher fetcher(options);
  Run run;
  std::size_t next = 0;
  run.status = fetcher.Run(
      [&](std::string* url) {
        if (next == urls.size()) return false;
        *url = urls[next++];
        return true;
      },
      [&](FetchRecord record) {
        run.records.push_back(std::move(record));
        return Status::OK();
      });
  run.stats = fetcher.stats();
  return run;
}

FetchRecord FetchOne(const FetchOptions& options, const std::string& url) {
  Run run = Fetch(options, {url});
  BOOST_REQUIRE(run.status.ok());
  BOOST_REQUIRE_EQUAL(run.records.size(), 1u);
  return run.records[0];
}

Response Html(std::string body) {
  Response r;
  r.headers = {{"Content-Type", "text/html; charset=utf-8"}};
  r.body = std::move(body);
  return r;
}

Response Redirect(int status, std::string location) {
  Response r;
  r.status = status;
  r.headers = {{"Location", std::move(location)}};
  return r;
}

bool Contains(const std::string& s, const std::string& part) {
  return s.find(part) != std::string::npos;
}

// The most requests one host had in flight at once, as the server saw them.
std::map<std::string, int> MostInFlight(const std::vector<LogEntry>& log) {
  std::map<std::string, std::vector<std::pair<Clock::time_point, int>>> events;
  for (const LogEntry& e : log) {
    events[e.host].push_back({e.start, +1});
    events[e.host].push_back({e.end, -1});
  }
  std::map<std::string, int> most;
  for (auto& [host, list] : events) {
    std::sort(list.begin(), list.end());  // an end before a start at the same instant
    int now = 0;
    for (const auto& event : list) most[host] = std::max(most[host], now += event.second);
  }
  return most;
}

}  // namespace

BOOST_AUTO_TEST_CASE(normal_page_is_fetched_with_its_headers) {
  TestServer server([](const Request&) {
    Response r = Html("<html><body><p>Hello, world.</p></body></html>");
    r.headers.push_back({"ETag", "\"v1\""});
    r.headers.push_back({"Last-Modified", "Wed, 01 May 2024 10:00:00 GMT"});
    return r;
  });
  FetchRecord r = FetchOne(Quick(), server.Url("/page"));
  BOOST_TEST(r.error.ok(), r.error.ToString());
  BOOST_TEST(r.url == server.Url("/page"));
  BOOST_TEST(r.final_url == server.Url("/page"));
  BOOST_TEST(r.status == 200);
  BOOST_TEST(r.content_type == "text/html");
  BOOST_TEST(r.charset == "utf-8");
  BOOST_TEST(r.etag == "\"v1\"");
  BOOST_TEST(r.last_modified == "Wed, 01 May 2024 10:00:00 GMT");
  BOOST_TEST(r.html == "<html><body><p>Hello, world.</p></body></html>");
  BOOST_TEST(r.attempts == 1);
  BOOST_TEST(std::regex_match(r.fetched_at, std::regex(R"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ)")),
             r.fetched_at);
  std::vector<LogEntry> log = server.Log();
  BOOST_REQUIRE_EQUAL(log.size(), 1u);
  BOOST_TEST(log[0].user_agent.substr(0, 5) == "pith/", log[0].user_agent);
}

BOOST_AUTO_TEST_CASE(redirects_are_followed_to_the_final_url) {
  TestServer server([](const Request& req) {
    if (req.target == "/old") return Redirect(301, "/older");
    if (req.target == "/older") return Redirect(302, "new?x=1");  // relative
    return Html("<p>new</p>");
  });
  Run run = Fetch(Quick(), {server.Url("/old")});
  BOOST_REQUIRE_EQUAL(run.records.size(), 1u);
  const FetchRecord& r = run.records[0];
  BOOST_TEST(r.error.ok(), r.error.ToString());
  BOOST_TEST(r.url == server.Url("/old"));
  BOOST_TEST(r.final_url == server.Url("/new?x=1"));
  BOOST_TEST(r.html == "<p>new</p>");
  BOOST_TEST(r.attempts == 3);
  BOOST_TEST(run.stats.redirects == 2u);
}

BOOST_AUTO_TEST_CASE(redirect_target_is_fetched_before_urls_queued_after_it) {
  TestServer server([](const Request& req) {
    if (req.target == "/moved") return Redirect(301, "/target");
    return Html("<p>" + req.target + "</p>");
  });
  FetchOptions options = Quick();
  options.per_host = 1;
  std::vector<std::string> urls = {server.Url("/moved")};
  for (int i = 0; i < 5; ++i) urls.push_back(server.Url("/later" + std::to_string(i)));
  Run run = Fetch(options, urls);
  BOOST_REQUIRE_EQUAL(run.records.size(), 6u);
  std::vector<LogEntry> log = server.Log();
  BOOST_REQUIRE_EQUAL(log.size(), 7u);
  BOOST_TEST(log[0].target == "/moved");
  BOOST_TEST(log[1].target == "/target");
}

BOOST_AUTO_TEST_CASE(redirect_loop_is_an_error_that_names_the_loop) {
  TestServer server(
      [](const Request& req) { return Redirect(302, req.target == "/a" ? "/b" : "/a"); });
  FetchRecord r = FetchOne(Quick(), server.Url("/a"));
  BOOST_TEST((r.error.code() == Status::Code::kIOError));
  BOOST_TEST(r.error.message() == "redirect loop: " + server.Url("/a") + " -> " + server.Url("/b") +
                                      " -> " + server.Url("/a"));
  BOOST_TEST(r.html.empty());
  BOOST_TEST(server.Count("/a") == 1);
  BOOST_TEST(server.Count("/b") == 1);
}

BOOST_AUTO_TEST_CASE(more_redirects_than_the_limit_is_an_error) {
  TestServer server([](const Request& req) {
    int n = std::stoi(req.target.substr(1));
    return Redirect(302, "/" + std::to_string(n + 1));
  });
  FetchOptions options = Quick();
  options.max_redirects = 3;
  FetchRecord r = FetchOne(options, server.Url("/0"));
  BOOST_TEST(r.error.message() == "more than 3 redirects");
  BOOST_TEST(server.Log().size() == 4u);  // the first request and three redirects
}

BOOST_AUTO_TEST_CASE(redirect_to_another_scheme_is_refused) {
  TestServer server([](const Request&) { return Redirect(302, "ftp://example.com/file"); });
  FetchRecord r = FetchOne(Quick(), server.Url("/"));
  BOOST_TEST((r.error.code() == Status::Code::kUnsupported));
  BOOST_TEST(Contains(r.error.message(), "unsupported scheme 'ftp'"), r.error.message());
}

BOOST_AUTO_TEST_CASE(slow_response_times_out_and_each_attempt_is_counted) {
  TestServer server([](const Request&) {
    Response r = Html("late");
    r.delay = milliseconds(3000);
    return r;
  });
  FetchOptions options = Quick();
  options.timeout = milliseconds(300);
  options.max_attempts = 2;
  auto begin = Clock::now();
  FetchRecord r = FetchOne(options, server.Url("/slow"));
  BOOST_TEST((r.error.code() == Status::Code::kIOError));
  BOOST_TEST(Contains(r.error.message(), "timed out"), r.error.message());
  BOOST_TEST(Contains(r.error.message(), "(2 attempts)"), r.error.message());
  BOOST_TEST(r.attempts == 2);
  BOOST_TEST(server.Count("/slow") == 2);
  BOOST_TEST((Clock::now() - begin < milliseconds(2500)));
}

BOOST_AUTO_TEST_CASE(connection_reset_is_retried) {
  TestServer server([](const Request& req) {
    if (req.nth == 1) {
      Response r;
      r.reset = true;
      return r;
    }
    return Html("second time lucky");
  });
  Run run = Fetch(Quick(), {server.Url("/flaky")});
  BOOST_REQUIRE_EQUAL(run.records.size(), 1u);
  BOOST_TEST(run.records[0].error.ok(), run.records[0].error.ToString());
  BOOST_TEST(run.records[0].html == "second time lucky");
  BOOST_TEST(run.records[0].attempts == 2);
  BOOST_TEST(run.stats.retries == 1u);
}

BOOST_AUTO_TEST_CASE(connection_reset_every_time_fails_after_max_attempts) {
  TestServer server([](const Request&) {
    Response r;
    r.reset = true;
    return r;
  });
  FetchRecord r = FetchOne(Quick(), server.Url("/down"));
  BOOST_TEST((r.error.code() == Status::Code::kIOError));
  BOOST_TEST(r.attempts == 3);
  BOOST_TEST(server.Count("/down") == 3);
}

BOOST_AUTO_TEST_CASE(server_error_then_success_is_retried) {
  TestServer server([](const Request& req) {
    if (req.nth == 1) {
      Response r = Html("oops");
      r.status = 500;
      return r;
    }
    return Html("fine now");
  });
  Run run = Fetch(Quick(), {server.Url("/")});
  BOOST_REQUIRE_EQUAL(run.records.size(), 1u);
  BOOST_TEST(run.records[0].error.ok(), run.records[0].error.ToString());
  BOOST_TEST(run.records[0].status == 200);
  BOOST_TEST(run.records[0].html == "fine now");
  BOOST_TEST(run.stats.retries == 1u);
  BOOST_TEST(server.Count("/") == 2);
}

BOOST_AUTO_TEST_CASE(persistent_server_error_fails_with_its_status) {
  TestServer server([](const Request&) {
    Response r = Html("down");
    r.status = 503;
    return r;
  });
  FetchRecord r = FetchOne(Quick(), server.Url("/"));
  BOOST_TEST(r.status == 503);
  BOOST_TEST(r.error.message() == "HTTP status 503 (3 attempts)");
  BOOST_TEST(server.Count("/") == 3);
}

BOOST_AUTO_TEST_CASE(too_many_requests_waits_for_retry_after) {
  TestServer server([](const Request& req) {
    if (req.nth == 1) {
      Response r;
      r.status = 429;
      r.headers = {{"Retry-After", "1"}};
      return r;
    }
    return Html("welcome back");
  });
  FetchRecord r = FetchOne(Quick(), server.Url("/busy"));
  BOOST_TEST(r.error.ok(), r.error.ToString());
  BOOST_TEST(r.attempts == 2);
  std::vector<LogEntry> log = server.Log();
  BOOST_REQUIRE_EQUAL(log.size(), 2u);
  // The retry delay is 20 ms: only Retry-After explains a wait of a second.
  BOOST_TEST((log[1].start - log[0].end >= milliseconds(950)));
}

BOOST_AUTO_TEST_CASE(retry_after_over_the_limit_is_not_waited_for) {
  TestServer server([](const Request&) {
    Response r;
    r.status = 429;
    r.headers = {{"Retry-After", "3600"}};
    return r;
  });
  FetchRecord r = FetchOne(Quick(), server.Url("/busy"));
  BOOST_TEST(r.status == 429);
  BOOST_TEST(r.error.message() == "HTTP status 429");
  BOOST_TEST(server.Count("/busy") == 1);
}

BOOST_AUTO_TEST_CASE(not_found_is_not_retried) {
  TestServer server([](const Request&) {
    Response r = Html("no such page");
    r.status = 404;
    return r;
  });
  FetchRecord r = FetchOne(Quick(), server.Url("/missing"));
  BOOST_TEST(r.status == 404);
  BOOST_TEST((r.error.code() == Status::Code::kIOError));
  BOOST_TEST(r.error.message() == "HTTP status 404");
  BOOST_TEST(r.html.empty());
  BOOST_TEST(server.Count("/missing") == 1);
}

BOOST_AUTO_TEST_CASE(oversized_body_is_aborted_whether_or_not_its_length_is_announced) {
  TestServer server([](const Request& req) {
    Response r = Html(std::string(5000, 'x'));
    r.chunked = req.target == "/chunked";
    return r;
  });
  FetchOptions options = Quick();
  options.max_body_bytes = 1000;
  Run run = Fetch(options, {server.Url("/announced"), server.Url("/chunked")});
  BOOST_REQUIRE_EQUAL(run.records.size(), 2u);
  for (const FetchRecord& r : run.records) {
    BOOST_TEST((r.error.code() == Status::Code::kTooLarge), r.url);
    BOOST_TEST(r.error.message() == "body over the 1000-byte limit");
    BOOST_TEST(r.html.empty());
    BOOST_TEST(r.attempts == 1);
  }
}

BOOST_AUTO_TEST_CASE(gzip_body_is_decoded) {
  const std::string page = "<html><body>" + std::string(2000, 'z') + "</body></html>";
  TestServer server([&](const Request& req) {
    Response r = Html(page);
    if (Contains(req.headers.at("accept-encoding"), "gzip")) {
      r.body = pith::testing::Gzip(page);
      r.headers.push_back({"Content-Encoding", "gzip"});
    }
    return r;
  });
  FetchRecord r = FetchOne(Quick(), server.Url("/gz"));
  BOOST_TEST(r.error.ok(), r.error.ToString());
  BOOST_TEST(r.html == page);
  std::vector<LogEntry> log = server.Log();
  BOOST_REQUIRE_EQUAL(log.size(), 1u);
  BOOST_TEST(Contains(log[0].accept_encoding, "gzip"), log[0].accept_encoding);
}

BOOST_AUTO_TEST_CASE(windows_1251_page_is_converted_to_utf8) {
  // "Привет, мир" in windows-1251.
  const std::string cp1251 = "\xCF\xF0\xE8\xE2\xE5\xF2, \xEC\xE8\xF0";
  TestServer server([&](const Request& req) {
    Response r;
    if (req.target == "/header") {
      r.headers = {{"Content-Type", "text/html; charset=windows-1251"}};
      r.body = "<p>" + cp1251 + "</p>";
    } else {  // declared by the page alone
      r.headers = {{"Content-Type", "text/html"}};
      r.body = "<html><head><meta charset=\"cp1251\"></head><p>" + cp1251 + "</p>";
    }
    return r;
  });
  Run run = Fetch(Quick(), {server.Url("/header"), server.Url("/meta")});
  BOOST_REQUIRE_EQUAL(run.records.size(), 2u);
  for (const FetchRecord& r : run.records) {
    BOOST_TEST(r.error.ok(), r.error.ToString());
    BOOST_TEST(r.charset == "windows-1251");
    BOOST_TEST(Contains(r.html, "<p>Привет, мир</p>"), r.html);
  }
}

BOOST_AUTO_TEST_CASE(non_page_content_type_is_an_error) {
  TestServer server([](const Request&) {
    Response r;
    r.headers = {{"Content-Type", "image/png"}};
    r.body = "\x89PNG";
    return r;
  });
  FetchRecord r = FetchOne(Quick(), server.Url("/logo.png"));
  BOOST_TEST((r.error.code() == Status::Code::kUnsupported));
  BOOST_TEST(r.error.message() == "not a page: content type image/png");
  BOOST_TEST(r.content_type == "image/png");
}

BOOST_AUTO_TEST_CASE(fifty_urls_over_five_hosts_keep_the_per_host_limit_and_delay) {
  TestServer server([](const Request& req) {
    Response r = Html("<p>" + req.host + req.target + "</p>");
    r.delay = milliseconds(150);
    return r;
  });
  FetchOptions options = Quick();
  options.concurrency = 16;
  options.per_host = 2;
  options.host_delay = milliseconds(100);
  std::vector<std::string> urls;
  for (int host = 1; host <= 5; ++host) {
    std::string name = "host" + std::to_string(host) + ".test";
    options.resolve.push_back(server.Resolve(name));
  }
  // The input lists each host ten times in a row, the worst order for politeness.
  for (int host = 1; host <= 5; ++host) {
    for (int page = 0; page < 10; ++page) {
      urls.push_back(
          server.UrlFor("host" + std::to_string(host) + ".test", "/page" + std::to_string(page)));
    }
  }
  Run run = Fetch(options, urls);
  BOOST_REQUIRE_EQUAL(run.records.size(), 50u);
  std::vector<std::string> got;
  for (const FetchRecord& r : run.records) {
    BOOST_TEST(r.error.ok(), r.url << ": " << r.error.ToString());
    got.push_back(r.url);
  }
  std::sort(got.begin(), got.end());
  std::sort(urls.begin(), urls.end());
  BOOST_TEST(got == urls, boost::test_tools::per_element());

  std::vector<LogEntry> log = server.Log();
  BOOST_REQUIRE_EQUAL(log.size(), 50u);
  std::map<std::string, int> most = MostInFlight(log);
  BOOST_TEST(most.size() == 5u);
  for (const auto& [host, n] : most) BOOST_TEST(n <= 2, host << " had " << n << " in flight");
  // The hosts were served side by side, not one after another.
  std::vector<LogEntry> all = log;
  for (LogEntry& e : all) e.host = "any";
  BOOST_TEST(MostInFlight(all)["any"] > 2);
  // Starts to one host lie at least host_delay apart; the server sees them a
  // little later than the client made them, so allow some slack.
  std::map<std::string, std::vector<Clock::time_point>> starts;
  for (const LogEntry& e : log) starts[e.host].push_back(e.start);
  for (auto& [host, times] : starts) {
    std::sort(times.begin(), times.end());
    for (std::size_t i = 1; i < times.size(); ++i) {
      BOOST_TEST((times[i] - times[i - 1] >= milliseconds(85)),
                 host << ": requests " << i << " and " << i + 1 << " were "
                      << std::chrono::duration_cast<milliseconds>(times[i] - times[i - 1]).count()
                      << " ms apart");
    }
  }
}

BOOST_AUTO_TEST_CASE(non_http_schemes_and_malformed_urls_are_refused_without_a_request) {
  TestServer server([](const Request&) { return Html("never"); });
  std::vector<std::string> urls = {
      "ftp://127.0.0.1/file", "file:///etc/passwd", "gopher://127.0.0.1/",
      "javascript:alert(1)",  "not a url",          "http://"};
  Run run = Fetch(Quick(), urls);
  BOOST_REQUIRE_EQUAL(run.records.size(), urls.size());
  for (std::size_t i = 0; i < urls.size(); ++i) {
    const FetchRecord& r = run.records[i];
    BOOST_TEST(r.url == urls[i]);  // refused at once, so in input order
    BOOST_TEST(!r.error.ok());
    BOOST_TEST(r.attempts == 0);
    bool scheme = i < 4;
    BOOST_TEST(
        (r.error.code() == (scheme ? Status::Code::kUnsupported : Status::Code::kInvalidArgument)),
        r.url << ": " << r.error.ToString());
  }
  BOOST_TEST(run.records[0].error.message() ==
             "unsupported scheme 'ftp': only http and https URLs are fetched");
  BOOST_TEST(server.Log().empty());
  BOOST_TEST(run.stats.failed == urls.size());
}

BOOST_AUTO_TEST_CASE(robots_txt_is_fetched_once_per_host_and_obeyed) {
  TestServer server([](const Request& req) {
    if (req.target == "/robots.txt") {
      Response r;
      r.headers = {{"Content-Type", "text/plain"}};
      r.body = "User-agent: other\nDisallow: /\n\nUser-agent: pith\nDisallow: /private\n";
      return r;
    }
    return Html("<p>" + req.target + "</p>");
  });
  FetchOptions options = Quick();
  options.robots = true;
  Run run =
      Fetch(options, {server.Url("/public/1"), server.Url("/private/2"), server.Url("/public/3")});
  BOOST_REQUIRE_EQUAL(run.records.size(), 3u);
  for (const FetchRecord& r : run.records) {
    if (Contains(r.url, "/private/")) {
      BOOST_TEST((r.error.code() == Status::Code::kUnsupported));
      BOOST_TEST(r.error.message() == "disallowed by robots.txt");
    } else {
      BOOST_TEST(r.error.ok(), r.error.ToString());
    }
  }
  BOOST_TEST(server.Count("/robots.txt") == 1);
  BOOST_TEST(server.Count("/private/2") == 0);
  std::vector<LogEntry> log = server.Log();
  BOOST_REQUIRE(!log.empty());
  BOOST_TEST(log[0].target == "/robots.txt");  // before any page
}

BOOST_AUTO_TEST_CASE(missing_robots_txt_allows_everything) {
  TestServer server([](const Request& req) {
    if (req.target == "/robots.txt") {
      Response r;
      r.status = 404;
      return r;
    }
    return Html("ok");
  });
  FetchOptions options = Quick();
  options.robots = true;
  FetchRecord r = FetchOne(options, server.Url("/private"));
  BOOST_TEST(r.error.ok(), r.error.ToString());
}

BOOST_AUTO_TEST_CASE(each_input_url_gets_one_record_even_when_repeated) {
  TestServer server([](const Request&) { return Html("same"); });
  std::vector<std::string> urls(3, server.Url("/same"));
  Run run = Fetch(Quick(), urls);
  BOOST_TEST(run.records.size() == 3u);
  BOOST_TEST(server.Count("/same") == 3);
  BOOST_TEST(run.stats.urls == 3u);
  BOOST_TEST(run.stats.fetched == 3u);
}

BOOST_AUTO_TEST_CASE(record_handler_error_ends_the_run_with_it) {
  TestServer server([](const Request&) { return Html("x"); });
  pith::Fetcher fetcher(Quick());
  int given = 0, taken = 0;
  Status s = fetcher.Run(
      [&](std::string* url) {
        *url = server.Url("/" + std::to_string(given++));
        return given <= 20;
      },
      [&](FetchRecord) {
        ++taken;
        return Status::IOError("disk full");
      });
  BOOST_TEST(s.message() == "disk full");
  BOOST_TEST(taken == 1);
}

BOOST_AUTO_TEST_CASE(stop_ends_the_run_early) {
  TestServer server([](const Request&) {
    Response r = Html("slow");
    r.delay = milliseconds(2000);
    return r;
  });
  pith::Fetcher fetcher(Quick());
  auto begin = Clock::now();
  int given = 0;
  Status s = fetcher.Run(
      [&](std::string* url) {
        *url = server.Url("/" + std::to_string(given++));
        return given <= 5;
      },
      [&](FetchRecord) { return Status::OK(); },
      [&](const FetchStats& stats) {
        if (stats.active > 0) fetcher.Stop();
      });
  BOOST_TEST(s.ok());
  BOOST_TEST(fetcher.stats().stopped);
  BOOST_TEST(fetcher.stats().fetched == 0u);
  BOOST_TEST((Clock::now() - begin < milliseconds(1500)));
}
