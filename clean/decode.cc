#include "clean/decode.h"

#include <iconv.h>
#include <uchardet.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <cerrno>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

#include "clean/text_util.h"

namespace pith {
namespace {

constexpr std::size_t kPrescanBytes = 1024;
constexpr std::size_t kSniffBytes = 64 * 1024;  // for the NUL pattern and uchardet
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// An encoding of the WHATWG Encoding Standard that pith reads: its canonical
// name, the glibc iconv charset that reads it as browsers do, and its labels.
struct Encoding {
  std::string_view name;
  const char* iconv_name;
  // Whether its non-ASCII letters may sit between ASCII letters, as accented
  // Latin ones do ("Bürger"); true also of the Unicode encodings.
  bool latin;
  std::string_view labels;  // separated by spaces
};

// The standard's "Names and labels" table, but for the replacement and
// x-user-defined encodings, which are not charsets text is written in; gbk is
// folded into gb18030.
constexpr Encoding kEncodings[] = {
    {"utf-8", "UTF-8", true, "unicode-1-1-utf-8 unicode11utf8 unicode20utf8 utf-8 utf8 x-unicode20utf8"},
    {"ibm866", "IBM866", false, "866 cp866 csibm866 ibm866"},
    {"iso-8859-2", "ISO-8859-2", true,
     "csisolatin2 iso-8859-2 iso-ir-101 iso8859-2 iso88592 iso_8859-2 iso_8859-2:1987 l2 latin2"},
    {"iso-8859-3", "ISO-8859-3", true,
     "csisolatin3 iso-8859-3 iso-ir-109 iso8859-3 iso88593 iso_8859-3 iso_8859-3:1988 l3 latin3"},
    {"iso-8859-4", "ISO-8859-4", true,
     "csisolatin4 iso-8859-4 iso-ir-110 iso8859-4 iso88594 iso_8859-4 iso_8859-4:1988 l4 latin4"},
    {"iso-8859-5", "ISO-8859-5", false,
     "csisolatincyrillic cyrillic iso-8859-5 iso-ir-144 iso8859-5 iso88595 iso_8859-5 "
     "iso_8859-5:1988"},
    {"iso-8859-6", "ISO-8859-6", false,
     "arabic asmo-708 csiso88596e csiso88596i csisolatinarabic ecma-114 iso-8859-6 iso-8859-6-e "
     "iso-8859-6-i iso-ir-127 iso8859-6 iso88596 iso_8859-6 iso_8859-6:1987"},
    {"iso-8859-7", "ISO-8859-7", false,
     "csisolatingreek ecma-118 elot_928 greek greek8 iso-8859-7 iso-ir-126 iso8859-7 iso88597 "
     "iso_8859-7 iso_8859-7:1987 sun_eu_greek"},
    {"iso-8859-8", "ISO-8859-8", false,
     "csiso88598e csisolatinhebrew hebrew iso-8859-8 iso-8859-8-e iso-ir-138 iso8859-8 iso88598 "
     "iso_8859-8 iso_8859-8:1988 visual"},
    {"iso-8859-8-i", "ISO-8859-8", false, "csiso88598i iso-8859-8-i logical"},
    {"iso-8859-10", "ISO-8859-10", true,
     "csisolatin6 iso-8859-10 iso-ir-157 iso8859-10 iso885910 l6 latin6"},
    {"iso-8859-13", "ISO-8859-13", true, "iso-8859-13 iso8859-13 iso885913"},
    {"iso-8859-14", "ISO-8859-14", true, "iso-8859-14 iso8859-14 iso885914"},
    {"iso-8859-15", "ISO-8859-15", true, "csisolatin9 iso-8859-15 iso8859-15 iso885915 iso_8859-15 l9"},
    {"iso-8859-16", "ISO-8859-16", true, "iso-8859-16"},
    {"koi8-r", "KOI8-R", false, "cskoi8r koi koi8 koi8-r koi8_r"},
    {"koi8-u", "KOI8-U", false, "koi8-ru koi8-u"},
    {"macintosh", "MACINTOSH", true, "csmacintosh mac macintosh x-mac-roman"},
    {"windows-874", "CP874", false, "dos-874 iso-8859-11 iso8859-11 iso885911 tis-620 windows-874"},
    {"windows-1250", "WINDOWS-1250", true, "cp1250 windows-1250 x-cp1250"},
    {"windows-1251", "WINDOWS-1251", false, "cp1251 windows-1251 x-cp1251"},
    {"windows-1252", "WINDOWS-1252", true,
     "ansi_x3.4-1968 ascii cp1252 cp819 csisolatin1 ibm819 iso-8859-1 iso-ir-100 iso8859-1 "
     "iso88591 iso_8859-1 iso_8859-1:1987 l1 latin1 us-ascii windows-1252 x-cp1252"},
    {"windows-1253", "WINDOWS-1253", false, "cp1253 windows-1253 x-cp1253"},
    {"windows-1254", "WINDOWS-1254", true,
     "cp1254 csisolatin5 iso-8859-9 iso-ir-148 iso8859-9 iso88599 iso_8859-9 iso_8859-9:1989 l5 "
     "latin5 windows-1254 x-cp1254"},
    {"windows-1255", "WINDOWS-1255", false, "cp1255 windows-1255 x-cp1255"},
    {"windows-1256", "WINDOWS-1256", false, "cp1256 windows-1256 x-cp1256"},
    {"windows-1257", "WINDOWS-1257", true, "cp1257 windows-1257 x-cp1257"},
    {"windows-1258", "WINDOWS-1258", true, "cp1258 windows-1258 x-cp1258"},
    {"x-mac-cyrillic", "MAC-CYRILLIC", false, "x-mac-cyrillic x-mac-ukrainian"},
    {"gb18030", "GB18030", false,
     "chinese csgb2312 csiso58gb231280 gb2312 gb_2312 gb_2312-80 gbk iso-ir-58 x-gbk gb18030"},
    {"big5", "BIG5-HKSCS", false, "big5 big5-hkscs cn-big5 csbig5 x-x-big5"},
    {"euc-jp", "EUC-JP", false, "cseucpkdfmtjapanese euc-jp x-euc-jp"},
    {"iso-2022-jp", "ISO-2022-JP", false, "csiso2022jp iso-2022-jp"},
    {"shift_jis", "CP932", false,
     "csshiftjis ms932 ms_kanji shift-jis shift_jis sjis windows-31j x-sjis"},
    {"euc-kr", "CP949", false,
     "cseuckr csksc56011987 euc-kr iso-ir-149 korean ks_c_5601-1987 ks_c_5601-1989 ksc5601 "
     "ksc_5601 windows-949"},
    {"utf-16be", "UTF-16BE", true, "unicodefffe utf-16be"},
    {"utf-16le", "UTF-16LE", true, "csunicode iso-10646-ucs-2 ucs-2 unicode unicodefeff utf-16 utf-16le"},
};

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

// A label as the standard's "get an encoding" compares it.
std::string NormalizedLabel(std::string_view label) {
  while (!label.empty() && IsAsciiSpace(label.front())) label.remove_prefix(1);
  while (!label.empty() && IsAsciiSpace(label.back())) label.remove_suffix(1);
  std::string key(label);
  for (char& c : key) c = AsciiLower(c);
  return key;
}

// The row of kEncodings with this name; a name not in the table does not
// compile (the read past the end is not a constant expression).
consteval const Encoding& EncodingNamed(std::string_view name) {
  std::size_t i = 0;
  while (i < std::size(kEncodings) && kEncodings[i].name != name) ++i;
  return kEncodings[i];
}

constexpr const Encoding& kUtf8 = EncodingNamed("utf-8");
constexpr const Encoding& kUtf16Le = EncodingNamed("utf-16le");
constexpr const Encoding& kUtf16Be = EncodingNamed("utf-16be");
constexpr const Encoding& kWindows1252 = EncodingNamed("windows-1252");

bool IsUtf16(const Encoding& e) { return &e == &kUtf16Le || &e == &kUtf16Be; }

// The encoding a label names (the standard's "get an encoding"), or null.
const Encoding* FindEncoding(std::string_view label) {
  static const auto* const kByLabel = [] {
    auto* map = new std::unordered_map<std::string_view, const Encoding*>;
    for (const Encoding& e : kEncodings) {
      std::string_view labels = e.labels;
      while (!labels.empty()) {
        const std::size_t space = labels.find(' ');
        (*map)[labels.substr(0, space)] = &e;
        labels.remove_prefix(space == std::string_view::npos ? labels.size() : space + 1);
      }
    }
    return map;
  }();
  const auto it = kByLabel->find(NormalizedLabel(label));
  return it == kByLabel->end() ? nullptr : it->second;
}

// The encoding a label in a <meta> or an XML declaration names: a page that
// a byte-wise scan can read is not UTF-16, and x-user-defined is read as
// windows-1252 (HTML Standard, "prescan a byte stream", step "Processing").
const Encoding* FindEncodingInPage(std::string_view label) {
  if (NormalizedLabel(label) == "x-user-defined") return &kWindows1252;
  const Encoding* e = FindEncoding(label);
  return e != nullptr && IsUtf16(*e) ? &kUtf8 : e;
}

// --- The HTML Standard's prescan -------------------------------------------

// The label that the standard's "algorithm for extracting a character
// encoding from a meta element" finds in s, a content attribute's value
// lower-cased (as GetAttribute gives it).
std::optional<std::string_view> CharsetLabelInContent(std::string_view s) {
  for (std::size_t pos = s.find("charset"); pos != std::string_view::npos;
       pos = s.find("charset", pos)) {
    pos += 7;
    while (pos < s.size() && IsAsciiSpace(s[pos])) ++pos;
    if (pos >= s.size() || s[pos] != '=') continue;
    ++pos;
    while (pos < s.size() && IsAsciiSpace(s[pos])) ++pos;
    if (pos >= s.size()) return std::nullopt;
    if (s[pos] == '"' || s[pos] == '\'') {
      const std::size_t close = s.find(s[pos], pos + 1);
      if (close == std::string_view::npos) return std::nullopt;
      return s.substr(pos + 1, close - pos - 1);
    }
    const std::size_t end = s.find_first_of("\t\n\f\r ;", pos);
    return s.substr(pos, end == std::string_view::npos ? end : end - pos);
  }
  return std::nullopt;
}

// The standard's "get an XML encoding": the encoding="..." of an XML
// declaration at the very start of s.
const Encoding* XmlDeclarationCharset(std::string_view s) {
  if (s.substr(0, 5) != "<?xml") return nullptr;
  const std::string_view decl = s.substr(0, s.find('>'));
  if (decl.size() == s.size()) return nullptr;  // no '>'
  std::size_t pos = decl.find("encoding");
  if (pos == std::string_view::npos) return nullptr;
  auto skip_controls_and_spaces = [&] {
    while (pos < decl.size() && static_cast<unsigned char>(decl[pos]) <= 0x20) ++pos;
  };
  pos += 8;
  skip_controls_and_spaces();
  if (pos >= decl.size() || decl[pos] != '=') return nullptr;
  ++pos;
  skip_controls_and_spaces();
  if (pos >= decl.size() || (decl[pos] != '"' && decl[pos] != '\'')) return nullptr;
  const std::size_t close = decl.find(decl[pos], pos + 1);
  if (close == std::string_view::npos) return nullptr;
  const std::string_view label = decl.substr(pos + 1, close - pos - 1);
  for (char c : label) {
    if (static_cast<unsigned char>(c) <= 0x20) return nullptr;
  }
  return FindEncodingInPage(label);
}

// The prescan's loop over the bytes, step by step as the standard writes it.
// Running out of bytes inside a tag or a comment ends the scan.
class Prescan {
 public:
  explicit Prescan(std::string_view s) : s_(s) {}

  // The encoding of the first <meta> that declares a known one, or null.
  const Encoding* Run() {
    while (pos_ < s_.size()) {
      const std::string_view rest = s_.substr(pos_);
      if (rest.substr(0, 4) == "<!--") {
        // The comment ends at the first "-->", whose dashes may be those of "<!--".
        const std::size_t end = s_.find("-->", pos_ + 2);
        if (end == std::string_view::npos) return nullptr;
        pos_ = end + 2;
      } else if (IsMetaStart(rest)) {
        pos_ += 6;
        bool ok = true;
        const Encoding* found = Meta(&ok);
        if (found != nullptr) return found;
        if (!ok) return nullptr;
      } else if (rest.size() >= 2 && rest[0] == '<' &&
                 (IsAsciiLetter(rest[1]) ||
                  (rest[1] == '/' && rest.size() >= 3 && IsAsciiLetter(rest[2])))) {
        while (pos_ < s_.size() && !IsAsciiSpace(s_[pos_]) && s_[pos_] != '>') ++pos_;
        if (pos_ >= s_.size()) return nullptr;
        Attribute attribute;
        Got got;
        do {
          got = GetAttribute(&attribute);
        } while (got == Got::kAttribute);
        if (got == Got::kEnd) return nullptr;
      } else if (rest.size() >= 2 && rest[0] == '<' &&
                 (rest[1] == '!' || rest[1] == '/' || rest[1] == '?')) {
        pos_ = s_.find('>', pos_ + 1);
        if (pos_ == std::string_view::npos) return nullptr;
      }
      ++pos_;  // the standard's "next byte"
    }
    return nullptr;
  }

 private:
  struct Attribute {
    std::string name;
    std::string value;
  };
  enum class Got { kAttribute, kNone, kEnd };

  static bool IsMetaStart(std::string_view rest) {
    if (rest.size() < 6) return false;
    for (std::size_t i = 0; i < 5; ++i) {
      if (AsciiLower(rest[i]) != "<meta"[i]) return false;
    }
    return IsAsciiSpace(rest[5]) || rest[5] == '/';
  }

  // Reads the attributes of a <meta> whose "<meta" has been read, and returns
  // the encoding it declares, or null. Sets *ok to false when the bytes end
  // inside the tag.
  const Encoding* Meta(bool* ok) {
    bool seen_http_equiv = false, seen_content = false, seen_charset = false;
    bool got_pragma = false;
    enum class Need { kUnset, kPragma, kNoPragma } need = Need::kUnset;
    const Encoding* charset = nullptr;  // null also for the standard's "failure"
    bool charset_set = false;
    Attribute a;
    Got got;
    while ((got = GetAttribute(&a)) == Got::kAttribute) {
      if (a.name == "http-equiv" && !seen_http_equiv) {
        seen_http_equiv = true;
        got_pragma = a.value == "content-type";
      } else if (a.name == "content" && !seen_content) {
        seen_content = true;
        const std::optional<std::string_view> label = CharsetLabelInContent(a.value);
        const Encoding* e = label ? FindEncodingInPage(*label) : nullptr;
        if (e != nullptr && !charset_set) {
          charset = e;
          charset_set = true;
          need = Need::kPragma;
        }
      } else if (a.name == "charset" && !seen_charset) {
        seen_charset = true;
        charset = FindEncodingInPage(a.value);
        charset_set = true;
        need = Need::kNoPragma;
      }
    }
    if (got == Got::kEnd) {
      *ok = false;
      return nullptr;
    }
    if (need == Need::kUnset || (need == Need::kPragma && !got_pragma) || charset == nullptr) {
      return nullptr;
    }
    return charset;
  }

  bool AtEnd() const { return pos_ >= s_.size(); }
  char Byte() const { return s_[pos_]; }

  // The standard's "get an attribute", with the name and value lower-cased.
  Got GetAttribute(Attribute* a) {
    a->name.clear();
    a->value.clear();
    while (!AtEnd() && (IsAsciiSpace(Byte()) || Byte() == '/')) ++pos_;
    if (AtEnd()) return Got::kEnd;
    if (Byte() == '>') return Got::kNone;
    // The name.
    for (;; ++pos_) {
      if (AtEnd()) return Got::kEnd;
      const char c = Byte();
      if (c == '=' && !a->name.empty()) break;
      if (IsAsciiSpace(c)) {
        while (!AtEnd() && IsAsciiSpace(Byte())) ++pos_;
        if (AtEnd()) return Got::kEnd;
        if (Byte() != '=') return Got::kAttribute;  // a name without a value
        break;
      }
      if (c == '/' || c == '>') return Got::kAttribute;
      a->name.push_back(AsciiLower(c));
    }
    ++pos_;  // past '='
    while (!AtEnd() && IsAsciiSpace(Byte())) ++pos_;
    if (AtEnd()) return Got::kEnd;
    // The value.
    const char first = Byte();
    if (first == '"' || first == '\'') {
      for (++pos_; !AtEnd(); ++pos_) {
        if (Byte() == first) {
          ++pos_;
          return Got::kAttribute;
        }
        a->value.push_back(AsciiLower(Byte()));
      }
      return Got::kEnd;
    }
    if (first == '>') return Got::kAttribute;
    for (; !AtEnd(); ++pos_) {
      if (IsAsciiSpace(Byte()) || Byte() == '>') return Got::kAttribute;
      a->value.push_back(AsciiLower(Byte()));
    }
    return Got::kEnd;
  }

  std::string_view s_;
  std::size_t pos_ = 0;
};

const Encoding* PrescanEncoding(std::string_view bytes) {
  const std::string_view head = bytes.substr(0, kPrescanBytes);
  if (head.substr(0, 6) == std::string_view("<\0?\0x\0", 6)) return &kUtf16Le;
  if (head.substr(0, 6) == std::string_view("\0<\0?\0x", 6)) return &kUtf16Be;
  if (const Encoding* e = Prescan(head).Run()) return e;
  return XmlDeclarationCharset(head);
}

// --- What the bytes say of themselves ---------------------------------------

enum class ByteOrder { kNone, kLittle, kBig };

struct Evidence {
  std::size_t multibyte = 0;   // well-formed UTF-8 sequences of 2 to 4 bytes
  std::size_t ill_formed = 0;  // ill-formed UTF-8 sequences (maximal subparts)
  bool escape = false;         // an ESC byte: ISO-2022-JP has no other trace
  ByteOrder utf16 = ByteOrder::kNone;
};

// The byte order of UTF-16 text without a byte order mark, from where its
// NUL bytes fall: the high byte of each character in U+0000-U+00FF (markup,
// digits, spaces, line breaks). kNone unless one character in 32 has one and
// the other position holds less than half as many NULs: binary data has
// NULs in both (UTF-32 exactly half as many), and CJK characters such as
// U+4E00 put a few in the other.
ByteOrder Utf16ByteOrder(std::string_view bytes) {
  const std::string_view sample = bytes.substr(0, kSniffBytes);
  std::size_t nul[2] = {0, 0};  // at even and at odd offsets
  for (std::size_t i = 0; i + 1 < sample.size(); i += 2) {
    nul[0] += sample[i] == '\0';
    nul[1] += sample[i + 1] == '\0';
  }
  const std::size_t units = sample.size() / 2;
  auto dominant = [units](std::size_t high, std::size_t other) {
    return high >= 2 && high * 32 >= units && other * 2 < high;
  };
  if (dominant(nul[1], nul[0])) return ByteOrder::kLittle;
  if (dominant(nul[0], nul[1])) return ByteOrder::kBig;
  return ByteOrder::kNone;
}

Evidence Examine(std::string_view bytes) {
  Evidence e;
  const auto* s = reinterpret_cast<const uint8_t*>(bytes.data());
  const auto n = static_cast<int64_t>(bytes.size());
  for (int64_t i = 0; i < n;) {
    // ASCII, most of most pages, is skipped eight bytes at a time.
    i = static_cast<int64_t>(AsciiRunEnd(bytes, static_cast<std::size_t>(i)));
    if (i == n) break;
    UChar32 c;
    U8_NEXT(s, i, n, c);
    ++(c < 0 ? e.ill_formed : e.multibyte);
  }
  e.escape = bytes.find('\x1B') != std::string_view::npos;
  // UTF-16 text is never mostly well-formed multi-byte UTF-8, while UTF-8
  // text may hold a NUL or two.
  if (e.multibyte <= e.ill_formed) e.utf16 = Utf16ByteOrder(bytes);
  return e;
}

bool LooksUtf8(const Evidence& e) {
  return e.multibyte > e.ill_formed || (e.ill_formed == 0 && !e.escape);
}

// True when the bytes unambiguously say they are not in encoding e (see the
// header for the rules).
bool Contradicts(const Evidence& evidence, const Encoding& e) {
  if (&e == &kUtf16Le) return evidence.utf16 != ByteOrder::kLittle;
  if (&e == &kUtf16Be) return evidence.utf16 != ByteOrder::kBig;
  if (evidence.utf16 != ByteOrder::kNone) return true;
  if (&e == &kUtf8) return evidence.ill_formed > evidence.multibyte;
  return evidence.multibyte > evidence.ill_formed;
}

// --- Conversion -------------------------------------------------------------

// An iconv converter from one encoding to UTF-8, closed when it goes out of
// scope. Each conversion opens its own (about a microsecond), so no state is
// shared between threads.
class Converter {
 public:
  explicit Converter(const Encoding& from)
      : cd_(iconv_open("UTF-8", from.iconv_name)), unit_(IsUtf16(from) ? 2 : 1) {}
  ~Converter() {
    if (ok()) iconv_close(cd_);
  }
  Converter(const Converter&) = delete;
  Converter& operator=(const Converter&) = delete;

  bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }

  // in as UTF-8; *replaced counts the ill-formed sequences read as U+FFFD.
  // REQUIRES: ok().
  std::string Convert(std::string_view in, std::size_t* replaced) {
    *replaced = 0;
    std::string out(in.size() + in.size() / 2 + 16, '\0');
    std::size_t used = 0;
    char* next = const_cast<char*>(in.data());  // iconv's signature; not written to
    std::size_t left = in.size();
    for (;;) {
      char* to = out.data() + used;
      std::size_t room = out.size() - used;
      const bool flushing = left == 0;  // a stateful decoder may hold a character back
      const std::size_t rc = flushing ? iconv(cd_, nullptr, nullptr, &to, &room)
                                      : iconv(cd_, &next, &left, &to, &room);
      used = static_cast<std::size_t>(to - out.data());
      if (rc != static_cast<std::size_t>(-1)) {
        if (flushing) break;
        continue;
      }
      if (errno == E2BIG) {
        out.resize(out.size() * 2);
        continue;
      }
      if (flushing) break;
      // EILSEQ: an ill-formed sequence, skipped a byte (a UTF-16 code unit) at
      // a time so that what follows it is read; EINVAL: a sequence cut off by
      // the end of the input, which is all that is left.
      const std::size_t skip = errno == EINVAL ? left : std::min(unit_, left);
      next += skip;
      left -= skip;
      ++*replaced;
      out.resize(used);
      out.append(kReplacement);
      used = out.size();
      out.resize(used + left + left / 2 + 16);
    }
    out.resize(used);
    return out;
  }

 private:
  iconv_t cd_;
  std::size_t unit_;
};

bool Readable(const Encoding& e) { return &e == &kUtf8 || Converter(e).ok(); }

DecodedText Read(std::string_view bytes, const Encoding& e, bool well_formed_utf8) {
  DecodedText out;
  out.charset = std::string(e.name);
  if (&e == &kUtf8) {
    out.utf8 = well_formed_utf8 ? std::string(bytes) : RepairUtf8(bytes);
    return out;
  }
  Converter converter(e);
  std::size_t replaced = 0;
  out.utf8 = converter.Convert(bytes, &replaced);
  return out;
}

// --- Detection --------------------------------------------------------------

// sample read as e, when that gives text: at most one in ten of its
// non-ASCII characters ill-formed or a C1 control (U+0080-U+009F), and, for
// a charset of a non-Latin script, at most one in ten sitting between two
// ASCII letters (English read as Shift_JIS turns "you\x92re" into "you" +
// a kanji + "e"); nullopt otherwise.
std::optional<std::string> ReadAsText(std::string_view sample, const Encoding& e) {
  Converter converter(e);
  std::size_t bad = 0;
  std::string text = converter.Convert(sample, &bad);
  std::size_t non_ascii = 0, inside_ascii_words = 0;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    if (lead < 0x80) {
      ++i;
      continue;
    }
    const std::size_t start = i;
    i += lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : 2;  // the converter wrote well-formed UTF-8
    ++non_ascii;
    bad += lead == 0xC2 && static_cast<unsigned char>(text[start + 1]) < 0xA0;  // C1
    const bool after_letter = start > 0 && IsAsciiLetter(text[start - 1]);
    const bool before_letter = i < text.size() && IsAsciiLetter(text[i]);
    inside_ascii_words += after_letter && before_letter;
  }
  if (bad * 10 > non_ascii) return std::nullopt;
  if (!e.latin && inside_ascii_words * 10 > non_ascii) return std::nullopt;
  return text;
}

// uchardet's reading of the bytes, when it is one to trust (see the header).
const Encoding* Detect(std::string_view bytes, const Evidence& evidence) {
  std::size_t start = 0;
  while (start < bytes.size() && static_cast<unsigned char>(bytes[start]) < 0x80 &&
         bytes[start] != '\x1B') {
    ++start;
  }
  const std::string_view sample = bytes.substr(start, kSniffBytes);
  if (sample.empty()) return nullptr;
  std::unique_ptr<uchardet, decltype(&uchardet_delete)> detector(uchardet_new(),
                                                                 &uchardet_delete);
  if (detector == nullptr ||
      uchardet_handle_data(detector.get(), sample.data(), sample.size()) != 0) {
    return nullptr;
  }
  uchardet_data_end(detector.get());
  const Encoding* e = FindEncoding(uchardet_get_charset(detector.get()));
  if (e == nullptr || Contradicts(evidence, *e) || !Readable(*e)) return nullptr;
  const std::optional<std::string> text = ReadAsText(sample, *e);
  if (!text) return nullptr;
  // uchardet often names windows-1250 or iso-8859-15 for English; when
  // windows-1252 reads the sample alike, it is the likelier charset.
  if (e != &kWindows1252 && ReadAsText(sample, kWindows1252) == text) return &kWindows1252;
  return e;
}

// The steps of DecodeHtml, with the <meta> prescan when html is true.
DecodedText Decode(std::string_view bytes, std::string_view declared, bool html) {
  if (bytes.substr(0, 3) == "\xEF\xBB\xBF") {
    bytes.remove_prefix(3);
    return Read(bytes, kUtf8, IsValidUtf8(bytes));
  }
  if (bytes.substr(0, 2) == "\xFF\xFE") return Read(bytes.substr(2), kUtf16Le, false);
  if (bytes.substr(0, 2) == "\xFE\xFF") return Read(bytes.substr(2), kUtf16Be, false);

  const Evidence evidence = Examine(bytes);
  const bool well_formed = evidence.ill_formed == 0;
  auto usable = [&](const Encoding* e) {
    return e != nullptr && !Contradicts(evidence, *e) && Readable(*e);
  };
  if (const Encoding* e = FindEncoding(declared); usable(e)) return Read(bytes, *e, well_formed);
  if (html) {
    if (const Encoding* e = PrescanEncoding(bytes); usable(e)) {
      return Read(bytes, *e, well_formed);
    }
  }
  if (evidence.utf16 == ByteOrder::kLittle) return Read(bytes, kUtf16Le, false);
  if (evidence.utf16 == ByteOrder::kBig) return Read(bytes, kUtf16Be, false);
  if (LooksUtf8(evidence)) return Read(bytes, kUtf8, well_formed);
  if (const Encoding* e = Detect(bytes, evidence)) return Read(bytes, *e, well_formed);
  if (Readable(kWindows1252)) return Read(bytes, kWindows1252, false);
  return Read(bytes, kUtf8, well_formed);  // only without glibc's gconv modules
}

}  // namespace

DecodedText DecodeHtml(std::string_view bytes, std::string_view declared) {
  return Decode(bytes, declared, /*html=*/true);
}

DecodedText DecodeText(std::string_view bytes, std::string_view declared) {
  return Decode(bytes, declared, /*html=*/false);
}

std::string PrescanMetaCharset(std::string_view head) {
  const Encoding* e = PrescanEncoding(head);
  return e == nullptr ? std::string() : std::string(e->name);
}

}  // namespace pith
