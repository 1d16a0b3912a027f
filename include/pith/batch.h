// Batch cleaning: a stream of records through one Cleaner on worker threads,
// the articles handed on in input order, with a bounded number of records in
// memory whatever the length of the stream. Part of the pith_fetch library.
//
//   pith::RecordReader reader(paths, pith::InputOptions());
//   pith::CleanBatch(cleaner, pith::BatchOptions(),
//                    [&](pith::RawPage* page) { return reader.Next(page); },
//                    [&](pith::Article article, std::size_t) { return Write(article); });

#ifndef PITH_BATCH_H_
#define PITH_BATCH_H_

#include <cstddef>
#include <functional>

#include "pith/pith.h"

namespace pith {

// Options of CleanBatch. Each default is written beside its field.
struct BatchOptions {
  // Threads cleaning records. Default (0): one per core.
  std::size_t threads = 0;
  // Records in flight at once: handed out by the source and not yet taken by
  // the sink. Memory is about window records (each at most the reader's
  // record cap) plus one cleaning's working set per thread. Raised to
  // `threads` when smaller. Default (0): sixteen per thread, so that the
  // reader and the writer, waking less often, leave the cores to the workers
  // (text dumps on 2 cores: -j2 1.77 times -j1 with four, 1.92 with sixteen).
  std::size_t window = 0;
};

// Fills *page with the next record and returns true, or returns false when
// the records are exhausted. Called from one thread at a time, never after
// it returned false.
using RecordSource = std::function<bool(RawPage* page)>;

// Takes the article of the next record, in the order the source gave the
// records, with the size of that record's body; false stops the batch.
// Called on the thread that called CleanBatch.
using ArticleSink = std::function<bool(Article article, std::size_t input_bytes)>;

// Reads records from source, cleans them with cleaner on options.threads
// threads and hands the articles to sink in input order: reading, cleaning
// and writing overlap, and no lock is held while a record is read, cleaned or
// written. When sink returns false, no further record is read, records in
// flight are dropped uncleaned, and CleanBatch returns once the threads have
// stopped. Neither callback may throw. Returns the number of articles the
// sink took (counting the one it refused).
std::size_t CleanBatch(const Cleaner& cleaner, const BatchOptions& options,
                       const RecordSource& source, const ArticleSink& sink);

}  // namespace pith

#endif  // PITH_BATCH_H_
