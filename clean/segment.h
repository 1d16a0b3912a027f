// Segmentation of a text dump into lines, independent of the renderer that
// printed it (innerText, w3m/lynx -dump, get_text with or without separators).

#ifndef PITH_CLEAN_SEGMENT_H_
#define PITH_CLEAN_SEGMENT_H_

#include <string>
#include <string_view>
#include <vector>

namespace pith {

// One line of a dump: a paragraph, heading, list item or piece of page furniture.
struct DumpLine {
  std::string text;      // white space collapsed and trimmed; never empty
  int blank_before = 0;  // blank lines between this line and the previous one
};

// Splits text (valid UTF-8) into non-empty lines. \r\n, \r and \f end lines.
// Hard-wrapped paragraphs (w3m/lynx print them at a fixed width) are joined
// back into one line; lynx's "[12]" link references are removed.
std::vector<DumpLine> SegmentDump(std::string_view text);

}  // namespace pith

#endif  // PITH_CLEAN_SEGMENT_H_
