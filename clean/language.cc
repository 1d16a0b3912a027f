#include "clean/language.h"

#include <unicode/utf8.h>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>  // compact_lang_det.h uses FILE without including <cstdio>
#include <optional>

#include "cld2/public/compact_lang_det.h"
#include "cld2/public/encodings.h"
#include "clean/text_util.h"

namespace pith {
namespace {

// CLD2's verdict on a page is settled long before 64 KiB of text; the cap
// bounds the time spent on huge pages.
constexpr std::size_t kMaxExaminedBytes = 64 * 1024;
// A few KB of prose settle it too, and a page's menus, link lists and bylines
// only add noise: lines of kProseLineBytes or more count as prose, and at most
// kProseSampleBytes of them are read first. Reading whole dumps was a quarter
// of their cleaning time.
constexpr std::size_t kProseLineBytes = 80;
constexpr std::size_t kProseSampleBytes = 4096;
// Less prose than this is too little to go by alone.
constexpr std::size_t kMinProseSampleBytes = 1024;
// But the opening prose, this much of it, is taken alone when CLD2 is sure of
// it and finds this share of it in one language. On the dev set this changed
// two answers of 2,762, both for the better: English articles under Spanish
// comments, which the 4 KiB sample read as Spanish. It makes CLD2's share of
// cleaning a dump half what it was.
constexpr std::size_t kOpeningSampleBytes = 512;
constexpr int kOpeningMinPercent = 95;

// True for the code points CLD2 accepts as interchange-valid. A single other
// one makes CLD2 reject the whole buffer, and scraped text often carries
// some (C1 controls from windows-1252 pages decoded as Latin-1). The set was
// checked against CLD2 itself for every Unicode scalar value.
bool Cld2Accepts(UChar32 c) {
  if (c < 0x20) return c == '\t' || c == '\n' || c == '\f' || c == '\r';
  if (c >= 0x7F && c <= 0x9F) return false;
  if (c >= 0xFDD0 && c <= 0xFDEF) return false;
  return (c & 0xFFFE) != 0xFFFE;
}

// The first kMaxExaminedBytes of text, cut before a partial character, with
// each ill-formed UTF-8 sequence and each code point CLD2 refuses replaced by
// one space.
std::string PrepareForCld2(std::string_view text) {
  std::size_t n = std::min(text.size(), kMaxExaminedBytes);
  while (n > 0 && n < text.size() && U8_IS_TRAIL(text[n])) --n;
  std::string out;
  out.reserve(n);
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(n);
  int32_t accepted = 0;  // where the accepted bytes not yet copied begin
  int32_t i = 0;
  const std::string_view examined = text.substr(0, n);
  while (i < length) {
    // Printable ASCII, most of the text, is accepted as it is.
    i = static_cast<int32_t>(PrintableAsciiRunEnd(examined, static_cast<std::size_t>(i)));
    if (i == length) break;
    const int32_t start = i;
    UChar32 c = bytes[i];
    if (c < 0x80) {
      ++i;
    } else {
      U8_NEXT(bytes, i, length, c);
    }
    if (c < 0 || !Cld2Accepts(c)) {
      out.append(text.substr(accepted, start - accepted));
      out.push_back(' ');
      accepted = i;
    }
  }
  out.append(text.substr(accepted, length - accepted));
  return out;
}

// The prose lines of text (kProseLineBytes or longer) in page order, one per
// line, until they reach limit bytes.
std::string ProseSample(std::string_view text, std::size_t limit = kProseSampleBytes) {
  std::string sample;
  std::size_t pos = 0;
  while (pos < text.size() && sample.size() < limit) {
    std::size_t eol = text.find('\n', pos);
    if (eol == std::string_view::npos) eol = text.size();
    if (eol - pos >= kProseLineBytes) {
      sample.append(text.substr(pos, eol - pos));
      sample.push_back('\n');
    }
    pos = eol + 1;
  }
  return sample;
}

// The ISO 639-1 code of a CLD2 language, or "" when it has none.
std::string Iso639_1(CLD2::Language language) {
  std::string_view code = CLD2::LanguageCode(language);
  code = code.substr(0, code.find('-'));  // "zh-Hant", "sr-ME"
  // CLD2 still uses the codes ISO withdrew for Hebrew and Javanese.
  if (code == "iw") return "he";
  if (code == "jw") return "jv";
  const bool two_letters = code.size() == 2 &&
                           std::all_of(code.begin(), code.end(), [](char ch) {
                             return ch >= 'a' && ch <= 'z';
                           });
  // "un" is UNKNOWN_LANGUAGE; "xx-Latn" and the like name a script only.
  if (!two_letters || code == "un" || code == "xx") return "";
  return std::string(code);
}

// CLD2's answer for text (at most its first kMaxExaminedBytes), or nothing
// when CLD2 says it is not reliable or finds less than min_percent of the text
// in that language.
std::optional<CLD2::Language> Detect(std::string_view text, int min_percent = 0) {
  const std::string prepared = PrepareForCld2(text);
  const CLD2::CLDHints hints = {nullptr, "", CLD2::UNKNOWN_ENCODING,
                                CLD2::UNKNOWN_LANGUAGE};
  CLD2::Language language3[3];
  int percent3[3];
  double normalized_score3[3];
  int text_bytes = 0;
  bool is_reliable = false;
  int valid_prefix_bytes = 0;
  // The checking variant although the input is already clean: on input the
  // check would refuse, the unchecked variants' behaviour is undefined.
  const CLD2::Language language = CLD2::ExtDetectLanguageSummaryCheckUTF8(
      prepared.data(), static_cast<int>(prepared.size()),
      /*is_plain_text=*/true, &hints, /*flags=*/0, language3, percent3,
      normalized_score3, /*resultchunkvector=*/nullptr, &text_bytes,
      &is_reliable, &valid_prefix_bytes);
  if (!is_reliable || percent3[0] < min_percent) return std::nullopt;
  return language;
}

}  // namespace

std::string DetectLanguage(std::string_view text) {
  // A sample that leaves CLD2 unsure (a page of quotes in several languages)
  // gives way to the whole text, as does a page with little prose.
  // CLD2's time grows with what it reads, and the opening prose most often
  // settles it alone.
  std::string opening = ProseSample(text, kOpeningSampleBytes);
  if (opening.size() >= kOpeningSampleBytes) {
    std::size_t cut = kOpeningSampleBytes;  // not inside a character
    while (cut > 0 && U8_IS_TRAIL(opening[cut])) --cut;
    opening.resize(cut);
    if (const auto language = Detect(opening, kOpeningMinPercent)) return Iso639_1(*language);
  }
  std::optional<CLD2::Language> language;
  const std::string sample = ProseSample(text);
  if (sample.size() >= kMinProseSampleBytes) language = Detect(sample);
  if (!language) language = Detect(text);
  return language ? Iso639_1(*language) : "";
}

}  // namespace pith
