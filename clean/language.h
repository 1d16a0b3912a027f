// Language identification of a page's text.

#ifndef PITH_CLEAN_LANGUAGE_H_
#define PITH_CLEAN_LANGUAGE_H_

#include <string>
#include <string_view>

namespace pith {

// The language of text as an ISO 639-1 code ("en", "uk", "de"; Chinese in
// either script is "zh"), or "" when it cannot be told reliably: too little
// text, no language clearly ahead, or a language with no two-letter code.
//
// Uses CLD2 on plain text (no markup is skipped). The page's prose is read
// first: its lines of 80 bytes or more, in order. Their first 512 bytes decide
// when CLD2 is sure of them and finds 95% of them in one language (the
// article's opening, not the comments under it); else up to 4 KiB of them;
// when those hold less than 1 KiB, or CLD2 is unsure of them, the first 64 KiB
// of the whole text are read instead. Ill-formed UTF-8 and the code points CLD2 refuses (control
// characters other than tab, newline, form feed and carriage return;
// noncharacters) are read as spaces rather than spoiling the whole text.
// Thread-safe.
std::string DetectLanguage(std::string_view text);

}  // namespace pith

#endif  // PITH_CLEAN_LANGUAGE_H_
