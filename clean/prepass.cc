#include "clean/prepass.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include <unicode/utf8.h>

#include "clean/html_metadata.h"
#include "clean/text_util.h"

namespace pith {
namespace {

// Tag and attribute names as FNV-1a hashes of their lower-case form, so that
// a name is read once and compared as a number.
constexpr std::uint64_t kFnvBasis = 14695981039346656037ull;
constexpr std::uint64_t Mix(std::uint64_t h, char c) {
  return (h ^ static_cast<unsigned char>(c)) * 1099511628211ull;
}
constexpr char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c + 32) : c; }
constexpr std::uint64_t operator""_h(const char* s, std::size_t n) {
  std::uint64_t h = kFnvBasis;
  for (std::size_t i = 0; i < n; ++i) h = Mix(h, s[i]);
  return h;
}

// What the tree builder does with an element, as far as the scan needs.
enum Flag : std::uint32_t {
  kVoid = 1 << 0,         // never has content: no end tag, not pushed
  kSpecial = 1 << 1,      // the spec's "special" category: stops an inline end tag
  kScope = 1 << 2,        // bounds "has an element in scope": stops every end tag
  kClosesP = 1 << 3,      // its start tag closes an open <p>
  kBreaksOut = 1 << 4,    // its start tag ends SVG or MathML content
  kFormatting = 1 << 5,   // closed by the adoption agency, across inline elements
  kScript = 1 << 6,       // script data
  kRawText = 1 << 7,      // RAWTEXT
  kRcdata = 1 << 8,       // RCDATA
  kHeading = 1 << 9,      // <h1>-<h6>: one closes another left open
  kTablePart = 1 << 10,   // <tbody>, <thead>, <tfoot>: one closes another
  kCell = 1 << 11,        // <td>, <th>: one closes another
  kListItem = 1 << 12,    // <dd>, <dt>: one closes another
};

std::uint32_t FlagsOf(std::uint64_t name) {
  constexpr std::uint32_t kBlock = kSpecial | kClosesP | kBreaksOut;
  switch (name) {
    case "area"_h: case "base"_h: case "basefont"_h: case "bgsound"_h: case "col"_h:
    case "frame"_h: case "input"_h: case "keygen"_h: case "link"_h: case "param"_h:
    case "source"_h: case "track"_h: case "wbr"_h:
      return kVoid | kSpecial;
    case "br"_h: case "embed"_h: case "img"_h: case "meta"_h:
      return kVoid | kSpecial | kBreaksOut;
    case "image"_h:  // an <img> in HTML content, an element of its own in SVG
    case "isindex"_h:  // Gumbo makes a form of it, closed at once
      return kVoid | kSpecial;
    case "hr"_h:
      return kVoid | kBlock;
    case "address"_h: case "article"_h: case "aside"_h: case "details"_h: case "dialog"_h:
    case "dir"_h: case "fieldset"_h: case "figcaption"_h: case "figure"_h: case "footer"_h:
    case "form"_h: case "header"_h: case "hgroup"_h: case "main"_h: case "nav"_h:
    case "section"_h: case "summary"_h:
      return kSpecial | kClosesP;
    case "blockquote"_h: case "center"_h: case "div"_h: case "dl"_h: case "listing"_h:
    case "menu"_h: case "ol"_h: case "p"_h: case "pre"_h: case "ul"_h: case "li"_h:
      return kBlock;
    case "dd"_h: case "dt"_h:
      return kBlock | kListItem;
    case "h1"_h: case "h2"_h: case "h3"_h: case "h4"_h: case "h5"_h: case "h6"_h:
      return kBlock | kHeading;
    case "table"_h:
      return kBlock | kScope;
    case "td"_h: case "th"_h:
      return kSpecial | kScope | kCell;
    case "tbody"_h: case "thead"_h: case "tfoot"_h:
      return kSpecial | kTablePart;
    case "caption"_h: case "applet"_h: case "marquee"_h: case "object"_h: case "template"_h:
    case "html"_h:
      return kSpecial | kScope;
    case "body"_h: case "head"_h:
      return kSpecial | kBreaksOut;
    case "b"_h: case "code"_h: case "em"_h: case "i"_h: case "s"_h: case "small"_h:
    case "strike"_h: case "strong"_h: case "tt"_h: case "u"_h: case "big"_h: case "nobr"_h:
      return kFormatting | kBreaksOut;
    case "a"_h: case "font"_h:  // <font> breaks out only with color, face or size
      return kFormatting;
    case "ruby"_h: case "span"_h: case "sub"_h: case "sup"_h: case "var"_h:
      return kBreaksOut;
    case "script"_h:
      return kSpecial | kScript;
    case "style"_h: case "xmp"_h: case "iframe"_h: case "noembed"_h: case "noframes"_h:
      return kSpecial | kRawText;
    case "title"_h: case "textarea"_h:
      return kSpecial | kRcdata;
    case "button"_h: case "colgroup"_h: case "frameset"_h:
    case "noscript"_h: case "plaintext"_h: case "select"_h: case "tr"_h:
      return kSpecial;
    default:
      return 0;
  }
}

// The attributes that pith reads (html_text.cc, html_metadata.cc, the
// pruner's class and id) or that steer the tree builder (type for <input> in
// a table and for JSON-LD, color/face/size for <font> in foreign content,
// encoding for <annotation-xml>); the pre-pass elides all others.
bool IsReadAttribute(std::uint64_t name) {
  switch (name) {
    case "class"_h: case "id"_h: case "role"_h: case "hidden"_h: case "style"_h: case "open"_h:
    case "type"_h: case "align"_h: case "href"_h: case "rel"_h: case "lang"_h: case "xml:lang"_h:
    case "itemprop"_h: case "itemtype"_h: case "itemscope"_h: case "content"_h:
    case "http-equiv"_h: case "property"_h: case "name"_h: case "datetime"_h: case "pubdate"_h:
    case "title"_h: case "color"_h: case "face"_h: case "size"_h: case "encoding"_h:
      return true;
    default:
      return false;
  }
}

// A reference to a moved attribute value: U+E000 (private use, which Gumbo
// passes on as it is) and the value's index, in the digits of kDigits from
// the lowest.
constexpr std::string_view kMarker = "\xEE\x80\x80";
constexpr std::string_view kDigits =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
// No value this short is worth moving.
constexpr std::size_t kShortestReference = kMarker.size() + 1;

// A reference to a moved text is one character, U+E001 + the text's index
// (up to U+EFFF), so that text may follow it: three bytes, the first 0xEE,
// which begins no other character.
constexpr char kTextLead = '\xEE';
constexpr std::size_t kTextReferenceSize = 3;
constexpr std::size_t kMaxTexts = 0xFFF;
// Texts shorter than this are not worth moving: the tree builder's cost of a
// text grows with its characters, a reference's is the same for any.
constexpr std::size_t kShortestMovedText = 6;

// Whether Gumbo's parse of html may hold a character that reads as a
// reference (U+E000 to U+EFFF) other than one the pre-pass wrote: the page
// holds one (any 0xEE byte), or a numeric character reference to one.
bool MayHoldMarker(std::string_view html) {
  if (html.find(kTextLead) != std::string_view::npos) return true;
  for (std::size_t amp = html.find("&#"); amp != std::string_view::npos;
       amp = html.find("&#", amp + 2)) {
    std::size_t i = amp + 2;
    const bool hex = i < html.size() && (html[i] == 'x' || html[i] == 'X');
    std::uint32_t code = 0;
    for (i += hex; i < html.size(); ++i) {
      const char c = Lower(html[i]);
      const bool decimal = c >= '0' && c <= '9';
      if (!decimal && !(hex && c >= 'a' && c <= 'f')) break;
      code = std::min<std::uint32_t>(code * (hex ? 16 : 10) + (decimal ? c - '0' : c - 'a' + 10),
                                     0x110000);
    }
    if (code >= 0xE000 && code <= 0xEFFF) return true;
  }
  return false;
}

// The length of the character at value[i] when Gumbo stores it as it is:
// printable ASCII but '&' (a character reference), tab, line feed and form
// feed when text is set, and well-formed UTF-8 of characters its decoder
// does not replace (C1 controls, noncharacters); 0 for any other.
// Carriage returns, NULs and other controls are changed.
std::size_t VerbatimMultibyteAt(std::string_view value, std::size_t i) {
  UChar32 c;
  auto next = static_cast<std::int32_t>(i);
  U8_NEXT(value.data(), next, static_cast<std::int32_t>(value.size()), c);
  if (c < 0xA0 || (c >= 0xFDD0 && c <= 0xFDEF) || (c & 0xFFFE) == 0xFFFE) return 0;
  return static_cast<std::size_t>(next) - i;
}
// ASCII, nearly every byte, is judged inline; the rest by the call above.
inline std::size_t VerbatimCharAt(std::string_view value, std::size_t i, bool text) {
  const auto byte = static_cast<unsigned char>(value[i]);
  if (byte >= 0x20 && byte < 0x7F) return byte != '&';
  if (byte < 0x80) return text && (byte == '\t' || byte == '\n' || byte == '\f');
  return VerbatimMultibyteAt(value, i);
}

// The end of the run of characters that begins at s[i] that Gumbo stores as
// they are (see VerbatimCharAt()). Most of a value or a text is printable
// ASCII but '&' (a character reference), read eight bytes at a time.
std::size_t VerbatimRunEnd(std::string_view s, std::size_t i, bool text) {
  for (;;) {
    i = PrintableAsciiRunEnd(s, i, '&');
    const std::size_t length = i < s.size() ? VerbatimCharAt(s, i, text) : 0;
    if (length == 0) return i;
    i += length;
  }
}

// Whether Gumbo stores an attribute value as it is.
bool StoredVerbatim(std::string_view value) {
  return VerbatimRunEnd(value, 0, /*text=*/false) == value.size();
}

enum class Ns : std::uint8_t { kHtml, kSvg, kMath };

// An element on the estimated stack of open elements.
struct Open {
  std::uint64_t name;
  std::uint32_t flags;
  Ns ns;
  bool html_rules;  // start tags inside are read by the HTML rules (an HTML
                    // element, or an integration point in SVG or MathML)
  // Set by Push(). plain: no SVG, MathML or <select> element is open at or
  // below it. body_text: the tree builder takes text in it by the "in body"
  // rules (see Text()): it is plain and no table part is open above the
  // nearest cell or caption. The pre-pass moves no text in tables' text
  // (whether it is foster-parented depends on all of its characters), in a
  // <select>, nor in SVG or MathML content, whose rules it leaves alone.
  bool plain = false;
  bool body_text = false;
};

bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

bool StartsWithNoCase(std::string_view s, std::size_t at, std::string_view prefix) {
  if (at > s.size() || s.size() - at < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (Lower(s[at + i]) != prefix[i]) return false;
  }
  return true;
}

bool EqualsNoCase(std::string_view s, std::string_view lower) {
  return s.size() == lower.size() && StartsWithNoCase(s, 0, lower);
}

bool ContainsNoCase(std::string_view s, std::string_view needle) {
  for (std::size_t i = 0; i + needle.size() <= s.size(); ++i) {
    if (StartsWithNoCase(s, i, needle)) return true;
  }
  return false;
}

class Scanner {
 public:
  Scanner(std::string_view html, std::size_t max_depth, std::string* out, bool keep_hrefs,
          MovedValues* moved)
      : s_(html), max_depth_(max_depth), out_(out), keep_hrefs_(keep_hrefs),
        moved_(out != nullptr && moved != nullptr && !MayHoldMarker(html) ? moved : nullptr) {
    if (out_ != nullptr) {
      out_->clear();
      out_->reserve(html.size());
    }
    if (moved != nullptr) *moved = MovedValues();
  }

  // True when the page holds what aborts Gumbo 0.10.1 (its assertions are
  // on in Debian's build): a CDATA section in an SVG or MathML integration
  // point in a table's text, outside any cell.
  bool trips_gumbo() const { return trips_gumbo_; }

  // False when the nesting passed max_depth.
  bool Run() {
    std::size_t i = 0;
    const std::size_t n = s_.size();
    while (i < n) {
      const void* lt = std::memchr(s_.data() + i, '<', n - i);
      const std::size_t text_end =
          lt == nullptr ? n : static_cast<std::size_t>(static_cast<const char*>(lt) - s_.data());
      Text(i, text_end);
      i = text_end;
      if (i + 1 >= n) break;
      const char next = s_[i + 1];
      if (IsAlpha(next)) {
        i = StartTag(i);
      } else if (next == '/') {
        i = EndTagOpen(i);
      } else if (next == '!') {
        i = MarkupDeclaration(i);
      } else if (next == '?') {
        i = UntilGreaterThan(i + 2);  // a bogus comment
      } else {
        ++i;  // a '<' that is text
      }
      if (too_deep_) return false;
    }
    Copy(n);
    return true;
  }

 private:
  static constexpr std::size_t kNpos = std::string_view::npos;

  // The tag the scan read last.
  struct Tag {
    std::uint64_t name = 0;
    bool self_closing = false;
    bool json_ld = false;          // a type attribute that is, or may be, ld+json
    bool font_breaks_out = false;  // a color, face or size attribute
    bool html_encoding = false;    // encoding=text/html or application/xhtml+xml
    // What to cut from the tag: where each piece begins and ends, and what
    // to write instead (a reference, when the piece is a value to move).
    struct Cut {
      std::size_t begin, end;
      std::string_view replacement;
      bool move = false;
    };
    std::vector<Cut> cuts;
  };

  // --- output ---

  // Copies the input up to `to` (exclusive) that is not copied yet.
  void Copy(std::size_t to) {
    if (out_ != nullptr && to > copied_) out_->append(s_.data() + copied_, to - copied_);
    copied_ = std::max(copied_, to);
  }

  // Writes replacement instead of the input's bytes [begin, end), unless the
  // scan is no longer sure of the tokenizer's state.
  void Replace(std::size_t begin, std::size_t end, std::string_view replacement) {
    if (!CanReplace(begin)) return;
    Copy(begin);
    out_->append(replacement);
    copied_ = end;
  }

  // Moves the attribute value or text [begin, end) to moved_, writing its
  // reference instead, when Replace() could and the table takes it.
  void Move(std::size_t begin, std::size_t end, bool text) {
    if (!CanReplace(begin)) return;
    Copy(begin);
    const std::string_view moved = s_.substr(begin, end - begin);
    if (text ? moved_->MoveText(moved, out_) : moved_->Move(moved, out_)) copied_ = end;
  }

  bool CanReplace(std::size_t begin) const { return out_ != nullptr && !unsure_ && begin >= copied_; }

  // --- tokenizer ---

  // The position after the next '>' from i (the end of input if none).
  std::size_t UntilGreaterThan(std::size_t i) const {
    const std::size_t gt = s_.find('>', i);
    return gt == kNpos ? s_.size() : gt + 1;
  }

  // Reads a tag's name and attributes from i (the name's first byte) into
  // tag_; returns the position after its '>', or kNpos when the input ends
  // inside it (the tokenizer then drops it).
  std::size_t ReadTag(std::size_t i) {
    const std::size_t n = s_.size();
    tag_.self_closing = tag_.json_ld = tag_.font_breaks_out = tag_.html_encoding = false;
    tag_.cuts.clear();
    std::uint64_t name = kFnvBasis;
    for (; i < n && !IsAsciiSpace(s_[i]) && s_[i] != '/' && s_[i] != '>'; ++i) {
      name = Mix(name, Lower(s_[i]));
    }
    tag_.name = name;
    for (;;) {
      while (i < n && IsAsciiSpace(s_[i])) ++i;
      if (i >= n) return kNpos;
      if (s_[i] == '>') return DropUnread(name, i + 1);
      if (s_[i] == '/') {
        if (++i < n && s_[i] == '>') {
          tag_.self_closing = true;
          return DropUnread(name, i + 1);
        }
        continue;
      }
      // An attribute name takes its first character whatever it is ('=' too).
      const std::size_t attribute_begin = i;
      std::uint64_t attribute = Mix(kFnvBasis, Lower(s_[i++]));
      for (; i < n && !IsAsciiSpace(s_[i]) && s_[i] != '/' && s_[i] != '>' && s_[i] != '='; ++i) {
        attribute = Mix(attribute, Lower(s_[i]));
      }
      while (i < n && IsAsciiSpace(s_[i])) ++i;
      if (i >= n) return kNpos;
      std::size_t begin = i, end = i;  // the value, empty when there is none
      if (s_[i] == '=') {
        ++i;
        while (i < n && IsAsciiSpace(s_[i])) ++i;
        if (i >= n) return kNpos;
        if (s_[i] == '"' || s_[i] == '\'') {
          const std::size_t close = s_.find(s_[i], i + 1);
          if (close == kNpos) return kNpos;
          begin = i + 1;
          end = close;
          i = close + 1;
        } else {
          begin = i;
          while (i < n && !IsAsciiSpace(s_[i]) && s_[i] != '>') ++i;
          end = i;
        }
      }
      const std::string_view value = s_.substr(begin, end - begin);
      if (!IsReadAttribute(attribute)) {
        // A space keeps a '/' before the attribute from closing the tag as "/>".
        tag_.cuts.push_back({attribute_begin, i, IsAsciiSpace(s_[attribute_begin - 1]) ? "" : " "});
      } else if (attribute == "href"_h && !keep_hrefs_ && name != "link"_h && ShortensHref(value)) {
        tag_.cuts.push_back({begin, end, "-"});
      } else {
        Attribute(attribute, value);
        if (moved_ != nullptr && value.size() > kShortestReference && IsMovable(name, attribute) &&
            StoredVerbatim(value)) {
          tag_.cuts.push_back({begin, end, {}, /*move=*/true});
        }
      }
    }
  }

  // Whether the value of an attribute of an element named tag may be moved
  // out: the tree builder never reads it. It reads type on <input>, encoding
  // on <annotation-xml>, whether <font> has color, face or size, and
  // compares the attributes of formatting elements, which DropUnread()
  // leaves alone, as it does <isindex>'s.
  static bool IsMovable(std::uint64_t tag, std::uint64_t attribute) {
    switch (attribute) {
      case "color"_h: case "face"_h: case "size"_h: case "encoding"_h:
        return false;
      case "type"_h:
        return tag != "input"_h;
      default:
        return true;
    }
  }

  // Whether an href value (of an element other than <link>, whose href
  // header fields read) can become "-": pith reads only whether it is there
  // and whether it leads to a home page (IsHomeLink(), for a logo heading),
  // which "-" does not. A value with a character reference, a carriage
  // return or a NUL is kept, as the tokenizer changes it.
  static bool ShortensHref(std::string_view value) {
    // A loop: find_first_of() would call memchr for every byte.
    const bool changed = std::any_of(value.begin(), value.end(),
                                     [](char c) { return c == '&' || c == '\r' || c == '\0'; });
    return value.size() > 1 && !changed && !IsHomeLink(value);
  }

  // Makes the cuts in the tag just read (named name, ending before end);
  // returns end. Only once the tag is complete: a tag the input ends inside
  // is dropped by the tokenizer whole. <isindex> keeps all of its
  // attributes, as Gumbo hands them on to an <input>. So does a formatting
  // element but <a>: the tree builder keeps at most three equal ones (same
  // attributes and values) in its list of active formatting elements, so
  // cutting what tells two apart changes how many it reconstructs (a start
  // tag <a> closes the open <a>, so there is never more than one).
  std::size_t DropUnread(std::uint64_t name, std::size_t end) {
    if (name == "isindex"_h || (name != "a"_h && (FlagsOf(name) & kFormatting))) return end;
    for (const auto& [begin, after, replacement, move] : tag_.cuts) {
      if (move) {
        Move(begin, after, /*text=*/false);
      } else {
        Replace(begin, after, replacement);
      }
    }
    return end;
  }

  void Attribute(std::uint64_t name, std::string_view value) {
    switch (name) {
      case "type"_h:
        // A character reference could spell ld+json: keep such scripts too.
        tag_.json_ld |= ContainsNoCase(value, "ld+json") || value.find('&') != kNpos;
        break;
      case "color"_h: case "face"_h: case "size"_h:
        tag_.font_breaks_out = true;
        break;
      case "encoding"_h:
        tag_.html_encoding = EqualsNoCase(value, "text/html") ||
                             EqualsNoCase(value, "application/xhtml+xml");
        break;
      default:
        break;
    }
  }

  // "<" at lt, a letter after it.
  std::size_t StartTag(std::size_t lt) {
    const std::size_t end = ReadTag(lt + 1);
    if (end == kNpos) return s_.size();
    if (InForeignContent()) {
      const std::uint32_t flags = FlagsOf(tag_.name);
      if ((flags & kBreaksOut) == 0 && !(tag_.name == "font"_h && tag_.font_breaks_out)) {
        ForeignStartTag();
        return end;
      }
      while (InForeignContent()) Pop();
    }
    return HtmlStartTag(end);
  }

  void ForeignStartTag() {
    const Ns ns = stack_.back().ns;
    if (tag_.self_closing) return;
    // Gumbo 0.10.1 resets the insertion mode by the names of the open
    // elements whatever their namespace: an SVG <select> left open makes
    // it "in select" once an HTML <select> above it closes.
    switch (tag_.name) {
      case "select"_h: case "td"_h: case "th"_h: case "tr"_h: case "tbody"_h: case "thead"_h:
      case "tfoot"_h: case "caption"_h: case "colgroup"_h: case "table"_h: case "template"_h:
      case "head"_h: case "body"_h: case "frameset"_h: case "html"_h:
        unsure_ = true;
        break;
      default:
        break;
    }
    bool integration_point = false;
    if (ns == Ns::kSvg) {
      integration_point = tag_.name == "foreignobject"_h || tag_.name == "desc"_h ||
                          tag_.name == "title"_h;
    } else {
      integration_point = tag_.name == "mi"_h || tag_.name == "mo"_h || tag_.name == "mn"_h ||
                          tag_.name == "ms"_h || tag_.name == "mtext"_h ||
                          (tag_.name == "annotation-xml"_h && tag_.html_encoding);
    }
    Push({tag_.name, integration_point ? kSpecial | kScope : 0u, ns, integration_point});
  }

  // A start tag as the HTML rules take it; end is the position after it.
  std::size_t HtmlStartTag(std::size_t end) {
    const std::uint64_t name = tag_.name;
    const std::uint32_t flags = FlagsOf(name);
    // In and after a <frameset> the tree builder ignores all tags but a few
    // (a <script> does not switch the tokenizer) and keeps only white space
    // of text: nothing is elided after one. Moves before it change nothing:
    // the first character of a moved text sets the frameset-ok flag to
    // false as the text's own first one would.
    unsure_ |= name == "frameset"_h;
    if (IsOpen("select"_h, kScope)) {
      // In a <select> only these do something; other tags are dropped, and
      // raw text elements other than <script> do not switch the tokenizer.
      switch (name) {
        case "option"_h: case "optgroup"_h:
          if (Top("option"_h)) Pop();
          if (name == "optgroup"_h && Top("optgroup"_h)) Pop();
          Push({name, 0, Ns::kHtml, true});
          return end;
        case "select"_h:
          PopTo("select"_h, kScope);
          return end;
        case "input"_h: case "keygen"_h: case "textarea"_h:
          PopTo("select"_h, kScope);
          break;
        case "caption"_h: case "table"_h: case "tbody"_h: case "tfoot"_h: case "thead"_h:
        case "tr"_h: case "td"_h: case "th"_h:
          if (!InTable("select"_h)) return end;
          PopTo("select"_h, kScope);  // "in select in table"
          break;
        case "script"_h: case "template"_h:
          break;
        default:
          return end;
      }
    }
    // Gumbo 0.10.1 switches insertion modes in and after a <template> in
    // ways the scan does not follow (a table part inside leaves a later
    // <select> "in select in table" with no table open): nothing is elided
    // after one.
    unsure_ |= name == "template"_h;
    if (flags & kScript) return Script(end);
    if (flags & kRawText) return RawText(end, /*elide=*/name == "style"_h);
    if (flags & kRcdata) return RawText(end, /*elide=*/false);
    if (name == "plaintext"_h) return s_.size();
    if ((flags & kVoid) || name == "html"_h || name == "head"_h || name == "body"_h) return end;
    keeps_space_ |= name == "pre"_h || name == "listing"_h;
    // The tree builder's form element pointer: a <form> while it is set (until
    // "</form>", even when the form was closed by another end tag) is dropped.
    if (name == "form"_h) {
      if (form_) return end;
      form_ = true;
    }
    // The end tags a start tag implies.
    if (flags & kClosesP) PopTo("p"_h, kScope, "button"_h);
    if (name == "li"_h) PopTo("li"_h, kScope, "ul"_h, "ol"_h);
    if (flags & kListItem) {
      PopTo("dd"_h, kScope, "dl"_h);
      PopTo("dt"_h, kScope, "dl"_h);
    }
    if ((flags & kHeading) && !stack_.empty() && (stack_.back().flags & kHeading)) Pop();
    if (name == "option"_h && Top("option"_h)) Pop();
    if (name == "a"_h || name == "nobr"_h || name == "button"_h) PopTo(name, kScope);
    if (flags & (kCell | kTablePart) || name == "tr"_h || name == "caption"_h ||
        name == "colgroup"_h) {
      // Outside a table (and a template) the tree builder ignores them.
      if (!IsOpen("table"_h, 0) && !IsOpen("template"_h, 0)) return end;
      CloseTableParts(flags, name);
    }
    if (name == "table"_h && InTableMode()) PopTo("table"_h, 0);
    if (name == "svg"_h || name == "math"_h) {
      if (!tag_.self_closing) Push({name, 0, name == "svg"_h ? Ns::kSvg : Ns::kMath, false});
      return end;
    }
    Push({name, flags, Ns::kHtml, true});  // a self-closing flag means nothing here
    return end;
  }

  // "</" at lt.
  std::size_t EndTagOpen(std::size_t lt) {
    const std::size_t n = s_.size();
    if (lt + 2 >= n) return n;
    if (s_[lt + 2] == '>') return lt + 3;  // "</>" is dropped
    if (!IsAlpha(s_[lt + 2])) return UntilGreaterThan(lt + 2);  // a bogus comment
    const std::size_t end = ReadTag(lt + 2);
    if (end == kNpos) return n;
    const std::uint64_t name = tag_.name;
    const std::uint32_t flags = FlagsOf(name);
    // In SVG or MathML content an end tag closes the nearest foreign element
    // of its name; past the foreign elements the HTML rules take it.
    for (std::size_t k = stack_.size(); k-- > 0 && stack_[k].ns != Ns::kHtml;) {
      if (stack_[k].name != name) continue;
      while (stack_.size() > k) Pop();
      return end;
    }
    // Whether the HTML rules close that content or not depends on what the
    // scan does not follow (active formatting elements the tree builder
    // reconstructed inside it, "</p>" and "</br>" leaving it, ...).
    unsure_ |= InForeignContent();
    if (IsOpen("select"_h, kScope) && name != "option"_h && name != "optgroup"_h &&
        name != "select"_h && name != "template"_h) {
      // "in select" drops other end tags; "in select in table" takes a table
      // part's as the select's end when that part is open.
      if (!((flags & (kTablePart | kCell)) || name == "tr"_h || name == "table"_h ||
            name == "caption"_h) ||
          !InTable("select"_h) || !IsOpen(name, 0)) {
        return end;
      }
      PopTo("select"_h, kScope);
    }
    if (flags & kHeading) {
      // Any heading's end tag closes the nearest open heading.
      std::ptrdiff_t nearest = -1;
      for (std::uint64_t h : {"h1"_h, "h2"_h, "h3"_h, "h4"_h, "h5"_h, "h6"_h}) {
        nearest = std::max(nearest, Find(h, kScope));
      }
      if (nearest >= 0) PopTo(stack_[static_cast<std::size_t>(nearest)].name, kScope);
    } else if (name == "form"_h) {
      form_ = false;
      PopTo(name, kScope);
    } else if (flags & kTablePart || name == "tr"_h || name == "table"_h) {
      PopTo(name, 0, name == "table"_h ? 0 : "table"_h);  // through open cells
    } else if ((flags & kVoid) == 0 && name != "html"_h && name != "body"_h) {
      // An element closes the elements left open inside it, up to the
      // bounds of its kind: an inline end tag does not cross a block.
      PopTo(name, (flags & (kSpecial | kFormatting)) ? kScope : kScope | kSpecial);
    }
    return end;
  }

  // "<!" at lt.
  std::size_t MarkupDeclaration(std::size_t lt) {
    const std::size_t n = s_.size();
    if (s_.compare(lt, 4, "<!--") == 0) return Comment(lt);
    if (s_.compare(lt, 9, "<![CDATA[") == 0 && !stack_.empty() && stack_.back().ns != Ns::kHtml) {
      if (stack_.back().html_rules && InTableText()) trips_gumbo_ = true;
      const std::size_t close = s_.find("]]>", lt + 9);
      return close == kNpos ? n : close + 3;
    }
    return UntilGreaterThan(lt + 2);  // a doctype, or a bogus comment
  }

  // "<!--" at lt: the comment ends at "-->" or "--!>" (any number of dashes
  // before), or at once for "<!-->" and "<!--->".
  std::size_t Comment(std::size_t lt) {
    const std::size_t n = s_.size();
    std::size_t end = n;
    if (s_.compare(lt + 4, 1, ">") == 0) {
      end = lt + 5;
    } else if (s_.compare(lt + 4, 2, "->") == 0) {
      end = lt + 6;
    } else {
      for (std::size_t dashes = s_.find("--", lt + 4); dashes != kNpos;
           dashes = s_.find("--", dashes + 1)) {
        std::size_t j = dashes + 2;
        while (j < n && s_[j] == '-') ++j;
        if (j < n && s_[j] == '>') {
          end = j + 1;
          break;
        }
        if (j + 1 < n && s_[j] == '!' && s_[j + 1] == '>') {
          end = j + 2;
          break;
        }
        dashes = j - 1;
      }
    }
    if (end - lt > 7) Replace(lt, end, "<!---->");
    return end;
  }

  // The text [begin, end) between markup. Where the tree builder takes it
  // by the "in body" rules (Open::body_text), each run of characters that
  // Gumbo stores as they are, from one that is not white space to the last
  // such, is moved out when it has kShortestMovedText bytes or more: the
  // reference is one character that is not white space either, and those
  // rules ask no more of a run (in "in body", whether a character is white
  // space only decides whether it sets frameset-ok to false, which the
  // first does; the line feed dropped after <pre> and <listing> is the
  // first character). The same holds of the head's modes (the first
  // character starts the body) and of those after the body. Character
  // references stay, up to the white space that ends them. White space
  // runs outside moved texts are cut.
  void Text(std::size_t begin, std::size_t end) {
    if (moved_ == nullptr || unsure_ || (!stack_.empty() && !stack_.back().body_text)) {
      CollapseSpaceRuns(begin, end);
      return;
    }
    std::size_t kept = begin;  // the text from here on is not moved
    for (std::size_t i = begin; i < end;) {
      if (IsAsciiSpace(s_[i])) {
        ++i;
        continue;
      }
      if (s_[i] == '&') {
        while (i < end && !IsAsciiSpace(s_[i])) ++i;
        continue;
      }
      const std::size_t j = VerbatimRunEnd(s_.substr(0, end), i, /*text=*/true);
      std::size_t run_end = j;  // after the run's last character that is not white space
      while (run_end > i && IsAsciiSpace(s_[run_end - 1])) --run_end;
      if (run_end - i >= kShortestMovedText) {
        CollapseSpaceRuns(kept, i);
        Move(i, run_end, /*text=*/true);
        kept = std::max(kept, copied_);  // after the run when it moved
      }
      i = std::max(j, i + 1);
    }
    CollapseSpaceRuns(kept, end);
  }

  // Cuts each run of white space in the text [begin, end) to one character:
  // a line feed when the run holds one (or a carriage return, which the
  // tokenizer makes one), else its first. innerText collapses such runs, but
  // not in <pre> and <listing>, whose leading line feed the tree builder also
  // drops: after the first of those nothing is cut, since the scan cannot
  // tell when the adoption agency keeps one open.
  void CollapseSpaceRuns(std::size_t begin, std::size_t end) {
    if (unsure_ || keeps_space_) return;
    for (std::size_t i = begin; i < end; ++i) {
      if (!IsAsciiSpace(s_[i])) continue;
      std::size_t run = i + 1;
      bool line_feed = s_[i] == '\n' || s_[i] == '\r';
      for (; run < end && IsAsciiSpace(s_[run]); ++run) line_feed |= s_[run] == '\n' || s_[run] == '\r';
      if (run - i > 1) Replace(i, run, line_feed ? "\n" : s_.substr(i, 1));
      i = run;
    }
  }

  // Whether an end tag for the element named by tag_ starts at i: "</name"
  // followed by white space, '/' or '>'.
  bool AppropriateEndTag(std::size_t i, std::string_view name) const {
    if (s_.compare(i, 2, "</") != 0 || !StartsWithNoCase(s_, i + 2, name)) return false;
    const std::size_t after = i + 2 + name.size();
    return after < s_.size() && (IsAsciiSpace(s_[after]) || s_[after] == '/' || s_[after] == '>');
  }

  // The text of a RAWTEXT or RCDATA element from body to its end tag;
  // returns the position after the end tag (see SkipEndTag()).
  std::size_t RawText(std::size_t body, bool elide) {
    const std::string_view name = RawTextName();
    std::size_t end = s_.size();
    for (std::size_t lt = s_.find("</", body); lt != kNpos; lt = s_.find("</", lt + 1)) {
      if (AppropriateEndTag(lt, name)) {
        end = lt;
        break;
      }
    }
    if (elide) ElideText(body, end);
    return SkipEndTag(end);
  }

  // The position after the end tag of a raw text element that starts at
  // `at` (the end of input if none). The tree builder takes any end tag there
  // as the end of the element, which the scan did not push: read as an end
  // tag of its own, it could close an SVG <title> or <textarea> of its name.
  std::size_t SkipEndTag(std::size_t at) {
    if (at >= s_.size()) return at;
    const std::size_t end = ReadTag(at + 2);
    return end == kNpos ? s_.size() : end;
  }

  // The script data from body to the end tag, through the escaped
  // ("<!--") and double-escaped ("<!--<script>") states, in which a
  // "</script>" may not end the script.
  std::size_t Script(std::size_t body) {
    enum class State { kData, kEscaped, kDoubleEscaped } state = State::kData;
    const std::size_t n = s_.size();
    std::size_t end = n;
    // Only '<' changes the state of script data, and '<' or '-' that of the
    // escaped states. (find() is memchr; find_first_of() would call memchr
    // for every byte of the script.)
    auto next = [&](std::size_t from) {
      if (state == State::kData) return s_.find('<', from);
      while (from < n && s_[from] != '<' && s_[from] != '-') ++from;
      return from < n ? from : kNpos;
    };
    for (std::size_t i = next(body); i != kNpos; i = next(i)) {
      if (s_[i] == '-') {
        if (s_.compare(i, 3, "-->") == 0) state = State::kData;
        ++i;
        continue;
      }
      if (state != State::kDoubleEscaped && AppropriateEndTag(i, "script")) {
        end = i;
        break;
      }
      if (state == State::kData && s_.compare(i, 4, "<!--") == 0) {
        state = State::kEscaped;
        i += 2;  // its dashes may end it at once: "<!-->"
        continue;
      }
      if (state == State::kEscaped && ScriptWordAt(i + 1)) {
        state = State::kDoubleEscaped;
      } else if (state == State::kDoubleEscaped && s_.compare(i + 1, 1, "/") == 0 &&
                 ScriptWordAt(i + 2)) {
        state = State::kEscaped;
      }
      ++i;
    }
    if (!tag_.json_ld) ElideText(body, end);
    return SkipEndTag(end);
  }

  // Whether "script" followed by white space, '/' or '>' starts at i.
  bool ScriptWordAt(std::size_t i) const {
    return StartsWithNoCase(s_, i, "script") && i + 6 < s_.size() &&
           (IsAsciiSpace(s_[i + 6]) || s_[i + 6] == '/' || s_[i + 6] == '>');
  }

  // Cuts the text [begin, end) of an element to one character of the same
  // kind (white space or not), so that its text node stays.
  void ElideText(std::size_t begin, std::size_t end) {
    if (end - begin <= 1) return;
    bool blank = true;
    for (std::size_t i = begin; i < end && blank; ++i) blank = IsAsciiSpace(s_[i]);
    Replace(begin, end, blank ? " " : "x");
  }

  // --- the stack of open elements ---

  bool InForeignContent() const { return !stack_.empty() && !stack_.back().html_rules; }

  bool Top(std::uint64_t name) const { return !stack_.empty() && stack_.back().name == name; }

  void Push(Open open) {
    const bool below_plain = stack_.empty() || stack_.back().plain;
    const bool below_body_text = stack_.empty() || stack_.back().body_text;
    open.plain = below_plain && open.ns == Ns::kHtml && open.name != "select"_h;
    if ((open.flags & kCell) || open.name == "caption"_h) {
      open.body_text = open.plain;
    } else {
      open.body_text = open.plain && below_body_text && (open.flags & kTablePart) == 0 &&
                       open.name != "table"_h && open.name != "tr"_h && open.name != "colgroup"_h;
    }
    stack_.push_back(open);
    ++open_count_[open.name % open_count_.size()];
    too_deep_ = stack_.size() > max_depth_;
  }

  void Pop() {
    --open_count_[stack_.back().name % open_count_.size()];
    stack_.pop_back();
  }

  // Where name is on the stack, searching from the top and stopping at an
  // element with a flag of `bounds` or named bound_a or bound_b; -1 when not
  // found.
  std::ptrdiff_t Find(std::uint64_t name, std::uint32_t bounds, std::uint64_t bound_a = 0,
                      std::uint64_t bound_b = 0) const {
    if (open_count_[name % open_count_.size()] == 0) return -1;  // the common case, in O(1)
    for (std::size_t k = stack_.size(); k-- > 0;) {
      const Open& open = stack_[k];
      // An end tag the HTML rules take never closes an SVG or MathML element
      // of its name (an integration point, as <desc>, stops it instead).
      if (open.name == name && open.ns == Ns::kHtml) return static_cast<std::ptrdiff_t>(k);
      if ((open.flags & bounds) || open.name == bound_a || open.name == bound_b) return -1;
    }
    return -1;
  }

  bool IsOpen(std::uint64_t name, std::uint32_t bounds) const { return Find(name, bounds) >= 0; }

  // Whether the tree builder is in the "in table" insertion mode or one of
  // its row modes, where a <table> closes the open one: a table part is
  // open and no cell, caption or template inside it (elements foster-parented
  // since do not change the mode).
  bool InTableMode() const {
    for (std::size_t k = stack_.size(); k-- > 0;) {
      const Open& open = stack_[k];
      if (open.ns != Ns::kHtml) continue;
      if ((open.flags & kCell) || open.name == "caption"_h || open.name == "template"_h) {
        return false;
      }
      if ((open.flags & kTablePart) || open.name == "table"_h || open.name == "tr"_h) return true;
    }
    return false;
  }

  // Whether text here would reach the "in table" insertion mode: a <table>
  // is open and no cell or caption is open inside it.
  bool InTableText() const {
    for (std::size_t k = stack_.size(); k-- > 0;) {
      const Open& e = stack_[k];
      if (e.ns != Ns::kHtml) continue;
      if (e.name == "td"_h || e.name == "th"_h || e.name == "caption"_h) return false;
      if (e.name == "table"_h) return true;
    }
    return false;
  }

  // Whether a <table> is open below the nearest open element named name.
  bool InTable(std::uint64_t name) const {
    const std::ptrdiff_t k = Find(name, kScope);
    for (std::ptrdiff_t j = k - 1; j >= 0; --j) {
      if (stack_[static_cast<std::size_t>(j)].name == "table"_h) return true;
    }
    return false;
  }

  // Pops up to and including name when Find() finds it. An HTML element
  // closing SVG or MathML content left open inside it is where the tree
  // builder's ways (the adoption agency, <noscript> in <head>, ...) are past
  // what the scan models: nothing is elided after that.
  void PopTo(std::uint64_t name, std::uint32_t bounds, std::uint64_t bound_a = 0,
             std::uint64_t bound_b = 0) {
    const std::ptrdiff_t k = Find(name, bounds, bound_a, bound_b);
    if (k < 0) return;
    const bool html = stack_[static_cast<std::size_t>(k)].ns == Ns::kHtml;
    while (stack_.size() > static_cast<std::size_t>(k)) {
      unsure_ |= html && stack_.back().ns != Ns::kHtml;
      Pop();
    }
  }

  // A cell, row or row group starting closes the open cell, and a row or
  // row group the open row, and a row group the open row group.
  void CloseTableParts(std::uint32_t flags, std::uint64_t name) {
    PopTo("td"_h, 0, "table"_h);
    PopTo("th"_h, 0, "table"_h);
    if (flags & kCell) return;
    PopTo("tr"_h, 0, "table"_h);
    if (name == "tr"_h) return;
    for (std::uint64_t group : {"tbody"_h, "thead"_h, "tfoot"_h}) PopTo(group, 0, "table"_h);
  }

  // The lower-case name of the raw text element whose start tag is tag_.
  std::string_view RawTextName() const {
    switch (tag_.name) {
      case "style"_h: return "style";
      case "xmp"_h: return "xmp";
      case "iframe"_h: return "iframe";
      case "noembed"_h: return "noembed";
      case "noframes"_h: return "noframes";
      case "title"_h: return "title";
      default: return "textarea";
    }
  }

  const std::string_view s_;
  const std::size_t max_depth_;
  std::string* const out_;
  const bool keep_hrefs_;
  MovedValues* const moved_;  // null when no value is to move
  std::size_t copied_ = 0;
  Tag tag_;
  std::vector<Open> stack_;
  // How many open elements have a name in each bucket of hashes: zero tells
  // that an end tag closes nothing without searching the stack.
  std::array<std::uint32_t, 1024> open_count_{};
  bool form_ = false;    // the form element pointer is set
  bool unsure_ = false;  // see PopTo()
  bool keeps_space_ = false;  // see CollapseSpaceRuns()
  bool too_deep_ = false;
  bool trips_gumbo_ = false;
};

}  // namespace

std::size_t MovedValues::Append(std::string_view value) {
  const std::size_t start = bytes_.size();
  bytes_.append(value).push_back('\0');
  return start;
}

bool MovedValues::Move(std::string_view value, std::string* out) {
  const std::size_t index = starts_.size();
  std::size_t digits = 1;
  for (std::size_t rest = index / kDigits.size(); rest > 0; rest /= kDigits.size()) ++digits;
  if (value.size() <= kMarker.size() + digits) return false;
  out->append(kMarker);
  for (std::size_t rest = index; digits > 0; --digits, rest /= kDigits.size()) {
    out->push_back(kDigits[rest % kDigits.size()]);
  }
  starts_.push_back(Append(value));
  return true;
}

bool MovedValues::MoveText(std::string_view text, std::string* out) {
  if (texts_.size() == kMaxTexts || text.size() <= kTextReferenceSize) return false;
  const std::size_t code = 0xE001 + texts_.size();  // UTF-8 in three bytes
  out->push_back(kTextLead);
  out->push_back(static_cast<char>(0x80 | ((code >> 6) & 0x3F)));
  out->push_back(static_cast<char>(0x80 | (code & 0x3F)));
  texts_.push_back(Append(text));
  return true;
}

// The moved text that a reference at `at` (a kTextLead byte) stands for;
// null when it is not one.
const char* MovedValues::TextAt(const char* at) const {
  const auto second = static_cast<unsigned char>(at[1]);
  const auto third = second == 0 ? 0 : static_cast<unsigned char>(at[2]);
  if ((second & 0xC0) != 0x80 || (third & 0xC0) != 0x80) return nullptr;
  const std::size_t code = 0xE000 | ((second & 0x3Fu) << 6) | (third & 0x3Fu);
  if (code == 0xE000 || code - 0xE001 >= texts_.size()) return nullptr;
  return bytes_.data() + texts_[code - 0xE001];
}

const char* MovedValues::ResolveText(const char* text, std::string* buffer) const {
  const char* at = std::strchr(text, kTextLead);
  if (at == nullptr) return nullptr;
  // Most texts that hold a reference are one: the moved text is the answer.
  if (at == text && at[1] != '\0' && at[2] != '\0' && at[kTextReferenceSize] == '\0') {
    if (const char* moved = TextAt(at)) return moved;
  }
  buffer->clear();
  const char* from = text;
  for (; at != nullptr; at = std::strchr(at + 1, kTextLead)) {
    const char* moved = TextAt(at);
    if (moved == nullptr) continue;
    buffer->append(from, static_cast<std::size_t>(at - from)).append(moved);
    from = at + kTextReferenceSize;
    at = from - 1;
  }
  buffer->append(from);
  return buffer->c_str();
}

const char* MovedValues::Resolve(const char* value) const {
  // Most values are not references: their first byte tells.
  if (value[0] != kMarker[0] || value[1] != kMarker[1] || value[2] != kMarker[2]) return nullptr;
  std::size_t index = 0;
  std::size_t scale = 1;
  for (const char* digit = value + kMarker.size(); *digit != '\0'; ++digit) {
    const std::size_t d = kDigits.find(*digit);
    if (d == std::string_view::npos) return nullptr;
    index += d * scale;
    scale *= kDigits.size();
  }
  return index < starts_.size() ? bytes_.data() + starts_[index] : nullptr;
}

Status Prepass(std::string_view html, std::size_t max_depth, std::string* elided,
               bool keep_hrefs, MovedValues* moved) {
  Scanner scanner(html, max_depth, elided, keep_hrefs, moved);
  if (!scanner.Run()) {
    return Status::TooLarge("markup nested more than " + std::to_string(max_depth) +
                            " elements deep");
  }
  if (scanner.trips_gumbo()) {
    return Status::Unsupported(
        "a CDATA section in an SVG or MathML integration point inside a table: "
        "it aborts the HTML parser (Gumbo 0.10.1)");
  }
  return Status::OK();
}

}  // namespace pith
