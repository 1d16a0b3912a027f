#include "cli/options.h"

#include <algorithm>
#include <charconv>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pith::cli {
namespace {

// One flag, defined once: the parser and the help text both read it.
struct Flag {
  char short_name;                 // '\0' when it has none
  std::string_view long_name;      // without the leading "--"
  std::string_view value_name;     // the value's name in help ("FILE"); "" for a switch
  std::string_view default_value;  // applied before parsing, shown in help; "" when none
  std::string_view help;           // one paragraph, wrapped when printed
  bool ends_parsing;               // --help and --version: the rest is not read
  // Applies the flag with its value ("" for a switch) to *args; an error
  // message says what is wrong with the value.
  Status (*apply)(std::string_view value, Args* args);
};

Status Ok() { return Status::OK(); }

// A byte count: digits with an optional K, M or G (powers of 1024), at least 1.
Status ParseBytes(std::string_view text, std::size_t* bytes) {
  std::uint64_t n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  std::string_view suffix(end, static_cast<std::size_t>(text.data() + text.size() - end));
  int shift = suffix.empty()                   ? 0
              : suffix == "K" || suffix == "k" ? 10
              : suffix == "M" || suffix == "m" ? 20
              : suffix == "G" || suffix == "g" ? 30
                                               : -1;
  if (ec != std::errc() || shift < 0 || n == 0 ||
      n > (std::numeric_limits<std::size_t>::max() >> shift)) {
    return Status::InvalidArgument("'" + std::string(text) +
                                   "' is not a byte count (a positive number, optionally "
                                   "followed by K, M or G)");
  }
  *bytes = static_cast<std::size_t>(n << shift);
  return Ok();
}

Status NonEmpty(std::string_view value, std::string* out) {
  if (value.empty()) return Status::InvalidArgument("the name must not be empty");
  *out = value;
  return Ok();
}

const Flag kHelp{
    'h', "help", "", "", "Print this help and exit.", true, [](std::string_view, Args* a) {
      a->command = Command::kHelp;
      return Ok();
    }};

const Flag kVersion{
    '\0', "version", "", "", "Print the version and exit.", true, [](std::string_view, Args* a) {
      a->command = Command::kVersion;
      return Ok();
    }};

const std::vector<Flag> kCleanFlags = {
    {'\0', "format", "FMT", "jsonl",
     "Output format: jsonl (one JSON object a line: source, url, title, "
     "date, author, sitename, tags, language, description, text, and "
     "error for a failed record), text (the body), or seed (\" date "
     "YYYY-MM-DD \" then the body). With text and seed, each record is "
     "followed by a newline, and consecutive records are separated by a "
     "line holding a single form feed (\\f); a failed record is empty.",
     false,
     [](std::string_view v, Args* a) {
       return ParseOutputFormat(v, &a->format)
                  ? Ok()
                  : Status::InvalidArgument("unknown format '" + std::string(v) +
                                            "' (expected jsonl, text or seed)");
     }},
    {'o', "output", "FILE", "",
     "Write to FILE instead of stdout. Output goes out in whole records.", false,
     [](std::string_view v, Args* a) { return NonEmpty(v, &a->output); }},
    {'\0', "rules", "DIR", "",
     "Add the *.rules files under DIR (walked recursively) on top of the "
     "shipped rules. May be given more than once.",
     false,
     [](std::string_view v, Args* a) {
       a->rules.extra_dirs.emplace_back(v);
       return Ok();
     }},
    {'\0', "no-builtin-rules", "", "",
     "Do not load the shipped rules: only those given with --rules.", false,
     [](std::string_view, Args* a) {
       a->rules.builtin = false;
       return Ok();
     }},
    {'\0', "precision", "", "",
     "Favor precision: leave out doubtful blocks. The last of --precision "
     "and --recall wins.",
     false,
     [](std::string_view, Args* a) {
       a->clean.balance = Balance::kPrecision;
       return Ok();
     }},
    {'\0', "recall", "", "", "Favor recall: keep doubtful blocks.", false,
     [](std::string_view, Args* a) {
       a->clean.balance = Balance::kRecall;
       return Ok();
     }},
    {'\0', "input-format", "FMT", "auto",
     "How inputs are laid out: auto (.jsonl and .jsonl.gz are JSONL, .html "
     "and .htm HTML, .txt a text dump; stdin and other files are JSONL when "
     "they start with '{', else one page), text, html or jsonl (one JSON "
     "object a line). Gzip-compressed input is recognised and inflated.",
     false,
     [](std::string_view v, Args* a) {
       if (v == "auto") {
         a->input.format = InputFormat::kAuto;
       } else if (v == "text") {
         a->input.format = InputFormat::kText;
       } else if (v == "html") {
         a->input.format = InputFormat::kHtml;
       } else if (v == "jsonl") {
         a->input.format = InputFormat::kJsonl;
       } else {
         return Status::InvalidArgument("unknown input format '" + std::string(v) +
                                        "' (expected auto, text, html or jsonl)");
       }
       return Ok();
     }},
    {'\0', "text-field", "NAME", "text", "JSONL key of a record's page as a text dump.", false,
     [](std::string_view v, Args* a) { return NonEmpty(v, &a->input.text_field); }},
    {'\0', "html-field", "NAME", "html",
     "JSONL key of a record's page as HTML, read when the text key is absent.", false,
     [](std::string_view v, Args* a) { return NonEmpty(v, &a->input.html_field); }},
    {'\0', "max-bytes", "N", "32M",
     "A record (file or JSONL line) over N bytes is reported as an error "
     "instead of being read and cleaned. N may end in K, M or G.",
     false,
     [](std::string_view v, Args* a) {
       std::size_t n = 0;
       Status s = ParseBytes(v, &n);
       a->input.max_record_bytes = n;
       a->clean.max_input_bytes = n;
       return s;
     }},
    {'q', "quiet", "", "", "Do not report failed records on stderr.", false,
     [](std::string_view, Args* a) {
       a->quiet = true;
       return Ok();
     }},
    kHelp,
    kVersion,
};

const std::vector<Flag> kRulesFlags = {kHelp};
const std::vector<Flag> kMainFlags = {kHelp, kVersion};

// A command's help, and the flags it takes.
struct CommandSpec {
  std::string_view name;  // as typed after "pith"
  std::string_view usage;
  std::string_view about;   // before the options
  std::string_view footer;  // after them
  const std::vector<Flag>* flags;
};

constexpr std::string_view kExitStatus =
    "Exit status: 0 when every record was cleaned, 1 when some records failed\n"
    "(each is reported on stderr as \"pith: SOURCE: ERROR\" unless --quiet),\n"
    "2 on a usage error, broken rules, or output that cannot be written.\n";

const CommandSpec kMain{
    "", "pith COMMAND [OPTIONS] [ARGS...]",
    "pith turns scraped web pages (raw HTML or text dumps) into clean articles:\n"
    "the article body and its header fields.\n"
    "\n"
    "Commands:\n"
    "  clean         Clean pages into articles.\n"
    "  rules check   Validate rule files.\n",
    "Run 'pith COMMAND --help' for the options of a command.\n", &kMainFlags};

const CommandSpec kClean{
    "clean", "pith clean [OPTIONS] [INPUT...]",
    "Cleans pages into articles. Each INPUT is a file, a folder (walked\n"
    "recursively, in sorted order, for .html .htm .txt .jsonl .jsonl.gz files)\n"
    "or - for stdin, which is read when no INPUT is given. Records are cleaned\n"
    "in input order and written as they come; a record that cannot be read or\n"
    "cleaned is reported and the run goes on.\n",
    kExitStatus, &kCleanFlags};

const CommandSpec kRules{
    "rules", "pith rules check [DIR]",
    "Validates the rule files under DIR, or the shipped rules when DIR is\n"
    "omitted, and prints \"N rules OK\" or every error as file:line: message.\n",
    "Exit status: 0 when the rules are valid, 2 otherwise.\n", &kRulesFlags};

// Appends text to *out wrapped to kWidth columns, as the rest of a line that
// is filled up to column indent, with further lines indented as much. Text
// in double quotes or brackets ("[default: jsonl]") is not broken.
void AppendWrapped(std::string_view text, std::size_t indent, std::string* out) {
  constexpr std::size_t kWidth = 80;
  std::size_t column = indent;
  bool line_empty = true;
  while (!text.empty()) {
    std::size_t end = 0;
    bool quoted = false;
    for (int brackets = 0; end < text.size() && (quoted || brackets > 0 || text[end] != ' ');
         ++end) {
      if (text[end] == '"') quoted = !quoted;
      brackets += text[end] == '[' ? 1 : text[end] == ']' ? -1 : 0;
    }
    std::string_view word = text.substr(0, end);
    text.remove_prefix(std::min(end + 1, text.size()));
    if (word.empty()) continue;
    if (!line_empty && column + 1 + word.size() > kWidth) {
      out->push_back('\n');
      out->append(indent, ' ');
      column = indent;
      line_empty = true;
    }
    if (!line_empty) {
      out->push_back(' ');
      ++column;
    }
    out->append(word);
    column += word.size();
    line_empty = false;
  }
  out->push_back('\n');
}

std::string Help(const CommandSpec& command) {
  constexpr std::size_t kColumn = 26;
  std::string out = "Usage: ";
  out.append(command.usage).append("\n\n").append(command.about).append("\nOptions:\n");
  for (const Flag& flag : *command.flags) {
    std::string names =
        flag.short_name != '\0' ? std::string("  -") + flag.short_name + ", " : std::string(6, ' ');
    names.append("--").append(flag.long_name);
    if (!flag.value_name.empty()) names.append(" ").append(flag.value_name);
    out.append(names);
    if (names.size() + 2 > kColumn) {
      out.push_back('\n');
      out.append(kColumn, ' ');
    } else {
      out.append(kColumn - names.size(), ' ');
    }
    std::string help(flag.help);
    if (!flag.default_value.empty()) help.append(" [default: ").append(flag.default_value) += ']';
    AppendWrapped(help, kColumn, &out);
  }
  out.append("\n").append(command.footer);
  return out;
}

Status UsageError(const CommandSpec& command, const std::string& message) {
  std::string hint =
      command.name.empty() ? "pith --help" : "pith " + std::string(command.name) + " --help";
  return Status::InvalidArgument(message + "\nTry '" + hint + "'.");
}

const Flag* FindFlag(const CommandSpec& command, std::string_view long_name, char short_name) {
  for (const Flag& flag : *command.flags) {
    if (long_name.empty() ? flag.short_name == short_name : flag.long_name == long_name) {
      return &flag;
    }
  }
  return nullptr;
}

// Parses the words after the command's name: flags into *args, the rest into
// *operands. Stops early at --help or --version, which then fill *args.
Status ParseWords(const CommandSpec& command, std::vector<std::string_view> words, Args* args,
                  std::vector<std::string_view>* operands) {
  // The defaults in the table are the only ones: help shows what is applied.
  for (const Flag& flag : *command.flags) {
    if (!flag.default_value.empty()) flag.apply(flag.default_value, args);
  }
  bool flags_done = false;
  for (std::size_t i = 0; i < words.size(); ++i) {
    std::string_view word = words[i];
    if (flags_done || word == "-" || word.size() < 2 || word[0] != '-') {
      operands->push_back(word);
      continue;
    }
    if (word == "--") {
      flags_done = true;
      continue;
    }
    // Each turn handles one flag: --name, --name=value, -x, -xVALUE, or the
    // next of a bundle of short switches (-qh).
    for (std::size_t pos = 1; pos < word.size();) {
      const Flag* flag;
      std::string spelled;
      std::optional<std::string_view> value;
      if (word[1] == '-') {
        std::size_t eq = word.find('=');
        std::string_view name = word.substr(2, eq == std::string_view::npos ? eq : eq - 2);
        if (eq != std::string_view::npos) value = word.substr(eq + 1);
        spelled = "--" + std::string(name);
        flag = FindFlag(command, name, '\0');
        pos = word.size();
      } else {
        spelled = std::string("-") + word[pos];
        flag = FindFlag(command, "", word[pos]);
        ++pos;
        if (flag != nullptr && !flag->value_name.empty() && pos < word.size()) {
          value = word.substr(pos);
          pos = word.size();
        }
      }
      if (flag == nullptr) return UsageError(command, "unknown option '" + spelled + "'");
      if (flag->value_name.empty() && value) {
        return UsageError(command, "option '" + spelled + "' takes no value");
      }
      if (!flag->value_name.empty() && !value) {
        if (i + 1 == words.size()) {
          return UsageError(
              command, "option '" + spelled + "' needs a value " + std::string(flag->value_name));
        }
        value = words[++i];
      }
      Status s = flag->apply(value.value_or(""), args);
      if (!s.ok()) return UsageError(command, spelled + ": " + s.message());
      if (flag->ends_parsing) {
        args->help_text = Help(command);
        return Ok();
      }
    }
  }
  return Ok();
}

}  // namespace

std::string MainHelp() { return Help(kMain); }

std::string VersionText() { return "pith " PITH_VERSION; }

Status ParseArgs(int argc, const char* const* argv, Args* args) {
  *args = Args();
  std::vector<std::string_view> words(argv + std::min(argc, 1), argv + argc);
  std::vector<std::string_view> operands;
  if (words.empty()) {
    std::string help = MainHelp();
    help.pop_back();  // the caller ends the message
    return Status::InvalidArgument("no command given\n\n" + help);
  }
  if (words[0].substr(0, 1) == "-") {
    Status s = ParseWords(kMain, words, args, &operands);
    if (!s.ok()) return s;
    if (args->help_text.empty()) {  // neither --help nor --version
      return UsageError(kMain, operands.empty()
                                   ? "no command given"
                                   : "unknown command '" + std::string(operands[0]) + "'");
    }
    return Ok();
  }
  std::string_view name = words[0];
  words.erase(words.begin());
  if (name == "clean") {
    args->command = Command::kClean;
    Status s = ParseWords(kClean, std::move(words), args, &operands);
    args->inputs.assign(operands.begin(), operands.end());
    return s;
  }
  if (name == "rules") {
    args->command = Command::kRulesCheck;
    Status s = ParseWords(kRules, std::move(words), args, &operands);
    if (!s.ok() || args->command != Command::kRulesCheck) return s;
    if (operands.empty() || operands[0] != "check") {
      return UsageError(kRules, operands.empty()
                                    ? "missing subcommand 'check'"
                                    : "unknown subcommand '" + std::string(operands[0]) + "'");
    }
    if (operands.size() > 2) return UsageError(kRules, "too many arguments");
    if (operands.size() == 2) args->rules_dir = operands[1];
    return Ok();
  }
  return UsageError(kMain, "unknown command '" + std::string(name) + "'");
}

}  // namespace pith::cli
