#define BOOST_TEST_MODULE text_cleaner
#include <boost/test/unit_test.hpp>

#include <algorithm>
#include <cctype>
#include <memory>
#include <string>
#include <vector>

#include "clean/rules.h"
#include "clean/text_cleaner.h"
#include "tests/test_rules.h"

using namespace pith;

namespace {

const RuleSet& Rules() {
  static const std::unique_ptr<const RuleSet> rules = testing::TestRules(
      "[generic]\n"
      "end ^MORE ABOUT$\n"
      "end ^\\d+ comments?$\n"
      "drop ^AD$\n"
      "drop ^\\d+ min read$\n"
      "section ^Sponsored$ => ^End of sponsored$\n"
      "field ^Tags:\\s*(?<tags>.+)$\n"
      "field ^By (?<author>[\\w .]+)$\n",
      "the\na\nof\nand\nto\nin\non\nis\nwas\nit\nthat\nfor\nwith\nas\nat\nby\n"
      "he\nthey\nthis\nfrom\nbe\nwill\nhas\nhave\nan\nits\nour\nwe\n");
  return *rules;
}

TextCleanResult Clean(const std::string& dump, Balance balance = Balance::kDefault) {
  return CleanTextDump(dump, nullptr, Rules().ForUrl(""), Rules(), balance);
}

const std::string kPara1 =
    "At a two-day meeting, the defence ministers in Brussels will discuss increasing the "
    "support for Ukraine and strengthening the defence of the alliance, and they will also "
    "send a strong message to adversaries, the secretary general said on Wednesday.";
const std::string kPara2 =
    "He also said that since the invasion in 2022 the allies have provided Ukraine with "
    "military support worth 40 billion euros a year, and that this level of support is to be "
    "kept as a minimum for as long as it takes.";
const std::string kPara3 =
    "The ministers will also discuss the growing campaign of hostile actions in the member "
    "countries, the hallmarks of which include sabotage and cyberattacks, and it is expected "
    "that they will agree on a set of measures in response.";

}  // namespace

BOOST_AUTO_TEST_CASE(seed_header_date_is_parsed_and_removed) {
  const auto r = Clean(" date 2024-06-12 " + kPara1 + "\n\n" + kPara2);
  BOOST_TEST(r.fields.date == "2024-06-12");
  BOOST_TEST(r.body == kPara1 + "\n\n" + kPara2);
}

BOOST_AUTO_TEST_CASE(paragraphs_are_joined_by_one_blank_line_whatever_the_renderer) {
  const auto r = Clean(kPara1 + "\n" + kPara2 + "\n\n\n\n" + kPara3 + "\n");
  BOOST_TEST(r.body == kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3);
}

BOOST_AUTO_TEST_CASE(menus_and_headline_lists_around_the_body_are_dropped) {
  const auto r = Clean(
      "Home\nNews\nWorld\nSport\nContact\n\n" + kPara1 + "\n\n" + kPara2 + "\n\n" +
      "Latest stories\nMinisters Approve Plan For Aid\nStoltenberg Visits Kyiv Again\n"
      "Summit Date Set For July\n");
  BOOST_TEST(r.body == kPara1 + "\n\n" + kPara2);
}

BOOST_AUTO_TEST_CASE(title_printed_twice_becomes_the_title_not_body) {
  const std::string title = "Ministers to approve plan for aid to Ukraine";
  const auto r = Clean("News\n" + title + "\n2 min read\n" + title + "\n\n" + kPara1 + "\n\n" +
                       kPara2);
  BOOST_TEST(r.fields.title == title);
  BOOST_TEST(r.body.find(title) == std::string::npos);
}

BOOST_AUTO_TEST_CASE(heading_before_the_body_is_the_title) {
  const std::string title = "Ministers agree plan for Ukraine";
  const auto r = Clean("Menu\n\n" + title + "\n\n" + kPara1 + "\n\n" + kPara2);
  BOOST_TEST(r.fields.title == title);
  BOOST_TEST(r.body == kPara1 + "\n\n" + kPara2);
}

BOOST_AUTO_TEST_CASE(end_marker_cuts_everything_after_the_body) {
  const auto r = Clean(kPara1 + "\n\n" + kPara2 + "\n\nMORE ABOUT\n\n" + kPara3);
  BOOST_TEST(r.body == kPara1 + "\n\n" + kPara2);
}

BOOST_AUTO_TEST_CASE(end_marker_before_the_body_is_only_dropped) {
  const auto r = Clean("MORE ABOUT\n\n" + kPara1 + "\n\n" + kPara2);
  BOOST_TEST(r.body == kPara1 + "\n\n" + kPara2);
}

BOOST_AUTO_TEST_CASE(comment_thread_after_its_marker_is_cut) {
  const auto r = Clean(kPara1 + "\n\n" + kPara2 + "\n\n3 Comments\n\nJohn\n2 days ago\n" + kPara3 +
                       "\nReply\n");
  BOOST_TEST(r.body == kPara1 + "\n\n" + kPara2);
}

BOOST_AUTO_TEST_CASE(section_between_markers_is_dropped) {
  const auto r = Clean(kPara1 + "\n\nSponsored\n" + kPara3 + "\nEnd of sponsored\n\n" + kPara2);
  BOOST_TEST(r.body == kPara1 + "\n\n" + kPara2);
}

BOOST_AUTO_TEST_CASE(field_lines_fill_fields_and_leave_the_body) {
  const auto r = Clean("By Jane Doe\n\n" + kPara1 + "\n\n" + kPara2 + "\n\nTags: #nato #stoltenberg");
  BOOST_TEST(r.fields.author == "Jane Doe");
  const std::vector<std::string> tags = {"nato", "stoltenberg"};
  BOOST_TEST(r.fields.tags == tags, boost::test_tools::per_element());
  BOOST_TEST(r.body == kPara1 + "\n\n" + kPara2);
}

BOOST_AUTO_TEST_CASE(date_line_gives_the_date_and_leaves_the_body) {
  const auto r = Clean("20:59 12.06.2024\n\n" + kPara1 + "\n\n" + kPara2);
  BOOST_TEST(r.fields.date == "2024-06-12");
  BOOST_TEST(r.body == kPara1 + "\n\n" + kPara2);
}

BOOST_AUTO_TEST_CASE(subheading_inside_the_body_is_kept) {
  const auto r = Clean(kPara1 + "\n\nA whole new plan\n\n" + kPara2);
  BOOST_TEST(r.body == kPara1 + "\n\nA whole new plan\n\n" + kPara2);
}

BOOST_AUTO_TEST_CASE(a_dump_without_prose_has_no_body) {
  BOOST_TEST(Clean("Home\nNews\nSport\nContact us\n").body.empty());
  BOOST_TEST(Clean("").body.empty());
}

BOOST_AUTO_TEST_CASE(a_commenters_byline_after_the_end_is_not_the_author) {
  const auto r = Clean(kPara1 + "\n\n" + kPara2 + "\n\n3 Comments\n\nBy Joe Bloggs\n" + kPara3);
  BOOST_TEST(r.fields.author.empty());
}

BOOST_AUTO_TEST_CASE(a_title_the_page_states_is_the_line_taken_out) {
  const std::string title = "Ministers agree plan for Ukraine";
  const auto r = CleanTextDump("Menu\n\nThe Daily Courier\n\n" + title + "\n\nNATO news\n\n" +
                                   kPara1 + "\n\n" + kPara2,
                               nullptr, Rules().ForUrl(""), Rules(), Balance::kDefault,
                               title + " | The Daily Courier");
  BOOST_TEST(r.fields.title == title);
  BOOST_TEST(r.body == kPara1 + "\n\n" + kPara2);
}

namespace {

// A rendered page as the HTML cleaner hands it over: one line per entry of
// lines, those at the indexes of root marked as in the content root.
TextCleanResult CleanRendered(const std::vector<std::string>& lines,
                              const std::vector<std::size_t>& root,
                              std::string_view known_title = {}) {
  std::string text;
  std::vector<LineMarkup> markup;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (i > 0) {
      text += "\n\n";
      markup.emplace_back();  // the blank line
    }
    text += lines[i];
    LineMarkup line;
    line.in_root = std::find(root.begin(), root.end(), i) != root.end();
    markup.push_back(line);
  }
  return CleanTextDump(text, &markup, Rules().ForUrl(""), Rules(), Balance::kDefault,
                       known_title);
}

}  // namespace

BOOST_AUTO_TEST_CASE(the_content_root_keeps_its_short_lines_and_drops_prose_outside) {
  const auto r = CleanRendered(
      {kPara3, "Ministers agree plan", kPara1, "Figures for 2024", kPara2, "AD"}, {2, 3, 4, 5});
  BOOST_TEST(r.body == kPara1 + "\n\nFigures for 2024\n\n" + kPara2);
}

BOOST_AUTO_TEST_CASE(a_root_with_little_of_the_good_text_is_not_taken) {
  // The root holds a caption; the article's prose lies outside it.
  const auto r = CleanRendered({kPara1, kPara2, kPara3, "Photo of the ministers"}, {3});
  BOOST_TEST(r.body == kPara1 + "\n\n" + kPara2 + "\n\n" + kPara3);
}

BOOST_AUTO_TEST_CASE(a_short_post_under_its_headline_is_the_body) {
  // The longest prose on the page is the blog's "about" box; the post under
  // the headline is two short lines.
  const std::string title = "Twenty repurposed chairs";
  const auto r = CleanRendered({kPara1, title, "via example.com", "Reuse with a purpose."},
                               {2, 3}, title);
  BOOST_TEST(r.body == "via example.com\n\nReuse with a purpose.");
}

BOOST_AUTO_TEST_CASE(a_standfirst_is_body_and_the_kicker_and_byline_are_not) {
  const std::string title = "Ministers agree plan for Ukraine";
  const std::string standfirst = "The allies will lead the coordination of aid to the country";
  const auto r = CleanRendered({"Defence", title, standfirst, "Jane Doe, 12 June 2024", kPara1,
                                kPara2},
                               {0, 1, 2, 3, 4, 5}, title);
  BOOST_TEST(r.body == standfirst + "\n\n" + kPara1 + "\n\n" + kPara2);
}

BOOST_AUTO_TEST_CASE(a_line_of_links_in_the_root_is_left_out) {
  const std::string links = "Read more about the summit";
  std::string text = kPara1 + "\n\n" + links + "\n\n" + kPara2;
  std::vector<LineMarkup> markup(5);
  for (LineMarkup& m : markup) m.in_root = true;
  markup[2].link_bytes = links.size();
  const auto r = CleanTextDump(text, &markup, Rules().ForUrl(""), Rules(),
                               Balance::kDefault);
  BOOST_TEST(r.body == kPara1 + "\n\n" + kPara2);
}

BOOST_AUTO_TEST_CASE(a_short_paragraph_after_a_box_left_out_of_the_root_is_body) {
  // The box of links between the paragraphs weighs more than the last one.
  const std::string last = "The plan is to be signed at the summit in July by all of them.";
  const auto r = CleanRendered({kPara1, kPara2, "Related", "Ministers Approve Plan For Aid Today",
                                "Stoltenberg Visits Kyiv Again This Week", last},
                               {0, 1, 5});
  BOOST_TEST(r.body == kPara1 + "\n\n" + kPara2 + "\n\n" + last);
}

BOOST_AUTO_TEST_CASE(a_remark_after_a_box_left_out_of_the_root_is_not_body) {
  const auto r = CleanRendered(
      {kPara1, kPara2, "Comments", "Log in to leave a comment", "No comments yet."}, {0, 1, 4});
  BOOST_TEST(r.body == kPara1 + "\n\n" + kPara2);
}

BOOST_AUTO_TEST_CASE(a_page_in_a_language_without_stopwords_is_judged_by_punctuation) {
  // Chinese: no list in the rule set, no spaces between words.
  const std::string para1 =
      "6月12日上午，全长28公里的滨江绿道正式全线贯通。市民从北岸的湿地公园出发，沿江骑行或步行，"
      "不到两个小时即可抵达老城区的码头广场。";
  const std::string para2 =
      "据市园林局介绍，绿道于2022年秋季开工，共分三期建设。此次贯通的最后一段位于铁路桥下方，"
      "施工难度较大，工程人员在不中断铁路运营的情况下，利用夜间窗口期完成了桥墩加固和栈道铺设。";
  const auto r = Clean("首页\n要闻\n城事\n当前位置：首页 > 城事 > 正文\n" + para1 + "\n" + para2 +
                       "\n热点新闻\n地铁6号线二期开始试运行\n端午假期全市接待游客超百万人次\n");
  BOOST_TEST(r.fields.language == "zh");
  BOOST_TEST(r.body == para1 + "\n\n" + para2);
}

BOOST_AUTO_TEST_CASE(a_caption_with_a_sentence_break_is_not_the_headline) {
  // Japanese: the caption between headline and body is longer than the
  // headline, but its "。" ends a sentence inside it.
  const std::string headline = "廃校を宿泊施設に　川霧町で「ひがし学舎」開業";
  const std::string para1 =
      "川霧町で、2019年に閉校した旧東小学校の校舎を改修した宿泊施設「ひがし学舎」が15日に開業した。"
      "教室を客室に改装し、最大40人が宿泊できる。";
  const std::string para2 =
      "黒板や木製の机はそのまま残し、理科室は地元の食材を使う食堂に、音楽室はテレワーク用の共有"
      "スペースに生まれ変わった。体育館は町民にも開放し、週末には朝市を開く予定だという。";
  const auto r = Clean("トップ\n地域\n" + headline + "\n2024年4月15日 18時30分\n" +
                       "教室を改装した客室。黒板も当時のまま残されている＝15日、川霧町で\n" + para1 +
                       "\n" + para2 + "\n");
  BOOST_TEST(r.fields.title == headline);
  BOOST_TEST(r.fields.date == "2024-04-15");
}

BOOST_AUTO_TEST_CASE(the_mastheads_date_above_the_headline_gives_way_to_the_bylines) {
  const std::string title = "Ministers agree plan for aid to Ukraine";
  const auto r = Clean("Thursday, June 13, 2024 | Subscribe | Log in\nNews\n" + title +
                       "\nBy Jane Doe, June 12, 2024\n" + kPara1 + "\n\n" + kPara2);
  BOOST_TEST(r.fields.title == title);
  BOOST_TEST(r.fields.date == "2024-06-12");
  // With no other date, the one above the headline stands.
  BOOST_TEST(Clean("June 13, 2024 | Log in\n" + title + "\n" + kPara1 + "\n\n" + kPara2)
                 .fields.date == "2024-06-13");
}

BOOST_AUTO_TEST_CASE(a_paragraph_printed_twice_keeps_its_first_copy) {
  const std::string para =
      "The ministers said that the plan will be agreed at the summit in July, and that it is "
      "to be kept in force.";
  const auto r = Clean(kPara1 + "\n\n" + para + "\n\n" + kPara2 + "\n\n" + para);
  BOOST_TEST(r.body == kPara1 + "\n\n" + para + "\n\n" + kPara2);
}

// Repeats are found regardless of case: a page's all-caps copy of a
// paragraph is the same text.
BOOST_AUTO_TEST_CASE(a_paragraph_printed_again_in_capitals_is_a_repeat) {
  const std::string para =
      "The ministers said that the plan will be agreed at the summit in July, and that it is "
      "to be kept in force.";
  std::string caps = para;
  std::transform(caps.begin(), caps.end(), caps.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  const auto r = Clean(kPara1 + "\n\n" + para + "\n\n" + kPara2 + "\n\n" + caps);
  BOOST_TEST(r.body == kPara1 + "\n\n" + para + "\n\n" + kPara2);
}

BOOST_AUTO_TEST_CASE(a_dated_byline_followed_by_a_long_body_is_not_a_comment_header) {
  // One header, then more prose than a comment holds, then the comments.
  const auto r = Clean(kPara3 + "\n\nBy Jane Doe on June 12, 2024\n\n" + kPara1 + "\n\n" +
                       kPara2 + "\n\n" + kPara3 + "\n\n" + kPara1 + "\n\n3 comments\n\n" +
                       "Joe on June 13, 2024 at 9:15 am\n\nGreat piece.");
  BOOST_TEST(r.body.find(kPara2) != std::string::npos);
  BOOST_TEST(r.body.find("Great piece") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_code_block_keeps_its_lines_and_indentation) {
  const std::string code = "for row in rows:\n    total += row\n\nprint(total)";
  const std::string text = kPara1 + "\n\n" + code + "\n\n" + kPara2;
  std::vector<LineMarkup> markup(9);
  for (LineMarkup& m : markup) m.in_root = true;
  for (std::size_t i : {2u, 3u, 5u}) markup[i].pre_block = 1;
  const auto r = CleanTextDump(text, &markup, Rules().ForUrl(""), Rules(),
                               Balance::kDefault);
  BOOST_TEST(r.body == kPara1 + "\n\n" + code + "\n\n" + kPara2);
}

BOOST_AUTO_TEST_CASE(an_author_box_of_any_author_the_page_names_ends_the_body) {
  const auto r = CleanTextDump(kPara1 + "\n\n" + kPara2 + "\n\nJohn Roe\n\n" +
                                   "John Roe is the health reporter of the paper and he has "
                                   "written for it since 2019, mostly on the hospitals.",
                               nullptr, Rules().ForUrl(""), Rules(), Balance::kDefault, {},
                               "Jane Doe; John Roe");
  BOOST_TEST(r.body == kPara1 + "\n\n" + kPara2);
}

BOOST_AUTO_TEST_CASE(a_byline_well_below_the_article_is_a_teasers_not_the_authors) {
  const auto r = Clean(kPara1 + "\n\n" + kPara2 +
                       "\n\nHome\n\nNews\n\nSport\n\nWeather\n\nBy Joe Bloggs\n\nA teaser headline");
  BOOST_TEST(r.body == kPara1 + "\n\n" + kPara2);
  BOOST_TEST(r.fields.author.empty());
  // Just below the article, a byline is the article's.
  BOOST_TEST(Clean(kPara1 + "\n\n" + kPara2 + "\n\nBy Joe Bloggs").fields.author == "Joe Bloggs");
}

// The cleaner prepares a page once and cleans it again in recall mode when
// the first result is short: each balance must give what cleaning the text
// afresh gives, in any order, and preparing must keep nothing that a
// cleaning changes (repeats are dropped by each balance's own thresholds).
BOOST_AUTO_TEST_CASE(a_prepared_page_cleans_as_the_text_does_at_every_balance) {
  const std::string dump =
      " date 2024-06-12 Home\nNews\n\nMinisters agree plan for Ukraine\nBy Jane Doe\n2 min read\n\n"
      "Ministers agree plan for Ukraine\n\n" +
      kPara1 + "\n\nSponsored\n" + kPara3 + "\nEnd of sponsored\n\nShort note on the talks.\n\n" +
      kPara2 + "\n\n" + kPara1 + "\n\nTags: #nato #stoltenberg\n3 comments\n\n" +
      "Joe on June 13, 2024 at 9:15 am\nGreat piece, thanks for it.\n\n" +
      "Ann on June 13, 2024 at 10:02 am\nI agree with this, it is the right plan for now.\n\n" +
      "Bob on June 14, 2024 at 8:00 am\nNot so sure about that.\n";
  const RuleScope scope = Rules().ForUrl("");
  // As rendered from a page too: the markup marks a content root and gives
  // each line a Markdown form.
  std::vector<LineMarkup> markup;
  std::size_t line_number = 0;
  for (std::size_t pos = 0; pos <= dump.size(); ++line_number) {
    std::size_t end = dump.find('\n', pos);
    if (end == std::string::npos) end = dump.size();
    LineMarkup line;
    line.in_root = line_number >= 6 && line_number < 20;
    if (end > pos) line.markdown = "*" + dump.substr(pos, end - pos) + "*";
    markup.push_back(std::move(line));
    pos = end + 1;
  }
  const std::vector<LineMarkup>* const markups[] = {&markup, nullptr};
  for (const std::vector<LineMarkup>* page_markup : markups) {
    const PreparedDump page = PrepareTextDump(dump, page_markup, scope, Rules());
    for (int pass = 0; pass < 2; ++pass) {
      for (Balance balance : {Balance::kDefault, Balance::kRecall, Balance::kPrecision}) {
        const TextCleanResult fresh =
            CleanTextDump(dump, page_markup, scope, Rules(), balance, "", "Jane Doe",
                          /*with_comments=*/true, /*markdown=*/page_markup != nullptr);
        const TextCleanResult prepared =
            CleanPreparedDump(page, scope, balance, "", "Jane Doe", /*with_comments=*/true,
                              /*markdown=*/page_markup != nullptr);
        BOOST_TEST_CONTEXT("markup " << (page_markup != nullptr) << ", pass " << pass
                                     << ", balance " << static_cast<int>(balance)) {
          BOOST_TEST(!fresh.body.empty());
          BOOST_TEST(!fresh.comments.empty());
          BOOST_TEST(fresh.markdown.empty() == (page_markup == nullptr));
          BOOST_TEST(prepared.body == fresh.body);
          BOOST_TEST(prepared.markdown == fresh.markdown);
          BOOST_TEST(prepared.comments == fresh.comments);
          BOOST_TEST(prepared.fields.title == fresh.fields.title);
          BOOST_TEST(prepared.fields.date == fresh.fields.date);
          BOOST_TEST(prepared.fields.author == fresh.fields.author);
          BOOST_TEST(prepared.fields.language == fresh.fields.language);
          BOOST_TEST(prepared.fields.tags == fresh.fields.tags, boost::test_tools::per_element());
        }
      }
    }
  }
}
