#define BOOST_TEST_MODULE word_table
#include <boost/test/unit_test.hpp>

#include <string>

#include "clean/word_table.h"

using namespace pith;

// The table grows as words are added: every word stays found under its
// number, and no other (a prefix, a longer word, a word of the same hash
// slot) is.
BOOST_AUTO_TEST_CASE(finds_exactly_its_words_by_number_as_it_grows) {
  WordTable table;
  BOOST_TEST(table.empty());
  BOOST_TEST(!table.Contains("w1"));
  for (int i = 0; i < 1000; ++i) {
    const std::string word = "w" + std::to_string(i);
    BOOST_TEST_REQUIRE(table.Add(word) == static_cast<std::size_t>(i));
    BOOST_TEST_REQUIRE(table.Add(word) == static_cast<std::size_t>(i));  // again: no second copy
    BOOST_TEST_REQUIRE(table.Add("") == WordTable::kMissing);
    BOOST_TEST_REQUIRE(table.Find(word) == static_cast<std::size_t>(i));
  }
  BOOST_TEST(table.size() == 1000u);
  for (int i = 0; i < 1000; ++i) {
    BOOST_TEST_REQUIRE(table.Find("w" + std::to_string(i)) == static_cast<std::size_t>(i));
  }
  for (int i = 1000; i < 3000; ++i) BOOST_TEST_REQUIRE(!table.Contains("w" + std::to_string(i)));
  BOOST_TEST(!table.Contains("w"));
  BOOST_TEST(!table.Contains(""));
  BOOST_TEST(!table.Contains("w1x"));
  table.Add("та");
  BOOST_TEST(table.Contains("та"));
  BOOST_TEST(!table.Contains("т"));
}

// Words are read eight bytes at a time: words of eight bytes and more, and
// words that differ only in their last byte or past the eighth, are told
// apart.
BOOST_AUTO_TEST_CASE(tells_apart_words_that_differ_past_eight_bytes) {
  WordTable table;
  const std::string long_words[] = {"abcdefgh", "abcdefghi", "abcdefghij", "abcdefghijklmnop",
                                    "abcdefghijklmnopq", "abcdefghijklmnopr"};
  for (const std::string& w : long_words) table.Add(w);
  for (std::size_t i = 0; i < std::size(long_words); ++i) BOOST_TEST(table.Find(long_words[i]) == i);
  BOOST_TEST(!table.Contains("abcdefg"));
  BOOST_TEST(!table.Contains("abcdefgx"));
  BOOST_TEST(!table.Contains("abcdefghijklmnoq"));
  BOOST_TEST(!table.Contains("abcdefghijklmnops"));
}

// FindPadded reads past the word but not the bytes it reads there: a word
// followed by other letters is found as itself.
BOOST_AUTO_TEST_CASE(find_padded_ignores_the_bytes_after_the_word) {
  WordTable table;
  table.Add("the");
  table.Add("them");
  table.Add("abcdefghij");
  const std::string line = "themselves the them abcdefghijk" + std::string(WordTable::kPadding, ' ');
  BOOST_TEST(table.FindPadded(std::string_view(line).substr(0, 3)) == 0u);  // "the", then "mselves"
  BOOST_TEST(table.FindPadded(std::string_view(line).substr(0, 4)) == 1u);
  BOOST_TEST(table.FindPadded(std::string_view(line).substr(0, 5)) == WordTable::kMissing);
  BOOST_TEST(table.FindPadded(std::string_view(line).substr(11, 3)) == 0u);
  BOOST_TEST(table.FindPadded(std::string_view(line).substr(20, 10)) == 2u);
  BOOST_TEST(table.FindPadded(std::string_view(line).substr(20, 11)) == WordTable::kMissing);
}
