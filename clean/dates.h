// Dates as pages write them, in many forms and languages, turned into days.

#ifndef PITH_CLEAN_DATES_H_
#define PITH_CLEAN_DATES_H_

#include <optional>
#include <string>
#include <string_view>

namespace pith {

// A calendar day.
struct Day {
  int year = 0;
  int month = 0;  // 1..12
  int day = 0;    // 1..31
  friend bool operator==(const Day&, const Day&) = default;
};

// "YYYY-MM-DD".
std::string FormatDay(const Day& d);

// The first plausible date written in text, or nullopt. Reads:
//  - ISO 8601 and its kin, year first: "2024-06-12", "2024-06-12T20:59:00Z",
//    "2024/06/12", "2024.06.12", and "20240612" when it stands alone between
//    white space;
//  - all-numeric dates "12.06.2024", "12-06-2024", "06/12/2024": a number
//    over 12 is the day; when both could be months, '/' is read month-first
//    (US) and '.' and '-' day-first. Two-digit years only as "dd.mm.yy",
//    00..94 being 2000..2094 and 95..99 1995..1999;
//  - month names, full or abbreviated, in any case, with or without accents
//    or a trailing '.', in English, Ukrainian, Russian (nominative and
//    genitive), German, French, Spanish, Italian, Portuguese, Polish and
//    Dutch, day first or month first: "12 June 2024", "June 12th, 2024",
//    "Tuesday, November 19, 2024", "Wed, 12 Jun 2024 20:59:00 +0000" (RFC
//    2822), "12-Jun-2024", "12 червня 2024", "12. Juni 2024", "1er juin 2024",
//    "12 de junio de 2024". A month and a year alone ("November 2024") are not
//    a day.
// Days that do not exist, years before 1995 and days after max_day are
// skipped for a later date in text. Numbers glued to letters or running on
// into more numbers are not read as dates: versions ("2.6.32", "v1.12.2024"),
// prices ("12.50"), phone numbers, scores ("3-2"), times alone ("20:59").
// Thread-safe, no allocation per call; text need not be valid UTF-8.
std::optional<Day> FindDate(std::string_view text, const Day& max_day);

// The day of a date as machine-readable metadata writes it: an ISO 8601
// calendar date at the start of value, after white space ("2024-06-12",
// "2024-06-12T20:59:00+03:00", "1987-03-01 10:00"), or nullopt. Unlike
// FindDate it reads any year from 1000 on, since such a value states the day
// unambiguously, but still refuses days after max_day and days that do not
// exist. Thread-safe.
std::optional<Day> ParseIsoDay(std::string_view value, const Day& max_day);

// The month a word names in any of FindDate's languages, in any case and with
// or without accents ("June", "jun", "червня", "Juni", "février"), or 0.
// Some abbreviations are words too ("mar", "may"). Thread-safe.
int MonthNumber(std::string_view word);

// True when line is nothing but date and time furniture: a date, a time or a
// relative time, possibly with a weekday, "Published:", "Updated", "at", a
// time zone and the like, in any of FindDate's languages ("20:59 12.06.2024",
// "July 24, 2012 12:11 AM", "Tuesday, November 19, 2024", "Updated 2 hours
// ago", "3 хвилини тому", "vor 2 Stunden", "il y a 3 jours", "hace 2 días",
// "yesterday", "Today 14:35", "November 2024"). Any other word makes it false:
// "Posted on June 12, 2024 by" holds a byline, "Ministers met on June 12,
// 2024 in Brussels" is prose. Such lines are page furniture, not body.
// Thread-safe.
bool IsDateLine(std::string_view line);

// Today (UTC) plus one day: the latest publication day accepted by default.
Day LatestPlausibleDay();

}  // namespace pith

#endif  // PITH_CLEAN_DATES_H_
