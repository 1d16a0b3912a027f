// The cleaner against the saved pages of fixtures/html/ (see
// fixtures/README.md): each page is cleaned as a raw HTML record, its bytes
// as stored (the cleaner decodes them), and its article checked against
// <name>.expected.json. A page whose body must equal a seed's ("seed") is
// compared byte for byte by default, and its expected text is checked to be
// that seed's; the others are scored by token F1 against their floor. Every
// score is logged with --log_level=message.
//
// Each page is its own test case, "html/<name>", so --run_test=html/<name>
// reruns it alone.

#define BOOST_TEST_MODULE html_fixtures
#include "tests/fixture_util.h"

#include <cstddef>
#include <string>
#include <string_view>

#include "pith/pith.h"

namespace {

using namespace pith::fixture;

constexpr char kFolder[] = "html";
constexpr std::string_view kInputSuffix = ".html";
// Below this count the folder has lost pages, or the path is wrong.
constexpr std::size_t kMinHtmlFixtures = 30;
// Where the UTF-8 sources of the encoded pages live (fixtures/README.md).
constexpr std::string_view kSourceDir = "src";

void CheckHtml(const fs::path& dir, const std::string& name) {
  const Fixture f = LoadFixture(dir, name, kInputSuffix);
  const std::string seed = StringField(f.expected, "seed");
  if (!seed.empty()) {
    const json seed_expected =
        LoadExpected(FixtureDir("seeds") / (seed + std::string(kExpectedSuffix)));
    BOOST_TEST(StringField(f.expected, "text") == StringField(seed_expected, "text"),
               "expected text is not seeds/" << seed << "'s");
  }
  CheckArticle("html/" + name, f.expected, Clean(f, pith::ContentKind::kHtml),
               f.expected.value("exact", !seed.empty()));
}

const FixtureRegistrar html_fixtures(kFolder, CheckHtml);

}  // namespace

// Besides the pages, the folder holds how the encoded ones are made: their
// sources, the script that encodes them, the attributes that keep them binary.
BOOST_AUTO_TEST_CASE(html_folder_holds_enough_fixtures_and_nothing_else) {
  CheckFolderIsComplete(kFolder, kInputSuffix, kMinHtmlFixtures,
                        {std::string(kSourceDir), "generate.sh", ".gitattributes"});
}

// Each UTF-8 source under src/ is that of an encoded page of the same name,
// so that a renamed page cannot leave its source behind.
BOOST_AUTO_TEST_CASE(every_source_has_its_encoded_page) {
  const fs::path dir = FixtureDir(kFolder);
  std::size_t sources = 0;
  std::error_code ec;
  for (fs::directory_iterator it(dir / kSourceDir, ec), end; !ec && it != end;
       it.increment(ec)) {
    ++sources;
    const fs::path page = dir / it->path().filename();
    BOOST_TEST((page.extension() == kInputSuffix && fs::exists(page)),
               it->path() << " is the source of no page in " << dir);
  }
  BOOST_TEST(sources > 0, "no sources in " << dir / kSourceDir);
}
