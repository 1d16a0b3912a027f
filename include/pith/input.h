// Loaders: raw-page records from files, folders, JSONL dumps and stdin.
// Part of the pith_fetch library; the cleaning library does not depend on it.

#ifndef PITH_INPUT_H_
#define PITH_INPUT_H_

#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "pith/pith.h"

namespace pith {

// How the records of an input are laid out. Whatever the format, an input
// that starts with the gzip magic is inflated first, and a file named .warc
// or .warc.gz is WARC (see below).
enum class InputFormat {
  kAuto,   // by file name: .jsonl/.jsonl.gz are JSONL, .html/.htm HTML, .txt a
           // text dump; stdin and other names are JSONL when their first
           // non-blank byte is '{', else one page of ContentKind::kAuto
  kText,   // the whole input is one text dump
  kHtml,   // the whole input is one HTML page
  kJsonl,  // one JSON object a line
};

// Options of a RecordReader. Each default is written beside its field.
struct InputOptions {
  InputFormat format = InputFormat::kAuto;
  // A file or JSONL line over this size yields an error record instead of
  // being read into memory. Default: 32 MiB (as CleanOptions::max_input_bytes).
  std::size_t max_record_bytes = std::size_t{32} << 20;
  // JSONL field names of a record's page: text dump, then HTML.
  std::string text_field = "text";
  std::string html_field = "html";
};

// Streams the records of a list of inputs, one at a time, in order: each path
// is a file, a folder (walked recursively, its files sorted by path, taking
// those that end in .html, .htm, .txt, .jsonl, .jsonl.gz, .warc, .warc.gz; links
// to folders are not followed) or "-" for stdin. Memory does not grow with the
// size of an input: a record is held only up to max_record_bytes.
//
// A JSONL line is one JSON object; its page is the string at text_field (a text
// dump) or else at html_field (HTML). The string fields url, title, date,
// author (or an array of authors), sitename, language and description, and
// tags (an array of strings or one comma-separated string) go into
// RawPage::given; other keys are ignored. Blank lines are skipped.
//
// A WARC file (1.0 or 1.1, plain or gzip with any number of members) yields
// one record per response record: a page when its HTTP status is 2xx and its
// content type HTML (kHtml; also when it has none) or text/plain (kText),
// with given.url from WARC-Target-URI, charset from the HTTP Content-Type and
// the payload as body (chunked, gzip and deflate codings undone); else an
// error, "path#N: HTTP status 404" (kIOError) or "path#N: not a page: content
// type image/png" (kUnsupported). warcinfo, request, metadata, resource,
// revisit and conversion records are skipped, and responses to dns: lookups.
//
// Never loses a record: each of these yields one record whose status says what
// went wrong and where, and reading then goes on with the next line or input:
//   an unreadable file or folder (kIOError)   "path: <strerror>"
//   a line that is not JSON (kCorruption)     "path:LINE: malformed JSON: <why>"
//   an object without the page (kCorruption)  "path:LINE: record has no 'text' or 'html' field"
//   a line or file over the cap (kTooLarge)   "path[:LINE]: record of N bytes exceeds the M-byte
//                                              cap" (read past in chunks, never held whole)
//   a truncated gzip stream (kCorruption)     "path: truncated gzip stream at byte offset N"
//   a corrupt gzip stream (kCorruption)       "path: corrupt gzip stream at byte offset N: <why>"
//   a WARC record cut short (kCorruption)     "path: WARC record at byte offset N: truncated"
//   a bad WARC header (kCorruption)           "path: WARC record at byte offset N: malformed:
//   <why>" bytes between WARC records (kCorruption)  "path: byte offset N: not a WARC record
//   (skipped M
//                                              bytes)"
// LINE counts every line from 1, blank ones included, as an editor does; byte
// offsets are in the compressed file: a WARC record's is that of the gzip
// member it begins in (in a plain file, its own). A gzip error ends a JSONL
// input, and a line it cut short is not returned; in a WARC file reading goes
// on with the next gzip member, which is also how a record that begins a
// member is known to be cut short. An empty file is a record with an empty body.
// Not thread-safe.
// Whether RecordReader reads the file at path when it walks a folder: a
// name ending in .html, .htm, .txt, .jsonl, .jsonl.gz, .warc or .warc.gz, in
// any case. Other files in a folder are skipped.
bool IsFolderInput(std::string_view path);

class RecordReader {
 public:
  RecordReader(std::vector<std::string> inputs, InputOptions options);
  ~RecordReader();
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  // Fills *page with the next record and returns true; false when all inputs
  // are exhausted. page->source is the path, with "#N" appended for the N-th
  // record (from 1, counting non-blank lines) of a JSONL input or the N-th
  // response record of a WARC file; "-" stands for stdin. An error that concerns a whole input has
  // the bare path as source.
  bool Next(RawPage* page);

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace pith

#endif  // PITH_INPUT_H_
