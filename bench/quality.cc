// pith-quality: how well pith cleans a dataset with truth bodies, in the token
// P/R/F1 of ../shared/eval/score.py. Cleans in-process, so the time it prints
// is the library's, not a subprocess's. See bench/README.md.

#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "bench/corpus.h"
#include "pith/pith.h"

namespace {

using pith::eval::Document;
using pith::eval::DocResult;

struct Options {
  pith::ContentKind kind = pith::ContentKind::kText;
  pith::Balance balance = pith::Balance::kDefault;
  std::vector<std::string> rule_dirs;
  std::string table;  // "" until parsed: then quality-<input>.tsv
  std::string outputs_dir;
  std::size_t limit = 0;  // 0: every document
  int threads = 1;
  bool verbose = false;
  std::string dataset;
};

// One command-line flag, defined once: parsing and --help both read it. A flag
// with an argument names it in `arg`; parse returns false on a bad value.
struct Flag {
  const char* name;
  const char* arg;
  const char* help;
  std::function<bool(Options*, const std::string&)> parse;
};

bool ParseCount(const std::string& value, std::size_t min, std::size_t* out) {
  char* end = nullptr;
  errno = 0;
  const unsigned long long n = std::strtoull(value.c_str(), &end, 10);
  if (value.empty() || value[0] == '-' || *end != '\0' || errno != 0 || n < min) return false;
  *out = n;
  return true;
}

const std::vector<Flag>& Flags() {
  static const std::vector<Flag> flags = {
      {"--input", "html|text", "clean DIR/html/<id>.html or DIR/text/<id>.txt (default: text)",
       [](Options* o, const std::string& v) {
         if (v != "html" && v != "text") return false;
         o->kind = v == "html" ? pith::ContentKind::kHtml : pith::ContentKind::kText;
         return true;
       }},
      {"--precision", nullptr, "favour precision over recall",
       [](Options* o, const std::string&) { o->balance = pith::Balance::kPrecision; return true; }},
      {"--recall", nullptr, "favour recall over precision",
       [](Options* o, const std::string&) { o->balance = pith::Balance::kRecall; return true; }},
      {"--rules", "DIR", "add the rules of DIR to the shipped ones (repeatable)",
       [](Options* o, const std::string& v) { o->rule_dirs.push_back(v); return true; }},
      {"--table", "FILE", "per-document TSV (default: quality-<input>.tsv)",
       [](Options* o, const std::string& v) { o->table = v; return true; }},
      {"--write-outputs", "DIR", "write each cleaned body to DIR/<id>.txt, for score.py",
       [](Options* o, const std::string& v) { o->outputs_dir = v; return true; }},
      {"--limit", "N", "only the first N documents in id order",
       [](Options* o, const std::string& v) { return ParseCount(v, 1, &o->limit); }},
      {"-j", "N", "worker threads sharing one Cleaner (default: 1)",
       [](Options* o, const std::string& v) {
         std::size_t n;
         if (!ParseCount(v, 1, &n) || n > 256) return false;
         o->threads = static_cast<int>(n);
         return true;
       }},
      {"--verbose", nullptr, "print one line per document",
       [](Options* o, const std::string&) { o->verbose = true; return true; }},
  };
  return flags;
}

void PrintUsage(std::FILE* out) {
  std::fprintf(out, "usage: pith-quality [options] DATASET_DIR\n\n"
                    "Cleans every document of DATASET_DIR (html/ or text/ inputs, truth/ bodies)\n"
                    "and prints token precision, recall and F1 as ../shared/eval/score.py does.\n\n");
  for (const Flag& f : Flags()) {
    const std::string left = std::string(f.name) + (f.arg ? std::string(" ") + f.arg : "");
    std::fprintf(out, "  %-22s %s\n", left.c_str(), f.help);
  }
  std::fprintf(out, "  %-22s %s\n", "-h, --help", "print this help");
}

// Fills *o from argv; on a usage error prints why and returns false.
bool ParseArgs(int argc, char** argv, Options* o, bool* help) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "-h" || arg == "--help") {
      *help = true;
      return true;
    }
    if (arg.size() > 1 && arg[0] == '-') {
      const Flag* flag = nullptr;
      for (const Flag& f : Flags()) {
        if (arg == f.name) flag = &f;
      }
      if (flag == nullptr) {
        std::fprintf(stderr, "pith-quality: unknown option %s\n", arg.c_str());
        return false;
      }
      std::string value;
      if (flag->arg != nullptr) {
        if (++i == argc) {
          std::fprintf(stderr, "pith-quality: %s needs %s\n", flag->name, flag->arg);
          return false;
        }
        value = argv[i];
      }
      if (!flag->parse(o, value)) {
        std::fprintf(stderr, "pith-quality: bad value for %s: %s\n", flag->name, value.c_str());
        return false;
      }
    } else if (o->dataset.empty()) {
      o->dataset = arg;
    } else {
      std::fprintf(stderr, "pith-quality: more than one DATASET_DIR\n");
      return false;
    }
  }
  if (o->dataset.empty()) {
    std::fprintf(stderr, "pith-quality: no DATASET_DIR\n");
    return false;
  }
  return true;
}

// s with tabs and line breaks turned into spaces, fit for one TSV field.
std::string TsvField(std::string s) {
  for (char& c : s) {
    if (c == '\t' || c == '\n' || c == '\r') c = ' ';
  }
  return s;
}

std::string ErrorText(const pith::Status& s) { return s.ok() ? "" : TsvField(s.ToString()); }

bool WriteFile(const std::string& path, std::string_view bytes) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> f(std::fopen(path.c_str(), "wb"), &std::fclose);
  if (!f || std::fwrite(bytes.data(), 1, bytes.size(), f.get()) != bytes.size()) {
    std::fprintf(stderr, "pith-quality: cannot write %s\n", path.c_str());
    return false;
  }
  return std::fclose(f.release()) == 0;
}

bool WriteTable(const std::string& path, const std::vector<Document>& docs,
                const std::vector<DocResult>& results) {
  std::string tsv = "id\tprecision\trecall\tf1\ttruth_tokens\tpred_tokens\terror\n";
  char line[256];
  for (std::size_t i = 0; i < docs.size(); ++i) {
    const pith::eval::Prf& s = results[i].score;
    std::snprintf(line, sizeof line, "\t%.6f\t%.6f\t%.6f\t%zu\t%zu\t", s.precision, s.recall,
                  s.f1, s.truth_tokens, s.pred_tokens);
    tsv += TsvField(docs[i].id) + line + ErrorText(results[i].status) + "\n";
  }
  return WriteFile(path, tsv);
}

bool WriteOutputs(const std::string& dir, const std::vector<Document>& docs,
                  const std::vector<DocResult>& results) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    std::fprintf(stderr, "pith-quality: %s: %s\n", dir.c_str(), ec.message().c_str());
    return false;
  }
  for (std::size_t i = 0; i < docs.size(); ++i) {
    if (!WriteFile(dir + "/" + docs[i].id + ".txt", results[i].text)) return false;
  }
  return true;
}

std::string DatasetName(std::string dir) {
  while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
  const std::size_t slash = dir.rfind('/');
  return slash == std::string::npos ? dir : dir.substr(slash + 1);
}

}  // namespace

int main(int argc, char** argv) {
  Options options;
  bool help = false;
  if (!ParseArgs(argc, argv, &options, &help)) {
    std::fprintf(stderr, "try 'pith-quality --help'\n");
    return 2;
  }
  if (help) {
    PrintUsage(stdout);
    return 0;
  }
  const bool html = options.kind == pith::ContentKind::kHtml;
  const char* input = html ? "html" : "text";
  if (options.table.empty()) options.table = std::string("quality-") + input + ".tsv";

  std::shared_ptr<const pith::RuleSet> rules;
  pith::RuleSources sources;
  sources.extra_dirs = options.rule_dirs;
  pith::Status status = pith::LoadRules(sources, &rules);
  if (!status.ok()) {
    std::fprintf(stderr, "pith-quality: rules: %s\n", status.ToString().c_str());
    return 2;
  }
  pith::CleanOptions clean_options;
  clean_options.balance = options.balance;
  const pith::Cleaner cleaner(rules, clean_options);

  std::vector<Document> docs;
  status = pith::eval::LoadCorpus(options.dataset, options.kind, &docs);
  if (!status.ok()) {
    std::fprintf(stderr, "pith-quality: %s\n", status.ToString().c_str());
    return 2;
  }
  if (options.limit > 0 && options.limit < docs.size()) docs.resize(options.limit);

  const auto start = std::chrono::steady_clock::now();
  const std::vector<DocResult> results = pith::eval::Evaluate(docs, cleaner, options.threads);
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const pith::eval::Summary summary = pith::eval::Summarize(results);

  for (std::size_t i = 0; i < docs.size(); ++i) {
    const DocResult& r = results[i];
    if (options.verbose) {
      std::printf("%-12s P %.3f  R %.3f  F1 %.3f  tokens %zu truth, %zu output  %s\n",
                  docs[i].id.c_str(), r.score.precision, r.score.recall, r.score.f1,
                  r.score.truth_tokens, r.score.pred_tokens, ErrorText(r.status).c_str());
    }
    if (!r.status.ok() && r.status.code() != pith::Status::Code::kEmpty) {
      std::fprintf(stderr, "%s: %s\n", docs[i].id.c_str(), r.status.ToString().c_str());
    }
  }
  std::printf("%s %s: %zu docs  P %.4f  R %.4f  F1 %.4f  F1-median %.4f  empty %zu  errors %zu\n",
              DatasetName(options.dataset).c_str(), input, summary.docs, summary.precision,
              summary.recall, summary.f1, summary.f1_median, summary.empty, summary.errors);
  std::printf("time %.2f s wall, %.1f docs/s, %d thread%s (reading, cleaning and scoring)\n",
              seconds, seconds > 0 ? static_cast<double>(docs.size()) / seconds : 0.0,
              options.threads, options.threads == 1 ? "" : "s");

  if (!WriteTable(options.table, docs, results)) return 2;
  if (!options.outputs_dir.empty() && !WriteOutputs(options.outputs_dir, docs, results)) return 2;
  return summary.errors > 0 ? 1 : 0;
}
