// Rules as data: PCRE2 patterns loaded from rule files (rules/README.md gives
// the format), compiled once with JIT, validated at load, shared read-only by
// every thread.

#ifndef PITH_CLEAN_RULES_H_
#define PITH_CLEAN_RULES_H_

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "clean/word_table.h"
#include "pith/pith.h"

namespace pith {

// A compiled PCRE2 pattern (UTF, UCP, case-insensitive unless the pattern says
// (?-i)), JIT-compiled where the platform allows. Matching is const and
// thread-safe. Movable, not copyable.
class Pattern {
 public:
  Pattern();
  ~Pattern();
  Pattern(Pattern&&) noexcept;
  Pattern& operator=(Pattern&&) noexcept;

  // Compiles pattern into *out. Fails with a message naming the offset and
  // PCRE2's reason, or "pattern matches the empty string" when it does.
  static Status Compile(std::string_view pattern, Pattern* out);

  // True when the pattern matches somewhere in subject.
  bool Matches(std::string_view subject) const;

  // Matches subject; on a match appends (group name, captured text) for every
  // named group that took part and returns true.
  bool MatchNamed(std::string_view subject,
                  std::vector<std::pair<std::string, std::string>>* groups) const;

  // True when the pattern can only match at the start of the subject.
  bool anchored() const;

  // Names of the pattern's named groups.
  std::vector<std::string> GroupNames() const;

  const std::string& source() const { return source_; }

 private:
  struct Code;
  std::unique_ptr<Code> code_;
  std::string source_;
};

// What the rules say of one line of a page.
enum class LineRule : std::uint8_t {
  kNone,          // no rule matched
  kDrop,          // boilerplate: drop the line
  kKeep,          // body: keep the line whatever the classifier says
  kEnd,           // the body ends here once it has begun
  kSectionStart,  // drop from here through the line matching the section's end
  kField,         // a header-field line: its fields are taken, the line dropped
};

// The outcome of matching one line.
struct LineMatch {
  LineRule rule = LineRule::kNone;
  int section = -1;  // with kSectionStart: pass to SectionEnds()
  // With kEnd: a comments rule matched, so the readers' comments open here.
  bool opens_comments = false;
  // With kField: (field name, value) pairs from the pattern's named groups.
  std::vector<std::pair<std::string, std::string>> fields;
};

// Lower-cased stopwords of one language (or of all shipped languages).
using StopwordSet = WordTable;

class RuleScope;

// Defined here, opaque in the public header. Built by LoadRules().
class RuleSet {
 public:
  RuleSet();
  ~RuleSet();

  // The rules for a record whose URL is url (any case, may be empty): the
  // generic rules plus every site section whose host equals the URL's host or
  // is a parent domain of it. Site rules are consulted before generic ones.
  RuleScope ForUrl(std::string_view url) const;

  // Stopwords of language (ISO 639-1); the union of all shipped lists when
  // language is empty or has no list of its own.
  const StopwordSet& Stopwords(std::string_view language) const;

  // Whether language (ISO 639-1, not empty) has a stopword list of its own.
  bool HasStopwords(std::string_view language) const;

  // Parses and compiles one rule file's text into this set. name is used in
  // messages ("name:line: message"). Errors are appended to *errors, one per
  // bad line; loading goes on past them. Generic rules of every file share
  // one group; each [site] section gets its own.
  void AddRuleFile(std::string_view name, std::string_view text,
                   std::vector<std::string>* errors);

  // AddRuleFile without building the matchers, for loading many files:
  // REQUIRES: BuildMatchers() is called before the set is matched against.
  void ParseRuleFile(std::string_view name, std::string_view text,
                     std::vector<std::string>* errors);
  // Builds the matchers of the groups that rules were added to since.
  void BuildMatchers();

  // Adds a stopword list (one word a line, '#' comments) for language.
  void AddStopwords(std::string_view language, std::string_view text);

  // Number of compiled rules, for `pith rules check`.
  std::size_t rule_count() const;

  struct Group;  // the rules of one [generic] or [site ...] section

 private:
  friend class RuleScope;
  std::vector<std::unique_ptr<Group>> groups_;
  std::vector<std::pair<std::string, StopwordSet>> stopwords_;
  StopwordSet all_stopwords_;
};

// The rules that apply to one record. Cheap to copy; valid while its RuleSet is.
class RuleScope {
 public:
  // What the rules say of line (matched with surrounding white space trimmed).
  // Precedence: keep, field, end (comments), section, drop; site rules before generic.
  // folded, when not empty, is line case-folded (FoldCase, match_filter.h),
  // byte for byte, which saves folding it again: ToLower of an ASCII line.
  LineMatch Match(std::string_view line, std::string_view folded = {}) const;

  // True when an HTML element whose class and id attributes are `names`
  // (lower-cased, "class tokens id", space-separated) is page furniture: a
  // prune rule matches and no spare rule does.
  bool PrunesElement(std::string_view names) const;

  // True when a discussion rule matches `names` (as for PrunesElement) and no
  // spare rule does: the element holds readers' comments. PrunesElement is
  // then true as well.
  bool NamesDiscussion(std::string_view names) const;

  // True when a thread rule names an element whose class and id are `names`
  // (as for PrunesElement) as one post of a thread (a forum's): the first of
  // its siblings is the article, those after it are replies.
  bool NamesThreadPost(std::string_view names) const;

  // True when a favour or content rule matches `names` (as for
  // PrunesElement): the name says the element is likely to hold the article.
  bool FavoursElement(std::string_view names) const;

  // True when a content rule names an element whose class and id are
  // `names` (as for PrunesElement) as the article's container.
  bool NamesContent(std::string_view names) const;

  // True when line ends the section that LineMatch::section names.
  bool SectionEnds(int section, std::string_view line) const;

 private:
  friend class RuleSet;
  std::vector<const RuleSet::Group*> groups_;  // site groups first
};

// Validates every rule file under dir (or the shipped rules when dir is empty)
// without keeping them; returns the errors as LoadRules does. *rule_count, when
// not null, receives the number of rules compiled.
Status CheckRules(const std::string& dir, std::size_t* rule_count);

}  // namespace pith

#endif  // PITH_CLEAN_RULES_H_
