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
    MeasureBlock(&stopwords, &blocks[i]);
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

BOOST_AUTO_TEST_CASE(sentences_end_in_cjk_and_arabic_punctuation_too) {
  const auto b = Measure({"开业了！", "「ありがとう。」", "هل هذا صحيح؟", "相关阅读"});
  BOOST_TEST(b[0].sentence_end);
  BOOST_TEST(b[1].sentence_end);
  BOOST_TEST(b[2].sentence_end);
  BOOST_TEST(!b[3].sentence_end);
}

// Closing quotes and brackets, ASCII or not, are stepped over to the mark.
BOOST_AUTO_TEST_CASE(sentences_end_behind_closing_quotes_and_brackets) {
  const auto b = Measure({"Il a dit «oui.»", "He said “no.”", "(It rained.)", "(menu)", "«menu»"});
  BOOST_TEST(b[0].sentence_end);
  BOOST_TEST(b[1].sentence_end);
  BOOST_TEST(b[2].sentence_end);
  BOOST_TEST(!b[3].sentence_end);
  BOOST_TEST(!b[4].sentence_end);
}

BOOST_AUTO_TEST_CASE(wide_letters_are_words_and_count_twice_in_length) {
  const auto b = Measure({"滨江绿道全线贯通"});
  BOOST_TEST(b[0].words == 8u);
  BOOST_TEST(b[0].chars == 16u);
}

namespace {

std::vector<Block> MeasureUnlisted(const std::vector<std::string>& texts) {
  std::vector<Block> blocks(texts.size());
  for (std::size_t i = 0; i < texts.size(); ++i) {
    blocks[i].text = texts[i];
    MeasureBlock(nullptr, &blocks[i]);
  }
  return blocks;
}

}  // namespace

BOOST_AUTO_TEST_CASE(without_a_stopword_list_punctuated_prose_is_good_and_menus_bad) {
  const std::string chinese =
      "据市园林局介绍，绿道于2022年秋季开工，共分三期建设。此次贯通的最后一段位于铁路桥下方，"
      "施工难度较大，工程人员在不中断铁路运营的情况下，利用夜间窗口期完成了桥墩加固和栈道铺设。";
  const std::string arabic =
      "وتنتج المحطة نحو عشرين ألف متر مكعب من المياه يوميًا، وهو ما يكفي لتلبية احتياجات قرابة "
      "ثمانين ألف نسمة، بحسب ما أعلنته شركة المياه البلدية خلال حفل الافتتاح صباح الأربعاء.";
  const std::string menu =
      "首页 要闻 城事 财经 文旅 体育 视频 图片 专题 评论 数字报 客户端下载 登录 注册 联系我们";
  auto b = MeasureUnlisted({chinese, chinese, menu, arabic, arabic});
  BOOST_TEST(b[0].stopwords == 5 * 7u);  // 5 per mark: five commas, two full stops
  BOOST_TEST(b[2].stopwords == 0u);
  ClassifyBlocks(ParamsFor(Balance::kDefault), &b);
  for (const std::size_t i : {0, 1, 3, 4}) BOOST_TEST((b[i].cls == BlockClass::kGood), i);
  BOOST_TEST((b[2].cls == BlockClass::kBad));
}

BOOST_AUTO_TEST_CASE(ascii_marks_count_only_before_a_space_or_at_the_end) {
  // 1.6 and example.com are no sentence breaks.
  const auto b = MeasureUnlisted({"增长1.6亿元 见 example.com 网站, 完."});
  BOOST_TEST(b[0].stopwords == 5 * 2u);
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
