// WARC (ISO 28500, versions 1.0 and 1.1): the archive format of web crawls.
// The writer archives what pith fetch received; the reader turns response
// records, from pith or from any crawler, into raw pages.

#ifndef PITH_FETCH_WARC_H_
#define PITH_FETCH_WARC_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>

#include "fetch/byte_stream.h"
#include "pith/pith.h"

namespace pith {

// One HTTP request and the response to it, as WarcWriter archives them.
struct HttpExchange {
  std::string url;            // WARC-Target-URI: the URL that was requested
  std::string date;           // WARC-Date: when the response came, ISO 8601 UTC
  std::string ip;             // WARC-IP-Address; "" when unknown
  std::string request;        // the request head as sent, ending in a blank line
  std::string response_head;  // status line and headers as received, ending in a blank line
  std::string_view payload;   // the body with any content coding undone
};

// Writes WARC/1.1 files as Common Crawl ships them: a warcinfo record, then a
// request and a response record per exchange, each record a gzip member of
// its own. The payload is stored decoded, so its Content-Encoding,
// Content-Length and Transfer-Encoding headers are renamed X-Crawler-* and a
// Content-Length of the stored payload is added. Not thread-safe.
class WarcWriter {
 public:
  // Opens (creating) the file at path into *writer. With append, records go
  // after those already there; else the file is emptied first. software (as
  // "pith/0.1.0") goes into the warcinfo record.
  static Status Open(const std::string& path, bool append, std::string_view software,
                     std::unique_ptr<WarcWriter>* writer);
  ~WarcWriter();
  WarcWriter(const WarcWriter&) = delete;
  WarcWriter& operator=(const WarcWriter&) = delete;

  // Appends the exchange's two records with one write, so a reader of a file
  // that a killed run left behind finds both records or neither (short of a
  // full disk).
  Status Write(const HttpExchange& exchange);

 private:
  WarcWriter(int fd, std::string path);
  std::string NewRecordId();
  Status Append(const std::string& bytes);

  int fd_;
  std::string path_;
  std::string warcinfo_id_;
  std::mt19937_64 random_;
};

// Reads the records of one WARC file, plain or gzip (one member per record,
// or any number of records per member), streaming: memory holds one record
// at most, and a record over max_record_bytes is read past, not held. Which
// records become pages, and the error records for bad, truncated or damaged
// input, are as RecordReader documents them (pith/input.h). A record that
// begins a gzip member must end in it: that is how a truncated record is
// told in a file of one member per record.
class WarcReader {
 public:
  // REQUIRES: in was made with split_members.
  WarcReader(std::unique_ptr<ByteStream> in, std::string path, std::size_t max_record_bytes);
  ~WarcReader();

  // Fills *page (which must be empty) with the next page or error record;
  // false when the file is exhausted.
  bool Next(RawPage* page);

 private:
  enum class LineRead { kOk, kEnd, kTooLong };
  struct Start {
    std::uint64_t offset;
    bool in_one_member;
  };

  bool Available();
  LineRead ReadLine(std::string* line, std::uint64_t* length);
  bool FindRecord(Start* start, RawPage* page);
  bool Fail(RawPage* page, std::string source, Status status);
  bool StreamFailed(RawPage* page);

  std::unique_ptr<ByteStream> in_;
  std::string path_;
  std::size_t max_record_bytes_;
  std::size_t responses_ = 0;
  bool ended_ = false;
  bool cross_members_ = true;  // the record being read may span gzip members
  std::optional<Start> held_;  // a record whose version line is already read
};

}  // namespace pith

#endif  // PITH_FETCH_WARC_H_
