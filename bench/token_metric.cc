#include "bench/token_metric.h"

#include <unicode/bytestream.h>
#include <unicode/casemap.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdint>

namespace pith::eval {
namespace {

// The Unicode major version of Python 3.11's character tables, which is what
// score.py's regex sees (see the header).
constexpr std::uint8_t kPythonUnicodeMajor = 14;

bool IsWordChar(UChar32 c) {
  if (c < 0x80) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
           (c >= '0' && c <= '9') || c == '_';
  }
  UVersionInfo age;
  u_charAge(c, age);
  if (age[0] > kPythonUnicodeMajor) return false;
  return u_isalpha(c) ||
         u_getIntPropertyValue(c, UCHAR_NUMERIC_TYPE) != U_NT_NONE;
}

// Python's str.lower of one token: full case mappings of the root locale,
// with the context-sensitive final sigma that both implement.
std::string Lower(std::string_view word, bool ascii) {
  std::string out;
  if (ascii) {
    out.assign(word);
    for (char& ch : out) {
      if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    }
    return out;
  }
  out.reserve(word.size());
  icu::StringByteSink<std::string> sink(&out);
  UErrorCode error = U_ZERO_ERROR;
  icu::CaseMap::utf8ToLower("", 0,
                            icu::StringPiece(word.data(), static_cast<int32_t>(word.size())),
                            sink, nullptr, error);
  // Cannot fail: word is well-formed UTF-8 and the sink grows as needed.
  return out;
}

}  // namespace

std::vector<std::string> MetricTokens(std::string_view text) {
  constexpr std::size_t kNone = std::string_view::npos;
  std::vector<std::string> tokens;
  const auto* s = reinterpret_cast<const std::uint8_t*>(text.data());
  const std::size_t n = text.size();
  std::size_t start = kNone;  // first byte of the word being read
  bool ascii = true;
  for (std::size_t i = 0; i < n;) {
    const std::size_t at = i;
    UChar32 c;
    U8_NEXT(s, i, n, c);  // c < 0 on ill-formed input: a separator
    if (c >= 0 && IsWordChar(c)) {
      if (start == kNone) {
        start = at;
        ascii = true;
      }
      ascii = ascii && c < 0x80;
    } else if (start != kNone) {
      tokens.push_back(Lower(text.substr(start, at - start), ascii));
      start = kNone;
    }
  }
  if (start != kNone) tokens.push_back(Lower(text.substr(start), ascii));
  return tokens;
}

Prf ScoreTokens(std::string_view truth, std::string_view pred) {
  std::vector<std::string> t = MetricTokens(truth);
  std::vector<std::string> p = MetricTokens(pred);
  Prf prf;
  prf.truth_tokens = t.size();
  prf.pred_tokens = p.size();
  if (t.empty() && p.empty()) {
    prf.precision = prf.recall = prf.f1 = 1;
    return prf;
  }
  if (t.empty() || p.empty()) return prf;

  // The multiset intersection of two sorted sequences has sum(min(count))
  // elements, which is tp.
  std::sort(t.begin(), t.end());
  std::sort(p.begin(), p.end());
  std::size_t tp = 0;
  for (auto ti = t.begin(), pi = p.begin(); ti != t.end() && pi != p.end();) {
    if (*ti < *pi) {
      ++ti;
    } else if (*pi < *ti) {
      ++pi;
    } else {
      ++tp;
      ++ti;
      ++pi;
    }
  }
  prf.precision = static_cast<double>(tp) / static_cast<double>(p.size());
  prf.recall = static_cast<double>(tp) / static_cast<double>(t.size());
  // Evaluated in score.py's order so the doubles agree to the last bit.
  if (tp > 0) prf.f1 = 2 * prf.precision * prf.recall / (prf.precision + prf.recall);
  return prf;
}

}  // namespace pith::eval
