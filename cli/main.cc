// pith, the command-line tool: runs the command that cli/options.cc parsed.

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <unordered_map>
#include <vector>

#include "clean/article_writer.h"
#include "clean/rules.h"
#include "cli/options.h"
#include "fetch/fetch_record.h"
#include "pith/batch.h"
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

// A progress line on stderr: rewritten in place on a terminal (at most ten
// times a second), else, with --progress, a line a second.
class ProgressLine {
 public:
  explicit ProgressLine(bool progress)
      : terminal_(isatty(STDERR_FILENO) != 0), show_(progress || terminal_) {}

  // Whether progress and a summary are shown at all.
  bool shown() const { return show_; }

  // Shows the line that make_line() returns, unless one was shown less than
  // the interval before `seconds` (the run's time so far).
  template <typename MakeLine>
  void Update(double seconds, MakeLine make_line) {
    if (!show_ || seconds - last_line_ < (terminal_ ? 0.1 : 1.0)) return;
    last_line_ = seconds;
    const std::string line = make_line();
    if (terminal_) {
      std::fprintf(stderr, "\r%s\033[K", line.c_str());
      on_screen_ = true;
    } else {
      std::fprintf(stderr, "%s\n", line.c_str());
    }
  }

  // Takes the line off the terminal, so that a message can be printed.
  void Clear() {
    if (on_screen_) std::fputs("\r\033[K", stderr);
    on_screen_ = false;
  }

  static std::string Fixed(double x) {
    char text[32];
    std::snprintf(text, sizeof text, "%.1f", x);
    return text;
  }

  // ", ETA M:SS" for the time left when done of total is done at rate per
  // second; "" when that is unknown.
  static std::string Eta(double done, double total, double rate) {
    if (total <= done || rate <= 0) return "";
    const auto left = static_cast<long>((total - done) / rate);
    char eta[32];
    std::snprintf(eta, sizeof eta, ", ETA %ld:%02ld", left / 60, left % 60);
    return eta;
  }

 private:
  bool terminal_;
  bool show_;
  double last_line_ = -1;
  bool on_screen_ = false;
};

// Writes articles in the chosen format, reporting failed ones.
class ArticleSink {
 public:
  // progress, when not null, is cleared before an error is reported.
  ArticleSink(const cli::Args& args, int fd, ProgressLine* progress = nullptr)
      : args_(args), fd_(fd), out_(fd), progress_(progress) {}

  // False (errno set) when a write failed.
  bool Put(const Article& article) {
    if (!article.status.ok()) {
      failed_ = true;
      if (!args_.quiet) {
        if (progress_ != nullptr) progress_->Clear();
        PrintError(article.source + ": " + article.status.ToString());
      }
    }
    std::string* buffer = out_.buffer();
    switch (args_.format) {
      case OutputFormat::kJsonl:
        buffer->append(ToJsonLine(article, args_.clean.comments));
        break;
      case OutputFormat::kText:
      case OutputFormat::kSeed:
      case OutputFormat::kMarkdown:
        if (!first_) buffer->append("\f\n");
        buffer->append(args_.format == OutputFormat::kText   ? ToText(article)
                       : args_.format == OutputFormat::kSeed ? ToSeed(article)
                                                             : ToMarkdown(article, args_.clean.comments));
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
  ProgressLine* progress_;
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
  FetchReport(bool progress, std::size_t total) : line_(progress), total_(total) {}

  // Reports a failed record, above the progress line.
  void Failed(const std::string& url, const Status& error) {
    line_.Clear();
    PrintError(url + ": " + error.ToString());
  }

  void Progress(const FetchStats& stats) {
    line_.Update(stats.seconds, [&] {
      const std::size_t done = stats.fetched + stats.failed;
      const double rate = stats.seconds > 0 ? static_cast<double>(done) / stats.seconds : 0;
      std::string line = "pith: " + std::to_string(done);
      if (total_ > 0) line += "/" + std::to_string(total_);
      return line + " done, " + std::to_string(stats.failed) + " failed, " +
             ProgressLine::Fixed(rate) + " pages/s" +
             (total_ > 0 ? ProgressLine::Eta(static_cast<double>(done),
                                             static_cast<double>(total_), rate)
                         : "");
    });
  }

  // skipped: URLs that a resumed run found done.
  void Summary(const FetchStats& stats, std::size_t skipped) {
    line_.Clear();
    std::size_t done = stats.fetched + stats.failed;
    std::string line =
        "pith: " + std::to_string(done) + " URLs in " + ProgressLine::Fixed(stats.seconds) +
        " s (" +
        ProgressLine::Fixed(stats.seconds > 0 ? static_cast<double>(done) / stats.seconds : 0) +
        " pages/s): " + std::to_string(stats.fetched) + " fetched, " +
        std::to_string(stats.failed) + " failed, " + std::to_string(stats.retries) +
        " retries, " + std::to_string(stats.redirects) + " redirects";
    if (skipped > 0) line += ", " + std::to_string(skipped) + " already done";
    if (stats.stopped) line += "; interrupted";
    std::fprintf(stderr, "%s\n", line.c_str());
  }

 private:
  ProgressLine line_;
  std::size_t total_;
};

// The bytes of the inputs a clean reads, or 0 when that is unknown: stdin,
// or a compressed file (whose records hold more than its size). A folder
// counts the files RecordReader takes from it.
std::uint64_t InputBytes(const std::vector<std::string>& inputs) {
  namespace fs = std::filesystem;
  std::uint64_t total = 0;
  auto add = [&total](const fs::path& path, std::uint64_t size) {
    const std::string name = path.filename().string();
    if (name.ends_with(".gz") || name.ends_with(".GZ")) return false;
    total += size;
    return true;
  };
  for (const std::string& input : inputs) {
    std::error_code ec;
    if (input == "-") return 0;
    if (fs::is_regular_file(input, ec)) {
      if (!add(input, fs::file_size(input, ec))) return 0;
      continue;
    }
    for (fs::recursive_directory_iterator it(input, ec), end; !ec && it != end; it.increment(ec)) {
      if (!it->is_regular_file(ec) || !IsFolderInput(it->path().native())) continue;
      if (!add(it->path(), it->file_size(ec))) return 0;
    }
  }
  return total;
}

// Progress and the summary of a clean on stderr, and the same as JSON for
// --stats.
class CleanReport {
 public:
  // input_bytes: the size of the input, 0 when unknown.
  CleanReport(bool progress, std::uint64_t input_bytes, std::size_t threads)
      : line_(progress), input_bytes_(input_bytes), threads_(threads),
        start_(std::chrono::steady_clock::now()) {}

  ProgressLine* line() { return &line_; }

  void Add(const Article& article, std::size_t input_bytes) {
    ++records_;
    bytes_ += input_bytes;
    if (!article.status.ok()) {
      const std::string error = article.status.ToString();
      ++errors_[error.substr(0, error.find(':'))];  // the code's name
      ++failed_;
    }
    line_.Update(Seconds(), [&] {
      const double rate = Rate();
      std::string line = "pith: " + std::to_string(records_) + " records, " +
                         std::to_string(failed_) + " errors, " + ProgressLine::Fixed(rate) +
                         " MB/s";
      if (input_bytes_ > 0) {
        const double done = static_cast<double>(bytes_) / 1e6;
        const double total = static_cast<double>(input_bytes_) / 1e6;
        line += ", " + std::to_string(std::min(99, static_cast<int>(100 * done / total))) + "%" +
                ProgressLine::Eta(done, total, rate);
      }
      return line;
    });
  }

  // Prints the summary (when progress is shown) and writes the --stats file
  // (when path is not empty); false after reporting a file that could not
  // be written.
  bool Finish(const std::string& path) {
    const double seconds = Seconds();
    if (line_.shown()) {
      line_.Clear();
      std::fprintf(stderr, "pith: %zu records in %s s (%s records/s, %s MB/s): %zu errors\n",
                   records_, ProgressLine::Fixed(seconds).c_str(),
                   ProgressLine::Fixed(PerSecond(static_cast<double>(records_))).c_str(),
                   ProgressLine::Fixed(Rate()).c_str(), failed_);
    }
    if (path.empty()) return true;
    std::string json = "{\"records\":" + std::to_string(records_) +
                       ",\"errors\":" + std::to_string(failed_) + ",\"errors_by_kind\":{";
    for (auto it = errors_.begin(); it != errors_.end(); ++it) {
      if (it != errors_.begin()) json += ',';
      AppendJsonString(it->first, &json);
      json += ':' + std::to_string(it->second);
    }
    char numbers[160];
    std::snprintf(numbers, sizeof numbers,
                  "},\"input_bytes\":%llu,\"seconds\":%.3f,\"records_per_second\":%.1f,"
                  "\"mb_per_second\":%.2f,\"threads\":%zu}\n",
                  static_cast<unsigned long long>(bytes_), seconds,
                  PerSecond(static_cast<double>(records_)), Rate(), threads_);
    json += numbers;
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!(out << json) || !out.flush()) {
      PrintError(path + ": " + std::strerror(errno));
      return false;
    }
    return true;
  }

 private:
  double Seconds() const {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
  }
  double PerSecond(double x) const {
    const double seconds = Seconds();
    return seconds > 0 ? x / seconds : 0;
  }
  double Rate() const { return PerSecond(static_cast<double>(bytes_) / 1e6); }  // MB/s

  ProgressLine line_;
  std::uint64_t input_bytes_;
  std::size_t threads_;
  std::chrono::steady_clock::time_point start_;
  std::size_t records_ = 0;
  std::size_t failed_ = 0;
  std::uint64_t bytes_ = 0;
  std::map<std::string, std::size_t> errors_;  // by the code's name
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
  const std::vector<std::string> inputs =
      args.inputs.empty() ? std::vector<std::string>{"-"} : args.inputs;
  BatchOptions batch;
  batch.threads =
      args.threads > 0 ? args.threads : std::max(1u, std::thread::hardware_concurrency());
  CleanReport report(args.progress, InputBytes(inputs), batch.threads);
  ArticleSink sink(args, fd, report.line());
  RecordReader reader(inputs, args.input);
  Cleaner cleaner(rules, args.clean);
  int write_errno = 0;
  CleanBatch(
      cleaner, batch, [&](RawPage* page) { return reader.Next(page); },
      [&](Article article, std::size_t input_bytes) {
        report.Add(article, input_bytes);
        if (sink.Put(article)) return true;
        write_errno = errno;
        return false;
      });
  const bool stats_written = report.Finish(args.stats_file);
  if (write_errno != 0) {
    errno = write_errno;
    return WriteFailed(args.output);
  }
  const int status = sink.Finish();
  return stats_written ? status : kExitUsage;
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
