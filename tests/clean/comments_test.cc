#define BOOST_TEST_MODULE comments
#include <boost/test/unit_test.hpp>

#include <memory>
#include <string>
#include <vector>

#include "clean/comments.h"
#include "clean/dates.h"
#include "clean/rules.h"
#include "clean/segment.h"
#include "tests/test_rules.h"

using namespace pith;

namespace {

const RuleSet& Rules() {
  static const std::unique_ptr<const RuleSet> rules = testing::TestRules(
      "comments ^\\d+ comments$\n"
      "comments ^leave a reply$\n"
      "end ^related posts$\n"
      "drop ^(?:reply|report|author)$\n"
      "drop ^name \\*$\n");
  return *rules;
}

// The comments CleanComments finds in a section given as one line per line.
std::string Comments(const std::string& section) {
  const std::vector<DumpLine> lines = SegmentDump(section);
  std::vector<Block> blocks(lines.size());
  const StopwordSet none;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    blocks[i].text = lines[i].text;
    MeasureBlock(&none, &blocks[i]);
  }
  return CleanComments(blocks, Rules().ForUrl(""), LatestPlausibleDay());
}

}  // namespace

BOOST_AUTO_TEST_CASE(comment_header_is_a_short_line_with_a_name_and_a_date) {
  const StopwordSet none;
  Block header;
  header.text = "Deborah July 23, 2012 at 4:39 am";
  MeasureBlock(&none, &header);
  BOOST_TEST(IsCommentHeader(header, LatestPlausibleDay()));
  Block date_only;
  date_only.text = "July 23, 2012";
  MeasureBlock(&none, &date_only);
  BOOST_TEST(!IsCommentHeader(date_only, LatestPlausibleDay()));
}

BOOST_AUTO_TEST_CASE(each_comment_is_the_text_under_its_header_separated_by_a_blank_line) {
  BOOST_TEST(Comments("3 comments\n"
                      "Deborah July 23, 2012 at 4:39 am\n"
                      "Great piece, thank you.\n"
                      "I shared it with my class.\n"
                      "Reply\n"
                      "Tom Baker July 24, 2012 at 9:00 am\n"
                      "I disagree with the second point.\n") ==
             "Great piece, thank you.\nI shared it with my class.\n\n"
             "I disagree with the second point.");
}

BOOST_AUTO_TEST_CASE(names_above_a_date_line_widgets_and_vote_counts_are_left_out) {
  BOOST_TEST(Comments("Graham Tulley\n"
                      "2 days ago\n"
                      "Interesting! Might try one plant this year.\n"
                      "Reply\n"
                      "Like (4)\n"
                      "Pete W\n"
                      "Pete W (@pete_w)\n"
                      "5 months ago\n"
                      "Author\n"
                      "One plant is a good start.\n"
                      "14\n"
                      "Report\n") ==
             "Interesting! Might try one plant this year.\n\nOne plant is a good start.");
}

BOOST_AUTO_TEST_CASE(a_name_glued_to_its_date_is_a_header) {
  BOOST_TEST(Comments("Jean Holroyd9 November 2024 at 14:05\n"
                      "Variant spellings are the bane of my life too!\n") ==
             "Variant spellings are the bane of my life too!");
}

BOOST_AUTO_TEST_CASE(text_before_the_first_header_is_not_a_comment) {
  BOOST_TEST(Comments("Leave a reply\n"
                      "Name *\n"
                      "Save my name and email in this browser for the next time I comment.\n"
                      "Deborah July 23, 2012 at 4:39 am\n"
                      "Great piece.\n") == "Great piece.");
}

BOOST_AUTO_TEST_CASE(a_marker_after_the_first_comment_ends_the_thread) {
  BOOST_TEST(Comments("Deborah July 23, 2012 at 4:39 am\n"
                      "Great piece.\n"
                      "Leave a reply\n"
                      "Save my name and email in this browser for the next time I comment.\n"
                      "Tom Baker July 24, 2012 at 9:00 am\n"
                      "Not a comment of this thread.\n") == "Great piece.");
  BOOST_TEST(Comments("Deborah July 23, 2012 at 4:39 am\n"
                      "Great piece.\n"
                      "Related posts\n"
                      "March 3, 2012\n"
                      "Ten tips for the garden.\n") == "Great piece.");
}

BOOST_AUTO_TEST_CASE(a_section_without_headers_has_no_comments) {
  BOOST_TEST(Comments("Comments\nPlease enable JavaScript to view the comments.\n") == "");
  BOOST_TEST(Comments("") == "");
}

BOOST_AUTO_TEST_CASE(discussions_are_cleaned_each_and_joined_in_order) {
  const std::vector<std::string> discussions = {
      "2 comments\nAnn July 1, 2012 at 1:00 pm\nFirst.\nReply",
      "Bob July 2, 2012 at 2:00 pm\nSecond.\nThird line.",
      "Leave a reply\nName *"};
  BOOST_TEST(CleanDiscussions(discussions, Rules().ForUrl(""), StopwordSet(),
                                 LatestPlausibleDay()) == "First.\n\nSecond.\nThird line.");
}
