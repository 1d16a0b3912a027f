#include <cstdio>
#include <cstdlib>
#include "clean/text_cleaner.h"

#include <algorithm>
#include <optional>
#include <unordered_map>

#include "clean/block_classifier.h"
#include "clean/dates.h"
#include "clean/language.h"
#include "clean/segment.h"
#include "clean/text_util.h"

namespace pith {
namespace {

// How far before the body a title may stand, in lines.
constexpr std::size_t kTitleLookBack = 12;
// Lines up to this long that a page prints more than once are furniture (a
// title over its own article, headlines listed twice), not body.
constexpr std::size_t kMaxRepeatedFurniture = 300;
// A marker ends the body only once the body has begun: this much prose (in
// paragraphs of kProseChars or more) must stand before it, so a "Related" box
// after an article's lead paragraph does not cut the article.
constexpr std::size_t kBodyBegunChars = 400;
constexpr std::size_t kProseChars = 100;
// A comment thread shows itself by its headers: short lines holding a name
// and a date ("Deborah July 23, 2012 at 4:39 am"). This many of them after
// the body has begun mark where the comments start.
constexpr std::size_t kMaxCommentHeaderChars = 80;
constexpr int kMinCommentHeaders = 3;

// Parses the seed header " date YYYY-MM-DD " at the very start of a dump;
// returns the day and the dump without the header.
std::optional<std::string> TakeSeedHeader(std::string_view* text) {
  std::string_view s = *text;
  constexpr std::string_view kTag = " date ";
  if (!s.starts_with(kTag) || s.size() < kTag.size() + 11) return std::nullopt;
  const std::string_view day = s.substr(kTag.size(), 10);
  for (std::size_t i = 0; i < day.size(); ++i) {
    const bool dash = i == 4 || i == 7;
    if (dash ? day[i] != '-' : (day[i] < '0' || day[i] > '9')) return std::nullopt;
  }
  if (s[kTag.size() + 10] != ' ') return std::nullopt;
  text->remove_prefix(kTag.size() + 11);
  return std::string(day);
}

// Lower-cased line with white space collapsed: equal for a line and its
// all-caps or re-spaced copy.
std::string RepeatKey(std::string_view line) { return ToLower(line); }

// Splits a captured tag list: "#nato #stoltenberg", "Math, Science", "a; b".
std::vector<std::string> SplitTags(std::string_view list) {
  std::string_view separators = ",;|\xE2\x80\xA2";  // and the bullet's bytes
  if (list.find_first_of(",;|") == std::string_view::npos &&
      list.find('#') != std::string_view::npos) {
    separators = "# ";
  }
  std::vector<std::string> tags;
  std::size_t pos = 0;
  while (pos <= list.size()) {
    std::size_t end = list.find_first_of(separators, pos);
    if (end == std::string_view::npos) end = list.size();
    std::string tag = CollapseSpace(list.substr(pos, end - pos));
    if (!tag.empty() && tag.front() == '#') tag.erase(0, 1);
    if (!tag.empty()) tags.push_back(std::move(tag));
    pos = end + 1;
  }
  return tags;
}

void TakeField(const std::string& name, const std::string& value, Fields* fields) {
  const std::string v = CollapseSpace(value);
  if (v.empty()) return;
  if (name == "title" && fields->title.empty()) fields->title = v;
  if (name == "author" && fields->author.empty()) fields->author = v;
  if (name == "sitename" && fields->sitename.empty()) fields->sitename = v;
  if (name == "description" && fields->description.empty()) fields->description = v;
  if (name == "tags" && fields->tags.empty()) fields->tags = SplitTags(v);
  if (name == "date" && fields->date.empty()) {
    if (auto day = FindDate(v, LatestPlausibleDay())) fields->date = FormatDay(*day);
  }
}

bool IsProse(const Block& b, const ClassifierParams& params) {
  return b.chars >= kProseChars && b.words > 0 &&
         static_cast<double>(b.stopwords) >= params.stopwords_low * static_cast<double>(b.words);
}

// Could this line be the article's headline?
bool LooksLikeTitle(const Block& b) {
  return b.words >= 2 && b.words <= 40 && b.chars <= 300 &&
         !(b.text.ends_with(".") && !b.text.ends_with("..."));
}

// Index of the headline among the lines before the body starts at `first`:
// a line the page prints twice wins, else the nearest heading-like line.
std::optional<std::size_t> FindTitle(const std::vector<Block>& blocks,
                                     const std::vector<bool>& repeated,
                                     const std::vector<bool>& rule_dropped, std::size_t first) {
  const std::size_t from = first > kTitleLookBack ? first - kTitleLookBack : 0;
  std::optional<std::size_t> nearest;
  for (std::size_t i = first; i-- > from;) {
    if (rule_dropped[i] || !LooksLikeTitle(blocks[i])) continue;
    if (repeated[i]) return i;
    if (!nearest) nearest = i;
  }
  return nearest;
}

// True for a comment header: a short line that names someone and dates it.
bool IsCommentHeader(const Block& b, const Day& latest) {
  return b.chars <= kMaxCommentHeaderChars && b.words >= 3 && !IsDateLine(b.text) &&
         FindDate(b.text, latest).has_value();
}

// Index of the first comment header after the body has begun, when a thread
// of at least kMinCommentHeaders of them follows.
std::optional<std::size_t> FindCommentThread(const std::vector<Block>& blocks,
                                             std::optional<std::size_t> body_begun,
                                             const Day& latest) {
  if (!body_begun) return std::nullopt;
  std::optional<std::size_t> first;
  int headers = 0;
  for (std::size_t i = *body_begun; i < blocks.size(); ++i) {
    if (!IsCommentHeader(blocks[i], latest)) continue;
    if (!first) first = i;
    if (++headers >= kMinCommentHeaders) return first;
  }
  return std::nullopt;
}

}  // namespace

TextCleanResult CleanTextDump(std::string_view text, const RuleScope& rules,
                              const RuleSet& rule_set, Balance balance) {
  TextCleanResult result;
  if (auto day = TakeSeedHeader(&text)) result.fields.date = std::move(*day);

  const std::vector<DumpLine> lines = SegmentDump(text);
  result.fields.language = DetectLanguage(text);
  const StopwordSet& stopwords = rule_set.Stopwords(result.fields.language);
  const ClassifierParams params = ParamsFor(balance);
  const Day latest = LatestPlausibleDay();

  std::vector<Block> blocks(lines.size());
  std::vector<bool> rule_dropped(lines.size(), false);
  std::optional<std::size_t> end_marker;
  std::size_t prose_chars = 0;
  std::optional<std::size_t> first_body_chars;  // index after which the body has begun
  std::optional<std::size_t> date_line;
  for (std::size_t i = 0; i < lines.size(); ++i) {
    Block& b = blocks[i];
    b.text = lines[i].text;
    MeasureBlock(stopwords, &b);
    const LineMatch m = rules.Match(b.text);
    switch (m.rule) {
      case LineRule::kNone:
        break;
      case LineRule::kKeep:
        b.forced_good = true;
        break;
      case LineRule::kField:
        for (const auto& [name, value] : m.fields) TakeField(name, value, &result.fields);
        b.forced_bad = rule_dropped[i] = true;
        break;
      case LineRule::kEnd:
        if (prose_chars >= kBodyBegunChars && !end_marker) end_marker = i;
        b.forced_bad = rule_dropped[i] = true;
        break;
      case LineRule::kSectionStart: {
        std::size_t j = i + 1;
        while (j < lines.size() && !rules.SectionEnds(m.section, lines[j].text)) ++j;
        if (j < lines.size()) {
          for (std::size_t k = i + 1; k <= j; ++k) blocks[k].forced_bad = rule_dropped[k] = true;
        }
        b.forced_bad = rule_dropped[i] = true;
        break;
      }
      case LineRule::kDrop:
        b.forced_bad = rule_dropped[i] = true;
        break;
    }
    if (!b.forced_bad && IsDateLine(b.text)) {
      b.forced_bad = rule_dropped[i] = true;
      if (!date_line) date_line = i;
    }
    if (!b.forced_bad && !b.forced_good && IsProse(b, params)) {
      prose_chars += b.chars;
      if (prose_chars >= kBodyBegunChars && !first_body_chars) first_body_chars = i + 1;
    }
  }
  if (!end_marker) end_marker = FindCommentThread(blocks, first_body_chars, latest);
  if (end_marker) {
    blocks.resize(*end_marker);
    rule_dropped.resize(*end_marker);
  }

  // Furniture a page prints twice (a title above its article, a headline list
  // with its all-caps copy) is not body; a long paragraph printed twice keeps
  // its first copy.
  std::unordered_map<std::string, int> seen;
  std::vector<std::string> keys(blocks.size());
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    keys[i] = RepeatKey(blocks[i].text);
    ++seen[keys[i]];
  }
  std::vector<bool> repeated(blocks.size(), false);
  std::unordered_map<std::string, int> emitted;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (seen[keys[i]] < 2) continue;
    repeated[i] = true;
    if (blocks[i].forced_good) continue;
    if (blocks[i].chars <= kMaxRepeatedFurniture || emitted[keys[i]]++ > 0) {
      blocks[i].forced_bad = true;
    }
  }

  ClassifyBlocks(params, &blocks);
  const Region region = MainRegion(params, blocks);
  if (getenv("PITH_TRACE")) {
    for (std::size_t i = 0; i < blocks.size(); ++i) {
      const Block& b = blocks[i];
      fprintf(stderr, "%c%c %d %3zu/%3zu %.2f |%.90s\n", (i >= region.first && i < region.last) ? '*' : ' ',
              "BSNG"[static_cast<int>(b.cls)], (int)b.forced_bad + 2 * (int)b.forced_good, b.chars, b.words,
              b.words ? (double)b.stopwords / b.words : 0.0, std::string(b.text).c_str());
    }
  }
  if (region.empty()) return result;

  std::optional<std::size_t> title = FindTitle(blocks, repeated, rule_dropped, region.first);
  if (title && result.fields.title.empty()) result.fields.title = std::string(blocks[*title].text);

  if (result.fields.date.empty()) {
    // A date line near the top of the article, else the first date written
    // in the lines before the body.
    std::optional<Day> day;
    if (date_line && *date_line < region.last) day = FindDate(blocks[*date_line].text, latest);
    for (std::size_t i = 0; !day && i < region.first && i < blocks.size(); ++i) {
      day = FindDate(blocks[i].text, latest);
    }
    if (day) result.fields.date = FormatDay(*day);
  }

  for (std::size_t i = region.first; i < region.last; ++i) {
    if (blocks[i].cls != BlockClass::kGood) continue;
    if (title && i == *title) continue;
    if (!result.body.empty()) result.body += "\n\n";
    result.body.append(blocks[i].text);
  }
  return result;
}

}  // namespace pith
