#include "fetch/content_type.h"

#include <algorithm>

namespace pith {
namespace {

char Lower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

bool IsSpace(char c) { return c == ' ' || c == '\t'; }

std::string_view Trim(std::string_view s) {
  while (!s.empty() && IsSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsSpace(s.back())) s.remove_suffix(1);
  return s;
}

}  // namespace

void ParseContentType(std::string_view value, std::string* media_type, std::string* charset) {
  std::size_t semicolon = std::min(value.find(';'), value.size());
  media_type->assign(Trim(value.substr(0, semicolon)));
  std::transform(media_type->begin(), media_type->end(), media_type->begin(), Lower);
  charset->clear();
  std::string_view params = value.substr(semicolon);
  while (!params.empty()) {  // "; name=value" pairs
    params.remove_prefix(1);
    std::size_t end = std::min(params.find(';'), params.size());
    std::string_view param = params.substr(0, end);
    params.remove_prefix(end);
    std::size_t eq = param.find('=');
    std::string_view name = Trim(param.substr(0, eq));
    if (eq == std::string_view::npos || name.size() != 7 ||
        !std::equal(name.begin(), name.end(), "charset",
                    [](char a, char b) { return Lower(a) == b; })) {
      continue;
    }
    std::string_view label = Trim(param.substr(eq + 1));
    if (label.size() >= 2 && label.front() == '"' && label.back() == '"') {
      label = label.substr(1, label.size() - 2);
    }
    charset->assign(label);
    return;
  }
}

}  // namespace pith
