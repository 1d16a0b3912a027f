// pith, the command-line tool: runs the command that cli/options.cc parsed.

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "clean/article_writer.h"
#include "clean/rules.h"
#include "cli/options.h"
#include "fetch/fetch_record.h"
#include "pith/fetch.h"
#include "pith/input.h"
#include "pith/pith.h"

namespace pith {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitRecordsFailed = 1;
constexpr int kExitUsage = 2;
constexpr int kExitInterrupted = 130;  // 128 + SIGINT, as shells report it

// Output that goes out in whole records: bytes reach write(2) only at a
// record's end, once a megabyte has gathered (after every record on a
// terminal, or always with each_record), so a reader of the file never sees
// half a record.
class Output {
 public:
  explicit Output(int fd, bool each_record = false)
      : fd_(fd), interactive_(each_record || isatty(fd) != 0) {}

  std::string* buffer() { return &buffer_; }

  // Ends a record; false when a write failed.
  bool EndRecord() { return (buffer_.size() < kFlushBytes && !interactive_) || Flush(); }

  // Writes out what is buffered; false (errno set) when a write failed.
  bool Flush() {
    std::string_view rest = buffer_;
    while (!rest.empty()) {
      ssize_t n = write(fd_, rest.data(), rest.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) return false;
      rest.remove_prefix(static_cast<std::size_t>(n));
    }
    buffer_.clear();
    return true;
  }

 private:
  static constexpr std::size_t kFlushBytes = std::size_t{1} << 20;
  int fd_;
  bool interactive_;
  std::string buffer_;
};

// Prints each line of message on stderr after "pith: ".
void PrintError(std::string_view message) {
  while (!message.empty()) {
    std::size_t end = std::min(message.find('\n'), message.size());
    std::fprintf(stderr, "pith: %.*s\n", static_cast<int>(end), message.data());
    message.remove_prefix(std::min(end + 1, message.size()));
  }
}

// Reports a failed write: quietly when the reader has gone (`pith | head`),
// which is how a pipeline ends, not an error.
int WriteFailed(const std::string& output) {
  if (errno == EPIPE) return kExitOk;
  PrintError((output.empty() ? std::string("stdout") : output) + ": " + std::strerror(errno));
  return kExitUsage;
}

// Opens -o FILE (emptied, or appended to), or stands for stdout; -1 after
// reporting an error.
int OpenOutput(const std::string& output, bool append) {
  if (output.empty()) return STDOUT_FILENO;
  int fd =
      open(output.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | (append ? O_APPEND : O_TRUNC), 0666);
  if (fd < 0) PrintError(output + ": " + std::strerror(errno));
  return fd;
}

// Writes articles in the chosen format, reporting failed ones.
class ArticleSink {
 public:
  ArticleSink(const cli::Args& args, int fd) : args_(args), fd_(fd), out_(fd) {}

  // False (errno set) when a write failed.
  bool Put(const Article& article) {
    if (!article.status.ok()) {
      failed_ = true;
      if (!args_.quiet) PrintError(article.source + ": " + article.status.ToString());
    }
    std::string* buffer = out_.buffer();
    switch (args_.format) {
      case OutputFormat::kJsonl:
        buffer->append(ToJsonLine(article));
        break;
      case OutputFormat::kText:
      case OutputFormat::kSeed:
        if (!first_) buffer->append("\f\n");
        buffer->append(args_.format == OutputFormat::kText ? ToText(article) : ToSeed(article));
        buffer->push_back('\n');
        break;
    }
    first_ = false;
    return out_.EndRecord();
  }

  // Flushes and closes the output; the exit status of the run.
  int Finish() {
    if (!out_.Flush() || (fd_ != STDOUT_FILENO && close(fd_) != 0)) {
      return WriteFailed(args_.output);
    }
    return failed_ ? kExitRecordsFailed : kExitOk;
  }

 private:
  const cli::Args& args_;
  int fd_;
  Output out_;
  bool failed_ = false;
  bool first_ = true;
};

// The URLs to fetch: the arguments, then the lines of -i FILE; stdin's lines
// when there are neither. Blank lines and # comments are skipped.
class UrlInput {
 public:
  explicit UrlInput(const cli::Args& args) : args_(args) {}

  // Opens -i FILE; false after reporting an error.
  bool Open() {
    if (!args_.url_file.empty()) {
      file_.open(args_.url_file);
      if (!file_) {
        PrintError(args_.url_file + ": " + std::strerror(errno));
        return false;
      }
      lines_ = &file_;
    } else if (args_.inputs.empty()) {
      lines_ = &std::cin;
    }
    return true;
  }

  bool Next(std::string* url) {
    if (next_arg_ < args_.inputs.size()) {
      *url = args_.inputs[next_arg_++];
      return true;
    }
    for (std::string line; lines_ != nullptr && std::getline(*lines_, line);) {
      std::size_t begin = line.find_first_not_of(" \t\r");
      if (begin == std::string::npos || line[begin] == '#') continue;
      *url = line.substr(begin, line.find_last_not_of(" \t\r") + 1 - begin);
      return true;
    }
    return false;
  }

  // How many URLs there are, when that can be known up front (no stdin).
  std::size_t Count() const {
    if (args_.url_file.empty()) return args_.inputs.empty() ? 0 : args_.inputs.size();
    std::ifstream in(args_.url_file);
    std::size_t n = args_.inputs.size();
    for (std::string line; std::getline(in, line);) {
      std::size_t begin = line.find_first_not_of(" \t\r");
      n += begin != std::string::npos && line[begin] != '#';
    }
    return n;
  }

 private:
  const cli::Args& args_;
  std::size_t next_arg_ = 0;
  std::ifstream file_;
  std::istream* lines_ = nullptr;
};

// The fetcher a SIGINT or SIGTERM stops; a second signal kills as usual.
std::atomic<Fetcher*> g_running_fetcher{nullptr};

void StopFetcher(int signal) {
  std::signal(signal, SIG_DFL);
  if (Fetcher* fetcher = g_running_fetcher.load()) fetcher->Stop();
}

// Runs the fetcher with SIGINT and SIGTERM wired to Stop().
Status RunFetcher(Fetcher* fetcher, const Fetcher::NextUrl& next_url,
                  const Fetcher::OnRecord& on_record, const Fetcher::OnProgress& on_progress) {
  g_running_fetcher = fetcher;
  std::signal(SIGINT, StopFetcher);
  std::signal(SIGTERM, StopFetcher);
  Status s = fetcher->Run(next_url, on_record, on_progress);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  g_running_fetcher = nullptr;
  return s;
}

// Progress and the summary line of a fetch on stderr.
class FetchReport {
 public:
  // total: URLs to fetch, 0 when unknown.
  FetchReport(bool progress, std::size_t total)
      : terminal_(isatty(STDERR_FILENO) != 0), show_(progress || terminal_), total_(total) {}

  // Reports a failed record, above the progress line.
  void Failed(const std::string& url, const Status& error) {
    Clear();
    PrintError(url + ": " + error.ToString());
  }

  void Progress(const FetchStats& stats) {
    if (!show_) return;
    if (!terminal_ && stats.seconds - last_line_ < 1) return;
    last_line_ = stats.seconds;
    std::size_t done = stats.fetched + stats.failed;
    double rate = stats.seconds > 0 ? static_cast<double>(done) / stats.seconds : 0;
    std::string line = "pith: " + std::to_string(done);
    if (total_ > 0) line += "/" + std::to_string(total_);
    line += " done, " + std::to_string(stats.failed) + " failed, " + Fixed(rate) + " pages/s";
    if (total_ > done && rate > 0) {
      auto left = static_cast<long>(static_cast<double>(total_ - done) / rate);
      char eta[32];
      std::snprintf(eta, sizeof eta, ", ETA %ld:%02ld", left / 60, left % 60);
      line += eta;
    }
    if (terminal_) {
      std::fprintf(stderr, "\r%s\033[K", line.c_str());
      shown_ = true;
    } else {
      std::fprintf(stderr, "%s\n", line.c_str());
    }
  }

  // skipped: URLs that a resumed run found done.
  void Summary(const FetchStats& stats, std::size_t skipped) {
    Clear();
    std::size_t done = stats.fetched + stats.failed;
    std::string line = "pith: " + std::to_string(done) + " URLs in " + Fixed(stats.seconds) +
                       " s (" +
                       Fixed(stats.seconds > 0 ? static_cast<double>(done) / stats.seconds : 0) +
                       " pages/s): " + std::to_string(stats.fetched) + " fetched, " +
                       std::to_string(stats.failed) + " failed, " + std::to_string(stats.retries) +
                       " retries, " + std::to_string(stats.redirects) + " redirects";
    if (skipped > 0) line += ", " + std::to_string(skipped) + " already done";
    if (stats.stopped) line += "; interrupted";
    std::fprintf(stderr, "%s\n", line.c_str());
  }

 private:
  static std::string Fixed(double x) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", x);
    return text;
  }

  void Clear() {
    if (shown_) std::fputs("\r\033[K", stderr);
    shown_ = false;
  }

  bool terminal_;
  bool show_;
  std::size_t total_;
  double last_line_ = -1;
  bool shown_ = false;
};

// pith clean --fetch: each fetched page is cleaned as it arrives.
int RunCleanFetch(const cli::Args& args, std::shared_ptr<const RuleSet> rules) {
  int fd = OpenOutput(args.output, false);
  if (fd < 0) return kExitUsage;
  UrlInput input(args);
  if (!input.Open()) return kExitUsage;
  ArticleSink sink(args, fd);
  Cleaner cleaner(std::move(rules), args.clean);
  Fetcher fetcher(args.fetch);
  int write_errno = 0;
  Status s = RunFetcher(
      &fetcher, [&](std::string* url) { return input.Next(url); },
      [&](FetchRecord record) {
        if (sink.Put(cleaner.Clean(ToRawPage(std::move(record))))) return Status::OK();
        write_errno = errno;
        return Status::IOError(std::strerror(errno));
      },
      nullptr);
  if (write_errno != 0) {
    errno = write_errno;
    return WriteFailed(args.output);
  }
  if (!s.ok()) {
    PrintError(s.message());
    return kExitUsage;
  }
  int status = sink.Finish();
  return fetcher.stats().stopped ? kExitInterrupted : status;
}

int RunClean(const cli::Args& args) {
  std::shared_ptr<const RuleSet> rules;
  if (Status s = LoadRules(args.rules, &rules); !s.ok()) {
    PrintError(s.message());
    return kExitUsage;
  }
  if (args.fetch_inputs) return RunCleanFetch(args, std::move(rules));
  int fd = OpenOutput(args.output, false);
  if (fd < 0) return kExitUsage;
  ArticleSink sink(args, fd);
  RecordReader reader(args.inputs.empty() ? std::vector<std::string>{"-"} : args.inputs,
                      args.input);
  Cleaner cleaner(rules, args.clean);
  RawPage page;
  while (reader.Next(&page)) {
    if (!sink.Put(cleaner.Clean(page))) return WriteFailed(args.output);
  }
  return sink.Finish();
}

int RunFetch(const cli::Args& args) {
  // With --resume, the URLs whose records FILE holds, each as often as it does.
  std::unordered_map<std::string, std::size_t> done;
  std::size_t already = 0;
  if (args.resume) {
    std::vector<std::string> urls;
    std::uint64_t whole_bytes = 0;
    if (Status s = ReadFetchedUrls(args.output, &urls, &whole_bytes); !s.ok()) {
      PrintError(s.message());
      return kExitUsage;
    }
    for (std::string& url : urls) ++done[std::move(url)];
    already = urls.size();
    if (truncate(args.output.c_str(), static_cast<off_t>(whole_bytes)) != 0 && errno != ENOENT) {
      PrintError(args.output + ": " + std::strerror(errno));
      return kExitUsage;
    }
  }
  int fd = OpenOutput(args.output, args.resume);
  if (fd < 0) return kExitUsage;
  UrlInput input(args);
  if (!input.Open()) return kExitUsage;
  std::size_t total = input.Count();
  FetchReport report(args.progress, total > already ? total - already : 0);
  std::size_t skipped = 0;
  auto next_url = [&](std::string* url) {
    while (input.Next(url)) {
      auto it = done.find(*url);
      if (it == done.end() || it->second == 0) return true;
      --it->second;
      ++skipped;
    }
    return false;
  };
  FetchOptions options = args.fetch;
  options.warc_append = args.resume;
  Fetcher fetcher(options);
  Output out(fd, /*each_record=*/true);  // a killed run loses no record it reported
  bool failed = false;
  int write_errno = 0;
  Status s = RunFetcher(
      &fetcher, next_url,
      [&](FetchRecord record) {
        if (!record.error.ok()) {
          failed = true;
          if (!args.quiet) report.Failed(record.url, record.error);
        }
        out.buffer()->append(ToJsonLine(record));
        if (out.EndRecord()) return Status::OK();
        write_errno = errno;
        return Status::IOError(std::strerror(errno));
      },
      [&](const FetchStats& stats) { report.Progress(stats); });
  report.Summary(fetcher.stats(), skipped);
  if (write_errno != 0) {
    errno = write_errno;
    return WriteFailed(args.output);
  }
  if (!s.ok()) {  // the WARC file could not be written
    PrintError(s.message());
    return kExitUsage;
  }
  if (fd != STDOUT_FILENO && close(fd) != 0) return WriteFailed(args.output);
  if (fetcher.stats().stopped) return kExitInterrupted;
  return failed ? kExitRecordsFailed : kExitOk;
}

int RunRulesCheck(const cli::Args& args) {
  std::size_t count = 0;
  if (Status s = CheckRules(args.rules_dir, &count); !s.ok()) {
    PrintError(s.message());
    return kExitUsage;
  }
  std::printf("%zu rules OK\n", count);
  return kExitOk;
}

}  // namespace
}  // namespace pith

int main(int argc, char** argv) {
  // A closed pipe shows up as EPIPE from write(), which ends the run quietly.
  std::signal(SIGPIPE, SIG_IGN);
  pith::cli::Args args;
  if (pith::Status s = pith::cli::ParseArgs(argc, argv, &args); !s.ok()) {
    std::fprintf(stderr, "pith: %s\n", s.message().c_str());
    return pith::kExitUsage;
  }
  switch (args.command) {
    case pith::cli::Command::kHelp:
      std::fputs(args.help_text.c_str(), stdout);
      return pith::kExitOk;
    case pith::cli::Command::kVersion:
      std::printf("%s\n", pith::cli::VersionText().c_str());
      return pith::kExitOk;
    case pith::cli::Command::kClean:
      return pith::RunClean(args);
    case pith::cli::Command::kFetch:
      return pith::RunFetch(args);
    case pith::cli::Command::kRulesCheck:
      return pith::RunRulesCheck(args);
  }
  return pith::kExitUsage;
}
