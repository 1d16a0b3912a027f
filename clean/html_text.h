// A parsed HTML page rendered as text, the way a browser's innerText renders it.

#ifndef PITH_CLEAN_HTML_TEXT_H_
#define PITH_CLEAN_HTML_TEXT_H_

#include <string>
#include <string_view>

#include "pith/pith.h"

namespace pith {

// Parses html (UTF-8) with Gumbo and renders its <body> as innerText would:
// block elements (p, div, li, h1-h6, tr, ...) on lines of their own, <p> and
// headings set off by a blank line, <br> as a line break, table cells separated
// by a tab, <pre> verbatim, script/style/noscript/template/svg/head contents
// and hidden elements (hidden attribute, inline display:none) left out, white
// space collapsed. The walk is iterative: depth does not grow the stack.
// Header fields found in <head> (title, meta description, html lang, canonical
// url) go into *fields when it is not null.
std::string RenderHtmlText(std::string_view html, Fields* fields);

}  // namespace pith

#endif  // PITH_CLEAN_HTML_TEXT_H_
