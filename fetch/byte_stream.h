// The bytes of one input file or pipe, inflated on the fly when they are
// gzip. Shared by the loaders: JSONL reads it as one stream of lines, WARC
// member by member.

#ifndef PITH_FETCH_BYTE_STREAM_H_
#define PITH_FETCH_BYTE_STREAM_H_

#include <zlib.h>

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "pith/pith.h"

namespace pith {

// Reads an input a chunk at a time. An input that starts with the gzip magic
// is inflated; its members (a gzip file may hold many, one after another) are
// either read as one stream or, with split_members, one at a time. Reading
// stops at the first error, which status() then holds. Memory stays at two
// 64 KiB buffers whatever the input's size. Not thread-safe.
class ByteStream {
 public:
  // Reads fd, closing it at the end when owns_fd. name is used in messages.
  ByteStream(int fd, bool owns_fd, std::string name, bool split_members = false);
  ~ByteStream();
  ByteStream(const ByteStream&) = delete;
  ByteStream& operator=(const ByteStream&) = delete;

  // The bytes read and not yet skipped, reading more when none are left;
  // empty at the end of the input, after an error, and with split_members at
  // the end of each gzip member (NextMember() then goes on).
  std::string_view Peek();

  // REQUIRES: n <= Peek().size().
  void Skip(std::size_t n);

  // With split_members, after Peek() came back empty at the end of a gzip
  // member: starts the next one and returns true; false at the end of the
  // input or on an error. Always false for input that is not gzip.
  bool NextMember();

  // After a corruption error in gzip input: looks for the next gzip member
  // after the start of the damaged one (after the damage itself when the input
  // cannot seek, as a pipe), clears the error and returns true when it finds
  // one; returns false, with the error cleared, when the input holds no more.
  // Returns false and changes nothing when there is no corruption to skip.
  bool Resume();

  // Where the byte Peek() returns first comes from: its offset in the input,
  // or with gzip the offset of the member it was inflated from (the offset an
  // index such as a CDX file records). Valid after a Peek().
  std::uint64_t offset() const;

  // Whether no byte of the current gzip member has been skipped yet: with
  // split_members, a reader can tell a record that starts its member.
  bool at_member_start() const { return gzip_ && member_skipped_ == 0; }

  const Status& status() const { return status_; }
  bool gzip() const { return gzip_; }

 private:
  bool ReadIn();
  void Inflate();
  void StartMember(std::size_t at);

  int fd_;
  bool owns_fd_;
  std::string name_;
  bool split_members_;
  std::unique_ptr<char[]> in_;  // bytes as read from fd_
  std::size_t in_pos_ = 0;
  std::size_t in_end_ = 0;
  std::uint64_t in_total_ = 0;  // offset in the input of in_[in_end_]
  bool in_eof_ = false;
  bool gzip_ = false;
  z_stream z_{};
  bool member_done_ = false;          // the last gzip member ended cleanly
  std::uint64_t member_start_ = 0;    // offset of the member being inflated
  std::uint64_t out_member_ = 0;      // offset of the member out_ came from
  std::uint64_t member_skipped_ = 0;  // inflated bytes of the member skipped
  std::unique_ptr<char[]> out_;       // inflated bytes, with gzip
  std::size_t out_pos_ = 0;
  std::size_t out_end_ = 0;
  Status status_;
};

}  // namespace pith

#endif  // PITH_FETCH_BYTE_STREAM_H_
