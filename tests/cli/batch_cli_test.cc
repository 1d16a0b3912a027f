#define BOOST_TEST_MODULE batch_cli_test
#include <boost/test/unit_test.hpp>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "tests/pith_process.h"
#include "tests/temp_dir.h"

namespace {

using pith::testing::ReadFile;
using pith::testing::Run;
using pith::testing::RunBinary;
using pith::testing::TempDir;

Run Pith(const std::vector<std::string>& args) { return RunBinary(PITH_BINARY, args); }

const std::string kFixtures = std::string(PITH_SOURCE_DIR) + "/fixtures";

// -j 1 writes the records one after the other in input order, so equal
// output under -j N means input order.

BOOST_AUTO_TEST_CASE(jobs_do_not_change_the_output_or_its_order) {
  const Run one = Pith({"clean", "-q", "-j", "1", kFixtures});
  const Run two = Pith({"clean", "-q", "-j", "2", kFixtures});
  const Run four = Pith({"clean", "-q", "--jobs=4", kFixtures});
  BOOST_TEST(one.status == two.status);
  BOOST_TEST(!one.out.empty());
  BOOST_TEST(one.out == two.out);
  BOOST_TEST(one.out == four.out);
  // Every record is there: one line each.
  std::size_t records = 0;
  for (std::size_t begin = 0; begin < one.out.size(); begin = one.out.find('\n', begin) + 1) {
    BOOST_TEST(nlohmann::json::parse(one.out.substr(begin, one.out.find('\n', begin) - begin))
                   .contains("source"));
    ++records;
  }
  BOOST_TEST(records > 40u);
}

BOOST_AUTO_TEST_CASE(stats_file_holds_the_summary_as_json) {
  TempDir dir;
  const std::string stats = dir.Path("stats.json");
  dir.Write("a.txt", "");  // an empty record: one error
  dir.Write("b.txt", ReadFile(kFixtures + "/text/news_brief.txt"));
  const Run run =
      Pith({"clean", "-q", "-j", "2", "--stats", stats, dir.Path("a.txt"), dir.Path("b.txt")});
  BOOST_TEST(run.status == 1);  // a record failed
  BOOST_TEST(run.err.empty(), run.err);
  const nlohmann::json json = nlohmann::json::parse(ReadFile(stats));
  BOOST_TEST(json["records"] == 2);
  BOOST_TEST(json["errors"] == 1);
  BOOST_TEST(json["errors_by_kind"]["empty"] == 1);
  BOOST_TEST(json["input_bytes"] == ReadFile(dir.Path("b.txt")).size());
  BOOST_TEST(json["threads"] == 2);
  BOOST_TEST(json["seconds"].get<double>() >= 0);
  BOOST_TEST(json.contains("mb_per_second"));
  BOOST_TEST(json.contains("records_per_second"));
}

BOOST_AUTO_TEST_CASE(progress_ends_with_a_summary_line) {
  const Run run = Pith({"clean", "-q", "--progress", "-j", "2", kFixtures + "/text"});
  BOOST_TEST(run.status == 0, run.err);
  const std::size_t last = run.err.rfind("pith: ");
  BOOST_REQUIRE(last != std::string::npos);
  const std::string summary = run.err.substr(last);
  BOOST_TEST(summary.find(" records in ") != std::string::npos, summary);
  BOOST_TEST(summary.find(" MB/s): 0 errors\n") != std::string::npos, summary);
}

BOOST_AUTO_TEST_CASE(bad_jobs_and_time_caps_are_usage_errors) {
  for (const std::vector<std::string>& args :
       std::vector<std::vector<std::string>>{{"clean", "-j", "0"},
                                             {"clean", "-j", "x"},
                                             {"clean", "--max-seconds", "-1"},
                                             {"clean", "--max-seconds", "soon"}}) {
    const Run run = Pith(args);
    BOOST_TEST(run.status == 2, args[1] + " " + args[2]);
    BOOST_TEST(run.err.rfind("pith: ", 0) == 0u, args[1] + " " + args[2]);
  }
}

BOOST_AUTO_TEST_CASE(a_record_over_the_time_cap_is_reported_and_the_run_goes_on) {
  TempDir dir;
  std::string page = "<html><body>";
  while (page.size() < (2u << 20)) {
    page += "<p>The committee met on the first day of the month to discuss the budget.</p>\n";
  }
  dir.Write("big.html", page);
  dir.Write("small.txt", ReadFile(kFixtures + "/text/news_brief.txt"));
  const Run run =
      Pith({"clean", "--max-seconds", "0.001", dir.Path("big.html"), dir.Path("small.txt")});
  BOOST_TEST(run.status == 1);
  BOOST_TEST(run.err.find("big.html: timeout: cleaning took over 1 ms") != std::string::npos,
             run.err);
  BOOST_TEST(run.out.find("\"error\":\"timeout: ") != std::string::npos);
  BOOST_TEST(run.out.find("small.txt") != std::string::npos);
}

}  // namespace
