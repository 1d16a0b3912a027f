#include "clean/text_cleaner.h"

#include <algorithm>
#include <bit>
#include <memory>
#include <optional>
#include <string_view>
#include <utility>

#include "clean/block_classifier.h"
#include "clean/comments.h"
#include "clean/dates.h"
#include "clean/language.h"
#include "clean/segment.h"
#include "clean/text_util.h"
#include "clean/word_table.h"

namespace pith {
namespace {

// How far before the body a title may stand, in lines.
constexpr std::size_t kTitleLookBack = 15;
// Lines up to this long that a page prints more than once are furniture (a
// title over its own article, headlines listed twice), not body.
constexpr std::size_t kMaxRepeatedFurniture = 300;
// A marker ends the body only once the body has begun: this much prose (in
// paragraphs of kProseChars or more) must stand before it, so a "Related" box
// after an article's lead paragraph does not cut the article.
constexpr std::size_t kBodyBegunChars = 400;
constexpr std::size_t kProseChars = 100;
// A comment thread shows itself by its headers (IsCommentHeader): this many
// of them after the body has begun mark where the comments start.
constexpr int kMinCommentHeaders = 3;
// A comment runs at most this many characters of prose under its header.
constexpr std::size_t kMaxCommentChars = 800;
// A box of related links inside an article is at most this many lines long.
constexpr std::size_t kMaxInlineBoxLines = 8;
// A line with this many lower-to-upper case joins is glued furniture.
constexpr std::size_t kMinGluedJoins = 2;
// The share of a page's good text its marked container must hold to be
// trusted as the article; the content root, chosen on more evidence than a
// name, needs less.
constexpr double kContainerShare = 0.5;
constexpr double kRootShare = 0.3;
// How many lines above the content root the headline may stand for the root
// to be taken as the article on that evidence alone (a date, a byline and
// share buttons may come between).
constexpr std::size_t kHeadlineAboveRoot = 5;
constexpr std::size_t kMinStandfirstWords = 4;
// Bylines may follow the opening paragraph (a standfirst) by this many lines.
constexpr std::size_t kBylineSpill = 3;
// What printing a headline twice above the body adds to its title score, for
// lines of kMinTitleWords words or more (section labels repeat too).
constexpr double kTwiceBonus = 5.0;
constexpr std::size_t kMinTitleWords = 3;

// What the rules and page-level signals say of one line.
struct LineInfo {
  bool rule_dropped = false;  // a rule, a date stamp or a repeat took it out
  bool end_marker = false;
  bool opens_comments = false;  // an end marker that opens the readers' comments
  bool date_line = false;
  bool repeated = false;      // the page prints this line more than once
  // Header fields a rule read off the line; taken only if the line belongs to
  // the article's page part, not to the comments after it.
  std::vector<std::pair<std::string, std::string>> fields;
};

// Parses the seed header " date YYYY-MM-DD " at the very start of a dump;
// returns the day and strips the header from *text.
std::optional<std::string> TakeSeedHeader(std::string_view* text) {
  constexpr std::string_view kTag = " date ";
  const std::string_view s = *text;
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

// Splits a captured tag list: "#nato #stoltenberg", "Math, Science", "a; b".
std::vector<std::string> SplitTags(std::string_view list) {
  std::string_view separators = ",;|";
  if (list.find_first_of(separators) == std::string_view::npos &&
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

// Sets one header field from a rule's named group, unless already known.
void TakeField(const std::string& name, const std::string& value, const Day& latest,
               Fields* fields) {
  const std::string v = CollapseSpace(value);
  if (v.empty()) return;
  auto set = [&v](std::string* field) {
    if (field->empty()) *field = v;
  };
  if (name == "title") set(&fields->title);
  if (name == "author") set(&fields->author);
  if (name == "sitename") set(&fields->sitename);
  if (name == "description") set(&fields->description);
  if (name == "tags" && fields->tags.empty()) fields->tags = SplitTags(v);
  if (name == "date" && fields->date.empty()) {
    if (auto day = FindDate(v, latest)) fields->date = FormatDay(*day);
  }
}

// Applies the rules to every line: forces rule-matched lines bad or good,
// and records header fields, end markers and date stamps. lowered holds the
// lines lower-cased (ToLower), line i ending at line_ends[i]: an ASCII line's
// is its case folding, which the rules need.
std::vector<LineInfo> ApplyRules(const RuleScope& rules, std::vector<Block>* blocks,
                                 std::string_view lowered, const std::vector<std::size_t>& line_ends) {
  std::vector<Block>& b = *blocks;
  std::vector<LineInfo> info(b.size());
  auto drop = [&](std::size_t i) {
    b[i].forced_bad = true;
    info[i].rule_dropped = true;
  };
  for (std::size_t i = 0; i < b.size(); ++i) {
    const std::size_t begin = i == 0 ? 0 : line_ends[i - 1];
    const std::string_view text = b[i].text;
    const bool ascii = AsciiRunEnd(text, 0) == text.size() && line_ends[i] - begin == text.size();
    LineMatch m = rules.Match(text, ascii ? lowered.substr(begin, text.size()) : std::string_view());
    switch (m.rule) {
      case LineRule::kNone:
        break;
      case LineRule::kKeep:
        b[i].forced_good = true;
        break;
      case LineRule::kField:
        info[i].fields = std::move(m.fields);
        drop(i);
        break;
      case LineRule::kEnd:
        info[i].end_marker = true;
        info[i].opens_comments = m.opens_comments;
        drop(i);
        break;
      case LineRule::kSectionStart: {
        std::size_t j = i + 1;
        while (j < b.size() && !rules.SectionEnds(m.section, b[j].text)) ++j;
        if (j < b.size()) {
          for (std::size_t k = i + 1; k <= j; ++k) drop(k);
        }
        drop(i);
        i = j < b.size() ? j : i;
        break;
      }
      case LineRule::kDrop:
        drop(i);
        break;
    }
    if (!b[i].forced_bad && !b[i].forced_good && IsDateLine(b[i].text)) {
      info[i].date_line = true;
      drop(i);
    }
  }
  return info;
}

bool IsProse(const Block& b, const ClassifierParams& params) {
  return !b.forced_bad && b.chars >= kProseChars && b.words > 0 &&
         static_cast<double>(b.stopwords) >= params.stopwords_low * static_cast<double>(b.words);
}

// The lines a page prints more than once, each with the number of its text
// (lowered) among the repeated texts. They are marked repeated in the
// LineInfo; which of them DropRepeats drops depends on the balance.
struct Repeats {
  std::vector<std::pair<std::size_t, std::size_t>> lines;  // line, text number; in order
  std::size_t texts = 0;
};

// lowered holds the lines lower-cased one after the other, then
// WordTable::kPadding bytes; line i ends at line_ends[i].
Repeats FindRepeats(std::string_view lowered, const std::vector<std::size_t>& line_ends,
                    std::vector<LineInfo>* info) {
  const std::size_t n = line_ends.size();
  auto line = [&](std::size_t i) {
    const std::size_t begin = i == 0 ? 0 : line_ends[i - 1];
    return lowered.substr(begin, line_ends[i] - begin);
  };
  // The distinct texts in a table of their first lines, open addressing
  // with linear probing, at most half full: each line is hashed once and
  // nothing is allocated per line.
  constexpr std::size_t kFree = static_cast<std::size_t>(-1);
  const std::size_t mask = std::bit_ceil(2 * n + 1) - 1;
  std::vector<std::size_t> slots(mask + 1, kFree);
  std::vector<std::size_t> first(n);  // the first line that prints line i's text
  std::vector<int> count(n, 0);       // of a first line: the lines that print its text
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t slot = WordTable::HashPadded(line(i)) & mask;
    while (slots[slot] != kFree && line(slots[slot]) != line(i)) slot = (slot + 1) & mask;
    if (slots[slot] == kFree) slots[slot] = i;
    first[i] = slots[slot];
    ++count[first[i]];
  }
  Repeats repeats;
  std::vector<std::size_t> number(n, kFree);  // of a first line: its text's number
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t f = first[i];
    if (count[f] < 2) continue;
    (*info)[i].repeated = true;
    if (number[f] == kFree) number[f] = repeats.texts++;
    repeats.lines.emplace_back(i, number[f]);
  }
  return repeats;
}

// Furniture a page prints twice (a title above its article, a headline list
// with its all-caps copy) is not body; a paragraph of prose (or any long one)
// printed twice, as by a page that holds its print version too, keeps its
// first copy.
void DropRepeats(const Repeats& repeats, const ClassifierParams& params,
                 std::vector<Block>* blocks) {
  std::vector<Block>& b = *blocks;
  std::vector<int> kept(repeats.texts);
  for (const auto& [i, text] : repeats.lines) {
    if (b[i].forced_good) continue;
    const bool furniture = b[i].chars <= kMaxRepeatedFurniture && !IsProse(b[i], params);
    if (furniture || kept[text]++ > 0) b[i].forced_bad = true;
  }
}

// Index of the line after which kBodyBegunChars of prose have been seen.
std::optional<std::size_t> BodyBegins(const std::vector<Block>& blocks,
                                      const ClassifierParams& params) {
  std::size_t prose = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (IsProse(blocks[i], params)) prose += blocks[i].chars;
    if (prose >= kBodyBegunChars) return i + 1;
  }
  return std::nullopt;
}

// True when prose picks up again right after the list under the marker at
// index marker: two paragraphs in a row within a few lines, as when a box of
// related links stands between the paragraphs of an article.
bool ArticleResumes(const std::vector<Block>& blocks, const std::vector<LineInfo>& info,
                    std::size_t marker, const ClassifierParams& params, const Day& latest) {
  const std::size_t limit = std::min(blocks.size(), marker + 1 + kMaxInlineBoxLines);
  for (std::size_t i = marker + 1; i + 1 < blocks.size() && i < limit; ++i) {
    // Dated entries under the marker are comments or news items, not a box.
    if (info[i].date_line || IsCommentHeader(blocks[i], latest)) return false;
    if (IsProse(blocks[i], params) && IsProse(blocks[i + 1], params)) return true;
  }
  return false;
}

// Where the article ends: the first end marker or comment-thread header after
// the body has begun; nullopt when the article runs to the end of the page.
std::optional<std::size_t> FindBodyEnd(const std::vector<Block>& blocks,
                                       const std::vector<LineInfo>& info,
                                       const ClassifierParams& params, const Day& latest) {
  const std::optional<std::size_t> begun = BodyBegins(blocks, params);
  if (!begun) return std::nullopt;
  std::optional<std::size_t> first_header;
  int headers = 0;
  std::size_t prose_since_header = 0;
  for (std::size_t i = *begun; i < blocks.size(); ++i) {
    if (info[i].end_marker) {
      if (first_header) return first_header;
      if (!ArticleResumes(blocks, info, i, params, latest)) return i;
    }
    if (!IsCommentHeader(blocks[i], latest)) {
      if (IsProse(blocks[i], params)) prose_since_header += blocks[i].chars;
      // More text than a comment holds: the header was a byline.
      if (prose_since_header > kMaxCommentChars) {
        first_header.reset();
        headers = 0;
      }
      continue;
    }
    prose_since_header = 0;
    if (!first_header) first_header = i;
    if (++headers >= kMinCommentHeaders) return first_header;
  }
  return std::nullopt;
}

// Where the readers' comments open, at or after the article's end: the
// first marker that opens them, else the first of kMinCommentHeaders comment
// headers. nullopt when the page shows no comments there.
std::optional<std::size_t> FindCommentsStart(const std::vector<Block>& blocks,
                                             const std::vector<LineInfo>& info, std::size_t end,
                                             const Day& latest) {
  for (std::size_t i = end; i < blocks.size(); ++i) {
    if (info[i].opens_comments) return i;
  }
  std::optional<std::size_t> first_header;
  int headers = 0;
  for (std::size_t i = end; i < blocks.size(); ++i) {
    if (!IsCommentHeader(blocks[i], latest)) continue;
    if (!first_header) first_header = i;
    if (++headers >= kMinCommentHeaders) return first_header;
  }
  return std::nullopt;
}

// True when a line reads like a headline: a few words, not a finished
// sentence, no sentence break inside (captions and standfirsts have them).
bool LooksLikeTitle(const Block& b) {
  if (b.words < 2 || b.words > 40 || b.chars > 300) return false;
  const std::string_view t = b.text;
  if (t.ends_with(".") && !t.ends_with("...")) return false;
  // Menus glued into one line by a scraper ("PortadaLocalComarca").
  if (CountCaseJoins(t) >= kMinGluedJoins) return false;
  // A line that stops on a short lower-case word ("of", "the") is a sentence
  // broken at a link, not a headline.
  const std::vector<std::string_view> words = Words(t);
  if (!words.empty() && words.back().size() <= 3 && StartsWithLowercase(words.back()) &&
      t.ends_with(words.back())) {
    return false;
  }
  // Breadcrumbs and "Headline | Site" page titles are not the headline
  // itself, nor is a caption, with a sentence break inside (". ", "。").
  for (std::string_view separator :
       {". ", "\xE3\x80\x82", " | ", " > ", " \xC2\xBB ", " \xE2\x80\xBA "}) {
    if (t.find(separator) != std::string_view::npos) return false;
  }
  return true;
}

// True when line i's text stands again among lines [from, to), elsewhere.
bool RepeatedWithin(const std::vector<Block>& blocks, std::size_t i, std::size_t from,
                    std::size_t to) {
  const std::string key = ToLower(blocks[i].text);
  for (std::size_t j = from; j < to; ++j) {
    if (j != i && blocks[j].chars == blocks[i].chars && ToLower(blocks[j].text) == key) {
      return true;
    }
  }
  return false;
}

// How much a line looks like the headline: long for a heading, rather spare
// with function words; printed twice above the body (over the page and over
// the article), all but certain.
double TitleScore(const Block& b, bool printed_twice) {
  const double density =
      b.words == 0 ? 0.0 : static_cast<double>(b.stopwords) / static_cast<double>(b.words);
  const bool bonus = printed_twice && b.words >= kMinTitleWords;
  return static_cast<double>(b.words) * (1.0 - density / 2) + (bonus ? kTwiceBonus : 0.0);
}

// The headline among the lines before the body starts at `first`, or the
// body's own first line when it is a heading.
std::optional<std::size_t> FindTitle(const std::vector<Block>& blocks,
                                     const std::vector<LineInfo>& info, std::size_t first) {
  const std::size_t from = first > kTitleLookBack ? first - kTitleLookBack : 0;
  // The body's first line is its heading only when it reads like one.
  auto candidate = [&](std::size_t i) {
    return !info[i].rule_dropped && LooksLikeTitle(blocks[i]) &&
           !(i == first && (blocks[i].sentence_end ||
                            2 * blocks[i].stopwords >= blocks[i].words));
  };
  std::optional<std::size_t> best;
  bool best_twice = false;
  double best_score = 0;
  for (std::size_t i = from; i <= first && i < blocks.size(); ++i) {
    if (!candidate(i)) continue;
    const bool twice = info[i].repeated && RepeatedWithin(blocks, i, from, first);
    const double score = TitleScore(blocks[i], twice);
    if (score >= best_score) {  // ties go to the line nearer the body
      best = i;
      best_twice = twice;
      best_score = score;
    }
  }
  // A headline comes before its standfirst, which is often the longer line.
  if (best && !best_twice && *best > from && candidate(*best - 1) &&
      2 * blocks[*best - 1].words >= blocks[*best].words) {
    return *best - 1;
  }
  return best;
}

// True when a line is nothing but a person's name: two to four capitalised
// words, no digits or sentence punctuation ("Jonas Feld", "Олена Гнатюк").
bool IsBareName(const Block& b) {
  if (b.words < 2 || b.words > 4 || b.chars > kMaxNameChars) return false;
  for (std::string_view w : Words(b.text)) {
    if (StartsWithLowercase(w) || CountChars(w).digits > 0) return false;
  }
  return b.text.find_first_of("!?:;|,()") == std::string_view::npos &&
         b.text.find(". ") == std::string_view::npos;
}

// The author of a byline that names no "By": a bare name next to the date
// stamp above the body. Returns its index.
std::optional<std::size_t> FindBareByline(const std::vector<Block>& blocks,
                                          const std::vector<LineInfo>& info, std::size_t first) {
  for (std::size_t i = 0; i < first; ++i) {
    if (!info[i].date_line) continue;
    for (std::size_t j = i > 2 ? i - 2 : 0; j <= i + 2 && j < first; ++j) {
      if (j != i && !info[j].rule_dropped && IsBareName(blocks[j])) return j;
    }
  }
  return std::nullopt;
}

// The first line after the body has begun that names the author on its own:
// an author box ("Jonas Feld" / "Senior Writer" / bio) follows the article.
std::optional<std::size_t> FindAuthorBox(const std::vector<Block>& blocks, std::size_t begun,
                                         std::string_view authors) {
  // Several authors are listed ("A; B", "A, B and C"), and each may have a
  // box.
  std::vector<std::string> names;
  std::size_t pos = 0;
  while (pos < authors.size()) {
    std::size_t end = authors.size(), next = authors.size();
    for (std::string_view separator : {"; ", ", ", " and ", " & "}) {
      const std::size_t at = authors.find(separator, pos);
      if (at < end) {
        end = at;
        next = at + separator.size();
      }
    }
    if (end > pos) names.push_back(ToLower(authors.substr(pos, end - pos)));
    pos = next;
  }
  if (names.empty()) return std::nullopt;
  for (std::size_t i = begun; i < blocks.size(); ++i) {
    if (blocks[i].chars > kMaxNameChars) continue;
    const std::string line = ToLower(blocks[i].text);
    if (std::find(names.begin(), names.end(), line) != names.end()) return i;
  }
  return std::nullopt;
}

// The publication day: a date stamp line above the article's end, else the
// first date written in the header (the lines above the opening paragraph
// and the byline lines just below it; prose paragraphs mention other dates)
// from the headline on: a date above the headline is likely the masthead's
// today ("2024年6月13日 星期四 客户端下载"), taken only when no other is there.
std::optional<Day> FindPublicationDay(const std::vector<Block>& blocks,
                                      const std::vector<LineInfo>& info, const Region& body,
                                      std::optional<std::size_t> headline, const Day& latest) {
  for (std::size_t i = 0; i < body.last; ++i) {
    if (info[i].date_line) {
      if (auto day = FindDate(blocks[i].text, latest)) return day;
    }
  }
  const std::size_t header_end = std::min(body.last, body.first + kBylineSpill + 1);
  const std::size_t from = std::min(headline.value_or(0), header_end);
  const auto first_date = [&](std::size_t begin, std::size_t end) -> std::optional<Day> {
    for (std::size_t i = begin; i < end; ++i) {
      if (i >= body.first && blocks[i].chars >= kProseChars) continue;
      if (auto day = FindDate(blocks[i].text, latest)) return day;
    }
    return std::nullopt;
  };
  if (auto day = first_date(from, header_end)) return day;
  return first_date(0, from);
}

// When no block is conclusively good, the page may still hold a short text
// (a caption page, a one-paragraph note): the most prose-like block stands in.
Region FallbackRegion(const std::vector<Block>& blocks) {
  std::optional<std::size_t> best;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& b = blocks[i];
    if (b.forced_bad || b.stopwords < 3 || !b.sentence_end) continue;
    if (!best || b.stopwords > blocks[*best].stopwords) best = i;
  }
  if (!best) return {};
  return {*best, *best + 1};
}

// True when a block can open an article: good, a finished sentence of
// prose length.
bool OpensArticle(const Block& b) {
  return b.cls == BlockClass::kGood && b.chars >= kProseChars && b.sentence_end;
}

// Index of the article's opening paragraph: the first block of the region
// that can open it, or the region's first.
std::size_t OpeningParagraph(const std::vector<Block>& blocks, const Region& region) {
  for (std::size_t i = region.first; i < region.last; ++i) {
    if (OpensArticle(blocks[i])) return i;
  }
  return region.first;
}

// The share of the good text that lies on the lines `within` selects.
double GoodShare(const std::vector<DumpLine>& lines, const std::vector<Block>& blocks,
                 bool DumpLine::*within) {
  std::size_t inside = 0, all = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    if (blocks[i].cls != BlockClass::kGood) continue;
    all += blocks[i].chars;
    if (lines[i].*within) inside += blocks[i].chars;
  }
  return all == 0 ? 0.0 : static_cast<double>(inside) / static_cast<double>(all);
}

// When the page's markup names the article's container (<article>, a
// content class) and most of the good text is inside it, good text outside
// it is a teaser or a sidebar that escaped pruning.
void KeepToContainer(const std::vector<DumpLine>& lines, std::vector<Block>* blocks) {
  const double share = GoodShare(lines, *blocks, &DumpLine::in_content);
  if (share == 0 || share < kContainerShare) return;
  for (std::size_t i = 0; i < blocks->size(); ++i) {
    if (!lines[i].in_content) (*blocks)[i].cls = BlockClass::kBad;
  }
}

// True when a line of an article's header reads as its standfirst: a
// sentence with kMinStandfirstWords lower-case words or more (a byline with
// a role and a date is as long, but made of names and numbers) that dates
// nothing.
bool IsStandfirst(const Block& b, const Day& latest) {
  if (b.words < kMinStandfirstWords) return false;
  const std::vector<std::string_view> words = Words(b.text);
  const auto lower = std::count_if(words.begin(), words.end(), StartsWithLowercase);
  return static_cast<std::size_t>(lower) >= kMinStandfirstWords &&
         !FindDate(b.text, latest).has_value();
}

// The line printing the page's headline when it stands just above the
// content root that begins at line root, or opens it.
std::optional<std::size_t> HeadlineAboveRoot(const std::vector<DumpLine>& lines,
                                              std::string_view known_title, std::size_t root) {
  if (known_title.empty() || root == lines.size()) return std::nullopt;
  const std::string title = ToLower(known_title);
  for (std::size_t i = root > kHeadlineAboveRoot ? root - kHeadlineAboveRoot : 0; i <= root; ++i) {
    if (lines[i].text.size() == title.size() && ToLower(lines[i].text) == title) return i;
  }
  return std::nullopt;
}

// The content root the markup's scores chose is the article when it holds a
// fair share of the good text or the page's headline stands right above it
// (a short post under its title, the longest prose being a blog's "about"
// box): text outside it is left out, and its lines from the opening
// paragraph on are body unless a rule took them out or they are mostly
// links, short ones too, as Readability keeps them. Of the header above the
// opening paragraph only the standfirst is body; the kicker, the headline,
// the byline and the date are not. Returns the index of the article's first
// line (its standfirst or opening paragraph), or nullopt when the root was
// not taken.
std::optional<std::size_t> KeepToRoot(const std::vector<DumpLine>& lines,
                                      const ClassifierParams& params,
                                      std::string_view known_title, const Day& latest,
                                      std::vector<Block>* blocks) {
  std::vector<Block>& b = *blocks;
  std::size_t root = 0;
  while (root < lines.size() && !lines[root].in_root) ++root;
  const std::optional<std::size_t> headline = HeadlineAboveRoot(lines, known_title, root);
  const double share = GoodShare(lines, b, &DumpLine::in_root);
  if ((share == 0 || share < kRootShare) && !headline) return std::nullopt;
  std::size_t opening = root;
  while (opening < b.size() && !(lines[opening].in_root && OpensArticle(b[opening]))) ++opening;
  // A short post has no paragraph of prose length: it opens under its title.
  if (opening == b.size()) opening = headline ? *headline + 1 : root;
  std::size_t first_body = opening;
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (!lines[i].in_root) {
      b[i].cls = BlockClass::kBad;
    } else if (b[i].forced_bad || static_cast<double>(b[i].link_bytes) >
                                      params.root_link_density * static_cast<double>(b[i].text.size())) {
      continue;
    } else if (i >= opening) {
      b[i].cls = BlockClass::kGood;
    } else if ((!headline || i > *headline) && IsStandfirst(b[i], latest)) {
      b[i].cls = BlockClass::kGood;
      first_body = std::min(first_body, i);
    } else if (b[i].chars < kProseChars) {
      b[i].cls = BlockClass::kBad;  // a kicker, a byline, a date
    }
  }
  return first_body;
}

// A box of links the content root left out between two of its paragraphs
// ("相关阅读", "Read also") weighs against the main region as bad text and
// may cut off a short last paragraph (a CJK paragraph has few characters):
// the region goes on over such boxes to each finished sentence of prose in
// the root right after one. ("No comments yet." is too short to count.)
void BridgeLeftOutBoxes(const std::vector<DumpLine>& lines, const ClassifierParams& params,
                        const std::vector<Block>& blocks, Region* region) {
  for (;;) {
    std::size_t next = region->last;
    while (next < blocks.size() && !lines[next].in_root) ++next;
    if (next == region->last || next == blocks.size()) return;
    const Block& b = blocks[next];
    if (b.cls != BlockClass::kGood || !b.sentence_end || b.chars < params.length_low ||
        static_cast<double>(b.stopwords) < params.stopwords_low * static_cast<double>(b.words)) {
      return;
    }
    region->last = next + 1;
  }
}

// The line above the opening paragraph (or the opening line itself) that
// prints the title the page's metadata gives, as a whole, or else the longest
// line it contains (the headline part of "Headline | Site").
std::optional<std::size_t> FindKnownTitle(const std::vector<Block>& blocks,
                                          std::string_view known_title, std::size_t opening) {
  if (known_title.empty()) return std::nullopt;
  const std::string title = ToLower(known_title);
  const std::size_t from = opening > kTitleLookBack ? opening - kTitleLookBack : 0;
  std::optional<std::size_t> part;  // the longest line the title contains
  for (std::size_t i = from; i <= opening && i < blocks.size(); ++i) {
    if (blocks[i].words < kMinTitleWords) continue;
    const std::string line = ToLower(blocks[i].text);
    if (line == title) return i;
    if (i < opening && title.find(line) != std::string::npos &&
        (!part || blocks[i].words > blocks[*part].words)) {
      part = i;
    }
  }
  return part;
}

// The title text at line i: a headline broken at a tag goes on in lower case
// on the next line ("The Lighthouse Keeper's Daughter" / "review – a triumph").
std::string TitleText(const std::vector<Block>& blocks, std::size_t i, std::size_t first) {
  std::string title(blocks[i].text);
  if (i + 1 < first && StartsWithLowercase(blocks[i + 1].text) &&
      LooksLikeTitle(blocks[i + 1])) {
    title += ' ';
    title += blocks[i + 1].text;
  }
  return title;
}

}  // namespace

struct PreparedDump::State {
  std::optional<std::string> seed_date;  // from the seed header
  std::string language;
  std::vector<DumpLine> lines;
  std::vector<Block> blocks;  // one per line, viewing its text; measured, ruled
  std::vector<LineInfo> info;
  Repeats repeats;
};

PreparedDump::PreparedDump() = default;
PreparedDump::~PreparedDump() = default;
PreparedDump::PreparedDump(PreparedDump&&) noexcept = default;
PreparedDump& PreparedDump::operator=(PreparedDump&&) noexcept = default;

PreparedDump PrepareTextDump(std::string_view text, const std::vector<LineMarkup>* markup,
                             const RuleScope& rules, const RuleSet& rule_set) {
  PreparedDump page;
  page.state_ = std::make_unique<PreparedDump::State>();
  PreparedDump::State& s = *page.state_;
  s.seed_date = TakeSeedHeader(&text);
  s.lines = SegmentDump(text, markup);
  s.language = DetectLanguage(text);
  // A page in a language without a list of its own is judged by its
  // punctuation (see MeasureBlock); one whose language is unknown, by all
  // the lists together.
  const StopwordSet* stopwords = s.language.empty() || rule_set.HasStopwords(s.language)
                                     ? &rule_set.Stopwords(s.language)
                                     : nullptr;
  s.blocks.resize(s.lines.size());
  std::string lowered;  // the lines lower-cased, for FindRepeats
  lowered.reserve(text.size());
  std::vector<std::size_t> line_ends(s.lines.size());
  for (std::size_t i = 0; i < s.lines.size(); ++i) {
    s.blocks[i].text = s.lines[i].text;
    s.blocks[i].link_bytes = s.lines[i].link_bytes;
    MeasureBlock(stopwords, &s.blocks[i], &lowered);
    line_ends[i] = lowered.size();
  }
  s.info = ApplyRules(rules, &s.blocks, lowered, line_ends);
  lowered.append(WordTable::kPadding, '\0');
  s.repeats = FindRepeats(lowered, line_ends, &s.info);
  return page;
}

TextCleanResult CleanTextDump(std::string_view text, const std::vector<LineMarkup>* markup,
                              const RuleScope& rules, const RuleSet& rule_set, Balance balance,
                              std::string_view known_title, std::string_view known_author,
                              bool with_comments, bool markdown) {
  return CleanPreparedDump(PrepareTextDump(text, markup, rules, rule_set), rules, balance,
                           known_title, known_author, with_comments, markdown);
}

TextCleanResult CleanPreparedDump(const PreparedDump& page, const RuleScope& rules,
                                  Balance balance, std::string_view known_title,
                                  std::string_view known_author, bool with_comments,
                                  bool markdown) {
  const PreparedDump::State& prepared = *page.state_;
  TextCleanResult result;
  const std::optional<std::string>& seed_date = prepared.seed_date;
  if (seed_date) result.fields.date = *seed_date;
  result.fields.language = prepared.language;
  const std::vector<DumpLine>& lines = prepared.lines;
  const Day latest = LatestPlausibleDay();

  // Copies: the stages below change them, and the page may be cleaned again.
  std::vector<Block> blocks = prepared.blocks;
  std::vector<LineInfo> info = prepared.info;
  ClassifierParams params = ParamsFor(balance);
  AdaptToPage(blocks, &params);
  DropRepeats(prepared.repeats, params, &blocks);
  std::optional<std::size_t> end = FindBodyEnd(blocks, info, params, latest);
  // Fields come from above the end: a commenter's byline is not the author's.
  // Where the author and the date were read is kept, to be checked against
  // where the article turns out to be.
  std::optional<std::size_t> author_line, date_line;
  for (std::size_t i = 0; i < end.value_or(blocks.size()); ++i) {
    for (const auto& [name, value] : info[i].fields) {
      TakeField(name, value, latest, &result.fields);
      if (!author_line && !result.fields.author.empty()) author_line = i;
      if (!date_line && !result.fields.date.empty()) date_line = i;
    }
  }
  if (const auto begun = BodyBegins(blocks, params)) {
    if (result.fields.author.empty()) {
      if (auto byline = FindBareByline(blocks, info, *begun)) {
        result.fields.author = std::string(blocks[*byline].text);
        blocks[*byline].forced_bad = info[*byline].rule_dropped = true;
      }
    }
    const std::string authors = result.fields.author + "; " + std::string(known_author);
    if (auto box = FindAuthorBox(blocks, *begun, authors)) {
      end = std::min(end.value_or(*box), *box);
    }
  }
  if (end && with_comments) {
    if (auto start = FindCommentsStart(blocks, info, *end, latest)) {
      const std::vector<Block> section(blocks.begin() + static_cast<std::ptrdiff_t>(*start),
                                       blocks.end());
      result.comments = CleanComments(section, rules, latest);
    }
  }
  if (end) {
    blocks.resize(*end);
    info.resize(*end);
  }

  ClassifyBlocks(params, &blocks);
  const std::optional<std::size_t> root_body =
      KeepToRoot(lines, params, known_title, latest, &blocks);
  if (!root_body) KeepToContainer(lines, &blocks);
  Region region = MainRegion(params, blocks);
  // A standfirst opens the article even when the byline and a caption
  // between it and the opening paragraph outweigh it.
  if (!region.empty() && root_body && *root_body < region.first) region.first = *root_body;
  if (!region.empty() && root_body) BridgeLeftOutBoxes(lines, params, blocks, &region);
  if (region.empty()) region = FallbackRegion(blocks);
  if (region.empty()) return result;
  // A byline or date well below the article (a teaser's, on a listing page)
  // is not the article's.
  const std::size_t header_limit = region.last + kBylineSpill;
  if (author_line && *author_line >= header_limit) result.fields.author.clear();
  if (date_line && *date_line >= header_limit && !seed_date) result.fields.date.clear();

  // The header of an article (title, byline, date) stands above its opening
  // paragraph, which may lie inside the main region.
  const std::size_t opening = OpeningParagraph(blocks, region);
  std::optional<std::size_t> title = FindKnownTitle(blocks, known_title, opening);
  if (!title) title = FindTitle(blocks, info, opening);
  if (title && result.fields.title.empty()) {
    result.fields.title = TitleText(blocks, *title, opening);
  }
  if (result.fields.date.empty()) {
    if (auto day = FindPublicationDay(blocks, info, {opening, region.last}, title, latest)) {
      result.fields.date = FormatDay(*day);
    }
  }

  const bool fallback = blocks[region.first].cls != BlockClass::kGood;
  std::optional<std::size_t> previous;           // the body's last line so far
  std::optional<std::size_t> previous_markdown;  // the Markdown body's
  for (std::size_t i = region.first; i < region.last; ++i) {
    if (!fallback && blocks[i].cls != BlockClass::kGood) continue;
    if (title && i == *title) continue;
    // The lines of one preformatted block (code) stay as they were.
    const bool same_pre = previous && lines[i].pre_block != 0 &&
                          lines[i].pre_block == lines[*previous].pre_block;
    if (same_pre) {
      result.body += lines[i].blank_before > 0 ? "\n\n" : "\n";
    } else if (previous) {
      result.body += "\n\n";
    }
    result.body.append(blocks[i].text);
    previous = i;
    if (markdown && !lines[i].covered) {
      if (previous_markdown) {
        const bool tight = *previous_markdown + 1 == i && lines[*previous_markdown].tight &&
                           lines[i].tight;
        result.markdown += tight ? "\n" : "\n\n";
      }
      result.markdown += lines[i].markdown.empty() ? lines[i].text : lines[i].markdown;
      previous_markdown = i;
    }
  }
  return result;
}

}  // namespace pith
