// Writers: an Article as a line of JSON, as its body, or in the seed format.

#ifndef PITH_CLEAN_ARTICLE_WRITER_H_
#define PITH_CLEAN_ARTICLE_WRITER_H_

#include <string>
#include <string_view>

#include "pith/pith.h"

namespace pith {

enum class OutputFormat { kJsonl, kText, kSeed };

// Parses "jsonl", "text" or "seed"; false for anything else.
bool ParseOutputFormat(std::string_view name, OutputFormat* format);

// One JSON object on one line, ending in '\n', with the keys in this order:
// source, url, title, date, author, sitename, tags, language, description,
// text, and error only when the status is not ok. Unknown fields are null;
// tags is an array. Strings are escaped so the line is valid JSON and valid
// UTF-8 whatever the input held.
std::string ToJsonLine(const Article& article);

// The body alone. An article with an error renders as "".
std::string ToText(const Article& article);

// " date YYYY-MM-DD " then the body; just the body when the date is unknown.
std::string ToSeed(const Article& article);

// Appends a.text-style JSON string literal (with quotes) of s to *out.
void AppendJsonString(std::string_view s, std::string* out);

}  // namespace pith

#endif  // PITH_CLEAN_ARTICLE_WRITER_H_
