#define BOOST_TEST_MODULE segment
#include <boost/test/unit_test.hpp>

#include <string>
#include <vector>

#include "clean/segment.h"

using namespace pith;

BOOST_AUTO_TEST_CASE(lines_are_split_on_any_line_ending_and_blanks_counted) {
  const auto lines = SegmentDump("One\r\nTwo\n\n\nThree\rFour\f  \nFive");
  BOOST_TEST_REQUIRE(lines.size() == 5u);
  BOOST_TEST(lines[0].text == "One");
  BOOST_TEST(lines[1].text == "Two");
  BOOST_TEST(lines[2].text == "Three");
  BOOST_TEST(lines[2].blank_before == 2);
  BOOST_TEST(lines[3].text == "Four");
  BOOST_TEST(lines[4].blank_before == 1);
}

BOOST_AUTO_TEST_CASE(white_space_inside_lines_is_collapsed) {
  const auto lines = SegmentDump("   indented \t  text\xC2\xA0here  ");
  BOOST_TEST_REQUIRE(lines.size() == 1u);
  BOOST_TEST(lines[0].text == "indented text here");
}

BOOST_AUTO_TEST_CASE(hard_wrapped_paragraphs_are_rejoined) {
  // A w3m-style dump wrapped at 40 columns.
  const std::string dump =
      "Short title\n\n"
      "The ministers met in Brussels on Thursday\n"
      "to discuss the plan, and they agreed on a\n"
      "common position after a long debate that\n"
      "lasted well into the night.\n\n"
      "A second paragraph also wraps around the\n"
      "fortieth column, as w3m prints it here.\n";
  const auto lines = SegmentDump(dump);
  BOOST_TEST_REQUIRE(lines.size() == 3u);
  BOOST_TEST(lines[1].text ==
             "The ministers met in Brussels on Thursday to discuss the plan, and they agreed on "
             "a common position after a long debate that lasted well into the night.");
  BOOST_TEST(lines[2].text ==
             "A second paragraph also wraps around the fortieth column, as w3m prints it here.");
}

BOOST_AUTO_TEST_CASE(unwrapped_dumps_keep_their_lines) {
  const std::string dump =
      "Home\nNews\nSport\n"
      "This is a long paragraph as innerText prints it, on one line however long it "
      "grows, with no hard wrapping at any column at all.\n"
      "Next line\n";
  BOOST_TEST(SegmentDump(dump).size() == 5u);
}

BOOST_AUTO_TEST_CASE(lynx_link_references_are_removed_when_the_dump_is_full_of_them) {
  std::string dump;
  for (int i = 1; i <= 12; ++i) dump += "[" + std::to_string(i) + "]Link " + std::to_string(i) + "\n";
  dump += "Body text cites a source [3] once.\n";
  const auto lines = SegmentDump(dump);
  BOOST_TEST(lines.front().text == "Link 1");
  BOOST_TEST(lines.back().text == "Body text cites a source once.");
}

BOOST_AUTO_TEST_CASE(a_lone_citation_is_kept) {
  const auto lines = SegmentDump("Body text cites a source [3] once.");
  BOOST_TEST(lines.front().text == "Body text cites a source [3] once.");
}

BOOST_AUTO_TEST_CASE(empty_and_blank_dumps_have_no_lines) {
  BOOST_TEST(SegmentDump("").empty());
  BOOST_TEST(SegmentDump("\n \n\t\n").empty());
}

BOOST_AUTO_TEST_CASE(sentences_broken_at_links_are_joined_back) {
  // get_text("\n") prints a newline at each link inside a sentence.
  const std::string dump =
      "Home\nNews\n"
      "The team said it had ported\nthe scheduler\nto the new chips in March.\n"
      "Related\nmore stories\nsport\n";
  const auto lines = SegmentDump(dump);
  std::vector<std::string> texts;
  for (const auto& l : lines) texts.push_back(l.text);
  const std::vector<std::string> want = {
      "Home", "News", "The team said it had ported the scheduler to the new chips in March.",
      "Related", "more stories", "sport"};
  BOOST_TEST(texts == want, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(lines_that_do_not_close_a_sentence_are_not_joined) {
  const std::string dump = "Home\nNews\nThe plan was agreed.\nby the council\nSport\n";
  BOOST_TEST(SegmentDump(dump).size() == 5u);
}

BOOST_AUTO_TEST_CASE(preformatted_lines_keep_their_white_space_and_are_never_joined) {
  // A code block whose lines leave clauses open, as code does.
  const std::string text = "def f(x,\n    y):\n\n    return x  \nwhich returns the sum";
  std::vector<LineMarkup> markup(5);
  for (int i = 0; i < 4; ++i) markup[static_cast<std::size_t>(i)].pre_block = 1;
  const auto lines = SegmentDump(text, &markup);
  BOOST_TEST_REQUIRE(lines.size() == 4u);
  BOOST_TEST(lines[0].text == "def f(x,");
  BOOST_TEST(lines[1].text == "    y):");
  BOOST_TEST(lines[2].text == "    return x");
  BOOST_TEST(lines[2].blank_before == 1);
  BOOST_TEST(lines[2].pre_block == 1u);
  BOOST_TEST(lines[3].text == "which returns the sum");
  BOOST_TEST(lines[3].pre_block == 0u);
}
