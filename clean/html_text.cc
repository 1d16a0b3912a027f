#include "clean/html_text.h"

#include <gumbo.h>

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstring>
#include <new>
#include <optional>
#include <unordered_map>
#include <string>
#include <string_view>
#include <vector>

#include "clean/content_root.h"
#include "clean/html_document.h"
#include "clean/rules.h"
#include "clean/text_util.h"

namespace pith {
namespace {

// How an element takes part in innerText, from its CSS box in the default
// style sheet of the HTML standard (section 15, Rendering).
enum class Box : unsigned char {
  kInline,      // its contents flow in the surrounding line
  kBlock,       // block-level: a line break before and after
  kParagraph,   // <p>: a blank line before and after
  kPre,         // block-level, white space kept (<pre>, <listing>, ...)
  kTable,       // block-level; separates its rows with line breaks
  kRow,         // a table row
  kCell,        // a table cell
  kNone,        // not rendered: display:none, or not in the rendering at all
  kReplaced,    // replaced content (img, input, iframe...): no text, but it
                // occupies its line, so white space after it is kept
  kInlineBlock,  // an atomic inline (<button>): its text, set in the line as
                 // one replaced box
  kLineBreak,   // <br>
  kClosedDetails,  // <details> without `open`: only its <summary> shows
};

constexpr std::array<Box, GUMBO_TAG_LAST + 1> MakeBoxTable() {
  std::array<Box, GUMBO_TAG_LAST + 1> box{};  // all kInline
  for (GumboTag tag :
       {GUMBO_TAG_HTML, GUMBO_TAG_BODY, GUMBO_TAG_ADDRESS, GUMBO_TAG_ARTICLE,
        GUMBO_TAG_ASIDE, GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_CENTER, GUMBO_TAG_DD,
        GUMBO_TAG_DIR, GUMBO_TAG_DIV, GUMBO_TAG_DL,
        GUMBO_TAG_DT, GUMBO_TAG_FIELDSET, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_FIGURE,
        GUMBO_TAG_FOOTER, GUMBO_TAG_FORM, GUMBO_TAG_H1, GUMBO_TAG_H2,
        GUMBO_TAG_H3, GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6,
        GUMBO_TAG_HEADER, GUMBO_TAG_HGROUP, GUMBO_TAG_HR, GUMBO_TAG_LEGEND,
        GUMBO_TAG_LI, GUMBO_TAG_MAIN, GUMBO_TAG_MENU, GUMBO_TAG_NAV,
        GUMBO_TAG_OL, GUMBO_TAG_SECTION, GUMBO_TAG_SUMMARY, GUMBO_TAG_UL,
        GUMBO_TAG_CAPTION, GUMBO_TAG_OPTGROUP, GUMBO_TAG_OPTION,
        GUMBO_TAG_DETAILS}) {
    box[tag] = Box::kBlock;
  }
  for (GumboTag tag : {GUMBO_TAG_PRE, GUMBO_TAG_LISTING, GUMBO_TAG_XMP,
                       GUMBO_TAG_PLAINTEXT}) {
    box[tag] = Box::kPre;
  }
  for (GumboTag tag :
       {GUMBO_TAG_HEAD, GUMBO_TAG_TITLE, GUMBO_TAG_BASE, GUMBO_TAG_LINK,
        GUMBO_TAG_META, GUMBO_TAG_STYLE, GUMBO_TAG_SCRIPT,
        GUMBO_TAG_TEMPLATE, GUMBO_TAG_PARAM, GUMBO_TAG_SOURCE, GUMBO_TAG_TRACK,
        GUMBO_TAG_AREA, GUMBO_TAG_DATALIST, GUMBO_TAG_NOEMBED,
        GUMBO_TAG_NOFRAMES, GUMBO_TAG_RP, GUMBO_TAG_BASEFONT,
        GUMBO_TAG_BGSOUND, GUMBO_TAG_FRAME, GUMBO_TAG_FRAMESET,
        GUMBO_TAG_COLGROUP, GUMBO_TAG_COL}) {
    box[tag] = Box::kNone;
  }
  for (GumboTag tag :
       {GUMBO_TAG_IMG, GUMBO_TAG_IMAGE, GUMBO_TAG_IFRAME, GUMBO_TAG_EMBED,
        GUMBO_TAG_VIDEO, GUMBO_TAG_AUDIO, GUMBO_TAG_CANVAS, GUMBO_TAG_SVG,
        GUMBO_TAG_INPUT, GUMBO_TAG_TEXTAREA, GUMBO_TAG_KEYGEN,
        GUMBO_TAG_PROGRESS, GUMBO_TAG_METER}) {
    box[tag] = Box::kReplaced;
  }
  box[GUMBO_TAG_P] = Box::kParagraph;
  box[GUMBO_TAG_BUTTON] = Box::kInlineBlock;
  box[GUMBO_TAG_SELECT] = Box::kInlineBlock;  // its options show as lines
  box[GUMBO_TAG_TABLE] = Box::kTable;
  box[GUMBO_TAG_TR] = Box::kRow;
  box[GUMBO_TAG_TD] = Box::kCell;
  box[GUMBO_TAG_TH] = Box::kCell;
  box[GUMBO_TAG_BR] = Box::kLineBreak;
  return box;
}

constexpr std::array<Box, GUMBO_TAG_LAST + 1> kBoxOfTag = MakeBoxTable();

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    char c = a[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != b[i]) return false;
  }
  return true;
}

std::string_view TrimAscii(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

// The box a CSS display value gives an element whose default box is `box`.
// REQUIRES: value is trimmed. Boxes that are not about layout (replaced
// content, <br>, <p>, <pre>, not rendered) change only for display:none.
Box BoxForDisplay(std::string_view value, Box box) {
  if (EqualsIgnoreCase(value, "none")) return Box::kNone;
  switch (box) {
    case Box::kInline: case Box::kInlineBlock: case Box::kBlock:
    case Box::kTable: case Box::kRow: case Box::kCell:
      break;
    default:
      return box;
  }
  for (std::string_view block : {"block", "flex", "grid", "list-item",
                                 "flow-root", "table-caption", "-webkit-box"}) {
    if (EqualsIgnoreCase(value, block)) return Box::kBlock;
  }
  if (EqualsIgnoreCase(value, "inline") || EqualsIgnoreCase(value, "contents")) {
    return Box::kInline;
  }
  for (std::string_view inline_block :
       {"inline-block", "inline-flex", "inline-grid", "inline-table"}) {
    if (EqualsIgnoreCase(value, inline_block)) return Box::kInlineBlock;
  }
  if (EqualsIgnoreCase(value, "table")) return Box::kTable;
  if (EqualsIgnoreCase(value, "table-row")) return Box::kRow;
  if (EqualsIgnoreCase(value, "table-cell")) return Box::kCell;
  return box;
}

// Applies the display, visibility, float and position declarations of a
// style attribute; the rest of CSS (style sheets included) is out of reach of
// this renderer. A floated or absolutely positioned box leaves the line: an
// inline one becomes a block, a replaced one stops holding its line.
Box ApplyInlineStyle(std::string_view style, const Box default_box) {
  Box box = default_box;
  bool invisible = false;
  bool out_of_flow = false;
  while (!style.empty()) {
    const std::size_t semicolon = style.find(';');
    std::string_view declaration = style.substr(0, semicolon);
    style.remove_prefix(semicolon == std::string_view::npos ? style.size()
                                                            : semicolon + 1);
    const std::size_t colon = declaration.find(':');
    if (colon == std::string_view::npos) continue;
    std::string_view name = TrimAscii(declaration.substr(0, colon));
    std::string_view value = declaration.substr(colon + 1);
    value = TrimAscii(value.substr(0, value.find('!')));  // drops !important
    if (EqualsIgnoreCase(name, "display")) {
      box = BoxForDisplay(value, default_box);  // the last one wins
    } else if (EqualsIgnoreCase(name, "visibility")) {
      invisible = EqualsIgnoreCase(value, "hidden") ||
                  EqualsIgnoreCase(value, "collapse");
    } else if (EqualsIgnoreCase(name, "float")) {
      out_of_flow = EqualsIgnoreCase(value, "left") ||
                    EqualsIgnoreCase(value, "right");
    } else if (EqualsIgnoreCase(name, "position")) {
      out_of_flow = EqualsIgnoreCase(value, "absolute") ||
                    EqualsIgnoreCase(value, "fixed");
    }
  }
  if (invisible) return Box::kNone;
  if (out_of_flow && (box == Box::kInline || box == Box::kInlineBlock)) {
    return Box::kBlock;
  }
  if (out_of_flow && box == Box::kReplaced) return Box::kNone;
  return box;
}

// The name of an element Gumbo does not know (GUMBO_TAG_UNKNOWN), as the
// page wrote it.
std::string_view UnknownTagName(const GumboElement& element) {
  GumboStringPiece name = element.original_tag;
  gumbo_tag_from_original_text(&name);
  return {name.data, name.length};
}

// AMP pages place ads with elements of their own, whose fallback text
// ("Sorry, no ad is available") renders when no ad does.
bool IsAmpAd(const GumboElement& element) {
  const std::string_view tag = UnknownTagName(element);
  for (std::string_view ad : {"amp-ad", "amp-embed", "amp-sticky-ad", "amp-auto-ads"}) {
    if (EqualsIgnoreCase(tag, ad)) return true;
  }
  return false;
}

// Gumbo 0.10.1 predates these elements and parses them as GUMBO_TAG_UNKNOWN.
Box BoxOfUnknownTag(const GumboElement& element, bool open) {
  const std::string_view tag = UnknownTagName(element);
  if (EqualsIgnoreCase(tag, "dialog")) return open ? Box::kBlock : Box::kNone;
  if (EqualsIgnoreCase(tag, "search")) return Box::kBlock;
  return Box::kInline;
}

Box BoxOf(const GumboElement& element) {
  if (element.tag_namespace != GUMBO_NAMESPACE_HTML) {
    // An <svg> is a replaced box whose text innerText leaves out; MathML
    // renders its text inline.
    return element.tag == GUMBO_TAG_SVG ? Box::kReplaced : Box::kInline;
  }
  bool hidden = false;
  bool open = false;
  const char* style = nullptr;
  const char* type = nullptr;
  const char* align = nullptr;
  for (unsigned i = 0; i < element.attributes.length; ++i) {
    const auto* attribute =
        static_cast<const GumboAttribute*>(element.attributes.data[i]);
    // Compared by length first: most attributes (class, id, href) are none
    // of these, and cost no call to strcmp each.
    const std::string_view name = attribute->name;
    if (name == "hidden") {
      hidden = true;
    } else if (name == "style") {
      style = attribute->value;
    } else if (name == "open") {
      open = true;
    } else if (name == "type") {
      type = attribute->value;
    } else if (name == "align") {
      align = attribute->value;
    }
  }
  Box box = kBoxOfTag[element.tag];
  if (element.tag == GUMBO_TAG_UNKNOWN) {
    box = BoxOfUnknownTag(element, open);
  } else if (element.tag == GUMBO_TAG_DETAILS && !open) {
    box = Box::kClosedDetails;
  } else if (element.tag == GUMBO_TAG_INPUT && type != nullptr &&
             EqualsIgnoreCase(TrimAscii(type), "hidden")) {
    box = Box::kNone;
  }
  if (box == Box::kReplaced && align != nullptr &&
      (EqualsIgnoreCase(TrimAscii(align), "left") ||
       EqualsIgnoreCase(TrimAscii(align), "right"))) {
    box = Box::kNone;  // floated out of the line, like float:left
  }
  if (hidden) box = Box::kNone;
  if (style != nullptr) box = ApplyInlineStyle(style, box);
  return box;
}

// The length in bytes of the white-space character that ends s, or 0: tab,
// space, U+00A0 and the other Unicode space separators, the characters the
// devset dumps strip from line ends. REQUIRES: s is valid UTF-8.
std::size_t TrailingSpaceLength(std::string_view s) {
  if (s.empty()) return 0;
  const auto last = static_cast<unsigned char>(s.back());
  if (last == ' ' || last == '\t') return 1;
  if (s.size() >= 2 && last == 0xA0 &&
      static_cast<unsigned char>(s[s.size() - 2]) == 0xC2) {
    return 2;  // U+00A0
  }
  if (s.size() < 3) return 0;
  const auto b0 = static_cast<unsigned char>(s[s.size() - 3]);
  const auto b1 = static_cast<unsigned char>(s[s.size() - 2]);
  const bool space =
      (b0 == 0xE2 && b1 == 0x80 && (last <= 0x8A || last == 0xAF)) ||  // U+2000-200A, U+202F
      (b0 == 0xE2 && b1 == 0x81 && last == 0x9F) ||                    // U+205F
      (b0 == 0xE3 && b1 == 0x80 && last == 0x80) ||                    // U+3000
      (b0 == 0xE1 && b1 == 0x9A && last == 0x80);                      // U+1680
  return space ? 3 : 0;
}

// Builds the Markdown form of each line TextWriter writes: the same text with
// a line prefix (heading marks, a list marker, quote marks, a table row's
// pipe), emphasis, code and link marks around inline runs, and " | " between
// table cells; a <pre> is one fenced block (EnterVerbatim). Marks open just before the first text inside
// their element and close right after its last, so white space stays
// outside them ("**bold** text"); marks still open at a line's end close
// there and open again on the next line. Text is not escaped.
class MarkdownLine {
 public:
  // The prefix of the next line that gets text (a list item's "- "); cleared
  // by use or by ClearPrefix() when the element closes without text.
  void SetPrefix(std::string prefix) { prefix_ = std::move(prefix); }
  void ClearPrefix() { prefix_.clear(); }
  void EnterQuote() { ++quotes_; }
  void LeaveQuote() { --quotes_; }
  // Lines with text between EnterTight() and LeaveTight() (list items, table
  // rows) are tight: Markdown joins them to a tight neighbour with one line
  // break, not a blank line.
  void EnterTight() { ++tight_; }
  void LeaveTight() { --tight_; }

  // Marks around the text of an inline element; CloseInline() ends the
  // innermost.
  void OpenInline(std::string open, std::string close) {
    marks_.push_back({std::move(open), std::move(close), false});
  }
  void CloseInline() {
    if (marks_.back().written) {
      line_ += marks_.back().close;
      closed_at_ = line_.size();
    }
    marks_.pop_back();
  }

  // Lines with text between EnterVerbatim() and LeaveVerbatim() (a <pre>)
  // are one fenced block, kept whole, blank lines included, in the Markdown
  // of its first line; the block's other lines are covered by it.
  void EnterVerbatim() {
    verbatim_ = true;
    block_index_ = kNoBlock;
  }
  void LeaveVerbatim(std::vector<LineMarkup>* markup) {
    verbatim_ = false;
    if (block_index_ == kNoBlock) {  // the block is the current line, if any
      if (started_) line_ = "```\n" + line_ + "\n```";
      return;
    }
    if (verbatim_line_) {
      block_ += '\n';
      block_ += line_;
      line_.clear();
      covered_ = true;
    }
    while (block_.ends_with('\n')) block_.pop_back();
    (*markup)[block_index_].markdown = "```\n" + block_ + "\n```";
  }

  // A run of text, after a space when space.
  void Text(bool space, std::string_view text) {
    if (!started_) {
      for (int i = 0; i < quotes_; ++i) line_ += "> ";
      line_ += prefix_;
      prefix_.clear();
      started_ = true;
    }
    if (space) line_ += ' ';
    // White space alone (a bold U+00A0) is not worth marks.
    if (!TrimSpace(text).empty()) {
      for (Mark& mark : marks_) {
        if (mark.written) continue;
        mark.written = true;
        // "<b>a</b><b>b</b>" is one run: "**ab**", not "**a****b**".
        if (!space && closed_at_ == line_.size() && mark.open == mark.close &&
            line_.ends_with(mark.close)) {
          line_.resize(line_.size() - mark.close.size());
        } else {
          line_ += mark.open;
        }
      }
    }
    line_ += text;
    tight_line_ = tight_line_ || tight_ > 0;
    verbatim_line_ = verbatim_line_ || verbatim_;
  }

  // A character innerText inserts in a line: '\t' between table cells.
  void Literal(char c) {
    if (c == '\t') {
      line_ += " | ";
    } else {
      line_.push_back(c);
    }
  }

  // A space TextWriter keeps after a replaced element.
  void Space() { line_.push_back(' '); }

  // Appends text to the line, when it has text; false when it has none.
  bool AppendToLine(std::string_view text) {
    if (!started_) return false;
    line_ += text;
    return true;
  }

  // Ends the line, which will be entry `index` of the markup: into *markup
  // go its Markdown, its trailing white space stripped and its open marks
  // closed, and whether it is tight or covered.
  void EndLine(LineMarkup* markup, std::size_t index) {
    while (!line_.empty() && line_.back() == ' ') line_.pop_back();
    for (auto mark = marks_.rbegin(); mark != marks_.rend(); ++mark) {
      if (mark->written) line_ += mark->close;
      mark->written = false;
    }
    if (verbatim_ && block_index_ == kNoBlock && verbatim_line_) {
      block_index_ = index;
      block_ = std::move(line_);
    } else if (verbatim_ && block_index_ != kNoBlock) {
      block_ += '\n';
      block_ += line_;
      markup->covered = true;
    } else {
      markup->markdown = std::move(line_);
      markup->tight = tight_line_;
      markup->covered = covered_;
    }
    line_.clear();
    closed_at_ = 0;
    started_ = false;
    tight_line_ = false;
    verbatim_line_ = false;
    covered_ = false;
  }

 private:
  struct Mark {
    std::string open, close;
    bool written;  // open was written on the current line
  };
  static constexpr std::size_t kNoBlock = static_cast<std::size_t>(-1);
  std::string line_;
  std::string prefix_;
  std::vector<Mark> marks_;
  std::string block_;                  // the verbatim block so far
  std::size_t block_index_ = kNoBlock;  // the markup entry of its first line
  bool verbatim_ = false;
  bool verbatim_line_ = false;  // the line has text inside the verbatim block
  bool covered_ = false;        // the line's text went into the block
  std::size_t closed_at_ = 0;   // the size of line_ after the last mark closed
  int quotes_ = 0;
  int tight_ = 0;
  bool started_ = false;     // the line has text
  bool tight_line_ = false;  // the line has text inside a tight element
};

// Writes innerText from a stream of text runs, required line breaks and
// literal characters, following the HTML standard's innerText algorithm and
// CSS white-space processing: runs of white space collapse to one space,
// which is dropped at the start and end of a line; text in a preserving box
// (<pre>) is kept as is. Lines leave without trailing white space and blank
// lines never come two in a row, so the result needs no second pass.
class TextWriter {
 public:
  // When markdown is not null, it is told every line's text and ends each
  // line into its LineMarkup entry. REQUIRES: markup is not null then.
  TextWriter(std::string* out, std::vector<LineMarkup>* markup, MarkdownLine* markdown = nullptr)
      : out_(*out), markup_(markup), markdown_(markdown) {}

  // The Markdown of the lines, or null when not asked for.
  MarkdownLine* markdown() { return markdown_; }

  // Ends a verbatim block of Markdown (MarkdownLine::LeaveVerbatim).
  void LeaveVerbatim() { markdown_->LeaveVerbatim(markup_); }

  // Appends text to the Markdown of the current line, or else of the last
  // line: a code fence's close, a table's header rule.
  void AppendMarkdown(std::string_view text) {
    if (!markdown_->AppendToLine(text) && !markup_->empty()) markup_->back().markdown += text;
  }

  // Text appended between EnterLink() and LeaveLink() counts as link text.
  void EnterLink() { ++in_link_; }
  void LeaveLink() { --in_link_; }
  // Text appended between EnterContent() and LeaveContent() is in the
  // article's container.
  void EnterContent() { ++in_content_; }
  void LeaveContent() { --in_content_; }

  // Text appended between EnterPre() and LeavePre() is preformatted: its
  // white space is kept. Each EnterPre() at the outermost level starts a new
  // block.
  void EnterPre() {
    if (pre_depth_++ == 0) ++pre_blocks_;
  }
  void LeavePre() { --pre_depth_; }
  bool in_pre() const { return pre_depth_ > 0; }

  // innerText's "required line break count": the next content starts after
  // at least `count` line breaks, unless it is the first content of all.
  void RequireBreaks(int count) {
    pending_breaks_ = std::max(pending_breaks_, count);
    pending_space_ = false;
    line_has_content_ = false;
  }

  // A character innerText inserts itself: '\n' for <br>, '\t' between table
  // cells, '\n' between table rows. It ends white-space collapsing like a
  // line break does.
  void Literal(char c) {
    FlushBreaks();
    if (c == '\n') {
      EndLine();
    } else {
      out_.push_back(c);
      if (markdown_ != nullptr) markdown_->Literal(c);
    }
    pending_space_ = false;
    line_has_content_ = false;
  }

  // A replaced element (an image, a form control): no text of its own, but
  // it sits on its line, so white space after it is not at the line's start
  // and is kept. A line holding only replaced elements is dropped like an
  // empty one unless such a kept space gives it content.
  void Replaced() {
    if (pending_space_ && line_has_content_) {
      FlushBreaks();
      out_.push_back(' ');
      if (markdown_ != nullptr) markdown_->Space();
    }
    pending_space_ = false;
    line_has_content_ = true;
  }

  // An atomic inline box opens: it sits on the line like a replaced element,
  // and white space at the start of its own text is dropped.
  void OpenInlineBlock() {
    Replaced();
    line_has_content_ = false;
  }

  // An atomic inline box closes: white space at the end of its text is
  // dropped, and white space after it is kept.
  void CloseInlineBlock() {
    pending_space_ = false;
    line_has_content_ = true;
  }

  // A text node's content, its white space kept inside a preformatted box.
  // REQUIRES: text is NUL-terminated.
  void Text(const char* text) {
    if (pre_depth_ > 0) {
      PreservedText(text);
      return;
    }
    const char* p = text;
    for (;;) {
      const char* q = p;
      while (IsAsciiSpace(*q)) ++q;
      if (q != p) pending_space_ = true;
      if (*q == '\0') return;
      p = q;
      while (*q != '\0' && !IsAsciiSpace(*q)) ++q;
      Append(p, q);
      p = q;
    }
  }

  // Code points of text appended so far, of them inside links, and commas:
  // an element's share is the difference between its start and its end.
  std::size_t chars() const { return chars_; }
  std::size_t link_chars() const { return link_chars_; }
  std::size_t commas() const { return commas_; }
  // Whether the text appended last ends a sentence with '.'.
  bool ends_with_period() const { return last_char_ == '.'; }

  // Marks the lines holding text [begin, end) (in code points, as chars()
  // counts) as in the content root or not. Call before Finish().
  void MarkRoot(std::size_t begin, std::size_t end, bool in_root) {
    if (markup_ == nullptr || begin >= end) return;
    auto line_of = [this](std::size_t at) {
      return static_cast<std::size_t>(
          std::upper_bound(line_starts_.begin(), line_starts_.end(), at) - line_starts_.begin() - 1);
    };
    const std::size_t last = line_of(end - 1);
    for (std::size_t line = line_of(begin); line <= last; ++line) {
      if (line < markup_->size()) {
        (*markup_)[line].in_root = in_root;
      } else {
        line_markup_.in_root = in_root;
      }
    }
  }

  // Trims the text: innerText drops its leading and trailing line breaks,
  // and the dumps this renderer imitates are trimmed as a whole.
  void Finish() {
    if (markdown_ != nullptr) markdown_->EndLine(&line_markup_, markup_->size());
    if (markup_ != nullptr) markup_->push_back(line_markup_);
    const std::string_view kept = TrimSpace(out_);
    if (kept.empty()) {
      out_.clear();
      if (markup_ != nullptr) markup_->clear();
      return;
    }
    const auto begin = static_cast<std::size_t>(kept.data() - out_.data());
    if (markup_ != nullptr) {
      // Keep the entries of the lines that remain.
      const auto dropped = std::count(out_.begin(), out_.begin() + static_cast<std::ptrdiff_t>(begin), '\n');
      const auto lines = std::count(kept.begin(), kept.end(), '\n') + 1;
      markup_->erase(markup_->begin(), markup_->begin() + dropped);
      markup_->resize(static_cast<std::size_t>(lines));
    }
    out_.resize(begin + kept.size());
    out_.erase(0, begin);
  }

 private:
  void PreservedText(const char* p) {
    for (;;) {
      const char* q = std::strchr(p, '\n');
      const char* end = q != nullptr ? q : p + std::strlen(p);
      if (end != p) Append(p, end);
      if (q == nullptr) return;
      Literal('\n');
      p = q + 1;
    }
  }

  void Append(const char* begin, const char* end) {
    const bool space = StartContent();
    if (pre_depth_ > 0) line_markup_.pre_block = pre_blocks_;
    const auto length = static_cast<std::size_t>(end - begin);
    out_.append(begin, length);
    if (markdown_ != nullptr) markdown_->Text(space, {begin, length});
    if (in_link_ > 0) line_markup_.link_bytes += length;
    if (in_content_ > 0) line_markup_.in_content = true;
    std::size_t chars = 0;
    for (const char* p = begin; p != end; ++p) {
      chars += (static_cast<unsigned char>(*p) & 0xC0) != 0x80;
      commas_ += *p == ',';
    }
    chars_ += chars;
    if (in_link_ > 0) link_chars_ += chars;
    last_char_ = end[-1];
  }

  // Returns whether a space went before the content.
  bool StartContent() {
    FlushBreaks();
    const bool space = pending_space_ && line_has_content_;
    if (space) out_.push_back(' ');
    pending_space_ = false;
    line_has_content_ = true;
    return space;
  }

  void FlushBreaks() {
    for (; pending_breaks_ > 0; --pending_breaks_) EndLine();
  }

  // Ends the current line: strips its trailing white space and appends a
  // line break, unless that would start the text or make a second blank
  // line in a row.
  void EndLine() {
    while (const std::size_t n = TrailingSpaceLength(out_)) {
      out_.resize(out_.size() - n);
    }
    const std::size_t size = out_.size();
    if (size == 0 || (size >= 2 && out_[size - 1] == '\n' &&
                      out_[size - 2] == '\n')) {
      return;
    }
    out_.push_back('\n');
    if (markdown_ != nullptr) markdown_->EndLine(&line_markup_, markup_->size());
    if (markup_ != nullptr) markup_->push_back(line_markup_);
    line_markup_ = LineMarkup();
    line_starts_.push_back(chars_);
  }

  std::string& out_;
  std::vector<LineMarkup>* markup_;  // may be null
  MarkdownLine* markdown_;           // may be null
  LineMarkup line_markup_;           // of the line being written
  int in_link_ = 0;
  int in_content_ = 0;
  int pre_depth_ = 0;
  std::uint32_t pre_blocks_ = 0;
  std::size_t chars_ = 0;
  std::size_t link_chars_ = 0;
  std::size_t commas_ = 0;
  char last_char_ = 0;
  std::vector<std::size_t> line_starts_ = {0};  // chars() where each line starts
  int pending_breaks_ = 0;
  bool pending_space_ = false;     // collapsible white space since the last content
  bool line_has_content_ = false;  // text or a replaced box since the last break
};

// What an element adds to the Markdown of its lines, undone when it closes.
enum class Md : unsigned char { kNone, kInline, kHeading, kItem, kQuote, kPre, kRow, kHeaderRow };

// One open element of the walk.
struct Frame {
  const GumboNode* node;
  unsigned next_child;  // index of the next child to visit
  unsigned rendered;    // rows of a table, or cells of a row, rendered so far
  Box box;
  bool link;            // an <a href>
  bool content;         // the article's container
  std::uint32_t stats;  // its ElementStats entry, when they are recorded
  Md md = Md::kNone;
  bool thread_started = false;  // a child was a thread's post: later ones are replies
};

// innerText's required line break count before and after a box.
int RequiredBreaks(Box box) {
  switch (box) {
    case Box::kParagraph:
      return 2;
    case Box::kBlock: case Box::kPre: case Box::kTable: case Box::kClosedDetails:
      return 1;
    default:
      return 0;
  }
}

// The table whose rows a row element's separator counts: its parent, or its
// grandparent when a row group (<tbody>) sits between them.
Frame* EnclosingTable(std::vector<Frame>* stack) {
  const std::size_t size = stack->size();
  if ((*stack)[size - 1].box == Box::kTable) return &(*stack)[size - 1];
  if (size >= 2 && (*stack)[size - 2].box == Box::kTable) {
    return &(*stack)[size - 2];
  }
  return nullptr;
}

bool IsSummary(const GumboNode* node) {
  return node->type == GUMBO_NODE_ELEMENT &&
         node->v.element.tag == GUMBO_TAG_SUMMARY &&
         node->v.element.tag_namespace == GUMBO_NAMESPACE_HTML;
}

bool HasToken(std::string_view list, std::string_view token) {
  while (!list.empty()) {
    while (!list.empty() && IsAsciiSpace(list.front())) list.remove_prefix(1);
    std::size_t end = 0;
    while (end < list.size() && !IsAsciiSpace(list[end])) ++end;
    if (end > 0 && EqualsIgnoreCase(list.substr(0, end), token)) return true;
    list.remove_prefix(end);
  }
  return false;
}

// What the rules say of an element by its class and id.
struct NameVerdict {
  bool prunes = false;   // furniture
  bool content = false;  // the article's container
  bool thread_post = false;  // one post of a thread
  int weight = 0;        // for the content root's score
};

// Tells the elements that are never content: navigation and complementary
// landmarks by their tag or ARIA role, and furniture by its class and id as
// the rules name it. Remembers its answers, since pages repeat class names.
class Pruner {
 public:
  explicit Pruner(const RuleScope& rules) : rules_(rules) {}

  // What the page and the rules say of one element.
  struct Judgement {
    // Furniture, left out. A class name that marks furniture can also name
    // a layout ("one-sidebar-right" on the page's wrapper): an element that
    // holds the page's headline (<h1>) or an <article> is never pruned.
    bool prune = false;
    // The article's container by its tag, its microdata or a content rule.
    bool content = false;
    // One post of a thread, by a thread rule.
    bool thread_post = false;
    // Readability's class weight: positive when a favour or content rule
    // names the element's class or id, negative when a prune rule does (and
    // it was kept because it holds the headline).
    int weight = 0;
  };

  // True when the element's class or id names a discussion: readers'
  // comments. Asked only of pruned elements, and only when comments are
  // wanted, so the names are not cached.
  bool NamesDiscussion(const GumboElement& element) {
    return LowerNames(element) && rules_.NamesDiscussion(names_);
  }

  // Judges an element node, reading its names once.
  Judgement Judge(const GumboNode* node) {
    const GumboElement& element = node->v.element;
    const NameVerdict names = Verdict(element);
    Judgement j;
    j.prune = (IsFurnitureByTagOrRole(element) || names.prunes) && !HoldsArticle(node);
    j.content = names.content || IsArticleContainer(element);
    j.thread_post = names.thread_post;
    j.weight = names.weight;
    return j;
  }

 private:
  static bool IsArticleContainer(const GumboElement& element) {
    if (element.tag == GUMBO_TAG_ARTICLE && element.tag_namespace == GUMBO_NAMESPACE_HTML) {
      return true;
    }
    const char* itemprop = AttributeValue(element, "itemprop");
    return itemprop != nullptr && HasToken(itemprop, "articleBody");
  }

  static bool HoldsArticle(const GumboNode* node) {
    std::vector<const GumboNode*> stack = {node};
    while (!stack.empty()) {
      const GumboNode* n = stack.back();
      stack.pop_back();
      if (n->type != GUMBO_NODE_ELEMENT) continue;
      if (n != node && (n->v.element.tag == GUMBO_TAG_H1 || n->v.element.tag == GUMBO_TAG_ARTICLE)) {
        return true;
      }
      const GumboVector& children = n->v.element.children;
      for (unsigned i = 0; i < children.length; ++i) {
        stack.push_back(static_cast<const GumboNode*>(children.data[i]));
      }
    }
    return false;
  }

  // Sets names_ to the element's class tokens and id, lower-cased and joined
  // by spaces; false when it has neither (or they are not UTF-8).
  bool LowerNames(const GumboElement& element) {
    const char* class_names = AttributeValue(element, "class");
    const char* id = AttributeValue(element, "id");
    if (class_names == nullptr && id == nullptr) return false;
    names_.clear();
    if (class_names != nullptr) names_ = class_names;
    if (id != nullptr) {
      names_ += ' ';
      names_ += id;
    }
    for (char& c : names_) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c + 32);
      if (IsAsciiSpace(c)) c = ' ';
    }
    return IsValidUtf8(names_);
  }

  NameVerdict Verdict(const GumboElement& element) {
    if (!LowerNames(element)) return {};
    const auto [it, inserted] = seen_.try_emplace(names_);
    if (inserted) {
      NameVerdict& v = it->second;
      v.prunes = rules_.PrunesElement(names_);
      v.content = rules_.NamesContent(names_);
      v.thread_post = rules_.NamesThreadPost(names_);
      v.weight = rules_.FavoursElement(names_) ? kNameWeight
                 : v.prunes                      ? -kNameWeight
                                                 : 0;
    }
    return it->second;
  }

  // True when the element's tag or role names it furniture.
  static bool IsFurnitureByTagOrRole(const GumboElement& element) {
    // A figure's caption describes a picture that is not in the text, and
    // ends in a photo credit more often than not.
    if (element.tag_namespace == GUMBO_NAMESPACE_HTML &&
        (element.tag == GUMBO_TAG_NAV || element.tag == GUMBO_TAG_ASIDE ||
         element.tag == GUMBO_TAG_FIGCAPTION)) {
      return true;
    }
    if (element.tag == GUMBO_TAG_UNKNOWN && IsAmpAd(element)) return true;
    if (const char* role = AttributeValue(element, "role")) {
      for (std::string_view landmark : {"navigation", "banner", "contentinfo", "complementary",
                                        "search", "menu", "menubar", "dialog", "alertdialog"}) {
        if (HasToken(role, landmark)) return true;
      }
    }
    return false;
  }

  static constexpr int kNameWeight = 25;  // Readability's
  const RuleScope& rules_;
  std::string names_;
  std::unordered_map<std::string, NameVerdict> seen_;
};

ElementKind KindOf(const GumboElement& element) {
  if (element.tag_namespace != GUMBO_NAMESPACE_HTML) return ElementKind::kOther;
  switch (element.tag) {
    case GUMBO_TAG_DIV: case GUMBO_TAG_ARTICLE: case GUMBO_TAG_SECTION: case GUMBO_TAG_MAIN:
      return ElementKind::kDiv;
    case GUMBO_TAG_PRE: case GUMBO_TAG_TD: case GUMBO_TAG_BLOCKQUOTE:
      return ElementKind::kQuoteOrPre;
    case GUMBO_TAG_ADDRESS: case GUMBO_TAG_OL: case GUMBO_TAG_UL: case GUMBO_TAG_DL:
    case GUMBO_TAG_DD: case GUMBO_TAG_DT: case GUMBO_TAG_LI: case GUMBO_TAG_FORM:
      return ElementKind::kList;
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6: case GUMBO_TAG_TH:
      return ElementKind::kHeading;
    case GUMBO_TAG_P:
      return ElementKind::kParagraph;
    default:
      return ElementKind::kOther;
  }
}

bool IsBlockBox(Box box) {
  switch (box) {
    case Box::kBlock: case Box::kParagraph: case Box::kPre: case Box::kTable:
    case Box::kRow: case Box::kCell: case Box::kClosedDetails:
      return true;
    default:
      return false;
  }
}

// Collects ElementStats for the elements the walk renders.
class StatsRecorder {
 public:
  StatsRecorder(std::vector<ElementStats>* stats, const TextWriter& writer)
      : stats_(*stats), writer_(writer) {}

  // An element opens; returns the index of its entry.
  std::uint32_t Open(std::uint32_t parent, ElementKind kind, int weight, bool block) {
    ElementStats e;
    e.parent = parent;
    e.kind = kind;
    e.name_weight = weight;
    e.block = block;
    e.text_begin = writer_.chars();
    // Hold the counters at the start until Close() takes the differences.
    e.link_chars = writer_.link_chars();
    e.commas = writer_.commas();
    stats_.push_back(e);
    return static_cast<std::uint32_t>(stats_.size() - 1);
  }

  // The element of entry i closes. Its text that sits in nested blocks was
  // added to own_chars/own_commas by those blocks' Close().
  void Close(std::uint32_t i) {
    ElementStats& e = stats_[i];
    e.text_end = writer_.chars();
    e.link_chars = writer_.link_chars() - e.link_chars;
    e.commas = writer_.commas() - e.commas;
    e.ends_sentence = e.chars() > 0 && writer_.ends_with_period();
    const std::size_t nested_chars = e.own_chars, nested_commas = e.own_commas;
    e.own_chars = e.block ? e.chars() - nested_chars : 0;
    e.own_commas = e.block ? e.commas - nested_commas : 0;
    if (e.parent == ElementStats::kNoParent) return;
    ElementStats& parent = stats_[e.parent];
    parent.own_chars += e.block ? e.chars() : nested_chars;
    parent.own_commas += e.block ? e.commas : nested_commas;
  }

 private:
  std::vector<ElementStats>& stats_;
  const TextWriter& writer_;
};

std::string RenderDiscussion(const GumboNode* discussion);

// Opens what element (rendered as box, under the open elements of stack)
// adds to the Markdown of its lines; returns what to undo at its end.
// first_row: a table row that is its table's first.
Md OpenMarkdown(const GumboElement& element, Box box, bool preformatted, bool first_row,
                std::vector<Frame>* stack, MarkdownLine* md) {
  if (element.tag_namespace != GUMBO_NAMESPACE_HTML) return Md::kNone;
  switch (element.tag) {
    case GUMBO_TAG_H1: case GUMBO_TAG_H2: case GUMBO_TAG_H3: case GUMBO_TAG_H4:
    case GUMBO_TAG_H5: case GUMBO_TAG_H6:
      if (!IsBlockBox(box)) return Md::kNone;
      md->SetPrefix(std::string(element.tag - GUMBO_TAG_H1 + 1, '#') + " ");
      return Md::kHeading;
    case GUMBO_TAG_LI: {
      Frame* list = nullptr;
      std::size_t depth = 0;
      for (Frame& frame : *stack) {
        const GumboTag tag = frame.node->v.element.tag;
        if (tag == GUMBO_TAG_UL || tag == GUMBO_TAG_OL) {
          list = &frame;
          ++depth;
        }
      }
      std::string marker = std::string(depth > 1 ? 2 * (depth - 1) : 0, ' ');
      if (list != nullptr && list->node->v.element.tag == GUMBO_TAG_OL) {
        marker += std::to_string(++list->rendered) + ". ";
      } else {
        marker += "- ";
      }
      md->SetPrefix(std::move(marker));
      md->EnterTight();
      return Md::kItem;
    }
    case GUMBO_TAG_STRONG: case GUMBO_TAG_B:
      md->OpenInline("**", "**");
      return Md::kInline;
    case GUMBO_TAG_EM: case GUMBO_TAG_I:
      md->OpenInline("_", "_");
      return Md::kInline;
    case GUMBO_TAG_CODE:
      if (preformatted) return Md::kNone;
      md->OpenInline("`", "`");
      return Md::kInline;
    case GUMBO_TAG_A: {
      const char* href = AttributeValue(element, "href");
      if (href == nullptr || href[0] == '\0' || href[0] == '#' ||
          std::string_view(href).starts_with("javascript:")) {
        return Md::kNone;
      }
      md->OpenInline("[", std::string("](") + href + ")");
      return Md::kInline;
    }
    case GUMBO_TAG_BLOCKQUOTE:
      md->EnterQuote();
      return Md::kQuote;
    case GUMBO_TAG_PRE:
      if (box != Box::kPre) return Md::kNone;
      md->EnterVerbatim();
      return Md::kPre;
    case GUMBO_TAG_TR:
      if (box != Box::kRow) return Md::kNone;
      md->SetPrefix("| ");
      md->EnterTight();
      return first_row ? Md::kHeaderRow : Md::kRow;
    default:
      return Md::kNone;
  }
}

// Undoes what frame's element added to the Markdown of its lines, and closes
// what ends with it: a verbatim block, a table row (with the header rule
// under a table's first row).
void CloseMarkdown(const Frame& frame, TextWriter* writer) {
  MarkdownLine& md = *writer->markdown();
  switch (frame.md) {
    case Md::kNone:
      break;
    case Md::kInline:
      md.CloseInline();
      break;
    case Md::kHeading:
      md.ClearPrefix();
      break;
    case Md::kItem:
      md.ClearPrefix();
      md.LeaveTight();
      break;
    case Md::kQuote:
      md.LeaveQuote();
      break;
    case Md::kPre:
      writer->LeaveVerbatim();
      break;
    case Md::kRow:
    case Md::kHeaderRow: {
      md.ClearPrefix();
      std::string end = " |";
      if (frame.md == Md::kHeaderRow) {
        end += "\n|";
        for (unsigned i = 0; i < std::max(frame.rendered, 1u); ++i) end += " --- |";
      }
      writer->AppendMarkdown(end);
      md.LeaveTight();
      break;
    }
  }
}

// Renders body's contents without recursion: the explicit stack holds one
// small frame per open element. With a pruner, what it prunes is left out,
// and what it measures of each rendered element goes to *stats; when
// discussions is not null, each pruned discussion is rendered whole into it.
void RenderBody(const GumboNode* body, Pruner* pruner, TextWriter* writer,
                std::vector<ElementStats>* stats, std::vector<std::string>* discussions) {
  std::optional<StatsRecorder> recorder;
  if (pruner != nullptr) recorder.emplace(stats, *writer);
  std::vector<Frame> stack;
  stack.reserve(64);
  stack.push_back({body, 0, 0, Box::kBlock, false, false,
                   recorder ? recorder->Open(ElementStats::kNoParent, ElementKind::kOther, 0, true)
                            : 0});
  while (!stack.empty()) {
    Frame& top = stack.back();
    const GumboVector& children = top.node->v.element.children;
    if (top.next_child == children.length) {
      if (top.box == Box::kPre) writer->LeavePre();
      if (top.box == Box::kInlineBlock) writer->CloseInlineBlock();
      if (top.link) writer->LeaveLink();
      if (top.content) writer->LeaveContent();
      if (top.md != Md::kNone) CloseMarkdown(top, writer);
      if (const int breaks = RequiredBreaks(top.box)) writer->RequireBreaks(breaks);
      if (recorder) recorder->Close(top.stats);
      stack.pop_back();
      continue;
    }
    const auto* child =
        static_cast<const GumboNode*>(children.data[top.next_child++]);
    if (top.box == Box::kClosedDetails && !IsSummary(child)) continue;
    switch (child->type) {
      case GUMBO_NODE_TEXT:
      case GUMBO_NODE_WHITESPACE:
      case GUMBO_NODE_CDATA:
        writer->Text(child->v.text.text);
        break;
      case GUMBO_NODE_ELEMENT: {
        const Box box = BoxOf(child->v.element);
        if (box == Box::kNone) break;
        Pruner::Judgement judgement;
        if (pruner != nullptr) {
          judgement = pruner->Judge(child);
          if (judgement.prune) {
            if (discussions != nullptr && pruner->NamesDiscussion(child->v.element)) {
              discussions->push_back(RenderDiscussion(child));
            }
            break;
          }
          // A thread's first post is the article; the posts after it are
          // replies, which are comments.
          if (judgement.thread_post) {
            if (top.thread_started) {
              if (discussions != nullptr) discussions->push_back(RenderDiscussion(child));
              break;
            }
            top.thread_started = true;
          }
        }
        if (box == Box::kReplaced) {
          writer->Replaced();
          break;
        }
        if (box == Box::kLineBreak) {
          writer->Literal('\n');
          break;
        }
        bool first_row = false;
        if (box == Box::kRow) {
          Frame* table = EnclosingTable(&stack);
          first_row = table == nullptr || table->rendered == 0;
          if (table != nullptr && table->rendered++ > 0) writer->Literal('\n');
        } else if (box == Box::kCell && top.box == Box::kRow) {
          if (top.rendered++ > 0) writer->Literal('\t');
        }
        if (box == Box::kPre) writer->EnterPre();
        if (box == Box::kInlineBlock) writer->OpenInlineBlock();
        if (const int breaks = RequiredBreaks(box)) writer->RequireBreaks(breaks);
        const bool link = child->v.element.tag == GUMBO_TAG_A &&
                          gumbo_get_attribute(&child->v.element.attributes, "href") != nullptr;
        if (link) writer->EnterLink();
        const bool content = judgement.content;
        if (content) writer->EnterContent();
        const std::uint32_t entry =
            recorder ? recorder->Open(top.stats, KindOf(child->v.element),
                                      judgement.weight, IsBlockBox(box))
                     : 0;
        const Md md = writer->markdown() == nullptr
                          ? Md::kNone
                          : OpenMarkdown(child->v.element, box, writer->in_pre(), first_row, &stack,
                                         writer->markdown());
        stack.push_back({child, 0, 0, box, link, content, entry, md});  // invalidates top
        break;
      }
      default:  // comments; <template> contents are not rendered
        break;
    }
  }
}

// The text of a discussion, with everything inside it: each comment
// is an element a prune rule names too.
std::string RenderDiscussion(const GumboNode* discussion) {
  std::string text;
  TextWriter writer(&text, nullptr);
  RenderBody(discussion, nullptr, &writer, nullptr, nullptr);
  writer.Finish();
  return text;
}



}  // namespace

std::string RenderBodyText(const HtmlDocument& document, const RuleScope* prune,
                           std::vector<LineMarkup>* markup, std::vector<std::string>* discussions,
                           bool markdown) {
  std::string text;
  if (const GumboNode* body = document.body()) {
    // Text is usually a tenth to a third of a page's bytes.
    text.reserve(document.bytes().size() / 4);
    MarkdownLine lines;
    TextWriter writer(&text, markup, markdown && markup != nullptr ? &lines : nullptr);
    std::optional<Pruner> pruner;
    if (prune != nullptr) pruner.emplace(*prune);
    std::vector<ElementStats> stats;
    RenderBody(body, pruner ? &*pruner : nullptr, &writer, &stats, discussions);
    const std::vector<std::uint32_t> root = ChooseContentRoot(stats);
    for (const std::uint32_t e : root) {
      writer.MarkRoot(stats[e].text_begin, stats[e].text_end, true);
    }
    for (const std::uint32_t e : LinkBoxesWithin(stats, root)) {
      writer.MarkRoot(stats[e].text_begin, stats[e].text_end, false);
    }
    writer.Finish();
  }
  return text;
}

std::string RenderHtmlText(std::string_view html, std::vector<LineMarkup>* markup) {
  const HtmlDocument document(html);
  return RenderBodyText(document, nullptr, markup);
}

}  // namespace pith
