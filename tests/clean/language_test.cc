#include "clean/language.h"

#define BOOST_TEST_MODULE language
#include <boost/test/unit_test.hpp>

#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

#include "clean/text_util.h"

namespace {

// The same news item written in each language, so that only the language
// differs between the cases.
const char kEnglish[] =
    "The city council met on Tuesday evening to discuss the new plan for the "
    "river park. Several residents said that they were worried about the "
    "noise from the proposed concert stage, while others welcomed the idea of "
    "more events in the summer. The mayor promised that a final decision "
    "would be made after a public hearing next month.";
const char kUkrainian[] =
    "Міська рада у вівторок увечері обговорила новий план облаштування парку "
    "біля річки. Кілька мешканців сказали, що їх турбує шум від запланованої "
    "концертної сцени, тоді як інші підтримали ідею проводити більше заходів "
    "улітку. Мер пообіцяв, що остаточне рішення ухвалять після громадських "
    "слухань наступного місяця.";
const char kRussian[] =
    "Городской совет во вторник вечером обсудил новый план благоустройства "
    "парка у реки. Несколько жителей сказали, что их беспокоит шум от "
    "будущей концертной площадки, тогда как другие поддержали идею проводить "
    "больше мероприятий летом. Мэр пообещал, что окончательное решение "
    "примут после общественных слушаний в следующем месяце.";
const char kGerman[] =
    "Der Stadtrat hat am Dienstagabend über den neuen Plan für den Park am "
    "Fluss beraten. Mehrere Anwohner sagten, dass sie sich wegen des Lärms "
    "der geplanten Konzertbühne Sorgen machen, während andere die Idee von "
    "mehr Veranstaltungen im Sommer begrüßten. Der Bürgermeister versprach, "
    "dass nach einer öffentlichen Anhörung im nächsten Monat endgültig "
    "entschieden werde.";
const char kFrench[] =
    "Le conseil municipal s'est réuni mardi soir pour discuter du nouveau "
    "projet de parc au bord de la rivière. Plusieurs habitants ont dit qu'ils "
    "s'inquiétaient du bruit de la future scène de concert, tandis que "
    "d'autres ont salué l'idée d'organiser davantage d'événements en été. Le "
    "maire a promis qu'une décision définitive serait prise après une "
    "consultation publique le mois prochain.";
const char kSpanish[] =
    "El ayuntamiento se reunió el martes por la noche para debatir el nuevo "
    "plan del parque junto al río. Varios vecinos dijeron que les preocupaba "
    "el ruido del escenario de conciertos previsto, mientras que otros "
    "celebraron la idea de organizar más actividades en verano. El alcalde "
    "prometió que se tomaría una decisión definitiva tras una audiencia "
    "pública el mes que viene.";

const std::vector<std::pair<const char*, std::string>>& Samples() {
  static const std::vector<std::pair<const char*, std::string>> samples = {
      {kEnglish, "en"}, {kUkrainian, "uk"}, {kRussian, "ru"},
      {kGerman, "de"},  {kFrench, "fr"},    {kSpanish, "es"},
  };
  return samples;
}

// s repeated until it is at least bytes long.
std::string RepeatTo(std::string_view s, std::size_t bytes) {
  std::string out;
  while (out.size() < bytes) {
    out.append(s);
    out.push_back('\n');
  }
  return out;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(detect_language)

BOOST_AUTO_TEST_CASE(paragraph_in_each_language_is_identified) {
  for (const auto& [text, language] : Samples()) {
    BOOST_TEST_CONTEXT(language) {
      BOOST_TEST(pith::DetectLanguage(text) == language);
    }
  }
}

BOOST_AUTO_TEST_CASE(text_without_words_has_no_language) {
  BOOST_TEST(pith::DetectLanguage("") == "");
  BOOST_TEST(pith::DetectLanguage("12345 !!!") == "");
  BOOST_TEST(pith::DetectLanguage(" \n\t ") == "");
}

// Only a sample of the prose lines is read: the German article decides,
// not the English menus and link lists that fill the rest of the page.
BOOST_AUTO_TEST_CASE(prose_lines_decide_the_language_over_a_page_of_menus) {
  const std::string article = RepeatTo(kGerman, 1500);
  BOOST_TEST(pith::DetectLanguage(article) == "de");
  const std::string menus = RepeatTo(
      "Home\nNews\nWorld news\nSports and games\nWeather for the week\n"
      "Contact us\nAbout the newsroom\nPrivacy policy\nTerms of use",
      40000);
  BOOST_TEST(pith::DetectLanguage(menus) == "en");
  BOOST_TEST(pith::DetectLanguage(menus + article + menus) == "de");
}

// The article's opening decides when CLD2 is sure of it, not the longer
// comments under it in another language; an opening in two languages does not.
BOOST_AUTO_TEST_CASE(the_opening_prose_decides_over_comments_below_it) {
  const std::string article = RepeatTo(kEnglish, 600);
  const std::string comments = RepeatTo(kSpanish, 4000);
  BOOST_TEST(pith::DetectLanguage(comments) == "es");
  BOOST_TEST(pith::DetectLanguage(article + comments) == "en");
  const std::string mixed = std::string(kEnglish) + "\n" + kSpanish + "\n";
  BOOST_TEST(pith::DetectLanguage(mixed + comments) == "es");
}

// A page whose lines are all short has no prose sample: all of it is read.
BOOST_AUTO_TEST_CASE(page_of_short_lines_is_read_whole) {
  std::string lines;
  for (std::string_view rest = kGerman; !rest.empty();) {
    const std::size_t cut = std::min(rest.size(), rest.find(' ', 40));
    lines.append(rest.substr(0, cut));
    lines.push_back('\n');
    rest.remove_prefix(std::min(rest.size(), cut + 1));
  }
  BOOST_TEST(pith::DetectLanguage(lines) == "de");
}

BOOST_AUTO_TEST_CASE(three_word_snippet_is_too_short_to_tell) {
  // CLD2 itself rates this text unreliable (checked against CLD2 directly),
  // and an unreliable verdict must come out as "".
  BOOST_TEST(pith::DetectLanguage("the cat sat") == "");
}

BOOST_AUTO_TEST_CASE(chinese_in_either_script_is_zh) {
  BOOST_TEST(pith::DetectLanguage(
                 "我們今天去了臺灣的博物館，看到很多歷史文物。這些東西讓我對過去"
                 "的生活有了更深的認識。館內的導覽員為我們詳細說明了每一件展品的"
                 "來歷與意義。") == "zh");
  BOOST_TEST(pith::DetectLanguage(
                 "我们今天去了台湾的博物馆，看到很多历史文物。这些东西让我对过去"
                 "的生活有了更深的认识。馆内的导览员为我们详细说明了每一件展品的"
                 "来历与意义。") == "zh");
}

BOOST_AUTO_TEST_CASE(hebrew_gets_its_current_code_not_cld2s_withdrawn_one) {
  BOOST_TEST(pith::DetectLanguage(
                 "שלום לכולם, היום אנחנו הולכים לים עם המשפחה והחברים שלנו. מזג "
                 "האוויר יפה מאוד והשמש זורחת, ולכן החלטנו לצאת מוקדם בבוקר.") ==
             "he");
}

// CLD2 gives up on the whole text at the first of these; each used to make
// a page's language "".
BOOST_AUTO_TEST_CASE(stray_control_characters_do_not_hide_the_language) {
  const std::string english = kEnglish;
  const std::string half1 = english.substr(0, english.size() / 2);
  const std::string half2 = english.substr(english.size() / 2);
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"C0 control", "\x01"},
      {"vertical tab", "\v"},
      {"DEL", "\x7F"},
      {"C1 control (NEL)", "\xC2\x85"},
      {"noncharacter U+FFFE", "\xEF\xBF\xBE"},
      {"noncharacter U+FDD0", "\xEF\xB7\x90"},
  };
  for (const auto& [name, bad] : cases) {
    BOOST_TEST_CONTEXT(name) {
      BOOST_TEST(pith::DetectLanguage(bad + half1 + bad + half2 + bad) ==
                 "en");
    }
  }
}

BOOST_AUTO_TEST_CASE(ill_formed_utf8_does_not_hide_the_language) {
  const std::string german = kGerman;
  const std::string mid = german.substr(0, 100);
  const std::string rest = german.substr(100);
  for (const std::string bad : {"\xFF", "\xC3", "\xE2\x82", "\xED\xA0\x80",
                                "\xC0\xAF", "\x80\x80"}) {
    BOOST_TEST(pith::DetectLanguage(mid + bad + rest + bad) == "de");
  }
}

BOOST_AUTO_TEST_CASE(only_the_first_64_kib_are_examined) {
  const std::string english = RepeatTo(kEnglish, 70 * 1024);
  const std::string german = RepeatTo(kGerman, 200 * 1024);
  BOOST_TEST(pith::DetectLanguage(german) == "de");
  BOOST_TEST(pith::DetectLanguage(english + german) == "en");
}

BOOST_AUTO_TEST_CASE(cut_inside_a_character_is_harmless) {
  // 64 KiB of two-byte Cyrillic letters after one ASCII byte: the cap falls
  // in the middle of a letter.
  const std::string text = "x" + RepeatTo(kUkrainian, 80 * 1024);
  BOOST_REQUIRE((static_cast<unsigned char>(text[64 * 1024]) & 0xC0) == 0x80);
  BOOST_TEST(pith::DetectLanguage(text) == "uk");
}

BOOST_AUTO_TEST_CASE(concurrent_calls_agree_with_serial_ones) {
  std::vector<std::thread> threads;
  std::vector<int> mismatches(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &mismatches] {
      for (int round = 0; round < 20; ++round) {
        for (const auto& [text, language] : Samples()) {
          if (pith::DetectLanguage(text) != language) ++mismatches[t];
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (int t = 0; t < 4; ++t) BOOST_TEST(mismatches[t] == 0);
}

BOOST_AUTO_TEST_SUITE_END()

namespace {

const std::filesystem::path kStopwordDir = PITH_SOURCE_DIR "/rules/stopwords";

// The word lines of a stopword file (every line not starting with '#').
// Fails the current test on a read error.
std::vector<std::string> ReadWords(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  BOOST_REQUIRE_MESSAGE(in, "cannot read " << path);
  std::ostringstream contents;
  contents << in.rdbuf();
  const std::string text = contents.str();
  BOOST_TEST(text.starts_with("#"), path << " lacks its header comment");
  BOOST_TEST(text.ends_with("\n"), path << " lacks a final newline");
  std::vector<std::string> words;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (!line.starts_with("#")) words.push_back(line);
  }
  return words;
}

// The code points of a UTF-8 word, or an empty vector when it holds a
// sequence longer than two bytes (no letter of the shipped languages needs
// one).
std::vector<char32_t> TwoByteCodePoints(std::string_view word) {
  std::vector<char32_t> out;
  for (std::size_t i = 0; i < word.size(); ++i) {
    const auto b = static_cast<unsigned char>(word[i]);
    if (b < 0x80) {
      out.push_back(b);
    } else if ((b & 0xE0) == 0xC0 && i + 1 < word.size()) {
      out.push_back(((b & 0x1F) << 6) |
                    (static_cast<unsigned char>(word[++i]) & 0x3F));
    } else {
      return {};
    }
  }
  return out;
}

bool IsCyrillicWord(std::string_view word) {
  const auto cps = TwoByteCodePoints(word);
  if (cps.empty()) return false;
  for (char32_t c : cps) {
    if (c < 0x400 || c > 0x4FF) return false;
  }
  return true;
}

// a-z, Latin-1 Supplement and Latin Extended-A letters (é, ß, ł, ż...).
bool IsLatinWord(std::string_view word) {
  const auto cps = TwoByteCodePoints(word);
  if (cps.empty()) return false;
  for (char32_t c : cps) {
    if (!((c >= 'a' && c <= 'z') || (c >= 0xDF && c <= 0x17F && c != 0xF7))) {
      return false;
    }
  }
  return true;
}

struct Expected {
  const char* language;
  bool cyrillic;
  std::vector<std::string> sentinels;  // words the list must hold
};

const std::vector<Expected>& ExpectedLists() {
  static const std::vector<Expected> lists = {
      {"en", false, {"the", "of", "and", "is", "t"}},
      {"uk", true, {"і", "що", "на", "її", "є", "й"}},
      {"ru", true, {"и", "что", "на", "не", "её", "ее"}},
      {"de", false, {"und", "der", "die", "nicht", "über", "dass"}},
      {"fr", false, {"le", "la", "et", "être", "l", "qu"}},
      {"es", false, {"el", "él", "que", "y", "más", "del"}},
      {"it", false, {"il", "che", "è", "della", "l", "dell"}},
      {"pt", false, {"o", "que", "não", "em", "uma"}},
      {"nl", false, {"de", "het", "een", "en", "niet"}},
      {"pl", false, {"i", "w", "się", "że", "nie"}},
  };
  return lists;
}

}  // namespace

BOOST_AUTO_TEST_SUITE(stopword_lists)

BOOST_AUTO_TEST_CASE(exactly_the_expected_languages_are_shipped) {
  std::set<std::string> expected, found;
  for (const auto& list : ExpectedLists()) expected.insert(list.language);
  for (const auto& entry : std::filesystem::directory_iterator(kStopwordDir)) {
    found.insert(entry.path().filename().string());
  }
  std::set<std::string> expected_files;
  for (const auto& language : expected) expected_files.insert(language + ".txt");
  BOOST_TEST(found == expected_files, boost::test_tools::per_element());
}

BOOST_AUTO_TEST_CASE(each_list_is_well_formed) {
  for (const auto& list : ExpectedLists()) {
    BOOST_TEST_CONTEXT(list.language) {
      const auto words = ReadWords(kStopwordDir / (std::string(list.language) +
                                                   ".txt"));
      // jusText's lists are of this order; far fewer would make the
      // density feature blind, far more would admit content words.
      BOOST_TEST(words.size() >= 150u);
      BOOST_TEST(words.size() <= 320u);
      std::set<std::string> seen;
      for (const auto& word : words) {
        BOOST_TEST_CONTEXT("word '" << word << "'") {
          BOOST_TEST(seen.insert(word).second, "duplicate");
          BOOST_TEST(pith::ToLower(word) == word, "not lower-case");
          // Exactly one word as the density feature splits text, so an
          // entry with a space, apostrophe or hyphen could never match.
          const auto split = pith::Words(word);
          BOOST_TEST((split.size() == 1 && split[0] == word),
                     "not a single word");
          BOOST_TEST((list.cyrillic ? IsCyrillicWord(word)
                                    : IsLatinWord(word)),
                     "letter outside the language's script");
        }
      }
      for (const auto& sentinel : list.sentinels) {
        BOOST_TEST(seen.count(sentinel) == 1u, "missing '" << sentinel << "'");
      }
    }
  }
}

// Russian and Ukrainian lists are easily cross-contaminated.
BOOST_AUTO_TEST_CASE(ukrainian_and_russian_keep_their_own_letters) {
  const auto has_any = [](const std::vector<std::string>& words,
                          std::initializer_list<std::string_view> letters) {
    for (const auto& word : words) {
      for (auto letter : letters) {
        if (word.find(letter) != std::string::npos) return true;
      }
    }
    return false;
  };
  const auto uk = ReadWords(kStopwordDir / "uk.txt");
  const auto ru = ReadWords(kStopwordDir / "ru.txt");
  BOOST_TEST(!has_any(uk, {"ы", "э", "ъ", "ё"}));
  BOOST_TEST(!has_any(ru, {"і", "ї", "є", "ґ"}));
  // Sanity of the check itself: each list does use its own letters.
  BOOST_TEST(has_any(uk, {"і", "ї", "є"}));
  BOOST_TEST(has_any(ru, {"ы", "э", "ё"}));
}

BOOST_AUTO_TEST_SUITE_END()
