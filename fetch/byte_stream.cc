#include "fetch/byte_stream.h"

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <utility>

namespace pith {
namespace {

constexpr std::size_t kChunk = std::size_t{1} << 16;
constexpr std::string_view kGzipMagic("\x1f\x8b\x08", 3);  // ID1 ID2 CM=deflate

}  // namespace

ByteStream::ByteStream(int fd, bool owns_fd, std::string name, bool split_members)
    : fd_(fd),
      owns_fd_(owns_fd),
      name_(std::move(name)),
      split_members_(split_members),
      in_(new char[kChunk]) {
  while (in_end_ < 2 && ReadIn()) {
  }
  if (in_end_ >= 2 && in_[0] == '\x1f' && in_[1] == '\x8b') {
    gzip_ = true;
    out_.reset(new char[kChunk]);
    z_.next_in = reinterpret_cast<Bytef*>(in_.get());
    z_.avail_in = static_cast<uInt>(in_end_);
    if (inflateInit2(&z_, 15 + 16) != Z_OK) {
      gzip_ = false;  // never initialized: nothing to end
      status_ = Status::IOError(name_ + ": cannot start the gzip decoder");
      in_pos_ = in_end_;
    }
  }
}

ByteStream::~ByteStream() {
  if (gzip_) inflateEnd(&z_);
  if (owns_fd_) close(fd_);
}

std::string_view ByteStream::Peek() {
  if (gzip_) {
    if (out_pos_ == out_end_) Inflate();
    return {out_.get() + out_pos_, out_end_ - out_pos_};
  }
  if (in_pos_ == in_end_) {
    in_pos_ = in_end_ = 0;
    ReadIn();
  }
  return {in_.get() + in_pos_, in_end_ - in_pos_};
}

void ByteStream::Skip(std::size_t n) {
  if (gzip_) {
    out_pos_ += n;
    member_skipped_ += n;
  } else {
    in_pos_ += n;
  }
}

std::uint64_t ByteStream::offset() const {
  return gzip_ ? out_member_ : in_total_ - (in_end_ - in_pos_);
}

bool ByteStream::NextMember() {
  if (!gzip_ || !status_.ok() || !member_done_ || out_pos_ != out_end_) return false;
  if (z_.avail_in == 0) {
    in_pos_ = in_end_ = 0;
    if (!ReadIn()) return false;
    z_.next_in = reinterpret_cast<Bytef*>(in_.get());
    z_.avail_in = static_cast<uInt>(in_end_);
  }
  StartMember(static_cast<std::size_t>(reinterpret_cast<char*>(z_.next_in) - in_.get()));
  return true;
}

bool ByteStream::Resume() {
  if (!gzip_ || status_.code() != Status::Code::kCorruption) return false;
  status_ = Status();
  out_pos_ = out_end_ = 0;
  // The next member may begin inside what the decoder swallowed before it
  // noticed the damage, so a file is searched again from the damaged
  // member's start; a pipe only from where decoding stopped.
  std::size_t pos;
  off_t from = static_cast<off_t>(member_start_ + 1);
  if (lseek(fd_, from, SEEK_SET) == from) {
    in_total_ = member_start_ + 1;
    in_pos_ = in_end_ = 0;
    in_eof_ = false;
    pos = 0;
  } else {
    pos = static_cast<std::size_t>(reinterpret_cast<char*>(z_.next_in) - in_.get());
  }
  for (;;) {
    std::string_view unread(in_.get() + pos, in_end_ - pos);
    if (std::size_t at = unread.find(kGzipMagic); at != std::string_view::npos) {
      StartMember(pos + at);
      return true;
    }
    // Keep the last two bytes: a magic may straddle two reads.
    std::size_t keep = std::min(kGzipMagic.size() - 1, unread.size());
    std::memmove(in_.get(), in_.get() + in_end_ - keep, keep);
    in_end_ = keep;
    pos = 0;
    if (!ReadIn()) {
      z_.avail_in = 0;
      member_done_ = true;  // nothing more to inflate, and nothing cut short
      return false;
    }
  }
}

void ByteStream::StartMember(std::size_t at) {
  z_.next_in = reinterpret_cast<Bytef*>(in_.get() + at);
  z_.avail_in = static_cast<uInt>(in_end_ - at);
  member_start_ = in_total_ - (in_end_ - at);
  inflateReset(&z_);
  member_done_ = false;
  member_skipped_ = 0;
}

// Appends to in_ what one read() returns; false at the end or on an error.
bool ByteStream::ReadIn() {
  if (in_eof_ || !status_.ok()) return false;
  ssize_t n;
  do {
    n = read(fd_, in_.get() + in_end_, kChunk - in_end_);
  } while (n < 0 && errno == EINTR);
  if (n < 0) {
    status_ = Status::IOError(name_ + ": " + std::strerror(errno));
    return false;
  }
  if (n == 0) {
    in_eof_ = true;
    return false;
  }
  in_end_ += static_cast<std::size_t>(n);
  in_total_ += static_cast<std::uint64_t>(n);
  return true;
}

// Refills out_ with at least one byte of one member, or stops at the end of
// the input, at an error, or with split_members_ at the end of a member.
void ByteStream::Inflate() {
  out_pos_ = out_end_ = 0;
  while (status_.ok()) {
    if (member_done_ && split_members_) return;
    if (z_.avail_in == 0) {
      in_pos_ = in_end_ = 0;
      if (!ReadIn()) {
        if (status_.ok() && !member_done_) {
          status_ = Status::Corruption(name_ + ": truncated gzip stream at byte offset " +
                                       std::to_string(in_total_));
        }
        return;
      }
      z_.next_in = reinterpret_cast<Bytef*>(in_.get());
      z_.avail_in = static_cast<uInt>(in_end_);
    }
    if (member_done_) {  // more bytes after a member: the next member
      StartMember(static_cast<std::size_t>(reinterpret_cast<char*>(z_.next_in) - in_.get()));
    }
    z_.next_out = reinterpret_cast<Bytef*>(out_.get());
    z_.avail_out = static_cast<uInt>(kChunk);
    out_member_ = member_start_;
    int rc = inflate(&z_, Z_NO_FLUSH);
    out_end_ = kChunk - z_.avail_out;
    if (rc == Z_STREAM_END) {
      member_done_ = true;
    } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
      status_ =
          Status::Corruption(name_ + ": corrupt gzip stream at byte offset " +
                             std::to_string(in_total_ - z_.avail_in) + ": " +
                             (z_.msg != nullptr ? z_.msg : "inflate error " + std::to_string(rc)));
      out_end_ = 0;  // what came out with the corrupt spot is not to be trusted
      return;
    }
    if (out_end_ > 0) return;
  }
}

}  // namespace pith
