#ifndef PITH_CLEAN_EMBEDDED_RULES_H_
#define PITH_CLEAN_EMBEDDED_RULES_H_

#include <string_view>
#include <vector>

namespace pith {

// A file of the shipped rules/ folder, compiled into the library.
struct EmbeddedFile {
  std::string_view path;      // relative to rules/, e.g. "markers.rules"
  std::string_view contents;
};

// Every *.rules and *.txt file under rules/, sorted by path. Generated at build
// time by cmake/embed_rules.cmake.
const std::vector<EmbeddedFile>& EmbeddedRuleFiles();

}  // namespace pith

#endif  // PITH_CLEAN_EMBEDDED_RULES_H_
