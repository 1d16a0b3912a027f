// Writers: an Article as a line of JSON, as its body, or in the seed format.

#ifndef PITH_CLEAN_ARTICLE_WRITER_H_
#define PITH_CLEAN_ARTICLE_WRITER_H_

#include <string>
#include <string_view>

#include "pith/pith.h"

namespace pith {

enum class OutputFormat { kJsonl, kText, kSeed, kMarkdown };

// Parses "jsonl", "text", "seed" or "markdown"; false for anything else.
bool ParseOutputFormat(std::string_view name, OutputFormat* format);

// One JSON object on one line, ending in '\n', with the keys in this order:
// source, url, title, date, author, sitename, tags, language, description,
// image, charset, text, comments only when with_comments (the cleaner was
// asked for them: CleanOptions::comments), then error only when the status is
// not ok. Unknown (empty) header fields are null; tags is an array, [] when
// none; source and text are always strings (text "" with an error), and so is
// comments when present ("" when the page shows none), so a reader of the
// stream finds the same keys on every line; error is status.ToString(), the
// code's name then the message ("corruption: dump.jsonl:3: malformed JSON:
// ..."). The line is valid JSON and valid UTF-8 whatever the strings held.
std::string ToJsonLine(const Article& article, bool with_comments = false);

// The body alone. An article with an error renders as "".
std::string ToText(const Article& article);

// The format of the seed examples: " date YYYY-MM-DD " immediately followed by
// the body when the date is known, else just the body. An article with an
// error renders as "".
std::string ToSeed(const Article& article);

// The article as a Markdown document: "# " and the title when it is known,
// a blank line, the body as Markdown (Article::markdown, which the cleaner
// fills with CleanOptions::markdown), and, with with_comments and comments
// found, a "## Comments" heading over them. An article with an error renders
// as "".
std::string ToMarkdown(const Article& article, bool with_comments = false);

// Appends s to *out as a JSON string literal, quotes included: '"', '\\' and
// control characters are escaped (\n, \t, ..., \u001f), ill-formed UTF-8
// sequences become U+FFFD, everything else is copied as is.
void AppendJsonString(std::string_view s, std::string* out);

}  // namespace pith

#endif  // PITH_CLEAN_ARTICLE_WRITER_H_
