// The content root of a page: the element (with the siblings that continue
// it) holding the article, chosen by Readability's scores over what the
// render walk measured of each element.

#ifndef PITH_CLEAN_CONTENT_ROOT_H_
#define PITH_CLEAN_CONTENT_ROOT_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace pith {

// The kinds of element the scores tell apart.
enum class ElementKind : std::uint8_t {
  kOther,
  kDiv,         // div and the sectioning elements: likely containers
  kQuoteOrPre,  // pre, td, blockquote
  kList,        // address, ol, ul, dl, dd, dt, li, form: rarely the article
  kHeading,     // h1-h6, th
  kParagraph,   // p
};

// What the render walk measured of one rendered element. Entries are in
// document order, so a parent's entry comes before its children's; text is
// counted in code points.
struct ElementStats {
  static constexpr std::uint32_t kNoParent = UINT32_MAX;
  std::uint32_t parent = kNoParent;  // index of the parent's entry
  ElementKind kind = ElementKind::kOther;
  int name_weight = 0;          // from its class and id: + names content, - furniture
  std::size_t text_begin = 0;   // the element's text is [text_begin, text_end)
  std::size_t text_end = 0;     //   of the page's text, in code points
  std::size_t link_chars = 0;   // of its text inside links
  std::size_t commas = 0;       // in its text
  // Text whose nearest block-level element is this one (the text of a <p>,
  // loose text of a <div>), and the commas in it.
  std::size_t own_chars = 0;
  std::size_t own_commas = 0;
  bool ends_sentence = false;   // its text ends with '.'
  bool block = false;           // a block-level box
  std::size_t chars() const { return text_end - text_begin; }
};

// The elements whose text is the article, in document order: the element
// with the best Readability score (paragraph text credited to the elements
// above it, discounted by link density and weighted by kind and name) and
// its siblings that score near it or read as paragraphs of their own. Empty
// when no element scores: the page has no paragraph of prose.
std::vector<std::uint32_t> ChooseContentRoot(const std::vector<ElementStats>& elements);

// The boxes of links inside the elements of root (as ChooseContentRoot
// gives it): block-level elements other than paragraphs whose text is mostly
// link text, as a "Related" box with its heading or a line of tags is.
std::vector<std::uint32_t> LinkBoxesWithin(const std::vector<ElementStats>& elements,
                                           const std::vector<std::uint32_t>& root);

}  // namespace pith

#endif  // PITH_CLEAN_CONTENT_ROOT_H_
