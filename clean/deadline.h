// The time a record's cleaning may take (CleanOptions::max_clean_ms).

#ifndef PITH_CLEAN_DEADLINE_H_
#define PITH_CLEAN_DEADLINE_H_

#include <chrono>
#include <cstdint>
#include <string>

#include "pith/pith.h"

namespace pith {

// Started when constructed; cheap to ask (one clock read), so a cleaning
// asks it between its stages.
class Deadline {
 public:
  // ms == 0: never passes. (Beyond a year it never passes either, and the
  // clock's arithmetic cannot overflow.)
  explicit Deadline(std::uint64_t ms)
      : ms_(ms < kYearMs ? ms : 0),
        end_(std::chrono::steady_clock::now() +
             std::chrono::milliseconds(static_cast<std::int64_t>(ms_))) {}

  bool Passed() const { return ms_ != 0 && std::chrono::steady_clock::now() >= end_; }

  // The error of a record given up: "cleaning took over N ms (the time cap)".
  Status Error() const {
    return Status::Timeout("cleaning took over " + std::to_string(ms_) + " ms (the time cap)");
  }

 private:
  static constexpr std::uint64_t kYearMs = std::uint64_t{365} * 24 * 3600 * 1000;
  std::uint64_t ms_;
  std::chrono::steady_clock::time_point end_;
};

}  // namespace pith

#endif  // PITH_CLEAN_DEADLINE_H_
