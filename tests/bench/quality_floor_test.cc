// The devset floor, as trafilatura's evaluation pins its own: cleans every
// document of ../shared/devset/dragnet in-process and fails when the mean token
// F1 falls below the floor pinned in bench/quality_floor.txt.

#define BOOST_TEST_MODULE quality_floor
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "bench/corpus.h"
#include "pith/pith.h"

namespace {

const std::string kDevset = PITH_SOURCE_DIR "/../shared/devset/dragnet";
const std::string kFloorFile = PITH_SOURCE_DIR "/bench/quality_floor.txt";
constexpr int kThreads = 2;  // CI machines have two cores

// The floors of kFloorFile by input kind. Every malformed line fails the test
// that reads it, with its line number.
std::map<std::string, double> ReadFloors() {
  std::map<std::string, double> floors;
  std::ifstream in(kFloorFile);
  BOOST_REQUIRE_MESSAGE(in, "cannot read " << kFloorFile);
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::istringstream fields(line);
    std::string input;
    if (!(fields >> input) || input[0] == '#') continue;
    double floor = -1;
    std::string rest;
    const bool ok = (fields >> floor) && !(fields >> rest) && floor >= 0 && floor <= 1 &&
                    floors.count(input) == 0;
    BOOST_TEST(ok, kFloorFile << ":" << number << ": expected `<input> <F1 in [0,1]>` once"
                              << " per input, got: " << line);
    if (ok) floors[input] = floor;
  }
  return floors;
}

boost::test_tools::assertion_result DevsetPresent(boost::unit_test::test_unit_id) {
  std::error_code ec;
  boost::test_tools::assertion_result present(std::filesystem::is_directory(kDevset, ec));
  if (!present) {
    present.message() << "no devset at " << kDevset;
    // Boost logs a skip only from --log_level=test_suite up, and ctest runs
    // at message level: say it there too.
    BOOST_TEST_MESSAGE("SKIPPED: no devset at " << kDevset << ", the quality floor is not checked");
  }
  return present;
}

void CheckFloor(pith::ContentKind kind, const std::string& input) {
  const std::map<std::string, double> floors = ReadFloors();
  const auto floor = floors.find(input);
  BOOST_REQUIRE_MESSAGE(floor != floors.end(), kFloorFile << " pins no floor for " << input);

  std::shared_ptr<const pith::RuleSet> rules;
  const pith::Status loaded = pith::LoadRules({}, &rules);
  BOOST_REQUIRE_MESSAGE(loaded.ok(), loaded.ToString());
  const pith::Cleaner cleaner(rules, pith::CleanOptions());
  std::vector<pith::eval::Document> docs;
  const pith::Status status = pith::eval::LoadCorpus(kDevset, kind, &docs);
  BOOST_REQUIRE_MESSAGE(status.ok(), status.ToString());

  const pith::eval::Summary summary =
      pith::eval::Summarize(pith::eval::Evaluate(docs, cleaner, kThreads));
  BOOST_TEST_MESSAGE(input << ": " << summary.docs << " docs, P " << summary.precision << " R "
                           << summary.recall << " F1 " << summary.f1 << " (floor "
                           << floor->second << "), empty " << summary.empty << ", errors "
                           << summary.errors);
  BOOST_TEST(summary.f1 >= floor->second,
             input << " mean F1 " << summary.f1 << " is below the floor " << floor->second);
}

}  // namespace

BOOST_AUTO_TEST_CASE(floor_file_pins_text_and_html) {
  const std::map<std::string, double> floors = ReadFloors();
  BOOST_TEST(floors.count("text") == 1u);
  BOOST_TEST(floors.count("html") == 1u);
  BOOST_TEST(floors.size() == 2u, kFloorFile << " pins floors for unknown inputs");
}

BOOST_AUTO_TEST_CASE(text_dump_mean_f1_is_not_below_floor,
                     *boost::unit_test::precondition(DevsetPresent)) {
  CheckFloor(pith::ContentKind::kText, "text");
}

BOOST_AUTO_TEST_CASE(html_page_mean_f1_is_not_below_floor,
                     *boost::unit_test::precondition(DevsetPresent)) {
  CheckFloor(pith::ContentKind::kHtml, "html");
}
