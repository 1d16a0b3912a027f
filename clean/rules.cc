#include "clean/rules.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iterator>
#include <sstream>
#include <system_error>
#include <unordered_map>

#include "clean/embedded_rules.h"
#include "clean/match_filter.h"
#include "clean/text_util.h"

namespace pith {

namespace {

constexpr std::uint32_t kCompileOptions = PCRE2_UTF | PCRE2_UCP | PCRE2_CASELESS;

// Caps the backtracking of one match, so that a pathological pattern costs a
// bounded time on a long line; a match that hits the cap counts as no match.
constexpr std::uint32_t kMatchLimit = 1'000'000;

// Per-thread match state, so that matching allocates nothing once a thread has
// matched the pattern with the most capture groups it will meet.
class Scratch {
 public:
  Scratch()
      : context_(pcre2_match_context_create(nullptr)),
        jit_stack_(pcre2_jit_stack_create(32 << 10, 1 << 20, nullptr)) {
    if (context_ == nullptr) return;
    pcre2_set_match_limit(context_, kMatchLimit);
    if (jit_stack_ != nullptr) pcre2_jit_stack_assign(context_, nullptr, jit_stack_);
  }
  ~Scratch() {
    pcre2_match_data_free(data_);
    pcre2_jit_stack_free(jit_stack_);
    pcre2_match_context_free(context_);
  }
  Scratch(const Scratch&) = delete;
  Scratch& operator=(const Scratch&) = delete;

  pcre2_match_context* context() const { return context_; }

  // Match data with room for at least pairs offset pairs, or null when out of
  // memory.
  pcre2_match_data* Data(std::uint32_t pairs) {
    if (pairs > pairs_) {
      pcre2_match_data_free(data_);
      data_ = pcre2_match_data_create(pairs, nullptr);
      pairs_ = data_ != nullptr ? pairs : 0;
    }
    return data_;
  }

 private:
  pcre2_match_context* context_;
  pcre2_jit_stack* jit_stack_;
  pcre2_match_data* data_ = nullptr;
  std::uint32_t pairs_ = 0;
};

Scratch& ThreadScratch() {
  thread_local Scratch scratch;
  return scratch;
}

bool IsBlank(char c) { return c == ' ' || c == '\t'; }

std::string_view TrimBlank(std::string_view s) {
  while (!s.empty() && IsBlank(s.front())) s.remove_prefix(1);
  while (!s.empty() && (IsBlank(s.back()) || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

// Calls fn(line_number, line) for every line of text, without the line break.
template <typename Fn>
void ForEachLine(std::string_view text, Fn fn) {
  std::size_t number = 0;
  while (!text.empty()) {
    const std::size_t eol = text.find('\n');
    ++number;
    fn(number, text.substr(0, eol));
    if (eol == std::string_view::npos) break;
    text.remove_prefix(eol + 1);
  }
}

// Whether a pattern keeps its meaning as one branch of "(?:a)|(?:b)": it must
// not refer to groups (their numbers shift, their names may clash), use verbs
// (they act on the whole match) or turn on extended mode (a '#' comment would
// swallow the closing parenthesis). A lexical check that errs towards false:
// a pattern that is not joined is still matched on its own.
bool Joinable(std::string_view s) {
  for (std::size_t i = 0; i + 1 < s.size(); ++i) {
    const char next = s[i + 1];
    if (s[i] == '\\') {
      if ((next >= '1' && next <= '9') || next == 'g' || next == 'k') return false;
      ++i;
      continue;
    }
    if (s[i] != '(') continue;
    if (next == '*') return false;
    if (next != '?' || i + 2 >= s.size()) continue;
    const std::string_view rest = s.substr(i + 2);
    if (std::string_view("R&(+0123456789").find(rest[0]) != std::string_view::npos ||
        rest.starts_with("P>") || rest.starts_with("P=") ||
        (rest.size() > 1 && rest[0] == '-' && rest[1] >= '0' && rest[1] <= '9')) {
      return false;
    }
    for (char f : rest) {
      if (f == 'x') return false;
      if (!((f >= 'a' && f <= 'z') || (f >= 'A' && f <= 'Z') || f == '-' || f == '^')) break;
    }
  }
  return true;
}

}  // namespace

// ---------------------------------------------------------------------------
// Pattern

struct Pattern::Code {
  ~Code() { pcre2_code_free(re); }

  pcre2_code* re = nullptr;
  std::uint32_t pairs = 1;  // capture groups + 1
  bool anchored = false;
  std::vector<std::pair<std::string, std::uint32_t>> names;  // (name, group)
};

Pattern::Pattern() = default;
Pattern::~Pattern() = default;
Pattern::Pattern(Pattern&&) noexcept = default;
Pattern& Pattern::operator=(Pattern&&) noexcept = default;

Status Pattern::Compile(std::string_view pattern, Pattern* out) {
  int error = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code* re = pcre2_compile(reinterpret_cast<PCRE2_SPTR>(pattern.empty() ? "" : pattern.data()),
                                 pattern.size(), kCompileOptions, &error, &offset, nullptr);
  if (re == nullptr) {
    PCRE2_UCHAR reason[256];
    pcre2_get_error_message(error, reason, sizeof(reason));
    return Status::InvalidArgument("pattern error at offset " + std::to_string(offset) + ": " +
                                   reinterpret_cast<const char*>(reason));
  }
  // Where the platform has no JIT this fails and pcre2_match() interprets.
  pcre2_jit_compile(re, PCRE2_JIT_COMPLETE);

  Pattern compiled;
  compiled.code_ = std::make_unique<Code>();
  Code& code = *compiled.code_;
  code.re = re;
  std::uint32_t captures = 0, name_count = 0, entry_size = 0;
  PCRE2_SPTR table = nullptr;
  pcre2_pattern_info(re, PCRE2_INFO_CAPTURECOUNT, &captures);
  pcre2_pattern_info(re, PCRE2_INFO_NAMECOUNT, &name_count);
  pcre2_pattern_info(re, PCRE2_INFO_NAMEENTRYSIZE, &entry_size);
  pcre2_pattern_info(re, PCRE2_INFO_NAMETABLE, &table);
  code.pairs = captures + 1;
  std::uint32_t options = 0;
  pcre2_pattern_info(re, PCRE2_INFO_ALLOPTIONS, &options);
  code.anchored = (options & PCRE2_ANCHORED) != 0;
  for (std::uint32_t i = 0; i < name_count; ++i) {
    // Each entry: the group number in two big-endian bytes, then the name.
    PCRE2_SPTR entry = table + std::size_t{i} * entry_size;
    code.names.emplace_back(reinterpret_cast<const char*>(entry + 2),
                            (std::uint32_t{entry[0]} << 8) | entry[1]);
  }
  compiled.source_ = std::string(pattern);
  if (compiled.Matches("")) return Status::InvalidArgument("pattern matches the empty string");
  *out = std::move(compiled);
  return Status::OK();
}

bool Pattern::Matches(std::string_view subject) const {
  if (code_ == nullptr) return false;
  Scratch& scratch = ThreadScratch();
  pcre2_match_data* data = scratch.Data(1);
  if (data == nullptr) return false;
  // A return of 0 means a match whose captures did not fit: still a match.
  return pcre2_match(code_->re, reinterpret_cast<PCRE2_SPTR>(subject.empty() ? "" : subject.data()),
                     subject.size(), 0, PCRE2_NO_UTF_CHECK, data, scratch.context()) >= 0;
}

bool Pattern::MatchNamed(std::string_view subject,
                         std::vector<std::pair<std::string, std::string>>* groups) const {
  if (code_ == nullptr) return false;
  Scratch& scratch = ThreadScratch();
  pcre2_match_data* data = scratch.Data(code_->pairs);
  if (data == nullptr) return false;
  if (pcre2_match(code_->re, reinterpret_cast<PCRE2_SPTR>(subject.empty() ? "" : subject.data()),
                  subject.size(), 0, PCRE2_NO_UTF_CHECK, data, scratch.context()) < 0) {
    return false;
  }
  const PCRE2_SIZE* ovector = pcre2_get_ovector_pointer(data);
  for (const auto& [name, group] : code_->names) {
    const PCRE2_SIZE begin = ovector[2 * group], end = ovector[2 * group + 1];
    if (begin == PCRE2_UNSET) continue;
    groups->emplace_back(name, std::string(subject.substr(begin, end - begin)));
  }
  return true;
}

bool Pattern::anchored() const { return code_ != nullptr && code_->anchored; }

std::vector<std::string> Pattern::GroupNames() const {
  std::vector<std::string> names;
  if (code_ == nullptr) return names;
  for (const auto& entry : code_->names) {
    if (std::find(names.begin(), names.end(), entry.first) == names.end()) {
      names.push_back(entry.first);
    }
  }
  return names;
}

// ---------------------------------------------------------------------------
// RuleSet

namespace {

// The actions: first the line actions, in the order of precedence
// RuleScope::Match applies, then the element actions of HTML pages.
enum Action : std::size_t {
  kKeep, kField, kEnd, kComments, kSection, kDrop, kLineActionCount,
  kPrune = kLineActionCount, kSpare, kContent, kFavour, kThread, kDiscussion, kActionCount
};

constexpr std::array<std::string_view, kActionCount> kActionNames = {
    "keep",  "field",   "end",    "comments", "section",   "drop",
    "prune", "spare", "content", "favour",   "thread", "discussion"};

constexpr std::array<std::string_view, 6> kFieldNames = {"title",    "date",        "author",
                                                          "sitename", "description", "tags"};

// A line or an element's names, and its case folding (FoldCase), which every
// AnyOf it is matched against reads.
struct Subject {
  std::string_view text;
  std::string_view folded;
};

// text and its folding, held for the calling thread until its next call.
Subject Fold(std::string_view text) {
  thread_local std::string folded;
  FoldCase(text, std::string_view::npos, &folded);
  return Subject{text, folded};
}

// Subject{text, folded} when folded is known (not empty), else Fold(text).
// REQUIRES: text lies within line, and folded, when not empty, is line folded.
Subject Fold(std::string_view line, std::string_view folded, std::string_view text) {
  if (folded.empty()) return Fold(text);
  return Subject{text, folded.substr(text.data() - line.data(), text.size())};
}

// Tells whether any of a list of patterns matches a line. A pattern whose
// matches must begin with or contain one of a few strings (match_filter.h)
// is asked only about the lines that do; the rest of the anchored ones are
// joined into one alternation ("(?:^a)|(?:^b)|..."), so that they cost one
// call into PCRE2 rather than one per rule. Patterns that cannot be joined or
// are not anchored, and any part of the alternation PCRE2 will not compile (it
// caps the size of a compiled pattern), are matched on their own or in
// smaller alternations. Holds pointers: rebuild it whenever the patterns move.
class AnyOf {
 public:
  // What a pattern's matches begin with (MatchPrefixes, anchored patterns
  // only) and contain (RequiredLiterals).
  struct Filter {
    std::vector<std::string> prefixes;
    std::vector<std::string> literals;
  };
  // Filters by pattern, so that a pattern in several AnyOfs is read once.
  using FilterMap = std::unordered_map<const Pattern*, Filter>;

  // Matches any of patterns; filters holds theirs (patterns missing from it
  // are read here).
  void Build(const std::vector<const Pattern*>& patterns, FilterMap* filters) {
    joined_.clear();
    separate_.clear();
    prefixed_.clear();
    prefixed_needs_literal_.clear();
    containing_.clear();
    prefix_index_ = PrefixIndex();
    literal_index_ = LiteralIndex();
    std::vector<const Pattern*> joinable;
    for (const Pattern* p : patterns) {
      auto [known, added] = filters->try_emplace(p);
      if (added) {
        known->second.prefixes = p->anchored() ? MatchPrefixes(p->source()) : std::vector<std::string>();
        // Reading a pattern's literals costs as much as reading its prefixes,
        // at every start of pith: only for the patterns they may help.
        const bool weak = std::any_of(known->second.prefixes.begin(), known->second.prefixes.end(),
                                      [](const std::string& prefix) { return prefix.size() < kStrongPrefixBytes; });
        if (known->second.prefixes.empty() || weak) known->second.literals = RequiredLiterals(p->source());
      }
      if (!known->second.prefixes.empty()) {
        const auto id = static_cast<std::uint32_t>(prefixed_.size());
        prefix_index_.Add(known->second.prefixes, id);
        prefixed_.push_back(p);
        const bool literals_add = LiteralsAddToPrefixes(known->second);
        prefixed_needs_literal_.push_back(literals_add);
        if (literals_add) literal_index_.Add(known->second.literals, kPrefixedId | id);
        continue;
      }
      if (!known->second.literals.empty()) {
        literal_index_.Add(known->second.literals, static_cast<std::uint32_t>(containing_.size()));
        containing_.push_back(p);
        continue;
      }
      // An alternation that holds one unanchored branch is tried at every
      // position of the line, every branch at each, while such a pattern
      // matched on its own lets PCRE2 skip to the places where it can start
      // (its first-character bitmap, a required character): only anchored
      // patterns are worth joining.
      const bool join = Joinable(p->source()) && p->anchored();
      (join ? joinable : separate_).push_back(p);
    }
    prefix_index_.Index();
    // Ranges of joinable still to compile; a range that fails is halved.
    std::vector<std::pair<std::size_t, std::size_t>> todo = {{0, joinable.size()}};
    while (!todo.empty()) {
      const auto [begin, end] = todo.back();
      todo.pop_back();
      if (end - begin == 1) separate_.push_back(joinable[begin]);
      if (end - begin <= 1) continue;
      std::string alternation = "(?J)";  // field patterns share group names
      for (std::size_t i = begin; i < end; ++i) {
        // The trailing \E closes a \Q the branch may have left open.
        alternation += i == begin ? "(?:" : "|(?:";
        alternation += joinable[i]->source();
        alternation += "\\E)";
      }
      Pattern joined;
      if (Pattern::Compile(alternation, &joined).ok()) {
        joined_.push_back(std::move(joined));
      } else {
        const std::size_t middle = begin + (end - begin) / 2;
        todo.emplace_back(middle, end);
        todo.emplace_back(begin, middle);
      }
    }
  }

  bool Matches(const Subject& subject) const {
    const std::string_view line = subject.text;
    thread_local std::vector<std::uint32_t> prefixed, literal_ids;
    bool literals_read = false;
    auto read_literals = [&] {
      if (literals_read) return;
      literal_ids.clear();
      literal_index_.Candidates(subject.folded, &literal_ids);
      literals_read = true;
    };
    if (!prefixed_.empty()) {
      prefixed.clear();
      prefix_index_.Candidates(subject.folded.substr(0, kMaxMatchPrefixBytes), &prefixed);
      for (std::uint32_t id : prefixed) {
        if (prefixed_needs_literal_[id]) {
          read_literals();
          if (std::find(literal_ids.begin(), literal_ids.end(), kPrefixedId | id) == literal_ids.end()) continue;
        }
        if (prefixed_[id]->Matches(line)) return true;
      }
    }
    if (!containing_.empty()) {
      read_literals();
      for (std::uint32_t id : literal_ids) {
        if ((id & kPrefixedId) == 0 && containing_[id]->Matches(line)) return true;
      }
    }
    for (const Pattern& p : joined_) {
      if (p.Matches(line)) return true;
    }
    for (const Pattern* p : separate_) {
      if (p->Matches(line)) return true;
    }
    return false;
  }

 private:
  // A pattern whose every prefix is this long is seldom a candidate: its
  // literals are not worth a search of the line.
  static constexpr std::size_t kStrongPrefixBytes = 3;

  // Marks the ids in literal_index_ of prefixed patterns (the rest are
  // containing_'s).
  static constexpr std::uint32_t kPrefixedId = std::uint32_t{1} << 31;

  // A line that begins with a prefix may still lack the pattern's literals:
  // "^\d+\s+comments?$" begins with a digit, as many lines do, but few
  // lines hold "comment". Whether the literals say more than the prefixes.
  // They do not when every prefix holds one of them, nor when one of them is
  // short enough for most lines to hold: shorter than three bytes, unless it
  // is one byte that is not a letter, digit or space ('|', '@').
  static bool LiteralsAddToPrefixes(const Filter& filter) {
    const auto common = [](const std::string& literal) {  // folded: no capitals
      const char c = literal[0];
      return literal.size() == 2 ||
             (literal.size() == 1 && ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || IsAsciiSpace(c)));
    };
    const auto implied = [&](const std::string& prefix) {
      return std::any_of(filter.literals.begin(), filter.literals.end(),
                         [&](const std::string& literal) { return prefix.find(literal) != std::string::npos; });
    };
    return !filter.literals.empty() && std::none_of(filter.literals.begin(), filter.literals.end(), common) &&
           !std::all_of(filter.prefixes.begin(), filter.prefixes.end(), implied);
  }

  std::vector<Pattern> joined_;
  std::vector<const Pattern*> separate_;
  std::vector<const Pattern*> prefixed_;    // by their ids in prefix_index_
  std::vector<bool> prefixed_needs_literal_;  // by id: LiteralsAddToPrefixes
  PrefixIndex prefix_index_;
  std::vector<const Pattern*> containing_;  // by their ids in literal_index_
  LiteralIndex literal_index_;
};

}  // namespace

struct RuleSet::Group {
  // Rebuilds the matchers after rules were added.
  void Build() {
    std::vector<const Pattern*> all_line_rules;
    AnyOf::FilterMap filters;
    for (std::size_t a = 0; a < kActionCount; ++a) {
      std::vector<const Pattern*> patterns;
      for (const Pattern& p : rules[a]) patterns.push_back(&p);
      any_of[a].Build(patterns, &filters);
      if (a < kLineActionCount) {
        all_line_rules.insert(all_line_rules.end(), patterns.begin(), patterns.end());
      }
    }
    any.Build(all_line_rules, &filters);
  }

  std::vector<std::string> hosts;  // empty for [generic]
  std::array<std::vector<Pattern>, kActionCount> rules;  // kSection: the starts
  std::vector<Pattern> section_ends;                      // parallel to rules[kSection]
  std::array<AnyOf, kActionCount> any_of;
  AnyOf any;  // every line rule: most lines are dismissed with this one match
  bool stale = false;  // rules were added since the matchers were built
};

RuleSet::RuleSet() = default;
RuleSet::~RuleSet() = default;

namespace {

// The lower-cased host of url ("" when it has none), as in
// scheme://user@host:port/path; the scheme may be missing.
std::string HostOf(std::string_view url) {
  // A "://" after the first '/', '?' or '#' is in the path or query, not a scheme.
  if (const std::size_t scheme = url.find("://"); scheme < FindFirstOf(url, "/?#")) {
    url.remove_prefix(scheme + 3);
  } else if (url.starts_with("//")) {
    url.remove_prefix(2);
  }
  url = url.substr(0, FindFirstOf(url, "/?#"));
  if (const std::size_t at = url.rfind('@'); at != std::string_view::npos) url.remove_prefix(at + 1);
  url = url.substr(0, url.find(':'));
  while (url.ends_with('.')) url.remove_suffix(1);
  std::string host;
  for (char c : url) {
    if (static_cast<unsigned char>(c) <= ' ') return "";  // not a URL after all
    host.push_back(c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c);
  }
  return IsValidUtf8(host) ? ToLower(host) : "";
}

bool HostIn(std::string_view host, const std::vector<std::string>& sites) {
  for (const std::string& site : sites) {
    if (host == site) return true;
    if (host.size() > site.size() && host.ends_with(site) &&
        host[host.size() - site.size() - 1] == '.') {
      return true;
    }
  }
  return false;
}

// Splits "START => END" at the first "=>" with white space on both sides.
bool SplitSection(std::string_view s, std::string_view* start, std::string_view* end) {
  for (std::size_t i = s.find("=>"); i != std::string_view::npos; i = s.find("=>", i + 1)) {
    if (i == 0 || i + 2 >= s.size() || !IsBlank(s[i - 1]) || !IsBlank(s[i + 2])) continue;
    *start = TrimBlank(s.substr(0, i));
    *end = TrimBlank(s.substr(i + 2));
    return !start->empty() && !end->empty();
  }
  return false;
}

// Parses the inside of "[...]": "generic", or "site" and its hosts. Returns an
// error message, or "" with *hosts set (left empty for generic).
std::string ParseHeader(std::string_view line, std::vector<std::string>* hosts) {
  if (!line.ends_with(']')) return "malformed section header";
  std::istringstream words{std::string(line.substr(1, line.size() - 2))};
  std::string kind, host;
  words >> kind;
  if (kind == "generic") return words >> host ? "malformed section header" : "";
  if (kind != "site") return "malformed section header";
  while (words >> host) {
    std::string lowered = HostOf(host);
    if (lowered.empty() || lowered != ToLower(host)) return "bad host '" + host + "' in [site]";
    hosts->push_back(std::move(lowered));
  }
  return hosts->empty() ? "[site] needs at least one host" : "";
}

// Compiles the pattern(s) of one rule line: *start, and *end for a section.
// Returns an error message, or "".
std::string CompileRule(Action action, std::string_view pattern, Pattern* start, Pattern* end) {
  if (action == kSection) {
    std::string_view start_source, end_source;
    if (!SplitSection(pattern, &start_source, &end_source)) return "section needs \"START => END\"";
    if (Status s = Pattern::Compile(start_source, start); !s.ok()) return s.message();
    if (Status s = Pattern::Compile(end_source, end); !s.ok()) return s.message();
    return "";
  }
  if (Status s = Pattern::Compile(pattern, start); !s.ok()) return s.message();
  if (action == kField) {
    const std::vector<std::string> names = start->GroupNames();
    if (names.empty()) return "field pattern has no named group";
    for (const std::string& name : names) {
      if (std::find(kFieldNames.begin(), kFieldNames.end(), name) == kFieldNames.end()) {
        return "unknown field '" + name + "' in named group";
      }
    }
  }
  return "";
}

}  // namespace

void RuleSet::AddRuleFile(std::string_view name, std::string_view text,
                          std::vector<std::string>* errors) {
  ParseRuleFile(name, text, errors);
  BuildMatchers();
}

void RuleSet::BuildMatchers() {
  for (const auto& g : groups_) {
    if (!g->stale) continue;
    g->Build();
    g->stale = false;
  }
}

void RuleSet::ParseRuleFile(std::string_view name, std::string_view text,
                            std::vector<std::string>* errors) {
  // Generic rules all go to one group, so that a line is matched once against
  // all of them (one prefix look-up, one alternation of the rest). Each site
  // section gets a group of its own, made at its first rule. After a bad
  // header, rules are checked but kept nowhere: rules meant for some sites
  // must not apply to every site.
  Group* generic = nullptr;
  for (const auto& g : groups_) {
    if (g->hosts.empty()) generic = g.get();
  }
  std::vector<std::string> hosts;  // of the current section; empty for generic
  bool discard = false;
  Group* group = nullptr;
  ForEachLine(text, [&](std::size_t number, std::string_view raw) {
    const std::string_view line = TrimBlank(raw);
    auto error = [&](const std::string& message) {
      errors->push_back(std::string(name) + ":" + std::to_string(number) + ": " + message);
    };
    if (line.empty() || line.front() == '#') return;
    if (!IsValidUtf8(line)) return error("not valid UTF-8");
    if (line.front() == '[') {
      group = nullptr;
      hosts.clear();
      const std::string message = ParseHeader(line, &hosts);
      discard = !message.empty();
      if (discard) error(message);
      return;
    }
    const std::string_view verb = line.substr(0, std::min(line.find(' '), line.find('\t')));
    const auto found = std::find(kActionNames.begin(), kActionNames.end(), verb);
    if (found == kActionNames.end()) return error("unknown action '" + std::string(verb) + "'");
    const auto action = static_cast<Action>(found - kActionNames.begin());
    const std::string_view pattern = TrimBlank(line.substr(verb.size()));
    if (pattern.empty()) return error("missing pattern");
    Pattern start, end;
    if (std::string message = CompileRule(action, pattern, &start, &end); !message.empty()) {
      return error(message);
    }
    if (discard) return;
    if (group == nullptr && hosts.empty()) group = generic;
    if (group == nullptr) {
      groups_.push_back(std::make_unique<Group>());
      group = groups_.back().get();
      group->hosts = hosts;
      if (hosts.empty()) generic = group;
    }
    group->stale = true;
    group->rules[action].push_back(std::move(start));
    if (action == kSection) group->section_ends.push_back(std::move(end));
  });
}

void RuleSet::AddStopwords(std::string_view language, std::string_view text) {
  auto it = std::find_if(stopwords_.begin(), stopwords_.end(),
                         [&](const auto& entry) { return entry.first == language; });
  if (it == stopwords_.end()) {
    stopwords_.emplace_back(std::string(language), StopwordSet());
    it = std::prev(stopwords_.end());
  }
  ForEachLine(text, [&](std::size_t, std::string_view raw) {
    const std::string_view line = TrimBlank(raw);
    if (line.empty() || line.front() == '#' || !IsValidUtf8(line)) return;
    const std::string word = ToLower(TrimSpace(line));
    it->second.Add(word);
    all_stopwords_.Add(word);
  });
}

const StopwordSet& RuleSet::Stopwords(std::string_view language) const {
  for (const auto& [name, words] : stopwords_) {
    if (name == language && !language.empty()) return words;
  }
  return all_stopwords_;
}

bool RuleSet::HasStopwords(std::string_view language) const {
  return &Stopwords(language) != &all_stopwords_;
}

std::size_t RuleSet::rule_count() const {
  std::size_t count = 0;
  for (const auto& g : groups_) {
    for (const auto& rules : g->rules) count += rules.size();
  }
  return count;
}

RuleScope RuleSet::ForUrl(std::string_view url) const {
  RuleScope scope;
  const std::string host = HostOf(TrimSpace(url));
  if (!host.empty()) {
    for (const auto& g : groups_) {
      if (!g->hosts.empty() && HostIn(host, g->hosts)) scope.groups_.push_back(g.get());
    }
  }
  for (const auto& g : groups_) {
    if (g->hosts.empty()) scope.groups_.push_back(g.get());
  }
  return scope;
}

// ---------------------------------------------------------------------------
// RuleScope

LineMatch RuleScope::Match(std::string_view untrimmed, std::string_view folded) const {
  const std::string_view line = TrimSpace(untrimmed);
  LineMatch match;
  if (line.empty()) return match;
  const Subject subject = Fold(untrimmed, folded, line);
  // Bit i: group i has some rule that matches. Groups past 64 are always
  // asked, which is only slower.
  std::uint64_t hit = 0;
  for (std::size_t i = 0; i < groups_.size() && i < 64; ++i) {
    if (groups_[i]->any.Matches(subject)) hit |= std::uint64_t{1} << i;
  }
  if (hit == 0 && groups_.size() <= 64) return match;
  auto asked = [&](std::size_t i, Action action) {
    return (i >= 64 || (hit >> i & 1) != 0) && groups_[i]->any_of[action].Matches(subject);
  };

  for (std::size_t i = 0; i < groups_.size(); ++i) {
    if (asked(i, kKeep)) {
      match.rule = LineRule::kKeep;
      return match;
    }
  }
  // Every field rule that matches contributes its groups, site rules first.
  for (std::size_t i = 0; i < groups_.size(); ++i) {
    if (!asked(i, kField)) continue;
    match.rule = LineRule::kField;
    std::vector<std::pair<std::string, std::string>> found;
    for (const Pattern& p : groups_[i]->rules[kField]) p.MatchNamed(line, &found);
    for (auto& [field, value] : found) {
      const std::string_view trimmed = TrimSpace(value);
      if (!trimmed.empty()) match.fields.emplace_back(std::move(field), std::string(trimmed));
    }
  }
  if (match.rule == LineRule::kField) return match;
  for (std::size_t i = 0; i < groups_.size(); ++i) {
    const bool comments = asked(i, kComments);
    if (comments || asked(i, kEnd)) {
      match.rule = LineRule::kEnd;
      match.opens_comments = comments;
      return match;
    }
  }
  for (std::size_t i = 0; i < groups_.size(); ++i) {
    if (!asked(i, kSection)) continue;
    const std::vector<Pattern>& starts = groups_[i]->rules[kSection];
    for (std::size_t j = 0; j < starts.size(); ++j) {
      if (!starts[j].Matches(line)) continue;
      match.rule = LineRule::kSectionStart;
      match.section = static_cast<int>(j * groups_.size() + i);  // see SectionEnds
      return match;
    }
  }
  for (std::size_t i = 0; i < groups_.size(); ++i) {
    if (asked(i, kDrop)) {
      match.rule = LineRule::kDrop;
      return match;
    }
  }
  return match;
}

bool RuleScope::PrunesElement(std::string_view names) const {
  const Subject subject = Fold(names);
  bool pruned = false;
  for (const RuleSet::Group* g : groups_) {
    if (g->any_of[kSpare].Matches(subject)) return false;
    pruned = pruned || g->any_of[kPrune].Matches(subject) || g->any_of[kDiscussion].Matches(subject);
  }
  return pruned;
}

bool RuleScope::NamesDiscussion(std::string_view names) const {
  const Subject subject = Fold(names);
  bool discussion = false;
  for (const RuleSet::Group* g : groups_) {
    if (g->any_of[kSpare].Matches(subject)) return false;
    discussion = discussion || g->any_of[kDiscussion].Matches(subject);
  }
  return discussion;
}

bool RuleScope::NamesThreadPost(std::string_view names) const {
  const Subject subject = Fold(names);
  for (const RuleSet::Group* g : groups_) {
    if (g->any_of[kThread].Matches(subject)) return true;
  }
  return false;
}

bool RuleScope::FavoursElement(std::string_view names) const {
  const Subject subject = Fold(names);
  for (const RuleSet::Group* g : groups_) {
    if (g->any_of[kFavour].Matches(subject) || g->any_of[kContent].Matches(subject)) return true;
  }
  return false;
}

bool RuleScope::NamesContent(std::string_view names) const {
  const Subject subject = Fold(names);
  for (const RuleSet::Group* g : groups_) {
    if (g->any_of[kContent].Matches(subject)) return true;
  }
  return false;
}

bool RuleScope::SectionEnds(int section, std::string_view line) const {
  if (section < 0 || groups_.empty()) return false;
  const std::size_t i = static_cast<std::size_t>(section) % groups_.size();
  const std::size_t j = static_cast<std::size_t>(section) / groups_.size();
  const std::vector<Pattern>& ends = groups_[i]->section_ends;
  return j < ends.size() && ends[j].Matches(TrimSpace(line));
}

// ---------------------------------------------------------------------------
// Loading

namespace {

namespace fs = std::filesystem;

// Adds one shipped or user file: *.rules as rules, stopwords/<lang>.txt as a
// stopword list; anything else is not ours and is skipped.
void AddFile(const std::string& name, std::string_view relative, std::string_view text,
             RuleSet* set, std::vector<std::string>* errors) {
  if (relative.ends_with(".rules")) {
    set->ParseRuleFile(name, text, errors);
  } else if (relative.starts_with("stopwords/") && relative.ends_with(".txt") &&
             relative.find('/', 10) == std::string_view::npos) {
    set->AddStopwords(relative.substr(10, relative.size() - 14), text);
  }
}

bool ReadFile(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad();
}

// Adds every *.rules file under dir (recursively) and dir/stopwords/*.txt, in
// sorted order.
void AddDirectory(const std::string& dir, RuleSet* set, std::vector<std::string>* errors) {
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) {
    errors->push_back(dir + ": " + (ec ? ec.message() : "not a directory"));
    return;
  }
  std::vector<std::pair<std::string, fs::path>> files;  // (relative, full)
  fs::recursive_directory_iterator it(dir, ec), end;
  for (; !ec && it != end; it.increment(ec)) {
    const fs::path& path = it->path();
    const std::string relative = path.lexically_relative(dir).generic_string();
    std::error_code not_a_directory;  // a broken link is a file that cannot be read
    if (it->is_directory(not_a_directory) ||
        (!relative.ends_with(".rules") && !relative.ends_with(".txt"))) {
      continue;
    }
    files.emplace_back(relative, path);
  }
  if (ec) {
    errors->push_back(dir + ": " + ec.message());
    return;
  }
  std::sort(files.begin(), files.end());
  for (const auto& [relative, path] : files) {
    std::string text;
    if (!ReadFile(path, &text)) {
      errors->push_back(path.string() + ": cannot read");
      continue;
    }
    AddFile(path.string(), relative, text, set, errors);
  }
}

Status Build(const RuleSources& sources, RuleSet* set) {
  std::vector<std::string> errors;
  if (sources.builtin) {
    for (const EmbeddedFile& file : EmbeddedRuleFiles()) {
      AddFile("rules/" + std::string(file.path), file.path, file.contents, set, &errors);
    }
  }
  for (const std::string& dir : sources.extra_dirs) AddDirectory(dir, set, &errors);
  set->BuildMatchers();
  if (errors.empty()) return Status::OK();
  std::string message;
  for (const std::string& e : errors) {
    if (!message.empty()) message += '\n';
    message += e;
  }
  return Status::InvalidArgument(message);
}

}  // namespace

Status LoadRules(const RuleSources& sources, std::shared_ptr<const RuleSet>* rules) {
  auto set = std::make_shared<RuleSet>();
  Status s = Build(sources, set.get());
  if (s.ok()) *rules = std::move(set);
  return s;
}

Status CheckRules(const std::string& dir, std::size_t* rule_count) {
  RuleSources sources;
  if (!dir.empty()) {
    sources.builtin = false;
    sources.extra_dirs = {dir};
  }
  RuleSet set;
  Status s = Build(sources, &set);
  if (rule_count != nullptr) *rule_count = set.rule_count();
  return s;
}

}  // namespace pith
