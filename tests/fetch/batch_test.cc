#define BOOST_TEST_MODULE batch_test
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "pith/batch.h"
#include "pith/pith.h"

namespace {

using pith::Article;
using pith::BatchOptions;
using pith::RawPage;

std::shared_ptr<const pith::RuleSet> Rules() {
  static const std::shared_ptr<const pith::RuleSet> rules = [] {
    std::shared_ptr<const pith::RuleSet> loaded;
    BOOST_REQUIRE(pith::LoadRules({}, &loaded).ok());
    return loaded;
  }();
  return rules;
}

// Record i: an article whose text names i, but every seventh record, which
// is empty (an error record), and every fifth, which is longer, so that
// records take unequal times.
RawPage Record(std::size_t i) {
  RawPage page;
  page.source = "record#" + std::to_string(i);
  page.kind = pith::ContentKind::kText;
  if (i % 7 == 3) return page;
  const std::size_t paragraphs = i % 5 == 0 ? 40 : 3;
  for (std::size_t p = 0; p < paragraphs; ++p) {
    page.body += "Record " + std::to_string(i) + " says in paragraph " + std::to_string(p) +
                 " that the committee met on the first day of the month and that its members "
                 "agreed on the plan after a long debate about the budget of the town.\n\n";
  }
  return page;
}

struct Run {
  std::vector<Article> articles;
  std::vector<std::size_t> input_bytes;
  std::size_t max_in_flight = 0;
};

// Cleans records [0, count) with the options, counting the records handed
// out by the source and not yet taken by the sink.
Run CleanRecords(std::size_t count, const BatchOptions& options,
                 std::chrono::microseconds sink_delay = {}) {
  const pith::Cleaner cleaner(Rules(), pith::CleanOptions());
  Run run;
  std::atomic<std::size_t> read{0};
  std::atomic<std::size_t> written{0};
  std::atomic<std::size_t> max_in_flight{0};
  std::size_t next = 0;
  const std::size_t taken = pith::CleanBatch(
      cleaner, options,
      [&](RawPage* page) {
        if (next == count) return false;
        *page = Record(next++);
        const std::size_t in_flight = ++read - written.load();
        std::size_t seen = max_in_flight.load();
        while (in_flight > seen && !max_in_flight.compare_exchange_weak(seen, in_flight)) {
        }
        return true;
      },
      [&](Article article, std::size_t input_bytes) {
        if (sink_delay.count() > 0) std::this_thread::sleep_for(sink_delay);
        run.articles.push_back(std::move(article));
        run.input_bytes.push_back(input_bytes);
        ++written;
        return true;
      });
  BOOST_TEST(taken == count);
  run.max_in_flight = max_in_flight.load();
  return run;
}

BOOST_AUTO_TEST_CASE(articles_come_out_in_input_order_whatever_the_threads) {
  const pith::Cleaner cleaner(Rules(), pith::CleanOptions());
  for (std::size_t threads : {1, 2, 4}) {
    BatchOptions options;
    options.threads = threads;
    const Run run = CleanRecords(200, options);
    BOOST_REQUIRE(run.articles.size() == 200u);
    for (std::size_t i = 0; i < run.articles.size(); ++i) {
      const Article expected = cleaner.Clean(Record(i));
      BOOST_TEST(run.articles[i].source == "record#" + std::to_string(i));
      BOOST_TEST(run.articles[i].text == expected.text, "record " << i << ", " << threads);
      BOOST_TEST(run.input_bytes[i] == Record(i).body.size());
    }
  }
}

BOOST_AUTO_TEST_CASE(error_records_keep_their_place_among_the_articles) {
  BatchOptions options;
  options.threads = 3;
  const Run run = CleanRecords(100, options);
  BOOST_REQUIRE(run.articles.size() == 100u);
  for (std::size_t i = 0; i < run.articles.size(); ++i) {
    const bool error = i % 7 == 3;
    BOOST_TEST(run.articles[i].status.ok() == !error, "record " << i);
    if (error) BOOST_TEST((run.articles[i].status.code() == pith::Status::Code::kEmpty));
    if (!error) {
      BOOST_TEST(run.articles[i].text.find("Record " + std::to_string(i) + " says") == 0u);
    }
  }
}

BOOST_AUTO_TEST_CASE(records_in_flight_never_exceed_the_window) {
  // A slow sink lets the reader and the workers run ahead as far as they
  // may: the window must hold them back.
  for (std::size_t window : {1, 3, 8}) {
    BatchOptions options;
    options.threads = 2;
    options.window = window;
    const Run run = CleanRecords(300, options, std::chrono::microseconds(200));
    BOOST_TEST(run.articles.size() == 300u);
    const std::size_t bound = std::max<std::size_t>(window, options.threads);
    BOOST_TEST(run.max_in_flight <= bound, "window " << window);
    // The window is used, not just respected: reading runs ahead of writing.
    BOOST_TEST(run.max_in_flight == bound, "window " << window);
  }
}

BOOST_AUTO_TEST_CASE(default_window_is_sixteen_records_a_thread) {
  BatchOptions options;
  options.threads = 2;
  const Run run = CleanRecords(300, options, std::chrono::microseconds(200));
  BOOST_TEST(run.max_in_flight == 32u);
}

BOOST_AUTO_TEST_CASE(a_refusing_sink_stops_the_batch_early) {
  const pith::Cleaner cleaner(Rules(), pith::CleanOptions());
  BatchOptions options;
  options.threads = 2;
  options.window = 4;
  std::size_t handed_out = 0;
  std::vector<std::string> sources;
  const std::size_t taken = pith::CleanBatch(
      cleaner, options,
      [&](RawPage* page) {
        *page = Record(handed_out++);
        return true;  // an endless source
      },
      [&](Article article, std::size_t) {
        sources.push_back(article.source);
        return sources.size() < 10;
      });
  BOOST_TEST(taken == 10u);
  BOOST_REQUIRE(sources.size() == 10u);
  BOOST_TEST(sources.back() == "record#9");
  // Records in flight when the sink refused are dropped; no more are read.
  BOOST_TEST(handed_out <= 10u + options.window);
}

BOOST_AUTO_TEST_CASE(an_empty_source_gives_no_articles) {
  BatchOptions options;
  options.threads = 4;
  const Run run = CleanRecords(0, options);
  BOOST_TEST(run.articles.empty());
}

}  // namespace
