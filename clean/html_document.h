// A parsed HTML page: the bytes and the Gumbo tree over them, owned together
// because Gumbo's tree points into the bytes.

#ifndef PITH_CLEAN_HTML_DOCUMENT_H_
#define PITH_CLEAN_HTML_DOCUMENT_H_

#include <gumbo.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "clean/prepass.h"

namespace pith {

// Owns every byte Gumbo allocates while parsing one page. Gumbo 0.10.1 frees
// its tree with a recursion per level (gumbo_destroy_output overflows an
// 8 MiB stack near 250,000 nested elements, a 1 MiB one below 100,000), so the
// tree is never handed back to Gumbo: freeing is a no-op and the arena drops
// all of it at once. Blocks Gumbo frees during the parse stay in the arena
// until then: on the devset the arena ends at 7.6 times the input size, where
// malloc peaks at 5.9 times, and parse plus render runs faster than Gumbo's
// parse and free with malloc.
class GumboArena;

// One page parsed with Gumbo. Immutable once built; not copyable. The tree
// lives as long as the document. Parsing never fails: any bytes give a tree.
class HtmlDocument {
 public:
  // Parses html, which must be UTF-8 (ill-formed bytes read as U+FFFD). The
  // bytes are copied, so html need not outlive the document. When html is
  // the pre-pass's output, moved is what it moved out: after the parse one
  // walk points each attribute value that is a reference at the value it
  // stands for, and the text of each text node that holds references at
  // that text with the moved texts in their places, held by the document,
  // so that readers of the tree see the page's values and text
  // (original_value and original_text, which pith does not read, still show
  // the references). No walk when nothing was moved.
  explicit HtmlDocument(std::string_view html, MovedValues moved = MovedValues());
  ~HtmlDocument();
  HtmlDocument(const HtmlDocument&) = delete;
  HtmlDocument& operator=(const HtmlDocument&) = delete;

  const GumboNode* root() const { return output_->root; }  // the <html> element
  // The <body> element, or null for a <frameset> page.
  const GumboNode* body() const;
  // The <head> element (Gumbo always makes one).
  const GumboNode* head() const;
  std::string_view bytes() const { return bytes_; }

 private:
  std::string bytes_;
  const MovedValues moved_;  // the tree's moved attribute values and texts point here
  std::unique_ptr<GumboArena> arena_;
  const GumboOutput* output_;
};

// The value of an attribute of element, or null when it has none.
const char* AttributeValue(const GumboElement& element, const char* name);

// The text of node's subtree, text nodes concatenated in document order
// (script and style contents included; white space as written). Iterative.
std::string NodeText(const GumboNode* node);

}  // namespace pith

#endif  // PITH_CLEAN_HTML_DOCUMENT_H_
