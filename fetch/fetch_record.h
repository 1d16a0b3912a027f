// Fetch records on disk: the JSONL line `pith fetch` writes, reading back the
// URLs a killed run finished (for --resume), and a record as a raw page.

#ifndef PITH_FETCH_FETCH_RECORD_H_
#define PITH_FETCH_FETCH_RECORD_H_

#include <chrono>
#include <cstdint>
#include <string>
#include <vector>

#include "pith/fetch.h"
#include "pith/pith.h"

namespace pith {

// t as ISO 8601 in UTC to the second: "2024-05-01T12:00:00Z".
std::string Iso8601(std::chrono::system_clock::time_point t);

// One JSON object on one line, ending in '\n', with the keys in this order:
// url, final_url, status, fetched_at, content_type, charset, last_modified,
// etag, html, error. Unknown (empty) strings and a status of 0 are null; html
// is always a string; error is null when the record is ok, else
// error.ToString(). Valid JSON and valid UTF-8 whatever the strings held.
std::string ToJsonLine(const FetchRecord& record);

// Reads the JSONL records in the file at path, as ToJsonLine wrote them, and
// appends the url of each to *urls. *whole_bytes is the length of the part of
// the file made of whole lines: a run killed mid-write leaves a last line
// without its '\n', which is not counted and should be cut off before the
// file is appended to. A file that does not exist holds no records. Lines
// that are not records of pith fetch are skipped.
Status ReadFetchedUrls(const std::string& path, std::vector<std::string>* urls,
                       std::uint64_t* whole_bytes);

// The record as a page for the cleaner: source is the URL, given.url the
// final URL, the body the UTF-8 page (kText for text/plain, else kHtml), and
// a record's error becomes the page's status.
RawPage ToRawPage(FetchRecord record);

}  // namespace pith

#endif  // PITH_FETCH_FETCH_RECORD_H_
