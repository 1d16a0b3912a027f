// Language identification of a page's text.

#ifndef PITH_CLEAN_LANGUAGE_H_
#define PITH_CLEAN_LANGUAGE_H_

#include <string>
#include <string_view>

namespace pith {

// The language of text as an ISO 639-1 code ("en", "uk", "de"), or "" when it
// cannot be told reliably (too little text, or no language clearly ahead).
// Uses CLD2. REQUIRES: text is valid UTF-8. Thread-safe.
std::string DetectLanguage(std::string_view text);

}  // namespace pith

#endif  // PITH_CLEAN_LANGUAGE_H_
