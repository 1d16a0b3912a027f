#include "clean/text_util.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>

namespace pith {
namespace {

constexpr std::size_t kBinaryProbeBytes = 64 * 1024;

void AppendUtf8(UChar32 c, std::string* out) {
  char buf[U8_MAX_LENGTH];
  int32_t n = 0;
  UBool error = false;
  U8_APPEND(buf, n, U8_MAX_LENGTH, c, error);
  if (!error) out->append(buf, static_cast<std::size_t>(n));
}

// What an ASCII byte is, looked up rather than compared: the loops over every
// byte of a page (CountChars, Words, ToLower, CollapseSpace) spend most of
// their time on ASCII. Letters are A-Z and a-z, digits 0-9, as ICU has it.
enum AsciiClass : std::uint8_t {
  kAsciiSpace = 1,   // ' ', \t \n \v \f \r
  kAsciiLetter = 2,
  kAsciiUpper = 4,
  kAsciiDigit = 8,
  kAsciiWord = 16,   // letters, digits, '_'
};

constexpr std::array<std::uint8_t, 128> kAscii = [] {
  std::array<std::uint8_t, 128> table{};
  for (int c = 0; c < 128; ++c) {
    std::uint8_t k = 0;
    if (c == ' ' || (c >= '\t' && c <= '\r')) k |= kAsciiSpace;
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')) k |= kAsciiLetter | kAsciiWord;
    if (c >= 'A' && c <= 'Z') k |= kAsciiUpper;
    if (c >= '0' && c <= '9') k |= kAsciiDigit | kAsciiWord;
    if (c == '_') k |= kAsciiWord;
    table[static_cast<std::size_t>(c)] = k;
  }
  return table;
}();

// CountChars' classes of an ASCII byte packed into one word, 16 bits each
// (spaces, letters, upper-case letters, digits), so that a run of ASCII is
// counted by one addition a byte.
constexpr int kSpacesShift = 0, kLettersShift = 16, kUpperShift = 32, kDigitsShift = 48;
constexpr std::array<std::uint64_t, 128> kAsciiCounts = [] {
  std::array<std::uint64_t, 128> table{};
  for (std::size_t c = 0; c < 128; ++c) {
    const std::uint8_t k = kAscii[c];
    table[c] = (std::uint64_t{(k & kAsciiSpace) != 0} << kSpacesShift) |
               (std::uint64_t{(k & kAsciiLetter) != 0} << kLettersShift) |
               (std::uint64_t{(k & kAsciiUpper) != 0} << kUpperShift) |
               (std::uint64_t{(k & kAsciiDigit) != 0} << kDigitsShift);
  }
  return table;
}();

// Adds the characters of run, all ASCII, to *counts.
void CountAscii(std::string_view run, CharCounts* counts) {
  // Chunks short enough that no 16-bit field of the sum overflows.
  constexpr std::size_t kChunk = 0xFFFF;
  for (std::size_t at = 0; at < run.size(); at += kChunk) {
    std::uint64_t sum = 0;
    for (const char c : run.substr(at, kChunk)) sum += kAsciiCounts[static_cast<unsigned char>(c)];
    const auto field = [sum](int shift) {
      return static_cast<std::size_t>((sum >> shift) & 0xFFFF);
    };
    const std::size_t spaces = field(kSpacesShift), letters = field(kLettersShift),
                      digits = field(kDigitsShift);
    counts->spaces += spaces;
    counts->letters += letters;
    counts->upper += field(kUpperShift);
    counts->digits += digits;
    counts->other += std::min(run.size() - at, kChunk) - spaces - letters - digits;
  }
  counts->total += run.size();
}

// ASCII is read eight bytes at a time where it can be: one word each.
constexpr std::uint64_t kEachByte = 0x0101010101010101;
constexpr std::uint64_t kHighBits = 0x8080808080808080;

std::uint64_t LoadWord(const char* p) {
  std::uint64_t word;
  std::memcpy(&word, p, sizeof word);
  return word;
}

// The high bit of each byte of w that is c: adding 0x7F to the low seven
// bits of each byte of w ^ c sets the high bit of every other, without
// carrying.
std::uint64_t BytesEqualTo(std::uint64_t w, char c) {
  const std::uint64_t x = w ^ (kEachByte * static_cast<unsigned char>(c));
  return ~(((x & ~kHighBits) + ~kHighBits) | x) & kHighBits;
}

// How many of the eight bytes at p, which follow a byte that is not white
// space, collapsing white space leaves as they are, and may copy in one
// piece: all eight when they are printable ASCII with no two spaces in a row
// and the last is no space; seven when the last is; else none.
int PlainBytes(const char* p) {
  const std::uint64_t w = LoadWord(p);
  const std::uint64_t spaces = BytesEqualTo(w, ' ');
  const bool plain = (w & kHighBits) == 0 && ((w - kEachByte * 0x20) & ~w & kHighBits) == 0 &&
                     (spaces & (spaces << 8)) == 0;
  return !plain ? 0 : p[7] == ' ' ? 7 : 8;
}

// The high bit of each byte of the eight at p, all ASCII, that is a word
// byte (a letter, a digit or '_'), byte i of p at bits 8i to 8i + 7.
std::uint64_t WordBytes(const char* p) {
  std::uint64_t w = LoadWord(p);
  if constexpr (std::endian::native == std::endian::big) w = __builtin_bswap64(w);
  // b + 0x80 - lo has its high bit set when b >= lo, b + 0x80 - hi - 1 when
  // b > hi; no sum carries into the next byte.
  auto in_range = [](std::uint64_t x, unsigned lo, unsigned hi) {
    return ((x + kEachByte * (0x80 - lo)) ^ (x + kEachByte * (0x80 - hi - 1))) & kHighBits;
  };
  const std::uint64_t underscore = w ^ (kEachByte * '_');  // zero where '_'
  return in_range(w | (kEachByte * 0x20), 'a', 'z') | in_range(w, '0', '9') |
         (~(((underscore & ~kHighBits) + ~kHighBits) | underscore) & kHighBits);
}

// AsciiRunEnd for the int32_t indices ICU's macros take.
int32_t AsciiEnd(std::string_view s, int32_t from) {
  return static_cast<int32_t>(AsciiRunEnd(s, static_cast<std::size_t>(from)));
}

// A C0 control character other than tab, newline, carriage return and form
// feed: text holds few of them, binary data many.
bool IsBinaryControl(char c) {
  return static_cast<unsigned char>(c) < 0x20 && c != '\t' && c != '\n' && c != '\r' &&
         c != '\f';
}


// Appends code point c (-1 for an ill-formed sequence, U+FFFD) lower-cased.
void AppendLower(UChar32 c, std::string* out) {
  if (c < 0) {
    out->append("\xEF\xBF\xBD");
  } else {
    AppendUtf8(u_tolower(c), out);
  }
}

bool IsSpace(UChar32 c) {
  if (c < 0x80) return (kAscii[static_cast<std::size_t>(c)] & kAsciiSpace) != 0;
  return u_isUWhiteSpace(c) || c == 0x200B || c == 0xFEFF;  // zero-width too
}

bool IsWordChar(UChar32 c) {
  if (c < 0x80) return (kAscii[static_cast<std::size_t>(c)] & kAsciiWord) != 0;
  return (U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_N_MASK | U_GC_M_MASK)) != 0;
}

// East Asian Width W or F (UAX #11): two columns in a monospace rendering.
bool IsWide(UChar32 c) {
  if (c < 0x1100) return false;  // none below the Hangul Jamo
  const auto width = u_getIntPropertyValue(c, UCHAR_EAST_ASIAN_WIDTH);
  return width == U_EA_WIDE || width == U_EA_FULLWIDTH;
}

// Adds code point c, not ASCII (-1 for an ill-formed sequence), to *counts.
void CountNonAscii(UChar32 c, CharCounts* counts) {
  ++counts->total;
  counts->wide += c >= 0 && IsWide(c);
  if (c < 0) {
    ++counts->other;
  } else if (IsSpace(c)) {
    ++counts->spaces;
  } else if (u_isalpha(c)) {
    ++counts->letters;
    if (u_isupper(c)) ++counts->upper;
  } else if (u_isdigit(c)) {
    ++counts->digits;
  } else {
    ++counts->other;
  }
}

// Decodes the code point at s[*i] and advances *i; ill-formed input gives -1.
inline UChar32 Next(std::string_view s, int32_t* i) {
  UChar32 c;
  U8_NEXT(s.data(), *i, static_cast<int32_t>(s.size()), c);
  return c;
}

}  // namespace

std::size_t AsciiRunEnd(std::string_view s, std::size_t from) {
  std::size_t i = from;
  while (i + 8 <= s.size() && (LoadWord(s.data() + i) & kHighBits) == 0) i += 8;
  while (i < s.size() && static_cast<unsigned char>(s[i]) < 0x80) ++i;
  return i;
}

void AppendLowerAscii(std::string_view run, std::string* out) {
  const std::size_t at = out->size();
  out->resize(at + run.size());
  char* to = out->data() + at;
  std::size_t k = 0;
  for (; k + 8 <= run.size(); k += 8) {
    // A byte b < 0x80 plus 0x80 - 'A' has its high bit set when b >= 'A',
    // plus 0x80 - 'Z' - 1 when b > 'Z'; no sum carries into the next byte.
    const std::uint64_t word = LoadWord(run.data() + k);
    const std::uint64_t upper =
        ((word + kEachByte * (0x80 - 'A')) ^ (word + kEachByte * (0x80 - 'Z' - 1))) & kHighBits;
    const std::uint64_t lower = word | (upper >> 2);  // 0x80 >> 2 is the case bit, 0x20
    std::memcpy(to + k, &lower, sizeof lower);
  }
  for (; k < run.size(); ++k) {
    const char b = run[k];
    to[k] = static_cast<char>(b >= 'A' && b <= 'Z' ? b + 32 : b);
  }
}

std::size_t PrintableAsciiRunEnd(std::string_view s, std::size_t from, char except) {
  std::size_t i = from;
  for (; i + 8 <= s.size(); i += 8) {
    // No high bit, no byte below 0x20 (w - 0x20 borrows there; a borrow may
    // mark the byte after one too, which only ends this loop early), none
    // that is 0x7F (where adding 1 to each byte's low seven bits sets its
    // high bit), and none that is except.
    const std::uint64_t w = LoadWord(s.data() + i);
    const std::uint64_t del = ((w & ~kHighBits) + kEachByte) & kHighBits;
    if (((w | ((w - kEachByte * 0x20) & ~w) | del | BytesEqualTo(w, except)) & kHighBits) != 0) break;
  }
  while (i < s.size() && s[i] >= 0x20 && s[i] < 0x7F && s[i] != except) ++i;
  return i;
}

bool IsValidUtf8(std::string_view s) {
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      i = AsciiEnd(s, i);
      continue;
    }
    if (Next(s, &i) < 0) return false;
  }
  return true;
}

std::string RepairUtf8(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    const int32_t start = i;
    if (static_cast<unsigned char>(s[i]) < 0x80) {
      ++i;
      out.push_back(s[start]);
      continue;
    }
    if (Next(s, &i) < 0) {
      out.append("\xEF\xBF\xBD");
    } else {
      out.append(s.data() + start, static_cast<std::size_t>(i - start));
    }
  }
  return out;
}

bool LooksBinary(std::string_view s) {
  const std::string_view probe = s.substr(0, kBinaryProbeBytes);
  if (probe.find('\0') != std::string_view::npos) return true;
  std::size_t controls = 0;
  std::size_t i = 0;
  for (; i + 8 <= probe.size(); i += 8) {
    // The bytes below 0x20, exactly: adding 0x60 to the low seven bits of
    // one sets its high bit unless it is below 0x20, without carrying. Most
    // are the line feeds and tabs of text, which one word's tests tell.
    const std::uint64_t w = LoadWord(probe.data() + i);
    const std::uint64_t below = ~((w & ~kHighBits) + kEachByte * 0x60) & ~w & kHighBits;
    if (below == 0) continue;
    const std::uint64_t text = BytesEqualTo(w, '\t') | BytesEqualTo(w, '\n') |
                               BytesEqualTo(w, '\r') | BytesEqualTo(w, '\f');
    if (const std::uint64_t binary = below & ~text; binary != 0) controls += std::popcount(binary);
  }
  for (; i < probe.size(); ++i) controls += IsBinaryControl(probe[i]);
  return controls * 10 > probe.size();
}

std::string_view TrimTrailingSpace(std::string_view s) {
  // Step back over whole code points.
  std::size_t end = s.size();
  while (end > 0) {
    int32_t begin = static_cast<int32_t>(end) - 1;
    while (begin > 0 && (static_cast<unsigned char>(s[begin]) & 0xC0) == 0x80) --begin;
    int32_t j = begin;
    UChar32 c = Next(s.substr(0, end), &j);
    if (c < 0 || !IsSpace(c)) break;
    end = static_cast<std::size_t>(begin);
  }
  return s.substr(0, end);
}

std::string_view TrimSpace(std::string_view s) {
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    int32_t next = i;
    UChar32 c = Next(s, &next);
    if (c < 0 || !IsSpace(c)) break;
    i = next;
  }
  s.remove_prefix(static_cast<std::size_t>(i));
  return TrimTrailingSpace(s);
}

std::string CollapseSpace(std::string_view s) {
  // The ideographic space (U+3000) is the word space of full-width text,
  // which CSS does not collapse either: alone between words it stays.
  static constexpr std::string_view kIdeographicSpace = "\xE3\x80\x80";
  std::string out;
  out.reserve(s.size());
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  // The end of the character at s[at] when it is a space, else at.
  auto space_end = [&s](int32_t at) {
    int32_t end = at;
    const UChar32 c = Next(s, &end);
    return c >= 0 && IsSpace(c) ? end : at;
  };
  auto ascii_non_space = [&s, n](int32_t at) {
    if (at >= n) return false;
    const auto b = static_cast<unsigned char>(s[at]);
    return b < 0x80 && (kAscii[b] & kAsciiSpace) == 0;
  };
  while (i < n) {
    const int32_t spaces = i;
    for (int32_t end; i < n && (end = space_end(i)) > i;) i = end;
    if (i == n) break;
    const bool lone_ideographic =
        s.substr(static_cast<std::size_t>(spaces), static_cast<std::size_t>(i - spaces)) ==
        kIdeographicSpace;
    // A run of non-space characters (ill-formed bytes among them) is copied
    // whole, and so are the single ASCII spaces between them that would stay
    // as they are: most lines are copied in one piece. Each step ends after
    // a character that is not white space.
    const int32_t run = i;
    while (i < n) {
      if (const int plain = i + 8 <= n ? PlainBytes(s.data() + i) : 0; plain > 0) {
        i += plain;
      } else if (ascii_non_space(i)) {
        ++i;
      } else if (s[i] == ' ' && ascii_non_space(i + 1)) {
        i += 2;
      } else if (const int32_t end = space_end(i); end == i) {
        Next(s, &i);
      } else {
        break;
      }
    }
    if (i > spaces && !out.empty()) out.append(lone_ideographic ? kIdeographicSpace : " ");
    out.append(s.data() + run, static_cast<std::size_t>(i - run));
  }
  return out;
}

std::string ToLower(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    if (const int32_t end = AsciiEnd(s, i); end > i) {
      AppendLowerAscii(s.substr(i, end - i), &out);
      i = end;
      continue;
    }
    AppendLower(Next(s, &i), &out);
  }
  return out;
}

std::vector<std::string_view> Words(std::string_view s) {
  std::vector<std::string_view> words;
  int32_t i = 0;
  int32_t word_start = -1;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    const int32_t start = i;
    bool word;
    if (const auto b = static_cast<unsigned char>(s[i]); b < 0x80) {
      ++i;
      word = (kAscii[b] & kAsciiWord) != 0;
    } else {
      const UChar32 c = Next(s, &i);
      word = c >= 0 && IsWordChar(c);
    }
    if (word && word_start < 0) word_start = start;
    if (!word && word_start >= 0) {
      words.push_back(s.substr(static_cast<std::size_t>(word_start),
                               static_cast<std::size_t>(start - word_start)));
      word_start = -1;
    }
  }
  if (word_start >= 0) words.push_back(s.substr(static_cast<std::size_t>(word_start)));
  return words;
}

bool StartsWithLowercase(std::string_view s) {
  int32_t i = 0;
  const UChar32 c = Next(s, &i);
  return c >= 0 && u_islower(c);
}

std::size_t CountCaseJoins(std::string_view s) {
  std::size_t joins = 0;
  bool after_lower = false;
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    const UChar32 c = Next(s, &i);
    const bool upper = c >= 0 && u_isupper(c);
    if (upper && after_lower) ++joins;
    after_lower = c >= 0 && u_islower(c);
  }
  return joins;
}

CharCounts CountChars(std::string_view s) {
  CharCounts counts;
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    // ASCII, most of most pages, without a call into ICU.
    if (const int32_t end = AsciiEnd(s, i); end > i) {
      CountAscii(s.substr(i, end - i), &counts);
      i = end;
      continue;
    }
    CountNonAscii(Next(s, &i), &counts);
  }
  return counts;
}

CharCounts ScanLine(std::string_view s, std::string* lowered, std::vector<ScannedWord>* words) {
  CharCounts counts;
  words->clear();
  constexpr std::size_t kNoWord = static_cast<std::size_t>(-1);
  std::size_t word_begin = kNoWord;  // in *lowered, of the word being read
  std::size_t word_wide = 0;         // its wide letters
  auto end_word = [&](std::size_t end) {
    if (word_begin == kNoWord) return;
    words->push_back({word_begin, end, std::max<std::size_t>(1, word_wide)});
    word_begin = kNoWord;
  };
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    if (const int32_t end = AsciiEnd(s, i); end > i) {
      const std::string_view run = s.substr(i, end - i);
      const std::size_t at = lowered->size();  // where run's lowered bytes go
      AppendLowerAscii(run, lowered);
      CountAscii(run, &counts);
      std::size_t k = 0;
      // Eight bytes at a time, a branch a word begun or ended rather than a
      // branch a byte: the bytes where a word begins or ends are where the
      // word bytes differ from the bytes before them.
      for (; k + 8 <= run.size(); k += 8) {
        const std::uint64_t word = WordBytes(run.data() + k);
        const std::uint64_t before = (word << 8) | (word_begin != kNoWord ? 0x80 : 0);
        for (std::uint64_t changes = word ^ before; changes != 0; changes &= changes - 1) {
          const std::size_t at_change = at + k + std::countr_zero(changes) / 8;
          if (word_begin == kNoWord) {
            word_begin = at_change;
            word_wide = 0;
          } else {
            end_word(at_change);
          }
        }
      }
      for (; k < run.size(); ++k) {
        const bool word = (kAscii[static_cast<unsigned char>(run[k])] & kAsciiWord) != 0;
        if (word && word_begin == kNoWord) {
          word_begin = at + k;
          word_wide = 0;
        } else if (!word) {
          end_word(at + k);
        }
      }
      i = end;
      continue;
    }
    const UChar32 c = Next(s, &i);
    CountNonAscii(c, &counts);
    if (c >= 0 && IsWordChar(c)) {
      if (word_begin == kNoWord) {
        word_begin = lowered->size();
        word_wide = 0;
      }
      word_wide += IsWide(c) && u_isalpha(c);
    } else {
      end_word(lowered->size());
    }
    AppendLower(c, lowered);
  }
  end_word(lowered->size());
  return counts;
}

std::size_t WordWeight(std::string_view s) {
  std::size_t wide = 0;
  int32_t i = 0;
  const auto n = static_cast<int32_t>(s.size());
  while (i < n) {
    // Every wide character is U+1100 or above: three bytes or more in UTF-8.
    if (static_cast<unsigned char>(s[i]) < 0xE1) {
      ++i;
      continue;
    }
    const UChar32 c = Next(s, &i);
    wide += c >= 0 && IsWide(c) && u_isalpha(c);
  }
  return std::max<std::size_t>(1, wide);
}

}  // namespace pith
