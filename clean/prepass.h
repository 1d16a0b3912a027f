// The pre-pass over an HTML page before Gumbo parses it: elides the bytes
// that never reach an article, and refuses markup nested deep enough to make
// Gumbo's parse time explode.

#ifndef PITH_CLEAN_PREPASS_H_
#define PITH_CLEAN_PREPASS_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "pith/pith.h"

namespace pith {

// The attribute values and texts the pre-pass moved out of a page, each of
// which its output holds a short reference to instead (see Prepass()).
// Copyable.
class MovedValues {
 public:
  // Whether nothing was moved: then the output holds no reference.
  bool empty() const { return starts_.empty() && texts_.empty(); }

  // Appends value to the table and writes its reference to *out, when the
  // reference is shorter than value; returns whether it did. For the
  // pre-pass, which knows that Gumbo keeps value and the reference as they
  // are and reads neither.
  bool Move(std::string_view value, std::string* out);

  // The value that an attribute value as Gumbo parsed it stands for when it
  // is a reference, NUL-terminated; null when it is not. The pointer is
  // valid until this object is changed, moved or destroyed.
  const char* Resolve(const char* value) const;

  // Appends text to the table and writes its reference, one character, to
  // *out, unless the table holds the most texts it can refer to (4,095) or
  // text is no longer than a reference; returns whether it did. For the
  // pre-pass, which knows that the tree builder takes the reference's
  // characters as it would text's, and that Gumbo stores text as it is.
  bool MoveText(std::string_view text, std::string* out);

  // The text of a text node as Gumbo parsed it with each reference to a
  // moved text replaced by that text, NUL-terminated; null when it holds no
  // reference. The result points into this table when text is one
  // reference, else into *buffer; valid until either is changed, moved or
  // destroyed.
  const char* ResolveText(const char* text, std::string* buffer) const;

 private:
  // Appends value and a NUL to bytes_; returns where it begins.
  std::size_t Append(std::string_view value);
  const char* TextAt(const char* at) const;

  std::string bytes_;               // the values and texts, each followed by a NUL
  std::vector<std::size_t> starts_;  // where each value begins in bytes_, by index
  std::vector<std::size_t> texts_;   // where each text begins in bytes_, by index
};

// Scans html (UTF-8) as the HTML tokenizer reads it, switching states as the
// tree builder would have it switch: script data (with its escaped and
// double-escaped states), RCDATA, RAWTEXT and PLAINTEXT elements, comments,
// and CDATA sections in SVG and MathML, which are foreign content up to their
// end or to a tag that breaks out of it. Never fails on any bytes; linear in
// the size of html.
//
// When elided is not null, it receives html with these bytes elided:
//   - the text of each <script> (but JSON-LD: its type attribute names
//     ld+json, or holds a character reference that might) and <style>
//     element is cut to one character, a space when it was all white space,
//     so that the element keeps one text node of the same kind;
//   - the data of each comment: "<!--...-->" becomes "<!---->";
//   - every attribute of a tag but those pith reads (class, id, role,
//     hidden, style, open, type, align, href, rel, lang, xml:lang, itemprop,
//     itemtype, itemscope, content, http-equiv, property, name, datetime,
//     pubdate, title) and those the tree builder reads (color, face, size,
//     encoding); <isindex> and the formatting elements but <a> (<b>, <i>,
//     <font>, ...: the tree builder compares their attributes) keep all of
//     their attributes;
//   - the value of an href (but on <link>, and one leading to a home page)
//     becomes "-", unless keep_hrefs: the text cleaner reads only whether a
//     link is there, Markdown output reads where it leads;
//   - each run of white space in text is cut to one character (a line feed
//     when it holds a line break), which innerText collapses anyway; not
//     after the first <pre> or <listing>, which keep white space;
//   - when moved is not null, each attribute value that is kept, that the
//     tree builder does not read (it reads type on <input>, encoding, and
//     color, face and size on <font>, and compares all attributes of the
//     formatting elements but <a>), that Gumbo stores as written (printable
//     ASCII but '&', and UTF-8 it does not replace: no character reference,
//     carriage return, NUL or other control) and that is longer than a
//     reference, is moved to *moved and a reference written in its place:
//     U+E000 and the value's index;
//   - when moved is not null, each run of text of 6 bytes or more that
//     starts and ends with other than white space, that Gumbo stores as
//     written (as values, but tab, line feed and form feed too) and that
//     the tree builder takes by the "in body" rules (not in a table's
//     text, a <select>, SVG or MathML content, nor after a <frameset>), is
//     moved to *moved and a reference written in its place: one character,
//     U+E001 and up (4,095 texts a page), so that text may follow it.
//     Character references stay, up to the white space that ends them.
//   Nothing is moved from a page that holds a character from U+E000 to
//   U+EFFF, as bytes or as a numeric character reference, so that every
//   such character after the parse is a reference. HtmlDocument takes
//   *moved and puts the values and texts back.
// Gumbo parses the result to the same tree as html but for those script,
// style and comment texts, the elided attributes, the moved values and
// texts (the references in their place) and the length of white space
// runs, none of which pith reads (html_metadata.cc reads text with runs
// collapsed). Where the scan is unsure of the tree builder's state (after a
// <template> or a <frameset>, SVG or MathML content closed by HTML rules,
// an SVG or MathML element named as one by which Gumbo sets the insertion
// mode: <select>, <table>, <td>, ...), it elides nothing more. Code that
// starts reading another attribute must add it to the list in prepass.cc.
//
// Returns kTooLarge when elements nest deeper than max_depth (then *elided
// and *moved are unspecified). The depth is the stack of open elements the
// tree builder would hold, as the scan estimates it: it knows void elements, the end tags
// an element's start implies (<p>, <li>, <dd>, <dt>, <option>, table parts)
// and that an end tag closes the elements left open inside it. Returns
// kUnsupported for a page that would abort Gumbo 0.10.1, whose assertions
// Debian's build keeps: a CDATA section in an SVG or MathML integration
// point in a table's text ("<table><math><mi><![CDATA[x]]>y").
Status Prepass(std::string_view html, std::size_t max_depth, std::string* elided,
               bool keep_hrefs = false, MovedValues* moved = nullptr);

}  // namespace pith

#endif  // PITH_CLEAN_PREPASS_H_
