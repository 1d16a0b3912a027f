#define BOOST_TEST_MODULE block_classifier
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "clean/block_classifier.h"

using namespace pith;

namespace {

StopwordSet English() {
  StopwordSet s;
  for (const char* w : {"the", "a", "of", "and", "to", "in", "on", "is", "was", "it", "that",
                        "for", "with", "as", "at", "by", "he", "they", "this", "from", "be"}) {
    s.Add(w);
  }
  return s;
}

const char* kProse =
    "The ministers met in Brussels on Thursday and agreed that the plan for the alliance "
    "was ready, and they said it is to be signed at the summit in the summer by all of them, "
    "as it was agreed in the spring at the meeting of the council.";

std::vector<Block> Measure(const std::vector<std::string>& texts) {
  static const StopwordSet stopwords = English();
  std::vector<Block> blocks(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    blocks[i].text = texts[i];
    MeasureBlock(stopwords, &blocks[i]);
  }
  return blocks;
}

}  // namespace

BOOST_AUTO_TEST_CASE(features_count_words_stopwords_and_sentence_ends) {
  const std::vector<std::string> texts = {"The end of it.", "Menu item", "He said \"yes.\""};
  const auto b = Measure(texts);
  BOOST_TEST(b[0].words == 4u);
  BOOST_TEST(b[0].stopwords == 3u);
  BOOST_TEST(b[0].sentence_end);
  BOOST_TEST(!b[1].sentence_end);
  BOOST_TEST(b[2].sentence_end);
}

BOOST_AUTO_TEST_CASE(long_prose_is_good_and_headline_lists_are_bad) {
  const std::vector<std::string> texts = {
      kProse,
      "Stoltenberg Expects NATO Defense Ministers Approve Plan Alliance Leading Role "
      "Coordinating Aid Ukraine Summit Washington"};
  auto b = Measure(texts);
  ClassifyBlocks(ParamsFor(Balance::kDefault), &b);
  BOOST_TEST((b[0].cls == BlockClass::kGood));
  BOOST_TEST((b[1].cls == BlockClass::kBad));
}

BOOST_AUTO_TEST_CASE(short_block_between_good_blocks_is_a_subheading_kept) {
  const std::vector<std::string> texts = {kProse, "A whole new app", kProse};
  auto b = Measure(texts);
  ClassifyBlocks(ParamsFor(Balance::kDefault), &b);
  BOOST_TEST((b[1].cls == BlockClass::kGood));
}

BOOST_AUTO_TEST_CASE(short_blocks_among_bad_ones_are_dropped) {
  const std::vector<std::string> texts = {"Home", "News", "Sport", kProse, "Contact", "About"};
  auto b = Measure(texts);
  ClassifyBlocks(ParamsFor(Balance::kDefault), &b);
  BOOST_TEST((b[0].cls == BlockClass::kBad));
  BOOST_TEST((b[3].cls == BlockClass::kGood));
  BOOST_TEST((b[5].cls == BlockClass::kBad));
}

BOOST_AUTO_TEST_CASE(forced_classes_win_over_features) {
  const std::vector<std::string> texts = {kProse, "x"};
  auto b = Measure(texts);
  b[0].forced_bad = true;
  b[1].forced_good = true;
  ClassifyBlocks(ParamsFor(Balance::kDefault), &b);
  BOOST_TEST((b[0].cls == BlockClass::kBad));
  BOOST_TEST((b[1].cls == BlockClass::kGood));
}

BOOST_AUTO_TEST_CASE(main_region_is_the_densest_run_of_good_text) {
  std::vector<Block> b(7);
  const BlockClass g = BlockClass::kGood, x = BlockClass::kBad;
  const BlockClass classes[] = {g, x, g, g, x, g, x};
  const std::size_t chars[] = {50, 400, 300, 300, 20, 300, 500};
  for (std::size_t i = 0; i < b.size(); ++i) {
    b[i].cls = classes[i];
    b[i].chars = chars[i];
  }
  const Region r = MainRegion(ParamsFor(Balance::kDefault), b);
  BOOST_TEST(r.first == 2u);
  BOOST_TEST(r.last == 6u);
}

BOOST_AUTO_TEST_CASE(no_good_block_gives_an_empty_region) {
  std::vector<Block> b(3);
  for (Block& block : b) block.chars = 10;
  BOOST_TEST(MainRegion(ParamsFor(Balance::kDefault), b).empty());
}

BOOST_AUTO_TEST_CASE(link_heavy_block_is_navigation) {
  const std::vector<std::string> texts = {kProse};
  auto b = Measure(texts);
  b[0].link_bytes = b[0].text.size() * 6 / 10;
  ClassifyBlocks(ParamsFor(Balance::kDefault), &b);
  BOOST_TEST((b[0].cls == BlockClass::kBad));
}

BOOST_AUTO_TEST_CASE(prose_with_a_few_inline_links_stays_good) {
  const std::vector<std::string> texts = {kProse};
  auto b = Measure(texts);
  b[0].link_bytes = b[0].text.size() / 5;
  ClassifyBlocks(ParamsFor(Balance::kDefault), &b);
  BOOST_TEST((b[0].cls == BlockClass::kGood));
}
