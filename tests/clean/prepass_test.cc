#define BOOST_TEST_MODULE prepass_test
#include <boost/test/unit_test.hpp>

#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "clean/html_document.h"
#include "clean/html_metadata.h"
#include "clean/prepass.h"
#include "clean/text_util.h"
#include "pith/pith.h"

namespace {

namespace fs = std::filesystem;
using pith::Article;
using pith::Status;

constexpr std::size_t kDepth = 5000;

std::string Elide(std::string_view html, pith::MovedValues* moved = nullptr) {
  std::string out;
  const Status s = pith::Prepass(html, kDepth, &out, /*keep_hrefs=*/false, moved);
  BOOST_REQUIRE_MESSAGE(s.ok(), s.ToString());
  return out;
}

bool IsRawText(const GumboNode* node) {
  if (node->type != GUMBO_NODE_ELEMENT) return false;
  const GumboElement& element = node->v.element;
  return element.tag_namespace == GUMBO_NAMESPACE_HTML &&
         (element.tag == GUMBO_TAG_SCRIPT || element.tag == GUMBO_TAG_STYLE);
}

// Whether the pre-pass must keep an attribute, by its name as written: pith
// reads it (html_text.cc, html_metadata.cc, the pruner) or the tree builder
// does.
bool IsRead(const GumboAttribute& attribute) {
  static const std::set<std::string> read = {
      "class",   "id",         "role",     "hidden", "style",    "open",     "type",
      "align",   "href",       "rel",      "lang",   "xml:lang", "itemprop", "itemtype",
      "itemscope", "content",  "http-equiv", "property", "name",   "datetime", "pubdate",
      "title",   "color",      "face",     "size",   "encoding"};
  std::string name(attribute.original_name.data, attribute.original_name.length);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return read.contains(name);
}

// Whether b is a's href shortened to "-" by the pre-pass: not on a <link>,
// and not a link to a home page.
bool ShortenedHref(const GumboNode* x, const GumboAttribute& a, const GumboAttribute& b) {
  return std::strcmp(a.name, "href") == 0 && std::strcmp(b.value, "-") == 0 &&
         !(x->v.element.tag == GUMBO_TAG_LINK &&
           x->v.element.tag_namespace == GUMBO_NAMESPACE_HTML) &&
         !pith::IsHomeLink(a.value);
}

// Where the attributes of element node y differ from those of x, "" when y
// has those of x in order with the same values, less some that nothing reads
// (the pre-pass elides nothing once it is unsure of the tree builder's
// state). The elements Gumbo makes of an <isindex> keep all.
std::string AttributeChange(const GumboNode* x, const GumboNode* y) {
  const GumboVector& xs = x->v.element.attributes;
  const GumboVector& ys = y->v.element.attributes;
  const bool isindex = x->v.element.tag == GUMBO_TAG_ISINDEX ||
                       (x->parse_flags & GUMBO_INSERTION_FROM_ISINDEX) != 0;
  unsigned j = 0;
  for (unsigned i = 0; i < xs.length; ++i) {
    const auto* a = static_cast<const GumboAttribute*>(xs.data[i]);
    const auto* b = j < ys.length ? static_cast<const GumboAttribute*>(ys.data[j]) : nullptr;
    if (b != nullptr && std::strcmp(a->name, b->name) == 0) {
      if (std::strcmp(a->value, b->value) != 0 && !ShortenedHref(x, *a, *b)) {
        return std::string(" attribute ") + a->name;
      }
      ++j;
    } else if (IsRead(*a) || isindex) {
      return std::string(" lost attribute ") + a->name;
    }
  }
  return j == ys.length ? "" : " gained attributes";
}

// text with each run of white space as the pre-pass may cut it: a line feed
// when the run holds one, else its first character.
std::string CutRuns(std::string_view text) {
  std::string cut;
  for (std::size_t i = 0; i < text.size();) {
    if (!pith::IsAsciiSpace(text[i])) {
      cut.push_back(text[i++]);
      continue;
    }
    const std::size_t run = std::min(text.find_first_not_of(" \t\n\r\f", i), text.size());
    const bool line_feed = text.substr(i, run - i).find('\n') != std::string_view::npos;
    cut.push_back(line_feed ? '\n' : text[i]);
    i = run;
  }
  return cut;
}

// Whether the text of element is kept exactly: white space is preserved
// there, or the tokenizer reads it as raw text.
bool KeepsText(const GumboNode* node) {
  if (node->type != GUMBO_NODE_ELEMENT) return false;
  switch (node->v.element.tag) {
    case GUMBO_TAG_PRE: case GUMBO_TAG_LISTING: case GUMBO_TAG_TEXTAREA: case GUMBO_TAG_XMP:
    case GUMBO_TAG_PLAINTEXT: case GUMBO_TAG_TITLE:
      return node->v.element.tag_namespace == GUMBO_NAMESPACE_HTML;
    default:
      return false;
  }
}

// Where two trees differ, "" when they are the same but for what the
// pre-pass may elide: the text of script and style elements (not its kind),
// comment data, attributes nothing reads, and the length of white-space
// runs outside elements that keep their text.
std::string Difference(const GumboNode* a, const GumboNode* b) {
  struct Pair {
    const GumboNode* x;
    const GumboNode* y;
    bool exact;  // inside an element that keeps its text
  };
  std::vector<Pair> stack = {{a, b, false}};
  while (!stack.empty()) {
    const auto [x, y, exact] = stack.back();
    stack.pop_back();
    if (x->type != y->type) return "node kinds differ";
    if (x->type == GUMBO_NODE_COMMENT) continue;
    if (x->type != GUMBO_NODE_ELEMENT && x->type != GUMBO_NODE_TEMPLATE) {
      if (exact ? std::strcmp(x->v.text.text, y->v.text.text) != 0
                : CutRuns(x->v.text.text) != CutRuns(y->v.text.text)) {
        return std::string("text '") + x->v.text.text + "' became '" + y->v.text.text + "'";
      }
      continue;
    }
    const GumboElement& ex = x->v.element;
    const GumboElement& ey = y->v.element;
    const std::string where = std::string("<") + gumbo_normalized_tagname(ex.tag) + ">";
    if (ex.tag != ey.tag || ex.tag_namespace != ey.tag_namespace) return where + " changed";
    if (const std::string change = AttributeChange(x, y); !change.empty()) return where + change;
    const GumboVector* xs = &ex.children;
    const GumboVector* ys = &ey.children;
    if (xs->length != ys->length) return where + " child counts differ";
    for (unsigned i = 0; i < xs->length; ++i) {
      const auto* cx = static_cast<const GumboNode*>(xs->data[i]);
      const auto* cy = static_cast<const GumboNode*>(ys->data[i]);
      if (IsRawText(x) && cx->type == cy->type && cx->type != GUMBO_NODE_ELEMENT) continue;
      stack.push_back({cx, cy, exact || KeepsText(x)});
    }
  }
  return "";
}

// The difference between the trees of html and of its pre-passed copy with
// values moved out, as pith parses them (the tree under <html>; nodes before
// it are comments): the document puts moved values back.
std::string TreeChange(const std::string& html) {
  pith::MovedValues moved;
  const std::string elided = Elide(html, &moved);
  const pith::HtmlDocument before(html);
  const pith::HtmlDocument after(elided, std::move(moved));
  return Difference(before.root(), after.root());
}

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// The HTML pages of fixtures/ and the first `devset` pages of the devset
// (when ../shared/devset is there), sorted by path.
std::vector<fs::path> Pages(std::size_t devset) {
  std::vector<fs::path> pages;
  const fs::path root(PITH_SOURCE_DIR);
  for (const auto& entry : fs::recursive_directory_iterator(root / "fixtures")) {
    if (entry.path().extension() == ".html") pages.push_back(entry.path());
  }
  std::sort(pages.begin(), pages.end());
  const std::size_t fixtures = pages.size();
  std::error_code ec;
  for (fs::directory_iterator it(root / "../shared/devset/dragnet/html", ec), end; !ec && it != end;
       it.increment(ec)) {
    pages.push_back(it->path());
  }
  std::sort(pages.begin() + static_cast<std::ptrdiff_t>(fixtures), pages.end());
  if (pages.size() - fixtures > devset) pages.resize(fixtures + devset);
  if (pages.size() == fixtures) BOOST_TEST_MESSAGE("devset absent: fixtures only");
  return pages;
}

std::shared_ptr<const pith::RuleSet> Rules() {
  static const std::shared_ptr<const pith::RuleSet> rules = [] {
    std::shared_ptr<const pith::RuleSet> loaded;
    BOOST_REQUIRE(pith::LoadRules({}, &loaded).ok());
    return loaded;
  }();
  return rules;
}

Article Clean(const std::string& html, const pith::CleanOptions& options) {
  pith::RawPage page;
  page.source = "page.html";
  page.kind = pith::ContentKind::kHtml;
  page.body = html;
  return pith::Cleaner(Rules(), options).Clean(page);
}

}  // namespace

BOOST_AUTO_TEST_CASE(script_style_and_comment_bodies_are_cut) {
  BOOST_TEST(Elide("<script>var a = 1 < 2;</script><p>x</p>") == "<script>x</script><p>x</p>");
  BOOST_TEST(Elide("<STYLE>p { color: red }</STYLE >") == "<STYLE>x</STYLE >");
  BOOST_TEST(Elide("<script>\n\n  </script>") == "<script> </script>");
  BOOST_TEST(Elide("a<!-- a long comment -->b") == "a<!---->b");
  BOOST_TEST(Elide("<script></script><script>1</script>") == "<script></script><script>1</script>");
}

BOOST_AUTO_TEST_CASE(attributes_nothing_reads_are_elided) {
  BOOST_TEST(Elide("<div class=a onclick=\"x()\" data-x='1' style=\"display:none\" src=y>") ==
             "<div class=a   style=\"display:none\" >");
  BOOST_TEST(Elide("<img src=a.jpg alt=\"A\" width=1><input value=v nowrap>") == "<img   ><input  >");
  BOOST_TEST(Elide("<svg><path d='M0 0L1 1'/><path d=M1,1 /></svg>") ==
             "<svg><path /><path  /></svg>");
  BOOST_TEST(Elide("</p onclick=x>") == "</p >");
  // A '/' before an elided attribute must not make the tag self-closing.
  BOOST_TEST(Elide("<svg><g/onclick=x><circle/></g></svg>") == "<svg><g/ ><circle/></g></svg>");
  BOOST_TEST(Elide("<a x=\"1\"y=2 href=h>") == "<a   href=h>");
  // Formatting elements but <a> keep theirs (see DropUnread()).
  BOOST_TEST(Elide("<b onclick=x><font data-x=1><a onclick=y>") == "<b onclick=x><font data-x=1><a >");
}

BOOST_AUTO_TEST_CASE(links_keep_only_what_is_read_of_their_href) {
  // pith reads whether an href is there and whether it leads to a home page.
  BOOST_TEST(Elide("<a href=\"https://example.org/2012/05/a-story.html\">s</a>") ==
             "<a href=\"-\">s</a>");
  BOOST_TEST(Elide("<h1><a href=/news/a-story.html>s</a></h1>") == "<h1><a href=->s</a></h1>");
  const std::string kept[] = {
      "<h1><a href=\"https://blog.example/\">Blog</a></h1><a href=/seths_blog/>",
      "<link rel=canonical href=\"https://example.org/2012/05/a-story.html\">",
      "<a href=\"/a?b=1&amp;c=2\">", "<a href=\"#\"><a href=''>",
  };
  for (const std::string& html : kept) BOOST_TEST(Elide(html) == html);
}

BOOST_AUTO_TEST_CASE(attributes_that_are_read_are_kept) {
  const std::string kept[] = {
      "<div class=a id=b role=navigation hidden style='display:none' title=t lang=en>",
      "<html xml:lang=de><details open><img align=left><input type=hidden>",
      "<a href=/ rel=author itemprop=url>",
      "<div itemscope itemtype=https://schema.org/Article>",
      "<meta http-equiv=content-language content=en><meta property=og:title name=t>",
      "<time datetime=2024-01-02 pubdate>",
      "<math><annotation-xml encoding=text/html>", "<svg><font color=red face=f size=1>",
      "<isindex prompt=p action=a onclick=x>",  // Gumbo passes these on
      "<div onclick=x",  // the input ends inside the tag, which is dropped whole
  };
  for (const std::string& html : kept) BOOST_TEST(Elide(html) == html);
}

BOOST_AUTO_TEST_CASE(white_space_runs_are_cut_to_one_character) {
  BOOST_TEST(Elide("<p>a  \n\t b</p>\n\n<p>c \t d</p>") == "<p>a\nb</p>\n<p>c d</p>");
  BOOST_TEST(Elide("<p>a\t  b\r\n  c") == "<p>a\tb\nc");  // Gumbo reads "\r\n" as "\n"
  BOOST_TEST(Elide("<p>a b</p> <p>c</p>") == "<p>a b</p> <p>c</p>");
  // Not in the text the tokenizer reads raw, nor in attribute values.
  const std::string kept[] = {
      "<title>a   b</title><textarea>\n\nx  y</textarea>",
      "<script type=application/ld+json>{\"a\":  1}</script>",
      "<div class=\"a   b\" title='x  \n y'>",
  };
  for (const std::string& html : kept) BOOST_TEST(Elide(html) == html);
}

BOOST_AUTO_TEST_CASE(white_space_is_kept_after_the_first_pre_or_listing) {
  // <pre> keeps white space and drops one leading line feed; the adoption
  // agency can keep a <pre> open past the end tag that seems to close it.
  const std::string kept[] = {
      "<p>a</p><pre>\n\nx  y</pre><p>a  b</p>",
      "<listing>\n\nx</listing>  <p>b  c",
      "<b><pre>x</b>\n\n y  z</pre>",
  };
  for (const std::string& html : kept) {
    BOOST_TEST(Elide(html) == html);
    BOOST_TEST(TreeChange(html) == "", html);
  }
  BOOST_TEST(Elide("<p>a  b</p><pre>  </pre>") == "<p>a b</p><pre>  </pre>");
}

BOOST_AUTO_TEST_CASE(json_ld_and_text_that_is_read_are_kept) {
  const std::string kept[] = {
      R"(<script type="application/ld+json">{"headline": "H"}</script>)",
      R"(<script TYPE=' Application/LD+JSON '>{"a": 1}</script>)",
      R"(<script type="application&#47;ld+json">{"a": 1}</script>)",  // may be
      "<title>A <b>title</b></title><textarea>a <script>b</script></textarea>",
      "<noscript><p>Shown without scripts</p></noscript>",
      "<xmp><!-- x --></xmp><iframe><!-- y --></iframe>",
  };
  for (const std::string& html : kept) BOOST_TEST(Elide(html) == html);
}

BOOST_AUTO_TEST_CASE(script_ends_where_the_tokenizer_ends_it) {
  // Each script holds a "</script>" that does not end it, or ends early.
  const std::pair<std::string, std::string> cases[] = {
      {R"(<script>a = "</scripty>";</script>)", "<script>x</script>"},
      {"<script><!--<script></script>--></script><p>after", "<script>x</script><p>after"},
      {"<script><!-- <script> </script> x --> y</script>z", "<script>x</script>z"},
      {"<script><!-- x </script>y", "<script>x</script>y"},
      {"<script><!-->x</script>y", "<script>x</script>y"},
      {"<script><!--->x</script>y", "<script>x</script>y"},
      {"<script><!--<script>--></script>y", "<script>x</script>y"},
      {"<script>ab</script/>c", "<script>x</script/>c"},
      {"<script x='</script>'>yy</script>z", "<script >x</script>z"},
      {"<script>never closed", "<script>x"},
  };
  for (const auto& [html, elided] : cases) BOOST_TEST(Elide(html) == elided, html);
}

BOOST_AUTO_TEST_CASE(foreign_content_keeps_its_own_rules) {
  // An SVG <style> or <script> is not raw text; a breakout tag ends SVG
  // content; inside an integration point HTML rules apply again; CDATA is
  // a section only in foreign content.
  BOOST_TEST(Elide("<svg><style>a<b>c</style></svg>") == "<svg><style>a<b>c</style></svg>");
  BOOST_TEST(Elide("<svg><desc><style>s{}</style></desc></svg>") ==
             "<svg><desc><style>x</style></desc></svg>");
  BOOST_TEST(Elide("<svg><![CDATA[<script>a</script>]]></svg>") ==
             "<svg><![CDATA[<script>a</script>]]></svg>");
  BOOST_TEST(Elide("<svg><p><script>ab</script></svg>") == "<svg><p><script>x</script></svg>");
  // In HTML content "<![CDATA[" opens a bogus comment, which the first '>' ends.
  BOOST_TEST(Elide("<p><![CDATA[<script>ab</script>]]>") == "<p><![CDATA[<script>ab</script>]]>");
}

BOOST_AUTO_TEST_CASE(tricky_markup_parses_to_the_same_tree) {
  const std::string cases[] = {
      R"(<script>var a = "</scripty>"; </script><p>x</p>)",
      "<script><!-- document.write('<script>x</script>'); --></script><p>after</p>",
      "<script>a<!--b--!>c</script>d<i>e</i>",
      "<SCRIPT>x</SCRIPT ><Script>y</sCrIpT/><p>z",
      "<style>p{color:red}</style><style>a</b></style ><p>q",
      "<title>a<script>b</script></title><textarea><script>x</script></textarea>",
      "<!-- a -- b --><!--><!--->x<!-- c --!>y<!-- d ---->z<!-- e",
      "<xmp><script>x</script></xmp><iframe><script>y</script></iframe>"
      "<noembed><style>z</noembed><noframes><!--</noframes>",
      "<svg><path d=\"M0 0L10 10\"/><style>s<i>t</style><script>q</script></svg><p>u",
      "<svg><desc><style>a<b>c</style></desc><title>t</title>"
      "<foreignObject><div><script>z</script></div></foreignObject></svg>",
      "<math><mi><style>x<i></style></mi><mtext><![CDATA[c<b>]]></mtext>"
      "<annotation-xml encoding=\"text/html\"><script>s<i></script></annotation-xml></math>",
      "<svg><![CDATA[<script>x</script>]]><font color=red>f</font><![CDATA[y]]></svg>",
      "<svg><font>f<style>a<b>c</style></font></svg>",
      "<select><style>a<b>c</style><option>o<svg><script>q<i></script><textarea>t<b></textarea>",
      "<table><style>a<b></style><tr><td><script>x</script>c</table>",
      "<plaintext><script>x</script><!-- y -->",
      "<div a='>' b=\">\" c=d>e</div><script x='</script>'>y</script>z",
      "<p><svg><path d=M1,2 /><polyline points=\"1 2 3 4\"></polyline></svg></p>"
      "<svg/><script>x</script>",
      "<template><script>x</script><style>y</style></template>"
      "<noscript><style>z</style></noscript>",
      "<head><noscript><style>a</style><script>b</script></noscript></head><body>c",
      "<script>\n\n</script><script> x </script><script>",
  };
  for (const std::string& html : cases) BOOST_TEST(TreeChange(html) == "", html);
}

BOOST_AUTO_TEST_CASE(tree_builder_corners_found_by_random_soup_parse_to_the_same_tree) {
  const std::string cases[] = {
      // A table part outside a table is dropped, so it bounds nothing.
      "<div><td><svg></div><xmp><input type=hidden alt=a>",
      "<p><td><math></p><select><listing><style></form>",
      "<span><tr><math></span><xmp><path d=M1 />",
      // A <table> in a table closes it.
      "<table><table></table><select><tr><style><form>",
      // The adoption agency and reconstructed formatting elements in SVG
      // and MathML content.
      "<tr><a href=x><tr><math></a><textarea><path d=M1 />",
      "<ul><a href=x></ul><math></a><textarea><a/data-x=1>",
      "<math><annotation-xml encoding=text/html><td><![CDATA[</div><input type=hidden alt=a>",
      // An integration point is not closed by an HTML end tag of its name.
      "<svg><desc><path d=M1 /></desc>x<iframe><!-- y --><b onclick=z>",
      // Gumbo's insertion modes in and after a template.
      "<template><table></template><select><table><style><noscript>",
      "<select><template><table></template><style><path d='M1'/>",
      "<template><svg><desc><tr></desc><style></textarea>",
      // The tree builder keeps at most three equal formatting elements to
      // reconstruct: attributes that tell them apart must stay.
      "<p><b onclick=1><b onclick=2><b onclick=3><b onclick=4>x</p>y",
      "<p><i href=/a-1><i href=/a-2><i href=/a-3><i href=/a-4>x</p>y",
      // <isindex> leaves nothing open.
      "<math><mi><isindex prompt=p action=a onclick=x><![CDATA[<script><path d=M1 />",
      "<svg><textarea><title><textarea></textarea><plaintext><path d=M1 />",
      // In a frameset the tree builder ignores a <script>, keeps the white
      // space of its text.
      "<frameset><script>a\nb</script>",
      // It ignores a <caption> outside a table too: the <desc> stays the
      // current node, and a CDATA section in it is one.
      "<svg><desc><caption><![CDATA[x>y<div onclick=z>]]>",
      // Gumbo resets the insertion mode by names, in any namespace: after
      // the HTML <select> the SVG one makes it "in select".
      "<svg><select><title><select></select><style>a<b>c",
  };
  for (const std::string& html : cases) BOOST_TEST(TreeChange(html) == "", html);
}

namespace {

// Checks that the pre-pass leaves html as it is and moves nothing out.
void CheckNothingMoved(const std::string& html) {
  pith::MovedValues moved;
  BOOST_TEST(Elide(html, &moved) == html, html);
  BOOST_TEST(moved.empty(), html);
  BOOST_TEST(TreeChange(html) == "", html);
}

// The value of attribute name of the first element in document's <body>.
std::string FirstValue(const pith::HtmlDocument& document, const char* name) {
  const auto* first = static_cast<const GumboNode*>(document.body()->v.element.children.data[0]);
  const char* value = pith::AttributeValue(first->v.element, name);
  return value != nullptr ? value : "(none)";
}

}  // namespace

BOOST_AUTO_TEST_CASE(long_attribute_values_are_moved_out_and_put_back) {
  const std::string html =
      "<div class=\"article-body main\" id=story title='Caf\xC3\xA9 cr\xC3\xA8me' lang=en>x</div>";
  pith::MovedValues moved;
  const std::string elided = Elide(html, &moved);
  // U+E000 and the index; "en" is shorter than a reference.
  BOOST_TEST(elided == "<div class=\"\xEE\x80\x80" "0\" id=\xEE\x80\x80" "1 title='\xEE\x80\x80" "2' lang=en>x</div>");
  const pith::HtmlDocument document(elided, std::move(moved));
  BOOST_TEST(FirstValue(document, "class") == "article-body main");
  BOOST_TEST(FirstValue(document, "id") == "story");
  BOOST_TEST(FirstValue(document, "title") == "Caf\xC3\xA9 cr\xC3\xA8me");
  BOOST_TEST(FirstValue(document, "lang") == "en");
  // With nowhere to move them to, values stay.
  BOOST_TEST(Elide(html) == html);
}

BOOST_AUTO_TEST_CASE(values_the_tree_builder_reads_or_gumbo_changes_stay_in_place) {
  using namespace std::string_literals;
  const std::string kept[] = {
      // Gumbo decodes character references, turns CR into LF, replaces
      // NUL, ill-formed UTF-8, C1 controls and noncharacters.
      "<div title=\"Fish &amp; chips\">", "<div title=\"line one\r\nline two\">",
      "<div title=\"a NUL\0 inside\">"s, "<div title=\"a tab\tinside\">",
      "<div title=\"a C1 \xC2\x85 control\">", "<div title=\"broken \xC3 UTF-8\">",
      "<div title=\"a nonchar \xEF\xBF\xBE inside\">",
      // The tree builder reads these.
      "<table><input type=hidden-value>", "<math><annotation-xml encoding=text/html-value>",
      "<div color=dark-slate-gray face=serif-face size=large-size>",
      // It compares the attributes of formatting elements but <a>, and
      // Gumbo makes text of an <isindex>'s prompt.
      "<b class=bold-class-name><font class=font-class-name>",
      "<isindex prompt=\"a long prompt\" class=isindex-class>",
  };
  for (const std::string& html : kept) CheckNothingMoved(html);
}

BOOST_AUTO_TEST_CASE(a_page_that_holds_the_marker_moves_nothing) {
  // Gumbo would give "\xEE\x80\x80" "0" for each title: were the class
  // moved, the title would read as a reference to it.
  const std::string pages[] = {
      "<p class=\"long-class-name\" title=\"&#xE000;0\">",
      "<p class=\"long-class-name\" title=\"&#57344;0\">",
      "<p class=\"long-class-name\" title=\"&#X0e000;0\">",
      "<p class=\"long-class-name\">\xEE\x80\x80</p>",
  };
  for (const std::string& html : pages) CheckNothingMoved(html);
  // Nor one that holds a character that reads as a moved text's reference.
  for (const char* html : {"<p>A long enough text &#xE001;</p>",
                           "<p>A long enough text &#57345;</p>",
                           "<p class=\"long-class-name\">\xEE\x80\x81</p>",
                           "<p class=\"long-class-name\">\xEE\xBF\xBF</p>"}) {
    CheckNothingMoved(html);
  }
  pith::MovedValues moved;
  BOOST_TEST(Elide("<p class=\"long-class-name\" title=\"&#xF001;0\">", &moved) ==
             "<p class=\"\xEE\x80\x80" "0\" title=\"&#xF001;0\">");
}

namespace {

// The text of document's <body>.
std::string BodyText(const pith::HtmlDocument& document) { return pith::NodeText(document.body()); }

}  // namespace

BOOST_AUTO_TEST_CASE(long_text_runs_are_moved_out_and_put_back) {
  const std::pair<std::string, std::string> cases[] = {
      // Each reference is one character, U+E001 and up: text may follow it.
      {"<p>The quick brown fox</p>", "<p>\xEE\x80\x81</p>"},
      {"<p>The quick <b>brown fox jumps</b> over</p>",
       "<p>\xEE\x80\x81 <b>\xEE\x80\x82</b> over</p>"},
      // A run starts and ends with other than white space; runs of white
      // space around it are cut as elsewhere, inside it they stay.
      {"<p>  \n First  line\n\n second line \t</p>", "<p>\n\xEE\x80\x81 </p>"},
      // Character references stay, up to the white space that ends them.
      {"<p>Fish &amp; chips and more words</p>", "<p>Fish &amp; \xEE\x80\x81</p>"},
      {"<p>Fish&ampchips and more words</p>", "<p>Fish&ampchips \xEE\x80\x81</p>"},
      // So do carriage returns, NULs, controls and what Gumbo replaces.
      {"<p>First line\r\nsecond line</p>", "<p>\xEE\x80\x81\n\xEE\x80\x82</p>"},
      {"<p>A C1 \xC2\x85 control in between</p>", "<p>A C1 \xC2\x85 \xEE\x80\x81</p>"},
      // Text directly in the body, and white space inside <pre>.
      {"Text in the body<br>more text", "\xEE\x80\x81<br>\xEE\x80\x82"},
      {"<pre>\nfirst  line\n  second</pre>", "<pre>\n\xEE\x80\x81</pre>"},
      {"<pre>first line\n\nsecond</pre>", "<pre>\xEE\x80\x81</pre>"},
  };
  for (const auto& [html, elided] : cases) {
    pith::MovedValues moved;
    BOOST_TEST(Elide(html, &moved) == elided, html);
    const pith::HtmlDocument before(html);
    const pith::HtmlDocument after(elided, std::move(moved));
    BOOST_TEST(CutRuns(BodyText(after)) == CutRuns(BodyText(before)), html);
    BOOST_TEST(TreeChange(html) == "", html);
  }
  // Two references and a character reference in one text node.
  const std::string html = "<p>Some long text &amp; more long text</p>";
  pith::MovedValues moved;
  const std::string elided = Elide(html, &moved);
  BOOST_TEST(elided == "<p>\xEE\x80\x81 &amp; \xEE\x80\x82</p>");
  BOOST_TEST(BodyText(pith::HtmlDocument(elided, std::move(moved))) ==
             "Some long text & more long text");
}

BOOST_AUTO_TEST_CASE(texts_past_the_last_reference_stay) {
  // One character refers to a text: U+E001 to U+EFFF, 4,095 texts a page.
  std::string page;
  for (int i = 0; i < 5000; ++i) page += "<p>Paragraph " + std::to_string(i) + "</p>";
  pith::MovedValues moved;
  const std::string elided = Elide(page, &moved);
  BOOST_TEST(elided.find("<p>\xEE\xBF\xBF</p><p>Paragraph 4095</p>") != std::string::npos);
  BOOST_TEST(BodyText(pith::HtmlDocument(elided, std::move(moved))) ==
             BodyText(pith::HtmlDocument(page)));
}

BOOST_AUTO_TEST_CASE(text_stays_where_the_tree_builder_may_tell_characters_apart) {
  // Table text (foster-parented when it holds other than white space), a
  // <select>, RCDATA (<title>, <textarea>), SVG and MathML, a frameset
  // page (which keeps only white space), a template.
  const std::string kept[] = {
      "<table>Some foster-parented text<tr><td>x</td></tr></table>",
      "<table><tr>Text in a table row<td>x</table>",
      "<table><colgroup>Text in a column group</table>",
      "<table><p>A paragraph foster-parented</p></table>",
      "<table><td><table>Text in an inner table</table></td></table>",
      "<select><option>An option with long text</select>",
      "<table><td><select><option>An option with long text</select></table>",
      "<title>A long enough title</title><textarea>\nA long enough text</textarea>",
      "<svg><text>Some text in SVG</text></svg><math><mi>Some text in MathML</mi></math>",
      "<frameset>Text in a frameset page</frameset>after the frameset",
      "<p>x<frameset><p>Text after a frameset",
      "<template><p>Text in a template</p></template><p>Text after a template",
  };
  for (const std::string& html : kept) CheckNothingMoved(html);
  // Text in a cell or caption, in the head (its first character starts the
  // body), and after the body, moves.
  const std::string moving[] = {
      "<table><tr><td>A cell with long text</td></tr></table>",
      "<table><caption>A caption with long text</caption></table>",
      "<html><head>Text in the head section<meta charset=utf-8></head>",
      "<head><noscript>Text in a noscript element</noscript></head>",
      "<body></body>Text after the body</html>Text after the html",
      "<p>Text before the frameset<frameset>",
  };
  for (const std::string& html : moving) {
    pith::MovedValues moved;
    BOOST_TEST(Elide(html, &moved) != html, html);
    BOOST_TEST(!moved.empty(), html);
    BOOST_TEST(TreeChange(html) == "", html);
  }
}

BOOST_AUTO_TEST_CASE(moved_values_reach_the_article_as_written) {
  std::string page =
      "<html lang=en-GB><head><title>Story</title>"
      "<meta property=\"og:title\" content=\"The Long Headline of the Story\">"
      "<meta name=\"description\" content=\"What the story is about, in a sentence.\">"
      "</head><body><div class=\"article-body main-column\" id=\"story-body\">";
  for (int i = 0; i < 6; ++i) {
    page += "<p class=\"story-paragraph\">The council met on Tuesday to discuss the budget of "
            "the town, and <a href=\"https://example.org/news/2024/budget-story.html\" "
            "title=\"The budget story\">the plan</a> was approved after a long debate.</p>";
  }
  page += "</div></body></html>";
  for (const bool markdown : {false, true}) {
    pith::CleanOptions with;
    with.markdown = markdown;
    pith::CleanOptions without = with;
    without.prepass = false;
    const Article a = Clean(page, with);
    const Article b = Clean(page, without);
    BOOST_TEST_REQUIRE(a.status.ok(), a.status.ToString());
    BOOST_TEST(a.text == b.text);
    BOOST_TEST(a.markdown == b.markdown);
    BOOST_TEST(a.text.find("\xEE\x80\x80") == std::string::npos);
    BOOST_TEST(a.fields.title == "The Long Headline of the Story");
    BOOST_TEST(a.fields.description == "What the story is about, in a sentence.");
    BOOST_TEST(a.fields.language == b.fields.language);
    if (markdown) {
      BOOST_TEST(a.markdown.find("(https://example.org/news/2024/budget-story.html)") !=
                 std::string::npos);
    }
  }
}

BOOST_AUTO_TEST_CASE(random_tag_soup_parses_to_the_same_tree) {
  // Thousands of documents strung together at random from the tokens that
  // switch the tokenizer's state or the tree builder's mode.
  const std::string tokens[] = {
      "<script>", "</script>", "<script type=application/ld+json>", "<!--", "-->", "--!>",
      "<style>", "</style>", "<svg>", "</svg>", "<math>", "</math>", "<desc>", "</desc>",
      "<foreignObject>", "<mi>", "<mtext>", "<![CDATA[", "]]>", "<p>", "</p>", "<b>", "</b>",
      "<div>", "</div>", "<select>", "</select>", "<option>", "<textarea>", "</textarea>",
      "<title>", "</title>", "<table>", "<tr>", "<td>", "</table>", "<font color=x>", "<font>",
      "<path d='M1'/>", "<path d=M1 />", "<xmp>", "</xmp>", "<iframe>", "</iframe>",
      "<noscript>", "</noscript>", "<template>", "</template>", "<form>", "</form>",
      "<plaintext>", "<br>", "</br>", "<a href=x>", "</a>", "<li>", "<ul>", "</ul>", "<h1>",
      "</h2>", "<span>", "</span>", "x", "y z", " ", "\n", "<", ">", "/", "'", "\"", "=", "-",
      "!", "<!", "</", "<!-->", "<!--->", "<?x>", "</ >", "<!doctype html>",
      "<annotation-xml encoding=text/html>", "</annotation-xml>", "<body>", "<head>", "<html>",
      "</body>", "<input>", "<image>", "<div onclick=x class=c>", "<a/data-x=1>",
      "<g/x=1>", "<circle/>", "<font face=f size=1>", "<input type=hidden alt=a>",
      "<isindex prompt=p action=a onclick=x>", "<b title=t style='x' lang=en>", "  \n ",
      "\r\n\t", "<pre>", "</pre>", "<listing>", "</listing>",
      "<a href=/a-b>", "<link rel=canonical href=/a-b>", "<area href='/x/y'>",
      // Values to move out, and values that stay.
      "<div class=\"nav-menu main\">", "<b class=bold-class-name>", "<i class='icon icon-x'>",
      "<p id=a-long-identifier title='Caf\xC3\xA9 cr\xC3\xA8me'>", "<a href=/a-b class=link-class>",
      "<input type=hidden class=input-class>", "<font color=red-value face=serif-face>",
      "<span title=\"Fish &amp; chips\">", "<span title=\"&#xE000;0\">", "\xEE\x80\x80",
      "<html lang=en-GB-oxendict>", "<body class=body-class-name>", "<frameset>", "</frameset>",
      // Texts to move out, and texts that stay.
      "A long run of text", "more words here and there", "\nline after a line feed",
      "Fish &amp; chips and more", "&ampno semicolon text", "&#xE001;", "\xEE\x80\x81",
      "a\r\nb carriage return", std::string("a NUL\0 inside text", 18),
      // Runs longer than the eight bytes read at once, ended by what Gumbo
      // does not store as written.
      "Eight bytes and more &amp; more", "Eight bytes and more\x01control", "eight bytes\x7F and del",
      "<span title='A value of more than eight bytes &amp; more'>", "<i class='long-class-name\x7F'>",
      "<caption>", "<colgroup>", "<tbody>", "<th>", "<optgroup>", "<listing>\nlisted text"};
  std::mt19937 random(5489);
  for (int document = 0; document < 20000; ++document) {
    std::string html;
    for (std::size_t n = 1 + random() % 40; n > 0; --n) html += tokens[random() % std::size(tokens)];
    // A page that would abort Gumbo is refused (see pages_that_would_abort_gumbo_are_refused).
    if (pith::Prepass(html, kDepth, nullptr).code() == Status::Code::kUnsupported) continue;
    BOOST_TEST(TreeChange(html) == "", html);
  }
}

BOOST_AUTO_TEST_CASE(pages_parse_to_the_same_tree) {
  for (const fs::path& path : Pages(200)) {
    BOOST_TEST(TreeChange(ReadFile(path)) == "", path.string());
  }
}

BOOST_AUTO_TEST_CASE(articles_are_the_same_with_and_without_the_prepass) {
  pith::CleanOptions with;
  pith::CleanOptions without;
  without.prepass = false;
  for (const fs::path& path : Pages(200)) {
    const std::string html = ReadFile(path);
    const Article a = Clean(html, with);
    const Article b = Clean(html, without);
    BOOST_TEST(a.status.ToString() == b.status.ToString(), path.string());
    BOOST_TEST(a.text == b.text, path.string());
    BOOST_TEST(a.charset == b.charset, path.string());
    const pith::Fields& f = a.fields;
    const pith::Fields& g = b.fields;
    BOOST_TEST((f.url == g.url && f.title == g.title && f.date == g.date &&
                f.author == g.author && f.sitename == g.sitename && f.language == g.language &&
                f.description == g.description && f.image == g.image && f.tags == g.tags),
               path.string());
  }
}

BOOST_AUTO_TEST_CASE(markup_nested_past_the_cap_is_refused) {
  std::string deep;
  for (int i = 0; i < 100; ++i) deep += "<div><span>";
  BOOST_TEST(pith::Prepass(deep, 200, nullptr).ok());
  const Status s = pith::Prepass(deep, 150, nullptr);
  BOOST_TEST((s.code() == Status::Code::kTooLarge));
  BOOST_TEST(s.message() == "markup nested more than 150 elements deep");
}

BOOST_AUTO_TEST_CASE(elements_closed_by_implication_do_not_count_as_nesting) {
  // Thousands of elements whose end tags are left out, as real pages do:
  // each closes the one before, so the page stays shallow.
  const std::pair<std::string, std::string> soup[] = {
      {"", "<p>x"},           {"<ul>", "<li>x"},          {"<table>", "<tr><td>a<td>b"},
      {"<dl>", "<dt>a<dd>b"}, {"<select>", "<option>a"},  {"", "<div><span>x</div>"},
      {"", "<b><p>x</b>"},    {"", "<h1>x</h2>"},         {"<table>", "<tbody><tr><td>x"},
      {"", "<form><input>"},  {"", "<div><form></div>"}};
  for (const auto& [start, unit] : soup) {
    std::string page = start;
    for (int i = 0; i < 3000; ++i) page += unit;
    BOOST_TEST(pith::Prepass(page, 20, nullptr).ok(), unit);
  }
}

BOOST_AUTO_TEST_CASE(the_cleaner_reports_a_page_nested_too_deep) {
  std::string page = "<html><body>";
  for (int i = 0; i < 20000; ++i) page += "<div>";
  page += "An article nobody can parse in time.";
  const Article a = Clean(page, pith::CleanOptions());
  BOOST_TEST((a.status.code() == Status::Code::kTooLarge));
  BOOST_TEST(a.status.ToString() == "too large: markup nested more than 5000 elements deep");
  BOOST_TEST(a.source == "page.html");
}

BOOST_AUTO_TEST_CASE(a_record_over_the_time_cap_is_an_error_record) {
  // A page that takes well over a millisecond to clean: 2 MB of paragraphs.
  std::string page = "<html><body>";
  for (int i = 0; page.size() < (2u << 20); ++i) {
    page += "<p>The committee met on day " + std::to_string(i) +
            " of the month, and it went on to discuss the budget of the town.</p>\n";
  }
  pith::CleanOptions options;
  options.max_clean_ms = 1;
  const Article a = Clean(page, options);
  BOOST_TEST((a.status.code() == Status::Code::kTimeout));
  BOOST_TEST(a.status.ToString() == "timeout: cleaning took over 1 ms (the time cap)");
  BOOST_TEST(a.text.empty());
  options.max_clean_ms = 0;  // no cap
  BOOST_TEST(Clean(page, options).status.ok());
}

BOOST_AUTO_TEST_CASE(pages_that_would_abort_gumbo_are_refused) {
  for (const char* page : {"<table><math><mi><![CDATA[x]]>y",
                           "<table><tr><math><annotation-xml encoding=text/html><![CDATA[!]]>=",
                           "<table><svg><desc><![CDATA[!]]>="}) {
    std::string elided;
    BOOST_TEST((pith::Prepass(page, 1000, &elided).code() == Status::Code::kUnsupported), page);
    BOOST_TEST((pith::Prepass(page, 1000, nullptr).code() == Status::Code::kUnsupported), page);
  }
  // In a cell, or outside a table, or in plain SVG content, Gumbo copes.
  for (const char* page : {"<table><td><math><mi><![CDATA[x]]>y", "<math><mi><![CDATA[x]]>y",
                           "<table><svg><![CDATA[!]]>="}) {
    std::string elided;
    BOOST_TEST(pith::Prepass(page, 1000, &elided).ok(), page);
  }
}

BOOST_AUTO_TEST_CASE(hrefs_are_shortened_unless_kept) {
  const std::string page = "<p><a href=\"https://example.com/news/2024/story\">x</a></p>";
  std::string elided;
  BOOST_TEST_REQUIRE(pith::Prepass(page, 100, &elided).ok());
  BOOST_TEST(elided.find("href=\"-\"") != std::string::npos);
  BOOST_TEST_REQUIRE(pith::Prepass(page, 100, &elided, /*keep_hrefs=*/true).ok());
  BOOST_TEST(elided.find("https://example.com/news/2024/story") != std::string::npos);
}
