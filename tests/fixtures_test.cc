// The cleaner against the fixtures under fixtures/ (see fixtures/README.md):
//
//   seeds/  real dumps whose expected output is exact: the body byte for byte,
//           and for 000 the whole seed-format rendering (001).
//   text/   hand-made dumps whose expected body is scored by token F1 against
//           a per-fixture floor, with snippets that must (not) come out and
//           the header fields the page states.
//
// Each fixture is its own test case, "seeds/<name>" or "text/<name>", so a
// failure names it and --run_test=text/<name> reruns it alone.

#define BOOST_TEST_MODULE fixtures
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
#include "clean/article_writer.h"
#include "pith/pith.h"

namespace {

namespace fs = std::filesystem;
using nlohmann::json;

constexpr std::string_view kExpectedSuffix = ".expected.json";
// Below these counts a folder has lost fixtures, or the path is wrong.
constexpr std::size_t kMinSeedFixtures = 4;
constexpr std::size_t kMinTextFixtures = 14;
constexpr double kDefaultMinF1 = 0.9;

fs::path FixtureDir(std::string_view folder) {
  return fs::path(PITH_SOURCE_DIR) / "fixtures" / folder;
}

// The names of the fixtures in dir (each with <name>.expected.json), sorted.
// Empty when dir is missing: the count test then fails.
std::vector<std::string> FixtureNames(const fs::path& dir) {
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

bool ReadFile(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  out->assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
  return !in.bad() && in.is_open();
}

// A fixture's input and expectations, loaded or failed with a test error.
struct Fixture {
  fs::path input;
  std::string body;
  json expected;
};

Fixture LoadFixture(const fs::path& dir, const std::string& name) {
  Fixture f;
  f.input = dir / (name + ".txt");
  BOOST_REQUIRE_MESSAGE(ReadFile(f.input, &f.body), "cannot read " << f.input);
  std::string text;
  const fs::path expected_path = dir / (name + std::string(kExpectedSuffix));
  BOOST_REQUIRE_MESSAGE(ReadFile(expected_path, &text), "cannot read " << expected_path);
  f.expected = json::parse(text, nullptr, /*allow_exceptions=*/false);
  BOOST_REQUIRE_MESSAGE(f.expected.is_object(), expected_path << " is not a JSON object");
  BOOST_REQUIRE_MESSAGE(f.expected.value("text", json()).is_string(),
                        expected_path << " has no string \"text\"");
  return f;
}

std::string StringField(const json& j, const char* key) {
  const json v = j.value(key, json());
  return v.is_string() ? v.get<std::string>() : std::string();
}

// Cleans a fixture's dump as a text record with the shipped rules. One cleaner
// serves every test case, as one serves every record of a run.
pith::Article Clean(const Fixture& f) {
  struct Shared {
    pith::Status status;
    std::unique_ptr<pith::Cleaner> cleaner;
  };
  static const Shared shared = [] {
    Shared s;
    std::shared_ptr<const pith::RuleSet> rules;
    s.status = pith::LoadRules({}, &rules);
    if (s.status.ok()) {
      s.cleaner = std::make_unique<pith::Cleaner>(rules, pith::CleanOptions());
    }
    return s;
  }();
  BOOST_REQUIRE_MESSAGE(shared.status.ok(), "LoadRules: " << shared.status.ToString());

  pith::RawPage page;
  page.source = f.input.string();
  page.kind = pith::ContentKind::kText;
  page.body = f.body;
  page.given.url = StringField(f.expected, "url");
  pith::Article article = shared.cleaner->Clean(page);
  BOOST_REQUIRE_MESSAGE(article.status.ok(), "Clean: " << article.status.ToString());
  return article;
}

// title, date and author equal the expected ones the fixture gives, unless
// its "check_fields" is false.
void CheckFields(const json& expected, const pith::Fields& found) {
  if (!expected.value("check_fields", true)) return;
  const struct {
    const char* key;
    const std::string& value;
  } fields[] = {{"title", found.title}, {"date", found.date}, {"author", found.author}};
  for (const auto& field : fields) {
    if (!expected.contains(field.key)) continue;
    const std::string want = StringField(expected, field.key);
    BOOST_TEST(field.value == want,
               field.key << " is \"" << field.value << "\", expected \"" << want << '"');
  }
}

// s without one trailing '\n', if it has one.
std::string_view WithoutFinalNewline(std::string_view s) {
  return s.ends_with('\n') ? s.substr(0, s.size() - 1) : s;
}

// Where got first departs from want, with some context from both (newlines
// shown as \n), so that a failure shows the difference, not two whole bodies.
std::string FirstDifference(std::string_view want, std::string_view got) {
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

void CheckSeed(const fs::path& dir, const std::string& name) {
  const Fixture f = LoadFixture(dir, name);
  const pith::Article article = Clean(f);
  const std::string want = StringField(f.expected, "text");
  BOOST_TEST(article.text == want, "body " << FirstDifference(want, article.text));
  CheckFields(f.expected, article.fields);

  const std::string seed_output = StringField(f.expected, "seed_output");
  if (seed_output.empty()) return;
  std::string want_seed;
  BOOST_REQUIRE_MESSAGE(ReadFile(dir / seed_output, &want_seed), "cannot read " << seed_output);
  const std::string_view want_trimmed = WithoutFinalNewline(want_seed);
  const std::string got = pith::ToSeed(article);
  const std::string_view got_trimmed = WithoutFinalNewline(got);
  BOOST_TEST(got_trimmed == want_trimmed,
             "ToSeed " << FirstDifference(want_trimmed, got_trimmed) << " (" << seed_output << ")");
}

void CheckText(const fs::path& dir, const std::string& name) {
  const Fixture f = LoadFixture(dir, name);
  const pith::Article article = Clean(f);

  const pith::eval::Prf score =
      pith::eval::ScoreTokens(StringField(f.expected, "text"), article.text);
  const double min_f1 = f.expected.value("min_f1", kDefaultMinF1);
  BOOST_TEST_MESSAGE("text/" << name << ": P " << score.precision << " R " << score.recall
                             << " F1 " << score.f1 << " (floor " << min_f1 << ", "
                             << score.pred_tokens << " tokens out, "
                             << score.truth_tokens << " expected)");
  BOOST_TEST(score.f1 >= min_f1, "token F1 " << score.f1 << " below the floor " << min_f1);

  for (const json& snippet : f.expected.value("must_contain", json::array())) {
    BOOST_TEST(article.text.find(snippet.get<std::string>()) != std::string::npos,
               "body lacks " << snippet);
  }
  for (const json& snippet : f.expected.value("must_not_contain", json::array())) {
    BOOST_TEST(article.text.find(snippet.get<std::string>()) == std::string::npos,
               "body contains " << snippet);
  }
  CheckFields(f.expected, article.fields);
}

// One test suite per fixture folder, one test case per fixture, registered
// before the runner starts.
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

const FixtureRegistrar seed_fixtures("seeds", CheckSeed);
const FixtureRegistrar text_fixtures("text", CheckText);

// Every expectation of a fixture folder loads with its input, and every file
// belongs to a fixture: an input, its expectation, or an expected seed output
// one of them names. A stray or misnamed file would otherwise be skipped
// without a word.
void CheckFolderIsComplete(std::string_view folder, std::size_t min_fixtures) {
  const fs::path dir = FixtureDir(folder);
  const std::vector<std::string> names = FixtureNames(dir);
  BOOST_TEST(names.size() >= min_fixtures, dir << " holds " << names.size() << " fixtures");

  std::set<std::string> owned;
  for (const std::string& name : names) {
    owned.insert(name + ".txt");
    owned.insert(name + std::string(kExpectedSuffix));
    const Fixture f = LoadFixture(dir, name);
    if (f.expected.contains("seed_output")) owned.insert(StringField(f.expected, "seed_output"));
  }
  std::error_code ec;
  for (fs::directory_iterator it(dir, ec), end; !ec && it != end; it.increment(ec)) {
    const std::string file = it->path().filename().string();
    BOOST_TEST(owned.count(file) == 1, file << " in " << dir << " belongs to no fixture");
  }
}

}  // namespace

BOOST_AUTO_TEST_CASE(seed_folder_holds_every_seed_and_nothing_else) {
  CheckFolderIsComplete("seeds", kMinSeedFixtures);
}

BOOST_AUTO_TEST_CASE(text_folder_holds_enough_fixtures_and_nothing_else) {
  CheckFolderIsComplete("text", kMinTextFixtures);
}
