// UTF-8 and word-level helpers shared by every cleaning stage.

#ifndef PITH_CLEAN_TEXT_UTIL_H_
#define PITH_CLEAN_TEXT_UTIL_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pith {

// The end of the run of ASCII bytes (below 0x80) that starts at s[from]: the
// first byte at or after from that is not ASCII, or s.size(). Reads eight
// bytes at a time. REQUIRES: from <= s.size().
std::size_t AsciiRunEnd(std::string_view s, std::size_t from);

// Appends run, all ASCII, lower-cased to *out, eight bytes at a time.
void AppendLowerAscii(std::string_view run, std::string* out);

// The same for printable ASCII (0x20 to 0x7E) but the byte except (none by
// default: DEL is not printable).
std::size_t PrintableAsciiRunEnd(std::string_view s, std::size_t from, char except = '\x7F');

// True when s is well-formed UTF-8.
bool IsValidUtf8(std::string_view s);

// s with every ill-formed UTF-8 sequence replaced by U+FFFD (never dropped).
std::string RepairUtf8(std::string_view s);

// True when s looks like binary data rather than text: a NUL byte, or more
// than 10% C0 control characters other than tab, newline, carriage return
// and form feed, within its first 64 KiB.
bool LooksBinary(std::string_view s);

// The HTML standard's ASCII white space: tab, line feed, form feed, carriage
// return, space.
constexpr bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// s.find_first_of(chars, pos), for a few chars: a test a byte against each,
// where libstdc++ calls memchr over chars for every byte of s (a million
// calls over the hrefs of a few hundred pages).
constexpr std::size_t FindFirstOf(std::string_view s, std::string_view chars, std::size_t pos = 0) {
  for (std::size_t i = pos; i < s.size(); ++i) {
    for (const char c : chars) {
      if (s[i] == c) return i;
    }
  }
  return std::string_view::npos;
}

// s without leading and trailing Unicode white space (incl. U+00A0).
std::string_view TrimSpace(std::string_view s);

// s without trailing Unicode white space.
std::string_view TrimTrailingSpace(std::string_view s);

// s with runs of Unicode white space folded to one ASCII space and trimmed.
std::string CollapseSpace(std::string_view s);

// Lower-cased s (simple one-to-one Unicode case mapping, as ICU u_tolower).
// REQUIRES: s is valid UTF-8.
std::string ToLower(std::string_view s);

// The words of s: maximal runs of Unicode letters, digits, combining marks
// and '_' (PCRE2's and ICU's \w; Python's splits at combining marks, which is
// why the quality metric has a tokenizer of its own in bench/).
// REQUIRES: s is valid UTF-8.
std::vector<std::string_view> Words(std::string_view s);

// True when the first character of s is a lower-case letter.
bool StartsWithLowercase(std::string_view s);

// Places where a lower-case letter runs straight into an upper-case one
// ("SierraMiércoles"): text glued together by a scraper that dropped the
// breaks between elements (and the odd "iPhone").
std::size_t CountCaseJoins(std::string_view s);

// Letter statistics of a line, in code points.
struct CharCounts {
  std::size_t letters = 0;
  std::size_t upper = 0;   // upper-case letters
  std::size_t digits = 0;
  std::size_t spaces = 0;
  std::size_t other = 0;   // punctuation and symbols
  std::size_t wide = 0;    // East Asian wide or fullwidth (Han, kana, Hangul, ，。): two columns
  std::size_t total = 0;
};
CharCounts CountChars(std::string_view s);

// A word of a line read by ScanLine: where its lower-cased form lies in the
// lowered text, and its WordWeight.
struct ScannedWord {
  std::size_t lowered_begin = 0;
  std::size_t lowered_end = 0;
  std::size_t weight = 1;
};

// What measuring a line needs, in one pass over its bytes: returns
// CountChars(s), appends ToLower(s) to *lowered, and sets *words to the words
// of Words(s), in order, each with its WordWeight and the place of its
// lower-cased form (ToLower of the word) in *lowered.
// REQUIRES: s is valid UTF-8.
CharCounts ScanLine(std::string_view s, std::string* lowered, std::vector<ScannedWord>* words);

// How many words a word of Words() stands for: one, or, in the scripts
// written without spaces between words, one per wide letter (Han, kana,
// Hangul syllables): "6月12日上午" is four, 月 日 上 午, the numbers going
// with them.
std::size_t WordWeight(std::string_view word);

}  // namespace pith

#endif  // PITH_CLEAN_TEXT_UTIL_H_
