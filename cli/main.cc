// pith, the command-line tool: runs the command that cli/options.cc parsed.

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "clean/article_writer.h"
#include "clean/rules.h"
#include "cli/options.h"
#include "pith/input.h"
#include "pith/pith.h"

namespace pith {
namespace {

constexpr int kExitOk = 0;
constexpr int kExitRecordsFailed = 1;
constexpr int kExitUsage = 2;

// Output that goes out in whole records: bytes reach write(2) only at a
// record's end, once a megabyte has gathered (after every record on a
// terminal), so a reader of the file never sees half a record.
class Output {
 public:
  explicit Output(int fd) : fd_(fd), interactive_(isatty(fd) != 0) {}

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

int RunClean(const cli::Args& args) {
  std::shared_ptr<const RuleSet> rules;
  if (Status s = LoadRules(args.rules, &rules); !s.ok()) {
    PrintError(s.message());
    return kExitUsage;
  }
  int fd = STDOUT_FILENO;
  if (!args.output.empty()) {
    fd = open(args.output.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0) {
      PrintError(args.output + ": " + std::strerror(errno));
      return kExitUsage;
    }
  }
  Output out(fd);
  RecordReader reader(args.inputs.empty() ? std::vector<std::string>{"-"} : args.inputs,
                      args.input);
  Cleaner cleaner(rules, args.clean);
  bool failed = false;
  bool first = true;
  RawPage page;
  while (reader.Next(&page)) {
    Article article = cleaner.Clean(page);
    if (!article.status.ok()) {
      failed = true;
      if (!args.quiet) PrintError(article.source + ": " + article.status.ToString());
    }
    std::string* buffer = out.buffer();
    switch (args.format) {
      case OutputFormat::kJsonl:
        buffer->append(ToJsonLine(article));
        break;
      case OutputFormat::kText:
      case OutputFormat::kSeed:
        if (!first) buffer->append("\f\n");
        buffer->append(args.format == OutputFormat::kText ? ToText(article) : ToSeed(article));
        buffer->push_back('\n');
        break;
    }
    first = false;
    if (!out.EndRecord()) return WriteFailed(args.output);
  }
  if (!out.Flush() || (fd != STDOUT_FILENO && close(fd) != 0)) return WriteFailed(args.output);
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
    case pith::cli::Command::kRulesCheck:
      return pith::RunRulesCheck(args);
  }
  return pith::kExitUsage;
}
