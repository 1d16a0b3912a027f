// Tests for clean/decode.h: which charset a record is read in, and how.
//
// The pages under fixtures/encodings/ were written in UTF-8 (src/) and
// encoded with glibc's iconv by fixtures/encodings/generate.sh; each must
// decode back to its source. Byte strings written inline below were made
// with iconv too, and the expected readings checked against the code charts.

#define BOOST_TEST_MODULE decode
#include <boost/test/unit_test.hpp>

#include <cstddef>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "clean/decode.h"
#include "clean/text_util.h"

namespace pith {
namespace {

std::string ReadFile(const std::string& name) {
  const std::string path = std::string(PITH_SOURCE_DIR) + "/fixtures/encodings/" + name;
  std::ifstream in(path, std::ios::binary);
  BOOST_TEST_REQUIRE(in.good(), "cannot open " << path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

// The UTF-8 source of a fixture, less the line that declares its charset
// when the fixture was written without it (generate.sh's "nometa").
std::string Source(const std::string& name, bool without_meta) {
  std::string text = ReadFile("src/" + name + ".html");
  if (without_meta) {
    const std::size_t at = text.find("charset=");
    BOOST_TEST_REQUIRE(at != std::string::npos);
    const std::size_t begin = text.rfind('\n', at) + 1;
    text.erase(begin, text.find('\n', at) + 1 - begin);
  }
  return text;
}

void CheckFixture(const std::string& file, const std::string& source, bool without_meta,
                  const std::string& charset) {
  const DecodedText got = DecodeHtml(ReadFile(file), "");
  BOOST_TEST(got.charset == charset);
  BOOST_TEST(got.utf8 == Source(source, without_meta));
}

// A string literal's bytes, NULs included.
template <std::size_t N>
std::string Bytes(const char (&literal)[N]) {
  return std::string(literal, N - 1);
}

constexpr std::string_view kReplacement = "\xEF\xBF\xBD";

// "Привіт, світе" in windows-1251.
constexpr std::string_view kUkrainian1251 = "\xCF\xF0\xE8\xE2\xB3\xF2, \xF1\xE2\xB3\xF2\xE5";

// s in UTF-16, as the compiler encoded the u"" literal, in either byte order.
std::string Utf16(std::u16string_view s, bool big_endian) {
  std::string out;
  for (char16_t unit : s) {
    const char high = static_cast<char>(unit >> 8), low = static_cast<char>(unit & 0xFF);
    out += big_endian ? std::string{high, low} : std::string{low, high};
  }
  return out;
}

std::string Page(std::string_view head, std::string_view body) {
  return "<!DOCTYPE html><html><head>" + std::string(head) + "</head><body><p>" +
         std::string(body) + "</p></body></html>";
}

// --- The fixtures: each encoding comes out right ---------------------------

BOOST_AUTO_TEST_CASE(ukrainian_windows1251_page_is_read_by_its_http_equiv_meta) {
  CheckFixture("uk.windows-1251.html", "uk", false, "windows-1251");
}

BOOST_AUTO_TEST_CASE(ukrainian_windows1251_page_without_meta_is_detected) {
  CheckFixture("uk.windows-1251.nometa.html", "uk", true, "windows-1251");
}

BOOST_AUTO_TEST_CASE(polish_czech_iso8859_2_page_is_read_by_its_meta_charset) {
  CheckFixture("pl_cs.iso-8859-2.html", "pl_cs", false, "iso-8859-2");
}

BOOST_AUTO_TEST_CASE(polish_czech_iso8859_2_page_without_meta_is_detected) {
  CheckFixture("pl_cs.iso-8859-2.nometa.html", "pl_cs", true, "iso-8859-2");
}

BOOST_AUTO_TEST_CASE(japanese_shift_jis_page_is_read_by_its_meta_charset) {
  CheckFixture("ja.shift_jis.html", "ja", false, "shift_jis");
}

BOOST_AUTO_TEST_CASE(japanese_shift_jis_page_without_meta_is_detected) {
  CheckFixture("ja.shift_jis.nometa.html", "ja", true, "shift_jis");
}

BOOST_AUTO_TEST_CASE(shift_jis_reads_0x5c_and_0x7e_as_backslash_and_tilde_as_browsers_do) {
  // Strict JIS X 0201 would give U+00A5 (yen) and U+203E (overline).
  const DecodedText got = DecodeHtml("C:\\dir ~user \x93\x8C\x8B\x9E", "shift_jis");
  BOOST_TEST(got.utf8 == "C:\\dir ~user 東京");
}

BOOST_AUTO_TEST_CASE(chinese_page_declared_gb2312_is_read_as_gb18030_with_four_byte_characters) {
  // src/zh.html names gb2312 and holds 𠮷 (U+20BB7), which only gb18030 encodes.
  CheckFixture("zh.gb18030.html", "zh", false, "gb18030");
}

BOOST_AUTO_TEST_CASE(chinese_gb18030_page_without_meta_is_detected) {
  CheckFixture("zh.gb18030.nometa.html", "zh", true, "gb18030");
}

BOOST_AUTO_TEST_CASE(utf16le_page_with_byte_order_mark_is_read_and_the_mark_dropped) {
  CheckFixture("multi.utf-16le.bom.html", "multi", false, "utf-16le");
}

BOOST_AUTO_TEST_CASE(utf16be_page_with_byte_order_mark_is_read_and_the_mark_dropped) {
  CheckFixture("multi.utf-16be.bom.html", "multi", false, "utf-16be");
}

BOOST_AUTO_TEST_CASE(utf16le_page_without_byte_order_mark_is_found_by_its_nul_bytes) {
  CheckFixture("multi.utf-16le.html", "multi", false, "utf-16le");
}

BOOST_AUTO_TEST_CASE(utf16be_page_without_byte_order_mark_is_found_by_its_nul_bytes) {
  CheckFixture("multi.utf-16be.html", "multi", false, "utf-16be");
}

BOOST_AUTO_TEST_CASE(text_dumps_in_each_encoding_are_detected) {
  // A text dump carries no <meta>: the same pages as text, without theirs.
  const struct {
    const char* file;
    const char* source;
    const char* charset;
  } kCases[] = {
      {"uk.windows-1251.nometa.html", "uk", "windows-1251"},
      {"pl_cs.iso-8859-2.nometa.html", "pl_cs", "iso-8859-2"},
      {"ja.shift_jis.nometa.html", "ja", "shift_jis"},
      {"zh.gb18030.nometa.html", "zh", "gb18030"},
      {"multi.utf-16le.html", "multi", "utf-16le"},
      {"multi.utf-16be.html", "multi", "utf-16be"},
  };
  for (const auto& c : kCases) {
    BOOST_TEST_CONTEXT(c.file) {
      const DecodedText got = DecodeText(ReadFile(c.file), "");
      BOOST_TEST(got.charset == c.charset);
      BOOST_TEST(got.utf8 == Source(c.source, std::string_view(c.file).find("nometa") !=
                                                  std::string_view::npos));
    }
  }
}

BOOST_AUTO_TEST_CASE(chinese_utf16_text_dump_without_byte_order_mark_is_detected) {
  // Little ASCII, so few NULs; 一 (U+4E00) puts some in the other position.
  const std::u16string text =
      u"江北新区地铁三号线一期工程已完成全部土建施工，预计2024年12月底开通试运营。\n"
      u"线路全长二十四公里，共设十八座车站，一小时内可往返一次。\n"
      u"集团负责人表示，新线列车采用全自动驾驶系统，高峰时段发车间隔为三分钟。\n";
  const std::string utf8 =
      "江北新区地铁三号线一期工程已完成全部土建施工，预计2024年12月底开通试运营。\n"
      "线路全长二十四公里，共设十八座车站，一小时内可往返一次。\n"
      "集团负责人表示，新线列车采用全自动驾驶系统，高峰时段发车间隔为三分钟。\n";
  for (bool big_endian : {false, true}) {
    const DecodedText got = DecodeText(Utf16(text, big_endian), "");
    BOOST_TEST(got.charset == (big_endian ? "utf-16be" : "utf-16le"));
    BOOST_TEST(got.utf8 == utf8);
  }
}

BOOST_AUTO_TEST_CASE(a_nul_or_two_in_utf8_text_is_not_utf16) {
  const std::string bytes = Bytes("a\0b\0 Привіт, світе");
  const DecodedText got = DecodeText(bytes, "");
  BOOST_TEST(got.charset == "utf-8");
  BOOST_TEST(got.utf8 == bytes);
}

// --- Precedence: BOM, declared, meta, detector, windows-1252 ----------------

BOOST_AUTO_TEST_CASE(byte_order_mark_wins_over_declared_charset_and_meta) {
  // Bytes that are windows-1251, after a UTF-8 BOM: the BOM decides, as in
  // browsers, and the bytes read as ill-formed UTF-8.
  const std::string bytes = "\xEF\xBB\xBF<meta charset=windows-1251>\xCF\xF0";
  const DecodedText got = DecodeHtml(bytes, "windows-1251");
  BOOST_TEST(got.charset == "utf-8");
  BOOST_TEST(got.utf8 == "<meta charset=windows-1251>" + std::string(kReplacement) +
                             std::string(kReplacement));

  const DecodedText be = DecodeHtml(Bytes("\xFE\xFF\x04\x1F\x00!"), "utf-16le");
  BOOST_TEST(be.charset == "utf-16be");
  BOOST_TEST(be.utf8 == "П!");
}

BOOST_AUTO_TEST_CASE(declared_charset_wins_over_meta) {
  const std::string page = Page("<meta charset=\"koi8-r\">", kUkrainian1251);
  const DecodedText got = DecodeHtml(page, "windows-1251");
  BOOST_TEST(got.charset == "windows-1251");
  BOOST_TEST(got.utf8 == Page("<meta charset=\"koi8-r\">", "Привіт, світе"));
}

BOOST_AUTO_TEST_CASE(meta_wins_over_detector) {
  // The detector would say windows-1251; the page says KOI8-R and is read so.
  const DecodedText got = DecodeHtml(Page("<meta charset=\"koi8-r\">", kUkrainian1251), "");
  BOOST_TEST(got.charset == "koi8-r");
  BOOST_TEST(got.utf8 == Page("<meta charset=\"koi8-r\">", "оПХБЁР, ЯБЁРЕ"));
}

BOOST_AUTO_TEST_CASE(text_dump_ignores_meta_in_its_text) {
  const std::string bytes = std::string("<meta charset=\"koi8-r\">\n") +
                            std::string(kUkrainian1251) + " " + std::string(kUkrainian1251);
  BOOST_TEST(DecodeHtml(bytes, "").charset == "koi8-r");
  const DecodedText got = DecodeText(bytes, "");
  BOOST_TEST(got.charset == "windows-1251");
  BOOST_TEST(got.utf8 == "<meta charset=\"koi8-r\">\nПривіт, світе Привіт, світе");
}

BOOST_AUTO_TEST_CASE(english_that_uchardet_takes_for_greek_falls_back_to_windows1252) {
  // uchardet answers ISO-8859-7, where 0x93, 0x94 and 0x97 are C1 controls.
  const DecodedText got =
      DecodeText("\x93It is a great day,\x94 she said \x97 and nobody disagreed.", "");
  BOOST_TEST(got.charset == "windows-1252");
  BOOST_TEST(got.utf8 == "“It is a great day,” she said — and nobody disagreed.");
}

BOOST_AUTO_TEST_CASE(detector_answers_outside_the_encoding_standard_are_ignored) {
  // uchardet answers MAC-CENTRALEUROPE, which no browser reads.
  const DecodedText got = DecodeText("The na\xEFve approach works.", "");
  BOOST_TEST(got.charset == "windows-1252");
  BOOST_TEST(got.utf8 == "The naïve approach works.");
}

BOOST_AUTO_TEST_CASE(english_that_uchardet_takes_for_shift_jis_falls_back_to_windows1252) {
  // uchardet 0.0.7 answers SHIFT_JIS: "\x92l" is a kanji there, one that
  // would sit inside "They'll" and "We'll".
  const std::string bytes =
      "They\x92ll be wrong, and I\x92m not the only one who thinks so. Tickets cost \xA3" "5 at "
      "the door; they\x92ll sell out, I\x92m told, by noon. We\x92ll see.\n";
  const DecodedText got = DecodeText(bytes, "");
  BOOST_TEST(got.charset == "windows-1252");
  BOOST_TEST(got.utf8 ==
             "They’ll be wrong, and I’m not the only one who thinks so. Tickets cost £5 at the "
             "door; they’ll sell out, I’m told, by noon. We’ll see.\n");
}

BOOST_AUTO_TEST_CASE(english_that_windows1252_reads_alike_is_reported_as_windows1252) {
  // uchardet answers ISO-8859-2, WINDOWS-1258 and ISO-8859-3, which read
  // these bytes as windows-1252 does.
  const struct {
    const char* bytes;
    const char* text;
  } kCases[] = {
      {"The r\xE9sum\xE9 was two pages long, which is fine.",
       "The résumé was two pages long, which is fine."},
      {"\x93Hello,\x94 she said.", "“Hello,” she said."},
      {"Z\xFCrich and M\xFCnchen are both nice.", "Zürich and München are both nice."},
  };
  for (const auto& c : kCases) {
    const DecodedText got = DecodeText(c.bytes, "");
    BOOST_TEST(got.charset == "windows-1252");
    BOOST_TEST(got.utf8 == c.text);
  }
}

BOOST_AUTO_TEST_CASE(pure_ascii_without_a_declaration_is_reported_as_utf8) {
  const DecodedText got = DecodeHtml("<p>plain</p>", "");
  BOOST_TEST(got.charset == "utf-8");
  BOOST_TEST(got.utf8 == "<p>plain</p>");
}

BOOST_AUTO_TEST_CASE(iso2022jp_text_is_detected_by_its_escape_sequences) {
  // 東京は晴れ in ISO-2022-JP: seven-bit bytes that are also well-formed UTF-8.
  const std::string bytes = "\x1B$BEl5~$O@2$l\x1B(B";
  const DecodedText got = DecodeText(bytes, "");
  BOOST_TEST(got.charset == "iso-2022-jp");
  BOOST_TEST(got.utf8 == "東京は晴れ");
}

BOOST_AUTO_TEST_CASE(detector_reads_past_a_long_ascii_prefix) {
  // The detector's 64 KiB window starts at the first non-ASCII byte.
  std::string bytes(100 * 1024, 'x');
  for (int i = 0; i < 20; ++i) bytes += " " + std::string(kUkrainian1251) + ".";
  const DecodedText got = DecodeText(bytes, "");
  BOOST_TEST(got.charset == "windows-1251");
  const std::string first = " Привіт, світе.";
  BOOST_TEST(got.utf8.substr(100 * 1024, first.size()) == first);
}

// --- The bytes overrule a label they contradict -----------------------------

BOOST_AUTO_TEST_CASE(utf8_label_on_windows1251_bytes_gives_way_to_the_meta) {
  const std::string page = Page("<meta charset=\"windows-1251\">", kUkrainian1251);
  const DecodedText got = DecodeHtml(page, "utf-8");
  BOOST_TEST(got.charset == "windows-1251");
  BOOST_TEST(got.utf8 == Page("<meta charset=\"windows-1251\">", "Привіт, світе"));
}

BOOST_AUTO_TEST_CASE(utf8_meta_on_windows1251_bytes_gives_way_to_the_detector) {
  const std::string page =
      Page("<meta charset=\"utf-8\">", std::string(kUkrainian1251) + ". " +
                                           std::string(kUkrainian1251) + ".");
  const DecodedText got = DecodeHtml(page, "");
  BOOST_TEST(got.charset == "windows-1251");
  BOOST_TEST(got.utf8 == Page("<meta charset=\"utf-8\">", "Привіт, світе. Привіт, світе."));
}

BOOST_AUTO_TEST_CASE(utf8_page_with_a_stray_latin1_byte_stays_utf8_and_replaces_it) {
  const DecodedText got = DecodeHtml("Привіт \xE9 світе, café", "utf-8");
  BOOST_TEST(got.charset == "utf-8");
  BOOST_TEST(got.utf8 == "Привіт " + std::string(kReplacement) + " світе, café");
}

BOOST_AUTO_TEST_CASE(utf8_page_cut_mid_character_without_a_label_stays_utf8) {
  const std::string bytes = "Привіт, світе \xD0";  // the first byte of "П"
  const DecodedText got = DecodeHtml(bytes, "");
  BOOST_TEST(got.charset == "utf-8");
  BOOST_TEST(got.utf8 == "Привіт, світе " + std::string(kReplacement));
}

BOOST_AUTO_TEST_CASE(legacy_label_on_utf8_bytes_reads_utf8) {
  // As on 13 devset pages: re-encoded to UTF-8, with the old <meta> kept.
  const std::string page = Page("<meta charset=\"iso-8859-1\">", "café – naïve");
  const DecodedText got = DecodeHtml(page, "");
  BOOST_TEST(got.charset == "utf-8");
  BOOST_TEST(got.utf8 == page);
  BOOST_TEST(DecodeText("café", "windows-1251").charset == "utf-8");
}

BOOST_AUTO_TEST_CASE(utf16_label_without_nul_bytes_is_not_believed) {
  const DecodedText got = DecodeHtml("<p>plain ascii</p>", "utf-16");
  BOOST_TEST(got.charset == "utf-8");
  BOOST_TEST(got.utf8 == "<p>plain ascii</p>");
}

BOOST_AUTO_TEST_CASE(legacy_label_on_utf16_bytes_is_not_believed) {
  const std::string bytes = Bytes("<\0p\0>\0\x1F\x04!\0");
  const DecodedText got = DecodeHtml(bytes, "windows-1252");
  BOOST_TEST(got.charset == "utf-16le");
  BOOST_TEST(got.utf8 == "<p>П!");
}

// --- Labels -----------------------------------------------------------------

BOOST_AUTO_TEST_CASE(latin1_and_ascii_labels_mean_windows1252) {
  for (const char* label : {"latin1", "ISO-8859-1", " iso_8859-1:1987\t", "ascii", "US-ASCII"}) {
    BOOST_TEST_CONTEXT(label) {
      const DecodedText got = DecodeHtml("\x93quoted\x94 \x80", label);
      BOOST_TEST(got.charset == "windows-1252");
      BOOST_TEST(got.utf8 == "“quoted” €");
    }
  }
}

BOOST_AUTO_TEST_CASE(sjis_labels_mean_shift_jis) {
  for (const char* label : {"x-sjis", "SJIS", "ms_kanji", "windows-31j"}) {
    BOOST_TEST_CONTEXT(label) {
      const DecodedText got = DecodeHtml("\x93\x8C\x8B\x9E", label);
      BOOST_TEST(got.charset == "shift_jis");
      BOOST_TEST(got.utf8 == "東京");
    }
  }
}

BOOST_AUTO_TEST_CASE(gb2312_and_gbk_labels_mean_gb18030) {
  // 中文 in two-byte GBK, then 𠮷 (U+20BB7) in four-byte gb18030.
  for (const char* label : {"gb2312", "GBK", "x-gbk", "chinese", "gb18030"}) {
    BOOST_TEST_CONTEXT(label) {
      const DecodedText got = DecodeHtml("\xD6\xD0\xCE\xC4\x95\x34\xB2\x35", label);
      BOOST_TEST(got.charset == "gb18030");
      BOOST_TEST(got.utf8 == "中文𠮷");
    }
  }
}

BOOST_AUTO_TEST_CASE(unknown_labels_fall_through_to_the_next_source) {
  const std::string page = Page("<meta charset=\"windows-1251\">", kUkrainian1251);
  for (const char* label : {"utf8mb4", "none", "no-such-charset", "iso-2022-kr", "x-user-defined",
                            "replacement", "utf-32", ""}) {
    BOOST_TEST_CONTEXT(label) {
      const DecodedText got = DecodeHtml(page, label);
      BOOST_TEST(got.charset == "windows-1251");
      BOOST_TEST(got.utf8 == Page("<meta charset=\"windows-1251\">", "Привіт, світе"));
    }
  }
}

// --- The <meta> prescan -----------------------------------------------------

BOOST_AUTO_TEST_CASE(prescan_reads_meta_charset_in_any_case_and_quoting) {
  BOOST_TEST(PrescanMetaCharset("<meta charset=utf-8>") == "utf-8");
  BOOST_TEST(PrescanMetaCharset("<META CHARSET=\"KOI8-R\">") == "koi8-r");
  BOOST_TEST(PrescanMetaCharset("<meta charset=' windows-1251 '>") == "windows-1251");
  BOOST_TEST(PrescanMetaCharset("<meta/charset=x-sjis>") == "shift_jis");
  BOOST_TEST(PrescanMetaCharset("<meta\ncharset = gbk >") == "gb18030");
}

BOOST_AUTO_TEST_CASE(prescan_needs_http_equiv_content_type_for_a_content_attribute) {
  BOOST_TEST(PrescanMetaCharset(
                 "<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\">") ==
             "koi8-r");
  // Attribute order does not matter.
  BOOST_TEST(PrescanMetaCharset(
                 "<meta content=\"text/html; charset=koi8-r\" http-equiv=content-type>") ==
             "koi8-r");
  BOOST_TEST(PrescanMetaCharset("<meta content=\"text/html; charset=koi8-r\">").empty());
  BOOST_TEST(PrescanMetaCharset("<meta http-equiv=refresh content=\"0; charset=koi8-r\">").empty());
  BOOST_TEST(PrescanMetaCharset(
                 "<meta http-equiv=content-type content='text/html; charset=\"koi8-r\"'>") ==
             "koi8-r");
  BOOST_TEST(PrescanMetaCharset(
                 "<meta http-equiv=content-type content=\"text/html;charset=koi8-r;x=y\">") ==
             "koi8-r");
}

BOOST_AUTO_TEST_CASE(prescan_charset_attribute_beats_content_and_first_duplicate_counts) {
  BOOST_TEST(PrescanMetaCharset("<meta http-equiv=content-type "
                                "content=\"text/html; charset=koi8-r\" charset=windows-1251>") ==
             "windows-1251");
  BOOST_TEST(PrescanMetaCharset("<meta charset=koi8-r charset=windows-1251>") == "koi8-r");
}

BOOST_AUTO_TEST_CASE(prescan_skips_comments_and_attribute_values_of_other_tags) {
  BOOST_TEST(PrescanMetaCharset("<!-- <meta charset=koi8-r> --><meta charset=windows-1251>") ==
             "windows-1251");
  // "<!-->" is a whole comment: its dashes close it.
  BOOST_TEST(PrescanMetaCharset("<!--><meta charset=koi8-r>") == "koi8-r");
  BOOST_TEST(PrescanMetaCharset("<div title=\"<meta charset=koi8-r>\"><meta charset=big5>") ==
             "big5");
  BOOST_TEST(PrescanMetaCharset("<!DOCTYPE html><?php x ?></p><meta charset=euc-kr>") == "euc-kr");
  // An unclosed comment hides everything after it.
  BOOST_TEST(PrescanMetaCharset("<!-- <p> <meta charset=koi8-r>").empty());
}

BOOST_AUTO_TEST_CASE(prescan_passes_over_a_meta_with_an_unknown_label) {
  BOOST_TEST(PrescanMetaCharset("<meta charset=bogus><meta charset=windows-1251>") ==
             "windows-1251");
  BOOST_TEST(PrescanMetaCharset("<meta charset=bogus>").empty());
}

BOOST_AUTO_TEST_CASE(prescan_reads_utf16_as_utf8_and_x_user_defined_as_windows1252) {
  BOOST_TEST(PrescanMetaCharset("<meta charset=utf-16>") == "utf-8");
  BOOST_TEST(PrescanMetaCharset("<meta charset=UTF-16BE>") == "utf-8");
  BOOST_TEST(PrescanMetaCharset("<meta charset=x-user-defined>") == "windows-1252");
}

BOOST_AUTO_TEST_CASE(prescan_stops_at_1024_bytes_and_at_a_cut_off_tag) {
  const std::string filler = "<p>" + std::string(1100, 'x') + "</p>";
  BOOST_TEST(PrescanMetaCharset(filler + "<meta charset=koi8-r>").empty());
  BOOST_TEST(PrescanMetaCharset(std::string(1010, ' ') + "<meta charset=koi8-r>").empty());
  BOOST_TEST(PrescanMetaCharset(std::string(990, ' ') + "<meta charset=koi8-r>") == "koi8-r");
  BOOST_TEST(PrescanMetaCharset("<meta charset=\"koi8-r").empty());
}

BOOST_AUTO_TEST_CASE(prescan_falls_back_to_an_xml_declaration_at_the_start) {
  BOOST_TEST(PrescanMetaCharset("<?xml version=\"1.0\" encoding=\"windows-1251\"?><html>") ==
             "windows-1251");
  BOOST_TEST(PrescanMetaCharset("<?xml version='1.0' encoding='utf-16'?>") == "utf-8");
  BOOST_TEST(PrescanMetaCharset(" <?xml version=\"1.0\" encoding=\"windows-1251\"?>").empty());
  // A <meta> wins over the declaration.
  BOOST_TEST(PrescanMetaCharset("<?xml version=\"1.0\" encoding=\"windows-1251\"?>"
                                "<meta charset=koi8-r>") == "koi8-r");
  BOOST_TEST(PrescanMetaCharset(Bytes("<\0?\0x\0m\0l\0")) == "utf-16le");
  BOOST_TEST(PrescanMetaCharset(Bytes("\0<\0?\0x\0m\0l")) == "utf-16be");
}

BOOST_AUTO_TEST_CASE(prescan_of_nothing_finds_nothing) {
  BOOST_TEST(PrescanMetaCharset("").empty());
  BOOST_TEST(PrescanMetaCharset("<").empty());
  BOOST_TEST(PrescanMetaCharset("<meta").empty());
  BOOST_TEST(PrescanMetaCharset("<meta ").empty());
  BOOST_TEST(PrescanMetaCharset("<meta charset").empty());
  BOOST_TEST(PrescanMetaCharset("<meta charset=").empty());
  BOOST_TEST(PrescanMetaCharset("<a href").empty());
}

// --- Ill-formed input is replaced, never dropped ----------------------------

BOOST_AUTO_TEST_CASE(bytes_undefined_in_the_charset_become_replacement_characters) {
  // 0x98 is the one byte windows-1251 leaves undefined.
  const DecodedText got = DecodeHtml("\xCF\xF0\x98\xE8", "windows-1251");
  BOOST_TEST(got.utf8 == "Пр" + std::string(kReplacement) + "и");
}

BOOST_AUTO_TEST_CASE(bad_multibyte_sequence_is_replaced_and_the_next_byte_reread) {
  // 0x82 0x41 is no Shift_JIS character; the A after the lead byte is kept.
  const DecodedText got = DecodeHtml("\x93\x8C\x82\x41\x42\x8B\x9E", "shift_jis");
  BOOST_TEST(got.utf8 == "東" + std::string(kReplacement) + "AB京");
}

BOOST_AUTO_TEST_CASE(sequence_cut_off_at_the_end_becomes_one_replacement_character) {
  BOOST_TEST(DecodeHtml("\x93\x8C\x8B", "shift_jis").utf8 == "東" + std::string(kReplacement));
  BOOST_TEST(DecodeHtml("\xD6\xD0\x95\x34\xB2", "gb18030").utf8 == "中" + std::string(kReplacement));
  BOOST_TEST(DecodeHtml(Bytes("\xFF\xFE" "A\0B"), "").utf8 ==
             "A" + std::string(kReplacement));
}

BOOST_AUTO_TEST_CASE(lone_utf16_surrogate_is_replaced_and_decoding_goes_on) {
  // A, a high surrogate with no low one, B.
  const DecodedText got = DecodeHtml(Bytes("\xFF\xFE" "A\0\x00\xD8" "B\0"), "");
  BOOST_TEST(got.charset == "utf-16le");
  BOOST_TEST(got.utf8 == "A" + std::string(kReplacement) + "B");
}

BOOST_AUTO_TEST_CASE(ill_formed_utf8_is_replaced_sequence_by_sequence) {
  // More well-formed multi-byte sequences than ill-formed ones: UTF-8 holds.
  const DecodedText got = DecodeHtml("∑ naïve caf\xC3 ok \xF0\x9F\x98 \xE2\x82\xAC", "utf-8");
  BOOST_TEST(got.charset == "utf-8");
  BOOST_TEST(got.utf8 == "∑ naïve caf" + std::string(kReplacement) + " ok " +
                             std::string(kReplacement) + " €");
}

BOOST_AUTO_TEST_CASE(well_formed_utf8_comes_out_byte_for_byte_nul_included) {
  const std::string bytes = Bytes("a\0b ∑ 𠮷 \x7F");
  const DecodedText got = DecodeText(bytes, "");
  BOOST_TEST(got.charset == "utf-8");
  BOOST_TEST(got.utf8 == bytes);
}

// --- Any input --------------------------------------------------------------

BOOST_AUTO_TEST_CASE(empty_input_is_empty_utf8) {
  for (const char* declared : {"", "windows-1251", "utf-16le", "shift_jis"}) {
    BOOST_TEST_CONTEXT(declared) {
      BOOST_TEST(DecodeHtml("", declared).utf8.empty());
      BOOST_TEST(DecodeText("", declared).utf8.empty());
    }
  }
  BOOST_TEST(DecodeHtml("", "").charset == "utf-8");
  BOOST_TEST(DecodeHtml("", "windows-1251").charset == "windows-1251");
}

BOOST_AUTO_TEST_CASE(binary_garbage_gives_well_formed_utf8) {
  uint32_t state = 12345;
  auto next_byte = [&state] {
    state = state * 1103515245u + 12345u;
    return static_cast<char>(state >> 24);
  };
  for (std::size_t size : {1u, 2u, 3u, 7u, 64u, 1000u, 70000u}) {
    std::string bytes;
    for (std::size_t i = 0; i < size; ++i) bytes.push_back(next_byte());
    for (const char* declared : {"", "utf-8", "utf-16le", "utf-16be", "shift_jis", "gb18030",
                                 "iso-2022-jp", "euc-kr", "big5", "windows-1258"}) {
      BOOST_TEST_CONTEXT(size << " bytes, declared '" << declared << "'") {
        const DecodedText html = DecodeHtml(bytes, declared);
        const DecodedText text = DecodeText(bytes, declared);
        BOOST_TEST(IsValidUtf8(html.utf8));
        BOOST_TEST(IsValidUtf8(text.utf8));
        BOOST_TEST(!html.charset.empty());
        BOOST_TEST(!text.charset.empty());
      }
    }
  }
  for (int b = 0; b < 256; ++b) {
    const std::string one(1, static_cast<char>(b));
    BOOST_TEST(IsValidUtf8(DecodeHtml(one, "").utf8));
    BOOST_TEST(!DecodeHtml(one, "").utf8.empty());  // replaced, not dropped
  }
}

BOOST_AUTO_TEST_CASE(threads_decode_at_once_with_the_same_results) {
  const std::vector<std::string> files = {"uk.windows-1251.nometa.html", "ja.shift_jis.html",
                                          "zh.gb18030.nometa.html", "multi.utf-16be.html"};
  std::vector<std::string> pages, expected;
  for (const std::string& f : files) {
    pages.push_back(ReadFile(f));
    expected.push_back(DecodeHtml(pages.back(), "").utf8);
  }
  std::vector<int> failures(4, 0);
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&, t] {
      for (int round = 0; round < 50; ++round) {
        for (std::size_t i = 0; i < pages.size(); ++i) {
          failures[t] += DecodeHtml(pages[i], "").utf8 != expected[i];
        }
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  for (int f : failures) BOOST_TEST(f == 0);
}

}  // namespace
}  // namespace pith
