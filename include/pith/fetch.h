// The fetcher: turns URLs into raw-page records over HTTP(S), politely and
// robustly. Part of the pith_fetch library, which links libcurl; the cleaning
// library does not.
//
//   pith::FetchOptions options;            // 16 transfers, 2 per host, 1 s apart
//   pith::Fetcher fetcher(options);
//   pith::Status s = fetcher.Run(
//       [&](std::string* url) { return NextUrlOfMyList(url); },
//       [&](pith::FetchRecord record) { return Store(record); });
//
// One event loop (libcurl's multi interface) runs all transfers on the
// calling thread; there is no thread per request.

#ifndef PITH_FETCH_H_
#define PITH_FETCH_H_

#include <atomic>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include "pith/pith.h"

namespace pith {

// Options of a Fetcher. Each default is written beside its field.
struct FetchOptions {
  // Transfers in flight at once, over all hosts. Default: 16.
  std::size_t concurrency = 16;
  // Transfers in flight at once to one host (a host name, whatever the port
  // or scheme). Default: 2.
  std::size_t per_host = 2;
  // The least time between the starts of two requests to one host, whatever
  // the order of the input; a longer Crawl-delay in robots.txt (with robots)
  // or a Retry-After wins. Default: 1 s.
  std::chrono::milliseconds host_delay{1000};
  // Time to connect (DNS, TCP and TLS), and for a whole request, per attempt.
  // Defaults: 10 s and 30 s.
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds timeout{30000};
  // A body (after content decoding) over this size aborts its transfer, and
  // the record says so; the body is not kept. Default: 20 MiB.
  std::size_t max_body_bytes = std::size_t{20} << 20;
  // Redirects followed per URL; one more is an error, as is a loop. Default: 10.
  int max_redirects = 10;
  // Requests made for one URL (and for each redirect target) before a
  // transient failure is final: timeouts, connection resets, 5xx and 429.
  // Other failures (4xx, DNS, TLS, refused connections) are final at once.
  // Default: 3.
  int max_attempts = 3;
  // The wait before the first retry; it doubles for each further one, and
  // each wait is scaled by a random factor in [0.5, 1.5). A 429 or 503
  // answer's Retry-After replaces it (and holds back the whole host).
  // Default: 1 s.
  std::chrono::milliseconds retry_delay{1000};
  // A Retry-After longer than this is not waited for: the record fails.
  // Default: 120 s.
  std::chrono::milliseconds max_retry_after{120000};
  // The User-Agent header; "" sends DefaultUserAgent(). Its first word (up
  // to '/') is the name looked up in robots.txt.
  std::string user_agent;
  // Obey robots.txt: fetched once per scheme, host and port, before the
  // first page there, and cached for the run. A 4xx answer allows all; a 5xx
  // or a network failure (after retries) disallows all, as RFC 9309 says.
  // Default: off.
  bool robots = false;
  // When not empty: each response that ends a URL's fetch is also written to
  // this WARC/1.1 file as a request and a response record, gzip per record.
  // Redirect and retried responses are not archived, nor failures without a
  // response. warc_append adds to the file instead of replacing it.
  std::string warc_path;
  bool warc_append = false;
  // URLs read ahead of the transfers, so that a run of one host's URLs in the
  // input does not hold up the other hosts. Default: 10000.
  std::size_t max_queued = 10000;
  // Extra name resolutions, as curl's --resolve: "HOST:PORT:ADDRESS". Lets a
  // test point several host names at one loopback server.
  std::vector<std::string> resolve;
};

// The outcome for one input URL.
struct FetchRecord {
  std::string url;           // as the input gave it
  std::string final_url;     // the URL of the last response, after redirects; "" when none came
  int status = 0;            // that response's HTTP status; 0 when none came
  std::string fetched_at;    // when the record was made, ISO 8601 UTC: 2024-05-01T12:00:00Z
  std::string content_type;  // the response's media type, lower-cased ("text/html")
  // The charset the page was read in, canonical ("windows-1251"), as the
  // cleaner's decoder decides it: byte order mark, Content-Type, <meta>,
  // then detection. "" unless error is ok.
  std::string charset;
  std::string last_modified;  // the Last-Modified header as sent
  std::string etag;           // the ETag header as sent
  std::string html;           // the page converted to UTF-8; "" unless error is ok
  // ok when html holds the page; else why not:
  //   kInvalidArgument  malformed URL: <why>
  //   kUnsupported      unsupported scheme 'ftp': only http and https URLs are fetched;
  //                     disallowed by robots.txt; not a page: content type image/png
  //   kTooLarge         body over the N-byte limit
  //   kIOError          HTTP status 404; redirect loop: A -> B -> A; more than N redirects;
  //                     a network error as curl words it ("... (3 attempts)" after retries)
  Status error;
  int attempts = 0;  // requests made for this URL, redirects and retries included
};

// Counts of a run, as it goes.
struct FetchStats {
  std::size_t urls = 0;       // URLs taken from the input
  std::size_t fetched = 0;    // records with a page
  std::size_t failed = 0;     // records with an error
  std::size_t retries = 0;    // requests repeated after a transient failure
  std::size_t redirects = 0;  // redirects followed
  std::size_t active = 0;     // transfers in flight
  std::uint64_t bytes = 0;    // body bytes received
  double seconds = 0;         // since the run started
  bool stopped = false;       // Stop() ended the run early
};

// "pith/VERSION (+https://github.com/pith)".
std::string DefaultUserAgent();

// Fetches lists of URLs. Memory holds at most max_queued URLs with their
// transfers, plus for each host seen its politeness state and (with robots)
// its rules, kept for the run. Not thread-safe, except Stop().
class Fetcher {
 public:
  explicit Fetcher(FetchOptions options);
  ~Fetcher();
  Fetcher(const Fetcher&) = delete;
  Fetcher& operator=(const Fetcher&) = delete;

  // Returns the next URL in *url and true, or false when there are no more.
  using NextUrl = std::function<bool(std::string* url)>;
  // Takes one record; a status that is not ok ends the run with that status.
  using OnRecord = std::function<Status(FetchRecord record)>;
  // Looks at the counts, about five times a second.
  using OnProgress = std::function<void(const FetchStats& stats)>;

  // Fetches every URL next_url yields and calls on_record exactly once per
  // URL, in the order the fetches end (not the input order), all on the
  // calling thread. URLs are read ahead only up to max_queued. Returns ok
  // when every URL got its record, even if some records are errors; not ok
  // when the WARC file cannot be written or on_record failed, and the run
  // then ends without the remaining records. After Stop() the run ends at
  // once: URLs in flight get no record, and stats().stopped is set.
  Status Run(const NextUrl& next_url, const OnRecord& on_record,
             const OnProgress& on_progress = nullptr);

  // Asks a Run() in progress to end. Safe from a signal handler or another
  // thread.
  void Stop() { stop_.store(true); }

  // The counts of the last (or current) run.
  const FetchStats& stats() const { return stats_; }

 private:
  class Loop;
  FetchOptions options_;
  std::atomic<bool> stop_{false};
  static_assert(std::atomic<bool>::is_always_lock_free, "Stop() must be async-signal-safe");
  FetchStats stats_;
};

}  // namespace pith

#endif  // PITH_FETCH_H_
