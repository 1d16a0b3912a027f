#include "pith/batch.h"

#include <algorithm>
#include <atomic>
#include <cstdint>
#include <memory>
#include <thread>
#include <vector>

namespace pith {
namespace {

// Where a record stands in its slot.
enum Step : std::uint32_t { kFree = 0, kRead = 1, kCleaned = 2, kSteps = 3 };

// One place of the ring of records in flight. Record s uses slot s % window
// in round s / window, and the slot's phase is kSteps * round + step. Each
// step is taken by one party only (the reader fills a free slot, the worker
// that claimed s cleans it, the writer hands it on and frees it for the next
// round), so each party waits for exactly the phase it needs, and a slot's
// page and article belong to one thread at a time, handed over by the
// phase's release store and acquire load. A party can only find the phase
// it waits for or one of the few before it, so the phase may wrap.
struct Slot {
  std::atomic<std::uint32_t> phase{0};
  bool end = false;  // no record: the source is exhausted, or the batch stopped
  std::size_t input_bytes = 0;
  RawPage page;
  Article article;
};

class Batch {
 public:
  Batch(const Cleaner& cleaner, std::size_t threads, std::size_t window)
      : cleaner_(cleaner), threads_(threads), window_(window),
        slots_(std::make_unique<Slot[]>(window)) {}

  // The reader: fills free slots in order, then gives each worker an end
  // marker (each stops at the first it claims).
  void Read(const RecordSource& source) {
    std::uint64_t seq = 0;
    for (; !stop_.load(std::memory_order_relaxed); ++seq) {
      Slot& slot = Await(seq, kFree);
      if (!source(&slot.page)) break;
      slot.input_bytes = slot.page.body.size();
      Advance(seq, kRead);
    }
    for (std::size_t i = 0; i < threads_; ++i, ++seq) {
      Await(seq, kFree).end = true;
      Advance(seq, kRead);
    }
  }

  // A worker: cleans the record of each sequence number it claims.
  void Clean() {
    for (;;) {
      const std::uint64_t seq = next_claim_.fetch_add(1, std::memory_order_relaxed);
      Slot& slot = Await(seq, kRead);
      const bool end = slot.end;
      if (!end && !stop_.load(std::memory_order_relaxed)) {
        slot.article = cleaner_.Clean(slot.page);
      }
      slot.page = RawPage();  // its memory is not held until the slot's next round
      Advance(seq, kCleaned);
      if (end) return;
    }
  }

  // The writer: hands the articles to sink in order until the first end
  // marker; after sink refused one, drains the rest without handing it on.
  std::size_t Write(const ArticleSink& sink) {
    std::size_t taken = 0;
    for (std::uint64_t seq = 0;; ++seq) {
      Slot& slot = Await(seq, kCleaned);
      if (slot.end) return taken;
      if (!stop_.load(std::memory_order_relaxed)) {
        ++taken;
        if (!sink(std::move(slot.article), slot.input_bytes)) {
          stop_.store(true, std::memory_order_relaxed);
        }
      }
      slot.article = Article();
      Advance(seq + window_, kFree);
    }
  }

 private:
  std::uint32_t PhaseOf(std::uint64_t seq, Step step) const {
    return static_cast<std::uint32_t>(seq / window_ * kSteps + step);
  }

  // Waits until record seq's slot reaches step, and returns the slot.
  Slot& Await(std::uint64_t seq, Step step) {
    Slot& slot = slots_[seq % window_];
    const std::uint32_t want = PhaseOf(seq, step);
    for (std::uint32_t now = slot.phase.load(std::memory_order_acquire); now != want;
         now = slot.phase.load(std::memory_order_acquire)) {
      slot.phase.wait(now, std::memory_order_acquire);
    }
    return slot;
  }

  void Advance(std::uint64_t seq, Step step) {
    Slot& slot = slots_[seq % window_];
    slot.phase.store(PhaseOf(seq, step), std::memory_order_release);
    slot.phase.notify_all();
  }

  const Cleaner& cleaner_;
  const std::size_t threads_;
  const std::size_t window_;
  std::unique_ptr<Slot[]> slots_;
  std::atomic<std::uint64_t> next_claim_{0};
  std::atomic<bool> stop_{false};
};

}  // namespace

std::size_t CleanBatch(const Cleaner& cleaner, const BatchOptions& options,
                       const RecordSource& source, const ArticleSink& sink) {
  const std::size_t threads =
      options.threads > 0 ? options.threads
                          : std::max<std::size_t>(1, std::thread::hardware_concurrency());
  // A window of at least one record per worker keeps every claimed record
  // within one round of its slot (see Slot).
  const std::size_t window = std::max(options.window > 0 ? options.window : 16 * threads, threads);
  Batch batch(cleaner, threads, window);
  std::vector<std::jthread> workers;
  workers.reserve(threads + 1);
  workers.emplace_back([&] { batch.Read(source); });
  for (std::size_t i = 0; i < threads; ++i) workers.emplace_back([&] { batch.Clean(); });
  return batch.Write(sink);
}

}  // namespace pith
