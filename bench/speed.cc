// pith-speed: how fast pith cleans a folder of pages, against the floor of
// parsing them with Gumbo. In-process, on pages held in memory, so the
// figures are the library's own, without disk or output.
//
//   pith-speed [-j N] [--repeat R] [--limit N] [--no-prepass] [--cpu] PATH...
//
// PATH is what `pith clean` reads (files, folders, JSONL). For the HTML
// pages it times:
//   (a) the floor: Gumbo's parse plus one walk over every node, with the
//       arena and error settings pith parses with (the fastest Gumbo goes);
//       and, for reference, as Gumbo's own example calls it (malloc, every
//       parse error recorded, gumbo_destroy_output);
//   (b) pith clean -j1: Cleaner::Clean and the JSONL line, one page after
//       the other on one thread;
//   (c) pith clean -jN: the same through CleanBatch on N threads.
// Text dumps get (b) and (c) only. Each figure is the best of R runs, the
// runs taking turns. It prints docs/s and MB/s for each, the ratios b/a and
// c/b, and peak RSS (which includes the pages held in memory). With --cpu,
// (a) and (b) are timed by the CPU time of their thread rather than by the
// wall clock: on a machine other work keeps busy, the wall clock counts the
// time the thread waited for a core, which skews b/a by how busy the
// machine was during each; (c) is always timed by the wall clock.

#include <gumbo.h>
#include <sys/resource.h>
#include <time.h>

#include <algorithm>
#include <charconv>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "clean/article_writer.h"
#include "clean/html_document.h"
#include "pith/batch.h"
#include "pith/input.h"
#include "pith/pith.h"

namespace {

using Clock = std::chrono::steady_clock;

struct Args {
  std::size_t threads = std::max(1u, std::thread::hardware_concurrency());
  int repeat = 3;
  std::size_t limit = 0;  // 0: all pages
  bool prepass = true;
  bool cpu = false;  // time (a) and (b) by thread CPU time
  std::vector<std::string> paths;
};

bool ParseArgs(int argc, char** argv, Args* args) {
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    auto number = [&](auto* out) {
      if (i + 1 >= argc) return false;
      const std::string_view v = argv[++i];
      return std::from_chars(v.data(), v.data() + v.size(), *out).ec == std::errc() && *out > 0;
    };
    if (arg == "-j") {
      if (!number(&args->threads)) return false;
    } else if (arg == "--repeat") {
      if (!number(&args->repeat)) return false;
    } else if (arg == "--limit") {
      if (!number(&args->limit)) return false;
    } else if (arg == "--no-prepass") {
      args->prepass = false;
    } else if (arg == "--cpu") {
      args->cpu = true;
    } else if (arg.starts_with("-")) {
      return false;
    } else {
      args->paths.emplace_back(arg);
    }
  }
  return !args->paths.empty();
}

// Touches every node once, as any consumer of the tree does; returns the
// bytes of text seen so that the walk cannot be optimised away.
std::size_t Walk(const GumboNode* root) {
  std::size_t text = 0;
  std::vector<const GumboNode*> stack = {root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type == GUMBO_NODE_ELEMENT || node->type == GUMBO_NODE_TEMPLATE) {
      const GumboVector& children = node->v.element.children;
      for (unsigned i = 0; i < children.length; ++i) {
        stack.push_back(static_cast<const GumboNode*>(children.data[i]));
      }
    } else if (node->type != GUMBO_NODE_DOCUMENT) {
      text += std::strlen(node->v.text.text);
    }
  }
  return text;
}

struct Figure {
  double seconds = 0;
  std::size_t docs = 0;
  std::size_t bytes = 0;
  double docs_per_second() const { return seconds > 0 ? static_cast<double>(docs) / seconds : 0; }
  double mb_per_second() const {
    return seconds > 0 ? static_cast<double>(bytes) / 1e6 / seconds : 0;
  }
};

// The CPU time the calling thread has used, in seconds.
double ThreadCpuSeconds() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

// Runs each of runs `repeat` times, in turn (so that a busy moment of the
// machine slows all of them alike), and returns the best time of each: the
// calling thread's CPU time for the runs whose cpu flag is set, else the
// wall clock's.
std::vector<double> BestSeconds(int repeat, const std::vector<std::function<void()>>& runs,
                                const std::vector<bool>& cpu) {
  std::vector<double> best(runs.size(), 0);
  for (int i = 0; i < repeat; ++i) {
    for (std::size_t r = 0; r < runs.size(); ++r) {
      const Clock::time_point start = Clock::now();
      const double cpu_start = ThreadCpuSeconds();
      runs[r]();
      const double seconds = cpu[r] ? ThreadCpuSeconds() - cpu_start
                                    : std::chrono::duration<double>(Clock::now() - start).count();
      if (i == 0 || seconds < best[r]) best[r] = seconds;
    }
  }
  return best;
}

void Print(const char* name, const Figure& f) {
  std::printf("  %-44s %9.1f docs/s %8.2f MB/s\n", name, f.docs_per_second(), f.mb_per_second());
}

// Cleans pages one after the other and writes each article's JSONL line.
void CleanInOrder(const pith::Cleaner& cleaner, const std::vector<pith::RawPage>& pages,
                  std::size_t* sink) {
  for (const pith::RawPage& page : pages) *sink += pith::ToJsonLine(cleaner.Clean(page)).size();
}

void CleanBatch(const pith::Cleaner& cleaner, std::size_t threads,
                const std::vector<pith::RawPage>& pages, std::size_t* sink) {
  pith::BatchOptions options;
  options.threads = threads;
  std::size_t next = 0;
  pith::CleanBatch(
      cleaner, options,
      [&](pith::RawPage* page) {
        if (next == pages.size()) return false;
        *page = pages[next++];
        return true;
      },
      [&](pith::Article article, std::size_t) {
        *sink += pith::ToJsonLine(article).size();
        return true;
      });
}

// Times (b) and (c) for one kind of page, after (a) for HTML.
void Measure(const char* kind, const std::vector<pith::RawPage>& pages, const Args& args,
             const pith::Cleaner& cleaner) {
  if (pages.empty()) return;
  std::size_t bytes = 0;
  for (const pith::RawPage& page : pages) bytes += page.body.size();
  std::printf("%s: %zu pages, %.1f MB\n", kind, pages.size(), static_cast<double>(bytes) / 1e6);
  std::size_t sink = 0;
  const bool html = pages.front().kind == pith::ContentKind::kHtml;
  std::vector<std::function<void()>> runs = {
      [&] { CleanInOrder(cleaner, pages, &sink); },
      [&] { CleanBatch(cleaner, args.threads, pages, &sink); },
  };
  if (html) {
    runs.push_back([&] {
      for (const pith::RawPage& page : pages) {
        const pith::HtmlDocument document(page.body);
        sink += Walk(document.root());
      }
    });
    runs.push_back([&] {
      for (const pith::RawPage& page : pages) {
        GumboOutput* output = gumbo_parse_with_options(&kGumboDefaultOptions, page.body.data(),
                                                       page.body.size());
        sink += Walk(output->root);
        gumbo_destroy_output(&kGumboDefaultOptions, output);
      }
    });
  }
  // (c) runs on other threads: its time is the wall clock's.
  std::vector<bool> cpu(runs.size(), args.cpu);
  cpu[1] = false;
  const std::vector<double> seconds = BestSeconds(args.repeat, runs, cpu);
  auto figure = [&](std::size_t run) { return Figure{seconds[run], pages.size(), bytes}; };
  const Figure one = figure(0), many = figure(1);
  const Figure floor = html ? figure(2) : Figure();
  if (html) {
    Print("(a) Gumbo parse + one walk (pith's arena)", floor);
    Print("    Gumbo parse + one walk (Gumbo's defaults)", figure(3));
  }
  Print("(b) pith clean -j1", one);
  const std::string name = "(c) pith clean -j" + std::to_string(args.threads);
  Print(name.c_str(), many);
  if (floor.seconds > 0) std::printf("  b/a %.2f", one.docs_per_second() / floor.docs_per_second());
  std::printf("  c/b %.2f   (checksum %zu)\n", many.docs_per_second() / one.docs_per_second(),
              sink % 1000);
}

}  // namespace

int main(int argc, char** argv) {
  Args args;
  if (!ParseArgs(argc, argv, &args)) {
    std::fprintf(stderr,
                 "usage: pith-speed [-j N] [--repeat R] [--limit N] [--no-prepass] [--cpu] "
                 "PATH...\n");
    return 2;
  }
  std::shared_ptr<const pith::RuleSet> rules;
  if (pith::Status s = pith::LoadRules({}, &rules); !s.ok()) {
    std::fprintf(stderr, "pith-speed: %s\n", s.ToString().c_str());
    return 2;
  }
  pith::CleanOptions options;
  options.prepass = args.prepass;
  const pith::Cleaner cleaner(rules, options);

  // Pages by kind; a record whose kind the cleaner would sniff goes with
  // the HTML pages when it starts like markup.
  std::vector<pith::RawPage> html, text;
  pith::RecordReader reader(args.paths, pith::InputOptions());
  for (pith::RawPage page; reader.Next(&page);) {
    if (!page.status.ok()) continue;
    if (page.kind == pith::ContentKind::kAuto) {
      const std::size_t first = page.body.find_first_not_of(" \t\r\n");
      page.kind = first != std::string::npos && page.body[first] == '<' ? pith::ContentKind::kHtml
                                                                        : pith::ContentKind::kText;
    }
    (page.kind == pith::ContentKind::kHtml ? html : text).push_back(std::move(page));
    if (args.limit > 0 && html.size() + text.size() == args.limit) break;
  }
  std::printf("pith-speed: %zu threads, best of %d runs, pre-pass %s%s\n", args.threads,
              args.repeat, args.prepass ? "on" : "off",
              args.cpu ? ", (a) and (b) by thread CPU time" : "");
  Measure("html", html, args, cleaner);
  Measure("text", text, args, cleaner);
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  std::printf("peak RSS %.1f MB (pages held in memory included)\n",
              static_cast<double>(usage.ru_maxrss) / 1024);
  return 0;
}
