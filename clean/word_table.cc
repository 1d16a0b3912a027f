#include "clean/word_table.h"

#include <algorithm>

namespace pith {

std::size_t WordTable::Find(std::string_view word) const {
  if (word.size() > longest_) return kMissing;
  thread_local std::string padded;
  padded.assign(word);
  padded.append(kPadding, '\0');
  return FindPadded(std::string_view(padded).substr(0, word.size()));
}

std::size_t WordTable::Add(std::string_view word) {
  if (word.empty()) return kMissing;
  if (const std::size_t known = Find(word); known != kMissing) return known;
  if (2 * (count_ + 1) > slots_.size()) {
    const std::vector<Slot> old = std::move(slots_);
    slots_.assign(std::max<std::size_t>(64, 2 * old.size()), Slot());
    for (const Slot& slot : old) {
      if (slot.length != 0) Insert(slot);
    }
  }
  const std::size_t offset = words_.size() - kPadding;
  words_.insert(offset, word);
  const std::uint64_t hash = HashPadded(std::string_view(words_).substr(offset, word.size()));
  const Slot slot{static_cast<std::uint32_t>(hash >> 32), static_cast<std::uint32_t>(offset),
                  static_cast<std::uint32_t>(word.size()), static_cast<std::uint32_t>(count_)};
  Insert(slot);
  longest_ = std::max(longest_, word.size());
  return count_++;
}

void WordTable::Insert(const Slot& slot) {
  const std::uint64_t hash = HashPadded(std::string_view(words_).substr(slot.offset, slot.length));
  std::size_t i = hash & (slots_.size() - 1);
  while (slots_[i].length != 0) i = (i + 1) & (slots_.size() - 1);
  slots_[i] = slot;
}

}  // namespace pith
