// The text-dump cleaner: a page's text as a browser's innerText (or w3m, lynx,
// get_text) prints it, reduced to the article body and header fields.

#ifndef PITH_CLEAN_TEXT_CLEANER_H_
#define PITH_CLEAN_TEXT_CLEANER_H_

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

}  // namespace pith

#endif  // PITH_CLEAN_TEXT_CLEANER_H_
