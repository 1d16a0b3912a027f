#define BOOST_TEST_MODULE html_metadata
#include <boost/test/unit_test.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "clean/dates.h"
#include "clean/html_document.h"
#include "clean/html_metadata.h"

namespace pith {
namespace {

// Later than every date below but one, so the future-date test can pass a
// date past it.
constexpr Day kLatest{2025, 1, 1};

HtmlMetadata Extract(const std::string& html, std::string_view url = "") {
  const HtmlDocument document(html);
  return ExtractHtmlMetadata(document, url, kLatest);
}

Fields Meta(const std::string& html, std::string_view url = "") {
  return Extract(html, url).fields;
}

std::string Page(const std::string& head, const std::string& body = "") {
  return "<!DOCTYPE html><html><head>" + head + "</head><body>" + body + "</body></html>";
}

std::string JsonLd(const std::string& json) {
  return "<script type=\"application/ld+json\">" + json + "</script>";
}

// ---------------------------------------------------------------- JSON-LD

BOOST_AUTO_TEST_CASE(json_ld_article_gives_every_field) {
  const HtmlMetadata m = Extract(Page(JsonLd(R"({
    "@context": "https://schema.org", "@type": "NewsArticle",
    "headline": "Dam burst floods the valley",
    "datePublished": "2024-06-12T20:59:00+03:00",
    "author": {"@type": "Person", "name": "Olena Kovalenko"},
    "publisher": {"@type": "Organization", "name": "Kyiv Daily"},
    "keywords": ["floods", "Kherson"],
    "description": "Water rose overnight.",
    "image": {"@type": "ImageObject", "url": "https://kd.example/dam.jpg"},
    "mainEntityOfPage": {"@type": "WebPage", "@id": "https://kd.example/news/dam"},
    "articleBody": "Water rose overnight in the valley."})")));
  BOOST_TEST(m.fields.title == "Dam burst floods the valley");
  BOOST_TEST(m.fields.date == "2024-06-12");
  BOOST_TEST(m.fields.author == "Olena Kovalenko");
  BOOST_TEST(m.fields.sitename == "Kyiv Daily");
  BOOST_TEST(m.fields.tags == (std::vector<std::string>{"floods", "Kherson"}),
             boost::test_tools::per_element());
  BOOST_TEST(m.fields.description == "Water rose overnight.");
  BOOST_TEST(m.fields.image == "https://kd.example/dam.jpg");
  BOOST_TEST(m.fields.url == "https://kd.example/news/dam");
  BOOST_TEST(m.article_body == "Water rose overnight in the valley.");
}

BOOST_AUTO_TEST_CASE(json_ld_article_is_found_in_a_graph_with_references) {
  // Yoast's shape: the article refers to its author and publisher by @id.
  const Fields f = Meta(Page(JsonLd(R"({"@context": "https://schema.org", "@graph": [
    {"@type": "WebSite", "@id": "https://b.example/#website", "name": "Field Notes"},
    {"@type": "WebPage", "@id": "https://b.example/p/#webpage", "name": "Post | Field Notes"},
    {"@type": ["Article", "BlogPosting"], "headline": "Post",
     "author": {"@id": "https://b.example/#/person/1"},
     "publisher": {"@id": "https://b.example/#org"},
     "datePublished": "2023-03-04T10:00:00Z"},
    {"@type": "Person", "@id": "https://b.example/#/person/1", "name": "Ann Lee"},
    {"@type": "Organization", "@id": "https://b.example/#org", "name": "Field Notes Ltd"}]})")));
  BOOST_TEST(f.title == "Post");
  BOOST_TEST(f.author == "Ann Lee");
  BOOST_TEST(f.sitename == "Field Notes Ltd");  // the publisher before the WebSite node
  BOOST_TEST(f.date == "2023-03-04");
}

BOOST_AUTO_TEST_CASE(json_ld_top_level_array_and_any_article_type_are_read) {
  const Fields f = Meta(Page(JsonLd(R"([
    {"@type": "BreadcrumbList", "itemListElement": []},
    {"@type": "http://schema.org/ReportageNewsArticle", "name": "From the front",
     "datePublished": "2022-02-24"}])")));
  BOOST_TEST(f.title == "From the front");
  BOOST_TEST(f.date == "2022-02-24");
}

BOOST_AUTO_TEST_CASE(json_ld_author_arrays_are_joined_with_semicolons) {
  const Fields f = Meta(Page(JsonLd(R"({"@type": "Article", "headline": "x",
    "author": [{"@type": "Person", "name": "Ann Lee"}, "Bob Stone",
               {"@type": "Organization", "name": "Reuters"}]})")));
  BOOST_TEST(f.author == "Ann Lee; Bob Stone; Reuters");
}

BOOST_AUTO_TEST_CASE(json_ld_keywords_as_a_comma_string_and_image_as_an_array) {
  const Fields f = Meta(Page(JsonLd(R"({"@type": "BlogPosting", "headline": "x",
    "keywords": "war, energy ,  grid", "image": ["https://x.example/1.jpg", "https://x.example/2.jpg"]})")));
  BOOST_TEST(f.tags == (std::vector<std::string>{"war", "energy", "grid"}),
             boost::test_tools::per_element());
  BOOST_TEST(f.image == "https://x.example/1.jpg");
}

BOOST_AUTO_TEST_CASE(json_ld_published_date_wins_over_modified_whatever_the_order) {
  const Fields f = Meta(Page(JsonLd(R"({"@type": "NewsArticle", "headline": "x",
    "dateModified": "2024-06-14T08:00:00Z", "datePublished": "2024-06-12T08:00:00Z"})")));
  BOOST_TEST(f.date == "2024-06-12");
}

BOOST_AUTO_TEST_CASE(modified_date_is_used_only_when_no_published_date_is_stated) {
  BOOST_TEST(Meta(Page(JsonLd(R"({"@type": "NewsArticle", "headline": "x",
    "dateModified": "2024-06-14T08:00:00Z"})")))
                 .date == "2024-06-14");
  // A published date from a weaker source still beats a modified one.
  BOOST_TEST(Meta(Page(R"(<meta property="article:modified_time" content="2024-06-14">)",
                       R"(<p class="date">Published 12 June 2024</p>)"))
                 .date == "2024-06-12");
}

BOOST_AUTO_TEST_CASE(malformed_json_ld_is_repaired) {
  // Trailing commas, an HTML comment and a CDATA wrapper, a raw newline and
  // tab inside a string, an invalid escape.
  const Fields f = Meta(Page(
      "<script type=\"application/ld+json\">\n<!--\n//<![CDATA[\n"
      "{\"@type\": \"Article\", \"headline\": \"Line one\nline\ttwo \\'quoted\\'\",\n"
      " \"author\": [\"Ann Lee\",], \"datePublished\": \"2021-05-06\",}\n//]]>\n-->\n</script>"));
  BOOST_TEST(f.title == "Line one line two 'quoted'");
  BOOST_TEST(f.author == "Ann Lee");
  BOOST_TEST(f.date == "2021-05-06");
}

BOOST_AUTO_TEST_CASE(unrepairable_json_ld_is_skipped_for_the_next_source) {
  const Fields f = Meta(Page(JsonLd(R"({"@type": "Article", "headline": "Broken" "author":})") +
                             R"(<meta property="og:title" content="From OpenGraph">)"));
  BOOST_TEST(f.title == "From OpenGraph");
  // Garbage of every kind never throws.
  for (const std::string& junk :
       std::vector<std::string>{"", "{", "[[[[[[", "null", "42", "\"s\"", "{\"@type\": 5}",
                                "{\"@type\": \"Article\", \"author\": 7, \"headline\": {}}",
                                std::string(5000, '[') + std::string(5000, ']')}) {
    BOOST_CHECK_NO_THROW(Meta(Page(JsonLd(junk))));
  }
}

BOOST_AUTO_TEST_CASE(json_ld_entities_are_decoded) {
  const Fields f = Meta(Page(JsonLd(R"({"@type": "Article",
    "headline": "Tom &amp; Jerry&#8217;s &quot;war&quot; &#x41;&bogus;"})")));
  BOOST_TEST(f.title == "Tom & Jerry\xE2\x80\x99s \"war\" A&bogus;");
}

// ---------------------------------------------------------------- precedence

BOOST_AUTO_TEST_CASE(json_ld_wins_over_opengraph_which_wins_over_the_title_element) {
  const std::string og = R"(<meta property="og:title" content="OG headline">)"
                         R"(<meta property="article:published_time" content="2024-06-10">)"
                         R"(<meta property="article:author" content="OG Author">)";
  const std::string title = "<title>Title headline | Site</title>";
  const std::string ld = JsonLd(R"({"@type": "NewsArticle", "headline": "LD headline",
    "datePublished": "2024-06-11", "author": "LD Author"})");
  Fields f = Meta(Page(title + og + ld));
  BOOST_TEST(f.title == "LD headline");
  BOOST_TEST(f.date == "2024-06-11");
  BOOST_TEST(f.author == "LD Author");
  f = Meta(Page(title + og));
  BOOST_TEST(f.title == "OG headline");
  BOOST_TEST(f.date == "2024-06-10");
  BOOST_TEST(f.author == "OG Author");
  BOOST_TEST(Meta(Page(title)).title == "Title headline");
}

BOOST_AUTO_TEST_CASE(opengraph_wins_over_dublin_core_twitter_and_standard_meta) {
  const std::string og = R"(<meta property="og:description" content="og">)";
  const std::string dc = R"(<meta name="DC.description" content="dc">)";
  const std::string tw = R"(<meta name="twitter:description" content="tw">)";
  const std::string std_meta = R"(<meta name="description" content="std">)";
  // The order in the page does not matter, only the source.
  BOOST_TEST(Meta(Page(std_meta + tw + dc + og)).description == "og");
  BOOST_TEST(Meta(Page(std_meta + tw + dc)).description == "dc");
  BOOST_TEST(Meta(Page(std_meta + tw)).description == "tw");
  BOOST_TEST(Meta(Page(std_meta)).description == "std");
}

BOOST_AUTO_TEST_CASE(meta_tags_give_dates_authors_tags_site_and_image) {
  const Fields f = Meta(Page(R"(
    <meta name="DC.date.issued" content="2012-07-24">
    <meta name="DC.creator" content="Ann Lee">
    <meta property="og:site_name" content="The Daily">
    <meta name="keywords" content="politics, elections; polls">
    <meta name="twitter:image" content="https://d.example/t.jpg">)"));
  BOOST_TEST(f.date == "2012-07-24");
  BOOST_TEST(f.author == "Ann Lee");
  BOOST_TEST(f.sitename == "The Daily");
  BOOST_TEST(f.tags == (std::vector<std::string>{"politics", "elections", "polls"}),
             boost::test_tools::per_element());
  BOOST_TEST(f.image == "https://d.example/t.jpg");
}

BOOST_AUTO_TEST_CASE(repeated_article_tags_and_authors_are_all_kept) {
  const Fields f = Meta(Page(R"(
    <meta property="article:tag" content="Ukraine"><meta property="article:tag" content="Energy">
    <meta property="article:tag" content="Ukraine">
    <meta property="article:author" content="Ann Lee"><meta property="article:author" content="Bob Stone">
    <meta property="article:author" content="https://www.facebook.com/someone">
    <meta name="keywords" content="ignored, because, article:tag, wins">)"));
  BOOST_TEST(f.tags == (std::vector<std::string>{"Ukraine", "Energy"}),
             boost::test_tools::per_element());
  BOOST_TEST(f.author == "Ann Lee; Bob Stone");  // a profile URL is no name
}

BOOST_AUTO_TEST_CASE(vendor_date_metas_in_their_own_formats_are_read) {
  BOOST_TEST(
      Meta(Page(R"(<meta name="sailthru.date" content="Tue, 24 Jul 2012 00:11:00 -0400">)")).date ==
      "2012-07-24");
  BOOST_TEST(Meta(Page(R"(<meta name="parsely-pub-date" content="2012-07-23T18:30:00Z">)")).date ==
             "2012-07-23");
  BOOST_TEST(Meta(Page(R"(<meta name="pdate" content="20120722">)")).date == "2012-07-22");
  BOOST_TEST(Meta(Page(R"(<meta name="publish-date" content="07/21/2012">)")).date == "2012-07-21");
}

BOOST_AUTO_TEST_CASE(meta_author_strips_by_and_splits_several_names) {
  BOOST_TEST(Meta(Page(R"(<meta name="byl" content="By JANE ROE and JOHN DOE">)")).author ==
             "JANE ROE; JOHN DOE");
}

// ---------------------------------------------------------------- <time>

BOOST_AUTO_TEST_CASE(time_with_itemprop_date_published_wins_over_other_times) {
  const Fields f = Meta(Page("", R"(
    <div class="masthead"><time datetime="2024-06-20">Today</time></div>
    <article><time datetime="2024-06-13">13 June</time>
      <time pubdate datetime="2024-06-14">14 June</time>
      <span itemprop="datePublished" content="2024-06-12">12 June</span></article>)"));
  BOOST_TEST(f.date == "2024-06-12");
}

BOOST_AUTO_TEST_CASE(time_with_pubdate_wins_over_a_time_in_the_article) {
  const Fields f = Meta(Page("", R"(<time datetime="2024-06-20">x</time>
    <article><time datetime="2024-06-13">x</time><time pubdate datetime="2024-06-14">x</time></article>)"));
  BOOST_TEST(f.date == "2024-06-14");
}

BOOST_AUTO_TEST_CASE(time_in_the_article_wins_over_the_first_time) {
  const Fields f = Meta(Page("", R"(<header><time datetime="2024-06-20">x</time></header>
    <article><h1>x</h1><time datetime="2024-06-13">x</time></article>)"));
  BOOST_TEST(f.date == "2024-06-13");
  BOOST_TEST(Meta(Page("", R"(<div><time datetime="2024-06-20">x</time></div>)")).date ==
             "2024-06-20");
}

BOOST_AUTO_TEST_CASE(time_without_datetime_is_read_from_its_text) {
  BOOST_TEST(Meta(Page("", "<article><time>12. Juni 2024</time></article>")).date == "2024-06-12");
}

BOOST_AUTO_TEST_CASE(meta_date_wins_over_time_elements) {
  const Fields f = Meta(Page(R"(<meta name="date" content="2024-06-01">)",
                             R"(<article><time pubdate datetime="2024-06-14">x</time></article>)"));
  BOOST_TEST(f.date == "2024-06-01");
}

BOOST_AUTO_TEST_CASE(dates_in_comments_are_not_the_articles) {
  const Fields f = Meta(Page("", R"(<h1>Headline</h1>
    <div id="comments"><time datetime="2024-06-20">x</time>
      <span class="comment-author">Troll</span></div>
    <p class="posted">Posted June 12th, 2024</p>)"));
  BOOST_TEST(f.date == "2024-06-12");
  BOOST_TEST(f.author.empty());
}

BOOST_AUTO_TEST_CASE(bylines_and_dates_of_reviews_and_teaser_cards_are_not_the_pages) {
  const Fields f = Meta(Page("", R"(<h1>Glass kettle</h1>
    <div class="reviews"><p class="review__meta">Ruth <time datetime="2024-06-02">x</time></p></div>
    <article class="card card--lead"><p class="card__meta"><span class="card__byline">Hannah
      Pryor</span> <time datetime="2024-06-11">1 day ago</time></p></article>)"));
  BOOST_TEST(f.date.empty());
  BOOST_TEST(f.author.empty());
  // "vcard" names a person, not a card.
  const Fields g = Meta(Page("", R"(<span class="post-author vcard">Posted by <span
    class="fn" itemprop="author">Margaret Oduya</span></span>)"));
  BOOST_TEST(g.author == "Margaret Oduya");
}

// ---------------------------------------------------------------- titles

struct TitleCase {
  std::string head;  // extra head markup: og:site_name and the like
  std::string title;
  std::string body;
  std::string want;
};

BOOST_AUTO_TEST_CASE(title_loses_its_site_name_part) {
  const std::string site = R"(<meta property="og:site_name" content="The Kyiv Independent">)";
  for (const TitleCase& c : std::vector<TitleCase>{
           // The part that names og:site_name goes, on either side, whatever the separator.
           {site, "Dam burst floods the valley | The Kyiv Independent", "",
            "Dam burst floods the valley"},
           {site, "Kyiv Independent: Dam burst floods the valley", "",
            "Dam burst floods the valley"},
           {site, "The Kyiv Independent \xE2\x80\x94 Dam burst", "", "Dam burst"},
           // Without a site name, the shorter side of a separator goes.
           {"", "Dam burst floods the valley - Kyiv Post", "", "Dam burst floods the valley"},
           {"", "Kyiv Post | Dam burst floods the valley", "", "Dam burst floods the valley"},
           // Section and site behind the same separator both go.
           {"", "Dam burst floods the valley | News | Kyiv Post", "",
            "Dam burst floods the valley"},
           // A colon inside a headline is no separator unless a side names the site.
           {"", "Election 2024: the results are in", "", "Election 2024: the results are in"},
           // The host names the site when no meta does.
           {"", "CNN.com - Obama wins second term", "", "Obama wins second term"},
           // An <h1> equal to one side settles it, even for the longer side.
           {"", "Short | A much longer site name here", "<h1>Short</h1>", "Short"},
           // No separator: as written.
           {"", "  Dam   burst ", "", "Dam burst"},
       }) {
    BOOST_TEST_CONTEXT("title: " << c.title) {
      const std::string html = Page(c.head + "<title>" + c.title + "</title>", c.body);
      BOOST_TEST(Meta(html, "https://www.cnn.com/2012/x").title == c.want);
    }
  }
}

BOOST_AUTO_TEST_CASE(title_side_equal_to_a_post_heading_is_the_headline) {
  // Blogger: no h1, the post title in an <h3>, the blog's name first.
  BOOST_TEST(
      Meta(Page("<title>The Science of Sport: A fictional portrayal of running injuries</title>",
                "<h2 class=date-header>Friday</h2><h3 class=post-title>A fictional portrayal of "
                "running "
                "injuries</h3>"))
          .title == "A fictional portrayal of running injuries");
  // A logo heading (its text all one link home) names the site instead.
  const Fields f =
      Meta(Page("<title>Seth's Blog: The importance of going first</title>",
                "<h1><a href=\"http://sethgodin.typepad.com/seths_blog/\">Seth's Blog</a></h1>"));
  BOOST_TEST(f.title == "The importance of going first");
  BOOST_TEST(f.sitename == "Seth's Blog");
  BOOST_TEST(Meta(Page("<title>Headline - Slashdot</title>",
                       "<h3><a href=\"//slashdot.org\">Slashdot</a></h3>"))
                 .title == "Headline");
  // A heading linked to the page itself is the headline, not a logo.
  BOOST_TEST(Meta(Page("<title>Broadcom Wi-Fi chipset vulnerable | Electronista</title>",
                       "<h1><a href=\"\">Broadcom Wi-Fi chipset vulnerable</a></h1>"))
                 .title == "Broadcom Wi-Fi chipset vulnerable");
}

BOOST_AUTO_TEST_CASE(cjk_titles_are_split_at_marks_without_spaces) {
  // Chinese and Japanese sites join headline and site name with "_" or a
  // fullwidth bar, spaces or not; "_" between Latin letters is a word's.
  const std::string h1 = "<h1>滨江绿道全线贯通 市民骑行可直达老城区</h1>";
  BOOST_TEST(Meta(Page("<title>滨江绿道全线贯通 市民骑行可直达老城区_江城日报</title>", h1)).title ==
             "滨江绿道全线贯通 市民骑行可直达老城区");
  BOOST_TEST(Meta(Page("<title>廃校を宿泊施設に｜川霧新報</title>")).title == "廃校を宿泊施設に");
  BOOST_TEST(Meta(Page("<title>Using my_function in loops</title>")).title ==
             "Using my_function in loops");
}

BOOST_AUTO_TEST_CASE(title_marks_with_nothing_on_one_side_are_dropped) {
  BOOST_TEST(Meta(Page("<title>  &raquo; The Willingness to Think Differently :zenhabits</title>"),
                  "https://zenhabits.net/think/")
                 .title == "The Willingness to Think Differently");
}

BOOST_AUTO_TEST_CASE(og_title_loses_only_a_part_naming_the_site) {
  const std::string site = R"(<meta property="og:site_name" content="Kyiv Post">)";
  BOOST_TEST(
      Meta(Page(site + R"(<meta property="og:title" content="Dam burst | Kyiv Post">)")).title ==
      "Dam burst");
  // og:title is meant to be the headline: the shorter side stays.
  BOOST_TEST(
      Meta(Page(R"(<meta property="og:title" content="Kherson - a city under water">)")).title ==
      "Kherson - a city under water");
}

BOOST_AUTO_TEST_CASE(first_h1_is_the_title_when_the_head_has_none) {
  BOOST_TEST(Meta(Page("", "<h1> Dam <b>burst</b> </h1><h1>Other</h1>")).title == "Dam burst");
}

BOOST_AUTO_TEST_CASE(an_h1_naming_the_site_is_its_logo_not_the_title) {
  const Fields f =
      Meta(Page(R"(<meta property="og:site_name" content="Kyiv Post">)",
                "<h1><a href=/>Kyiv Post</a></h1><article><h1>Dam burst</h1></article>"));
  BOOST_TEST(f.title == "Dam burst");
}

BOOST_AUTO_TEST_CASE(a_title_that_is_only_the_site_name_gives_way_to_the_h1) {
  const Fields f = Meta(Page(R"(<meta property="og:site_name" content="Kyiv Post">)"
                             R"(<meta property="og:title" content="Kyiv Post">)",
                             "<h1>Dam burst</h1>"));
  BOOST_TEST(f.title == "Dam burst");
}

BOOST_AUTO_TEST_CASE(svg_titles_are_not_the_page_title) {
  BOOST_TEST(Meta(Page("", "<svg><title>icon</title></svg><h1>Real</h1>")).title == "Real");
}

// ---------------------------------------------------------------- bylines

BOOST_AUTO_TEST_CASE(a_welcome_bar_before_the_headline_gives_no_date) {
  // The masthead's "today", in an element whose class says "time"; the
  // text cleaner reads the article's own date from its header instead.
  BOOST_TEST(Meta(Page("", "<span class=time>欢迎访问山岚在线！今天是2024年4月9日</span>"
                           "<h1>山岚县春茶开采</h1>"))
                 .date == "");
  // A date alone there may still be the article's.
  BOOST_TEST(Meta(Page("", "<div class=date>June 12, 2024</div><h1>Dam burst</h1>")).date ==
             "2024-06-12");
}

BOOST_AUTO_TEST_CASE(byline_gives_author_and_date_in_any_language) {
  const Fields f = Meta(Page("", R"(<h1>Заголовок</h1>
    <div class="article-byline">Автор: Іван Петренко, 12 червня 2024</div>)"));
  BOOST_TEST(f.author == "Іван Петренко");
  BOOST_TEST(f.date == "2024-06-12");
}

BOOST_AUTO_TEST_CASE(byline_forms_are_cut_to_the_names) {
  struct Case {
    std::string html;
    std::string want;
  };
  for (const Case& c : std::vector<Case>{
           {R"(<p class="byline">By Jane Roe | June 12, 2024 | 3 comments</p>)", "Jane Roe"},
           {R"(<p class="byline">by Jane Roe on June 12, 2024</p>)", "Jane Roe"},
           {R"(<p class="byline">By ABC NEWS July 24, 2012</p>)", "ABC NEWS"},
           {R"(<p class="byline">Posted on June 12, 2024 by Jane Roe</p>)", "Jane Roe"},
           {R"(<p class="byline">By Jane Roe, John Doe and Max Mustermann</p>)",
            "Jane Roe; John Doe; Max Mustermann"},
           {R"(<span class="author-name">Jane Roe</span>)", "Jane Roe"},
           {R"(<a rel="author" href="/u/jr">Jane Roe</a>)", "Jane Roe"},
           {R"(<p>Par <span class="auteur">Jeanne Dupont</span></p>)", "Jeanne Dupont"},
           // A Person item gives its name, not its bio.
           {R"(<div itemprop="author" itemscope itemtype="https://schema.org/Person">
                 <img src=a.jpg><span itemprop="name">Jane Roe</span>
                 <p>Jane writes about energy.</p></div>)",
            "Jane Roe"},
           // Labels and brackets of other scripts: "wrote:", "author:", a
           // Japanese reporter's signature.
           {R"(<span class="author">كتبت: <a href="/a/l">ليلى الحداد</a></span>)", "ليلى الحداد"},
           {R"(<span class="author">作者：张宁</span>)", "张宁"},
           {R"(<p class="writer">（山本祐介）</p>)", "山本祐介"},
           // Furniture and long text are no names.
           {R"(<div class="author-box">About the author</div>)", ""},
           {R"(<div class="author">)" + std::string(300, 'x') + "</div>", ""},
       }) {
    BOOST_TEST_CONTEXT("html: " << c.html) { BOOST_TEST(Meta(Page("", c.html)).author == c.want); }
  }
}

BOOST_AUTO_TEST_CASE(affiliations_and_roles_after_a_name_are_dropped) {
  struct Case {
    std::string byline;
    std::string want;
  };
  for (const Case& c : std::vector<Case>{
           {"By Mary Murray, NBC News", "Mary Murray"},
           {"Posted by Rudy Galfi, Product Manager", "Rudy Galfi"},
           {"By Krishna Bharat, Distinguished Scientist and Founder, Google News",
            "Krishna Bharat"},
           {"By NBC's Chuck Todd, Mark Murray and Brooke Brower",
            "NBC's Chuck Todd; Mark Murray; Brooke Brower"},
           {"By The Associated Press", "The Associated Press"},
           // Prose in an author box is no name.
           {"Building Wealth through Saving and Investing", ""},
       }) {
    BOOST_TEST_CONTEXT("byline: " << c.byline) {
      BOOST_TEST(Meta(Page("", "<div class=\"byline\">" + c.byline + "</div>")).author == c.want);
    }
  }
}

BOOST_AUTO_TEST_CASE(byline_parts_in_separate_elements_stay_apart) {
  const Fields f = Meta(
      Page("", R"(<dl class="storyBlogByline"><dt>By </dt><dd><a href="/c/1">Lauren Moraski</a></dd>
    <dt>Topics</dt><dd><a href="/t/2">Celebrity Circuit</a></dd></dl>)"));
  BOOST_TEST(f.author == "Lauren Moraski");
}

BOOST_AUTO_TEST_CASE(unmarked_by_line_gives_author_and_date) {
  const Fields f = Meta(Page("", R"(<div class="post-header"><h2>The Dangerous Hubris</h2>
    <p>by randfish on January 31, 2011</p></div><p>Students of history...</p>)"));
  BOOST_TEST(f.author == "randfish");
  BOOST_TEST(f.date == "2011-01-31");
  // "By" opening prose is no byline.
  BOOST_TEST(Meta(Page("", "<p>It is <em>by far</em> the best.</p>")).author == "");
  BOOST_TEST(Meta(Page("", "<p>By the way, nothing here.</p>")).author == "");
}

BOOST_AUTO_TEST_CASE(author_naming_the_site_gives_way_to_a_person) {
  const std::string head = R"(<meta property="og:site_name" content="World News">)"
                           R"(<meta name="author" content="World News">)";
  BOOST_TEST(Meta(Page(head, R"(<div class="byline">By Mary Murray</div>)")).author ==
             "Mary Murray");
  // A blog named after its author: nobody else signs, the name stands.
  BOOST_TEST(Meta(Page(head)).author == "World News");
  // A section of the site, as the <title> shows it, is no author either.
  BOOST_TEST(Meta(Page("<title>Cybill Shepherd is engaged - Celebrity Circuit - CBS News</title>"
                       R"(<meta name="author" content="Celebrity Circuit">)",
                       R"(<span class="author">Lauren Moraski</span>)"))
                 .author == "Lauren Moraski");
  BOOST_TEST(Meta(Page(R"(<meta name="author" content="CBSNews.com">)"
                       R"(<meta property="og:site_name" content="CBS News">)",
                       R"(<span class="author">Jan Crawford</span>)"))
                 .author == "Jan Crawford");
}

BOOST_AUTO_TEST_CASE(wrappers_named_after_a_sidebar_are_not_excluded) {
  const Fields f = Meta(Page("", R"(<div id="content-sidebar-wrap"><div class="post">
    <span class="time">October 29, 2012 at 10:45 am</span> by <span class="author">Todd Bishop</span>
    </div><div id="sidebar"><span class="date">November 1, 2012</span></div></div>)"));
  BOOST_TEST(f.date == "2012-10-29");
  BOOST_TEST(f.author == "Todd Bishop");
}

BOOST_AUTO_TEST_CASE(itemprop_author_wins_over_rel_author_and_classes) {
  const Fields f = Meta(Page("", R"(<span class="byline">By Class Name</span>
    <a rel="author" href="/x">Rel Name</a><span itemprop="author">Item Name</span>)"));
  BOOST_TEST(f.author == "Item Name");
}

BOOST_AUTO_TEST_CASE(date_after_the_headline_wins_over_the_masthead_date) {
  const Fields f = Meta(Page("", R"(<div class="date">Tuesday, July 24, 2012</div>
    <h1>Headline</h1><div class="post-date">June 12, 2012</div>)"));
  BOOST_TEST(f.date == "2012-06-12");
}

BOOST_AUTO_TEST_CASE(a_text_that_is_only_a_date_gives_the_date) {
  BOOST_TEST(
      Meta(Page("",
                "<h3>Onion Frittata</h3><date class=subtitle><a href=/x>October 28, 2012</a></date>"
                "<p>Text from 2011-05-05</p>"))
          .date == "2012-10-28");
  // Before the headline a date is likely the masthead's today: the URL's
  // date and a modification date win over it, but not over one after the
  // headline.
  const std::string masthead = "<div>Tuesday, July 24, 2012</div><h1>Headline</h1>";
  BOOST_TEST(Meta(Page("", masthead), "https://x.example/2012/07/20/a").date == "2012-07-20");
  BOOST_TEST(Meta(Page("", masthead)).date == "2012-07-24");
  BOOST_TEST(Meta(Page(R"(<meta property="article:modified_time" content="2012-07-23">)", masthead))
                 .date == "2012-07-23");
  BOOST_TEST(Meta(Page("", masthead + "<div>July 22, 2012</div>"), "https://x.example/2012/07/20/a")
                 .date == "2012-07-22");
}

// ---------------------------------------------------------------- URLs

BOOST_AUTO_TEST_CASE(url_path_gives_the_date_as_a_last_resort) {
  for (const auto& [url, want] : std::vector<std::pair<std::string, std::string>>{
           {"https://x.example/2024/06/12/dam-burst/", "2024-06-12"},
           {"https://x.example/news/2024-06-12-dam-burst", "2024-06-12"},
           {"https://x.example/news/20240612/dam", "2024-06-12"},
           {"https://x.example/news/2024/06/dam", ""},
           {"https://x.example/news/12345678/dam", ""},
           {"https://x.example/a?d=2024/06/12", ""},
       }) {
    BOOST_TEST_CONTEXT("url: " << url) { BOOST_TEST(Meta(Page(""), url).date == want); }
  }
  // Any other source wins.
  BOOST_TEST(
      Meta(Page("", "<time datetime=2024-06-10>x</time>"), "https://x.example/2024/06/12/x").date ==
      "2024-06-10");
}

BOOST_AUTO_TEST_CASE(record_url_wins_over_canonical_which_wins_over_og_url) {
  const std::string head = R"(<meta property="og:url" content="https://x.example/og">)"
                           R"(<link rel="canonical" href="https://x.example/canonical">)";
  BOOST_TEST(Meta(Page(head), "https://x.example/record").url == "https://x.example/record");
  BOOST_TEST(Meta(Page(head)).url == "https://x.example/canonical");
  BOOST_TEST(Meta(Page(R"(<meta property="og:url" content="https://x.example/og">)")).url ==
             "https://x.example/og");
  // The canonical URL's path gives the date.
  BOOST_TEST(Meta(Page(R"(<link rel="canonical" href="https://x.example/2012/07/24/a">)")).date ==
             "2012-07-24");
}

// ---------------------------------------------------------------- dates

BOOST_AUTO_TEST_CASE(future_dates_are_rejected_for_the_next_source) {
  const Fields f =
      Meta(Page(R"(<meta property="article:published_time" content="2031-01-01T00:00:00Z">)",
                "<time datetime=2024-06-10>x</time>"));
  BOOST_TEST(f.date == "2024-06-10");
}

BOOST_AUTO_TEST_CASE(dates_before_1995_need_machine_readable_iso_metadata) {
  BOOST_TEST(Meta(Page(R"(<meta name="DC.date" content="1969-07-20">)")).date == "1969-07-20");
  BOOST_TEST(Meta(Page(JsonLd(R"({"@type": "Article", "datePublished": "1989-11-09"})"))).date ==
             "1989-11-09");
  // Prose and URLs are not unambiguous enough.
  BOOST_TEST(Meta(Page("", R"(<p class="date">July 20, 1969</p>)")).date == "");
  BOOST_TEST(Meta(Page(""), "https://x.example/1969/07/20/moon").date == "");
}

BOOST_AUTO_TEST_CASE(dates_are_read_in_many_forms) {
  for (const auto& [text, want] : std::vector<std::pair<std::string, std::string>>{
           {"2024-06-12T20:59:00Z", "2024-06-12"},
           {"Wed, 12 Jun 2024 20:59:00 +0000", "2024-06-12"},
           {"12 June 2024", "2024-06-12"},
           {"12.06.2024", "2024-06-12"},
           {"June 12th, 2024", "2024-06-12"},
           {"12 червня 2024", "2024-06-12"},
           {"12. Juni 2024", "2024-06-12"},
           {"12 juin 2024", "2024-06-12"},
           {"12 de junio de 2024", "2024-06-12"},
       }) {
    BOOST_TEST_CONTEXT("date: " << text) {
      BOOST_TEST(Meta(Page("", "<h1>x</h1><span class=\"date\">" + text + "</span>")).date == want);
    }
  }
}

// ---------------------------------------------------------------- language

BOOST_AUTO_TEST_CASE(language_comes_from_html_lang_then_content_language) {
  BOOST_TEST(Meta("<html lang=\"uk-UA\"><head></head></html>").language == "uk");
  BOOST_TEST(Meta(Page(R"(<meta http-equiv="Content-Language" content="de-DE">)")).language ==
             "de");
  BOOST_TEST(Meta(Page("")).language == "");
  BOOST_TEST(Meta("<html lang=\"x-klingon\"><head></head></html>").language == "");
}

// ---------------------------------------------------------------- robustness

BOOST_AUTO_TEST_CASE(empty_and_broken_pages_give_empty_fields) {
  for (const std::string& html : std::vector<std::string>{
           "", "<", "<meta content>", "<html><head><title></title>", "\xFF\xFE<h1>\xC3</h1>"}) {
    const Fields f = Meta(html);
    BOOST_TEST(f.date.empty());
    BOOST_TEST(f.author.empty());
  }
}

BOOST_AUTO_TEST_CASE(deeply_nested_page_is_read_without_recursion) {
  const int depth = 100000;
  std::string html = "<html><head><title>Deep page | Site</title></head><body>";
  for (int i = 0; i < depth; ++i) html += "<span>";
  html += "<time datetime=\"2024-06-12\">x</time>";
  const Fields f = Meta(html);
  BOOST_TEST(f.title == "Deep page");
  BOOST_TEST(f.date == "2024-06-12");
}

}  // namespace
}  // namespace pith
