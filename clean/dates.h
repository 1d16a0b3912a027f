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

// The first plausible date written in text: ISO 8601 ("2024-06-12",
// "2024-06-12T20:59:00Z"), numeric day-first ("12.06.2024", "12/06/2024" read
// day-first unless the first number is over 12... see dates.cc), RFC 2822, and
// month names in English, Ukrainian, Russian, German, French, Spanish ("June 12th,
// 2024", "12 June 2024", "Tuesday, November 19, 2024", "12 червня 2024",
// "12. Juni 2024", "12 juin 2024", "12 de junio de 2024"). Days that do not exist,
// years before 1995 and days after max_day are rejected.
std::optional<Day> FindDate(std::string_view text, const Day& max_day);

// True when line is nothing but a date and/or time stamp, possibly with a
// weekday, "Updated", "Published" and the like ("20:59 12.06.2024",
// "July 24, 2012 12:11 AM", "Tuesday, November 19, 2024", "18 days ago",
// "2 hours ago", "yesterday"). Such lines are page furniture, not body.
bool IsDateLine(std::string_view line);

// Today (UTC) plus one day: the latest publication day accepted by default.
Day LatestPlausibleDay();

}  // namespace pith

#endif  // PITH_CLEAN_DATES_H_
