// Bytes in any charset to UTF-8: the first step of cleaning a record.

#ifndef PITH_CLEAN_DECODE_H_
#define PITH_CLEAN_DECODE_H_

#include <string>
#include <string_view>

namespace pith {

// A record's text as UTF-8, and the charset it was read in.
struct DecodedText {
  // Well-formed UTF-8 without a byte order mark. NUL bytes and other control
  // characters of the input are kept as they are.
  std::string utf8;
  // The canonical name of the charset the bytes were read in: the WHATWG
  // Encoding Standard's name, lower-cased, except that "gbk" is reported as
  // "gb18030" (the WHATWG gbk decoder is the gb18030 one). One of: utf-8,
  // utf-16le, utf-16be, ibm866, iso-8859-{2,3,4,5,6,7,8,8-i,10,13,14,15,16},
  // koi8-r, koi8-u, macintosh, windows-874, windows-125{0..8},
  // x-mac-cyrillic, gb18030, big5, euc-jp, iso-2022-jp, shift_jis, euc-kr.
  // Input that is pure ASCII and names no charset is reported as "utf-8".
  std::string charset;
};

// Decodes an HTML page. declared is the charset the transport stated
// (RawPage::charset: an HTTP Content-Type or a WARC record's), "" when none.
// The charset is the first of these that names one pith can read:
//
//   1. a byte order mark (UTF-8, UTF-16LE, UTF-16BE); it always wins and is
//      removed;
//   2. declared;
//   3. the <meta> prescan of the first 1024 bytes (PrescanMetaCharset);
//   4. detection: the NUL bytes of UTF-16 without a byte order mark (in the
//      first 64 KiB, at least one character in 32 in U+0000-U+00FF, and
//      less than half as many NULs in the low byte's position as in the
//      high byte's), unless the bytes are mostly well-formed UTF-8 (below);
//      then UTF-8; then uchardet on at most 64 KiB, starting at the first
//      byte that is not ASCII (or ESC, for ISO-2022-JP);
//   5. windows-1252.
//
// Labels (of steps 2 and 3) are matched as the WHATWG Encoding Standard
// says: ASCII case-insensitively, surrounding white space ignored, so that
// "latin1", "iso-8859-1" and "ascii" mean windows-1252, "x-sjis" means
// shift_jis and "gb2312" means gb18030. A label outside the standard
// ("utf8mb4", "none"), one of its replacement encoding (iso-2022-kr,
// hz-gb-2312, ...), x-user-defined from the transport, or one the C
// library's iconv cannot open, names nothing, and the next step decides.
//
// The bytes overrule a label (of step 2 or 3) that they unambiguously
// contradict, and the next step decides instead:
//  - a UTF-8 label, when the bytes hold more ill-formed UTF-8 sequences
//    than well-formed multi-byte ones: a page in windows-1251 served as
//    UTF-8 is read as windows-1251, while a UTF-8 page with a stray Latin-1
//    byte or cut off mid-character stays UTF-8 (the stray byte becomes
//    U+FFFD);
//  - any other label, when the bytes hold more well-formed multi-byte UTF-8
//    sequences than ill-formed ones (the page was re-encoded to UTF-8 and
//    kept its old <meta>, or its server states a stale default): no real
//    text in a legacy charset reads as UTF-8 by chance;
//  - any label, when the bytes have the NUL pattern of UTF-16 in another
//    byte order than the label's (or none, for a UTF-16 label).
// The same rule settles step 4: the bytes are UTF-8 when they hold more
// well-formed multi-byte sequences than ill-formed ones, or when they are
// well-formed and hold no ESC byte. uchardet's answer counts only when it
// is a WHATWG encoding (for English in windows-1252 it often answers
// MAC-CENTRALEUROPE or IBM852, which no browser reads), the bytes do not
// contradict it, and its reading of the sample looks like text: at most one
// in ten non-ASCII characters ill-formed or a C1 control (U+0080-U+009F,
// which text never holds: curly quotes read as ISO-8859-7 are C1), and, for
// a charset of a non-Latin script, at most one in ten inside a word of
// ASCII letters ("They\x92ll" read as Shift_JIS puts a kanji there). An
// answer that reads the sample as windows-1252 does is reported as
// windows-1252 (uchardet names windows-1250 or iso-8859-2 for much English).
// The devset's 976 English text dumps that windows-1252 can encode, so
// encoded, decode exactly in 966 cases (uchardet's bare answer: 892); the
// rest are mostly pages whose few accented letters ("São", "Londoño")
// uchardet takes for windows-1250, a reading the bytes cannot refute.
//
// Conversion is glibc's iconv, with the code pages browsers use for the
// WHATWG names: shift_jis is read as Windows-31J (0x5C is a backslash, not
// a yen sign), big5 as Big5-HKSCS, euc-kr as Windows-949, iso-8859-8-i as
// iso-8859-8. Each ill-formed sequence becomes one U+FFFD (for UTF-16, each
// bad code unit), a sequence cut off by the end of the input one U+FFFD,
// and conversion goes on after it: nothing is dropped. Bytes that glibc
// leaves undefined but WHATWG maps (0x81, 0x8D, 0x8F, 0x90, 0x9D of
// windows-1252; 0x80 of gb18030) also become U+FFFD.
//
// Never fails: any bytes, empty ones included, give well-formed UTF-8.
// Keeps no state: safe to call from any number of threads at once. Time is
// linear in the input; well-formed UTF-8 is copied once and not converted.
DecodedText DecodeHtml(std::string_view bytes, std::string_view declared);

// Decodes a text dump, as DecodeHtml does but without step 3: a text dump
// has no <meta>, and a "<meta charset>" in its text is not a declaration.
DecodedText DecodeText(std::string_view bytes, std::string_view declared);

// The canonical charset (as DecodedText::charset) that the HTML Standard's
// "prescan a byte stream to determine its encoding" finds in the first 1024
// bytes of head, or "" when it finds none. Follows the standard step by
// step: <meta charset=...>, or <meta http-equiv=content-type
// content="...charset=..."> (both attributes needed, in any order; the
// first of a repeated attribute counts), skipping comments, other tags with
// their attribute values, and <!...>, </...>, <?...> constructs; the first
// <meta> that names a known charset wins, one naming an unknown label is
// passed over. A meta naming utf-16 (le or be) gives "utf-8" and one naming
// x-user-defined "windows-1252", as the standard says: a page a byte-wise
// scan could read is not UTF-16. "<\0?\0x\0" (a UTF-16 XML declaration) at
// the start gives "utf-16le", "\0<\0?\0x" "utf-16be". When no <meta>
// answers, the encoding="..." of an XML declaration at the very start
// counts. A construct cut off by the 1024-byte limit ends the scan.
std::string PrescanMetaCharset(std::string_view head);

}  // namespace pith

#endif  // PITH_CLEAN_DECODE_H_
