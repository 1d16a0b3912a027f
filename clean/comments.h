// Readers' comments: the thread under an article, cleaned into the text of
// each comment.

#ifndef PITH_CLEAN_COMMENTS_H_
#define PITH_CLEAN_COMMENTS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "clean/block_classifier.h"
#include "clean/dates.h"
#include "clean/rules.h"

namespace pith {

// A line naming a person on its own (a commenter, an author over their box)
// is at most this many characters long.
constexpr std::size_t kMaxNameChars = 40;

// True for a comment's header: a short line that names someone and dates it
// ("Deborah July 23, 2012 at 4:39 am"). A line that is only a date is not one.
bool IsCommentHeader(const Block& b, const Day& latest);

// Cleans the lines of a comment section, measured (MeasureBlock): the lines
// of a dump from where its comments open, or the rendering of a page's
// discussion element. A comment is the text under a header (a comment header, or a date
// line such as "2 days ago" with the commenter's name on the line before);
// headers, names, rule-dropped widgets ("Reply", "Report", "Like"), vote
// counts ("Like (4)", "+12") and text before the first header (the thread's
// heading, a reply form) are left out. A comment-section or end marker after
// the first comment ends the thread: what follows is a reply form, a list of
// related links, a footer. Returns each comment's lines joined by '\n',
// comments separated by one blank line; "" when no comment was found.
std::string CleanComments(const std::vector<Block>& blocks, const RuleScope& rules,
                          const Day& latest);

// CleanComments over the renderings of a page's discussion elements
// (RenderBodyText's discussions), each segmented and measured with
// stopwords; the comments of all, in order, separated by one blank line.
std::string CleanDiscussions(const std::vector<std::string>& discussions, const RuleScope& rules,
                                const StopwordSet& stopwords, const Day& latest);

}  // namespace pith

#endif  // PITH_CLEAN_COMMENTS_H_
