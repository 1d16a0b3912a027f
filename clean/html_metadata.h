// Header fields of an HTML page: what its structured data, meta tags and
// markup say about the article (url, title, date, author, sitename, tags,
// language, description, image).

#ifndef PITH_CLEAN_HTML_METADATA_H_
#define PITH_CLEAN_HTML_METADATA_H_

#include <string>
#include <string_view>

#include "clean/dates.h"
#include "pith/pith.h"

namespace pith {

class HtmlDocument;

struct HtmlMetadata {
  // Each field "" (or empty) when the page does not state it. language is
  // only what the markup declares; the cleaner detects it from the text when
  // this is empty.
  Fields fields;
  // The articleBody of the page's JSON-LD article, white space collapsed and
  // entities decoded, as the page wrote it (it may hold markup); "" when the
  // page has none. The content-root stage looks for it in the tree.
  std::string article_body;
};

// Reads the header fields of document. For each field the first source that
// states it wins, in this order (clean/README.md, "Header fields of HTML
// pages", gives the details and why):
//
//   1. JSON-LD: the first object whose @type is an article (Article,
//      NewsArticle, BlogPosting, Report, any *Article or *Posting), also in @graph
//      and arrays; its publisher, or a WebSite node, for the sitename;
//   2. meta tags: OpenGraph and article:*, then Dublin Core, then twitter:*,
//      then standard and vendor names (author, description, keywords, date,
//      sailthru.*, parsely-*), and microdata itemprop metas;
//   3. markup: <time> (itemprop=datePublished first, then pubdate, then one
//      inside <article> or <main>, then any) and itemprop=headline;
//   4. <title>, its site-name part removed ("Headline | Site");
//   5. the first <h1> that is not the site's logo;
//   6. bylines: itemprop=author, rel=author, class or id with "byline" or
//      "author", text opening with "By"; for the date, date-like class or
//      id, then a text that is nothing but a date after the headline;
//   7. the date in the URL path (/2024/06/12/, /2024-06-12/, /20240612/);
//   8. a modified date (dateModified, article:modified_time): a page's
//      publication date from any source wins over it;
//   9. a text that is nothing but a date before the headline (as likely
//      the masthead's today).
//
// url is record_url when it is not empty, else the canonical link, else
// og:url, else JSON-LD's url. Dates are YYYY-MM-DD and never after latest;
// before 1995 only when machine-readable metadata (JSON-LD, meta, <time
// datetime>) states an ISO 8601 day. Several authors are joined by "; "; an
// author that only names the site or a section of it gives way to the next
// source that names a person.
//
// Never fails and never throws on any page: malformed JSON-LD is repaired
// when it can be (HTML comments, CDATA wrappers, trailing commas, raw
// control characters in strings) and skipped when not. The walk over the
// tree is iterative and visits at most 200,000 nodes; JSON-LD is walked to a
// bounded depth. Keeps no state: safe to call from any number of threads.
HtmlMetadata ExtractHtmlMetadata(const HtmlDocument& document, std::string_view record_url,
                                 const Day& latest);

// Whether href leads to a site's home page ("/", "http://blog.example/",
// "/seths_blog/") rather than to an article, whose path is longer or holds
// a slug's hyphens: a heading whose text is all one such link is the logo.
// The pre-pass keeps the answer for every href it shortens.
bool IsHomeLink(std::string_view href);

}  // namespace pith

#endif  // PITH_CLEAN_HTML_METADATA_H_
