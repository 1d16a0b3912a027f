#define BOOST_TEST_MODULE rules
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <memory>
#include <ostream>
#include <string>
#include <thread>
#include <vector>


#include "clean/rules.h"
#include "clean/text_util.h"
#include "tests/temp_dir.h"

namespace fs = std::filesystem;

namespace pith {

// Printers so that failed comparisons show names rather than numbers.
std::ostream& operator<<(std::ostream& os, LineRule rule) {
  static const char* const kNames[] = {"none", "drop", "keep", "end", "section", "field"};
  return os << kNames[static_cast<int>(rule)];
}
std::ostream& operator<<(std::ostream& os, Status::Code code) {
  return os << "Status::Code(" << static_cast<int>(code) << ")";
}

namespace {

using pith::testing::TempDir;

// The errors one rule file yields.
std::vector<std::string> ErrorsOf(std::string_view text) {
  RuleSet set;
  std::vector<std::string> errors;
  set.AddRuleFile("t.rules", text, &errors);
  return errors;
}

// The only error of a one-bad-line file, or a note saying there was not one.
std::string ErrorOf(std::string_view text) {
  const std::vector<std::string> errors = ErrorsOf(text);
  return errors.size() == 1 ? errors[0] : std::to_string(errors.size()) + " errors";
}

// A rule set built from rule file texts, which must be free of errors.
struct Rules {
  explicit Rules(std::initializer_list<std::string_view> files) {
    std::vector<std::string> errors;
    int n = 0;
    for (std::string_view text : files) {
      set.AddRuleFile("f" + std::to_string(n++) + ".rules", text, &errors);
    }
    BOOST_TEST_REQUIRE(errors.empty(), (errors.empty() ? "" : errors[0]));
  }
  LineRule Rule(std::string_view url, std::string_view line) const {
    return set.ForUrl(url).Match(line).rule;
  }
  RuleSet set;
};

// A fresh directory under the system temp dir, removed at scope exit.
// ---------------------------------------------------------------------------
// Pattern

BOOST_AUTO_TEST_CASE(pattern_matches_anywhere_in_the_subject) {
  Pattern p;
  BOOST_TEST_REQUIRE(Pattern::Compile("comment", &p).ok());
  BOOST_TEST(p.Matches("Leave a comment here"));
  BOOST_TEST(!p.Matches("Leave a reply"));
  BOOST_TEST(p.source() == "comment");
}

BOOST_AUTO_TEST_CASE(pattern_is_case_insensitive_unless_it_turns_case_off) {
  Pattern caseless, exact;
  BOOST_TEST_REQUIRE(Pattern::Compile("^more about$", &caseless).ok());
  BOOST_TEST_REQUIRE(Pattern::Compile("(?-i)^AD$", &exact).ok());
  BOOST_TEST(caseless.Matches("MORE ABOUT"));
  BOOST_TEST(caseless.Matches("More About"));
  BOOST_TEST(exact.Matches("AD"));
  BOOST_TEST(!exact.Matches("ad"));
  BOOST_TEST(!exact.Matches("Ad"));
}

BOOST_AUTO_TEST_CASE(pattern_folds_case_of_cyrillic_and_other_non_ascii_letters) {
  Pattern p;
  BOOST_TEST_REQUIRE(Pattern::Compile("^читайте також$", &p).ok());
  BOOST_TEST(p.Matches("ЧИТАЙТЕ ТАКОЖ"));
  BOOST_TEST(p.Matches("Читайте також"));
  Pattern german;
  BOOST_TEST_REQUIRE(Pattern::Compile("^schlagwörter$", &german).ok());
  BOOST_TEST(german.Matches("SCHLAGWÖRTER"));
}

BOOST_AUTO_TEST_CASE(upper_case_property_stays_case_sensitive) {
  // Bylines rely on it: "By John" is a name, "By far" is not.
  Pattern p;
  BOOST_TEST_REQUIRE(Pattern::Compile(R"(^by \p{Lu})", &p).ok());
  BOOST_TEST(p.Matches("BY John"));
  BOOST_TEST(p.Matches("by Іван"));
  BOOST_TEST(!p.Matches("By far"));
  BOOST_TEST(!p.Matches("by іван"));
}

BOOST_AUTO_TEST_CASE(pattern_classes_are_unicode_aware) {
  Pattern p;
  BOOST_TEST_REQUIRE(Pattern::Compile(R"(^\w+ \d+$)", &p).ok());
  BOOST_TEST(p.Matches("Коментарі 12"));
  Pattern dot;
  BOOST_TEST_REQUIRE(Pattern::Compile("^.{3}$", &dot).ok());
  BOOST_TEST(dot.Matches("їжа"));  // three code points, six bytes
}

BOOST_AUTO_TEST_CASE(pattern_returns_the_named_groups_that_took_part) {
  Pattern p;
  BOOST_TEST_REQUIRE(Pattern::Compile(R"(^By (?<author>[^|]+?)(?: \| (?<date>.+))?$)", &p).ok());
  std::vector<std::pair<std::string, std::string>> groups;
  BOOST_TEST_REQUIRE(p.MatchNamed("By Jane Doe | 12 June 2024", &groups));
  BOOST_TEST_REQUIRE(groups.size() == 2u);
  BOOST_TEST(groups[0].first == "author");
  BOOST_TEST(groups[0].second == "Jane Doe");
  BOOST_TEST(groups[1].first == "date");
  BOOST_TEST(groups[1].second == "12 June 2024");

  groups.clear();
  BOOST_TEST_REQUIRE(p.MatchNamed("By Jane Doe", &groups));
  BOOST_TEST_REQUIRE(groups.size() == 1u);  // date did not take part
  BOOST_TEST(groups[0].second == "Jane Doe");

  groups.clear();
  BOOST_TEST(!p.MatchNamed("Written by nobody", &groups));
  BOOST_TEST(groups.empty());

  const std::vector<std::string> names = p.GroupNames();
  BOOST_TEST(names.size() == 2u);
}

BOOST_AUTO_TEST_CASE(pattern_knows_whether_it_is_anchored) {
  for (const char* source : {"^a", "(?-i)^A", "^a|^b", "^(?:a|b)$"}) {
    Pattern p;
    BOOST_REQUIRE(Pattern::Compile(source, &p).ok());
    BOOST_TEST(p.anchored(), source);
  }
  for (const char* source : {"a", "^a|b", "\\ba$", "(?m)^a"}) {
    Pattern p;
    BOOST_REQUIRE(Pattern::Compile(source, &p).ok());
    BOOST_TEST(!p.anchored(), source);
  }
  BOOST_TEST(!Pattern().anchored());
}

BOOST_AUTO_TEST_CASE(pattern_compile_error_names_offset_and_reason) {
  Pattern p;
  const Status s = Pattern::Compile("^(abc$", &p);
  BOOST_TEST(s.code() == Status::Code::kInvalidArgument);
  BOOST_TEST(s.message().starts_with("pattern error at offset 6: "), s.message());
  BOOST_TEST(s.message().find("parenthesis") != std::string::npos, s.message());
}

BOOST_AUTO_TEST_CASE(pattern_that_matches_the_empty_string_is_rejected) {
  for (const char* source : {"", "a*", "^$", "(?:x|)", "^\\s*$"}) {
    Pattern p;
    const Status s = Pattern::Compile(source, &p);
    BOOST_TEST(s.message() == "pattern matches the empty string", source);
  }
  Pattern ok;
  BOOST_TEST(Pattern::Compile("a+", &ok).ok());
}

BOOST_AUTO_TEST_CASE(default_pattern_matches_nothing) {
  const Pattern p;
  BOOST_TEST(!p.Matches("anything"));
  BOOST_TEST(p.GroupNames().empty());
}

// ---------------------------------------------------------------------------
// Rule file errors: each message, with the file:line prefix.

BOOST_AUTO_TEST_CASE(unknown_action_is_reported_with_its_line) {
  BOOST_TEST(ErrorOf("# comment\n\ndelete ^x$\n") == "t.rules:3: unknown action 'delete'");
}

BOOST_AUTO_TEST_CASE(action_without_pattern_is_reported) {
  BOOST_TEST(ErrorOf("drop\n") == "t.rules:1: missing pattern");
  BOOST_TEST(ErrorOf("keep   \t \n") == "t.rules:1: missing pattern");
}

BOOST_AUTO_TEST_CASE(bad_pattern_is_reported_with_offset) {
  BOOST_TEST(ErrorOf("drop ^ok$\nend [abc\n").starts_with("t.rules:2: pattern error at offset 4: "),
             ErrorOf("drop ^ok$\nend [abc\n"));
}

BOOST_AUTO_TEST_CASE(rule_matching_the_empty_string_is_reported) {
  BOOST_TEST(ErrorOf("drop .*\n") == "t.rules:1: pattern matches the empty string");
  BOOST_TEST(ErrorOf("section ^a$ => x?\n") == "t.rules:1: pattern matches the empty string");
}

BOOST_AUTO_TEST_CASE(section_without_arrow_or_side_is_reported) {
  const std::string expected = "t.rules:1: section needs \"START => END\"";
  BOOST_TEST(ErrorOf("section ^a$\n") == expected);
  BOOST_TEST(ErrorOf("section ^a$ =>\n") == expected);
  BOOST_TEST(ErrorOf("section => ^b$\n") == expected);
  BOOST_TEST(ErrorOf("section ^a$=>^b$\n") == expected);
}

BOOST_AUTO_TEST_CASE(field_pattern_without_named_group_is_reported) {
  BOOST_TEST(ErrorOf("field ^By (.+)$\n") == "t.rules:1: field pattern has no named group");
}

BOOST_AUTO_TEST_CASE(field_pattern_with_unknown_group_name_is_reported) {
  BOOST_TEST(ErrorOf("field ^By (?<writer>.+)$\n") ==
             "t.rules:1: unknown field 'writer' in named group");
}

BOOST_AUTO_TEST_CASE(malformed_section_header_is_reported) {
  BOOST_TEST(ErrorOf("[generic\n") == "t.rules:1: malformed section header");
  BOOST_TEST(ErrorOf("[sites example.com]\n") == "t.rules:1: malformed section header");
  BOOST_TEST(ErrorOf("[generic example.com]\n") == "t.rules:1: malformed section header");
  BOOST_TEST(ErrorOf("[]\n") == "t.rules:1: malformed section header");
}

BOOST_AUTO_TEST_CASE(site_header_without_host_is_reported) {
  BOOST_TEST(ErrorOf("[site]\n") == "t.rules:1: [site] needs at least one host");
  BOOST_TEST(ErrorOf("[site   ]\n") == "t.rules:1: [site] needs at least one host");
}

BOOST_AUTO_TEST_CASE(site_header_with_a_url_instead_of_a_host_is_reported) {
  BOOST_TEST(ErrorOf("[site https://example.com/]\n") ==
             "t.rules:1: bad host 'https://example.com/' in [site]");
}

BOOST_AUTO_TEST_CASE(loading_goes_on_past_bad_lines_and_reports_each) {
  const std::vector<std::string> errors = ErrorsOf(
      "drop ^ok$\n"
      "bogus x\n"
      "drop (\n"
      "[site]\n"
      "drop ^fine$\n"
      "field ^x$\r\n"
      "end ^last$\n");
  BOOST_TEST_REQUIRE(errors.size() == 4u);
  BOOST_TEST(errors[0].starts_with("t.rules:2: "));
  BOOST_TEST(errors[1].starts_with("t.rules:3: "));
  BOOST_TEST(errors[2].starts_with("t.rules:4: "));
  BOOST_TEST(errors[3] == "t.rules:6: field pattern has no named group");
}

BOOST_AUTO_TEST_CASE(rules_under_a_bad_header_are_checked_but_not_applied) {
  RuleSet set;
  std::vector<std::string> errors;
  set.AddRuleFile("t.rules", "[site]\ndrop ^everything$\n", &errors);
  BOOST_TEST(errors.size() == 1u);
  BOOST_TEST(set.ForUrl("").Match("everything").rule == LineRule::kNone);
  BOOST_TEST(set.rule_count() == 0u);
}

// ---------------------------------------------------------------------------
// Matching

BOOST_AUTO_TEST_CASE(each_action_yields_its_line_rule) {
  const Rules r({"drop ^share$\n"
                 "keep ^keep me$\n"
                 "end ^notify of$\n"
                 "section ^start$ => ^stop$\n"
                 "field ^tags: (?<tags>.+)$\n"});
  BOOST_TEST(r.Rule("", "Share") == LineRule::kDrop);
  BOOST_TEST(r.Rule("", "keep me") == LineRule::kKeep);
  BOOST_TEST(r.Rule("", "Notify of") == LineRule::kEnd);
  BOOST_TEST(r.Rule("", "start") == LineRule::kSectionStart);
  BOOST_TEST(r.Rule("", "Tags: a, b") == LineRule::kField);
  BOOST_TEST(r.Rule("", "an ordinary sentence") == LineRule::kNone);
  BOOST_TEST(r.Rule("", "") == LineRule::kNone);
  BOOST_TEST(r.set.rule_count() == 5u);
}

BOOST_AUTO_TEST_CASE(lines_are_matched_with_surrounding_space_trimmed) {
  const Rules r({"drop ^share$\n"});
  BOOST_TEST(r.Rule("", "  Share \t") == LineRule::kDrop);
  BOOST_TEST(r.Rule("", "\u00a0Share\u00a0") == LineRule::kDrop);
}

BOOST_AUTO_TEST_CASE(precedence_is_keep_field_end_section_drop) {
  // Every rule matches "x"; removing the winner each time shows the next.
  const char* keep = "keep x\n";
  const char* field = "field (?<title>x)\n";
  const char* end = "end x\n";
  const char* section = "section x => y\n";
  const char* drop = "drop x\n";
  BOOST_TEST(Rules({drop, section, end, field, keep}).Rule("", "x") == LineRule::kKeep);
  BOOST_TEST(Rules({drop, section, end, field}).Rule("", "x") == LineRule::kField);
  BOOST_TEST(Rules({drop, section, end}).Rule("", "x") == LineRule::kEnd);
  BOOST_TEST(Rules({drop, section}).Rule("", "x") == LineRule::kSectionStart);
  BOOST_TEST(Rules({drop}).Rule("", "x") == LineRule::kDrop);
  // The same within one file, written in the reverse order of precedence.
  const std::string one_file = std::string(drop) + section + end + field + keep;
  BOOST_TEST(Rules({one_file}).Rule("", "x") == LineRule::kKeep);
  BOOST_TEST(Rules({std::string(drop) + section + end}).Rule("", "x") == LineRule::kEnd);
}

BOOST_AUTO_TEST_CASE(field_lines_yield_every_matching_rules_groups) {
  const Rules r({"field ^by (?<author>[^|]+?) \\|\n"
                 "field \\| (?<date>\\d{4}-\\d\\d-\\d\\d)$\n"});
  const LineMatch m = r.set.ForUrl("").Match("By Jane Doe | 2024-06-12");
  BOOST_TEST(m.rule == LineRule::kField);
  BOOST_TEST_REQUIRE(m.fields.size() == 2u);
  BOOST_TEST(m.fields[0].first == "author");
  BOOST_TEST(m.fields[0].second == "Jane Doe");
  BOOST_TEST(m.fields[1].first == "date");
  BOOST_TEST(m.fields[1].second == "2024-06-12");
}

// Asking again gives the same answer, fields and section included (a thread's
// state, such as the prefix filter's scratch, must not leak between lines).
BOOST_AUTO_TEST_CASE(a_repeated_line_gets_the_same_answer_every_time) {
  const Rules r({"field ^by (?<author>.+)$\n", "section ^start$ => ^stop$\n"});
  const RuleScope scope = r.set.ForUrl("");
  for (int i = 0; i < 3; ++i) {
    const LineMatch field = scope.Match(" By Jane Doe ");
    BOOST_TEST(field.rule == LineRule::kField);
    BOOST_TEST_REQUIRE(field.fields.size() == 1u);
    BOOST_TEST(field.fields[0].second == "Jane Doe");
    const LineMatch start = scope.Match("start");
    BOOST_TEST(start.rule == LineRule::kSectionStart);
    BOOST_TEST(scope.SectionEnds(start.section, "stop"));
    BOOST_TEST(scope.Match("an ordinary sentence").rule == LineRule::kNone);
  }
}

// One rule set or scope never answers for another: not for another set with
// other rules (even one made where a destroyed set lived), nor for a scope
// with site rules or without them.
BOOST_AUTO_TEST_CASE(answers_belong_to_their_rules_and_scope) {
  for (int i = 0; i < 3; ++i) {
    const auto drop = std::make_unique<Rules>(std::initializer_list<std::string_view>{"drop ^foo$\n"});
    BOOST_TEST(drop->Rule("", "foo") == LineRule::kDrop);
  }
  for (int i = 0; i < 3; ++i) {
    const auto keep = std::make_unique<Rules>(std::initializer_list<std::string_view>{"keep ^foo$\n"});
    BOOST_TEST(keep->Rule("", "foo") == LineRule::kKeep);
  }
  const Rules site({"drop ^bar$\n[site example.com]\nend ^bar$\n"});
  for (int i = 0; i < 3; ++i) {
    BOOST_TEST(site.Rule("", "bar") == LineRule::kDrop);
    BOOST_TEST(site.Rule("https://example.com/a", "bar") == LineRule::kEnd);
    BOOST_TEST(site.Rule("https://example.org/a", "bar") == LineRule::kDrop);
  }
}

// Generic rules of later files join the one generic group, and lines matched
// after it grew meet its new rules.
BOOST_AUTO_TEST_CASE(rules_added_after_matching_are_matched) {
  RuleSet set;
  std::vector<std::string> errors;
  set.AddRuleFile("a.rules", "drop ^foo$\n", &errors);
  BOOST_TEST(set.ForUrl("").Match("bar").rule == LineRule::kNone);
  set.AddRuleFile("b.rules", "keep ^bar$\n[site example.com]\nend ^baz$\n", &errors);
  set.AddRuleFile("c.rules", "drop ^baz$\n", &errors);
  BOOST_TEST(errors.empty());
  BOOST_TEST(set.ForUrl("").Match("bar").rule == LineRule::kKeep);
  BOOST_TEST(set.ForUrl("").Match("foo").rule == LineRule::kDrop);
  BOOST_TEST(set.ForUrl("").Match("baz").rule == LineRule::kDrop);
  BOOST_TEST(set.ForUrl("https://example.com/").Match("baz").rule == LineRule::kEnd);
}

// ParseRuleFile leaves the matchers to BuildMatchers, which builds them once.
BOOST_AUTO_TEST_CASE(parsed_rule_files_match_once_built) {
  RuleSet set;
  std::vector<std::string> errors;
  set.ParseRuleFile("a.rules", "drop ^foo$\n", &errors);
  set.ParseRuleFile("b.rules", "keep ^bar$\n", &errors);
  set.BuildMatchers();
  BOOST_TEST(errors.empty());
  BOOST_TEST(set.ForUrl("").Match("foo").rule == LineRule::kDrop);
  BOOST_TEST(set.ForUrl("").Match("bar").rule == LineRule::kKeep);
}

// A line's folding, when the caller has it, gives the answer the line gives.
BOOST_AUTO_TEST_CASE(a_line_matched_with_its_folding_gets_the_same_answer) {
  const Rules r({"drop ^share(?: this)?$\nend \\bno spam\\b\nfield ^by (?<author>.+)$\n"});
  const RuleScope scope = r.set.ForUrl("");
  for (const std::string line : {"  Share This ", "SHARE", "Sign up now, NO SPAM ever", " By Jane Doe",
                                 "An ordinary sentence."}) {
    const std::string folded = ToLower(line);
    const LineMatch plain = scope.Match(line), with_folding = scope.Match(line, folded);
    BOOST_TEST(static_cast<int>(plain.rule) == static_cast<int>(with_folding.rule), line);
    BOOST_TEST(plain.fields == with_folding.fields, line);
  }
  BOOST_TEST(scope.Match("  Share This ", "  share this ").rule == LineRule::kDrop);
  BOOST_TEST(scope.Match("By Jane", "by jane").fields.size() == 1u);
}

// Many distinct lines, each asked twice.
BOOST_AUTO_TEST_CASE(answers_stay_right_over_many_distinct_lines) {
  const Rules r({"drop ^line \\d*[02468]$\n"});
  for (int round = 0; round < 2; ++round) {
    for (int i = 0; i < 20000; ++i) {
      BOOST_TEST_REQUIRE(r.Rule("", "line " + std::to_string(i)) ==
                         (i % 2 == 0 ? LineRule::kDrop : LineRule::kNone));
    }
  }
}

BOOST_AUTO_TEST_CASE(site_rules_apply_to_the_host_and_its_subdomains_only) {
  const Rules r({"[site example.com news.example.org]\ndrop ^site line$\n"});
  for (const char* url : {"https://example.com/a", "http://www.example.com/a?b#c",
                          "HTTPS://WWW.EXAMPLE.COM/", "https://user@example.com:8080/x",
                          "example.com/x", "www.example.com", "//example.com/x",
                          "https://a.news.example.org/", "https://example.com./x"}) {
    BOOST_TEST(r.Rule(url, "site line") == LineRule::kDrop, url);
  }
  for (const char* url : {"", "https://notexample.com/", "https://example.com.evil.net/",
                          "https://example.org/", "https://news.example.org.uk/",
                          "not a url at all", "https://evil.net/?u=example.com",
                          "evil.net/go?to=https://example.com/"}) {
    BOOST_TEST(r.Rule(url, "site line") == LineRule::kNone, url);
  }
}

BOOST_AUTO_TEST_CASE(generic_rules_apply_to_every_url) {
  const Rules r({"drop ^generic line$\n[site example.com]\ndrop ^site line$\n[generic]\n"
                 "drop ^generic again$\n"});
  for (const char* url : {"", "https://example.com/", "https://other.net/", ":::"}) {
    BOOST_TEST(r.Rule(url, "generic line") == LineRule::kDrop, url);
    BOOST_TEST(r.Rule(url, "generic again") == LineRule::kDrop, url);
  }
}

BOOST_AUTO_TEST_CASE(site_keep_overrides_generic_drop) {
  const Rules r({"drop ^related$\n", "[site example.com]\nkeep ^related$\n"});
  BOOST_TEST(r.Rule("https://example.com/x", "Related") == LineRule::kKeep);
  BOOST_TEST(r.Rule("https://other.com/x", "Related") == LineRule::kDrop);
}

BOOST_AUTO_TEST_CASE(site_end_comes_before_generic_section_and_drop) {
  const Rules r({"drop ^avatar photo$\nsection ^avatar photo$ => ^x$\n",
                 "[site example.com]\nend ^avatar photo$\n"});
  BOOST_TEST(r.Rule("https://www.example.com/", "Avatar photo") == LineRule::kEnd);
  BOOST_TEST(r.Rule("https://other.com/", "Avatar photo") == LineRule::kSectionStart);
}

BOOST_AUTO_TEST_CASE(site_field_is_taken_before_generic_field) {
  const Rules r({"field ^by (?<author>.+)$\n",
                 "[site example.com]\nfield ^by (?<author>\\w+)\n"});
  const LineMatch m = r.set.ForUrl("example.com").Match("By Jane Doe");
  BOOST_TEST_REQUIRE(m.fields.size() == 2u);
  BOOST_TEST(m.fields[0].second == "Jane");
  BOOST_TEST(m.fields[1].second == "Jane Doe");
}

BOOST_AUTO_TEST_CASE(section_ends_at_the_line_matching_its_end_pattern) {
  const Rules r({"section ^cookie notice$ => ^accept all$\nsection ^ad start$ => ^ad end$\n",
                 "[site example.com]\nsection ^promo$ => ^promo over$\n"});
  for (const char* url : {"", "https://example.com/"}) {
    const RuleScope scope = r.set.ForUrl(url);
    const LineMatch cookie = scope.Match("Cookie notice");
    BOOST_TEST_REQUIRE(cookie.rule == LineRule::kSectionStart);
    BOOST_TEST(!scope.SectionEnds(cookie.section, "We use cookies to improve the site"));
    BOOST_TEST(!scope.SectionEnds(cookie.section, "ad end"));
    BOOST_TEST(scope.SectionEnds(cookie.section, "  Accept all "));

    const LineMatch ad = scope.Match("AD START");
    BOOST_TEST_REQUIRE(ad.rule == LineRule::kSectionStart);
    BOOST_TEST(ad.section != cookie.section);
    BOOST_TEST(scope.SectionEnds(ad.section, "ad end"));
    BOOST_TEST(!scope.SectionEnds(ad.section, "accept all"));
  }
  const RuleScope site = r.set.ForUrl("https://example.com/");
  const LineMatch promo = site.Match("promo");
  BOOST_TEST_REQUIRE(promo.rule == LineRule::kSectionStart);
  BOOST_TEST(site.SectionEnds(promo.section, "promo over"));
  BOOST_TEST(!site.SectionEnds(promo.section, "ad end"));
  BOOST_TEST(!site.SectionEnds(-1, "promo over"));
}

// Patterns are joined into one alternation per action; these show that
// patterns whose meaning would change when joined still mean what they say.
BOOST_AUTO_TEST_CASE(patterns_keep_their_meaning_beside_others) {
  const Rules r({"drop ^(\\w+) \\1$\n"        // a numbered back reference
                 "drop \\Qa+b\n"              // \Q without \E
                 "drop (?-i)^CAPS$\n"        // an option change
                 "drop ^(?<title>x)(?&title)$\n"  // a named recursion
                 "drop ^plain$\n"});
  BOOST_TEST(r.Rule("", "hello hello") == LineRule::kDrop);
  BOOST_TEST(r.Rule("", "hello world") == LineRule::kNone);
  BOOST_TEST(r.Rule("", "xa+b") == LineRule::kDrop);
  BOOST_TEST(r.Rule("", "xaab") == LineRule::kNone);
  BOOST_TEST(r.Rule("", "CAPS") == LineRule::kDrop);
  BOOST_TEST(r.Rule("", "caps") == LineRule::kNone);
  BOOST_TEST(r.Rule("", "xx") == LineRule::kDrop);
  BOOST_TEST(r.Rule("", "PLAIN") == LineRule::kDrop);
}

BOOST_AUTO_TEST_CASE(matching_is_safe_from_many_threads) {
  const Rules r({"drop ^share$\nend ^notify of$\nfield ^by (?<author>.+)$\n"});
  std::atomic<int> wrong{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      const RuleScope scope = r.set.ForUrl("https://example.com/");
      for (int i = 0; i < 2000; ++i) {
        const LineMatch m = scope.Match(i % 2 ? "By Jane Doe" : "Share");
        const bool ok = i % 2 ? m.rule == LineRule::kField && m.fields.size() == 1 &&
                                    m.fields[0].second == "Jane Doe"
                              : m.rule == LineRule::kDrop;
        if (!ok) ++wrong;
      }
    });
  }
  for (std::thread& t : threads) t.join();
  BOOST_TEST(wrong.load() == 0);
}

// ---------------------------------------------------------------------------
// Stopwords

BOOST_AUTO_TEST_CASE(stopwords_are_lowered_and_skip_comments_and_blanks) {
  RuleSet set;
  set.AddStopwords("en", "# English\nThe\n\n  and  \r\n#not\n");
  set.AddStopwords("uk", "ТА\nі\n");
  const StopwordSet& en = set.Stopwords("en");
  BOOST_TEST(en.Contains("the"));
  BOOST_TEST(en.Contains("and"));
  BOOST_TEST(!en.Contains("#not"));
  BOOST_TEST(!en.Contains("not"));
  BOOST_TEST(!en.Contains(""));
  BOOST_TEST(!en.Contains("та"));
  BOOST_TEST(set.Stopwords("uk").Contains("та"));
}

BOOST_AUTO_TEST_CASE(unknown_or_empty_language_gets_every_stopword) {
  RuleSet set;
  BOOST_TEST(set.Stopwords("en").empty());
  set.AddStopwords("en", "the\n");
  set.AddStopwords("de", "der\n");
  for (const char* lang : {"", "xx"}) {
    BOOST_TEST(set.Stopwords(lang).Contains("the"), lang);
    BOOST_TEST(set.Stopwords(lang).Contains("der"), lang);
  }
  BOOST_TEST(!set.Stopwords("de").Contains("the"));
}

BOOST_AUTO_TEST_CASE(only_a_language_with_its_own_list_has_stopwords) {
  RuleSet set;
  set.AddStopwords("en", "the\n");
  BOOST_TEST(set.HasStopwords("en"));
  BOOST_TEST(!set.HasStopwords("zh"));
  BOOST_TEST(!set.HasStopwords(""));
}

// ---------------------------------------------------------------------------
// Loading from directories

BOOST_AUTO_TEST_CASE(load_rules_reads_rule_files_and_stopwords_of_a_directory) {
  TempDir dir;
  dir.Write("a.rules", "drop ^from a$\n");
  dir.Write("sub/deeper/b.rules", "[site example.com]\nend ^from b$\n");
  dir.Write("notes.md", "drop this is not a rule file\n");
  dir.Write("stopwords/en.txt", "the\n");
  std::shared_ptr<const RuleSet> rules;
  const Status s = LoadRules({.builtin = false, .extra_dirs = {dir.path().string()}}, &rules);
  BOOST_TEST_REQUIRE(s.ok(), s.ToString());
  BOOST_TEST(rules->rule_count() == 2u);
  BOOST_TEST(rules->ForUrl("").Match("from a").rule == LineRule::kDrop);
  BOOST_TEST(rules->ForUrl("example.com").Match("from b").rule == LineRule::kEnd);
  BOOST_TEST(rules->Stopwords("en").Contains("the"));
}

BOOST_AUTO_TEST_CASE(load_rules_reports_every_error_and_leaves_rules_unchanged) {
  TempDir dir;
  dir.Write("a.rules", "drop ^fine$\nnope x\n");
  dir.Write("b.rules", "field ^x$\n");
  std::shared_ptr<const RuleSet> rules = std::make_shared<RuleSet>();
  const RuleSet* before = rules.get();
  const Status s = LoadRules({.builtin = false, .extra_dirs = {dir.path().string()}}, &rules);
  BOOST_TEST(s.code() == Status::Code::kInvalidArgument);
  const std::string a = (dir.path() / "a.rules").string(), b = (dir.path() / "b.rules").string();
  BOOST_TEST(s.message() == a + ":2: unknown action 'nope'\n" + b +
                                ":1: field pattern has no named group");
  BOOST_TEST(rules.get() == before);
}

BOOST_AUTO_TEST_CASE(missing_rules_directory_is_an_error_naming_it) {
  std::shared_ptr<const RuleSet> rules;
  const std::string missing = (fs::temp_directory_path() / "pith_no_such_rules_dir").string();
  const Status s = LoadRules({.builtin = false, .extra_dirs = {missing}}, &rules);
  BOOST_TEST(s.code() == Status::Code::kInvalidArgument);
  BOOST_TEST(s.message().starts_with(missing + ": "), s.message());
  BOOST_TEST(rules == nullptr);
}

BOOST_AUTO_TEST_CASE(unreadable_rule_file_is_an_error_naming_it) {
  TempDir dir;
  dir.Write("ok.rules", "drop ^a$\n");
  fs::create_symlink(dir.path() / "gone.rules.target", dir.path() / "gone.rules");
  std::shared_ptr<const RuleSet> rules;
  const Status s = LoadRules({.builtin = false, .extra_dirs = {dir.path().string()}}, &rules);
  BOOST_TEST(s.code() == Status::Code::kInvalidArgument);
  BOOST_TEST(s.message() == (dir.path() / "gone.rules").string() + ": cannot read");
  BOOST_TEST(rules == nullptr);
}

BOOST_AUTO_TEST_CASE(check_rules_counts_the_rules_of_a_directory) {
  TempDir dir;
  dir.Write("x.rules", "drop ^a$\nkeep ^b$\nsection ^c$ => ^d$\n");
  std::size_t count = 0;
  BOOST_TEST(CheckRules(dir.path().string(), &count).ok());
  BOOST_TEST(count == 3u);
  dir.Write("y.rules", "drop (\n");
  BOOST_TEST(!CheckRules(dir.path().string(), &count).ok());
}

// ---------------------------------------------------------------------------
// The shipped rules

// Floor on the number of shipped rules: a file that fails to load or is lost
// from the build drops the count below it.
constexpr std::size_t kShippedRuleFloor = 120;

struct Shipped {
  Shipped() {
    const Status s = LoadRules({}, &rules);
    BOOST_TEST_REQUIRE(s.ok(), s.ToString());
  }
  LineMatch Match(std::string_view line, std::string_view url = "") const {
    return rules->ForUrl(url).Match(line);
  }
  std::shared_ptr<const RuleSet> rules;
};

BOOST_AUTO_TEST_CASE(shipped_rules_all_compile) {
  std::size_t count = 0;
  const Status s = CheckRules("", &count);
  BOOST_TEST_REQUIRE(s.ok(), s.ToString());
  BOOST_TEST(count >= kShippedRuleFloor);
  const std::string dir = std::string(PITH_SOURCE_DIR) + "/rules";
  std::size_t on_disk = 0;
  BOOST_TEST(CheckRules(dir, &on_disk).ok());
  BOOST_TEST(on_disk == count);  // every file on disk is embedded
}

BOOST_AUTO_TEST_CASE(shipped_rules_end_the_body_at_comment_and_trailing_headings) {
  const Shipped r;
  for (const char* line :
       {"MORE ABOUT", "HOT NEWS", "LATEST", "Latest news", "Notify of", "1 Comment", "12 Comments",
        "Leave a Reply", "Leave a comment", "Comments (3)", "Inline Feedbacks", "View all comments",
        "Join the discussion", "38 Responses to “Why Focus Is Key”", "Avatar photo",
        "Re: Skipping gears after fitting a new chain", "###", "You may also like",
        "More from Reuters", "Around the web", "Коментарі", "Комментарии", "Kommentare",
        "Commentaires", "Comentarios", "Похожие новости", "Мы рекомендуем", "Інші новини",
        "Customer reviews", "Ratings & Reviews (212)", "Similar threads",
        "You must log in or register to reply here.",
        "Das könnte Sie auch interessieren", "Sur le même sujet", "Más noticias", "热点新闻",
        "推荐内容", "アクセスランキング", "أخبار ذات صلة", "（责任编辑：周敏）"}) {
    BOOST_TEST(r.Match(line).rule == LineRule::kEnd, line);
  }
}

// Link boxes that sites also set between two paragraphs: their heading and
// the first link under it go, the body goes on.
BOOST_AUTO_TEST_CASE(shipped_rules_drop_headings_of_boxes_that_may_sit_inside_the_body) {
  const Shipped r;
  const RuleScope scope = r.rules->ForUrl("");
  for (const char* line :
       {"Related", "Related articles", "Related stories", "Related case studies", "Read also",
        "See also", "Читайте також", "Читайте также:", "Weitere Artikel", "Mehr zum Thema",
        "À lire aussi", "Lire aussi", "Te puede interesar", "Noticias relacionadas", "相关阅读",
        "関連記事", "اقرأ أيضاً:"}) {
    const LineMatch m = scope.Match(line);
    BOOST_TEST_REQUIRE(m.rule == LineRule::kSectionStart, line);
    BOOST_TEST(scope.SectionEnds(m.section, "Commerces de proximité : un fonds pour les villages"));
  }
}

BOOST_AUTO_TEST_CASE(shipped_rules_drop_page_furniture) {
  const Shipped r;
  for (const char* line :
       {"2 min read", "AD", "Advertisement", "Реклама", "Anzeige", "Publicité", "Publicidad",
        "Share", "Share this article", "Tweet", "Facebook Twitter WhatsApp Email", "Поділитися",
        "Поделиться", "Teilen", "Partager", "Compartir", "Reply",
        "Log in to reply", "Skip to content", "Back to top", "Home > News > World",
        "Must read", "Latest article", "Trending", "Subscribe to our newsletter",
        "Lesezeit: 3 Min.", "5 хв читання", "Читайте також: Зеленський підписав закон",
        "Read also: NATO agrees plan", "Skip to main content", "Zum Inhalt springen",
        "Alle akzeptieren", "Tout accepter", "Aceptar todo", "Прийняти все",
        "We use cookies to improve your experience on our website.", "Accept all",
        "© 2024 Example Media. All rights reserved.", "Photo: Reuters",
        "A sleeper service waits to depart from Vienna's main station. Photograph: Karin Holm",
        "(AP Photo/Evan Vucci)", "Getty Images", "John Smith/AFP via Getty Images",
        "You need to enable JavaScript to run this app.", "JavaScript is disabled in your browser.",
        "Please enable JavaScript to view the comments powered by Disqus.",
        "Add to basket Add to wish list", "Add to cart",
        "Pay in 3 interest-free instalments of £13.33", "4.86 from 57 votes",
        "4.6 out of 5 · 212 reviews · 94% would recommend",
        "Tried this recipe?Tag @thesundaytable so we can see what you made!",
        "Correction: An earlier version of this article misstated the year. It was 2049.",
        "Like Reply Report", "Reply · Share · 3", "mossbank and kettle_descaler liked this",
        "3 people like this", "Click to expand...",
        "إعلان", "广告", "広告", "スポンサーリンク", "分享到：微信 微博 QQ空间",
        "この記事をシェアする：X Facebook LINE", "شارك",
        "版权声明：凡注明“来源：江城日报”的所有作品，版权均属江城日报社所有，未经授权不得转载。",
        "江城日报社版权所有 未经书面授权禁止使用", "掲載記事・写真の無断転載を禁じます。",
        "جميع الحقوق محفوظة © 2024", "الأكثر قراءة", "اقرأ أيضاً: انخفاض منسوب المياه الجوفية",
        "教室を改装した客室。黒板も当時のまま残されている＝15日、川霧町で"}) {
    BOOST_TEST(r.Match(line).rule == LineRule::kDrop, line);
  }
}

BOOST_AUTO_TEST_CASE(shipped_rules_take_tags_and_bylines_as_fields) {
  const Shipped r;
  const LineMatch tags = r.Match("Tags: #nato #stoltenberg");
  BOOST_TEST_REQUIRE(tags.rule == LineRule::kField);
  BOOST_TEST_REQUIRE(tags.fields.size() == 1u);
  BOOST_TEST(tags.fields[0].first == "tags");
  BOOST_TEST(tags.fields[0].second == "#nato #stoltenberg");

  for (const char* line : {"By John Smith", "Автор: Іван Петренко", "Von Anna Schmidt",
                           "Par Jean Dupont", "Por María López"}) {
    const LineMatch m = r.Match(line);
    BOOST_TEST_REQUIRE((m.rule == LineRule::kField), line);
    BOOST_TEST_REQUIRE(m.fields.size() == 1u, line);
    BOOST_TEST(m.fields[0].first == "author", line);
  }
  BOOST_TEST(r.Match("By John Smith").fields[0].second == "John Smith");

  // A list of names is one author value; what follows a separator is the date.
  const LineMatch list = r.Match("By David Mathis, Jonathan Parnell, and Tony Reinke");
  BOOST_TEST_REQUIRE(list.fields.size() == 1u);
  BOOST_TEST(list.fields[0].second == "David Mathis, Jonathan Parnell, and Tony Reinke");
  const LineMatch dated = r.Match("POSTED BY JOHN HALAMKA AT 3:00 AM");
  BOOST_TEST_REQUIRE(dated.rule == LineRule::kField);
  BOOST_TEST(dated.fields[0].first == "author");
  BOOST_TEST(dated.fields[0].second == "JOHN HALAMKA");
  const LineMatch bare = r.Match("Lucía Ferrándiz | 12 de junio de 2024 | Actualizado: 13:10");
  BOOST_TEST_REQUIRE(bare.fields.size() == 2u);
  BOOST_TEST(bare.fields[0].second == "Lucía Ferrándiz");
  BOOST_TEST(bare.fields[1].second == "12 de junio de 2024");
  BOOST_TEST(r.Match("Hair Trends | Fall 2012").rule == LineRule::kNone);
  BOOST_TEST(r.Match("POWERFUL CONSERVATIVE VOICES | Monday, November 12, 2012").fields.empty());
  // Chinese info lines run labels together; Arabic and Japanese bylines.
  for (const auto& [line, name] : std::vector<std::pair<std::string, std::string>>{
           {"时间:2024-04-08 16:21来源:山岚在线作者:张宁点击:次", "张宁"},
           {"2024-06-12 10:32 来源：江城日报 记者 王晓雨 字号：大 中 小", "王晓雨"},
           {"كتبت: ليلى الحداد", "ليلى الحداد"},
           {"（山本祐介）", "山本祐介"}}) {
    const LineMatch m = r.Match(line);
    BOOST_TEST_REQUIRE((m.rule == LineRule::kField), line);
    BOOST_TEST_REQUIRE(!m.fields.empty(), line);
    BOOST_TEST(m.fields[0].second == name, line);
  }
  // A photo credit names the photographer, not the author.
  BOOST_TEST(r.Match("滨江绿道铁路桥段。记者 陈刚 摄").fields.empty());
  const LineMatch agency = r.Match("By John Smith, Reuters");
  BOOST_TEST_REQUIRE(!agency.fields.empty());
  BOOST_TEST(agency.fields[0].second == "John Smith");
}

BOOST_AUTO_TEST_CASE(shipped_rules_leave_body_sentences_alone) {
  const Shipped r;
  for (const char* line :
       {"Stoltenberg declined to answer comments from reporters about the plan.",
        "Read also the full text of the statement, which was published on Friday.",
        "Latest Amelia Earhart search falls short",
        "The related articles were published in Nature last year.",
        "By 2030, the alliance expects to double its spending.",
        "Share prices fell sharply after the announcement.",
        "Leave a comment if you disagree, the minister joked at the press conference.",
        "Комментарии экспертов разошлись: одни поддержали решение, другие нет.",
        "Now have a look at the “before” photos:",
        "JavaScript is a language that runs in every browser, and it is everywhere.",
        "2019 2020 2021", "12 34", "Voters like this.",
        "会議では「予算＝ゼロ」の案も出た。", "滨江绿道全线贯通后，市民可一路骑到江边看日落。",
        "RE: MILES DAVIS CS 9961 XSM 151732/3 PROJECT # 03802",
        // A paragraph quoting a cookie notice is longer than any notice.
        "The regulator's report quotes banners such as \"We use cookies to improve your "
        "experience\" and finds that most of them fail to explain what is collected, who "
        "receives it and for how long it is kept; the authors recommend that sites name "
        "every partner, offer a reject button as prominent as the accept button, and keep "
        "a record of consent that users can consult and withdraw at any time they like."}) {
    BOOST_TEST(r.Match(line).rule == LineRule::kNone, line);
  }
}

BOOST_AUTO_TEST_CASE(shipped_site_rules_scope_to_their_sites) {
  const Shipped r;
  // en.interfax.com.ua: a time stamp opens each related item after the body.
  const char* stamp = "18:40 14.06.2024";
  BOOST_TEST(r.Match(stamp, "https://en.interfax.com.ua/news/x.html").rule == LineRule::kEnd);
  BOOST_TEST(r.Match(stamp, "https://example.com/").rule == LineRule::kNone);
  // ukdefencejournal.org.uk: the author's biography follows the article.
  const char* bio =
      "George has a degree in Cyber Security from Glasgow Caledonian University and has a keen "
      "interest in naval and cyber security matters and has appeared on national radio and "
      "television to discuss current events. George is on Twitter at @geoallison";
  BOOST_TEST(r.Match(bio, "https://ukdefencejournal.org.uk/nato/").rule == LineRule::kEnd);
  BOOST_TEST(r.Match(bio, "https://example.com/").rule == LineRule::kNone);
}

BOOST_AUTO_TEST_CASE(prune_rules_name_furniture_elements_unless_spared) {
  const Rules rules({"prune (?:^|[\\s_-])(?:sidebar|comments?)(?:$|[\\s_-])\n"
                     "spare (?:^|[\\s_-])content(?:$|[\\s_-])\n"});
  const RuleScope scope = rules.set.ForUrl("");
  BOOST_TEST(scope.PrunesElement("widget sidebar"));
  BOOST_TEST(scope.PrunesElement("post-comments respond"));
  BOOST_TEST(!scope.PrunesElement("sidebar-content"));
  BOOST_TEST(!scope.PrunesElement("commentary"));
  BOOST_TEST(!scope.PrunesElement(""));
}

BOOST_AUTO_TEST_CASE(favour_and_content_rules_favour_elements) {
  const Rules rules({"favour (?:^|[\\s_-])story(?:$|[\\s_-])\n"
                     "content ^entry-content$\n"});
  const RuleScope scope = rules.set.ForUrl("");
  BOOST_TEST(scope.FavoursElement("story__head"));
  BOOST_TEST(scope.FavoursElement("entry-content"));
  BOOST_TEST(!scope.FavoursElement("storyline-nav"));
  BOOST_TEST(!scope.PrunesElement("story__head"));
}

BOOST_AUTO_TEST_CASE(shipped_spare_rules_spare_names_that_end_in_a_content_word) {
  const Shipped r;
  const RuleScope scope = r.rules->ForUrl("");
  BOOST_TEST(!scope.PrunesElement("sidebar-content"));
  BOOST_TEST(scope.PrunesElement("story__contributor"));
  BOOST_TEST(scope.PrunesElement("post-footer"));
  BOOST_TEST(scope.FavoursElement("post-footer"));
}

BOOST_AUTO_TEST_CASE(shipped_thread_rules_name_posts_of_forum_software) {
  const Shipped r;
  const RuleScope scope = r.rules->ForUrl("");
  for (const char* names : {"message message--post js-post", "postcontainer", "post has-profile bg2",
                            "topic-post clearfix"}) {
    BOOST_TEST(scope.NamesThreadPost(names), names);
  }
  for (const char* names : {"post", "post-body", "entry-content", "comment"}) {
    BOOST_TEST(!scope.NamesThreadPost(names), names);
  }
}

BOOST_AUTO_TEST_CASE(element_rules_never_match_lines) {
  const Rules rules({"prune ^sidebar$\n"});
  BOOST_TEST((rules.Rule("", "sidebar") == LineRule::kNone));
}

BOOST_AUTO_TEST_CASE(site_spare_rules_overrule_generic_prune_rules) {
  const Rules rules({"prune (?:^|\\s)related(?:$|\\s)\n", "[site example.org]\nspare ^related$\n"});
  BOOST_TEST(rules.set.ForUrl("https://example.com/").PrunesElement("related"));
  BOOST_TEST(!rules.set.ForUrl("https://www.example.org/").PrunesElement("related"));
}

BOOST_AUTO_TEST_CASE(comments_rule_ends_the_body_and_opens_the_comments) {
  const Rules r({"end ^related$\ncomments ^\\d+ comments$\n"});
  const RuleScope scope = r.set.ForUrl("");
  const LineMatch opener = scope.Match("12 Comments");
  BOOST_TEST((opener.rule == LineRule::kEnd));
  BOOST_TEST(opener.opens_comments);
  const LineMatch end = scope.Match("Related");
  BOOST_TEST((end.rule == LineRule::kEnd));
  BOOST_TEST(!end.opens_comments);
}

BOOST_AUTO_TEST_CASE(discussion_rule_prunes_and_names_comments_unless_spared) {
  const Rules r({"discussion (?:^|\\s)comments(?:$|\\s)\nprune sidebar\nspare content\n"});
  const RuleScope scope = r.set.ForUrl("");
  BOOST_TEST(scope.PrunesElement("comments"));
  BOOST_TEST(scope.NamesDiscussion("comments"));
  BOOST_TEST(scope.PrunesElement("sidebar"));
  BOOST_TEST(!scope.NamesDiscussion("sidebar"));
  BOOST_TEST(!scope.PrunesElement("comments content"));
  BOOST_TEST(!scope.NamesDiscussion("comments content"));
}

BOOST_AUTO_TEST_CASE(shipped_comment_openers_open_the_comments) {
  std::shared_ptr<const RuleSet> rules;
  BOOST_TEST_REQUIRE(LoadRules({}, &rules).ok());
  const RuleScope scope = rules->ForUrl("");
  for (const char* line : {"12 Comments", "Leave a Reply", "Kommentare (3)", "Re: Wi-Fi drops"}) {
    BOOST_TEST(scope.Match(line).opens_comments, line);
  }
  BOOST_TEST(!scope.Match("About the author").opens_comments);
  BOOST_TEST(scope.NamesDiscussion("comments-area"));
  BOOST_TEST(!scope.NamesDiscussion("comment-content"));  // spared: a comment's own text
}

}  // namespace
}  // namespace pith
