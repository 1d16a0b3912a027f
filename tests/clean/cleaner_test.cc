#define BOOST_TEST_MODULE cleaner
#include <boost/test/unit_test.hpp>

#include <atomic>
#include <memory>
#include <string>
#include <thread>

#include "clean/text_util.h"
#include "pith/pith.h"

using namespace pith;

namespace {

std::shared_ptr<const RuleSet> ShippedRules() {
  static const std::shared_ptr<const RuleSet> rules = [] {
    std::shared_ptr<const RuleSet> r;
    const Status s = LoadRules(RuleSources(), &r);
    BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
    return r;
  }();
  return rules;
}

Article Clean(RawPage page, CleanOptions options = CleanOptions()) {
  const Cleaner cleaner(ShippedRules(), options);
  return cleaner.Clean(page);
}

RawPage Page(std::string body, ContentKind kind = ContentKind::kAuto) {
  RawPage page;
  page.source = "test.txt";
  page.kind = kind;
  page.body = std::move(body);
  return page;
}

const std::string kArticle =
    "Home\nNews\nWorld\n\n"
    "Ministers agree plan for Ukraine\n\n"
    "At a two-day meeting, the defence ministers in Brussels will discuss increasing the "
    "support for Ukraine and strengthening the defence of the alliance, and they will also "
    "send a strong message to adversaries, the secretary general said on Wednesday.\n\n"
    "He also said that since the invasion in 2022 the allies have provided Ukraine with "
    "military support worth 40 billion euros a year, and that this level of support is to be "
    "kept as a minimum for as long as it takes.\n";

}  // namespace

BOOST_AUTO_TEST_CASE(a_text_dump_is_cleaned_into_body_and_fields) {
  const Article a = Clean(Page(kArticle));
  BOOST_TEST_REQUIRE(a.status.ok(), a.status.ToString());
  BOOST_TEST(a.source == "test.txt");
  BOOST_TEST(a.text.starts_with("At a two-day meeting"));
  BOOST_TEST(a.text.find("Home") == std::string::npos);
  BOOST_TEST(a.fields.title == "Ministers agree plan for Ukraine");
  BOOST_TEST(a.fields.language == "en");
}

BOOST_AUTO_TEST_CASE(empty_input_is_an_error_record) {
  const Article a = Clean(Page(" \n\t\n"));
  BOOST_TEST((a.status.code() == Status::Code::kEmpty));
  BOOST_TEST(a.source == "test.txt");
  BOOST_TEST(a.text.empty());
}

BOOST_AUTO_TEST_CASE(binary_input_is_an_error_record) {
  const Article a = Clean(Page(std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16)));
  BOOST_TEST((a.status.code() == Status::Code::kUnsupported));
  BOOST_TEST(a.status.message().find("binary") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(input_over_the_cap_is_an_error_record) {
  CleanOptions options;
  options.max_input_bytes = 100;
  const Article a = Clean(Page(kArticle), options);
  BOOST_TEST((a.status.code() == Status::Code::kTooLarge));
  BOOST_TEST(a.status.message().find("100-byte cap") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(loader_errors_pass_through_untouched) {
  RawPage page = Page("");
  page.source = "dump.jsonl#3";
  page.status = Status::Corruption("dump.jsonl:3: malformed JSON");
  const Article a = Clean(page);
  BOOST_TEST(a.status.ToString() == page.status.ToString());
  BOOST_TEST(a.source == "dump.jsonl#3");
}

BOOST_AUTO_TEST_CASE(invalid_bytes_in_utf8_are_replaced_not_dropped) {
  std::string dump = kArticle;
  dump.insert(dump.find("Wednesday"), "\xE2\x80\x94 in Brussels \xE2\x80\x94 \xFF");
  const Article a = Clean(Page(dump));
  BOOST_TEST_REQUIRE(a.status.ok(), a.status.ToString());
  BOOST_TEST(a.charset == "utf-8");
  BOOST_TEST(IsValidUtf8(a.text));
  BOOST_TEST(a.text.find("\xEF\xBF\xBD") != std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_page_in_a_legacy_charset_is_read_in_it) {
  // "Київ" in windows-1251, as the page's meta says.
  const std::string page =
      "<html><head><meta charset=windows-1251></head><body><p>\xCA\xE8\xBF\xE2 is the "
      "capital, and the ministers met there on Wednesday to discuss the support for the "
      "country and the defence of the alliance, as they said they would do this year.</p>"
      "<p>The meeting was the first of its kind since the summit, and it is expected that "
      "they will agree on a set of measures in response to the attacks of the winter.</p>"
      "</body></html>";
  const Article a = Clean(Page(page, ContentKind::kHtml));
  BOOST_TEST_REQUIRE(a.status.ok(), a.status.ToString());
  BOOST_TEST(a.charset == "windows-1251");
  BOOST_TEST(a.text.starts_with("\xD0\x9A\xD0\xB8\xD1\x97\xD0\xB2 is the capital"));
}

BOOST_AUTO_TEST_CASE(html_is_recognised_and_rendered_before_cleaning) {
  const Article a = Clean(Page(
      "<!DOCTYPE html><html lang=\"en\"><head><title>Plan agreed - Example News</title>"
      "<script>var x = 'menu';</script></head><body><nav><a href=/>Home</a></nav>"
      "<h1>Ministers agree plan for Ukraine</h1>"
      "<p>At a two-day meeting, the defence ministers in Brussels will discuss increasing the "
      "support for Ukraine and strengthening the defence of the alliance, and they will also "
      "send a strong message to adversaries, the secretary general said on Wednesday.</p>"
      "<p>He also said that since the invasion in 2022 the allies have provided Ukraine with "
      "military support worth 40 billion euros a year, and that this level of support is to be "
      "kept as a minimum for as long as it takes.</p></body></html>"));
  BOOST_TEST_REQUIRE(a.status.ok(), a.status.ToString());
  BOOST_TEST(a.text.starts_with("At a two-day meeting"));
  BOOST_TEST(a.text.find("var x") == std::string::npos);
  BOOST_TEST(a.fields.language == "en");
}

BOOST_AUTO_TEST_CASE(fields_the_input_states_win_over_found_ones) {
  RawPage page = Page(kArticle);
  page.given.title = "Given title";
  page.given.date = "2020-01-02";
  page.given.url = "https://news.example.org/a";
  const Article a = Clean(page);
  BOOST_TEST(a.fields.title == "Given title");
  BOOST_TEST(a.fields.date == "2020-01-02");
  BOOST_TEST(a.fields.url == "https://news.example.org/a");
}

BOOST_AUTO_TEST_CASE(a_page_without_article_text_says_so) {
  const Article a = Clean(Page("Home\nNews\nSport\nContact\n"));
  BOOST_TEST((a.status.code() == Status::Code::kEmpty));
  BOOST_TEST(a.status.message() == "no article text found");
}

BOOST_AUTO_TEST_CASE(one_cleaner_serves_many_threads) {
  const Cleaner cleaner(ShippedRules(), CleanOptions());
  const Article want = cleaner.Clean(Page(kArticle));
  std::vector<std::thread> threads;
  std::atomic<int> mismatches{0};
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        if (cleaner.Clean(Page(kArticle)).text != want.text) ++mismatches;
      }
    });
  }
  for (auto& t : threads) t.join();
  BOOST_TEST(mismatches.load() == 0);
}

BOOST_AUTO_TEST_CASE(prose_outside_the_article_container_is_left_out) {
  const std::string teaser =
      "<div class=promo-box><p>In other news, the council said on Monday that it would look "
      "again at the plan for the town centre, and that a decision was expected in the "
      "autumn after a consultation with the residents of the area.</p></div>";
  const Article a = Clean(Page(
      "<html><body>" + teaser +
          "<article><h1>Ministers agree plan for Ukraine</h1>"
          "<p>At a two-day meeting, the defence ministers in Brussels will discuss increasing "
          "the support for Ukraine and strengthening the defence of the alliance, and they will "
          "also send a strong message to adversaries, the secretary general said on Wednesday.</p>"
          "<p>He also said that since the invasion in 2022 the allies have provided Ukraine with "
          "military support worth 40 billion euros a year, and that this level of support is to "
          "be kept as a minimum for as long as it takes.</p></article></body></html>",
      ContentKind::kHtml));
  BOOST_TEST_REQUIRE(a.status.ok(), a.status.ToString());
  BOOST_TEST(a.text.starts_with("At a two-day meeting"));
  BOOST_TEST(a.text.find("council") == std::string::npos);
}

BOOST_AUTO_TEST_CASE(a_page_whose_only_text_pruning_took_is_read_whole) {
  const Article a = Clean(Page(
      "<html><body><div class=sidebar>"
      "<p>At a two-day meeting, the defence ministers in Brussels will discuss increasing "
      "the support for Ukraine and strengthening the defence of the alliance, and they will "
      "also send a strong message to adversaries, the secretary general said on Wednesday.</p>"
      "<p>He also said that since the invasion in 2022 the allies have provided Ukraine with "
      "military support worth 40 billion euros a year, and that this level of support is to "
      "be kept as a minimum for as long as it takes.</p></div></body></html>",
      ContentKind::kHtml));
  BOOST_TEST_REQUIRE(a.status.ok(), a.status.ToString());
  BOOST_TEST(a.text.starts_with("At a two-day meeting"));
}

namespace {

const std::string kCommentedPage =
    "<html><body><article><h1>Ministers agree plan for Ukraine</h1>"
    "<p>At a two-day meeting, the defence ministers in Brussels will discuss increasing the "
    "support for Ukraine and strengthening the defence of the alliance, and they will also "
    "send a strong message to adversaries, the secretary general said on Wednesday.</p>"
    "<p>He also said that since the invasion in 2022 the allies have provided Ukraine with "
    "military support worth 40 billion euros a year, and that this level of support is to be "
    "kept as a minimum for as long as it takes.</p></article>"
    "<div id=comments><h3>2 Comments</h3>"
    "<div class=comment><div>Colin Marsh</div><div>5 months ago</div>"
    "<p>Forty billion a year sounds like a lot.</p><span>Reply</span></div>"
    "<div class=comment><div>Pete W</div><div>5 months ago</div>"
    "<p>Agreed, a pledge is only as good as the budgets behind it.</p><span>Reply</span></div>"
    "</div></body></html>";

}  // namespace

BOOST_AUTO_TEST_CASE(comments_option_fills_comments_and_leaves_the_body_alone) {
  CleanOptions with;
  with.comments = true;
  const Article on = Clean(Page(kCommentedPage, ContentKind::kHtml), with);
  const Article off = Clean(Page(kCommentedPage, ContentKind::kHtml));
  BOOST_TEST_REQUIRE(on.status.ok(), on.status.ToString());
  BOOST_TEST(on.text == off.text);
  BOOST_TEST(on.text.find("Forty billion") == std::string::npos);
  BOOST_TEST(off.comments.empty());
  BOOST_TEST(on.comments ==
             "Forty billion a year sounds like a lot.\n\n"
             "Agreed, a pledge is only as good as the budgets behind it.");
}

BOOST_AUTO_TEST_CASE(comments_of_a_dump_follow_the_marker_that_opens_them) {
  CleanOptions with;
  with.comments = true;
  const Article a = Clean(Page(kArticle +
                               "\n2 Comments\nDeborah July 23, 2012 at 4:39 am\nGreat piece.\n"
                               "Reply\nTom Baker July 24, 2012 at 9:00 am\nI disagree.\n"),
                          with);
  BOOST_TEST_REQUIRE(a.status.ok(), a.status.ToString());
  BOOST_TEST(a.text.find("Great piece") == std::string::npos);
  BOOST_TEST(a.comments == "Great piece.\n\nI disagree.");
}

BOOST_AUTO_TEST_CASE(markdown_option_renders_the_kept_lines_and_leaves_the_body_alone) {
  const std::string page =
      "<html><body><article><h1>Ministers agree plan for Ukraine</h1>"
      "<p>At a two-day meeting, the <b>defence ministers</b> in Brussels will discuss increasing "
      "the support for Ukraine and strengthening the defence of the alliance, and they will also "
      "send a strong message to adversaries, the secretary general said on Wednesday.</p>"
      "<h2>What was agreed</h2><ul><li>forty billion euros a year</li>"
      "<li>a <a href=\"https://example.org/news/2024/plan\">new command</a> in Wiesbaden</li></ul>"
      "<p>He also said that since the invasion in 2022 the allies have provided Ukraine with "
      "military support worth 40 billion euros a year, and that this level of support is to be "
      "kept as a minimum for as long as it takes.</p></article></body></html>";
  CleanOptions with;
  with.markdown = true;
  const Article on = Clean(Page(page, ContentKind::kHtml), with);
  const Article off = Clean(Page(page, ContentKind::kHtml));
  BOOST_TEST_REQUIRE(on.status.ok(), on.status.ToString());
  BOOST_TEST(on.text == off.text);
  BOOST_TEST(off.markdown.empty());
  BOOST_TEST(on.markdown.starts_with("At a two-day meeting, the **defence ministers** in"),
             on.markdown);
  BOOST_TEST(on.markdown.find("\n\n## What was agreed\n\n- forty billion euros a year\n"
                              "- a [new command](https://example.org/news/2024/plan) in Wiesbaden\n\n"
                              "He also said") != std::string::npos,
             on.markdown);
  BOOST_TEST(on.markdown.find("# Ministers") == std::string::npos);  // the title is a field
}

BOOST_AUTO_TEST_CASE(markdown_of_a_dump_is_its_body) {
  CleanOptions with;
  with.markdown = true;
  const Article a = Clean(Page(kArticle), with);
  BOOST_TEST_REQUIRE(a.status.ok(), a.status.ToString());
  BOOST_TEST(a.markdown == a.text);
}

BOOST_AUTO_TEST_CASE(markdown_keeps_a_code_block_whole_once) {
  const std::string page =
      "<html><body><article><h1>Summing a large file without running out of memory</h1>"
      "<p>The standard library's csv module reads one row at a time, so a generator that yields "
      "rows never holds more than one of them in memory, however large the file grows.</p>"
      "<pre><code>import csv\n\ndef rows(path):\n    with open(path) as f:\n"
      "        yield from csv.reader(f)\n</code></pre>"
      "<p>Passing the newline argument matters: without it, quoted fields that contain line "
      "breaks are split in the wrong place, and the totals come out wrong.</p>"
      "</article></body></html>";
  CleanOptions with;
  with.markdown = true;
  const Article a = Clean(Page(page, ContentKind::kHtml), with);
  BOOST_TEST_REQUIRE(a.status.ok(), a.status.ToString());
  BOOST_TEST(a.markdown.find("of them in memory, however large the file grows.\n\n"
                             "```\nimport csv\n\ndef rows(path):\n    with open(path) as f:\n"
                             "        yield from csv.reader(f)\n```\n\nPassing the newline") !=
                 std::string::npos,
             a.markdown);
}
