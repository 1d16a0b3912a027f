// A parsed HTML page rendered as text, the way a browser's innerText renders it.

#ifndef PITH_CLEAN_HTML_TEXT_H_
#define PITH_CLEAN_HTML_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "pith/pith.h"

namespace pith {

// Parses html (UTF-8; ill-formed bytes become U+FFFD) with Gumbo and returns
// its <body> as headless Chromium's document.body.innerText renders it with
// scripting off and no style sheets, in the form of the devset's text dumps:
//
//  - block-level elements (div, li, h1-h6, tr, form, ...) start and end a line;
//    <p> is set off by a blank line (headings are not: the innerText
//    algorithm gives only <p> two required line breaks, and Chromium agrees);
//    <br> is a line break; table cells are separated by '\t', rows by '\n';
//  - runs of white space collapse to one space and vanish at line edges;
//    <pre>, <listing>, <xmp> and <plaintext> keep theirs;
//  - elements that are not rendered have no text: head, script, style,
//    template, replaced content (img, svg, iframe, video, input, textarea),
//    closed <details> but for their <summary>, and elements hidden by the
//    `hidden` attribute, <input type=hidden> or an inline style with
//    display:none or visibility:hidden. <noscript> content and the options
//    of a <select> are rendered, one option per line, as Chromium does;
//  - an inline style's display, float and position are honoured too; style
//    sheets are not, so text they hide, move or transform (text-transform)
//    comes out as the markup has it.
//
// Lines carry no trailing white space, blank lines never come two in a row,
// and the text is trimmed. On the devset (1,381 pages) the result equals the
// Chromium dump on 1,043 pages; the rest differ mostly where a style sheet
// applies.
//
// Never fails and keeps no state: safe to call from any number of threads.
// Nothing recurses on the nesting depth of the page, so any depth renders
// on a small stack. Costs to know about, both Gumbo's: its memory is about 8
// times the input on real pages and up to ~130 times on tag soup such as
// "<b><p>x" repeated; its parse time grows with the square of the nesting
// depth of block elements (100,000 unclosed <div>s take ~11 s), so callers
// should cap the input size.
//
// When markup is not null, it receives one entry per line of the result
// (split at '\n', blank lines included), saying what the markup showed of
// that line.
struct LineMarkup {
  std::size_t link_bytes = 0;  // bytes of the line's text inside <a href>
  // Some of the line's text is inside an element that names itself the
  // article's container (<article>, itemprop=articleBody, a content rule).
  bool in_content = false;
  // Some of the line's text is inside the content root: the elements whose
  // Readability scores say they hold the article (pruned renderings only).
  bool in_root = false;
  // Nonzero when the line's text is preformatted (<pre>, <listing>, ...):
  // the number of its block, the same for every line of one block.
  std::uint32_t pre_block = 0;
  // With markdown asked for (RenderBodyText), the line as Markdown: "# "
  // to "###### " before a heading, "- " or "N. " before a list item
  // (indented two spaces a level), "> " in a quote, ** around <strong>/<b>,
  // _ around <em>/<i>, ` around <code>, [text](href) for a link (href as the
  // page wrote it), "| a | b |" for a table row (a "| --- |" rule under a
  // table's first row). A <pre> is one block between ``` fences, its lines
  // and blank lines as they are, in the Markdown of its first line; its
  // other lines are covered. Text is not escaped.
  std::string markdown;
  // With markdown: the line is a list item or a table row, which Markdown
  // sets apart from a tight neighbour by one line break, not a blank line.
  bool tight = false;
  // With markdown: the line's Markdown is in an earlier line's (a <pre>'s).
  bool covered = false;
};
std::string RenderHtmlText(std::string_view html, std::vector<LineMarkup>* markup = nullptr);

class HtmlDocument;
class RuleScope;

// RenderHtmlText's body rendering, for a page already parsed. When prune is
// not null, elements that are never content are left out as if hidden:
// <nav>, <aside>, navigation and complementary ARIA landmarks, and elements
// whose class or id a prune rule names (RuleScope::PrunesElement). When
// discussions is not null too, each pruned element that a discussion rule names
// (RuleScope::NamesDiscussion: readers' comments) is rendered whole, in document
// order, into *discussions; nested ones go with the outermost.
// With markdown and markup not null, each markup entry has the line's
// Markdown too; the plain text is the same either way.
std::string RenderBodyText(const HtmlDocument& document, const RuleScope* prune,
                           std::vector<LineMarkup>* markup,
                           std::vector<std::string>* discussions = nullptr,
                           bool markdown = false);


}  // namespace pith

#endif  // PITH_CLEAN_HTML_TEXT_H_
