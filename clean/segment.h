// Segmentation of a text dump into lines, independent of the renderer that
// printed it (innerText, w3m/lynx -dump, get_text with or without separators).

#ifndef PITH_CLEAN_SEGMENT_H_
#define PITH_CLEAN_SEGMENT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "clean/html_text.h"

namespace pith {

// One line of a dump: a paragraph, heading, list item or piece of page furniture.
struct DumpLine {
  std::string text;      // white space collapsed and trimmed; never empty
  int blank_before = 0;  // blank lines between this line and the previous one
  std::size_t link_bytes = 0;  // of text inside links, when the page's markup is known
  bool in_content = false;     // inside the article's container, by the markup
  bool in_root = false;        // inside the content root, by the markup's scores
  // Nonzero for a line of preformatted text (LineMarkup::pre_block): its
  // white space is kept but for trailing white space, and it is never joined
  // to another line.
  std::uint32_t pre_block = 0;
  std::string markdown;        // the line as Markdown, when the markup has it
  bool tight = false;          // see LineMarkup::tight
  bool covered = false;        // see LineMarkup::covered
};

// Splits text (valid UTF-8) into non-empty lines. \r\n, \r and \f end lines.
// Hard-wrapped paragraphs (w3m/lynx print them at a fixed width) are joined
// back into one line; lynx's "[12]" link references are removed. When markup
// is not null it holds one entry per '\n'-separated line of text (as
// RenderHtmlText gives it), whose link bytes (and Markdown) go to the lines
// made from it.
std::vector<DumpLine> SegmentDump(std::string_view text,
                                  const std::vector<LineMarkup>* markup = nullptr);

}  // namespace pith

#endif  // PITH_CLEAN_SEGMENT_H_
