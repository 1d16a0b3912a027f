#define BOOST_TEST_MODULE robots_test
#include "fetch/robots.h"

#include <boost/test/unit_test.hpp>

using pith::ProductToken;
using pith::RobotsRules;

BOOST_AUTO_TEST_CASE(longest_matching_rule_wins) {
  RobotsRules r = RobotsRules::Parse(
      "User-agent: *\n"
      "Disallow: /shop\n"
      "Allow: /shop/catalog\n",
      "pith");
  BOOST_TEST(r.Allowed("/"));
  BOOST_TEST(!r.Allowed("/shop"));
  BOOST_TEST(!r.Allowed("/shop/cart"));
  BOOST_TEST(r.Allowed("/shop/catalog/1"));
}

BOOST_AUTO_TEST_CASE(allow_wins_a_tie) {
  RobotsRules r = RobotsRules::Parse("User-agent: *\nDisallow: /page\nAllow: /page\n", "pith");
  BOOST_TEST(r.Allowed("/page"));
}

BOOST_AUTO_TEST_CASE(wildcards_and_end_anchor_match) {
  RobotsRules r = RobotsRules::Parse(
      "User-agent: *\n"
      "Disallow: /*.pdf$\n"
      "Disallow: /private*/secret\n",
      "pith");
  BOOST_TEST(!r.Allowed("/docs/a.pdf"));
  BOOST_TEST(r.Allowed("/docs/a.pdf?download=1"));
  BOOST_TEST(!r.Allowed("/private-area/secret/x"));
  BOOST_TEST(r.Allowed("/private-area/public"));
}

BOOST_AUTO_TEST_CASE(group_naming_the_crawler_replaces_the_star_group) {
  std::string text =
      "User-agent: *\n"
      "Disallow: /\n"
      "\n"
      "User-agent: other\n"
      "User-agent: Pith\n"
      "Disallow: /drafts  # not ready\n"
      "Crawl-delay: 2.5\n";
  RobotsRules mine = RobotsRules::Parse(text, "pith");
  BOOST_TEST(mine.Allowed("/article"));
  BOOST_TEST(!mine.Allowed("/drafts/1"));
  BOOST_TEST(mine.crawl_delay() == 2.5);
  RobotsRules someone = RobotsRules::Parse(text, "somebot");
  BOOST_TEST(!someone.Allowed("/article"));
  BOOST_TEST(someone.crawl_delay() == 0);
}

BOOST_AUTO_TEST_CASE(empty_disallow_and_rules_outside_groups_allow_everything) {
  RobotsRules r = RobotsRules::Parse("Disallow: /\nUser-agent: *\nDisallow:\n", "pith");
  BOOST_TEST(r.Allowed("/anything"));
}

BOOST_AUTO_TEST_CASE(robots_txt_itself_is_always_allowed) {
  BOOST_TEST(RobotsRules::DisallowAll().Allowed("/robots.txt"));
  BOOST_TEST(!RobotsRules::DisallowAll().Allowed("/"));
  BOOST_TEST(RobotsRules::AllowAll().Allowed("/x"));
}

BOOST_AUTO_TEST_CASE(product_token_is_the_name_before_the_version) {
  BOOST_TEST(ProductToken("pith/0.1.0 (+https://github.com/pith)") == "pith");
  BOOST_TEST(ProductToken("  MyBot ") == "mybot");
}

BOOST_AUTO_TEST_CASE(pathological_pattern_does_not_take_exponential_time) {
  std::string pattern = "Disallow: /";
  for (int i = 0; i < 30; ++i) pattern += "*a";
  pattern += "b\n";
  RobotsRules r = RobotsRules::Parse("User-agent: *\n" + pattern, "pith");
  BOOST_TEST(r.Allowed("/" + std::string(5000, 'a')));
}
