#define BOOST_TEST_MODULE dates
#include <boost/test/unit_test.hpp>

#include <ctime>
#include <initializer_list>
#include <string>
#include <string_view>

#include "clean/dates.h"

namespace pith {
namespace {

// Later than every date in the tables, so that only the bound tests meet max_day.
constexpr Day kFarFuture{2030, 12, 31};

// A text and the day FindDate should find in it, "" for none.
struct DateCase {
  std::string_view text;
  std::string_view want;
};

std::string Found(std::string_view text, const Day& max_day) {
  const std::optional<Day> day = FindDate(text, max_day);
  return day ? FormatDay(*day) : "";
}

void CheckFindDate(std::initializer_list<DateCase> cases, const Day& max_day = kFarFuture) {
  for (const DateCase& c : cases) {
    BOOST_TEST_CONTEXT("text: " << c.text) { BOOST_TEST(Found(c.text, max_day) == c.want); }
  }
}

// A line and whether it is nothing but date furniture.
struct LineCase {
  std::string_view line;
  bool want;
};

void CheckIsDateLine(std::initializer_list<LineCase> cases) {
  for (const LineCase& c : cases) {
    BOOST_TEST_CONTEXT("line: " << c.line) { BOOST_TEST(IsDateLine(c.line) == c.want); }
  }
}

BOOST_AUTO_TEST_CASE(format_day_pads_to_iso) {
  BOOST_TEST(FormatDay(Day{2024, 6, 5}) == "2024-06-05");
  BOOST_TEST(FormatDay(Day{1995, 12, 31}) == "1995-12-31");
}

BOOST_AUTO_TEST_CASE(iso_dates_are_read_year_first) {
  CheckFindDate({
      {"2024-06-12", "2024-06-12"},
      {"2024-06-12T20:59:00Z", "2024-06-12"},
      {"2024-06-12T20:59:00+03:00", "2024-06-12"},
      {"published 2024-06-12 20:59", "2024-06-12"},
      {"2024/06/12", "2024-06-12"},
      {"2024.06.12", "2024-06-12"},
      {"2024-6-5", "2024-06-05"},
      {"https://example.com/2024/06/12/123456/story", "2024-06-12"},
      {"/news/post-2024-06-12-nato", "2024-06-12"},
      {"20240612", "2024-06-12"},
      {"updated 20240612 at noon", "2024-06-12"},
      {"id=20240612", ""},
      {"20240612abc", ""},
      {"120240612", ""},
      {"2024-13-01", ""},
      {"2024-06-31", ""},
      {"2024-06", ""},
      {"1998-2024", ""},
      {"version 2024.06.12.3", ""},
  });
}

BOOST_AUTO_TEST_CASE(numeric_dates_are_day_first_unless_slashes_or_numbers_say_otherwise) {
  CheckFindDate({
      {"12.06.2024", "2024-06-12"},
      {"12-06-2024", "2024-06-12"},
      {"5.6.2024", "2024-06-05"},
      {"05.06.2024", "2024-06-05"},
      {"12.06.2024г.", "2024-06-12"},
      {"20:59 12.06.2024", "2024-06-12"},
      {"12.06.2024, 20:59", "2024-06-12"},
      // '/' is read month-first when both numbers could be months.
      {"12/06/2024", "2024-12-06"},
      {"06/12/2024", "2024-06-12"},
      {"6/5/2024", "2024-06-05"},
      // A number over 12 cannot be the month, whatever the separator.
      {"25/06/2024", "2024-06-25"},
      {"06/25/2024", "2024-06-25"},
      {"06-25-2024", "2024-06-25"},
      {"06.25.2024", "2024-06-25"},
      {"25/25/2024", ""},
      {"31.06.2024", ""},
      {"00.06.2024", ""},
  });
}

BOOST_AUTO_TEST_CASE(two_digit_years_are_read_only_as_dd_mm_yy_with_dots) {
  CheckFindDate({
      {"12.06.24", "2024-06-12"},
      {"01.01.00", "2000-01-01"},
      {"31.12.99", "1999-12-31"},
      {"31.12.95", "1995-12-31"},
      {"12.06.94", ""},  // 1994
      {"12/06/24", ""},
      {"12-06-24", ""},
      {"1.2.24", ""},
      {"12.6.24", ""},
      {"12.06.2", ""},
      {"12.06.241", ""},
  });
}

BOOST_AUTO_TEST_CASE(rfc_2822_and_ctime_stamps_are_read) {
  CheckFindDate({
      {"Wed, 12 Jun 2024 20:59:00 +0000", "2024-06-12"},
      {"Sun, 1 Dec 2024 08:00:00 GMT", "2024-12-01"},
      {"Wed Jun 12 20:59:00 2024", "2024-06-12"},
      {"Wed Jun 12 2024 20:59:00 GMT+0000 (Coordinated Universal Time)", "2024-06-12"},
      {"Wed, 31 Jun 2024 20:59:00 +0000", ""},
  });
}

BOOST_AUTO_TEST_CASE(english_month_names_are_read_either_way_round) {
  CheckFindDate({
      {"June 12th, 2024", "2024-06-12"},
      {"June 12, 2024", "2024-06-12"},
      {"June 12 2024", "2024-06-12"},
      {"Jun 12 2024", "2024-06-12"},
      {"JUNE 12, 2024", "2024-06-12"},
      {"Nov. 19, 2024", "2024-11-19"},
      {"Sept 3, 2024", "2024-09-03"},
      {"Tuesday, November 19, 2024", "2024-11-19"},
      {"Tue 19 Nov 2024", "2024-11-19"},
      {"12 June 2024", "2024-06-12"},
      {"12 june, 2024", "2024-06-12"},
      {"1st of May 2024", "2024-05-01"},
      {"the 3rd of March, 2024", "2024-03-03"},
      {"22nd Feb. 2024", "2024-02-22"},
      {"(Sept. 27. 2006)", "2006-09-27"},
      {"19-Nov-2024", "2024-11-19"},
      {"19/Nov/2024", "2024-11-19"},
      {"Posted by Seth Godin on July 19, 2012 | Permalink", "2012-07-19"},
      {"Ministers met on June 12, 2024 in Brussels", "2024-06-12"},
      {"November 2024", ""},
      {"June 12", ""},
      {"12 June", ""},
      {"June 12, 20:59", ""},
      {"June 32, 2024", ""},
      {"Junes 12, 2024", ""},
  });
}

BOOST_AUTO_TEST_CASE(ukrainian_month_names_are_read_in_any_case_and_form) {
  CheckFindDate({
      {"12 червня 2024", "2024-06-12"},
      {"12 червня 2024 р.", "2024-06-12"},
      {"1 січня 2024 року", "2024-01-01"},
      {"12 ЧЕРВНЯ 2024", "2024-06-12"},
      {"12 червень 2024", "2024-06-12"},
      {"12 черв. 2024", "2024-06-12"},
      {"середа, 12 червня 2024, 20:59", "2024-06-12"},
      {"11 листопада 2024", "2024-11-11"},
      {"Червень 12, 2024", "2024-06-12"},
      {"червень 2024", ""},
      {"12 червня", ""},
  });
}

BOOST_AUTO_TEST_CASE(russian_month_names_are_read_in_any_case_and_form) {
  CheckFindDate({
      {"12 июня 2024", "2024-06-12"},
      {"12 июня 2024 г.", "2024-06-12"},
      {"1 января 2024 года", "2024-01-01"},
      {"12 ИЮНЯ 2024", "2024-06-12"},
      {"12 Июнь 2024", "2024-06-12"},
      {"12 сент. 2024", "2024-09-12"},
      {"12\u00a0июня\u00a02024", "2024-06-12"},
      {"31 декабря 1999", "1999-12-31"},
      {"Июнь 2024", ""},
  });
}

BOOST_AUTO_TEST_CASE(german_month_names_are_read) {
  CheckFindDate({
      {"12. Juni 2024", "2024-06-12"},
      {"Mittwoch, 12. Juni 2024", "2024-06-12"},
      {"3. März 2024", "2024-03-03"},
      {"3. MÄRZ 2024", "2024-03-03"},
      {"3. Mär 2024", "2024-03-03"},
      {"3. Maerz 2024", "2024-03-03"},
      {"1. Jänner 2024", "2024-01-01"},
      {"12. Dez. 2024", "2024-12-12"},
      {"12 Okt 2024", "2024-10-12"},
      {"Juni 2024", ""},
  });
}

BOOST_AUTO_TEST_CASE(french_month_names_are_read_with_or_without_accents) {
  CheckFindDate({
      {"12 juin 2024", "2024-06-12"},
      {"1er juin 2024", "2024-06-01"},
      {"1er février 2024", "2024-02-01"},
      {"1er fevrier 2024", "2024-02-01"},
      {"1er FÉVRIER 2024", "2024-02-01"},
      {"1er fe\u0301vrier 2024", "2024-02-01"},  // decomposed é
      {"15 août 2024", "2024-08-15"},
      {"15 aout 2024", "2024-08-15"},
      {"12 déc. 2024", "2024-12-12"},
      {"mercredi 12 juin 2024", "2024-06-12"},
      {"Publié le 12\u202fjuin 2024 à 20h59", "2024-06-12"},
      {"juin 2024", ""},
  });
}

BOOST_AUTO_TEST_CASE(spanish_month_names_are_read_with_de) {
  CheckFindDate({
      {"12 de junio de 2024", "2024-06-12"},
      {"12 de Junio de 2024", "2024-06-12"},
      {"1 de enero del 2024", "2024-01-01"},
      {"miércoles, 12 de junio de 2024", "2024-06-12"},
      {"junio 12, 2024", "2024-06-12"},
      {"12 jun. 2024", "2024-06-12"},
      {"12 de junio", ""},
      {"junio de 2024", ""},
  });
}

BOOST_AUTO_TEST_CASE(italian_portuguese_polish_and_dutch_month_names_are_read) {
  CheckFindDate({
      {"12 giugno 2024", "2024-06-12"},
      {"12 de junho de 2024", "2024-06-12"},
      {"1º de março de 2024", "2024-03-01"},
      {"12 czerwca 2024", "2024-06-12"},
      {"12 października 2024", "2024-10-12"},
      {"12 PAŹDZIERNIKA 2024", "2024-10-12"},
      {"12 juni 2024", "2024-06-12"},
      {"12 mei 2024", "2024-05-12"},
      {"12 mrt 2024", "2024-03-12"},
      {"12 out. 2024", "2024-10-12"},
  });
}

BOOST_AUTO_TEST_CASE(chinese_and_japanese_dates_are_read_year_first) {
  CheckFindDate({
      {"2024年4月15日 18時30分", "2024-04-15"},
      {"发布时间：2024年06月12日 10:32", "2024-06-12"},
      {"2024年6月", ""},  // no day
      {"2024年13月1日", ""},
  });
}

BOOST_AUTO_TEST_CASE(numbers_that_are_not_dates_are_skipped) {
  CheckFindDate({
      {"Price: 12.50", ""},
      {"Price: 12.50 EUR, 2024 model", ""},
      {"version 2.6.32", ""},
      {"Linux 5.15.0-91", ""},
      {"v1.12.2024", ""},
      {"IP 10.12.20.24", ""},
      {"1.12.06.2024", ""},
      {"at 20:59", ""},
      {"won 3-2", ""},
      {"Call 555-12-2024", ""},
      {"+380 44 12 06 2024", ""},
      {"ISBN 978-3-16-148410-0", ""},
      {"Room 12/06", ""},
      {"In 2024, 12 people", ""},
      // A decoy does not hide the date after it.
      {"won 3-2 on 12 June 2024", "2024-06-12"},
      {"version 2.6.32, released 2024-06-12", "2024-06-12"},
  });
}

BOOST_AUTO_TEST_CASE(days_that_do_not_exist_are_rejected_leap_years_included) {
  const Day far{2200, 12, 31};
  CheckFindDate({
                    {"29.02.2024", "2024-02-29"},
                    {"29.02.2023", ""},
                    {"28.02.2023", "2023-02-28"},
                    {"29 February 2000", "2000-02-29"},  // divisible by 400
                    {"29 February 2100", ""},            // by 100 only
                    {"2024-02-30", ""},
                    {"30 June 2024", "2024-06-30"},
                    {"31 June 2024", ""},
                    {"31.04.2024", ""},
                    {"31 июня 2024", ""},
                    // The first date that exists wins.
                    {"31 June 2024, then 1 July 2024", "2024-07-01"},
                },
                far);
}

BOOST_AUTO_TEST_CASE(years_before_1995_and_days_after_max_day_are_rejected) {
  const Day max_day{2024, 6, 12};
  CheckFindDate({
                    {"12.06.2024", "2024-06-12"},  // max_day itself
                    {"13.06.2024", ""},
                    {"2025-01-01", ""},
                    {"June 13, 2024", ""},
                    {"1 January 1995", "1995-01-01"},
                    {"31 December 1994", ""},
                    {"12.06.1994", ""},
                    {"1994-12-31", ""},
                    // A future date is skipped for a plausible one later on.
                    {"13.06.2024 or 11.06.2024", "2024-06-11"},
                },
                max_day);
}

BOOST_AUTO_TEST_CASE(the_first_plausible_date_wins) {
  CheckFindDate({
      {"Updated 2024-06-14, published 2024-06-12", "2024-06-14"},
      {"12 June 2024 and 13.06.2024", "2024-06-12"},
      {"Tags: 2 min read. 14:02 13.06.2024", "2024-06-13"},
  });
}

BOOST_AUTO_TEST_CASE(cut_and_ill_formed_text_is_read_safely) {
  // Every proper prefix cuts the date, some of them inside a Cyrillic letter.
  const std::string_view full = "12 червня 2024";
  for (std::size_t n = 0; n < full.size(); ++n) {
    BOOST_TEST_CONTEXT("prefix of " << n << " bytes") {
      BOOST_TEST(Found(full.substr(0, n), kFarFuture) == "");
    }
  }
  BOOST_TEST(Found(full, kFarFuture) == "2024-06-12");
  BOOST_TEST(Found("\x80\xBF 12 June 2024 \xD1", kFarFuture) == "2024-06-12");
  BOOST_TEST(Found("\xD1\x87 12", kFarFuture) == "");
  BOOST_TEST(!IsDateLine("\xFF 20:59"));
}

BOOST_AUTO_TEST_CASE(lines_of_only_dates_and_times_are_date_lines) {
  CheckIsDateLine({
      {"20:59 12.06.2024", true},
      {"12.06.2024, 20:59", true},
      {"  20:59 12.06.2024\u00a0", true},
      {"2024-06-12T20:59:00Z", true},
      {"July 24, 2012 12:11 AM", true},
      {"Tuesday, November 19, 2024", true},
      {"Published: June 12, 2024", true},
      {"June 12, 2024 at 3:45 pm", true},
      {"Updated July 23, 2012, 7:10 p.m. ET", true},
      {"Posted on Tuesday July 24, @07:29AM", true},
      {"Wed, 12 Jun 2024 20:59:00 +0000", true},
      {"Today 14:35", true},
      {"yesterday", true},
      {"November 2024", true},
      {"June 2012 (218)", true},
      {"Опубліковано 12 червня 2024 о 20:59", true},
      {"Сьогодні, 14:35", true},
      {"Опубликовано: 12 июня 2024, 20:59", true},
      {"Вчера в 20:59", true},
      {"Veröffentlicht am 12. Juni 2024 um 20:59 Uhr", true},
      {"Publié le 12 juin 2024 à 20h59", true},
      {"Mis à jour le 12 juin 2024", true},
      {"aujourd'hui à 14h35", true},
      {"Publicado el 12 de junio de 2024", true},
  });
}

BOOST_AUTO_TEST_CASE(relative_times_are_date_lines) {
  CheckIsDateLine({
      {"Updated 2 hours ago", true},
      {"18 days ago", true},
      {"2 hours ago", true},
      {"an hour ago", true},
      {"just now", true},
      {"3 хвилини тому", true},
      {"5 днів тому", true},
      {"2 дня назад", true},
      {"минуту назад", true},
      {"vor 2 Stunden", true},
      {"vor einer Stunde", true},
      {"il y a 3 jours", true},
      {"il y a une heure", true},
      {"hace 2 días", true},
      {"2 ore fa", true},
      {"3 dni temu", true},
      {"2 uur geleden", true},
      {"2 hours", false},  // a duration, not a time
  });
}

BOOST_AUTO_TEST_CASE(lines_with_other_words_are_not_date_lines) {
  CheckIsDateLine({
      {"Posted on June 12, 2024 by", false},
      {"Ministers met on June 12, 2024 in Brussels", false},
      {"Posted by Seth Godin on July 19, 2012 | Permalink", false},
      {"By Lim Cheng Soon, 18 August 2010", false},
      {"20:59 12.06.2024 NATO", false},
      {"12 червня 2024 у Брюсселі", false},
      {"2 min read", false},
      {"5 things to know", false},
      {"Comments (12)", false},
      {"© 2024 Example Inc.", false},
      {"Tags: #nato #stoltenberg", false},
      // Month abbreviations that are words too ("out" is Portuguese October).
      {"3 out of 5", false},
      {"On Set (3)", false},
  });
}

BOOST_AUTO_TEST_CASE(lines_without_a_date_or_time_are_not_date_lines) {
  std::string long_line;
  for (int i = 0; i < 20; ++i) long_line += "12.06.2024 ";
  CheckIsDateLine({
      {"", false},
      {"   ", false},
      {"Tuesday", false},
      {"Published", false},
      {"12", false},
      {"2024", false},
      {"3-2", false},
      {"12.50", false},
      {"2.6.32", false},
      {"1234567", false},
      {long_line, false},  // too long for furniture
  });
}

BOOST_AUTO_TEST_CASE(iso_days_from_metadata_are_read_before_1995_too) {
  const auto iso = [](std::string_view value, const Day& max_day = kFarFuture) {
    const std::optional<Day> day = ParseIsoDay(value, max_day);
    return day ? FormatDay(*day) : std::string();
  };
  BOOST_TEST(iso("2024-06-12") == "2024-06-12");
  BOOST_TEST(iso("  2024-06-12T20:59:00+03:00") == "2024-06-12");
  BOOST_TEST(iso("1969-07-20 20:17") == "1969-07-20");
  BOOST_TEST(iso("1000-01-01") == "1000-01-01");
  // Only the strict form, at the start, of a day that exists, not after max_day.
  BOOST_TEST(iso("0999-01-01") == "");
  BOOST_TEST(iso("2024-6-12") == "");
  BOOST_TEST(iso("2024/06/12") == "");
  BOOST_TEST(iso("20240612") == "");
  BOOST_TEST(iso("on 2024-06-12") == "");
  BOOST_TEST(iso("2024-06-123") == "");
  BOOST_TEST(iso("2023-02-29") == "");
  BOOST_TEST(iso("2024-13-01") == "");
  BOOST_TEST(iso("2024-06-12", Day{2024, 6, 11}) == "");
  BOOST_TEST(iso("") == "");
}

BOOST_AUTO_TEST_CASE(month_numbers_are_read_from_names_in_every_language) {
  BOOST_TEST(MonthNumber("June") == 6);
  BOOST_TEST(MonthNumber("jun") == 6);
  BOOST_TEST(MonthNumber("червня") == 6);
  BOOST_TEST(MonthNumber("ЧЕРВНЯ") == 6);
  BOOST_TEST(MonthNumber("Février") == 2);
  BOOST_TEST(MonthNumber("Juni") == 6);
  BOOST_TEST(MonthNumber("Smith") == 0);
  BOOST_TEST(MonthNumber("") == 0);
}

BOOST_AUTO_TEST_CASE(latest_plausible_day_is_tomorrow_in_utc) {
  auto tomorrow = [] {
    const std::time_t t = std::time(nullptr) + 24 * 60 * 60;
    std::tm tm{};
    gmtime_r(&t, &tm);
    return Day{tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday};
  };
  const Day before = tomorrow();
  const Day got = LatestPlausibleDay();
  const Day after = tomorrow();  // the day may turn between the calls
  BOOST_TEST((got == before || got == after), FormatDay(got));
}

}  // namespace
}  // namespace pith
