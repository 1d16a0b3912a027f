// The text-dump cleaner: a page's text as a browser's innerText (or w3m, lynx,
// get_text) prints it, reduced to the article body and header fields.

#ifndef PITH_CLEAN_TEXT_CLEANER_H_
#define PITH_CLEAN_TEXT_CLEANER_H_

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "clean/html_text.h"
#include "clean/rules.h"
#include "pith/pith.h"

namespace pith {

// The body and the header fields found in a dump.
struct TextCleanResult {
  std::string body;  // paragraphs separated by one blank line
  Fields fields;     // title, date, author, tags found in the dump
  std::string comments;  // with_comments: the readers' comments (CleanComments)
  // With markdown: the body as Markdown, from the lines' Markdown forms (the
  // markup's); tight lines next to each other are joined by one line break.
  std::string markdown;
};

// Cleans text, a dump in valid UTF-8. The caller has already repaired the
// encoding and checked the size. When the text was rendered from a page,
// markup (one entry per line, see RenderHtmlText) lends the classifier what
// the markup showed; it is null for dumps. Thread-safe: uses only const state.
// known_title, when not empty, is the title the page's metadata gives: the
// line that prints it is taken as the headline rather than guessed.
// known_author, the author (several joined by "; ") the page's metadata
// gives, lets an author box after the article be found when the text names
// no author itself. With with_comments, the comment section after the
// article's end (from the marker that opens it, or its first comment
// headers) is cleaned into comments. With markdown, the body is also written
// as Markdown (markup must then hold each line's Markdown; a line without is
// taken as it is).
TextCleanResult CleanTextDump(std::string_view text, const std::vector<LineMarkup>* markup,
                              const RuleScope& rules, const RuleSet& rule_set, Balance balance,
                              std::string_view known_title = {},
                              std::string_view known_author = {}, bool with_comments = false,
                              bool markdown = false);

// What CleanTextDump finds of a page whatever the balance: the seed header's
// date, the lines, the language, each line's measures, what the rules say of
// each line and which lines the page prints more than once. A page cleaned at
// a second balance (the cleaner's recall retry) need not find it again.
// Movable, not copyable; refers to nothing outside itself once made (not to
// the text, the markup or the rules).
class PreparedDump {
 public:
  PreparedDump();
  ~PreparedDump();
  PreparedDump(PreparedDump&&) noexcept;
  PreparedDump& operator=(PreparedDump&&) noexcept;

  struct State;  // defined in text_cleaner.cc

 private:
  friend PreparedDump PrepareTextDump(std::string_view, const std::vector<LineMarkup>*,
                                      const RuleScope&, const RuleSet&);
  friend TextCleanResult CleanPreparedDump(const PreparedDump&, const RuleScope&, Balance,
                                           std::string_view, std::string_view, bool, bool);
  std::unique_ptr<State> state_;
};

// The balance-free part of CleanTextDump, with the same arguments.
PreparedDump PrepareTextDump(std::string_view text, const std::vector<LineMarkup>* markup,
                             const RuleScope& rules, const RuleSet& rule_set);

// The rest of CleanTextDump: CleanPreparedDump(PrepareTextDump(t, m, r, s),
// r, b, ...) equals CleanTextDump(t, m, r, s, b, ...). rules must be the
// scope the page was prepared with (the comments are cleaned with it).
// REQUIRES: page came from PrepareTextDump. Thread-safe; page is not
// changed, so it may be cleaned at any number of balances.
TextCleanResult CleanPreparedDump(const PreparedDump& page, const RuleScope& rules,
                                  Balance balance, std::string_view known_title = {},
                                  std::string_view known_author = {},
                                  bool with_comments = false, bool markdown = false);

}  // namespace pith

#endif  // PITH_CLEAN_TEXT_CLEANER_H_
