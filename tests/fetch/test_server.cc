#include "tests/fetch/test_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <cerrno>
#include <stdexcept>

namespace pith::testing {
namespace {

constexpr int kPollMs = 20;

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c);
  return s;
}

std::string Reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 404:
      return "Not Found";
    case 429:
      return "Too Many Requests";
    case 500:
      return "Internal Server Error";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

bool SendAll(int fd, std::string_view bytes) {
  while (!bytes.empty()) {
    ssize_t n = send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

}  // namespace

std::string Gzip(std::string_view bytes) {
  z_stream z{};
  deflateInit2(&z, 9, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, bytes.size()), '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  z.avail_in = static_cast<uInt>(bytes.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

TestServer::TestServer(Handler handler, std::string address)
    : handler_(std::move(handler)), address_(std::move(address)) {
  listen_fd_ = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  int one = 1;
  setsockopt(listen_fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = 0;
  if (inet_pton(AF_INET, address_.c_str(), &addr.sin_addr) != 1 ||
      bind(listen_fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      listen(listen_fd_, 128) != 0) {
    throw std::runtime_error("test server cannot listen on " + address_);
  }
  socklen_t len = sizeof addr;
  getsockname(listen_fd_, reinterpret_cast<sockaddr*>(&addr), &len);
  port_ = ntohs(addr.sin_port);
  acceptor_ = std::thread([this] { Accept(); });
}

TestServer::~TestServer() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  stopped_.notify_all();
  acceptor_.join();
  {
    std::lock_guard<std::mutex> lock(mu_);
    for (int fd : connections_) {
      if (fd >= 0) shutdown(fd, SHUT_RDWR);
    }
  }
  for (std::thread& t : threads_) t.join();
  close(listen_fd_);
}

std::string TestServer::Url(std::string_view target) const {
  return "http://" + address_ + ":" + std::to_string(port_) + std::string(target);
}

std::string TestServer::UrlFor(std::string_view host, std::string_view target) const {
  return "http://" + std::string(host) + ":" + std::to_string(port_) + std::string(target);
}

std::string TestServer::Resolve(std::string_view host) const {
  return std::string(host) + ":" + std::to_string(port_) + ":" + address_;
}

std::vector<LogEntry> TestServer::Log() const {
  std::lock_guard<std::mutex> lock(mu_);
  return log_;
}

int TestServer::Count(std::string_view target) const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<int>(std::count_if(log_.begin(), log_.end(),
                                        [&](const LogEntry& e) { return e.target == target; }));
}

void TestServer::Accept() {
  while (!stop_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (poll(&p, 1, kPollMs) <= 0) continue;
    int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    std::lock_guard<std::mutex> lock(mu_);
    connections_.push_back(fd);
    threads_.emplace_back([this, fd] { Serve(fd); });
  }
}

// Waits d, or less when the server stops; false when it stopped.
bool TestServer::Sleep(std::chrono::milliseconds d) {
  std::unique_lock<std::mutex> lock(mu_);
  return !stopped_.wait_for(lock, d, [this] { return stop_.load(); });
}

void TestServer::Serve(int fd) {
  std::string buffer;
  bool keep_alive = true;
  while (keep_alive && !stop_) {
    std::size_t head_end;
    while ((head_end = buffer.find("\r\n\r\n")) == std::string::npos) {
      pollfd p{fd, POLLIN, 0};
      if (stop_) break;
      if (poll(&p, 1, kPollMs) <= 0) continue;
      char chunk[4096];
      ssize_t n = recv(fd, chunk, sizeof chunk, 0);
      if (n <= 0) break;
      buffer.append(chunk, static_cast<std::size_t>(n));
    }
    if (head_end == std::string::npos) break;
    LogEntry entry;
    entry.start = Clock::now();
    Request request;
    std::string head = buffer.substr(0, head_end);
    buffer.erase(0, head_end + 4);
    std::size_t eol = head.find("\r\n");
    std::string line = head.substr(0, eol);
    request.method = line.substr(0, line.find(' '));
    request.target = line.substr(line.find(' ') + 1, line.rfind(' ') - line.find(' ') - 1);
    for (std::size_t at = eol; at != std::string::npos && at < head.size();) {
      std::size_t next = head.find("\r\n", at + 2);
      std::string field =
          head.substr(at + 2, next == std::string::npos ? std::string::npos : next - at - 2);
      std::size_t colon = field.find(':');
      if (colon != std::string::npos) {
        std::string value = field.substr(colon + 1);
        value.erase(0, value.find_first_not_of(' '));
        request.headers[Lower(field.substr(0, colon))] = value;
      }
      at = next;
    }
    request.host = request.headers["host"].substr(0, request.headers["host"].rfind(':'));
    keep_alive = Lower(request.headers["connection"]) != "close";
    entry.host = request.host;
    entry.target = request.target;
    entry.user_agent = request.headers["user-agent"];
    entry.accept_encoding = request.headers["accept-encoding"];
    std::size_t index;
    {
      std::lock_guard<std::mutex> lock(mu_);
      request.nth = ++seen_[{request.host, request.target}];
      index = log_.size();
      log_.push_back(entry);
    }
    Response response = handler_(request);
    if (response.delay.count() > 0 && !Sleep(response.delay)) break;
    {
      // Before the answer leaves: the client cannot see the request end sooner.
      std::lock_guard<std::mutex> lock(mu_);
      log_[index].end = Clock::now();
    }
    if (response.reset) {
      linger hard{1, 0};  // close() then sends a RST
      setsockopt(fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
      keep_alive = false;
    } else {
      std::string out =
          "HTTP/1.1 " + std::to_string(response.status) + " " + Reason(response.status) + "\r\n";
      for (const auto& [name, value] : response.headers) out += name + ": " + value + "\r\n";
      if (response.chunked) {
        out += "Transfer-Encoding: chunked\r\n\r\n";
        char size[32];
        std::snprintf(size, sizeof size, "%zx\r\n", response.body.size());
        if (!response.body.empty()) out += size + response.body + "\r\n";
        out += "0\r\n\r\n";
      } else {
        out += "Content-Length: " + std::to_string(response.body.size()) + "\r\n\r\n";
        out += response.body;
      }
      keep_alive = SendAll(fd, out) && keep_alive;
    }
  }
  std::lock_guard<std::mutex> lock(mu_);
  std::replace(connections_.begin(), connections_.end(), fd, -1);
  close(fd);
}

}  // namespace pith::testing
