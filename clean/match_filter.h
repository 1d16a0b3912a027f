// What a rule pattern's matches must begin with or contain, read off its
// source, so that a line is matched only against the patterns it can match.
//
// Most line rules are anchored alternations of words ("^(?:share|tweet|...)"),
// and matching a line against ~150 of them costs PCRE2 about 10 ns a branch
// even when each fails at the first character; the rest look for a phrase
// anywhere ("may earn a commission"). A line's first characters leave a few
// of the first kind possible, one pass over the line a few of the second.

#ifndef PITH_CLEAN_MATCH_FILTER_H_
#define PITH_CLEAN_MATCH_FILTER_H_

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace pith {

// The longest prefix, in bytes of folded text, that MatchPrefixes returns.
inline constexpr std::size_t kMaxMatchPrefixBytes = 16;

// Strings, case-folded as FoldCase folds, such that every match of pattern
// (PCRE2 syntax, compiled with PCRE2_UTF | PCRE2_UCP, caseless or not), when
// the match starts at the beginning of the subject, has a folded form that
// begins with one of them. Empty when no such set is known: the pattern may
// begin with any character (a class of many, \d, \p{..}, '.'), can match the
// empty string, uses a construct this reader does not know (extended mode,
// back-references, conditionals, verbs), or the set would be too large.
// Ignoring lookarounds and atomic groups only makes the set larger, never
// wrong.
std::vector<std::string> MatchPrefixes(std::string_view pattern);

// Strings, case-folded as FoldCase folds, such that the folded form of
// every match of pattern (anywhere in the subject) contains one of them. Empty
// when no such set is known, as for MatchPrefixes; the set is chosen for its
// longest shortest string.
std::vector<std::string> RequiredLiterals(std::string_view pattern);

// Sets *out to the simple case folding (ICU u_foldCase, the equivalence
// PCRE2's caseless UCP matching uses) of text's leading characters, up to
// max_bytes bytes of folded text (the last character may be cut). text must be
// well-formed UTF-8.
void FoldCase(std::string_view text, std::size_t max_bytes, std::string* out);

// Pattern ids keyed by the prefixes their matches begin with.
class PrefixIndex {
 public:
  PrefixIndex();

  // Files id under each of prefixes (each at most kMaxMatchPrefixBytes long,
  // none empty). Call Index() after the last Add().
  void Add(const std::vector<std::string>& prefixes, std::uint32_t id);

  // Lays out what Add() filed for Candidates().
  void Index();

  // Appends to *ids (unsorted, without repeats) the id of every pattern one of
  // whose prefixes folded_line begins with; folded_line is FoldCase's output
  // for the line, at least kMaxMatchPrefixBytes long unless the line is shorter.
  // REQUIRES: Index() was called after the last Add().
  void Candidates(std::string_view folded_line, std::vector<std::uint32_t>* ids) const;

  bool empty() const { return nodes_.size() == 1; }

 private:
  // Children by byte (0: none): a node with many children, such as the root
  // and most nodes one byte below it, finds the next without a search.
  using Table = std::array<std::uint32_t, 256>;
  // A node with more children than this gets a Table.
  static constexpr std::size_t kMaxListedChildren = 8;

  // A node as Add() builds it.
  struct Node {
    std::vector<std::pair<unsigned char, std::uint32_t>> children;  // (byte, node)
    std::int32_t table = -1;          // its Table in tables_, if it has one
    std::vector<std::uint32_t> ids;  // patterns with a prefix ending here
  };
  std::uint32_t Child(std::uint32_t node, unsigned char byte) const;

  // A node as Index() lays it out for Candidates(): a line steps through
  // one such small record a byte, its children's bytes and its ids each in
  // one run of a shared array, rather than through a Node and the two
  // vectors it points to.
  struct Packed {
    std::int32_t table = -1;      // as Node::table
    std::uint32_t children = 0;   // its first in child_bytes_ and child_nodes_
    std::uint32_t ids = 0;        // its first in ids_
    std::uint16_t child_count = 0;
    std::uint16_t id_count = 0;
  };

  std::vector<Node> nodes_;  // nodes_[0] is the root, the empty prefix
  std::vector<Table> tables_;
  std::vector<Packed> packed_;  // by node
  std::vector<unsigned char> child_bytes_;
  std::vector<std::uint32_t> child_nodes_;
  std::vector<std::uint32_t> ids_;
};

// Pattern ids keyed by literals their matches contain.
class LiteralIndex {
 public:
  LiteralIndex();

  // Files id under each of literals (none empty).
  void Add(const std::vector<std::string>& literals, std::uint32_t id);

  // Appends to *ids (unsorted, without repeats) the id of every pattern one of
  // whose literals folded_line (FoldCase's output for the whole line)
  // contains. Literals of one or two bytes are looked for with memchr, the
  // rest in one pass over the line, a bit test a byte, and compared only
  // where the line holds their first three bytes.
  void Candidates(std::string_view folded_line, std::vector<std::uint32_t>* ids) const;

  bool empty() const { return count_ == 0; }

 private:
  // Literals filed under one of 65,536 bits, which a line's bytes where they
  // may begin select.
  class Shelf {
   public:
    // Files literal under bit; call Index() when done.
    void File(unsigned bit, std::string_view literal, std::uint32_t id);
    void Index();
    bool Has(unsigned bit) const { return (bits_[bit >> 6] >> (bit & 63) & 1) != 0; }
    // Adds to *ids those of the literals filed near bit that line holds from
    // at on.
    void Compare(unsigned bit, std::string_view line, std::size_t at, std::vector<std::uint32_t>* ids) const;

   private:
    struct Filed {
      unsigned bit;
      // The literal's first eight bytes (as a little-endian load gives them)
      // and the mask that keeps as many of a line's: literals filed alike
      // often share their first three bytes ("this site", "this page").
      std::uint64_t head, head_mask;
      std::string literal;
      std::uint32_t id;
    };
    std::array<std::uint64_t, 1024> bits_{};    // bit b: a literal is filed under b
    std::vector<Filed> filed_;                  // by bit, once indexed
    std::array<std::uint32_t, 1025> starts_{};  // filed_[starts_[w], starts_[w + 1]): bits in bits_[w]
  };
  // Literals of one or two bytes that begin with one byte.
  struct Short {
    char first;
    std::vector<std::uint32_t> ids;                      // of the literal "first"
    std::vector<std::pair<char, std::uint32_t>> pairs;  // (second byte, id)
  };

  // A hash into 16 bits of three bytes (a | b << 8 | c << 16).
  static unsigned Hash(std::uint32_t three) { return (three * 0x9E3779B1u) >> 16; }

  Shelf triples_;  // literals of three bytes or more, under Hash(the first three)
  // A shelf of two-byte literals would cost a second bit test a byte; memchr
  // finds their first byte faster, even the common ones ("ap").
  std::vector<Short> short_;
  std::size_t count_ = 0;
};

}  // namespace pith

#endif  // PITH_CLEAN_MATCH_FILTER_H_
