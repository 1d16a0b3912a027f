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

// Gumbo 0.10.1 predates these elements and parses them as GUMBO_TAG_UNKNOWN.
Box BoxOfUnknownTag(const GumboElement& element, bool open) {
  GumboStringPiece name = element.original_tag;
  gumbo_tag_from_original_text(&name);
  const std::string_view tag(name.data, name.length);
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
    if (std::strcmp(attribute->name, "hidden") == 0) {
      hidden = true;
    } else if (std::strcmp(attribute->name, "style") == 0) {
      style = attribute->value;
    } else if (std::strcmp(attribute->name, "open") == 0) {
      open = true;
    } else if (std::strcmp(attribute->name, "type") == 0) {
      type = attribute->value;
    } else if (std::strcmp(attribute->name, "align") == 0) {
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

// Writes innerText from a stream of text runs, required line breaks and
// literal characters, following the HTML standard's innerText algorithm and
// CSS white-space processing: runs of white space collapse to one space,
// which is dropped at the start and end of a line; text in a preserving box
// (<pre>) is kept as is. Lines leave without trailing white space and blank
// lines never come two in a row, so the result needs no second pass.
class TextWriter {
 public:
  TextWriter(std::string* out, std::vector<LineMarkup>* markup) : out_(*out), markup_(markup) {}

  // Text appended between EnterLink() and LeaveLink() counts as link text.
  void EnterLink() { ++in_link_; }
  void LeaveLink() { --in_link_; }
  // Text appended between EnterContent() and LeaveContent() is in the
  // article's container.
  void EnterContent() { ++in_content_; }
  void LeaveContent() { --in_content_; }

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

  // A text node's content. REQUIRES: text is NUL-terminated.
  void Text(const char* text, bool preserve) {
    if (preserve) {
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

  // Trims the text: innerText drops its leading and trailing line breaks,
  // and the dumps this renderer imitates are trimmed as a whole.
  void Finish() {
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
    StartContent();
    const auto length = static_cast<std::size_t>(end - begin);
    out_.append(begin, length);
    if (in_link_ > 0) line_markup_.link_bytes += length;
    if (in_content_ > 0) line_markup_.in_content = true;
  }

  void StartContent() {
    FlushBreaks();
    if (pending_space_ && line_has_content_) out_.push_back(' ');
    pending_space_ = false;
    line_has_content_ = true;
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
    if (markup_ != nullptr) markup_->push_back(line_markup_);
    line_markup_ = LineMarkup();
  }

  std::string& out_;
  std::vector<LineMarkup>* markup_;  // may be null
  LineMarkup line_markup_;           // of the line being written
  int in_link_ = 0;
  int in_content_ = 0;
  int pending_breaks_ = 0;
  bool pending_space_ = false;     // collapsible white space since the last content
  bool line_has_content_ = false;  // text or a replaced box since the last break
};

// One open element of the walk.
struct Frame {
  const GumboNode* node;
  unsigned next_child;  // index of the next child to visit
  unsigned rendered;    // rows of a table, or cells of a row, rendered so far
  Box box;
  bool link;            // an <a href>
  bool content;         // the article's container
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

// Tells the elements that are never content: navigation and complementary
// landmarks by their tag or ARIA role, and furniture by its class and id as
// the rules name it. Remembers its answers, since pages repeat class names.
class Pruner {
 public:
  explicit Pruner(const RuleScope& rules) : rules_(rules) {}

  // True when node is furniture. A class name that marks furniture can also
  // name a layout ("one-sidebar-right" on the page's wrapper): an element
  // that holds the page's headline (<h1>) or an <article> is never pruned.
  bool Prunes(const GumboNode* node) {
    return Names(node->v.element) && !HoldsArticle(node);
  }

  // True when the element is the article's container by its tag, its
  // microdata or a content rule.
  bool NamesContent(const GumboElement& element) {
    if (element.tag == GUMBO_TAG_ARTICLE && element.tag_namespace == GUMBO_NAMESPACE_HTML) {
      return true;
    }
    if (const char* itemprop = AttributeValue(element, "itemprop")) {
      if (HasToken(itemprop, "articleBody")) return true;
    }
    return LowerNames(element) && rules_.NamesContent(names_);
  }

 private:
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

 private:
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

  // True when the element's tag, role, class or id names it furniture.
  bool Names(const GumboElement& element) {
    if (element.tag_namespace == GUMBO_NAMESPACE_HTML &&
        (element.tag == GUMBO_TAG_NAV || element.tag == GUMBO_TAG_ASIDE)) {
      return true;
    }
    if (const char* role = AttributeValue(element, "role")) {
      for (std::string_view landmark : {"navigation", "banner", "contentinfo", "complementary",
                                        "search", "menu", "menubar", "dialog", "alertdialog"}) {
        if (HasToken(role, landmark)) return true;
      }
    }
    if (!LowerNames(element)) return false;
    const auto [it, inserted] = seen_.try_emplace(names_, false);
    if (inserted) it->second = rules_.PrunesElement(names_);
    return it->second;
  }

  const RuleScope& rules_;
  std::string names_;
  std::unordered_map<std::string, bool> seen_;
};

// Renders body's contents without recursion: the explicit stack holds one
// small frame per open element. With a pruner, what it prunes is left out.
void RenderBody(const GumboNode* body, Pruner* pruner, TextWriter* writer) {
  std::vector<Frame> stack;
  stack.reserve(64);
  stack.push_back({body, 0, 0, Box::kBlock, false, false});
  int preserve = 0;  // open boxes that keep white space
  while (!stack.empty()) {
    Frame& top = stack.back();
    const GumboVector& children = top.node->v.element.children;
    if (top.next_child == children.length) {
      if (top.box == Box::kPre) --preserve;
      if (top.box == Box::kInlineBlock) writer->CloseInlineBlock();
      if (top.link) writer->LeaveLink();
      if (top.content) writer->LeaveContent();
      if (const int breaks = RequiredBreaks(top.box)) writer->RequireBreaks(breaks);
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
        writer->Text(child->v.text.text, preserve > 0);
        break;
      case GUMBO_NODE_ELEMENT: {
        const Box box = BoxOf(child->v.element);
        if (box == Box::kNone) break;
        if (pruner != nullptr && pruner->Prunes(child)) break;
        if (box == Box::kReplaced) {
          writer->Replaced();
          break;
        }
        if (box == Box::kLineBreak) {
          writer->Literal('\n');
          break;
        }
        if (box == Box::kRow) {
          Frame* table = EnclosingTable(&stack);
          if (table != nullptr && table->rendered++ > 0) writer->Literal('\n');
        } else if (box == Box::kCell && top.box == Box::kRow) {
          if (top.rendered++ > 0) writer->Literal('\t');
        }
        if (box == Box::kPre) ++preserve;
        if (box == Box::kInlineBlock) writer->OpenInlineBlock();
        if (const int breaks = RequiredBreaks(box)) writer->RequireBreaks(breaks);
        const bool link = child->v.element.tag == GUMBO_TAG_A &&
                          gumbo_get_attribute(&child->v.element.attributes, "href") != nullptr;
        if (link) writer->EnterLink();
        const bool content = pruner != nullptr && pruner->NamesContent(child->v.element);
        if (content) writer->EnterContent();
        stack.push_back({child, 0, 0, box, link, content});  // invalidates top
        break;
      }
      default:  // comments; <template> contents are not rendered
        break;
    }
  }
}



}  // namespace

std::string RenderBodyText(const HtmlDocument& document, const RuleScope* prune,
                           std::vector<LineMarkup>* markup) {
  std::string text;
  if (const GumboNode* body = document.body()) {
    // Text is usually a tenth to a third of a page's bytes.
    text.reserve(document.bytes().size() / 4);
    TextWriter writer(&text, markup);
    std::optional<Pruner> pruner;
    if (prune != nullptr) pruner.emplace(*prune);
    RenderBody(body, pruner ? &*pruner : nullptr, &writer);
    writer.Finish();
  }
  return text;
}

std::string RenderHtmlText(std::string_view html, std::vector<LineMarkup>* markup) {
  const HtmlDocument document(html);
  return RenderBodyText(document, nullptr, markup);
}

}  // namespace pith
