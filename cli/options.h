// The command line of `pith`: each flag is defined once, in a table that both
// the parser and --help are generated from.

#ifndef PITH_CLI_OPTIONS_H_
#define PITH_CLI_OPTIONS_H_

#include <string>
#include <vector>

#include "clean/article_writer.h"
#include "pith/input.h"
#include "pith/pith.h"

namespace pith::cli {

// What the command line asks for.
enum class Command {
  kHelp,        // print help_text on stdout, exit 0
  kVersion,     // print the version on stdout, exit 0
  kClean,       // pith clean
  kRulesCheck,  // pith rules check
};

struct Args {
  Command command = Command::kHelp;
  std::string help_text;  // with kHelp: the help of the command asked about

  // pith clean
  std::vector<std::string> inputs;  // empty: stdin
  std::string output;               // "" for stdout
  OutputFormat format = OutputFormat::kJsonl;
  RuleSources rules;
  InputOptions input;
  CleanOptions clean;
  bool quiet = false;

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
