#define BOOST_TEST_MODULE text_util
#include <boost/test/unit_test.hpp>

#include <cctype>
#include <string>
#include <string_view>
#include <vector>

#include "clean/text_util.h"

using namespace pith;

BOOST_AUTO_TEST_CASE(valid_utf8_is_recognised) {
  BOOST_TEST(IsValidUtf8("plain ascii"));
  BOOST_TEST(IsValidUtf8("Київ, Zürich, 東京"));
  BOOST_TEST(!IsValidUtf8("bad \xC3 byte"));
  BOOST_TEST(!IsValidUtf8("overlong \xC0\xAF"));
  BOOST_TEST(!IsValidUtf8("surrogate \xED\xA0\x80"));
}

BOOST_AUTO_TEST_CASE(ill_formed_sequences_are_replaced_not_dropped) {
  BOOST_TEST(RepairUtf8("a\xFF" "b") == "a\xEF\xBF\xBD" "b");
  BOOST_TEST(RepairUtf8("cut \xE2\x82") == "cut \xEF\xBF\xBD");
  BOOST_TEST(RepairUtf8("ok ї") == "ok ї");
  BOOST_TEST(IsValidUtf8(RepairUtf8("\x80\x80\xC3(\xF5\x80")));
}

BOOST_AUTO_TEST_CASE(binary_data_is_told_from_text) {
  BOOST_TEST(LooksBinary(std::string("PK\x03\x04\0\0", 6)));
  BOOST_TEST(LooksBinary("\x01\x02\x03\x04\x05\x06\x07\x08 abc"));
  BOOST_TEST(!LooksBinary("Line one\r\n\tLine two\f"));
  BOOST_TEST(!LooksBinary(""));
  // Controls are counted wherever they stand, eight bytes read at a time.
  for (const char control : {'\x01', '\x1F', '\x0B', '\x1B'}) {
    std::string text(1000, 'a');
    for (std::size_t i = 3; i < text.size(); i += 11) text[i] = control;  // 9%
    BOOST_TEST(!LooksBinary(text));
    for (std::size_t i = 5; i < text.size(); i += 11) text[i] = control;  // 18%
    BOOST_TEST(LooksBinary(text));
  }
  BOOST_TEST(!LooksBinary(std::string(1000, '\n') + std::string(1000, '\t')));
  // Text's own controls beside others in one word count for nothing.
  std::string lines(1000, 'a');
  for (std::size_t i = 0; i + 1 < lines.size(); i += 8) {
    lines[i] = '\n';
    lines[i + 1] = '\r';
  }
  for (std::size_t i = 2; i < lines.size(); i += 16) lines[i] = '\x02';  // 6%
  BOOST_TEST(!LooksBinary(lines));
  for (std::size_t i = 10; i < lines.size(); i += 16) lines[i] = '\x02';  // 12%
  BOOST_TEST(LooksBinary(lines));
}

BOOST_AUTO_TEST_CASE(space_is_trimmed_and_collapsed_including_nbsp) {
  BOOST_TEST(TrimSpace("  \t x y \xC2\xA0\n") == "x y");
  BOOST_TEST(TrimSpace("\xC2\xA0") == "");
  BOOST_TEST(CollapseSpace(" a \t\xC2\xA0 b\n\nc ") == "a b c");
  BOOST_TEST(CollapseSpace("") == "");
}

// The single spaces between words are copied with them, the rest collapsed.
BOOST_AUTO_TEST_CASE(single_spaces_between_words_stay_among_runs_to_collapse) {
  BOOST_TEST(CollapseSpace("one two  three\t four \xC2\xA0 \xC3\xA9 f\xC3\xBCnf x ") ==
             "one two three four \xC3\xA9 f\xC3\xBCnf x");
  BOOST_TEST(CollapseSpace(" a b") == "a b");
  BOOST_TEST(CollapseSpace("a \n") == "a");
  // Nothing past the end of the view is read: a line of a longer text.
  BOOST_TEST(CollapseSpace(std::string_view("ab \nx").substr(0, 3)) == "ab");
}

// Runs are read eight bytes at a time where no white space in them changes:
// every ASCII byte, at every place in a word, collapses as the C locale's
// white space would.
BOOST_AUTO_TEST_CASE(collapsing_ascii_agrees_with_splitting_at_white_space) {
  auto reference = [](const std::string& s) {
    std::string out, word;
    for (const char c : s + ' ') {
      if (!std::isspace(static_cast<unsigned char>(c))) {
        word.push_back(c);
      } else if (!word.empty()) {
        out += (out.empty() ? "" : " ") + word;
        word.clear();
      }
    }
    return out;
  };
  for (int c = 1; c < 128; ++c) {
    const std::string one(1, static_cast<char>(c));
    for (std::size_t shift = 0; shift < 9; ++shift) {
      const std::string s = std::string(shift, 'x') + one + " y" + one + one + "zzzzzzzz ab  w" +
                            one + "cdefghij" + one;
      BOOST_TEST(CollapseSpace(s) == reference(s), "byte " << c << ", shift " << shift);
    }
  }
}

BOOST_AUTO_TEST_CASE(a_lone_ideographic_space_between_words_stays) {
  BOOST_TEST(CollapseSpace("廃校に\u3000川霧町で") == "廃校に\u3000川霧町で");
  BOOST_TEST(CollapseSpace("\u3000a \u3000b\u3000\u3000c\u3000") == "a b c");
}

BOOST_AUTO_TEST_CASE(lowering_handles_cyrillic_and_accents) {
  BOOST_TEST(ToLower("HUNGARY Won'T") == "hungary won't");
  BOOST_TEST(ToLower("ЧИТАЙТЕ ТАКОЖ Її") == "читайте також її");
  BOOST_TEST(ToLower("À LIRE AUSSİ") != "");
  BOOST_TEST(ToLower("ÉTÉ Ñandú") == "été ñandú");
}

BOOST_AUTO_TEST_CASE(words_are_unicode_word_runs) {
  const auto w = Words("Don't stop — Київ's 2024 e-mail_x, 東京!");
  const std::vector<std::string_view> want = {"Don", "t", "stop", "Київ", "s", "2024",
                                              "e", "mail_x", "東京"};
  BOOST_TEST(w == want, boost::test_tools::per_element());
  BOOST_TEST(Words("  ... !!! ").empty());
}

BOOST_AUTO_TEST_CASE(characters_are_counted_by_class) {
  const CharCounts c = CountChars("AbÇ 12, ї!");
  BOOST_TEST(c.letters == 4u);
  BOOST_TEST(c.upper == 2u);
  BOOST_TEST(c.digits == 2u);
  BOOST_TEST(c.spaces == 2u);
  BOOST_TEST(c.other == 2u);
  BOOST_TEST(c.total == 10u);
}

BOOST_AUTO_TEST_CASE(wide_characters_are_counted_for_their_two_columns) {
  // Han, kana and fullwidth punctuation are wide; Latin, Arabic and the
  // half-width katakana are not.
  BOOST_TEST(CountChars("東京、ｶﾅ abc سلام").wide == 3u);
  BOOST_TEST(CountChars("plain text").wide == 0u);
}

BOOST_AUTO_TEST_CASE(wide_letters_stand_for_words_in_unspaced_scripts) {
  BOOST_TEST(WordWeight("6月12日上午") == 4u);
  BOOST_TEST(WordWeight("ひがし学舎") == 5u);
  BOOST_TEST(WordWeight("Київ") == 1u);
  BOOST_TEST(WordWeight("سلام") == 1u);
}

BOOST_AUTO_TEST_CASE(lowercase_start_is_told_in_any_script) {
  BOOST_TEST(StartsWithLowercase("bleibt das Becken"));
  BOOST_TEST(StartsWithLowercase("їжак"));
  BOOST_TEST(!StartsWithLowercase("Waldbad"));
  BOOST_TEST(!StartsWithLowercase("«Ми"));
  BOOST_TEST(!StartsWithLowercase(""));
}

BOOST_AUTO_TEST_CASE(case_joins_show_glued_text) {
  BOOST_TEST(CountCaseJoins("Diario de la SierraMiércoles, 12 de junioSuscríbete") == 2u);
  BOOST_TEST(CountCaseJoins("An ordinary Headline With Capitals") == 0u);
  BOOST_TEST(CountCaseJoins("The new iPhone") == 1u);
  BOOST_TEST(CountCaseJoins("ПортадаЛокальні") == 1u);
}

// ASCII is classified by a table: every byte must get the class the C
// locale (and ICU, for ASCII) gives it, whatever surrounds it.
BOOST_AUTO_TEST_CASE(every_ascii_byte_is_classified_as_icu_has_it) {
  for (int c = 1; c < 128; ++c) {
    BOOST_TEST_CONTEXT("byte " << c) {
      const std::string one(1, static_cast<char>(c));
      const CharCounts counts = CountChars(one);
      BOOST_TEST(counts.total == 1u);
      BOOST_TEST(counts.spaces == (std::isspace(c) ? 1u : 0u));
      BOOST_TEST(counts.letters == (std::isalpha(c) ? 1u : 0u));
      BOOST_TEST(counts.upper == (std::isupper(c) ? 1u : 0u));
      BOOST_TEST(counts.digits == (std::isdigit(c) ? 1u : 0u));
      BOOST_TEST(counts.other == (std::isspace(c) || std::isalnum(c) ? 0u : 1u));
      const bool word = std::isalnum(c) || c == '_';
      BOOST_TEST(Words("ab" + one + "cd").size() == (word ? 1u : 2u));
      BOOST_TEST(ToLower("Ж" + one + "É") == "ж" + std::string(1, static_cast<char>(std::tolower(c))) + "é");
      BOOST_TEST(CollapseSpace("a" + one + "b") == (std::isspace(c) ? "a b" : "a" + one + "b"));
    }
  }
}

BOOST_AUTO_TEST_CASE(lowering_switches_between_ascii_runs_and_other_letters) {
  BOOST_TEST(ToLower("ÀBC DÉF Ω-XYZ ÆØ") == "àbc déf ω-xyz æø");
  BOOST_TEST(ToLower("") == "");
  BOOST_TEST(ToLower("ONLY ASCII, 123!") == "only ascii, 123!");
}

// Long ASCII runs are lowered eight bytes at a time: every byte, at every
// place in a word, is lowered as the C locale has it (and only letters).
BOOST_AUTO_TEST_CASE(long_ascii_runs_are_lowered_byte_for_byte) {
  for (std::size_t shift = 0; shift < 8; ++shift) {
    std::string all(shift, 'Q');
    for (int c = 1; c < 128; ++c) all.push_back(static_cast<char>(c));
    std::string expected = all;
    for (char& c : expected) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    BOOST_TEST(ToLower(all) == expected);
    BOOST_TEST(ToLower(all + "\xC3\x89" + all) == expected + "\xC3\xA9" + expected);
  }
}

namespace {

// Checks that ScanLine(line), appended after the text already in *lowered,
// gives what CountChars, Words, WordWeight and ToLower give separately.
void CheckScanLine(const std::string& line, std::string* lowered) {
  std::vector<ScannedWord> words;
  const std::size_t at = lowered->size();
  const CharCounts scanned = ScanLine(line, lowered, &words);
  const CharCounts counted = CountChars(line);
  BOOST_TEST(scanned.total == counted.total);
  BOOST_TEST(scanned.letters == counted.letters);
  BOOST_TEST(scanned.upper == counted.upper);
  BOOST_TEST(scanned.digits == counted.digits);
  BOOST_TEST(scanned.spaces == counted.spaces);
  BOOST_TEST(scanned.other == counted.other);
  BOOST_TEST(scanned.wide == counted.wide);
  BOOST_TEST(lowered->substr(at) == ToLower(line));
  const std::vector<std::string_view> expected = Words(line);
  BOOST_TEST_REQUIRE(words.size() == expected.size());
  for (std::size_t i = 0; i < words.size(); ++i) {
    const ScannedWord& w = words[i];
    BOOST_TEST(lowered->substr(w.lowered_begin, w.lowered_end - w.lowered_begin) ==
               ToLower(expected[i]));
    BOOST_TEST(w.weight == WordWeight(expected[i]));
  }
}

}  // namespace

// ScanLine is one pass for what CountChars, Words, WordWeight and ToLower
// give separately: it must give the same, appended after text already there.
BOOST_AUTO_TEST_CASE(scan_line_agrees_with_the_helpers_it_stands_for) {
  const std::string lines[] = {
      "Don't stop — Київ's 2024 e-mail_x, 東京!", "6月12日上午 ひがし学舎 abc", "  İSTANBUL ÀBC\u00a0x ",
      "", "...", "word", "Ω", std::string(70'000, 'A') + " b", "a long ASCII line_with 8-byte words"};
  std::string lowered = "before";
  for (const std::string& line : lines) {
    BOOST_TEST_CONTEXT("line " << line.substr(0, 40)) { CheckScanLine(line, &lowered); }
  }
  BOOST_TEST(CountChars(std::string(70'000, 'A')).upper == 70'000u);  // past a 16-bit count
}

// ASCII is split into words eight bytes at a time: every byte, at every
// place in a word, ends a word or not as Words has it, and a word goes on
// from one run of ASCII into the next across other letters.
BOOST_AUTO_TEST_CASE(scan_line_splits_every_ascii_byte_as_words_does) {
  std::string lowered;
  for (int c = 1; c < 128; ++c) {
    const std::string one(1, static_cast<char>(c));
    for (std::size_t shift = 0; shift < 9; ++shift) {
      const std::string line = std::string(shift, 'w') + one + "ab_9Z" + one + one + "x" +
                               std::string(9, 'y') + one + "\xC3\x89t\xC3\xA9" + one + "Q";
      BOOST_TEST_CONTEXT("byte " << c << ", shift " << shift) { CheckScanLine(line, &lowered); }
    }
  }
}

// The runs are found eight bytes at a time: every byte, at every place in a
// word, ends one exactly when it should.
BOOST_AUTO_TEST_CASE(ascii_runs_end_at_the_first_byte_outside_them) {
  for (int c = 0; c < 256; ++c) {
    for (std::size_t at = 0; at < 20; ++at) {
      std::string s(20, 'a');
      s[at] = static_cast<char>(c);
      BOOST_TEST(AsciiRunEnd(s, 0) == (c < 0x80 ? s.size() : at), "byte " << c << " at " << at);
      BOOST_TEST(PrintableAsciiRunEnd(s, 0) == (c >= 0x20 && c < 0x7F ? s.size() : at),
                 "byte " << c << " at " << at);
      BOOST_TEST(PrintableAsciiRunEnd(s, 0, '&') == (c >= 0x20 && c < 0x7F && c != '&' ? s.size() : at),
                 "byte " << c << " at " << at);
      BOOST_TEST(AsciiRunEnd(s, at) == (c < 0x80 ? s.size() : at));
    }
  }
}

BOOST_AUTO_TEST_CASE(find_first_of_agrees_with_the_standard_one) {
  for (const std::string_view s : {"", "a", "/path?q#f", "host.example/a-b", "no match here"}) {
    for (const std::string_view chars : {"/?#", "?#", "-.", "x"}) {
      for (std::size_t pos = 0; pos <= s.size() + 1; ++pos) {
        BOOST_TEST(FindFirstOf(s, chars, pos) == s.find_first_of(chars, pos),
                   s << " " << chars << " " << pos);
      }
    }
  }
}
