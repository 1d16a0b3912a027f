#define BOOST_TEST_MODULE content_type_test
#include "fetch/content_type.h"

#include <boost/test/unit_test.hpp>
#include <string>

using pith::ParseContentType;

BOOST_AUTO_TEST_CASE(media_type_is_lower_cased_and_charset_unquoted) {
  std::string type, charset;
  ParseContentType(" Text/HTML ; Charset=\"Windows-1251\"", &type, &charset);
  BOOST_TEST(type == "text/html");
  BOOST_TEST(charset == "Windows-1251");
}

BOOST_AUTO_TEST_CASE(charset_is_found_among_other_parameters) {
  std::string type, charset;
  ParseContentType("text/html; boundary=x; charset=utf-8; q=1", &type, &charset);
  BOOST_TEST(charset == "utf-8");
  ParseContentType("text/html; xcharset=koi8-r", &type, &charset);
  BOOST_TEST(charset.empty());
}

BOOST_AUTO_TEST_CASE(missing_parts_are_empty) {
  std::string type = "stale", charset = "stale";
  ParseContentType("text/plain", &type, &charset);
  BOOST_TEST(type == "text/plain");
  BOOST_TEST(charset.empty());
  ParseContentType("", &type, &charset);
  BOOST_TEST(type.empty());
}
