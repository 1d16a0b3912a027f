// Evaluation datasets: loading one, and cleaning and scoring every document of
// it with a Cleaner. Shared by pith-quality and the devset floor test, so both
// measure exactly the same thing.

#ifndef PITH_BENCH_CORPUS_H_
#define PITH_BENCH_CORPUS_H_

#include <cstddef>
#include <string>
#include <vector>

#include "bench/token_metric.h"
#include "pith/pith.h"

namespace pith::eval {

// One document of a dataset: where its input is, and the body it should yield.
struct Document {
  std::string id;          // the file stem shared by input and truth
  std::string input_path;  // need not exist; reading it is Evaluate's job
  ContentKind kind = ContentKind::kText;
  std::string truth;       // the truth's "body"; "" when absent or null
};

// Loads the documents of a dataset folder laid out as
//
//   DIR/truth/<id>.json   an object whose "body" is the expected article text
//   DIR/html/<id>.html    the raw page                (kind == kHtml)
//   DIR/text/<id>.txt     the page's innerText dump   (kind == kText)
//
// into *docs: one document per truth file, sorted by id (byte order). Input
// files without a truth file are ignored, as score.py ignores them; a truth
// file without an input is kept, and Evaluate reports it. Fails (leaving *docs
// unchanged) when a folder is missing, there is no truth file, or a truth file
// is not a JSON object with a string or null "body": a broken dataset is
// fixed, not measured. REQUIRES: kind is kHtml or kText.
Status LoadCorpus(const std::string& dir, ContentKind kind, std::vector<Document>* docs);

// Reads the whole file at path into *bytes.
Status ReadFileBytes(const std::string& path, std::string* bytes);

// The outcome of one document.
struct DocResult {
  Prf score;         // of text against the document's truth
  std::string text;  // the cleaned body; "" when status is not ok
  // Not ok when the input could not be read, or the Article's status.
  Status status;
};

// Reads, cleans and scores every document, with `threads` worker threads
// (at least one) sharing cleaner. Returns one result per document, in the
// order of docs, whatever the number of threads.
std::vector<DocResult> Evaluate(const std::vector<Document>& docs, const Cleaner& cleaner,
                                int threads);

// Figures over a whole run, each a plain mean or median over documents, as
// score.py computes them.
struct Summary {
  std::size_t docs = 0;
  double precision = 0;  // means
  double recall = 0;
  double f1 = 0;
  double f1_median = 0;
  std::size_t empty = 0;   // outputs without a single token, whatever the cause
  // Documents whose input could not be read or whose Article failed, not
  // counting kEmpty ("no article found"), which is an answer, not a failure.
  std::size_t errors = 0;
};
Summary Summarize(const std::vector<DocResult>& results);

}  // namespace pith::eval

#endif  // PITH_BENCH_CORPUS_H_
