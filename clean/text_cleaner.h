// The text-dump cleaner: a page's text as a browser's innerText (or w3m, lynx,
// get_text) prints it, reduced to the article body and header fields.

#ifndef PITH_CLEAN_TEXT_CLEANER_H_
#define PITH_CLEAN_TEXT_CLEANER_H_

#include <string>
#include <string_view>

#include "clean/rules.h"
#include "pith/pith.h"

namespace pith {

// The body and the header fields found in a dump.
struct TextCleanResult {
  std::string body;  // paragraphs separated by one blank line
  Fields fields;     // title, date, author, tags found in the dump
};

// Cleans text, a dump in valid UTF-8. The caller has already repaired the
// encoding and checked the size. Thread-safe: uses only const state.
TextCleanResult CleanTextDump(std::string_view text, const RuleScope& rules,
                              const RuleSet& rule_set, Balance balance);

}  // namespace pith

#endif  // PITH_CLEAN_TEXT_CLEANER_H_
