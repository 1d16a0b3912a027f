// A set of words looked up on every word of every page: the stopwords, the
// words of dates.

#ifndef PITH_CLEAN_WORD_TABLE_H_
#define PITH_CLEAN_WORD_TABLE_H_

#include <bit>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace pith {

// Words, each numbered by the order in which it was first added. A flat
// table probed in place (open addressing, at most half full), each slot
// holding part of its word's hash, so that a word is compared byte by byte
// only with a word that is almost surely itself. Words are bytes: the caller
// folds case (and anything else) alike when adding and looking up.
class WordTable {
 public:
  // What Find() returns for a word the table does not hold.
  static constexpr std::size_t kMissing = static_cast<std::size_t>(-1);

  // The bytes that FindPadded() may read past a word's end.
  static constexpr std::size_t kPadding = 7;

  // The number of word (0 for the first word added, 1 for the next...), or
  // kMissing.
  std::size_t Find(std::string_view word) const;

  // The same, faster. REQUIRES: kPadding readable bytes follow word (their
  // values do not matter): words are read eight bytes at a time.
  std::size_t FindPadded(std::string_view word) const {
    if (word.empty() || word.size() > longest_) return kMissing;
    const std::uint64_t hash = HashPadded(word);
    const auto tag = static_cast<std::uint32_t>(hash >> 32);
    const std::size_t mask = slots_.size() - 1;
    for (std::size_t i = hash & mask;; i = (i + 1) & mask) {
      const Slot& slot = slots_[i];
      if (slot.length == 0) return kMissing;
      if (slot.tag == tag && slot.length == word.size() &&
          SameBytes(words_.data() + slot.offset, word)) {
        return slot.number;
      }
    }
  }
  bool Contains(std::string_view word) const { return Find(word) != kMissing; }

  // The hash the table files words by, which serves to hash other short
  // texts too (a page's lines). REQUIRES: kPadding readable bytes follow
  // bytes.
  static std::uint64_t HashPadded(std::string_view bytes) {
    std::uint64_t h = bytes.size();
    for (std::size_t i = 0; i < bytes.size(); i += 8) {
      h = (h ^ Packed(bytes.data() + i, bytes.size() - i)) * 0x9E3779B97F4A7C15ull;
      h ^= h >> 29;
    }
    return h;
  }

  // Adds word unless the table holds it; returns its number. The empty word
  // is never held: adding it returns kMissing.
  std::size_t Add(std::string_view word);

  // The number of words held.
  std::size_t size() const { return count_; }
  bool empty() const { return count_ == 0; }

 private:
  struct Slot {
    std::uint32_t tag = 0;     // the high half of the word's hash
    std::uint32_t offset = 0;  // of the word in words_
    std::uint32_t length = 0;  // 0: a free slot
    std::uint32_t number = 0;  // see Find()
  };

  // The n bytes at p (n <= 8) as one number, read as one load: a word's
  // hash and its comparison take no loop over its bytes, nor a branch
  // mispredicted on its length. REQUIRES: 8 bytes at p are readable.
  static std::uint64_t Packed(const char* p, std::size_t n) {
    std::uint64_t packed;
    std::memcpy(&packed, p, 8);
    if constexpr (std::endian::native == std::endian::big) packed = __builtin_bswap64(packed);
    return n >= 8 ? packed : packed & ((std::uint64_t{1} << 8 * n) - 1);
  }
  static bool SameBytes(const char* a, std::string_view b) {
    for (std::size_t i = 0; i < b.size(); i += 8) {
      if (Packed(a + i, b.size() - i) != Packed(b.data() + i, b.size() - i)) return false;
    }
    return true;
  }
  void Insert(const Slot& slot);

  std::vector<Slot> slots_ = std::vector<Slot>(1);  // a power of two of them
  // Every word, one after the other, then kPadding bytes.
  std::string words_ = std::string(kPadding, '\0');
  std::size_t count_ = 0;
  std::size_t longest_ = 0;  // bytes; no longer word is looked for
};

}  // namespace pith

#endif  // PITH_CLEAN_WORD_TABLE_H_
