#define BOOST_TEST_MODULE match_filter
#include <boost/test/unit_test.hpp>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "clean/embedded_rules.h"
#include "clean/match_filter.h"
#include "clean/rules.h"
#include "clean/text_util.h"

namespace fs = std::filesystem;

namespace pith {
namespace {

using Prefixes = std::vector<std::string>;

std::string Utf8(UChar32 c) {
  char bytes[U8_MAX_LENGTH];
  std::size_t length = 0;
  U8_APPEND_UNSAFE(bytes, length, c);
  return std::string(bytes, length);
}

std::string Folded(std::string_view text) {
  std::string out;
  FoldCase(text, kMaxMatchPrefixBytes, &out);
  return out;
}

bool BeginsWithOne(const std::string& folded, const Prefixes& prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(),
                     [&](const std::string& p) { return folded.starts_with(p); });
}

BOOST_AUTO_TEST_CASE(AlternationsOfWordsGiveTheirWordsFolded) {
  BOOST_TEST(MatchPrefixes(R"(^(?:Share|TWEET)\s*$)") == (Prefixes{"share", "tweet"}));
  BOOST_TEST(MatchPrefixes("^(?-i)UPDATE:") == (Prefixes{"update:"}));
  BOOST_TEST(MatchPrefixes("^(?:a|b)?c") == (Prefixes{"ac", "bc", "c"}));
  BOOST_TEST(MatchPrefixes("^x(?:yz|y)") == (Prefixes{"xy"}));  // "xyz" begins with "xy"
  BOOST_TEST(MatchPrefixes("^ПОДІЛИТИСЯ$") == (Prefixes{"поділити"}));  // 16 bytes
  BOOST_TEST(MatchPrefixes(R"(^\Qa.b\E!)") == (Prefixes{"a.b!"}));
  BOOST_TEST(MatchPrefixes(R"(^[Xy]\.)") == (Prefixes{"x.", "y."}));
  BOOST_TEST(MatchPrefixes(R"(^\x{41}\x42)") == (Prefixes{"ab"}));
  BOOST_TEST(MatchPrefixes("^abcdefghijklmnopqrstu") == (Prefixes{"abcdefghijklmnop"}));
}

BOOST_AUTO_TEST_CASE(RepetitionsAndZeroWidthParts) {
  BOOST_TEST(MatchPrefixes("^(?:ab){2,3}c") == (Prefixes{"ab"}));
  BOOST_TEST(MatchPrefixes("^(?:ab)?(?:cd)*e") == (Prefixes{"abcd", "abe", "cd", "e"}));
  BOOST_TEST(MatchPrefixes(R"(^(?<!x)(?=\D)\bab(?i:c)$)") == (Prefixes{"abc"}));
  BOOST_TEST(MatchPrefixes("^(?<name>ab)(?#note)c") == (Prefixes{"abc"}));
  BOOST_TEST(MatchPrefixes("^a{,2}") == (Prefixes{"a{,2}"}));  // not a quantifier in PCRE2 10.42
  BOOST_TEST(MatchPrefixes("^[a-c]x") == (Prefixes{"ax", "bx", "cx"}));
}

BOOST_AUTO_TEST_CASE(DigitsAndSpacesAreKnownByTheirFirstBytes) {
  const Prefixes prefixes = MatchPrefixes(R"(^\d+ comments$)");
  BOOST_TEST(prefixes.size() == 10u + 8u);  // 0-9, and the first bytes of other digits
  BOOST_TEST(BeginsWithOne(Folded("12 comments"), prefixes));
  BOOST_TEST(BeginsWithOne(Folded("١٢ comments"), prefixes));  // Arabic-Indic digits
  BOOST_TEST(!BeginsWithOne(Folded("no comments"), prefixes));
}

// The first bytes listed for \d, \s, \h and \v, alone and in a class, are
// those of every character PCRE2 takes for them.
BOOST_AUTO_TEST_CASE(EveryMemberOfAKnownClassPassesItsFilter) {
  int members = 0;
  for (const char* escape : {"\\d", "\\s", "\\h", "\\v"}) {
    for (const std::string& source : {"^" + std::string(escape) + "x", "^[" + std::string(escape) + "]x"}) {
      Pattern pattern;
      BOOST_REQUIRE(Pattern::Compile(source, &pattern).ok());
      const Prefixes prefixes = MatchPrefixes(source);
      BOOST_REQUIRE(!prefixes.empty());
      for (UChar32 c = 0; c <= 0x10FFFF; ++c) {
        if (c >= 0xD800 && c <= 0xDFFF) continue;
        const std::string subject = Utf8(c) + "x";
        if (!pattern.Matches(subject)) continue;
        ++members;
        if (!BeginsWithOne(Folded(subject), prefixes)) BOOST_ERROR(source << " U+" << std::hex << c);
      }
    }
  }
  BOOST_TEST(members > 1300);  // 660 digits, 25 spaces, ...
}

BOOST_AUTO_TEST_CASE(PatternsThatMayBeginAnywhereOrAreNotUnderstoodGiveNothing) {
  for (const char* pattern :
       {"^.{1,150}x", R"(^\p{Lu}ab)", R"(^\w+)", "^[^a]b", R"(^[\x{400}-\x{4FF}]+)", "^(?:a|.)b", "^a?",
        "^(?x) a b", R"(^(a)\1)", "^(?(1)a|b)", "^(*UTF)a", R"(^\cAb)", "^(?:ab", "^[ab",
        "^*a", "^a**", R"(^\N{U+41})", "^(?R)"}) {
    BOOST_TEST(MatchPrefixes(pattern).empty(), pattern);
  }
}

BOOST_AUTO_TEST_CASE(RequiredLiteralsAreTheMostSelectiveSetEveryMatchHolds) {
  using Literals = std::vector<std::string>;
  BOOST_TEST(RequiredLiterals(R"(\b(?:unsubscribe|no spam)\b.{0,100}$)") ==
             (Literals{"no spam", "unsubscribe"}));
  // The alternation and the run after it beat either alone.
  BOOST_TEST(RequiredLiterals(R"(^\S+ (?:has|have) liked this$)") ==
             (Literals{" has liked this", " have liked this"}));
  BOOST_TEST(RequiredLiterals(R"(^\S+ \w+ liked this$)") == (Literals{" liked this"}));
  BOOST_TEST(RequiredLiterals(R"(^\d+\s+Comments?$)") == (Literals{"comment"}));
  BOOST_TEST(RequiredLiterals(R"((?:/|\bvia )\s*(?:AFP|Reuters))") == (Literals{"afp", "reuters"}));
  BOOST_TEST(RequiredLiterals(R"((?<=.)(?<!.{151})＝[^＝]{1,40}$)") == (Literals{"＝"}));
  // A branch without literals, an optional part, or nothing but classes: none.
  for (const char* pattern : {"^(?:ab|.)$", "^(?:abc)?.$", R"(^\p{Lu}\w+$)", R"(^(a)\1)"}) {
    BOOST_TEST(RequiredLiterals(pattern).empty(), pattern);
  }
}

BOOST_AUTO_TEST_CASE(FoldCaseFoldsAndCuts) {
  BOOST_TEST(Folded("ÜBER ALLES, und mehr als das") == "über alles, und");
  BOOST_TEST(Folded("\u212Aelvin") == "kelvin");  // KELVIN SIGN folds to k
  std::string out;
  FoldCase("ab\xE2\x82\xAC", 3, &out);  // the euro sign is cut after its first byte
  BOOST_TEST(out == "ab\xE2");
}

BOOST_AUTO_TEST_CASE(IndexFindsThePatternsALineBeginsWith) {
  PrefixIndex index;
  BOOST_TEST(index.empty());
  index.Add({"share", "tweet"}, 0);
  index.Add({"sh"}, 1);
  index.Add({"tweets"}, 2);
  // More children than a node lists: 'x' looks its children up in a table.
  for (char c = 'a'; c <= 'j'; ++c) index.Add({std::string("x") + c + "y"}, 10 + (c - 'a'));
  index.Add({"xe"}, 20);
  index.Index();
  BOOST_TEST(!index.empty());
  auto candidates = [&](std::string_view line) {
    std::vector<std::uint32_t> ids;
    index.Candidates(Folded(line), &ids);
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  BOOST_TEST(candidates("Share this") == (std::vector<std::uint32_t>{0, 1}));
  BOOST_TEST(candidates("Tweets") == (std::vector<std::uint32_t>{0, 2}));
  BOOST_TEST(candidates("shar") == (std::vector<std::uint32_t>{1}));
  BOOST_TEST(candidates("a share").empty());
  BOOST_TEST(candidates("xey") == (std::vector<std::uint32_t>{14, 20}));
  BOOST_TEST(candidates("xjy!") == (std::vector<std::uint32_t>{19}));
  BOOST_TEST(candidates("xk").empty());
}

BOOST_AUTO_TEST_CASE(LiteralIndexFindsThePatternsALineContains) {
  LiteralIndex index;
  BOOST_TEST(index.empty());
  index.Add({"no spam", "unsubscribe"}, 0);
  index.Add({"©"}, 1);    // two bytes
  index.Add({"/"}, 2);    // one byte
  index.Add({"spa"}, 3);  // begins as another does
  index.Add({"ap"}, 4);   // two bytes
  BOOST_TEST(!index.empty());
  auto candidates = [&](std::string_view line) {
    std::string folded;
    FoldCase(line, std::string_view::npos, &folded);
    std::vector<std::uint32_t> ids;
    index.Candidates(folded, &ids);
    std::sort(ids.begin(), ids.end());
    return ids;
  };
  BOOST_TEST(candidates("No SPAM, Unsubscribe any time") == (std::vector<std::uint32_t>{0, 3}));
  BOOST_TEST(candidates("a spa day © AFP/Getty") == (std::vector<std::uint32_t>{1, 2, 3}));
  BOOST_TEST(candidates("sp pa s-pa").empty());  // pieces of literals are not literals
  BOOST_TEST(candidates("x/").size() == 1u);  // a one-byte literal ends the line
  BOOST_TEST(candidates("a day at the spa") == (std::vector<std::uint32_t>{3}));
  BOOST_TEST(candidates("Photo: AP") == (std::vector<std::uint32_t>{4}));
  BOOST_TEST(candidates("a banana, a map") == (std::vector<std::uint32_t>{4}));  // after many a's, at the end
  BOOST_TEST(candidates("unsubscrib").empty());  // a literal cut by the end of the line
  BOOST_TEST(candidates("no spa").empty() == false);
  BOOST_TEST(candidates("nothing to see").empty());
}

// The filter is sound only if two characters PCRE2's caseless UCP matching
// takes for each other always fold alike. Checked over every character that
// has a case partner, against the PCRE2 this was built with.
BOOST_AUTO_TEST_CASE(PcreCaselessPartnersFoldAlike) {
  std::map<UChar32, std::set<UChar32>> partners;
  auto link = [&](UChar32 a, UChar32 b) {
    if (a == b) return;
    partners[a].insert(b);
    partners[b].insert(a);
  };
  for (UChar32 c = 0; c <= 0x10FFFF; ++c) {
    if (c >= 0xD800 && c <= 0xDFFF) continue;
    link(c, u_tolower(c));
    link(c, u_toupper(c));
    link(c, u_totitle(c));
    link(c, u_foldCase(c, U_FOLD_CASE_DEFAULT));
  }
  int pairs = 0, matched = 0;
  for (const auto& [a, direct] : partners) {
    std::set<UChar32> near = direct;  // partners of partners too: Σ, σ, ς
    for (UChar32 b : direct) near.insert(partners[b].begin(), partners[b].end());
    char source[32];
    std::snprintf(source, sizeof(source), "^\\x{%X}$", static_cast<unsigned>(a));
    Pattern pattern;
    BOOST_REQUIRE(Pattern::Compile(source, &pattern).ok());
    for (UChar32 b : near) {
      if (b == a) continue;
      ++pairs;
      if (!pattern.Matches(Utf8(b))) continue;
      ++matched;
      BOOST_TEST(Folded(Utf8(a)) == Folded(Utf8(b)), "U+" << std::hex << a << " ~ U+" << b);
    }
  }
  BOOST_TEST(pairs > 2000);
  BOOST_TEST(matched > 2000);
}

// Every line pattern of the shipped rules, as the files write them.
std::vector<std::string> ShippedLinePatterns() {
  std::vector<std::string> patterns;
  for (const EmbeddedFile& file : EmbeddedRuleFiles()) {
    if (!file.path.ends_with(".rules")) continue;
    std::istringstream lines{std::string(file.contents)};
    for (std::string line; std::getline(lines, line);) {
      std::istringstream words(line);
      std::string action;
      words >> action;
      if (action != "drop" && action != "keep" && action != "end" && action != "comments" &&
          action != "field" && action != "section") {
        continue;
      }
      std::string rest(TrimSpace(std::string_view(line).substr(line.find(action) + action.size())));
      if (action == "section") {
        const std::size_t arrow = rest.find(" => ");
        patterns.push_back(rest.substr(arrow + 4));
        rest.resize(arrow);
      }
      patterns.push_back(rest);
    }
  }
  return patterns;
}

// The lines of the text fixtures and seeds, as written, in capitals, and with
// k and s written as the KELVIN SIGN and LONG S, which PCRE2 takes for them.
std::vector<std::string> SubjectLines() {
  std::vector<std::string> subjects;
  for (const char* folder : {"fixtures/text", "fixtures/seeds"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(PITH_SOURCE_DIR) / folder)) {
      if (entry.path().extension() != ".txt") continue;
      std::ifstream in(entry.path());
      for (std::string line; std::getline(in, line);) {
        const std::string trimmed(TrimSpace(line));
        if (trimmed.empty()) continue;
        subjects.push_back(trimmed);
        std::string upper = trimmed, odd;
        for (char& c : upper) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
        subjects.push_back(upper);
        for (char c : trimmed) odd += c == 'k' ? "\u212A" : c == 's' ? "\u017F" : std::string(1, c);
        subjects.push_back(odd);
      }
    }
  }
  return subjects;
}

BOOST_AUTO_TEST_CASE(EveryMatchOfAShippedPatternPassesItsFilter) {
  const std::vector<std::string> subjects = SubjectLines();
  BOOST_REQUIRE(subjects.size() > 1000u);
  std::vector<std::string> folded;
  for (const std::string& s : subjects) {
    folded.emplace_back();
    FoldCase(s, std::string_view::npos, &folded.back());
  }
  int by_prefix = 0, by_literal = 0, prefix_matches = 0, literal_matches = 0;
  for (const std::string& source : ShippedLinePatterns()) {
    Pattern pattern;
    BOOST_REQUIRE_MESSAGE(Pattern::Compile(source, &pattern).ok(), source);
    const Prefixes prefixes = pattern.anchored() ? MatchPrefixes(source) : Prefixes();
    const Prefixes literals = RequiredLiterals(source);
    by_prefix += !prefixes.empty();
    by_literal += !literals.empty();
    for (std::size_t i = 0; i < subjects.size(); ++i) {
      if ((prefixes.empty() && literals.empty()) || !pattern.Matches(subjects[i])) continue;
      if (!prefixes.empty()) {
        ++prefix_matches;
        BOOST_TEST(BeginsWithOne(folded[i], prefixes), source << " matches " << subjects[i]);
      }
      if (!literals.empty()) {
        ++literal_matches;
        const bool contains = std::any_of(literals.begin(), literals.end(), [&](const std::string& l) {
          return folded[i].find(l) != std::string::npos;
        });
        BOOST_TEST(contains, source << " matches " << subjects[i]);
      }
    }
  }
  // Most line rules are filtered, and the fixtures exercise the filters.
  BOOST_TEST(by_prefix > 100);
  BOOST_TEST(by_literal > 100);
  BOOST_TEST(prefix_matches > 200);
  BOOST_TEST(literal_matches > 200);
}

}  // namespace
}  // namespace pith
