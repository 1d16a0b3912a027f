#include "pith/pith.h"

namespace pith {

std::string Status::ToString() const {
  const char* name = "OK";
  switch (code_) {
    case Code::kOk: return "OK";
    case Code::kInvalidArgument: name = "invalid argument"; break;
    case Code::kIOError: name = "I/O error"; break;
    case Code::kCorruption: name = "corruption"; break;
    case Code::kUnsupported: name = "unsupported"; break;
    case Code::kTooLarge: name = "too large"; break;
    case Code::kEmpty: name = "empty"; break;
    case Code::kTimeout: name = "timeout"; break;
  }
  return std::string(name) + ": " + message_;
}

}  // namespace pith
