#include "clean/segment.h"

#include <algorithm>

#include "clean/text_util.h"

namespace pith {
namespace {

// Joins line `next` onto *line: one line, one space between the two texts.
void Absorb(const DumpLine& next, DumpLine* line) {
  line->text += ' ';
  line->text += next.text;
  line->link_bytes += next.link_bytes;
  line->in_root = line->in_root || next.in_root;
  if (!line->markdown.empty() && !next.covered) {
    line->markdown += ' ';
    line->markdown += next.markdown;
  }
}

// Wrapped dumps break lines at a fixed width, so most long lines end within a
// few columns of it; unwrapped dumps (innerText) have lines of any length.
constexpr std::size_t kMaxWrapWidth = 132;
constexpr std::size_t kMinWrapWidth = 40;
constexpr std::size_t kWrapSlack = 12;
constexpr int kMinWrappedLines = 4;
// A chain of lines joined back into a sentence holds this many words at least
// in its first and last pieces.
constexpr std::size_t kMinSentenceWords = 4;

std::size_t CodePoints(std::string_view s) {
  return static_cast<std::size_t>(std::count_if(
      s.begin(), s.end(), [](char c) { return (static_cast<unsigned char>(c) & 0xC0) != 0x80; }));
}

std::size_t FirstWordWidth(std::string_view s) {
  const std::size_t space = s.find(' ');
  return CodePoints(s.substr(0, space));
}

// The width a dump was wrapped at, or 0 when it was not wrapped.
std::size_t DetectWrapWidth(const std::vector<DumpLine>& lines) {
  std::vector<std::size_t> widths;
  widths.reserve(lines.size());
  for (const DumpLine& l : lines) {
    widths.push_back(CodePoints(l.text));
    // One line too wide settles it: most dumps are not wrapped.
    if (widths.back() > kMaxWrapWidth) return 0;
  }
  const std::size_t widest = widths.empty() ? 0 : *std::max_element(widths.begin(), widths.end());
  if (widest < kMinWrapWidth) return 0;
  const auto near_edge = std::count_if(widths.begin(), widths.end(), [widest](std::size_t w) {
    return w + kWrapSlack >= widest;
  });
  return near_edge >= kMinWrappedLines ? widest : 0;
}

// True when a line of `width` columns was broken before `next` only because
// next's first word did not fit: the mark of a hard-wrapped paragraph.
bool WrappedBefore(const DumpLine& line, const DumpLine& next, std::size_t wrap_width) {
  if (next.blank_before > 0) return false;
  return CodePoints(line.text) + 1 + FirstWordWidth(next.text) > wrap_width;
}

// Removes lynx's numbered link references ("[12]Home") when the dump is full
// of them; a lone "[3]" in prose is a citation and stays.
void StripLinkReferences(std::vector<DumpLine>* lines) {
  auto is_ref_at = [](const std::string& s, std::size_t i, std::size_t* end) {
    if (s[i] != '[') return false;
    std::size_t j = i + 1;
    while (j < s.size() && s[j] >= '0' && s[j] <= '9') ++j;
    if (j == i + 1 || j >= s.size() || s[j] != ']' || j - i > 6) return false;
    *end = j + 1;
    return true;
  };
  // Only the count up to kMinLinkReferences matters; a reference opens at a '['.
  constexpr std::size_t kMinLinkReferences = 10;
  std::size_t refs = 0;
  for (const DumpLine& l : *lines) {
    std::size_t end = 0;
    for (std::size_t i = l.text.find('[');
         i != std::string::npos && refs < kMinLinkReferences; i = l.text.find('[', i + 1)) {
      refs += is_ref_at(l.text, i, &end);
    }
  }
  if (refs < kMinLinkReferences) return;
  for (DumpLine& l : *lines) {
    if (l.pre_block != 0) continue;
    std::string out;
    out.reserve(l.text.size());
    for (std::size_t i = 0; i < l.text.size();) {
      std::size_t end = 0;
      if (is_ref_at(l.text, i, &end)) {
        i = end;
      } else {
        out.push_back(l.text[i++]);
      }
    }
    l.text = CollapseSpace(out);
  }
  std::erase_if(*lines, [](const DumpLine& l) { return l.text.empty(); });
}

bool EndsClause(std::string_view s) {
  if (s.empty()) return true;
  const char last = s.back();
  return last == '.' || last == '!' || last == '?' || last == ':' || last == ';' ||
         last == '"' || s.ends_with("\xE2\x80\xA6") || s.ends_with("\xE2\x80\x9D");
}

// True when `next` goes on with the clause that `line` left open.
bool ContinuesClause(const DumpLine& line, const DumpLine& next) {
  return line.pre_block == 0 && next.pre_block == 0 && !EndsClause(line.text) &&
         StartsWithLowercase(next.text);
}

// Scrapers that print a newline at every tag (BeautifulSoup's get_text("\n"))
// break sentences at links: "Its engineers ported" / "the scheduler" / "to ARM.".
// A chain of lines that each leave the clause open, ending in a line that
// closes it, is one sentence and is joined back. Chains that never close a
// sentence (menus, tag lists) stay as they are.
void JoinTagBrokenSentences(std::vector<DumpLine>* lines) {
  std::vector<DumpLine>& l = *lines;
  // The lines are joined in place: the first `kept` of l are the result so far.
  std::size_t kept = 0;
  auto keep = [&](std::size_t i) {
    if (kept != i) l[kept] = std::move(l[i]);
    ++kept;
  };
  std::size_t i = 0;
  while (i < l.size()) {
    std::size_t end = i;  // last line of the chain starting at i
    while (end + 1 < l.size() && ContinuesClause(l[end], l[end + 1])) ++end;
    // The chain from any line inside it ends at the same line, so the first
    // line from which it makes a sentence is sought here, not by scanning
    // the chain again from each of its lines (quadratic on a page of
    // thousands of open clauses).
    std::size_t first = end;  // where the sentence starts; end: none
    if (end > i && EndsClause(l[end].text)) {
      const std::size_t last_words = Words(l[end].text).size();
      for (std::size_t k = i; k < end && first == end; ++k) {
        if (last_words + Words(l[k].text).size() >= kMinSentenceWords) first = k;
      }
    }
    for (; i < first; ++i) keep(i);
    keep(i);
    for (std::size_t k = i + 1; k <= end; ++k) Absorb(l[k], &l[kept - 1]);
    i = end + 1;
  }
  l.erase(l.begin() + static_cast<std::ptrdiff_t>(kept), l.end());
}

// Where the line at pos ends: the first \r, \n or \f from pos on, or
// text.size(). memchr finds each of them far faster than a test per byte.
std::size_t LineEnd(std::string_view text, std::size_t pos) {
  const std::size_t newline = std::min(text.find('\n', pos), text.size());
  const std::string_view line = text.substr(pos, newline - pos);
  return pos + std::min({line.find('\r'), line.find('\f'), line.size()});
}

}  // namespace

std::vector<DumpLine> SegmentDump(std::string_view text, const std::vector<LineMarkup>* markup) {
  std::vector<DumpLine> lines;
  int blanks = 0;
  std::size_t pos = 0;
  std::size_t markup_line = 0;  // index of the '\n'-separated line at pos
  while (pos <= text.size()) {
    std::size_t end = LineEnd(text, pos);
    const LineMarkup* line_markup =
        markup != nullptr && markup_line < markup->size() ? &(*markup)[markup_line] : nullptr;
    const bool pre = line_markup != nullptr && line_markup->pre_block != 0;
    const std::string_view raw = text.substr(pos, end - pos);
    std::string collapsed = pre ? std::string(TrimTrailingSpace(raw)) : CollapseSpace(raw);
    if (collapsed.empty()) {
      ++blanks;
    } else {
      DumpLine line;
      line.text = std::move(collapsed);
      line.blank_before = lines.empty() ? 0 : blanks;
      if (line_markup != nullptr) {
        line.link_bytes = line_markup->link_bytes;
        line.in_content = line_markup->in_content;
        line.in_root = line_markup->in_root;
        line.pre_block = line_markup->pre_block;
        line.markdown = line_markup->markdown;
        line.tight = line_markup->tight;
        line.covered = line_markup->covered;
      }
      lines.push_back(std::move(line));
      blanks = 0;
    }
    if (end < text.size() && text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') {
      ++end;
    }
    if (end < text.size() && text[end] == '\n') ++markup_line;
    pos = end + 1;
  }
  StripLinkReferences(&lines);
  JoinTagBrokenSentences(&lines);

  const std::size_t wrap_width = DetectWrapWidth(lines);
  if (wrap_width == 0) return lines;
  std::vector<bool> continues(lines.size(), false);
  for (std::size_t i = 1; i < lines.size(); ++i) {
    continues[i] = lines[i].pre_block == 0 && WrappedBefore(lines[i - 1], lines[i], wrap_width);
  }
  std::vector<DumpLine> joined;
  joined.reserve(lines.size());
  for (std::size_t i = 0; i < lines.size(); ++i) {
    if (continues[i]) {
      Absorb(lines[i], &joined.back());
    } else {
      joined.push_back(std::move(lines[i]));
    }
  }
  return joined;
}

}  // namespace pith
