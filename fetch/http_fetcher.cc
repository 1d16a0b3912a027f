// The fetcher's event loop. Each URL becomes a Job, which waits in the queue
// of its host until the host may take another request (fewer than per_host
// in flight, host_delay since the last start), then becomes a libcurl
// transfer. Redirects and retries put the job back into a host queue (a
// retry after a wait), so politeness holds for every request. Hosts whose
// turn has come wait in a round-robin list; hosts held back by their delay,
// and jobs waiting to retry, wait in two timer heaps. The loop sleeps in
// curl_multi_poll() until a socket or the earliest timer needs it.

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <deque>
#include <list>
#include <memory>
#include <mutex>
#include <queue>
#include <random>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "clean/decode.h"
#include "fetch/content_type.h"
#include "fetch/fetch_record.h"
#include "fetch/robots.h"
#include "fetch/warc.h"
#include "pith/fetch.h"

namespace pith {
namespace {

using Clock = std::chrono::steady_clock;
using std::chrono::milliseconds;

constexpr milliseconds kMaxSleep{100};  // how soon Stop() is noticed
constexpr milliseconds kProgressEvery{200};
constexpr int kMaxRobotsRedirects = 5;  // RFC 9309 asks for at least five
constexpr std::size_t kMaxRobotsBytes = 512 * 1024;

// A URL split as libcurl parses it.
struct ParsedUrl {
  std::string url;     // normalized: scheme and host lower-cased, path made absolute
  std::string host;    // lower-case host name, the politeness key
  std::string origin;  // scheme://host:port, the robots.txt key
  std::string path;    // path and query, for robots.txt rules
  std::string robots;  // the URL of the origin's robots.txt
};

std::string LowerAscii(std::string s) {
  for (char& c : s) c = c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c;
  return s;
}

// The scheme of an absolute URL, lower-cased ("" when it has none): what
// precedes the first ':', if that is a letter and then letters, digits, '+',
// '-' or '.' (RFC 3986).
std::string SchemeOf(std::string_view url) {
  std::size_t colon = url.find(':');
  if (colon == std::string_view::npos || colon == 0 ||
      !std::isalpha(static_cast<unsigned char>(url[0]))) {
    return std::string();
  }
  for (char c : url.substr(0, colon)) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '-' && c != '.') {
      return std::string();
    }
  }
  return LowerAscii(std::string(url.substr(0, colon)));
}

// Parses url; an error when it is malformed or its scheme is not http(s).
Status ParseUrl(const std::string& url, ParsedUrl* out) {
  std::string scheme = SchemeOf(url);
  if (!scheme.empty() && scheme != "http" && scheme != "https") {
    return Status::Unsupported("unsupported scheme '" + scheme +
                               "': only http and https URLs are fetched");
  }
  if (scheme.empty()) return Status::InvalidArgument("malformed URL: no scheme");
  std::unique_ptr<CURLU, decltype(&curl_url_cleanup)> h(curl_url(), curl_url_cleanup);
  CURLUcode rc = curl_url_set(h.get(), CURLUPART_URL, url.c_str(), CURLU_NON_SUPPORT_SCHEME);
  if (rc != CURLUE_OK) {
    return Status::InvalidArgument(std::string("malformed URL: ") + curl_url_strerror(rc));
  }
  auto part = [&](CURLUPart which, unsigned flags, std::string* value) {
    char* text = nullptr;
    if (curl_url_get(h.get(), which, &text, flags) != CURLUE_OK) return false;
    value->assign(text);
    curl_free(text);
    return true;
  };
  std::string port, query;
  if (!part(CURLUPART_HOST, 0, &out->host) || out->host.empty()) {
    return Status::InvalidArgument("malformed URL: no host");
  }
  out->host = LowerAscii(out->host);
  part(CURLUPART_PORT, CURLU_DEFAULT_PORT, &port);
  part(CURLUPART_URL, 0, &out->url);
  part(CURLUPART_PATH, 0, &out->path);
  if (part(CURLUPART_QUERY, 0, &query)) out->path += "?" + query;
  out->origin = scheme + "://" + out->host + ":" + port;
  curl_url_set(h.get(), CURLUPART_PATH, "/robots.txt", 0);
  curl_url_set(h.get(), CURLUPART_QUERY, nullptr, 0);
  curl_url_set(h.get(), CURLUPART_FRAGMENT, nullptr, 0);
  part(CURLUPART_URL, 0, &out->robots);
  return Status::OK();
}

// Failures worth another attempt: the server or the path to it may recover.
bool IsTransient(CURLcode rc) {
  switch (rc) {
    case CURLE_OPERATION_TIMEDOUT:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
      return true;
    default:
      return false;
  }
}

std::string Attempts(int n) { return n > 1 ? " (" + std::to_string(n) + " attempts)" : ""; }

struct Job {
  FetchRecord record;
  ParsedUrl at;                   // the URL of the current hop
  std::vector<std::string> hops;  // URLs requested so far, for loop detection
  int hop_attempts = 0;           // requests made for the current hop
  bool robots = false;            // fetches robots.txt of origin_for_robots
  std::string origin_for_robots;
  std::list<Job>::iterator self;  // where the job lives, for erasing it
};

struct Host {
  std::deque<Job*> queue;
  std::size_t active = 0;
  Clock::time_point next_start;  // the earliest start of the next request
  milliseconds delay{0};
  bool runnable = false;       // waits in the round-robin list
  bool timer_pending = false;  // waits in the host timer heap
};

struct Robots {
  enum class State { kUnknown, kFetching, kKnown } state = State::kUnknown;
  RobotsRules rules;
  std::string why_disallowed;  // when robots.txt could not be had
  std::string host;            // the host that a Crawl-delay slows down
  std::vector<Job*> waiting;
};

// One request in flight.
struct Transfer {
  CURL* easy = nullptr;
  Job* job = nullptr;
  std::size_t max_body = 0;
  bool too_large = false;
  std::string body;
  std::string head;     // the last response's status line and headers
  std::string request;  // the request head as sent (kept for WARC only)
  char error[CURL_ERROR_SIZE] = {};
};

std::size_t OnBody(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::size_t bytes = size * n;
  if (t->body.size() + bytes > t->max_body) {
    t->too_large = true;
    return 0;  // aborts the transfer
  }
  t->body.append(data, bytes);
  return bytes;
}

std::size_t OnHeader(char* data, std::size_t size, std::size_t n, void* user) {
  auto* t = static_cast<Transfer*>(user);
  std::string_view line(data, size * n);
  if (line.substr(0, 5) == "HTTP/") t->head.clear();  // after a 100 Continue, say
  t->head.append(line);
  return size * n;
}

int OnDebug(CURL*, curl_infotype type, char* data, std::size_t size, void* user) {
  if (type == CURLINFO_HEADER_OUT) static_cast<Transfer*>(user)->request.assign(data, size);
  return 0;
}

template <typename T>
using MinHeap = std::priority_queue<std::pair<Clock::time_point, T>,
                                    std::vector<std::pair<Clock::time_point, T>>,
                                    std::greater<std::pair<Clock::time_point, T>>>;

}  // namespace

std::string DefaultUserAgent() { return "pith/" PITH_VERSION " (+https://github.com/pith)"; }

class Fetcher::Loop {
 public:
  Loop(Fetcher* fetcher, const NextUrl& next_url, const OnRecord& on_record,
       const OnProgress& on_progress)
      : options_(fetcher->options_),
        stop_(fetcher->stop_),
        stats_(fetcher->stats_),
        next_url_(next_url),
        on_record_(on_record),
        on_progress_(on_progress),
        user_agent_(options_.user_agent.empty() ? DefaultUserAgent() : options_.user_agent),
        agent_token_(ProductToken(user_agent_)),
        random_(std::random_device{}()) {}

  ~Loop() {
    for (auto& [easy, transfer] : transfers_) {
      curl_multi_remove_handle(multi_, easy);
      curl_easy_cleanup(easy);
    }
    if (multi_ != nullptr) curl_multi_cleanup(multi_);
    curl_slist_free_all(headers_);
    curl_slist_free_all(resolve_);
  }

  Status Run() {
    static std::once_flag curl_ready;
    std::call_once(curl_ready, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    multi_ = curl_multi_init();
    if (multi_ == nullptr) return Status::IOError("cannot start libcurl");
    headers_ = curl_slist_append(
        nullptr, "Accept: text/html,application/xhtml+xml;q=0.9,text/plain;q=0.8,*/*;q=0.5");
    for (const std::string& entry : options_.resolve) {
      resolve_ = curl_slist_append(resolve_, entry.c_str());
    }
    if (!options_.warc_path.empty()) {
      Status s = WarcWriter::Open(options_.warc_path, options_.warc_append, user_agent_, &warc_);
      if (!s.ok()) return s;
    }
    stats_ = FetchStats();
    start_ = Clock::now();
    Clock::time_point last_progress = start_;
    while (status_.ok()) {
      if (stop_.load()) {
        stats_.stopped = true;
        break;
      }
      Clock::time_point now = Clock::now();
      Admit();
      ReleaseTimers(now);
      StartTransfers(now);
      if (jobs_.empty() && input_done_) break;
      int running = 0;
      curl_multi_perform(multi_, &running);
      bool finished = Collect();
      stats_.active = transfers_.size();
      stats_.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
      if (on_progress_ && Clock::now() - last_progress >= kProgressEvery) {
        last_progress = Clock::now();
        on_progress_(stats_);
      }
      if (!finished) curl_multi_poll(multi_, nullptr, 0, SleepMs(), nullptr);
    }
    stats_.active = 0;
    stats_.seconds = std::chrono::duration<double>(Clock::now() - start_).count();
    return status_;
  }

 private:
  // Takes URLs from the input until max_queued jobs are under way.
  void Admit() {
    std::string url;
    while (!input_done_ && status_.ok() &&
           jobs_.size() < std::max<std::size_t>(options_.max_queued, 1)) {
      if (!next_url_(&url)) {
        input_done_ = true;
        break;
      }
      ++stats_.urls;
      Job& job = NewJob();
      job.record.url = url;
      Status s = ParseUrl(url, &job.at);
      if (!s.ok()) {
        Finish(&job, s);
        continue;
      }
      job.hops.push_back(job.at.url);
      Route(&job, false);
    }
  }

  Job& NewJob() {
    jobs_.emplace_back();
    jobs_.back().self = std::prev(jobs_.end());
    return jobs_.back();
  }

  // Sends a job to its host's queue, through robots.txt when asked for: at
  // the front for the next hop of a fetch under way, as for a retry, so that
  // it does not wait behind every URL read since it began.
  void Route(Job* job, bool front) {
    if (!options_.robots || job->robots) return Enqueue(job, front);
    Robots& robots = robots_[job->at.origin];
    switch (robots.state) {
      case Robots::State::kKnown:
        if (!robots.rules.Allowed(job->at.path)) {
          std::string why = "disallowed by robots.txt";
          if (!robots.why_disallowed.empty()) why += " (" + robots.why_disallowed + ")";
          return Finish(job, Status::Unsupported(why));
        }
        return Enqueue(job, front);
      case Robots::State::kFetching:
        robots.waiting.push_back(job);
        return;
      case Robots::State::kUnknown: {
        robots.state = Robots::State::kFetching;
        robots.host = job->at.host;
        robots.waiting.push_back(job);
        Job& fetch = NewJob();
        fetch.robots = true;
        fetch.origin_for_robots = job->at.origin;
        ParseUrl(job->at.robots, &fetch.at);
        fetch.hops.push_back(fetch.at.url);
        return Enqueue(&fetch, true);
      }
    }
  }

  Host& HostOf(const Job& job) {
    auto [it, added] = hosts_.try_emplace(job.at.host);
    if (added) it->second.delay = options_.host_delay;
    return it->second;
  }

  void Enqueue(Job* job, bool front) {
    Host& host = HostOf(*job);
    if (front) {
      host.queue.push_front(job);
    } else {
      host.queue.push_back(job);
    }
    Wake(&host);
  }

  // Puts a host that can start a request now into the round-robin list, or
  // one that must wait into the timer heap.
  void Wake(Host* host) {
    if (host->queue.empty() || host->active >= std::max<std::size_t>(options_.per_host, 1)) return;
    if (Clock::now() >= host->next_start) {
      if (!host->runnable) {
        host->runnable = true;
        runnable_.push_back(host);
      }
    } else if (!host->timer_pending) {
      host->timer_pending = true;
      host_timers_.push({host->next_start, host});
    }
  }

  void ReleaseTimers(Clock::time_point now) {
    while (!retry_timers_.empty() && retry_timers_.top().first <= now) {
      Job* job = retry_timers_.top().second;
      retry_timers_.pop();
      Enqueue(job, true);
    }
    while (!host_timers_.empty() && host_timers_.top().first <= now) {
      Host* host = host_timers_.top().second;
      host_timers_.pop();
      host->timer_pending = false;
      Wake(host);
    }
  }

  void StartTransfers(Clock::time_point now) {
    while (transfers_.size() < std::max<std::size_t>(options_.concurrency, 1) &&
           !runnable_.empty()) {
      Host* host = runnable_.front();
      runnable_.pop_front();
      host->runnable = false;
      if (host->queue.empty() || host->active >= std::max<std::size_t>(options_.per_host, 1) ||
          now < host->next_start) {
        Wake(host);
        continue;
      }
      Job* job = host->queue.front();
      host->queue.pop_front();
      ++host->active;
      host->next_start = now + host->delay;
      Start(job);
      Wake(host);
    }
  }

  void Start(Job* job) {
    auto transfer = std::make_unique<Transfer>();
    Transfer* t = transfer.get();
    t->job = job;
    t->max_body = job->robots ? kMaxRobotsBytes : options_.max_body_bytes;
    CURL* easy = curl_easy_init();
    t->easy = easy;
    curl_easy_setopt(easy, CURLOPT_URL, job->at.url.c_str());
    curl_easy_setopt(easy, CURLOPT_PRIVATE, t);
    curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, OnBody);
    curl_easy_setopt(easy, CURLOPT_WRITEDATA, t);
    curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, OnHeader);
    curl_easy_setopt(easy, CURLOPT_HEADERDATA, t);
    curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t->error);
    curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
    curl_easy_setopt(easy, CURLOPT_FOLLOWLOCATION, 0L);   // the loop follows, politely
    curl_easy_setopt(easy, CURLOPT_ACCEPT_ENCODING, "");  // all that libcurl decodes
    curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, static_cast<long>(CURL_HTTP_VERSION_2TLS));
    curl_easy_setopt(easy, CURLOPT_USERAGENT, user_agent_.c_str());
    curl_easy_setopt(easy, CURLOPT_HTTPHEADER, headers_);
    curl_easy_setopt(easy, CURLOPT_RESOLVE, resolve_);
    curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                     static_cast<long>(options_.connect_timeout.count()));
    curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, static_cast<long>(options_.timeout.count()));
    curl_easy_setopt(easy, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(t->max_body));
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, 1L);
    curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, 2L);
    if (warc_ && !job->robots) {
      curl_easy_setopt(easy, CURLOPT_DEBUGFUNCTION, OnDebug);
      curl_easy_setopt(easy, CURLOPT_DEBUGDATA, t);
      curl_easy_setopt(easy, CURLOPT_VERBOSE, 1L);  // the debug function sees the request
    }
    ++job->hop_attempts;
    ++job->record.attempts;
    transfers_.emplace(easy, std::move(transfer));
    curl_multi_add_handle(multi_, easy);
  }

  // Handles the transfers that ended; true when there were any.
  bool Collect() {
    bool any = false;
    int left = 0;
    while (CURLMsg* msg = curl_multi_info_read(multi_, &left)) {
      if (msg->msg != CURLMSG_DONE) continue;
      any = true;
      CURL* easy = msg->easy_handle;
      CURLcode rc = msg->data.result;
      curl_multi_remove_handle(multi_, easy);
      auto it = transfers_.find(easy);
      std::unique_ptr<Transfer> t = std::move(it->second);
      transfers_.erase(it);
      Host& host = HostOf(*t->job);
      --host.active;
      Ended(t.get(), rc, &host);
      curl_easy_cleanup(easy);
      Wake(&host);
    }
    return any;
  }

  // Decides what comes of a transfer: a record, a redirect or a retry.
  void Ended(Transfer* t, CURLcode rc, Host* host) {
    Job* job = t->job;
    stats_.bytes += t->body.size();
    if (t->too_large || rc == CURLE_FILESIZE_EXCEEDED) {
      if (job->robots) return RobotsKnown(job, RobotsRules::Parse(t->body, agent_token_), "");
      return Finish(
          job, Status::TooLarge("body over the " + std::to_string(t->max_body) + "-byte limit"));
    }
    if (rc != CURLE_OK) {
      std::string why = t->error[0] != '\0' ? t->error : curl_easy_strerror(rc);
      if (IsTransient(rc) && Retry(job, RetryWait(job))) return;
      return Finish(job, Status::IOError(why + Attempts(job->record.attempts)));
    }
    long status = 0;
    curl_easy_getinfo(t->easy, CURLINFO_RESPONSE_CODE, &status);
    if (status >= 300 && status < 400) {
      char* location = nullptr;
      curl_easy_getinfo(t->easy, CURLINFO_REDIRECT_URL, &location);
      if (location != nullptr) return Redirect(job, status, location);
    }
    if (status == 429 || status >= 500) {
      curl_off_t retry_after = 0;
      curl_easy_getinfo(t->easy, CURLINFO_RETRY_AFTER, &retry_after);
      milliseconds wait = retry_after > 0 ? milliseconds(retry_after * 1000) : RetryWait(job);
      if (retry_after > 0 && wait <= options_.max_retry_after) {
        host->next_start = std::max(host->next_start, Clock::now() + wait);
      }
      if (wait <= options_.max_retry_after && Retry(job, wait)) return;
    }
    if (job->robots) {
      if (status >= 200 && status < 300) {
        return RobotsKnown(job, RobotsRules::Parse(t->body, agent_token_), "");
      }
      if (status >= 400 && status < 500) return RobotsKnown(job, RobotsRules::AllowAll(), "");
      return RobotsKnown(job, RobotsRules::DisallowAll(),
                         "robots.txt unreachable: HTTP status " + std::to_string(status));
    }
    Respond(job, t, status);
  }

  // Fills the record from a final response, archives it, and ends the job.
  void Respond(Job* job, Transfer* t, long status) {
    FetchRecord& r = job->record;
    r.final_url = job->at.url;
    r.status = static_cast<int>(status);
    std::string declared;
    char* content_type = nullptr;
    curl_easy_getinfo(t->easy, CURLINFO_CONTENT_TYPE, &content_type);
    if (content_type != nullptr) ParseContentType(content_type, &r.content_type, &declared);
    struct curl_header* header = nullptr;
    if (curl_easy_header(t->easy, "Last-Modified", 0, CURLH_HEADER, -1, &header) == CURLHE_OK) {
      r.last_modified = header->value;
    }
    if (curl_easy_header(t->easy, "ETag", 0, CURLH_HEADER, -1, &header) == CURLHE_OK) {
      r.etag = header->value;
    }
    auto now = std::chrono::system_clock::now();
    r.fetched_at = Iso8601(now);
    if (warc_) {
      char* ip = nullptr;
      curl_easy_getinfo(t->easy, CURLINFO_PRIMARY_IP, &ip);
      Status s = warc_->Write(
          {job->at.url, r.fetched_at, ip != nullptr ? ip : "", t->request, t->head, t->body});
      if (!s.ok()) status_ = s;
    }
    if (status < 200 || status > 299) {
      return Finish(
          job, Status::IOError("HTTP status " + std::to_string(status) + Attempts(r.attempts)));
    }
    if (!r.content_type.empty() && r.content_type != "text/html" &&
        r.content_type != "application/xhtml+xml" && r.content_type != "text/plain") {
      return Finish(job, Status::Unsupported("not a page: content type " + r.content_type));
    }
    DecodedText text = r.content_type == "text/plain" ? DecodeText(t->body, declared)
                                                      : DecodeHtml(t->body, declared);
    r.charset = std::move(text.charset);
    r.html = std::move(text.utf8);
    Finish(job, Status::OK());
  }

  void Redirect(Job* job, long status, const std::string& location) {
    job->record.final_url = job->at.url;
    job->record.status = static_cast<int>(status);
    int limit = job->robots ? kMaxRobotsRedirects : options_.max_redirects;
    if (static_cast<int>(job->hops.size()) > limit) {
      if (job->robots) return RobotsKnown(job, RobotsRules::AllowAll(), "");
      return Finish(job, Status::IOError("more than " + std::to_string(limit) + " redirects"));
    }
    ParsedUrl next;
    Status s = ParseUrl(location, &next);
    if (!s.ok()) {
      if (job->robots) return RobotsKnown(job, RobotsRules::AllowAll(), "");
      std::string why = "redirect to " + location + ": " + s.message();
      return Finish(job, s.code() == Status::Code::kUnsupported ? Status::Unsupported(why)
                                                                : Status::IOError(why));
    }
    if (std::find(job->hops.begin(), job->hops.end(), next.url) != job->hops.end()) {
      std::string chain;
      for (const std::string& hop : job->hops) chain += hop + " -> ";
      if (job->robots) return RobotsKnown(job, RobotsRules::AllowAll(), "");
      return Finish(job, Status::IOError("redirect loop: " + chain + next.url));
    }
    ++stats_.redirects;
    job->at = std::move(next);
    job->hops.push_back(job->at.url);
    job->hop_attempts = 0;
    Route(job, true);
  }

  // The wait before the next attempt: retry_delay doubled per attempt made,
  // scaled by a random factor in [0.5, 1.5).
  milliseconds RetryWait(Job* job) {
    double base = static_cast<double>(options_.retry_delay.count()) *
                  static_cast<double>(1u << std::min(job->hop_attempts - 1, 20));
    std::uniform_real_distribution<double> jitter(0.5, 1.5);
    return milliseconds(static_cast<std::int64_t>(base * jitter(random_)));
  }

  // Schedules another attempt after wait; false when none is left.
  bool Retry(Job* job, milliseconds wait) {
    if (job->hop_attempts >= options_.max_attempts) return false;
    ++stats_.retries;
    retry_timers_.push({Clock::now() + wait, job});
    return true;
  }

  void RobotsKnown(Job* fetch, RobotsRules rules, std::string why) {
    Robots& robots = robots_[fetch->origin_for_robots];
    robots.state = Robots::State::kKnown;
    robots.rules = std::move(rules);
    robots.why_disallowed = std::move(why);
    auto crawl_delay = milliseconds(static_cast<std::int64_t>(robots.rules.crawl_delay() * 1000));
    Host& host = hosts_[robots.host];
    host.delay = std::max(host.delay, crawl_delay);
    std::vector<Job*> waiting = std::move(robots.waiting);
    jobs_.erase(fetch->self);
    for (Job* job : waiting) Route(job, false);
  }

  // Hands the job's record to the caller and forgets the job.
  void Finish(Job* job, Status error) {
    if (job->robots) {  // robots.txt could not be had: RFC 9309 says keep off
      return RobotsKnown(job, RobotsRules::DisallowAll(),
                         "robots.txt unreachable: " + error.message());
    }
    FetchRecord& r = job->record;
    if (r.fetched_at.empty()) r.fetched_at = Iso8601(std::chrono::system_clock::now());
    if (!error.ok()) r.html.clear();
    ++(error.ok() ? stats_.fetched : stats_.failed);
    r.error = std::move(error);
    if (status_.ok()) status_ = on_record_(std::move(r));  // after a failure, no more records
    jobs_.erase(job->self);
  }

  // How long the loop may sleep: until the earliest timer, at most kMaxSleep.
  int SleepMs() {
    Clock::time_point wake = Clock::now() + kMaxSleep;
    if (!retry_timers_.empty()) wake = std::min(wake, retry_timers_.top().first);
    if (!host_timers_.empty()) wake = std::min(wake, host_timers_.top().first);
    auto ms = std::chrono::ceil<milliseconds>(wake - Clock::now()).count();
    return static_cast<int>(std::max<std::int64_t>(ms, 0));
  }

  const FetchOptions& options_;
  std::atomic<bool>& stop_;
  FetchStats& stats_;
  const NextUrl& next_url_;
  const OnRecord& on_record_;
  const OnProgress& on_progress_;
  const std::string user_agent_;
  const std::string agent_token_;
  std::mt19937_64 random_;

  CURLM* multi_ = nullptr;
  curl_slist* headers_ = nullptr;
  curl_slist* resolve_ = nullptr;
  std::unique_ptr<WarcWriter> warc_;
  Status status_;
  Clock::time_point start_;
  bool input_done_ = false;

  std::list<Job> jobs_;  // every job under way, wherever it waits
  std::unordered_map<std::string, Host> hosts_;
  std::unordered_map<std::string, Robots> robots_;
  std::deque<Host*> runnable_;
  MinHeap<Host*> host_timers_;
  MinHeap<Job*> retry_timers_;
  std::unordered_map<CURL*, std::unique_ptr<Transfer>> transfers_;
};

Fetcher::Fetcher(FetchOptions options) : options_(std::move(options)) {}

Fetcher::~Fetcher() = default;

Status Fetcher::Run(const NextUrl& next_url, const OnRecord& on_record,
                    const OnProgress& on_progress) {
  Loop loop(this, next_url, on_record, on_progress);
  return loop.Run();
}

}  // namespace pith
