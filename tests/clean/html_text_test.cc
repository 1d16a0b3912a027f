#define BOOST_TEST_MODULE html_text
#include <boost/test/unit_test.hpp>

#include <pthread.h>

#include <string>
#include <vector>

#include "clean/html_document.h"
#include "clean/html_text.h"
#include "clean/rules.h"

namespace pith {
namespace {

std::string Render(const std::string& html) { return RenderHtmlText(html); }

std::string Repeat(const std::string& s, int n) {
  std::string out;
  out.reserve(s.size() * static_cast<std::size_t>(n));
  for (int i = 0; i < n; ++i) out += s;
  return out;
}

// Attribute names are matched as Gumbo stores them: lower-cased, whatever the
// page wrote; SVG's adjusted names keep their capitals.
BOOST_AUTO_TEST_CASE(attribute_values_are_found_by_lower_case_name) {
  const HtmlDocument doc(
      "<body><div ID=main data-x=1 Class='a b'>x</div><svg viewBox='0 0 1 1'></svg></body>");
  const auto* div = static_cast<const GumboNode*>(doc.body()->v.element.children.data[0]);
  BOOST_TEST(std::string(AttributeValue(div->v.element, "class")) == "a b");
  BOOST_TEST(std::string(AttributeValue(div->v.element, "id")) == "main");
  BOOST_TEST(AttributeValue(div->v.element, "title") == nullptr);
  BOOST_TEST(AttributeValue(div->v.element, "data") == nullptr);
  const auto* svg = static_cast<const GumboNode*>(doc.body()->v.element.children.data[1]);
  BOOST_TEST(std::string(AttributeValue(svg->v.element, "viewBox")) == "0 0 1 1");
}

BOOST_AUTO_TEST_CASE(block_elements_start_and_end_lines) {
  BOOST_TEST(Render("<div>a</div><div>b</div>c <span>d</span><section>e</section>f") ==
             "a\nb\nc d\ne\nf");
}

BOOST_AUTO_TEST_CASE(white_space_collapses_and_is_trimmed_at_line_edges) {
  BOOST_TEST(Render("<div>  one \n\t two  <b> three </b>  </div>\n  <div> four</div>") ==
             "one two three\nfour");
  // No space is invented between adjacent inline elements.
  BOOST_TEST(Render("<a>About</a><a>Home</a>") == "AboutHome");
}

BOOST_AUTO_TEST_CASE(paragraphs_are_set_off_by_blank_lines) {
  BOOST_TEST(Render("<p>a</p><p>b</p><div>c</div><p>d</p>") == "a\n\nb\n\nc\n\nd");
  // Required breaks never add up: at most one blank line.
  BOOST_TEST(Render("<p>a</p><p></p><p></p><div><p>b</p></div>") == "a\n\nb");
}

// The HTML standard gives headings one required line break, not two, and the
// Chromium dumps of the devset agree ("Recent Posts\nWhy computers...").
BOOST_AUTO_TEST_CASE(headings_end_their_line_without_a_blank_line) {
  BOOST_TEST(Render("<h1>Title</h1><div>x</div><h3>Archives</h3>y") ==
             "Title\nx\nArchives\ny");
}

BOOST_AUTO_TEST_CASE(br_is_a_line_break) {
  BOOST_TEST(Render("a<br>b <br> c<br><br>d") == "a\nb\nc\n\nd");
  // More than one blank line in a row is folded to one.
  BOOST_TEST(Render("a<br><br><br><br>b") == "a\n\nb");
}

BOOST_AUTO_TEST_CASE(table_cells_are_separated_by_tabs_and_rows_by_line_breaks) {
  BOOST_TEST(Render("before<table><tr><td>a</td><td> b </td></tr>"
                    "<tr><th>c</th><td>d</td></tr></table>after") ==
             "before\na\tb\nc\td\nafter");
  // A row of empty cells still takes a line, as in Chromium.
  BOOST_TEST(Render("<table><tr><td>a</td></tr><tr><td></td><td></td></tr>"
                    "<tr><td>b</td></tr></table>") == "a\n\nb");
}

BOOST_AUTO_TEST_CASE(nested_tables_keep_their_own_rows_and_cells) {
  BOOST_TEST(Render("<table><tr><td>x</td><td><table><tr><td>1</td><td>2</td></tr>"
                    "<tr><td>3</td></tr></table></td></tr></table>") ==
             "x\n1\t2\n3");
}

BOOST_AUTO_TEST_CASE(pre_keeps_its_white_space) {
  BOOST_TEST(Render("<p>x</p><pre>  a   b\n    c</pre>y") == "x\n\n  a   b\n    c\ny");
  // The parser drops the line break right after <pre>.
  BOOST_TEST(Render("<pre>\nfirst</pre>") == "first");
}

BOOST_AUTO_TEST_CASE(non_rendered_elements_have_no_text) {
  BOOST_TEST(Render("<head><title>T</title><style>p{}</style></head><body>"
                    "a<script>var x = 1;</script><style>b{}</style>"
                    "<template>t</template><svg><text>s</text></svg>"
                    "<iframe>i</iframe><textarea>ta</textarea>b</body>") ==
             "ab");
}

// The devset dumps were made with scripting off, so <noscript> content shows.
BOOST_AUTO_TEST_CASE(noscript_content_is_rendered) {
  BOOST_TEST(Render("<div>a</div><noscript><p>Enable JavaScript</p></noscript>") ==
             "a\n\nEnable JavaScript");
}

BOOST_AUTO_TEST_CASE(select_options_show_one_per_line) {
  BOOST_TEST(Render("<div>Archives</div><select><option>July 2012</option>"
                    "<option> June 2012 </option></select><div>end</div>") ==
             "Archives\nJuly 2012\nJune 2012\nend");
}

BOOST_AUTO_TEST_CASE(hidden_elements_are_left_out) {
  BOOST_TEST(Render("a<div hidden>h1</div>"
                    "<span style=\"color:red; DISPLAY : None !important\">h2</span>"
                    "<p style=\"visibility:hidden\">h3</p>"
                    "<input type=hidden value=h4>"
                    "<span style=\"display:none;display:inline\">shown</span>b") ==
             "ashownb");
}

BOOST_AUTO_TEST_CASE(inline_style_display_changes_lines) {
  BOOST_TEST(Render("<span style=\"display:block\">a</span>b"
                    "<div style=\"display:inline\">c</div>") == "a\nbc");
}

BOOST_AUTO_TEST_CASE(closed_details_show_only_their_summary) {
  BOOST_TEST(Render("<details><summary>More</summary>secret</details>") == "More");
  BOOST_TEST(Render("<details open><summary>More</summary>shown</details>") ==
             "More\nshown");
}

BOOST_AUTO_TEST_CASE(entities_are_decoded) {
  BOOST_TEST(Render("<p>&amp; &lt;b&gt; caf&eacute; &#x263A; &#169; a&nbsp;b</p>") ==
             "& <b> caf\u00e9 \u263a \u00a9 a\u00a0b");
}

BOOST_AUTO_TEST_CASE(nested_lists_put_each_item_on_its_line) {
  BOOST_TEST(Render("<ul><li>a<ul><li>b</li><li>c<ol><li>d</li></ol></li></ul></li>"
                    "<li>e</li></ul>") == "a\nb\nc\nd\ne");
}

// An image holds its place on the line: the space after it is kept, but a
// line of images alone does not show.
BOOST_AUTO_TEST_CASE(replaced_elements_keep_the_space_after_them) {
  BOOST_TEST(Render("<div>a</div><div><img src=x.png> caption</div>") == "a\n caption");
  BOOST_TEST(Render("<div>a</div><div><img src=x.png></div><div>b</div>") == "a\nb");
  // Two controls with a space between them make a line of their own.
  BOOST_TEST(Render("<div>a</div><form><input> <input></form><div>b</div>") ==
             "a\n\nb");
  // A floated image is out of the line.
  BOOST_TEST(Render("<div>a</div><div><img align=left> b</div>") == "a\nb");
}

BOOST_AUTO_TEST_CASE(trailing_white_space_on_a_line_is_stripped) {
  BOOST_TEST(Render("<div>a&nbsp;</div><div>b\u3000</div><table><tr><td>c</td>"
                    "<td></td></tr></table>") == "a\nb\nc");
}

BOOST_AUTO_TEST_CASE(malformed_markup_renders_as_a_browser_repairs_it) {
  // Unclosed <li> and <p> close at the next sibling; </div> without an open
  // div is ignored; misnested inline tags keep their text in order.
  BOOST_TEST(Render("<ul><li>one<li>two</ul><p>para<p>next</div> "
                    "<b>bold <i>both</b> italic</i>") ==
             "one\ntwo\n\npara\n\nnext bold both italic");
  BOOST_TEST(Render("<div><table><tr><td>cell<div>unclosed") == "cell\nunclosed");
  BOOST_TEST(Render("text <p attr=\"unterminated>more") == "text");
}

BOOST_AUTO_TEST_CASE(empty_or_textless_input_yields_empty_text) {
  BOOST_TEST(Render("") == "");
  BOOST_TEST(Render("   \n ") == "");
  BOOST_TEST(Render("<html><head><title>t</title></head><body>  </body></html>") == "");
  BOOST_TEST(Render("<frameset><frame src=a></frameset>") == "");
}

BOOST_AUTO_TEST_CASE(invalid_utf8_is_replaced_not_fatal) {
  BOOST_TEST(Render(std::string("<p>a\xff\xfe b</p>")) == "a\ufffd\ufffd b");
}

// A page nested far deeper than any call stack could recurse renders on a
// thread with a small stack: neither the parse, the walk nor the freeing of
// the tree recurses per level.
struct DeepPage {
  std::string html;
  std::string text;
};

void* RenderDeepPage(void* arg) {
  auto* page = static_cast<DeepPage*>(arg);
  page->text = RenderHtmlText(page->html);
  return nullptr;
}

std::string RenderOnSmallStack(const std::string& html) {
  DeepPage page{html, ""};
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, std::size_t{256} << 10);
  pthread_t thread;
  BOOST_REQUIRE(pthread_create(&thread, &attr, &RenderDeepPage, &page) == 0);
  pthread_join(thread, nullptr);
  pthread_attr_destroy(&attr);
  return page.text;
}

BOOST_AUTO_TEST_CASE(page_nested_100000_deep_renders_without_recursion) {
  // 100,000 nested inline elements.
  BOOST_TEST(RenderOnSmallStack("<p>top " + Repeat("<span>", 100000) + "deep") ==
             "top deep");
  // 40,000 nested tables: 160,000 levels of block boxes, rows and cells.
  // (Gumbo itself takes time quadratic in the depth of nested <div>s, so
  // tables, which bound its scope searches, make the deep block test.)
  const std::string tables = Repeat("<table><tr><td>x", 40000);
  const std::string text = RenderOnSmallStack(tables);
  BOOST_TEST(text.size() == 40000 * 2 - 1);
  BOOST_TEST(text.substr(0, 6) == "x\nx\nx\n");
}

// A made-up page whose innerText was worked out by hand from the rules
// Chromium follows: nav items on lines of their own, the heading on one line,
// paragraphs set off by blank lines, a figure's image dropped and its caption
// kept, table cells tab-separated, hidden and script content gone.
BOOST_AUTO_TEST_CASE(devset_style_page_renders_like_chromium_inner_text) {
  const std::string html = R"(<!DOCTYPE html>
<html lang="en"><head><title>Solar car wins race | Daily News</title>
<script>var tracking = true;</script></head>
<body>
  <div id="nav"><ul>
    <li><a href="/">Home</a></li>
    <li><a href="/world">World</a></li>
  </ul></div>
  <div class="ad" style="display: none">Buy now!</div>
  <article>
    <h1>Solar car wins race</h1>
    <span class="byline">By <a href="/jo">Jo Smith</a></span> |
    <time>July 24, 2012</time>
    <p>A solar-powered car won the
       desert race on Sunday, its team said.</p>
    <figure><img src="car.jpg" alt="The car"><figcaption>The car at the
      finish.</figcaption></figure>
    <p>The team&rsquo;s times:</p>
    <table>
      <tr><th>Stage</th><th>Time</th></tr>
      <tr><td>1</td><td>2:01</td></tr>
    </table>
    <p>Read more<br>about the race.</p>
  </article>
  <footer>&copy; 2012 Daily News &middot; <a href="/terms">Terms</a></footer>
</body></html>)";
  const std::string expected =
      "Home\n"
      "World\n"
      "Solar car wins race\n"
      "By Jo Smith | July 24, 2012\n"
      "\n"
      "A solar-powered car won the desert race on Sunday, its team said.\n"
      "\n"
      "The car at the finish.\n"
      "\n"
      "The team\u2019s times:\n"
      "\n"
      "Stage\tTime\n"
      "1\t2:01\n"
      "\n"
      "Read more\n"
      "about the race.\n"
      "\n"
      "\u00a9 2012 Daily News \u00b7 Terms";
  BOOST_TEST(RenderHtmlText(html) == expected);
}

}  // namespace
}  // namespace pith

BOOST_AUTO_TEST_CASE(markup_counts_link_bytes_per_line) {
  std::vector<pith::LineMarkup> markup;
  const std::string text = pith::RenderHtmlText(
      "<body>\n<ul><li><a href=/a>Home</a></li><li><a href=/b>News</a></li></ul>"
      "<p>Read <a href=/c>this</a> now.</p><p>No links.</p></body>",
      &markup);
  BOOST_TEST(text == "Home\nNews\n\nRead this now.\n\nNo links.");
  BOOST_TEST_REQUIRE(markup.size() == 6u);
  BOOST_TEST(markup[0].link_bytes == 4u);
  BOOST_TEST(markup[1].link_bytes == 4u);
  BOOST_TEST(markup[2].link_bytes == 0u);
  BOOST_TEST(markup[3].link_bytes == 4u);
  BOOST_TEST(markup[5].link_bytes == 0u);
}

namespace {

std::string RenderPruned(std::string_view html) {
  pith::RuleSet rules;
  std::vector<std::string> errors;
  rules.AddRuleFile("t.rules", "prune (?:^|[\\s_-])(?:sidebar|comments)(?:$|[\\s_-])\n", &errors);
  BOOST_TEST_REQUIRE(errors.empty());
  const pith::RuleScope scope = rules.ForUrl("");
  const pith::HtmlDocument document(html);
  return pith::RenderBodyText(document, &scope, nullptr);
}

}  // namespace

BOOST_AUTO_TEST_CASE(pruning_leaves_out_landmarks_and_named_furniture) {
  BOOST_TEST(RenderPruned("<body><nav>Home News</nav><div class=Sidebar>Most read</div>"
                          "<aside>Ad</aside><div role=navigation>Menu</div>"
                          "<p>Body text.</p><div id=comments>Nice post!</div></body>") ==
             "Body text.");
}

BOOST_AUTO_TEST_CASE(a_layout_wrapper_named_like_furniture_keeps_the_article) {
  BOOST_TEST(RenderPruned("<body><div class=one-sidebar-right><h1>Title</h1><p>Body.</p>"
                          "<div class=sidebar>Links</div></div></body>") == "Title\n\nBody.");
}

namespace {

// The non-blank lines of a pruned rendering that are in the content root.
std::vector<std::string> RootLines(const std::string& html) {
  pith::RuleSet rules;
  const pith::RuleScope scope = rules.ForUrl("");
  const pith::HtmlDocument document(html);
  std::vector<pith::LineMarkup> markup;
  const std::string text = pith::RenderBodyText(document, &scope, &markup);
  std::vector<std::string> lines;
  std::size_t start = 0;
  for (std::size_t i = 0; start <= text.size(); ++i) {
    std::size_t end = text.find('\n', start);
    if (end == std::string::npos) end = text.size();
    BOOST_TEST_REQUIRE(i < markup.size());
    if (markup[i].in_root && end > start) lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

const std::string kProse =
    "The council approved the budget on Monday, after a long debate, and the new rates apply "
    "from April.";

}  // namespace

BOOST_AUTO_TEST_CASE(the_content_root_is_the_element_whose_paragraphs_score_best) {
  const std::vector<std::string> root = RootLines(
      "<body><div><a href=/a>Home</a> <a href=/b>News, sport, weather</a></div>"
      "<div><p>" + kProse + "</p><p>" + kProse + "</p><p>Short line.</p></div>"
      "<div><p>About this blog, its authors, and its readers.</p></div></body>");
  BOOST_TEST(root == (std::vector<std::string>{kProse, kProse, "Short line."}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(siblings_that_continue_the_article_and_what_stands_between_join_it) {
  const std::vector<std::string> root = RootLines(
      "<body><div><div><p>" + kProse + "</p><p>" + kProse + "</p></div>"
      "<table><tr><td>Rates</td><td>2%</td></tr></table>"
      "<p>" + kProse + "</p>"
      "<ul><li><a href=/x>Another story</a></li></ul></div></body>");
  BOOST_TEST(root == (std::vector<std::string>{kProse, kProse, "Rates\t2%", kProse}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_box_of_links_inside_the_root_is_not_in_it) {
  const std::vector<std::string> root = RootLines(
      "<body><article><p>" + kProse + "</p>"
      "<div><h3>Read also</h3><ul><li><a href=/x>Council sets new parking fees</a></li></ul>"
      "</div><p>" + kProse + "</p></article></body>");
  BOOST_TEST(root == (std::vector<std::string>{kProse, kProse}),
             boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(a_page_without_paragraphs_has_no_content_root) {
  BOOST_TEST(RootLines("<body><div><a href=/a>Home</a></div><p>Short.</p></body>").empty());
}

BOOST_AUTO_TEST_CASE(amp_ad_elements_are_pruned) {
  BOOST_TEST(RenderPruned("<body><p>Body.</p><amp-ad type=x><div fallback>No ad.</div></amp-ad>"
                          "</body>") == "Body.");
}

BOOST_AUTO_TEST_CASE(markup_numbers_the_lines_of_each_preformatted_block) {
  std::vector<pith::LineMarkup> markup;
  const std::string text = pith::RenderHtmlText(
      "<p>Intro.</p><pre>a = 1\n  b = 2</pre><pre><code>c</code></pre>", &markup);
  BOOST_TEST(text == "Intro.\n\na = 1\n  b = 2\nc");
  BOOST_TEST_REQUIRE(markup.size() == 5u);
  BOOST_TEST(markup[0].pre_block == 0u);
  BOOST_TEST(markup[2].pre_block == 1u);
  BOOST_TEST(markup[3].pre_block == 1u);
  BOOST_TEST(markup[4].pre_block == 2u);
}

BOOST_AUTO_TEST_CASE(figure_captions_are_pruned) {
  BOOST_TEST(RenderPruned("<body><figure><img src=a.jpg><figcaption>The bridge. Photo: J. Doe"
                          "</figcaption></figure><p>Body.</p></body>") == "Body.");
}

BOOST_AUTO_TEST_CASE(a_threads_first_post_is_kept_and_the_replies_are_not) {
  pith::RuleSet rules;
  std::vector<std::string> errors;
  rules.AddRuleFile("t.rules", "thread (?:^|\\s)post(?:$|\\s)\n", &errors);
  BOOST_TEST_REQUIRE(errors.empty());
  const pith::RuleScope scope = rules.ForUrl("");
  const pith::HtmlDocument document(
      "<body><div><div class=post>Question.</div><div class=post>Reply one.</div>"
      "<div class=post>Reply two.</div></div><div><div class=post>Elsewhere.</div></div></body>");
  BOOST_TEST(pith::RenderBodyText(document, &scope, nullptr) == "Question.\nElsewhere.");
}

BOOST_AUTO_TEST_CASE(pruned_discussions_are_rendered_whole_when_asked) {
  pith::RuleSet rules;
  std::vector<std::string> errors;
  rules.AddRuleFile("t.rules",
                    "discussion (?:^|[\\s_-])comments?(?:$|[\\s_-])\n"
                    "prune (?:^|[\\s_-])sidebar(?:$|[\\s_-])\n",
                    &errors);
  BOOST_TEST_REQUIRE(errors.empty());
  const pith::RuleScope scope = rules.ForUrl("");
  const pith::HtmlDocument document(
      "<body><p>Body.</p><div id=comments><h3>Comments</h3><div class=comment>First.</div>"
      "<div class=comment><nav>x</nav>Second.</div></div><div class=sidebar>Most read</div>"
      "<ul class=comment-list><li>Third.</ul></body>");
  std::vector<std::string> discussions;
  BOOST_TEST(pith::RenderBodyText(document, &scope, nullptr, &discussions) == "Body.");
  // Everything inside a discussion renders, furniture included: the comment
  // cleaner judges its lines.
  BOOST_TEST(discussions == (std::vector<std::string>{"Comments\nFirst.\nx\nSecond.", "Third."}),
             boost::test_tools::per_element());
  BOOST_TEST(pith::RenderBodyText(document, &scope, nullptr) == "Body.");
}

namespace {

// The Markdown of each line of a page's rendering that has some, one per
// line, and "[covered]" for each line whose Markdown an earlier line holds.
std::string Markdown(const std::string& html) {
  const pith::HtmlDocument document(html);
  std::vector<pith::LineMarkup> markup;
  pith::RenderBodyText(document, nullptr, &markup, nullptr, true);
  std::string out;
  for (const pith::LineMarkup& line : markup) {
    if (line.covered) {
      out += "[covered]\n";
    } else if (!line.markdown.empty()) {
      out += line.markdown + (line.tight ? " [tight]\n" : "\n");
    }
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_CASE(markdown_marks_headings_by_level) {
  BOOST_TEST(Markdown("<h1>One</h1><h2>Two</h2><h6>Six</h6><p>Text.</p>") ==
             "# One\n## Two\n###### Six\nText.\n");
}

BOOST_AUTO_TEST_CASE(markdown_marks_list_items_numbered_and_nested) {
  BOOST_TEST(Markdown("<ul><li>a</li><li>b<ol><li>c</li><li>d</li></ol></li></ul>") ==
             "- a [tight]\n- b [tight]\n  1. c [tight]\n  2. d [tight]\n");
}

BOOST_AUTO_TEST_CASE(markdown_marks_emphasis_outside_white_space_and_merges_runs) {
  BOOST_TEST(Markdown("<p>a <strong> bold </strong>and <em>it</em><i>alic</i> "
                      "<b>\xC2\xA0</b>x <code>f()</code></p>") ==
             "a **bold** and _italic_ \xC2\xA0x `f()`\n");
}

BOOST_AUTO_TEST_CASE(markdown_writes_links_with_their_href) {
  BOOST_TEST(Markdown("<p>See <a href=\"https://example.org/a\">the <b>report</b></a>, "
                      "<a href=\"#top\">top</a>, <a href=\"javascript:void(0)\">js</a>.</p>") ==
             "See [the **report**](https://example.org/a), top, js.\n");
}

BOOST_AUTO_TEST_CASE(markdown_closes_marks_at_a_line_break_and_reopens_them) {
  BOOST_TEST(Markdown("<p><b>one<br>two</b></p>") == "**one**\n**two**\n");
}

BOOST_AUTO_TEST_CASE(markdown_writes_table_rows_with_a_rule_under_the_first) {
  BOOST_TEST(Markdown("<table><tr><th>Month</th><th>mm</th></tr>"
                      "<tr><td>May</td><td>41</td></tr></table>") ==
             "| Month | mm |\n| --- | --- | [tight]\n| May | 41 | [tight]\n");
}

BOOST_AUTO_TEST_CASE(markdown_keeps_a_pre_whole_in_one_fenced_block) {
  BOOST_TEST(Markdown("<p>Code:</p><pre>a = 1\n\n  b = 2\n</pre><p>After.</p>") ==
             "Code:\n```\na = 1\n\n  b = 2\n```\n[covered]\n[covered]\nAfter.\n");
  BOOST_TEST(Markdown("<pre>one line</pre>") == "```\none line\n```\n");
}

BOOST_AUTO_TEST_CASE(markdown_quotes_blockquotes) {
  BOOST_TEST(Markdown("<blockquote><p>Said.</p></blockquote>") == "> Said.\n");
}

BOOST_AUTO_TEST_CASE(markdown_leaves_the_plain_text_unchanged) {
  const std::string html =
      "<h2>T</h2><ul><li><b>a</b> <a href=x>b</a></li></ul><table><tr><td>1<td>2</table>"
      "<pre>x\n\ny</pre>";
  const pith::HtmlDocument document(html);
  std::vector<pith::LineMarkup> plain, marked;
  BOOST_TEST(pith::RenderBodyText(document, nullptr, &plain) ==
             pith::RenderBodyText(document, nullptr, &marked, nullptr, true));
  BOOST_TEST(plain.size() == marked.size());
  for (const pith::LineMarkup& line : plain) BOOST_TEST(line.markdown.empty());
}
