// The command line of `pith`: each flag is defined once, in a table that both
// the parser and --help are generated from.

#ifndef PITH_CLI_OPTIONS_H_
#define PITH_CLI_OPTIONS_H_

#include <string>
#include <vector>

#include "clean/article_writer.h"
#include "pith/fetch.h"
#include "pith/input.h"
#include "pith/pith.h"

namespace pith::cli {

// What the command line asks for.
enum class Command {
  kHelp,        // print help_text on stdout, exit 0
  kVersion,     // print the version on stdout, exit 0
  kClean,       // pith clean
  kFetch,       // pith fetch
  kRulesCheck,  // pith rules check
};

struct Args {
  Command command = Command::kHelp;
  std::string help_text;  // with kHelp: the help of the command asked about

  // pith clean, and pith fetch
  std::vector<std::string> inputs;  // files, or URLs for fetch and clean --fetch; empty: stdin
  std::string output;               // "" for stdout
  OutputFormat format = OutputFormat::kJsonl;
  RuleSources rules;
  InputOptions input;
  CleanOptions clean;
  bool quiet = false;
  bool fetch_inputs = false;  // clean --fetch: inputs are URLs to fetch and clean
  std::size_t threads = 0;    // clean -j N; 0: one per core
  std::string stats_file;     // clean --stats FILE; "" when not given

  // pith fetch (the fetch options also serve clean --fetch)
  FetchOptions fetch;
  std::string url_file;   // -i FILE: one URL a line; "" when not given
  bool resume = false;    // skip URLs whose record is already in output
  bool progress = false;  // progress on stderr even when it is not a terminal (also clean)

  // pith rules check
  std::string rules_dir;  // "" for the shipped rules
};

// Parses argv into *args. A usage error (unknown command or option, missing
// or bad value) returns kInvalidArgument with a message to print after
// "pith: ", which ends with a hint at the right --help.
Status ParseArgs(int argc, const char* const* argv, Args* args);

// The text of `pith --help`, also printed (on stderr) by a bare `pith`.
std::string MainHelp();

// "pith X.Y.Z".
std::string VersionText();

}  // namespace pith::cli

#endif  // PITH_CLI_OPTIONS_H_
