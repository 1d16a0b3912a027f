#define BOOST_TEST_MODULE token_metric
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "bench/token_metric.h"

namespace {

using pith::eval::MetricTokens;
using pith::eval::Prf;
using pith::eval::ScoreTokens;
using Tokens = std::vector<std::string>;

void CheckPrf(const Prf& prf, double precision, double recall, double f1) {
  BOOST_TEST(prf.precision == precision, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(prf.recall == recall, boost::test_tools::tolerance(1e-12));
  BOOST_TEST(prf.f1 == f1, boost::test_tools::tolerance(1e-12));
}

}  // namespace

BOOST_AUTO_TEST_CASE(both_sides_without_tokens_score_one) {
  CheckPrf(ScoreTokens("", ""), 1, 1, 1);
  // Punctuation and white space alone hold no token either.
  CheckPrf(ScoreTokens(" \n", "-- ... !"), 1, 1, 1);
}

BOOST_AUTO_TEST_CASE(one_side_without_tokens_scores_zero) {
  const Prf empty_pred = ScoreTokens("some words", "   ");
  CheckPrf(empty_pred, 0, 0, 0);
  BOOST_TEST(empty_pred.truth_tokens == 2u);
  BOOST_TEST(empty_pred.pred_tokens == 0u);
  CheckPrf(ScoreTokens("", "some words"), 0, 0, 0);
}

BOOST_AUTO_TEST_CASE(disjoint_tokens_score_zero) {
  const Prf prf = ScoreTokens("alpha beta", "gamma");
  CheckPrf(prf, 0, 0, 0);
  BOOST_TEST(prf.pred_tokens == 1u);
}

BOOST_AUTO_TEST_CASE(repeated_tokens_count_with_multiplicity) {
  // truth {a:3, b:1}, pred {a:1, b:2}: tp = min(3,1) + min(1,2) = 2.
  const Prf prf = ScoreTokens("a a a b", "a b b");
  BOOST_TEST(prf.truth_tokens == 4u);
  BOOST_TEST(prf.pred_tokens == 3u);
  // P = 2/3, R = 2/4, F1 = 2PR/(P+R) = (2/3)/(7/6) = 4/7.
  CheckPrf(prf, 2.0 / 3, 0.5, 4.0 / 7);
}

BOOST_AUTO_TEST_CASE(word_order_does_not_matter) {
  CheckPrf(ScoreTokens("one two three", "three one two"), 1, 1, 1);
}

BOOST_AUTO_TEST_CASE(case_is_ignored) {
  CheckPrf(ScoreTokens("Hello WORLD", "hello world"), 1, 1, 1);
  BOOST_TEST(MetricTokens("MiXeD") == Tokens({"mixed"}));
}

BOOST_AUTO_TEST_CASE(punctuation_splits_words) {
  BOOST_TEST(MetricTokens("don't") == Tokens({"don", "t"}));
  BOOST_TEST(MetricTokens("e-mail") == Tokens({"e", "mail"}));
  BOOST_TEST(MetricTokens("3.14, (x)") == Tokens({"3", "14", "x"}));
  BOOST_TEST(MetricTokens("a\u00a0b\u2014c") == Tokens({"a", "b", "c"}));  // NBSP, em dash
}

BOOST_AUTO_TEST_CASE(underscore_and_digits_are_word_characters) {
  BOOST_TEST(MetricTokens("snake_case_2 _x_ 2024") == Tokens({"snake_case_2", "_x_", "2024"}));
}

BOOST_AUTO_TEST_CASE(cyrillic_and_accented_latin_are_words) {
  BOOST_TEST(MetricTokens("Привет, Мир!") == Tokens({"привет", "мир"}));
  BOOST_TEST(MetricTokens("Ça DÉJÀ été") == Tokens({"ça", "déjà", "été"}));
}

BOOST_AUTO_TEST_CASE(cjk_runs_are_one_word_until_punctuation) {
  // \w+ has no notion of CJK word boundaries: a run of ideographs is a token.
  BOOST_TEST(MetricTokens("北京欢迎你。你好") == Tokens({"北京欢迎你", "你好"}));
  BOOST_TEST(MetricTokens("カタカナー") == Tokens({"カタカナー"}));
}

BOOST_AUTO_TEST_CASE(numeric_characters_of_every_kind_are_word_characters) {
  // Arabic-Indic digits (Nd), superscript two and one half (No), Roman twelve (Nl).
  BOOST_TEST(MetricTokens("٣٤ x² ½ Ⅻ") == Tokens({"٣٤", "x²", "½", "ⅻ"}));
}

BOOST_AUTO_TEST_CASE(combining_marks_split_words_as_in_python) {
  // A decomposed é is e + U+0301; Python's \w does not match the mark.
  BOOST_TEST(MetricTokens("cafe\u0301s") == Tokens({"cafe", "s"}));
  // Devanagari vowel signs (Mc) split a Hindi word the same way.
  BOOST_TEST(MetricTokens("किताब") == Tokens({"क", "त", "ब"}));
}

BOOST_AUTO_TEST_CASE(lower_casing_is_full_and_context_sensitive) {
  BOOST_TEST(MetricTokens("ΟΔΟΣ ΣΑΣ") == Tokens({"οδος", "σας"}));  // final sigma
  BOOST_TEST(MetricTokens("İstanbul") == Tokens({"i\u0307stanbul"}));  // one to two code points
  BOOST_TEST(MetricTokens("STRAẞE") == Tokens({"straße"}));
}

BOOST_AUTO_TEST_CASE(ill_formed_utf8_splits_words) {
  BOOST_TEST(MetricTokens("ab\xff" "cd\xe2\x82" "ef") == Tokens({"ab", "cd", "ef"}));
  // A truncated sequence at the very end is dropped, not read past.
  BOOST_TEST(MetricTokens("ab\xc3") == Tokens({"ab"}));
}

BOOST_AUTO_TEST_CASE(characters_newer_than_python_tables_are_not_word_characters) {
  // U+11F04 KAWI LETTER A came in Unicode 15.0, after Python 3.11's 14.0.
  BOOST_TEST(MetricTokens("a\U00011F04b") == Tokens({"a", "b"}));
}

BOOST_AUTO_TEST_CASE(emoji_and_symbols_are_not_words) {
  BOOST_TEST(MetricTokens("I ❤ C++ 😀ok") == Tokens({"i", "c", "ok"}));
}
