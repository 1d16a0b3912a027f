// The Content-Type header, as the fetcher and the WARC reader need it.

#ifndef PITH_FETCH_CONTENT_TYPE_H_
#define PITH_FETCH_CONTENT_TYPE_H_

#include <string>
#include <string_view>

namespace pith {

// Splits a Content-Type value into its media type ("text/html", lower-cased,
// "" when absent) and its charset parameter (unquoted, as written, "" when
// absent): "Text/HTML; Charset=\"cp1251\"" gives "text/html" and "cp1251".
void ParseContentType(std::string_view value, std::string* media_type, std::string* charset);

}  // namespace pith

#endif  // PITH_FETCH_CONTENT_TYPE_H_
