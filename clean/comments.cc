#include "clean/comments.h"

#include <string_view>

#include "clean/segment.h"
#include "clean/text_util.h"

namespace pith {
namespace {

// A comment's header is at most this long.
constexpr std::size_t kMaxCommentHeaderChars = 80;
constexpr std::size_t kMaxNameWords = 4;
// The name stands at most this many lines above the date ("Pete W" / "Pete W
// (@pete_w)" / "5 months ago").
constexpr std::size_t kMaxNameLines = 2;
// A vote count's label ("Like", "Points") is at most this many bytes.
constexpr std::size_t kMaxVoteLabel = 12;

// True for a vote or like count: "Like (4)", "12", "+3", "▲ 7", "5 points".
bool IsVoteCount(std::string_view line) {
  const CharCounts counts = CountChars(line);
  if (counts.digits == 0) return false;
  std::size_t label = 0;
  for (std::string_view word : Words(line)) {
    if (CountChars(word).digits == 0) label += word.size();
  }
  return label <= kMaxVoteLabel && Words(line).size() <= 2;
}


// The text with a space where a lower-case letter runs into a digit: a name
// glued to its date, as innerText prints <cite>Jean Holroyd</cite><span>9
// November 2024</span>.
std::string Unglue(std::string_view text) {
  std::string out;
  out.reserve(text.size() + 4);
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && text[i] >= '0' && text[i] <= '9' && text[i - 1] >= 'a' && text[i - 1] <= 'z') {
      out.push_back(' ');
    }
    out.push_back(text[i]);
  }
  return out;
}

// True when block b opens a comment: a comment header, glued or not, or a
// date line ("2 days ago").
bool OpensComment(const Block& b, const Day& latest) {
  return IsDateLine(b.text) || IsCommentHeader(b, latest) ||
         (b.chars <= kMaxCommentHeaderChars && FindDate(Unglue(b.text), latest).has_value());
}

// True when text ends with an initial: "Priya N.".
bool EndsWithInitial(std::string_view text) {
  const std::size_t n = text.size();
  return n >= 3 && text[n - 1] == '.' && text[n - 2] >= 'A' && text[n - 2] <= 'Z' &&
         text[n - 3] == ' ';
}

// True when block i names the commenter above a date line: it and the
// lines between (a user name, a title) are short, and it is no sentence.
bool IsName(const std::vector<Block>& blocks, std::size_t i) {
  const Block& b = blocks[i];
  if (b.chars > kMaxNameChars || b.words > kMaxNameWords) return false;
  if (b.sentence_end && !EndsWithInitial(b.text)) return false;
  for (std::size_t j = i + 1; j < blocks.size() && j <= i + kMaxNameLines; ++j) {
    if (IsDateLine(blocks[j].text)) return true;
    if (blocks[j].chars > kMaxNameChars) return false;
  }
  return false;
}

}  // namespace

bool IsCommentHeader(const Block& b, const Day& latest) {
  return b.chars <= kMaxCommentHeaderChars && b.words >= 3 && !IsDateLine(b.text) &&
         FindDate(b.text, latest).has_value();
}

std::string CleanComments(const std::vector<Block>& blocks, const RuleScope& rules,
                          const Day& latest) {
  std::string comments, current;
  auto flush = [&] {
    if (current.empty()) return;
    if (!comments.empty()) comments += "\n\n";
    comments += current;
    current.clear();
  };
  bool in_comment = false;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& b = blocks[i];
    const LineMatch match = rules.Match(b.text);
    if (match.rule == LineRule::kEnd) {
      flush();
      if (!comments.empty()) break;
      in_comment = false;
      continue;
    }
    if (IsName(blocks, i) || OpensComment(b, latest)) {
      flush();
      in_comment = true;
      continue;
    }
    const bool widget = match.rule != LineRule::kNone && match.rule != LineRule::kKeep;
    if (!in_comment || widget || IsVoteCount(b.text)) {
      continue;
    }
    if (!current.empty()) current += '\n';
    current.append(b.text);
  }
  flush();
  return comments;
}

std::string CleanDiscussions(const std::vector<std::string>& discussions, const RuleScope& rules,
                                const StopwordSet& stopwords, const Day& latest) {
  std::string comments;
  for (const std::string& discussion : discussions) {
    const std::vector<DumpLine> lines = SegmentDump(discussion);
    std::vector<Block> blocks(lines.size());
    for (std::size_t i = 0; i < lines.size(); ++i) {
      blocks[i].text = lines[i].text;
      MeasureBlock(&stopwords, &blocks[i]);
    }
    const std::string cleaned = CleanComments(blocks, rules, latest);
    if (cleaned.empty()) continue;
    if (!comments.empty()) comments += "\n\n";
    comments += cleaned;
  }
  return comments;
}

}  // namespace pith
