// Running the pith binary from a test: its exit status, stdout and stderr.

#ifndef PITH_TESTS_PITH_PROCESS_H_
#define PITH_TESTS_PITH_PROCESS_H_

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <boost/test/unit_test.hpp>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

#include "tests/temp_dir.h"

extern char** environ;

namespace pith::testing {

// The bytes of the file at path ("" when it cannot be read).
inline std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// s split at '\n', without the line breaks.
inline std::vector<std::string> Lines(const std::string& s) {
  std::vector<std::string> lines;
  std::istringstream in(s);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

// A running binary with args (no shell), stdin read from stdin_path and its
// stdout and stderr going to files in dir, which must outlive it.
class Process {
 public:
  Process(const std::string& binary, const std::vector<std::string>& args, const TempDir& dir,
          const std::string& stdin_path = "/dev/null")
      : out_path_(dir.Path("stdout")), err_path_(dir.Path("stderr")) {
    std::string path = binary;
    std::vector<std::string> copies(args);
    std::vector<char*> argv{path.data()};
    for (std::string& a : copies) argv.push_back(a.data());
    argv.push_back(nullptr);
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 0, stdin_path.c_str(), O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&actions, 1, out_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    posix_spawn_file_actions_addopen(&actions, 2, err_path_.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0644);
    const int rc = posix_spawn(&pid_, path.c_str(), &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    BOOST_REQUIRE_EQUAL(rc, 0);
  }

  void Kill(int signal) { kill(pid_, signal); }

  // Waits for the process to end; returns its exit status, or 128 + the
  // signal that ended it.
  int Wait() {
    int wstatus = 0;
    BOOST_REQUIRE_EQUAL(waitpid(pid_, &wstatus, 0), pid_);
    return WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
  }

  std::string out() const { return ReadFile(out_path_); }
  std::string err() const { return ReadFile(err_path_); }

 private:
  std::string out_path_;
  std::string err_path_;
  pid_t pid_ = -1;
};

// What a finished run left.
struct Run {
  int status = -1;  // the exit status, or 128 + the signal that ended it
  std::string out;
  std::string err;
};

// Runs binary with args to its end, stdin read from stdin_path.
inline Run RunBinary(const std::string& binary, const std::vector<std::string>& args,
                     const std::string& stdin_path = "/dev/null") {
  TempDir dir;
  Process process(binary, args, dir, stdin_path);
  const int status = process.Wait();
  return {status, process.out(), process.err()};
}

#ifdef PITH_BINARY
// Runs the pith binary the test's target names (PITH_BINARY) with args, its
// stdin read from stdin_path.
inline Run Pith(const std::vector<std::string>& args, const std::string& stdin_path = "/dev/null") {
  return RunBinary(PITH_BINARY, args, stdin_path);
}
#endif

}  // namespace pith::testing

#endif  // PITH_TESTS_PITH_PROCESS_H_
