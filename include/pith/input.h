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

// How the records of an input are laid out.
enum class InputFormat {
  kAuto,   // by file name: .jsonl/.jsonl.gz are JSONL, .html/.htm HTML, else a
           // text dump; stdin is JSONL when its first non-blank byte is '{'
  kText,   // the whole input is one text dump
  kHtml,   // the whole input is one HTML page
  kJsonl,  // one JSON object a line (gzip-compressed when it starts with the gzip magic)
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
// is a file, a folder (walked recursively in sorted order, taking files that
// end in .html, .htm, .txt, .jsonl, .jsonl.gz, .warc, .warc.gz) or "-" for
// stdin. Memory does not grow with the size of an input.
//
// Never loses a record: an unreadable file, a malformed JSONL line, a line over
// the size cap or a truncated gzip stream each yield one record whose status
// says what went wrong and where ("dump.jsonl:17: ..."); reading then goes on.
// Not thread-safe.
class RecordReader {
 public:
  RecordReader(std::vector<std::string> inputs, InputOptions options);
  ~RecordReader();
  RecordReader(const RecordReader&) = delete;
  RecordReader& operator=(const RecordReader&) = delete;

  // Fills *page with the next record and returns true; false when all inputs
  // are exhausted. page->source is the path, with "#N" appended for the N-th
  // record (from 1) of a JSONL file; "-" stands for stdin.
  bool Next(RawPage* page);

 private:
  struct Rep;
  std::unique_ptr<Rep> rep_;
};

}  // namespace pith

#endif  // PITH_INPUT_H_
