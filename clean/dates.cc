// A hand-written scanner, anchored on digit runs: every form FindDate reads
// holds a day number and a year, so a line without digits costs one pass over
// its bytes and nothing else. Month names and the other date words are folded
// (lower case, Latin diacritics dropped) into a stack buffer and looked up in
// one table built on first use; nothing is allocated per call.

#include "clean/dates.h"

#include <chrono>
#include <cstdint>
#include <cstdio>
#include <tuple>
#include <vector>

#include "clean/word_table.h"

namespace pith {
namespace {

// ---------------------------------------------------------------- calendar

constexpr int kFirstYear = 1995;

bool IsLeap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// The day y-m-d when it exists and lies within [1995-01-01, max_day].
std::optional<Day> Plausible(int y, int m, int d, const Day& max_day) {
  if (y < kFirstYear || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) {
    return std::nullopt;
  }
  if (std::tie(y, m, d) > std::tie(max_day.year, max_day.month, max_day.day)) {
    return std::nullopt;
  }
  return Day{y, m, d};
}

// ---------------------------------------------------------------- UTF-8

struct Rune {
  char32_t cp;
  std::size_t len;
};

// The code point at s[i]. An ill-formed or truncated sequence reads as U+FFFD
// of length 1, so scanning never stalls and never reads past s.
Rune Decode(std::string_view s, std::size_t i) {
  const unsigned char c = s[i];
  if (c < 0x80) return {c, 1};
  const std::size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 0;
  if (len == 0 || i + len > s.size()) return {0xFFFD, 1};
  char32_t cp = c & (0x7F >> len);
  for (std::size_t k = 1; k < len; ++k) {
    const unsigned char cc = s[i + k];
    if ((cc & 0xC0) != 0x80) return {0xFFFD, 1};
    cp = (cp << 6) | (cc & 0x3F);
  }
  return {cp, len};
}

// Writes cp as UTF-8 to out; returns the number of bytes.
int EncodeUtf8(char32_t cp, char out[4]) {
  if (cp < 0x80) {
    out[0] = static_cast<char>(cp);
    return 1;
  }
  if (cp < 0x800) {
    out[0] = static_cast<char>(0xC0 | (cp >> 6));
    out[1] = static_cast<char>(0x80 | (cp & 0x3F));
    return 2;
  }
  if (cp < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (cp >> 12));
    out[1] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (cp >> 18));
  out[1] = static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (cp & 0x3F));
  return 4;
}

// The code point that ends just before s[end], and in *start where it begins.
// REQUIRES: end > 0.
Rune RuneBefore(std::string_view s, std::size_t end, std::size_t* start) {
  std::size_t i = end - 1;
  while (i > 0 && end - i < 4 && (static_cast<unsigned char>(s[i]) & 0xC0) == 0x80) --i;
  const Rune r = Decode(s, i);
  if (i + r.len != end) {  // a stray continuation byte: step over it alone
    *start = end - 1;
    return {0xFFFD, 1};
  }
  *start = i;
  return r;
}

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char32_t c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

// Letters of the scripts whose words matter here, plus combining marks (text
// in NFD) and the CJK and Hangul blocks, which only need to count as words.
bool IsLetter(char32_t c) {
  if (c < 0x80) return IsAsciiAlpha(c);
  return (c >= 0xC0 && c <= 0x2AF && c != 0xD7 && c != 0xF7) ||
         (c >= 0x300 && c <= 0x52F) || (c >= 0x1E00 && c <= 0x1FFF) ||
         (c >= 0x3040 && c <= 0x9FFF) || (c >= 0xAC00 && c <= 0xD7AF);
}

bool IsApostrophe(char32_t c) { return c == '\'' || c == 0x2019 || c == 0x2BC; }

bool IsSpace(char32_t c) {
  return c == ' ' || (c >= '\t' && c <= '\r') || c == 0xA0 ||
         (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F ||
         c == 0x3000 || c == 0xFEFF;
}

// The end of the word that starts at s[i]: a run of letters, with apostrophes
// between letters too when apostrophes is set ("aujourd'hui", "п'ятниця").
std::size_t WordEnd(std::string_view s, std::size_t i, bool apostrophes) {
  while (i < s.size()) {
    if (IsAsciiAlpha(static_cast<unsigned char>(s[i]))) {  // most letters, without decoding
      ++i;
      continue;
    }
    const Rune r = Decode(s, i);
    if (!IsLetter(r.cp) &&
        !(apostrophes && IsApostrophe(r.cp) && i + r.len < s.size() &&
          IsLetter(Decode(s, i + r.len).cp))) {
      break;
    }
    i += r.len;
  }
  return i;
}

// A word in the form the vocabulary is written in: lower case, Latin letters
// without diacritics, combining marks dropped, apostrophes as '\''. So
// "Février", "FEVRIER" and "fevrier" meet, and "ЧЕРВНЯ" meets "червня".
// Words too long to be date words fold to "".
class FoldedWord {
 public:
  explicit FoldedWord(std::string_view word) {
    for (std::size_t i = 0; i < word.size() && !overflow_;) {
      const Rune r = Decode(word, i);
      Append(r.cp);
      i += r.len;
    }
  }
  std::string_view view() const {
    return overflow_ ? std::string_view() : std::string_view(buf_, size_);
  }

 private:
  // Base letters of U+00C0..U+00FF (upper and lower halves alike) and of
  // U+0100..U+017F (Latin Extended-A: Polish, Czech, Romanian...).
  static constexpr char kLatin1[] = "aaaaaaaceeeeiiiidnooooo_ouuuuyts";
  static constexpr char kLatinExtA[] =
      "aaaaaa" "cccccccc" "dddd" "eeeeeeeeee" "gggggggg" "hhhh" "iiiiiiiiii"
      "ii" "jj" "kkk" "llllllllll" "nnnnnnnnn" "oooooo" "oo" "rrrrrr"
      "ssssssss" "tttttt" "uuuuuuuuuuuu" "ww" "yyy" "zzzzzz" "s";
  static_assert(sizeof(kLatin1) == 0x20 + 1 && sizeof(kLatinExtA) == 0x80 + 1);

  void Append(char32_t cp) {
    if (cp < 0x80) {
      Put(static_cast<char>(IsAsciiAlpha(cp) ? cp | 0x20 : cp));
    } else if (cp == 0xFF) {
      Put('y');
    } else if (cp >= 0xC0 && cp <= 0xFF) {
      Put(kLatin1[cp & 0x1F]);
    } else if (cp >= 0x100 && cp <= 0x17F) {
      Put(kLatinExtA[cp - 0x100]);
    } else if (cp >= 0x300 && cp <= 0x36F) {
      // A combining mark: the diacritic of a decomposed letter.
    } else if (IsApostrophe(cp)) {
      Put('\'');
    } else {
      if (cp >= 0x400 && cp <= 0x40F) cp += 0x50;        // Ѐ..Џ
      else if (cp >= 0x410 && cp <= 0x42F) cp += 0x20;   // А..Я
      else if (cp == 0x490) cp = 0x491;                  // Ґ
      char utf8[4];
      const int n = EncodeUtf8(cp, utf8);
      for (int k = 0; k < n; ++k) Put(utf8[k]);
    }
  }
  void Put(char c) {
    if (size_ == kMaxBytes) {
      overflow_ = true;
    } else {
      buf_[size_++] = c;
    }
  }

  static constexpr std::size_t kMaxBytes = 48;
  // The word, then room for what WordTable::FindPadded reads past it.
  char buf_[kMaxBytes + WordTable::kPadding] = {};
  std::size_t size_ = 0;
  bool overflow_ = false;
};

// ---------------------------------------------------------------- vocabulary

// What a date word can be; one word may be several ("ago" is also Spanish for
// August, "mar" French for Tuesday).
enum Role : std::uint8_t {
  kMonth = 1 << 0,    // a month name; WordInfo::month says which
  kUnit = 1 << 1,     // the unit of a relative time: "hours", "днів", "Stunden"
  kAgo = 1 << 2,      // what makes a count relative: "ago", "тому", "vor", "il (y a)"
  kNearDay = 1 << 3,  // a day named relative to now: "yesterday", "вчора", "heute"
  kClock = 1 << 4,    // a word that makes the number before it a time: "pm", "Uhr"
  kWeekday = 1 << 5,
  kFiller = 1 << 6,   // other date furniture: "published", "on", "de", "року", "UTC"
  // A month abbreviation that is also a common word ("3 out of 5", "On Set"):
  // it makes a date line only as part of a whole date.
  kWordToo = 1 << 7,
};

struct WordInfo {
  std::uint8_t roles = 0;  // Role bits
  int month = 0;           // 1..12 when roles has kMonth
};

struct VocabularyLine {
  Role role;
  int month;
  const char* words;  // folded forms (see FoldedWord), separated by spaces
};

constexpr VocabularyLine kVocabulary[] = {
    {kMonth, 1,
     "january jan januar janner janvier janv enero ene gennaio gen janeiro "
     "januari styczen stycznia sty січень січня січ январь января янв"},
    {kMonth, 2,
     "february feb febr februar feber fevrier fevr fev febrero febbraio "
     "fevereiro februari luty lutego lut лютий лютого лют февраль февраля фев "
     "февр"},
    {kMonth, 3,
     "march mar marz maerz mrz mars marzo marco maart mrt marzec marca "
     "березень березня бер март марта мар"},
    {kMonth, 4,
     "april apr avril avr abril aprile abr kwiecien kwietnia kwi квітень "
     "квітня квіт кві апрель апреля апр"},
    {kMonth, 5,
     "may mai mayo maggio mag maio mei maj maja травень травня трав тра май "
     "мая"},
    {kMonth, 6,
     "june jun juni juin junio giugno giu junho czerwiec czerwca cze червень "
     "червня черв чер июнь июня июн"},
    {kMonth, 7,
     "july jul juli juillet juil julio luglio lug julho lipiec lipca lip "
     "липень липня лип июль июля июл"},
    {kMonth, 8,
     "august aug aout agosto ago augustus sierpien sierpnia sie серпень "
     "серпня серп сер август августа авг"},
    {kMonth, 9,
     "september sep sept septembre septiembre setiembre settembre set "
     "setembro wrzesien wrzesnia wrz вересень вересня вер сентябрь сентября "
     "сен сент"},
    {kMonth, 10,
     "october oct oktober okt octobre octubre ottobre ott outubro out "
     "pazdziernik pazdziernika paz жовтень жовтня жовт жов октябрь октября "
     "окт"},
    {kMonth, 11,
     "november nov novembre noviembre novembro listopad listopada lis "
     "листопад листопада лист ноябрь ноября ноя нояб"},
    {kMonth, 12,
     "december dec dezember dez decembre diciembre dic dicembre dezembro "
     "grudzien grudnia gru грудень грудня груд декабрь декабря дек"},
    {kUnit, 0,
     "second seconds sec secs minute minutes min mins hour hours hr hrs day "
     "days week weeks wk wks month months mo mos year years yr yrs moment "
     "moments "
     "секунду секунди секунд хвилину хвилини хвилин хв годину години годин "
     "год день дні днів дня тиждень тижні тижнів місяць місяці місяців рік "
     "роки років "
     "секунды сек минуту минуты минут мин час часа часов ч дней неделю недели "
     "недель месяц месяца месяцев года лет "
     "sekunde sekunden minuten stunde stunden std tag tage tagen woche wochen "
     "monat monate monaten jahr jahre jahren "
     "seconde secondes heure heures jour jours semaine semaines mois an ans "
     "annee annees "
     "segundo segundos minuto minutos hora horas dia dias semana semanas mes "
     "meses ano anos "
     "secondi minuti ora ore giorno giorni settimana settimane mese mesi anno "
     "anni "
     "sekund sekundy minut minuty godzin godziny godzine dzien dni tydzien "
     "tygodni miesiac miesiecy rok lat lata "
     "seconden minuut uur dag dagen weken maand maanden jaar jaren"},
    {kWordToo, 0, "out set sie gen lis lip ago mag"},
    {kAgo, 0, "ago тому назад vor il hace fa temu geleden atras ha"},
    {kNearDay, 0,
     "yesterday today tonight now вчора сьогодні позавчора щойно вчера "
     "сегодня позавчера только gestern heute vorgestern soeben hier "
     "aujourd'hui ayer hoy anteayer ieri oggi wczoraj dzisiaj dzis gisteren "
     "vandaag ontem hoje"},
    {kClock, 0, "am pm uhr h p"},
    {kWeekday, 0,
     "monday mon tuesday tue tues wednesday wed thursday thu thur thurs "
     "friday fri saturday sat sunday sun "
     "понеділок вівторок середа середу четвер п'ятниця п'ятницю субота "
     "суботу неділя неділю пн вт ср чт пт сб нд "
     "понедельник вторник среда среду четверг пятница пятницу суббота "
     "субботу воскресенье вс "
     "montag dienstag mittwoch donnerstag freitag samstag sonnabend sonntag "
     "mo di mi do fr sa so "
     "lundi mardi mercredi jeudi vendredi samedi dimanche lun mer jeu ven "
     "lunes martes miercoles jueves viernes sabado domingo "
     "lunedi martedi mercoledi giovedi venerdi sabato domenica "
     "segunda terca quarta quinta sexta feira "
     "poniedzialek wtorek sroda czwartek piatek sobota niedziela "
     "maandag dinsdag woensdag donderdag vrijdag zaterdag zondag"},
    {kFiller, 0,
     "published posted updated modified edited created last first originally "
     "on at of date dated time just a m t y z st nd rd th er un une una uno "
     "einer einem einen "
     "utc gmt et est edt ct cst cdt mt mst mdt pt pst pdt bst cet cest eet "
     "eest msk jst ist aest "
     "опубліковано оновлено дата публікації оновлення о об у в р року "
     "опубликовано обновлено публикации обновления г что "
     "veroffentlicht aktualisiert geandert erstellt zuletzt stand um datum "
     "publie mis mise modifie le la "
     "publicado actualizado modificado el las de del fecha "
     "pubblicato aggiornato alle "
     "atualizado em as do "
     "opublikowano zaktualizowano dnia "
     "gepubliceerd bijgewerkt om op"},
};

// The date words (folded) and what each is, by the word's number in the
// table: every word of every short line is looked up.
struct Vocabulary {
  WordTable words;
  std::vector<WordInfo> info;
};

const Vocabulary& TheVocabulary() {
  static const auto* const vocabulary = [] {
    auto* v = new Vocabulary;
    for (const VocabularyLine& line : kVocabulary) {
      std::string_view words = line.words;
      while (!words.empty()) {
        const std::size_t space = words.find(' ');
        const std::string_view word = words.substr(0, space);
        if (!word.empty()) {
          const std::size_t number = v->words.Add(word);
          if (number == v->info.size()) v->info.emplace_back();
          WordInfo& info = v->info[number];
          info.roles |= line.role;
          if (line.month != 0) info.month = line.month;
        }
        words.remove_prefix(space == std::string_view::npos ? words.size() : space + 1);
      }
    }
    return v;
  }();
  return *vocabulary;
}

const WordInfo* LookUp(std::string_view word) {
  const FoldedWord folded(word);
  const Vocabulary& vocabulary = TheVocabulary();
  const std::size_t number = vocabulary.words.FindPadded(folded.view());
  return number == WordTable::kMissing ? nullptr : &vocabulary.info[number];
}

int MonthOf(std::string_view word) {
  const WordInfo* info = LookUp(word);
  return info != nullptr ? info->month : 0;
}

// ---------------------------------------------------------------- FindDate

// A read position in the text; each method consumes what it reports.
class Cursor {
 public:
  Cursor(std::string_view s, std::size_t pos) : s_(s), pos_(pos) {}

  std::size_t pos() const { return pos_; }
  char Peek(std::size_t ahead = 0) const {
    return pos_ + ahead < s_.size() ? s_[pos_ + ahead] : '\0';
  }

  // Reads a run of ASCII digits; returns its length (0: none) and its value
  // (of the first 9 digits, so it cannot overflow).
  int Digits(int* value) {
    int digits = 0;
    *value = 0;
    for (; pos_ < s_.size() && IsDigit(s_[pos_]); ++pos_, ++digits) {
      if (digits < 9) *value = *value * 10 + (s_[pos_] - '0');
    }
    return digits;
  }

  bool Skip(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }

  bool Skip(std::string_view text) {
    if (!s_.substr(pos_).starts_with(text)) return false;
    pos_ += text.size();
    return true;
  }

  // Skips white space (Unicode, incl. no-break spaces); returns how much.
  int Spaces() {
    int n = 0;
    while (pos_ < s_.size()) {
      const Rune r = Decode(s_, pos_);
      if (!IsSpace(r.cp)) break;
      pos_ += r.len;
      ++n;
    }
    return n;
  }

  // Skips spaces and at most one comma or full stop; returns how much.
  int Gap() {
    int n = Spaces();
    if (Skip(',') || Skip('.')) n += 1 + Spaces();
    return n;
  }

  // Reads a month name; returns its number, or 0 and reads nothing.
  int Month() {
    const std::size_t end = WordEnd(s_, pos_, /*apostrophes=*/false);
    const int month = MonthOf(s_.substr(pos_, end - pos_));
    if (month != 0) pos_ = end;
    return month;
  }

  // Skips one of the given ASCII words, in any case.
  bool SkipWord(std::initializer_list<std::string_view> words) {
    const std::size_t end = WordEnd(s_, pos_, /*apostrophes=*/false);
    const std::string_view word = s_.substr(pos_, end - pos_);
    for (std::string_view w : words) {
      if (word.size() != w.size()) continue;
      bool same = true;
      for (std::size_t i = 0; i < w.size() && same; ++i) {
        same = (word[i] | 0x20) == w[i];
      }
      if (same) {
        pos_ = end;
        return true;
      }
    }
    return false;
  }

  // Skips the ordinal ending of a day number: "1st", "2nd", "1er", "1º".
  void SkipOrdinal() {
    if (Peek() == '\xC2' && Peek(1) == '\xBA') {
      pos_ += 2;
      return;
    }
    const std::size_t end = WordEnd(s_, pos_, /*apostrophes=*/false);
    if (end - pos_ == 2) SkipWord({"st", "nd", "rd", "th", "er"});
  }

 private:
  std::string_view s_;
  std::size_t pos_;
};

// A fourth number joined by the same '.' or '-' ("1.12.2024.5", "067-12-06-2024")
// marks a version, an address or a phone number, not a date. '/' is exempt:
// URL paths go on after the day ("/2024/06/12/123456/").
bool Chained(const Cursor& c, char sep) {
  return sep != '/' && c.Peek() == sep && IsDigit(c.Peek(1));
}

// "2024-06-12", "2024/06/12", "2024.06.12", also with a time after
// ("2024-06-12T20:59:00Z"). The cursor is just past the year.
std::optional<Day> YearFirst(Cursor c, int year, const Day& max_day) {
  const char sep = c.Peek();
  if (sep != '-' && sep != '/' && sep != '.') return std::nullopt;
  c.Skip(sep);
  int month, day;
  const int month_digits = c.Digits(&month);
  if (month_digits < 1 || month_digits > 2 || !c.Skip(sep)) return std::nullopt;
  const int day_digits = c.Digits(&day);
  if (day_digits < 1 || day_digits > 2 || Chained(c, sep)) return std::nullopt;
  return Plausible(year, month, day, max_day);
}

// "2024年6月12日", as Chinese and Japanese write dates. The cursor is just
// past the year.
std::optional<Day> CjkYearFirst(Cursor c, int year, const Day& max_day) {
  int month, day;
  if (!c.Skip("\xE5\xB9\xB4" /* 年 */)) return std::nullopt;
  const int month_digits = c.Digits(&month);
  if (month_digits < 1 || month_digits > 2 || !c.Skip("\xE6\x9C\x88" /* 月 */)) {
    return std::nullopt;
  }
  const int day_digits = c.Digits(&day);
  if (day_digits < 1 || day_digits > 2 || !c.Skip("\xE6\x97\xA5" /* 日 */)) return std::nullopt;
  return Plausible(year, month, day, max_day);
}

// "12.06.2024", "12-06-2024", "06/12/2024", "12.06.24". '/' is read
// month-first (US) unless the first number cannot be a month; '.' and '-'
// day-first unless the second number cannot be a month. Two-digit years are
// read only in the dd.mm.yy form, where versions ("2.6.32") do not reach.
std::optional<Day> AllNumeric(Cursor c, int first, int first_digits,
                              const Day& max_day) {
  const char sep = c.Peek();
  if (sep != '.' && sep != '-' && sep != '/') return std::nullopt;
  c.Skip(sep);
  int second, year;
  const int second_digits = c.Digits(&second);
  if (second_digits < 1 || second_digits > 2 || !c.Skip(sep)) return std::nullopt;
  const int year_digits = c.Digits(&year);
  if (year_digits == 2 && sep == '.' && first_digits == 2 && second_digits == 2) {
    year += year >= kFirstYear % 100 ? 1900 : 2000;
  } else if (year_digits != 4) {
    return std::nullopt;
  }
  if (Chained(c, sep)) return std::nullopt;
  const bool month_first = first <= 12 && (second > 12 || sep == '/');
  return month_first ? Plausible(year, first, second, max_day)
                     : Plausible(year, second, first, max_day);
}

// "12 June 2024", "12. Juni 2024", "1er juin 2024", "12th of June, 2024",
// "12 de junio de 2024", "12 червня 2024 р.", "12-Jun-2024", "12/Jun/2024".
// The cursor is just past the day number.
std::optional<Day> DayMonthYear(Cursor c, int day, const Day& max_day) {
  c.SkipOrdinal();
  const bool dot = c.Skip('.');
  const char sep = c.Peek();
  int month, year;
  if (!dot && (sep == '-' || sep == '/')) {
    c.Skip(sep);
    if ((month = c.Month()) == 0) return std::nullopt;
    c.Skip('.');
    if (!c.Skip(sep)) return std::nullopt;
  } else {
    if (c.Spaces() == 0 && !dot) return std::nullopt;
    if (c.SkipWord({"de", "of"})) c.Spaces();
    if ((month = c.Month()) == 0) return std::nullopt;
    if (c.Gap() == 0) return std::nullopt;  // the gap may be the abbreviation's '.'
    if (c.SkipWord({"de", "del"})) c.Spaces();
  }
  if (c.Digits(&year) != 4) return std::nullopt;
  return Plausible(year, month, day, max_day);
}

// The month named just before the day number at s[day_start], as in
// "June 12", "Nov. 19", "junio 12"; 0 when there is none.
int MonthBefore(std::string_view s, std::size_t day_start) {
  std::size_t end = day_start, start;
  int spaces = 0;
  while (end > 0 && IsSpace(RuneBefore(s, end, &start).cp)) {
    end = start;
    ++spaces;
  }
  const bool dot = end > 0 && s[end - 1] == '.';
  if (dot) --end;
  if (spaces == 0 && !dot) return 0;
  const std::size_t word_end = end;
  while (end > 0 && IsLetter(RuneBefore(s, end, &start).cp)) end = start;
  return MonthOf(s.substr(end, word_end - end));
}

// "June 12, 2024", "June 12th 2024", "Tuesday, November 19, 2024",
// "junio 12, 2024", and ctime's "Wed Jun 12 20:59:00 2024". The cursor is just
// past the day number that starts at day_start.
std::optional<Day> MonthDayYear(std::string_view s, std::size_t day_start,
                                Cursor c, int day, const Day& max_day) {
  const int month = MonthBefore(s, day_start);
  if (month == 0) return std::nullopt;
  c.SkipOrdinal();
  if (c.Gap() == 0) return std::nullopt;
  int year, minutes;
  int year_digits = c.Digits(&year);
  if (year_digits >= 1 && year_digits <= 2 && c.Skip(':')) {  // a time first
    if (c.Digits(&minutes) != 2) return std::nullopt;
    if (c.Skip(':') && c.Digits(&minutes) != 2) return std::nullopt;
    if (c.Spaces() == 0) return std::nullopt;
    year_digits = c.Digits(&year);
  }
  if (year_digits != 4) return std::nullopt;
  return Plausible(year, month, day, max_day);
}

// Whether a digit run at s[i] may begin a date: not glued to a word
// ("v2.6.32", "A12") nor continuing a number ("1.12.06.2024", "20:12").
bool CanStartDate(std::string_view s, std::size_t i) {
  if (i == 0) return true;
  const char prev = s[i - 1];
  if (IsAsciiAlpha(static_cast<unsigned char>(prev)) || prev == '_') return false;
  const bool joiner = prev == '.' || prev == ',' || prev == '/' || prev == '-' ||
                      prev == ':';
  return !(joiner && i >= 2 && IsDigit(s[i - 2]));
}

bool IsAsciiSpaceAt(std::string_view s, std::size_t i) {
  return i < s.size() && (s[i] == ' ' || (s[i] >= '\t' && s[i] <= '\r'));
}

// The date whose first number (or whose day, after a month name) is the digit
// run s[start, c.pos()) of the given value.
std::optional<Day> DateAt(std::string_view s, std::size_t start, const Cursor& c,
                          int value, int digits, const Day& max_day) {
  if (digits == 4) {
    if (auto day = YearFirst(c, value, max_day)) return day;
    return CjkYearFirst(c, value, max_day);
  }
  if (digits == 8) {  // "20240612", alone between spaces
    const bool alone = (start == 0 || IsAsciiSpaceAt(s, start - 1)) &&
                       (c.pos() == s.size() || IsAsciiSpaceAt(s, c.pos()));
    if (!alone) return std::nullopt;
    return Plausible(value / 10000, value / 100 % 100, value % 100, max_day);
  }
  if (digits > 2) return std::nullopt;
  if (auto day = AllNumeric(c, value, digits, max_day)) return day;
  if (auto day = MonthDayYear(s, start, c, value, max_day)) return day;
  return DayMonthYear(c, value, max_day);
}

// ---------------------------------------------------------------- IsDateLine

// Date furniture is short; a longer line is prose that happens to hold dates.
constexpr std::size_t kMaxDateLine = 160;

// Punctuation that may appear between the parts of a date line.
bool IsDatePunct(char32_t c) {
  switch (c) {
    case ',': case '.': case ':': case ';': case '/': case '-': case '|':
    case '(': case ')': case '[': case ']': case '+': case '@':
    case 0xB7:    // middle dot
    case 0xBA:    // ordinal indicator, "1º"
    case 0x2022:  // bullet
      return true;
    default:
      return c >= 0x2010 && c <= 0x2015;  // hyphens and dashes
  }
}

// What the last tokens of a line were, to spot times ("20:59", "3 pm").
struct Token {
  enum Type { kNone, kNumber, kWord, kPunct } type = kNone;
  int digits = 0;
  int value = 0;
  char32_t punct = 0;
};

}  // namespace

std::string FormatDay(const Day& d) {
  char buf[48];
  std::snprintf(buf, sizeof(buf), "%04d-%02d-%02d", d.year, d.month, d.day);
  return buf;
}

std::optional<Day> FindDate(std::string_view text, const Day& max_day) {
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (!IsDigit(text[i])) continue;
    Cursor c(text, i);
    int value;
    const int digits = c.Digits(&value);
    if (CanStartDate(text, i)) {
      if (auto day = DateAt(text, i, c, value, digits, max_day)) return day;
    }
    i = c.pos() - 1;
  }
  return std::nullopt;
}

std::optional<Day> ParseIsoDay(std::string_view value, const Day& max_day) {
  std::size_t i = 0;
  while (i < value.size()) {
    const Rune r = Decode(value, i);
    if (!IsSpace(r.cp)) break;
    i += r.len;
  }
  Cursor c(value, i);
  int year, month, day;
  if (c.Digits(&year) != 4 || !c.Skip('-') || c.Digits(&month) != 2 || !c.Skip('-') ||
      c.Digits(&day) != 2 || IsDigit(c.Peek()) || year < 1000) {
    return std::nullopt;
  }
  if (month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month)) return std::nullopt;
  if (std::tie(year, month, day) > std::tie(max_day.year, max_day.month, max_day.day)) {
    return std::nullopt;
  }
  return Day{year, month, day};
}

int MonthNumber(std::string_view word) { return MonthOf(word); }

bool IsDateLine(std::string_view line) {
  if (line.size() > kMaxDateLine) return false;
  bool clock = false, near_day = false, unit = false, ago = false;
  bool month = false, number = false;
  Token last, before_last;
  for (std::size_t i = 0; i < line.size();) {
    const Rune r = Decode(line, i);
    Token token;
    if (IsSpace(r.cp)) {
      i += r.len;
      continue;
    } else if (r.cp >= '0' && r.cp <= '9') {
      Cursor c(line, i);
      token.type = Token::kNumber;
      token.digits = c.Digits(&token.value);
      if (token.digits > 4) return false;
      number = true;
      clock |= token.digits == 2 && token.value < 60 && last.type == Token::kPunct &&
               last.punct == ':' && before_last.type == Token::kNumber &&
               before_last.digits <= 2 && before_last.value <= 24;
      i = c.pos();
    } else if (IsLetter(r.cp)) {
      const std::size_t end = WordEnd(line, i, /*apostrophes=*/true);
      const WordInfo* info = LookUp(line.substr(i, end - i));
      if (info == nullptr) return false;
      token.type = Token::kWord;
      month |= (info->roles & (kMonth | kWordToo)) == kMonth;
      unit |= (info->roles & kUnit) != 0;
      ago |= (info->roles & kAgo) != 0;
      near_day |= (info->roles & kNearDay) != 0;
      clock |= (info->roles & kClock) != 0 && last.type == Token::kNumber;
      i = end;
    } else if (IsDatePunct(r.cp)) {
      token.type = Token::kPunct;
      token.punct = r.cp;
      i += r.len;
    } else {
      return false;
    }
    before_last = last;
    last = token;
  }
  if (clock || near_day || (unit && ago) || (month && number)) return true;
  return number && FindDate(line, Day{9999, 12, 31}).has_value();
}

Day LatestPlausibleDay() {
  using namespace std::chrono;
  const year_month_day ymd{floor<days>(system_clock::now()) + days{1}};
  return Day{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
             static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

}  // namespace pith
