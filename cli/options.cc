#include "cli/options.h"

#include <algorithm>
#include <charconv>
#include <chrono>
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

// A whole number from min to max.
template <typename T>
Status ParseCount(std::string_view text, T min, T max, T* out) {
  long long n = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (ec != std::errc() || end != text.data() + text.size() || n < static_cast<long long>(min) ||
      n > static_cast<long long>(max)) {
    return Status::InvalidArgument("'" + std::string(text) + "' is not a whole number from " +
                                   std::to_string(min) + " to " + std::to_string(max));
  }
  *out = static_cast<T>(n);
  return Ok();
}

// A time in seconds, possibly with a fraction; zero only when zero_ok.
Status ParseSeconds(std::string_view text, bool zero_ok, std::chrono::milliseconds* out) {
  double seconds = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
  if (ec != std::errc() || end != text.data() + text.size() || seconds < 0 ||
      (seconds == 0 && !zero_ok) || seconds > 86400) {
    return Status::InvalidArgument("'" + std::string(text) + "' is not a number of seconds" +
                                   (zero_ok ? "" : " above 0") + " (at most a day)");
  }
  *out = std::chrono::milliseconds(static_cast<std::int64_t>(seconds * 1000 + 0.5));
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

const Flag kOutput{
    'o', "output", "FILE", "",
    "Write to FILE instead of stdout. Output goes out in whole records.", false,
    [](std::string_view v, Args* a) { return NonEmpty(v, &a->output); }};

const Flag kQuiet{'q', "quiet", "", "", "Do not report failed records on stderr.", false,
                  [](std::string_view, Args* a) {
                    a->quiet = true;
                    return Ok();
                  }};

const Flag kProgress{'\0', "progress", "", "",
                     "Report progress (done, failed, rate, time left) on stderr even when it "
                     "is not a terminal, a line a second, and a summary at the end.",
                     false, [](std::string_view, Args* a) {
                       a->progress = true;
                       return Ok();
                     }};

// How pages are fetched: by pith fetch and by pith clean --fetch.
const std::vector<Flag> kFetchTuningFlags = {
    {'c', "concurrency", "N", "16", "Transfers in flight at once, over all hosts.", false,
     [](std::string_view v, Args* a) {
       return ParseCount<std::size_t>(v, 1, 10000, &a->fetch.concurrency);
     }},
    {'\0', "per-host", "N", "2", "Transfers in flight at once to one host.", false,
     [](std::string_view v, Args* a) {
       return ParseCount<std::size_t>(v, 1, 10000, &a->fetch.per_host);
     }},
    {'\0', "delay", "SECONDS", "1",
     "Least time between the starts of two requests to one host, however "
     "the input orders its URLs; a longer robots.txt Crawl-delay or "
     "Retry-After wins. May have a fraction, or be 0.",
     false,
     [](std::string_view v, Args* a) { return ParseSeconds(v, true, &a->fetch.host_delay); }},
    {'\0', "timeout", "SECONDS", "30", "Time allowed for one request, connecting included.",
     false,
     [](std::string_view v, Args* a) { return ParseSeconds(v, false, &a->fetch.timeout); }},
    {'\0', "connect-timeout", "SECONDS", "10", "Time allowed to connect (DNS, TCP and TLS).",
     false,
     [](std::string_view v, Args* a) {
       return ParseSeconds(v, false, &a->fetch.connect_timeout);
     }},
    {'\0', "attempts", "N", "3",
     "Requests made for a URL before a transient failure (a timeout, a reset "
     "connection, a 5xx or 429 answer) is final; the waits between them "
     "double, with jitter. Other failures are final at once.",
     false,
     [](std::string_view v, Args* a) { return ParseCount(v, 1, 100, &a->fetch.max_attempts); }},
    {'\0', "max-redirects", "N", "10",
     "Redirects followed per URL; one more, or a loop, is an error.", false,
     [](std::string_view v, Args* a) { return ParseCount(v, 0, 100, &a->fetch.max_redirects); }},
    {'\0', "max-body", "N", "20M",
     "A body over N bytes (after decoding) aborts its transfer, and the "
     "record says why. N may end in K, M or G.",
     false, [](std::string_view v, Args* a) { return ParseBytes(v, &a->fetch.max_body_bytes); }},
    {'\0', "user-agent", "TEXT", "",
     "The User-Agent header; by default it names pith and its version. Its "
     "first word is the name looked up in robots.txt.",
     false, [](std::string_view v, Args* a) { return NonEmpty(v, &a->fetch.user_agent); }},
    {'\0', "robots", "", "",
     "Obey robots.txt, fetched once per site before its first page and kept "
     "for the run.",
     false,
     [](std::string_view, Args* a) {
       a->fetch.robots = true;
       return Ok();
     }},
    {'\0', "resolve", "HOST:PORT:ADDR", "",
     "Connect to ADDR for HOST:PORT instead of looking HOST up, as curl's "
     "--resolve. May be given more than once.",
     false,
     [](std::string_view v, Args* a) {
       if (std::count(v.begin(), v.end(), ':') < 2) {
         return Status::InvalidArgument("'" + std::string(v) + "' is not HOST:PORT:ADDR");
       }
       a->fetch.resolve.emplace_back(v);
       return Ok();
     }},
};

const Flag kFetchInputs{
    '\0', "fetch", "", "",
    "Each INPUT is a URL (stdin: one a line): fetch the pages, with the "
    "options below, and clean them in one process, in the order the fetches "
    "end.",
    false, [](std::string_view, Args* a) {
      a->fetch_inputs = true;
      return Ok();
    }};

// The flags of each command, in the order help lists them.
std::vector<Flag> Flags(std::initializer_list<std::vector<Flag>> parts) {
  std::vector<Flag> flags;
  for (const std::vector<Flag>& part : parts) flags.insert(flags.end(), part.begin(), part.end());
  return flags;
}

const std::vector<Flag> kCleanOnlyFlags = {
    {'\0', "format", "FMT", "jsonl",
     "Output format: jsonl (one JSON object a line: source, url, title, "
     "date, author, sitename, tags, language, description, text, and "
     "error for a failed record), text (the body), seed (\" date "
     "YYYY-MM-DD \" then the body) or markdown (\"# \" and the title, then "
     "the body with its headings, lists, emphasis, links, tables and code "
     "as Markdown; with --comments, a \"## Comments\" section). With text, "
     "seed and markdown, each record ends with a newline, and records are "
     "separated by a line holding a form feed (\\f); a failed record is "
     "empty.",
     false,
     [](std::string_view v, Args* a) {
       if (!ParseOutputFormat(v, &a->format)) {
         return Status::InvalidArgument("unknown format '" + std::string(v) +
                                        "' (expected jsonl, text, seed or markdown)");
       }
       // Markdown costs the renderer work that the other formats skip.
       a->clean.markdown = a->format == OutputFormat::kMarkdown;
       return Ok();
     }},
    kOutput,
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
    {'\0', "no-prepass", "", "",
     "Let Gumbo parse HTML pages whole, without the pre-pass that first "
     "elides what never reaches an article (script and style bodies, "
     "comments, attributes nothing reads, runs of white space). Slower, and "
     "the output is the same: it is there to check that.",
     false,
     [](std::string_view, Args* a) {
       a->clean.prepass = false;
       return Ok();
     }},
    {'\0', "comments", "", "",
     "Keep the readers' comments, which are dropped by default: cleaned "
     "(names, dates, Reply, votes and forms left out), one comment after "
     "another separated by a blank line, in a \"comments\" key after "
     "\"text\" (jsonl), on every line (\"\" when a page shows none), or "
     "under a \"## Comments\" heading (markdown). The body is the same "
     "with or without it.",
     false,
     [](std::string_view, Args* a) {
       a->clean.comments = true;
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
    {'\0', "max-seconds", "SECONDS", "10",
     "A record whose cleaning takes longer than this is given up and "
     "reported as an error. May have a fraction; 0 turns the cap off.",
     false,
     [](std::string_view v, Args* a) {
       std::chrono::milliseconds ms{};
       Status s = ParseSeconds(v, true, &ms);
       a->clean.max_clean_ms = static_cast<std::uint64_t>(ms.count());
       return s;
     }},
    {'j', "jobs", "N", "",
     "Clean on N threads; by default one per core. Records are read, "
     "cleaned and written at once, and written in input order whatever N.",
     false,
     [](std::string_view v, Args* a) { return ParseCount<std::size_t>(v, 1, 1024, &a->threads); }},
    kProgress,
    {'\0', "stats", "FILE", "",
     "At the end, write the summary to FILE as a JSON object: records, "
     "errors (and how many of each kind), input bytes, seconds, records/s, MB/s.",
     false, [](std::string_view v, Args* a) { return NonEmpty(v, &a->stats_file); }},
    kQuiet,
    kFetchInputs,
};

const std::vector<Flag> kCleanFlags =
    Flags({kCleanOnlyFlags, kFetchTuningFlags, {kHelp, kVersion}});

const std::vector<Flag> kFetchOnlyFlags = {
    {'i', "input", "FILE", "",
     "Read URLs from FILE, one a line, after those given as arguments; blank "
     "lines and lines starting with # are skipped. With neither, URLs come "
     "from stdin.",
     false, [](std::string_view v, Args* a) { return NonEmpty(v, &a->url_file); }},
    kOutput,
    {'\0', "resume", "", "",
     "Append to the -o FILE, skipping the URLs whose record it already "
     "holds, so that an interrupted run can be finished; a half line that a "
     "killed run left is cut off first.",
     false,
     [](std::string_view, Args* a) {
       a->resume = true;
       return Ok();
     }},
    {'\0', "warc", "FILE", "",
     "Also write each URL's final response to FILE as WARC/1.1 request and "
     "response records, gzip per record, as Common Crawl ships them "
     "(appended to with --resume). 'pith clean FILE' reads them back.",
     false, [](std::string_view v, Args* a) { return NonEmpty(v, &a->fetch.warc_path); }},
    kProgress,
    kQuiet,
};

const std::vector<Flag> kFetchFlags =
    Flags({kFetchOnlyFlags, kFetchTuningFlags, {kHelp, kVersion}});

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
    "  fetch         Fetch pages over HTTP(S) into records that clean reads.\n"
    "  rules check   Validate rule files.\n",
    "Run 'pith COMMAND --help' for the options of a command.\n", &kMainFlags};

const CommandSpec kClean{
    "clean", "pith clean [OPTIONS] [INPUT...]",
    "Cleans pages into articles. Each INPUT is a file, a folder (walked\n"
    "recursively, in sorted order, for .html .htm .txt .jsonl .jsonl.gz .warc\n"
    ".warc.gz files) or - for stdin, which is read when no INPUT is given; with\n"
    "--fetch, a URL. Records are cleaned in input order and written as they\n"
    "come; a record that cannot be read, fetched or cleaned is reported and\n"
    "the run goes on.\n",
    kExitStatus, &kCleanFlags};

const CommandSpec kFetch{
    "fetch", "pith fetch [OPTIONS] [URL...]",
    "Fetches pages over HTTP(S), politely, into JSONL records that 'pith\n"
    "clean' reads: url, final_url, status, fetched_at, content_type, charset,\n"
    "last_modified, etag, html (the page in UTF-8) and error. Every input URL\n"
    "gets exactly one record, written as its fetch ends. Only http and https\n"
    "URLs are fetched; TLS certificates are always verified. Progress goes to\n"
    "stderr when it is a terminal, and a summary line at the end in any case.\n",
    "Exit status: 0 when every URL was fetched, 1 when some records are errors\n"
    "(each is reported on stderr as \"pith: URL: ERROR\" unless --quiet), 2 on\n"
    "a usage error or output that cannot be written, 130 when interrupted\n"
    "(run again with --resume to finish).\n",
    &kFetchFlags};

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
  if (name == "fetch") {
    args->command = Command::kFetch;
    Status s = ParseWords(kFetch, std::move(words), args, &operands);
    if (!s.ok() || args->command != Command::kFetch) return s;
    args->inputs.assign(operands.begin(), operands.end());
    if (args->resume && args->output.empty()) return UsageError(kFetch, "--resume needs -o FILE");
    return Ok();
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
