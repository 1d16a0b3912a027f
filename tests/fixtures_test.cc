// The cleaner against the text-dump fixtures under fixtures/ (see
// fixtures/README.md):
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
#include "tests/fixture_util.h"

#include <cstddef>
#include <string>
#include <string_view>

#include "clean/article_writer.h"
#include "pith/pith.h"

namespace {

using namespace pith::fixture;

constexpr std::string_view kInputSuffix = ".txt";
// Below these counts a folder has lost fixtures, or the path is wrong.
constexpr std::size_t kMinSeedFixtures = 4;
constexpr std::size_t kMinTextFixtures = 14;

// s without one trailing '\n', if it has one.
std::string_view WithoutFinalNewline(std::string_view s) {
  return s.ends_with('\n') ? s.substr(0, s.size() - 1) : s;
}

void CheckSeed(const fs::path& dir, const std::string& name) {
  const Fixture f = LoadFixture(dir, name, kInputSuffix);
  const pith::Article article = Clean(f, pith::ContentKind::kText);
  CheckArticle("seeds/" + name, f.expected, article, /*exact=*/true);

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
  const Fixture f = LoadFixture(dir, name, kInputSuffix);
  CheckArticle("text/" + name, f.expected, Clean(f, pith::ContentKind::kText), /*exact=*/false);
}

const FixtureRegistrar seed_fixtures("seeds", CheckSeed);
const FixtureRegistrar text_fixtures("text", CheckText);

}  // namespace

BOOST_AUTO_TEST_CASE(seed_folder_holds_every_seed_and_nothing_else) {
  CheckFolderIsComplete("seeds", kInputSuffix, kMinSeedFixtures);
}

BOOST_AUTO_TEST_CASE(text_folder_holds_enough_fixtures_and_nothing_else) {
  CheckFolderIsComplete("text", kInputSuffix, kMinTextFixtures);
}
