// A small HTTP/1.1 server for the fetcher's tests: listens on a loopback
// address and an ephemeral port, answers each request with what a handler
// returns, and logs every request with the times it came and was answered.
// A thread per connection (this is test code); keep-alive is supported.

#ifndef PITH_TESTS_FETCH_TEST_SERVER_H_
#define PITH_TESTS_FETCH_TEST_SERVER_H_

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <map>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace pith::testing {

using Clock = std::chrono::steady_clock;

struct Request {
  std::string method;
  std::string target;                          // "/path?query"
  std::string host;                            // the Host header without its port
  std::map<std::string, std::string> headers;  // names lower-cased
  int nth = 0;  // 1 for the first request of this host and target, 2 for the next...
};

struct Response {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
  std::chrono::milliseconds delay{0};  // waited before answering
  bool reset = false;                  // close the connection with a RST instead
  bool chunked = false;                // chunked transfer coding, no Content-Length
};

struct LogEntry {
  std::string host;
  std::string target;
  std::string user_agent;
  std::string accept_encoding;
  Clock::time_point start;  // the request head was read
  // Just before the response went out (or the connection was reset); the
  // maximum while the request is pending.
  Clock::time_point end = Clock::time_point::max();
};

class TestServer {
 public:
  using Handler = std::function<Response(const Request&)>;

  // Starts listening on address:0. The handler runs on connection threads,
  // possibly several at once.
  explicit TestServer(Handler handler, std::string address = "127.0.0.1");
  ~TestServer();
  TestServer(const TestServer&) = delete;
  TestServer& operator=(const TestServer&) = delete;

  int port() const { return port_; }
  const std::string& address() const { return address_; }
  // "http://ADDRESS:PORT" + target.
  std::string Url(std::string_view target) const;
  // "http://HOST:PORT" + target, for a host name resolved to this server.
  std::string UrlFor(std::string_view host, std::string_view target) const;
  // The FetchOptions::resolve entry that points host at this server.
  std::string Resolve(std::string_view host) const;

  std::vector<LogEntry> Log() const;
  // Requests for target (any host) so far.
  int Count(std::string_view target) const;

 private:
  void Accept();
  void Serve(int fd);
  bool Sleep(std::chrono::milliseconds d);

  Handler handler_;
  std::string address_;
  int listen_fd_ = -1;
  int port_ = 0;
  std::atomic<bool> stop_{false};
  mutable std::mutex mu_;
  std::condition_variable stopped_;
  std::vector<LogEntry> log_;
  std::map<std::pair<std::string, std::string>, int> seen_;
  std::vector<int> connections_;
  std::vector<std::thread> threads_;
  std::thread acceptor_;
};

// bytes as one gzip member.
std::string Gzip(std::string_view bytes);

}  // namespace pith::testing

#endif  // PITH_TESTS_FETCH_TEST_SERVER_H_
