// The body metric of ../shared/eval/score.py, in C++: bag-of-words token
// precision, recall and F1 of an extracted body against its truth.
//
// A token is a match of the regex \w+ as Python's re module reads it, then
// lower-cased as Python's str.lower does. A word character is '_' or one that
// Python's str.isalnum accepts: a letter (general category L*) or a character
// with a numeric value (Nd, Nl, No and the CJK numerals). Combining marks are
// not word characters, so they split words, exactly as in score.py.
//
// score.py runs under Python 3.11, whose character tables are Unicode 14.0;
// characters assigned after 14.0 are therefore not word characters here either,
// whatever Unicode version the linked ICU knows. With that, the tokens agree
// with Python's on every code point (checked over the whole code space).
//
// Ill-formed UTF-8 in a prediction splits words, as the U+FFFD that score.py
// decodes it to does; nothing is ever dropped silently.

#ifndef PITH_BENCH_TOKEN_METRIC_H_
#define PITH_BENCH_TOKEN_METRIC_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace pith::eval {

// The score of one prediction against its truth, with the token counts it was
// computed from.
struct Prf {
  double precision = 0;
  double recall = 0;
  double f1 = 0;
  std::size_t truth_tokens = 0;
  std::size_t pred_tokens = 0;
};

// The lower-cased tokens of text, in order, with repeats.
std::vector<std::string> MetricTokens(std::string_view text);

// Token P/R/F1 of pred against truth, as score.py's bag_prf: tp is the sum
// over distinct tokens of min(count in truth, count in pred); P = tp/|pred|,
// R = tp/|truth|, F1 = 2PR/(P+R), or 0 when tp is 0. When both sides have no
// token all three are 1; when exactly one side has none all three are 0.
Prf ScoreTokens(std::string_view truth, std::string_view pred);

}  // namespace pith::eval

#endif  // PITH_BENCH_TOKEN_METRIC_H_
