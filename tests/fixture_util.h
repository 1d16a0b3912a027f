// What the fixture suites share (tests/fixtures_test.cc for the dumps,
// tests/html_fixtures_test.cc for the pages): a fixture folder holds pairs
// of an input and <name>.expected.json (keys in fixtures/README.md); each
// fixture is cleaned with the shipped rules and default options, and its
// article checked against the expectation, one test case per fixture.
//
// Header-only and meant for one translation unit per test binary, which
// defines BOOST_TEST_MODULE before including it.

#ifndef PITH_TESTS_FIXTURE_UTIL_H_
#define PITH_TESTS_FIXTURE_UTIL_H_

#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cstddef>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/token_metric.h"
#include "pith/pith.h"

namespace pith::fixture {

namespace fs = std::filesystem;
using nlohmann::json;

inline constexpr std::string_view kExpectedSuffix = ".expected.json";
inline constexpr double kDefaultMinF1 = 0.9;

inline fs::path FixtureDir(std::string_view folder) {
  return fs::path(PITH_SOURCE_DIR) / "fixtures" / folder;
}

// The names of the fixtures in dir (each with <name>.expected.json), sorted.
// Empty when dir is missing: the folder's completeness test then fails.
inline std::vector<std::string> FixtureNames(const fs::path& dir) {
  std::set<std::string> names;
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string file = it->path().filename().string();
    if (file.size() > kExpectedSuffix.size() && file.ends_with(kExpectedSuffix)) {
      names.insert(file.substr(0, file.size() - kExpectedSuffix.size()));
    }
  }
  return {names.begin(), names.end()};
}

inline bool ReadFile(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad() && in.is_open();
}

inline std::string StringField(const json& j, const char* key) {
  const json v = j.value(key, json());
  return v.is_string() ? v.get<std::string>() : std::string();
}

// An expectation file, loaded or failed with a test error: a JSON object with
// a string "text".
inline json LoadExpected(const fs::path& path) {
  std::string text;
  BOOST_REQUIRE_MESSAGE(ReadFile(path, &text), "cannot read " << path);
  json expected = json::parse(text, nullptr, /*allow_exceptions=*/false);
  BOOST_REQUIRE_MESSAGE(expected.is_object(), path << " is not a JSON object");
  BOOST_REQUIRE_MESSAGE(expected.value("text", json()).is_string(),
                        path << " has no string \"text\"");
  return expected;
}

// A fixture's input bytes (as stored, not decoded) and its expectation.
struct Fixture {
  fs::path input;
  std::string body;
  json expected;
};

// Loads <name><input_suffix> and <name>.expected.json from dir.
inline Fixture LoadFixture(const fs::path& dir, const std::string& name,
                           std::string_view input_suffix) {
  Fixture f;
  f.input = dir / (name + std::string(input_suffix));
  BOOST_REQUIRE_MESSAGE(ReadFile(f.input, &f.body), "cannot read " << f.input);
  f.expected = LoadExpected(dir / (name + std::string(kExpectedSuffix)));
  return f;
}

// Cleans a fixture's input as a record of the given kind with the shipped
// rules, the expectation's "url" as the record's given URL (as a JSONL loader
// would pass it). One cleaner serves every test case, as one serves every
// record of a run. Shortfalls judges the article's status.
inline pith::Article Clean(const Fixture& f, pith::ContentKind kind) {
  struct Shared {
    pith::Status status;
    std::unique_ptr<pith::Cleaner> cleaner;
  };
  static const Shared shared = [] {
    Shared s;
    std::shared_ptr<const pith::RuleSet> rules;
    s.status = pith::LoadRules({}, &rules);
    if (s.status.ok()) {
      // Comments and Markdown on: the body must not change with them, and
      // fixtures with a thread pin its "comments".
      pith::CleanOptions options;
      options.comments = true;
      options.markdown = true;
      s.cleaner = std::make_unique<pith::Cleaner>(rules, options);
    }
    return s;
  }();
  BOOST_REQUIRE_MESSAGE(shared.status.ok(), "LoadRules: " << shared.status.ToString());

  pith::RawPage page;
  page.source = f.input.string();
  page.kind = kind;
  page.body = f.body;
  page.given.url = StringField(f.expected, "url");
  return shared.cleaner->Clean(page);
}

// Where got first departs from want, with some context from both (newlines
// shown as \n), so that a failure shows the difference, not two whole bodies.
inline std::string FirstDifference(std::string_view want, std::string_view got) {
  constexpr std::size_t kBefore = 60, kAfter = 100;
  // at <= the size of either, so every excerpt below is in range.
  const std::size_t at = std::mismatch(want.begin(), want.end(), got.begin(), got.end()).first -
                         want.begin();
  const auto excerpt = [at](std::string_view s) {
    // Widen to whole UTF-8 sequences: continuation bytes are 10xxxxxx.
    const auto continuation = [s](std::size_t i) { return i < s.size() && (s[i] & 0xC0) == 0x80; };
    std::size_t from = at > kBefore ? at - kBefore : 0;
    while (from > 0 && continuation(from)) --from;
    std::size_t to = std::min(s.size(), at + kAfter);
    while (continuation(to)) ++to;
    std::string out = from > 0 ? "..." : "";
    for (const char c : s.substr(from, to - from)) {
      out += c == '\n' ? std::string("\\n") : std::string(1, c);
    }
    return to < s.size() ? out + "..." : out;
  };
  std::ostringstream out;
  out << "differs at byte " << at << " (expected " << want.size() << " bytes, got " << got.size()
      << ")\n  expected: \"" << excerpt(want) << "\"\n  got:      \"" << excerpt(got) << '"';
  return out.str();
}

// How an article falls short of its fixture's expectation, one message per
// shortfall (none when it meets it): the article ok (or kEmpty when the
// fixture expects no body: "no article here" is then the answer, and the
// body is still scored); the body equal to "text" byte for byte
// when exact, else its token F1 at least "min_f1"; the "must_contain" and
// "must_not_contain" snippets; the comments equal "comments" when the
// fixture gives them; title, date and author equal the expected
// ones unless "check_fields" is false. The token scores are logged under
// label either way (--log_level=message).
inline std::vector<std::string> Shortfalls(const std::string& label, const json& expected,
                                           const pith::Article& article, bool exact) {
  std::vector<std::string> shortfalls;
  // Collects one shortfall, its parts streamed in order.
  auto fail = [&shortfalls](const auto&... parts) {
    std::ostringstream message;
    (message << ... << parts);
    shortfalls.push_back(message.str());
  };
  const std::string want = StringField(expected, "text");
  const bool acceptable = article.status.ok() ||
                          (want.empty() && article.status.code() == pith::Status::Code::kEmpty);
  if (!acceptable) fail("Clean: ", article.status.ToString());
  const pith::eval::Prf score = pith::eval::ScoreTokens(want, article.text);
  const double min_f1 = expected.value("min_f1", kDefaultMinF1);
  std::ostringstream goal;
  if (exact) {
    goal << "exact";
  } else {
    goal << "floor " << min_f1;
  }
  BOOST_TEST_MESSAGE(label << ": P " << score.precision << " R " << score.recall << " F1 "
                           << score.f1 << " (" << goal.str() << ", " << score.pred_tokens
                           << " tokens out, " << score.truth_tokens << " expected)");
  if (exact && article.text != want) {
    fail("body ", FirstDifference(want, article.text));
  }
  if (!exact && score.f1 < min_f1) {
    fail("token F1 ", score.f1, " below the floor ", min_f1);
  }
  for (const json& snippet : expected.value("must_contain", json::array())) {
    if (article.text.find(snippet.get<std::string>()) == std::string::npos) {
      fail("body lacks ", snippet);
    }
  }
  for (const json& snippet : expected.value("must_not_contain", json::array())) {
    if (article.text.find(snippet.get<std::string>()) != std::string::npos) {
      fail("body contains ", snippet);
    }
  }
  if (expected.contains("comments") && article.comments != StringField(expected, "comments")) {
    fail("comments ", FirstDifference(StringField(expected, "comments"), article.comments));
  }
  if (expected.value("check_fields", true)) {
    const pith::Fields& found = article.fields;
    const struct {
      const char* key;
      const std::string& value;
    } fields[] = {{"title", found.title}, {"date", found.date}, {"author", found.author}};
    for (const auto& field : fields) {
      if (!expected.contains(field.key)) continue;
      const std::string want_field = StringField(expected, field.key);
      if (field.value != want_field) {
        fail(field.key, " is \"", field.value, "\", expected \"", want_field, '"');
      }
    }
  }
  return shortfalls;
}

// Checks an article against its fixture's expectation (see Shortfalls). A
// fixture with a "known_gap" describes what pith cannot do yet: it must
// still fall short, so that closing the gap cannot go unnoticed (the
// "known_gap" is then removed and the fixture holds pith to it).
inline void CheckArticle(const std::string& label, const json& expected,
                         const pith::Article& article, bool exact) {
  const std::vector<std::string> shortfalls = Shortfalls(label, expected, article, exact);
  const std::string gap = StringField(expected, "known_gap");
  if (gap.empty()) {
    for (const std::string& shortfall : shortfalls) BOOST_ERROR(shortfall);
    return;
  }
  BOOST_TEST_MESSAGE(label << ": known gap: " << gap);
  for (const std::string& shortfall : shortfalls) BOOST_TEST_MESSAGE("  " << shortfall);
  BOOST_TEST(!shortfalls.empty(), label << " meets its expectation: remove its known_gap");
}

// One test suite per fixture folder, one test case per fixture, registered
// before the runner starts: "folder/name", so --run_test=folder/name reruns
// one alone.
struct FixtureRegistrar {
  FixtureRegistrar(const char* folder, void (*check)(const fs::path&, const std::string&)) {
    const fs::path dir = FixtureDir(folder);
    boost::unit_test::test_suite* suite = BOOST_TEST_SUITE(folder);
    for (const std::string& name : FixtureNames(dir)) {
      suite->add(boost::unit_test::make_test_case([dir, name, check] { check(dir, name); },
                                                  name, __FILE__, __LINE__));
    }
    boost::unit_test::framework::master_test_suite().add(suite);
  }
};

// Every expectation of a fixture folder loads with its input, there are at
// least min_fixtures of them, and every entry of the folder belongs to one:
// an input, its expectation, a file an expectation names as "seed_output",
// or one of the entries listed in also. A stray or misnamed file would
// otherwise be skipped without a word.
inline void CheckFolderIsComplete(std::string_view folder, std::string_view input_suffix,
                                  std::size_t min_fixtures,
                                  const std::set<std::string>& also = {}) {
  const fs::path dir = FixtureDir(folder);
  const std::vector<std::string> names = FixtureNames(dir);
  BOOST_TEST(names.size() >= min_fixtures, dir << " holds " << names.size() << " fixtures");

  std::set<std::string> owned = also;
  for (const std::string& name : names) {
    owned.insert(name + std::string(input_suffix));
    owned.insert(name + std::string(kExpectedSuffix));
    const Fixture f = LoadFixture(dir, name, input_suffix);
    if (f.expected.contains("seed_output")) owned.insert(StringField(f.expected, "seed_output"));
  }
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string file = it->path().filename().string();
    BOOST_TEST(owned.count(file) == 1, file << " in " << dir << " belongs to no fixture");
  }
}

}  // namespace pith::fixture

#endif  // PITH_TESTS_FIXTURE_UTIL_H_
