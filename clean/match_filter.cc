#include "clean/match_filter.h"

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <bit>
#include <cstring>
#include <utility>

#include "clean/text_util.h"

namespace pith {

namespace {

// Sets larger than this are cut shorter; patterns nested deeper are not read.
constexpr std::size_t kMaxPieces = 512;
constexpr int kMaxNesting = 32;
// Classes and ranges of more characters than this could begin with anything.
constexpr std::size_t kMaxClassChars = 64;
constexpr std::size_t kNone = static_cast<std::size_t>(-1);

// Of the matches of part of a pattern: a string they all begin with
// (complete == false), or the whole of one match (complete == true).
struct Piece {
  std::string text;
  bool complete = false;
  bool operator<(const Piece& other) const {
    return text != other.text ? text < other.text : complete < other.complete;
  }
  bool operator==(const Piece& other) const = default;
};

// What a part of a pattern matches: each of its matches is a complete piece
// or begins with an incomplete one. {("", incomplete)} says nothing.
using Info = std::vector<Piece>;

Info Anything() { return {Piece{"", false}}; }
Info EmptyString() { return {Piece{"", true}}; }

void AppendFolded(UChar32 c, std::string* out) {
  if (c < 0x80) {
    out->push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c));
    return;
  }
  char bytes[U8_MAX_LENGTH];
  std::size_t length = 0;
  U8_APPEND_UNSAFE(bytes, length, u_foldCase(c, U_FOLD_CASE_DEFAULT));
  out->append(bytes, length);
}

// Sorts, drops repeats and what an incomplete piece already says (every
// piece that begins with it), and cuts the pieces shorter while there are too
// many of them.
void Normalize(Info* info) {
  for (;;) {
    std::sort(info->begin(), info->end());
    Info kept;
    std::size_t cover = kNone;  // the index in kept of the last incomplete piece
    for (Piece& piece : *info) {
      if (cover != kNone && piece.text.starts_with(kept[cover].text)) continue;
      kept.push_back(std::move(piece));
      if (!kept.back().complete) cover = kept.size() - 1;
    }
    *info = std::move(kept);
    if (info->size() <= kMaxPieces) return;
    std::size_t longest = 0;
    for (const Piece& piece : *info) longest = std::max(longest, piece.text.size());
    if (longest <= 1) {
      *info = Anything();
      return;
    }
    for (Piece& piece : *info) {
      if (piece.text.size() > longest / 2) {
        piece.text.resize(longest / 2);
        piece.complete = false;
      }
    }
  }
}

Info Concat(const Info& first, const Info& second) {
  const auto complete = std::count_if(first.begin(), first.end(), [](const Piece& p) { return p.complete; });
  // A product too large to be kept is not made: each match begins with a
  // piece of first, whatever follows it.
  const bool product = static_cast<std::size_t>(complete) * second.size() <= kMaxPieces;
  Info out;
  for (const Piece& a : first) {
    if (!a.complete || !product) {
      out.push_back(Piece{a.text, false});
      continue;
    }
    for (const Piece& b : second) {
      Piece joined{a.text + b.text, b.complete};
      if (joined.text.size() > kMaxMatchPrefixBytes) {
        joined.text.resize(kMaxMatchPrefixBytes);
        joined.complete = false;
      }
      out.push_back(std::move(joined));
    }
  }
  Normalize(&out);
  return out;
}

Info Union(Info first, const Info& second) {
  first.insert(first.end(), second.begin(), second.end());
  Normalize(&first);
  return first;
}

// What a repetition of part matches, between min and max times (max < 0: no
// limit). Two or more times begins with one match of part.
Info Repeat(const Info& part, long min, long max) {
  if (max == 0) return EmptyString();
  Info once_or_more = part;
  if (max != 1) {
    for (Piece& piece : once_or_more) piece.complete = false;
    once_or_more = Union(std::move(once_or_more), part);
  }
  return min == 0 ? Union(std::move(once_or_more), EmptyString()) : once_or_more;
}

// A class escape whose members outside ASCII are known by their first byte.
struct KnownClass {
  const char* ascii;  // its ASCII members
  const char* leads;  // the first bytes of the others' UTF-8; none folds into ASCII
};

// The class escape \e, for \d, \s, \h and \v; null for the others. With
// PCRE2_UCP, \d is every decimal digit (650 of them) and \s every space; the
// first bytes were read off PCRE2, and match_filter_test checks them against
// it for every code point.
const KnownClass* KnownClassOf(char e) {
  static constexpr KnownClass kDigit{"0123456789", "\xD9\xDB\xDF\xE0\xE1\xEA\xEF\xF0"};
  static constexpr KnownClass kSpace{" \t\n\v\f\r", "\xC2\xE1\xE2\xE3"};
  static constexpr KnownClass kHorizontal{" \t", "\xC2\xE1\xE2\xE3"};
  static constexpr KnownClass kVertical{"\n\v\f\r", "\xC2\xE2"};
  switch (e) {
    case 'd': return &kDigit;
    case 's': return &kSpace;
    case 'h': return &kHorizontal;
    case 'v': return &kVertical;
    default: return nullptr;
  }
}

// What one character of a class matches: chars, folded, are whole matches;
// a member outside them begins with one of the bytes of leads, all that is
// known of it.
Info OneOf(const std::vector<UChar32>& chars, std::string_view leads = {}) {
  Info info;
  for (UChar32 c : chars) {
    Piece piece{"", true};
    AppendFolded(c, &piece.text);
    info.push_back(std::move(piece));
  }
  for (char lead : leads) info.push_back(Piece{std::string(1, lead), false});
  Normalize(&info);
  return info;
}

// Strings one of which every match contains, when known.
struct Required {
  bool known = false;
  std::vector<std::string> literals;  // sorted, none empty
};

// A set larger than this is no use as a filter.
constexpr std::size_t kMaxLiterals = 64;

// The texts of start's pieces: every match begins with one, so contains it.
Required FromStart(const Info& start) {
  Required required;
  if (start.size() > kMaxLiterals) return required;
  for (const Piece& piece : start) {
    if (piece.text.empty()) return Required();
    required.literals.push_back(piece.text);
  }
  std::sort(required.literals.begin(), required.literals.end());
  required.literals.erase(std::unique(required.literals.begin(), required.literals.end()),
                          required.literals.end());
  required.known = true;
  return required;
}

// The more selective of two sets: its shortest literal is longer, or it has
// fewer literals.
Required Better(Required a, Required b) {
  if (!a.known || !b.known) return a.known ? a : b;
  auto shortest = [](const Required& r) {
    std::size_t n = kMaxMatchPrefixBytes;
    for (const std::string& literal : r.literals) n = std::min(n, literal.size());
    return n;
  };
  const std::size_t sa = shortest(a), sb = shortest(b);
  if (sa != sb) return sa > sb ? a : b;
  return a.literals.size() <= b.literals.size() ? a : b;
}

// What the reader knows of part of a pattern.
struct Facts {
  Info start;         // what its matches begin with
  Required required;  // what its matches contain
};

Facts FactsOf(Info start) {
  Facts facts;
  facts.required = FromStart(start);
  facts.start = std::move(start);
  return facts;
}

bool AllComplete(const Info& info) {
  return std::all_of(info.begin(), info.end(), [](const Piece& p) { return p.complete; });
}

bool IsAsciiAlnum(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// A recursive-descent reader of the PCRE2 syntax rule patterns use. Anything
// it does not know makes it fail, and the pattern then goes unfiltered.
class Reader {
 public:
  explicit Reader(std::string_view pattern) : p_(pattern) {}

  bool Read(Facts* facts) {
    *facts = Alternation(0);
    return ok_ && pos_ == p_.size();
  }

 private:
  bool AtEnd() const { return pos_ >= p_.size(); }
  bool Fail() {
    ok_ = false;
    return false;
  }

  Facts Alternation(int depth) {
    if (depth > kMaxNesting) {
      Fail();
      return FactsOf(Anything());
    }
    Facts all = Sequence(depth);
    while (ok_ && !AtEnd() && p_[pos_] == '|') {
      ++pos_;
      Facts branch = Sequence(depth);
      all.start.insert(all.start.end(), branch.start.begin(), branch.start.end());
      // Each branch's literals, or none known if one branch has none.
      all.required.known &= branch.required.known;
      all.required.literals.insert(all.required.literals.end(), branch.required.literals.begin(),
                                   branch.required.literals.end());
    }
    Normalize(&all.start);
    auto& literals = all.required.literals;
    std::sort(literals.begin(), literals.end());
    literals.erase(std::unique(literals.begin(), literals.end()), literals.end());
    if (literals.size() > kMaxLiterals) all.required.known = false;
    if (!all.required.known) literals.clear();
    all.required = Better(std::move(all.required), FromStart(all.start));
    return all;
  }

  Facts Sequence(int depth) {
    Facts facts = FactsOf(EmptyString());
    // The atoms since the last one that can match more than a few strings:
    // every match holds a match of this run.
    Info run = EmptyString();
    while (ok_ && !AtEnd() && p_[pos_] != '|' && p_[pos_] != ')') {
      Facts atom;
      if (!Atom(depth, &atom)) break;
      long min = 1, max = 1;
      if (!Quantifier(&min, &max)) break;
      if (min != 1 || max != 1) {
        atom.start = Repeat(atom.start, min, max);
        atom.required = min == 0 ? Required() : std::move(atom.required);
      }
      facts.required = Better(std::move(facts.required), std::move(atom.required));
      run = Concat(run, atom.start);
      facts.required = Better(std::move(facts.required), FromStart(run));
      if (!AllComplete(run)) run = EmptyString();
      // Once no piece of the start is complete, what follows cannot change it.
      if (std::any_of(facts.start.begin(), facts.start.end(), [](const Piece& p) { return p.complete; })) {
        facts.start = Concat(facts.start, atom.start);
      }
    }
    return facts;
  }

  // Reads a quantifier, if one follows, with its lazy or possessive mark.
  bool Quantifier(long* min, long* max) {
    if (AtEnd()) return true;
    const char c = p_[pos_];
    if (c == '?' || c == '*' || c == '+') {
      ++pos_;
      *min = c == '+' ? 1 : 0;
      *max = c == '?' ? 1 : -1;
    } else if (c != '{' || !Braces(min, max)) {
      return true;
    }
    if (!AtEnd() && (p_[pos_] == '?' || p_[pos_] == '+')) ++pos_;
    if (!AtEnd() && (p_[pos_] == '?' || p_[pos_] == '*' || p_[pos_] == '+' || p_[pos_] == '{')) {
      return Fail();  // a quantifier of a quantifier: not a pattern we know
    }
    return true;
  }

  // {n}, {n,}, {n,m} at pos_; anything else is a literal '{'.
  bool Braces(long* min, long* max) {
    std::size_t i = pos_ + 1;
    auto number = [&](long* value) {
      const std::size_t start = i;
      *value = 0;
      while (i < p_.size() && p_[i] >= '0' && p_[i] <= '9' && i - start < 6) {
        *value = *value * 10 + (p_[i++] - '0');
      }
      return i > start;
    };
    long low = 0, high = 0;
    if (!number(&low)) return false;
    high = low;
    if (i < p_.size() && p_[i] == ',') {
      ++i;
      if (!number(&high)) high = -1;
    }
    if (i >= p_.size() || p_[i] != '}') return false;
    pos_ = i + 1;
    *min = low;
    *max = high;
    return true;
  }

  UChar32 NextChar() {
    UChar32 c = 0;
    U8_NEXT(p_.data(), pos_, p_.size(), c);
    return c;
  }

  bool Atom(int depth, Facts* out) {
    Info start;
    switch (p_[pos_]) {
      case '(':
        return Group(depth, out);
      case '[':
        if (!Class(&start)) return false;
        break;
      case '.':
        ++pos_;
        start = Anything();
        break;
      case '^':
      case '$':
        ++pos_;
        start = EmptyString();
        break;
      case '\\':
        if (!Escape(&start)) return false;
        break;
      case '*':
      case '+':
      case '?':
        return Fail();
      default: {
        const UChar32 literal = NextChar();
        if (literal < 0) return Fail();
        start = OneOf({literal});
        break;
      }
    }
    *out = FactsOf(std::move(start));
    return true;
  }

  bool Group(int depth, Facts* out) {
    ++pos_;  // '('
    bool zero_width = false;
    if (p_.substr(pos_).starts_with('*')) return Fail();  // verbs
    if (!AtEnd() && p_[pos_] == '?') {
      ++pos_;
      if (AtEnd()) return Fail();
      const std::string_view rest = p_.substr(pos_);
      if (rest.starts_with("=") || rest.starts_with("!")) {
        zero_width = true;
        ++pos_;
      } else if (rest.starts_with("<=") || rest.starts_with("<!")) {
        zero_width = true;
        pos_ += 2;
      } else if (rest.starts_with(":") || rest.starts_with(">") || rest.starts_with("|")) {
        ++pos_;
      } else if (rest.starts_with("#")) {
        const std::size_t close = p_.find(')', pos_);
        if (close == std::string_view::npos) return Fail();
        pos_ = close + 1;
        *out = FactsOf(EmptyString());
        return true;
      } else if (rest.starts_with("<") || rest.starts_with("P<") || rest.starts_with("'")) {
        const char close = rest[0] == '\'' ? '\'' : '>';
        const std::size_t end = p_.find(close, pos_ + (rest[0] == 'P' ? 2 : 1));
        if (end == std::string_view::npos) return Fail();
        pos_ = end + 1;
      } else {
        // Option letters: "(?i)" sets them for the rest of the group,
        // "(?i:...)" opens a group with them. Caseless or not, pieces are
        // folded; extended mode would change how the rest is read.
        while (!AtEnd() && std::string_view("imnsUJ^-").find(p_[pos_]) != std::string_view::npos) ++pos_;
        if (AtEnd()) return Fail();
        if (p_[pos_] == ')') {
          ++pos_;
          *out = FactsOf(EmptyString());
          return true;
        }
        if (p_[pos_] != ':') return Fail();
        ++pos_;
      }
    }
    Facts inner = Alternation(depth + 1);
    if (!ok_ || AtEnd() || p_[pos_] != ')') return Fail();
    ++pos_;
    *out = zero_width ? FactsOf(EmptyString()) : std::move(inner);
    return true;
  }

  // The character an escape inside or outside a class stands for, after the
  // backslash at pos_ - 1 and its letter at pos_: -1 when it stands for a
  // class of characters (\d, \p{..}), -2 when the reader does not know it.
  UChar32 EscapedChar() {
    const char e = p_[pos_++];
    switch (e) {
      case 'a': return 0x07;
      case 'e': return 0x1B;
      case 'f': return 0x0C;
      case 'n': return 0x0A;
      case 'r': return 0x0D;
      case 't': return 0x09;
      case 'd': case 'D': case 's': case 'S': case 'w': case 'W':
      case 'h': case 'H': case 'v': case 'V': case 'R': case 'X': case 'C':
        return -1;
      case 'N':
        return !AtEnd() && p_[pos_] == '{' ? -2 : -1;
      case 'p':
      case 'P':
        if (!AtEnd() && p_[pos_] == '{') {
          const std::size_t close = p_.find('}', pos_);
          if (close == std::string_view::npos) return -2;
          pos_ = close + 1;
        } else if (!AtEnd()) {
          ++pos_;
        }
        return -1;
      case 'x': {
        UChar32 value = 0;
        if (!AtEnd() && p_[pos_] == '{') {
          const std::size_t close = p_.find('}', pos_);
          if (close == std::string_view::npos || close == pos_ + 1 || close - pos_ > 7) return -2;
          for (std::size_t i = pos_ + 1; i < close; ++i) {
            if (HexValue(p_[i]) < 0) return -2;
            value = value * 16 + HexValue(p_[i]);
          }
          pos_ = close + 1;
        } else {
          for (int digits = 0; digits < 2 && !AtEnd() && HexValue(p_[pos_]) >= 0; ++digits) {
            value = value * 16 + HexValue(p_[pos_++]);
          }
        }
        return value <= 0x10FFFF ? value : -2;
      }
      default:
        break;
    }
    if (IsAsciiAlnum(e)) return -2;  // back-references, \c, \g, \k, \o, ...
    --pos_;
    const UChar32 c = NextChar();
    return c < 0 ? -2 : c;
  }

  bool Escape(Info* out) {
    ++pos_;  // '\\'
    if (AtEnd()) return Fail();
    const char e = p_[pos_];
    if (e == 'Q') {
      const std::size_t end = p_.find("\\E", pos_ + 1);
      const std::string_view quoted = p_.substr(pos_ + 1, end == std::string_view::npos ? std::string_view::npos : end - pos_ - 1);
      pos_ = end == std::string_view::npos ? p_.size() : end + 2;
      *out = EmptyString();
      for (std::size_t i = 0; i < quoted.size();) {
        UChar32 c = 0;
        U8_NEXT(quoted.data(), i, quoted.size(), c);
        if (c < 0) return Fail();
        AppendFolded(c, &(*out)[0].text);
      }
      return true;
    }
    if (std::string_view("EbBAzZGK").find(e) != std::string_view::npos) {
      ++pos_;
      *out = EmptyString();
      return true;
    }
    if (const KnownClass* known = KnownClassOf(e)) {
      ++pos_;
      const std::string_view ascii = known->ascii;
      *out = OneOf(std::vector<UChar32>(ascii.begin(), ascii.end()), known->leads);
      return true;
    }
    const UChar32 c = EscapedChar();
    if (c == -2) return Fail();
    *out = c == -1 ? Anything() : OneOf({c});
    return true;
  }

  // [...]: the folded characters it holds when they are few, else Anything.
  bool Class(Info* out) {
    ++pos_;  // '['
    bool negated = false, many = false;
    if (!AtEnd() && p_[pos_] == '^') {
      negated = true;
      ++pos_;
    }
    std::vector<UChar32> chars;
    std::string leads;  // of the members outside ASCII that class escapes bring
    bool first = true;
    for (;;) {
      if (AtEnd()) return Fail();
      if (p_[pos_] == ']' && !first) {
        ++pos_;
        break;
      }
      first = false;
      if (p_.substr(pos_).starts_with("[:")) {
        const std::size_t close = p_.find(":]", pos_ + 2);
        if (close == std::string_view::npos) return Fail();
        pos_ = close + 2;
        many = true;
        continue;
      }
      if (p_[pos_] == '\\' && pos_ + 1 < p_.size()) {
        if (const KnownClass* known = KnownClassOf(p_[pos_ + 1])) {
          pos_ += 2;
          const std::string_view ascii = known->ascii;
          chars.insert(chars.end(), ascii.begin(), ascii.end());
          leads += known->leads;
          continue;
        }
      }
      UChar32 low = 0;
      if (!ClassChar(&low)) return false;
      if (low == -1) {
        many = true;
        continue;
      }
      UChar32 high = low;
      if (pos_ + 1 < p_.size() && p_[pos_] == '-' && p_[pos_ + 1] != ']') {
        ++pos_;
        if (!ClassChar(&high)) return false;
        if (high == -1) return Fail();  // "a-\d" is an error in PCRE2 anyway
      }
      if (high < low) return Fail();
      if (static_cast<std::size_t>(high - low) >= kMaxClassChars) {
        many = true;
        continue;
      }
      for (UChar32 c = low; c <= high; ++c) chars.push_back(c);
    }
    if (negated || many || chars.size() > kMaxClassChars) {
      *out = Anything();
      return true;
    }
    *out = OneOf(chars, leads);
    return true;
  }

  // One character of a class into *c, -1 for a class escape (\d, \p{..}).
  bool ClassChar(UChar32* c) {
    if (p_[pos_] != '\\') {
      *c = NextChar();
      return *c >= 0 || Fail();
    }
    ++pos_;
    if (AtEnd()) return Fail();
    if (p_[pos_] == 'b') {  // a backspace inside a class
      ++pos_;
      *c = 0x08;
      return true;
    }
    if (p_[pos_] == 'Q' || p_[pos_] == 'E') return Fail();
    *c = EscapedChar();
    return *c != -2 || Fail();
  }

  std::string_view p_;
  std::size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace

std::vector<std::string> MatchPrefixes(std::string_view pattern) {
  Facts facts;
  if (!Reader(pattern).Read(&facts)) return {};
  std::vector<std::string> prefixes;
  for (Piece& piece : facts.start) {
    if (piece.text.empty()) return {};
    // Sorted: a string that begins with the last one kept adds nothing.
    if (!prefixes.empty() && piece.text.starts_with(prefixes.back())) continue;
    prefixes.push_back(std::move(piece.text));
  }
  return prefixes;
}

std::vector<std::string> RequiredLiterals(std::string_view pattern) {
  Facts facts;
  if (!Reader(pattern).Read(&facts) || !facts.required.known) return {};
  return facts.required.literals;
}

void FoldCase(std::string_view text, std::size_t max_bytes, std::string* out) {
  out->clear();
  std::size_t i = 0;
  while (i < text.size() && out->size() < max_bytes) {
    // A run of ASCII is lowered in one go (its folding).
    const std::size_t room = max_bytes - out->size();
    const std::size_t end = i + std::min(AsciiRunEnd(text, i) - i, room);
    if (end > i) {
      AppendLowerAscii(text.substr(i, end - i), out);
      i = end;
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(text.data(), i, text.size(), c);
    AppendFolded(c < 0 ? 0xFFFD : c, out);
  }
  if (out->size() > max_bytes) out->resize(max_bytes);
}

PrefixIndex::PrefixIndex() : nodes_(1), tables_(1) {
  nodes_[0].table = 0;
  Index();
}

std::uint32_t PrefixIndex::Child(std::uint32_t node, unsigned char byte) const {
  const Node& n = nodes_[node];
  if (n.table >= 0) return tables_[n.table][byte];
  for (const auto& [b, child] : n.children) {
    if (b == byte) return child;
  }
  return 0;
}

void PrefixIndex::Add(const std::vector<std::string>& prefixes, std::uint32_t id) {
  for (const std::string& prefix : prefixes) {
    std::uint32_t node = 0;
    for (const char ch : prefix) {
      const auto byte = static_cast<unsigned char>(ch);
      if (const std::uint32_t child = Child(node, byte); child != 0) {
        node = child;
        continue;
      }
      const auto next = static_cast<std::uint32_t>(nodes_.size());
      nodes_.emplace_back();
      Node& parent = nodes_[node];
      parent.children.emplace_back(byte, next);
      if (parent.table < 0 && parent.children.size() > kMaxListedChildren) {
        parent.table = static_cast<std::int32_t>(tables_.size());
        tables_.emplace_back();
        for (const auto& [b, child] : parent.children) tables_.back()[b] = child;
      } else if (parent.table >= 0) {
        tables_[parent.table][byte] = next;
      }
      node = next;
    }
    auto& ids = nodes_[node].ids;
    if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  }
}

void PrefixIndex::Index() {
  packed_.assign(nodes_.size(), Packed());
  child_bytes_.clear();
  child_nodes_.clear();
  ids_.clear();
  for (std::size_t i = 0; i < nodes_.size(); ++i) {
    const Node& node = nodes_[i];
    Packed& packed = packed_[i];
    packed.table = node.table;
    packed.children = static_cast<std::uint32_t>(child_bytes_.size());
    if (node.table < 0) {
      packed.child_count = static_cast<std::uint16_t>(node.children.size());
      for (const auto& [byte, child] : node.children) {
        child_bytes_.push_back(byte);
        child_nodes_.push_back(child);
      }
    }
    packed.ids = static_cast<std::uint32_t>(ids_.size());
    packed.id_count = static_cast<std::uint16_t>(node.ids.size());
    ids_.insert(ids_.end(), node.ids.begin(), node.ids.end());
  }
}

void PrefixIndex::Candidates(std::string_view folded_line, std::vector<std::uint32_t>* ids) const {
  std::uint32_t node = 0;
  for (const char ch : folded_line) {
    const auto byte = static_cast<unsigned char>(ch);
    const Packed& at = packed_[node];
    node = 0;
    if (at.table >= 0) {
      node = tables_[at.table][byte];
    } else {
      for (std::uint32_t k = at.children; k < at.children + at.child_count; ++k) {
        if (child_bytes_[k] == byte) {
          node = child_nodes_[k];
          break;
        }
      }
    }
    if (node == 0) return;
    const Packed& reached = packed_[node];
    for (std::uint32_t k = reached.ids; k < reached.ids + reached.id_count; ++k) {
      const std::uint32_t id = ids_[k];
      if (std::find(ids->begin(), ids->end(), id) == ids->end()) ids->push_back(id);
    }
  }
}

LiteralIndex::LiteralIndex() = default;

namespace {

void AddOnce(std::uint32_t id, std::vector<std::uint32_t>* ids) {
  if (std::find(ids->begin(), ids->end(), id) == ids->end()) ids->push_back(id);
}

// The first eight bytes of s as a little-endian load gives them, zeros past
// its end.
std::uint64_t LoadHead(std::string_view s) {
  std::uint64_t head = 0;
  if (s.size() >= 8 && std::endian::native == std::endian::little) {
    std::memcpy(&head, s.data(), 8);
    return head;
  }
  const std::size_t n = std::min<std::size_t>(s.size(), 8);
  for (std::size_t i = 0; i < n; ++i) head |= std::uint64_t{static_cast<unsigned char>(s[i])} << 8 * i;
  return head;
}

}  // namespace

void LiteralIndex::Shelf::File(unsigned bit, std::string_view literal, std::uint32_t id) {
  bits_[bit >> 6] |= std::uint64_t{1} << (bit & 63);
  const std::size_t head_bytes = std::min<std::size_t>(literal.size(), 8);
  const std::uint64_t head_mask = head_bytes == 8 ? ~std::uint64_t{0} : (std::uint64_t{1} << 8 * head_bytes) - 1;
  filed_.push_back(Filed{bit, LoadHead(literal), head_mask, std::string(literal), id});
}

void LiteralIndex::Shelf::Index() {
  std::stable_sort(filed_.begin(), filed_.end(), [](const Filed& a, const Filed& b) { return a.bit < b.bit; });
  std::size_t next = 0;
  for (std::size_t word = 0; word <= bits_.size(); ++word) {
    while (next < filed_.size() && filed_[next].bit >> 6 < word) ++next;
    starts_[word] = static_cast<std::uint32_t>(next);
  }
}

void LiteralIndex::Shelf::Compare(unsigned bit, std::string_view line, std::size_t at,
                                  std::vector<std::uint32_t>* ids) const {
  const std::string_view rest = line.substr(at);
  const std::uint64_t head = LoadHead(rest);
  for (std::uint32_t i = starts_[bit >> 6]; i < starts_[(bit >> 6) + 1]; ++i) {
    const Filed& filed = filed_[i];
    if ((head & filed.head_mask) == filed.head && rest.starts_with(filed.literal)) AddOnce(filed.id, ids);
  }
}

void LiteralIndex::Add(const std::vector<std::string>& literals, std::uint32_t id) {
  for (const std::string& literal : literals) {
    ++count_;
    if (literal.size() > 2) {
      const auto byte = [&](std::size_t i) { return static_cast<std::uint32_t>(static_cast<unsigned char>(literal[i])); };
      triples_.File(Hash(byte(0) | byte(1) << 8 | byte(2) << 16), literal, id);
      continue;
    }
    auto known = std::find_if(short_.begin(), short_.end(), [&](const Short& s) { return s.first == literal[0]; });
    if (known == short_.end()) known = short_.insert(short_.end(), Short{literal[0], {}, {}});
    if (literal.size() == 1) {
      AddOnce(id, &known->ids);
    } else {
      known->pairs.emplace_back(literal[1], id);
    }
  }
  triples_.Index();
}

void LiteralIndex::Candidates(std::string_view folded_line, std::vector<std::uint32_t>* ids) const {
  const char* begin = folded_line.data();
  const char* end = begin + folded_line.size();
  for (const Short& s : short_) {
    const char* at = static_cast<const char*>(std::memchr(begin, s.first, end - begin));
    if (at == nullptr) continue;
    for (std::uint32_t id : s.ids) AddOnce(id, ids);
    if (s.pairs.empty()) continue;
    for (; at != nullptr && at + 1 < end; at = static_cast<const char*>(std::memchr(at + 1, s.first, end - at - 1))) {
      for (const auto& [second, id] : s.pairs) {
        if (at[1] == second) AddOnce(id, ids);
      }
    }
  }
  const auto* bytes = reinterpret_cast<const unsigned char*>(begin);
  const std::size_t n = folded_line.size();
  if (n < 3) return;
  const auto look = [&](std::size_t i, std::uint32_t three) {
    if (const unsigned hash = Hash(three); triples_.Has(hash)) triples_.Compare(hash, folded_line, i, ids);
  };
  // Each position loads its own bytes: carrying two from the last one would
  // chain every step to the one before.
  std::size_t i = 0;
  if constexpr (std::endian::native == std::endian::little) {
    for (; i + 4 <= n; ++i) {
      std::uint32_t four;
      std::memcpy(&four, bytes + i, 4);
      look(i, four & 0xFFFFFF);
    }
  }
  for (; i + 3 <= n; ++i) look(i, bytes[i] | bytes[i + 1] << 8 | bytes[i + 2] << 16);
}

}  // namespace pith
