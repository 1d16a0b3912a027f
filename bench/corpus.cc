#include "bench/corpus.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <memory>
#include <system_error>
#include <thread>

#include <nlohmann/json.hpp>

namespace pith::eval {
namespace fs = std::filesystem;

namespace {

// The truth's "body" of one parsed truth file, into *body.
Status TruthBody(const std::string& path, const std::string& bytes, std::string* body) {
  const nlohmann::json json = nlohmann::json::parse(bytes, nullptr, /*allow_exceptions=*/false);
  if (json.is_discarded()) return Status::Corruption(path + ": not valid JSON");
  if (!json.is_object()) return Status::Corruption(path + ": not a JSON object");
  const auto it = json.find("body");
  if (it == json.end() || it->is_null()) {
    body->clear();
  } else if (it->is_string()) {
    *body = it->get<std::string>();
  } else {
    return Status::Corruption(path + ": \"body\" is not a string");
  }
  return Status::OK();
}

Status RequireFolder(const fs::path& path) {
  std::error_code ec;
  if (!fs::is_directory(path, ec)) return Status::IOError(path.string() + ": no such folder");
  return Status::OK();
}

DocResult EvaluateOne(const Document& doc, const Cleaner& cleaner) {
  DocResult result;
  RawPage page;
  page.source = doc.input_path;
  page.kind = doc.kind;
  result.status = ReadFileBytes(doc.input_path, &page.body);
  if (result.status.ok()) {
    Article article = cleaner.Clean(page);
    result.status = std::move(article.status);
    if (result.status.ok()) result.text = std::move(article.text);
  }
  result.score = ScoreTokens(doc.truth, result.text);
  return result;
}

double Mean(const std::vector<double>& values) {
  double sum = 0;
  for (double v : values) sum += v;
  return values.empty() ? 0 : sum / static_cast<double>(values.size());
}

// statistics.median: the middle value, or the mean of the two middle ones.
double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  const std::size_t mid = values.size() / 2;
  return values.size() % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

}  // namespace

Status ReadFileBytes(const std::string& path, std::string* bytes) {
  std::unique_ptr<std::FILE, int (*)(std::FILE*)> file(std::fopen(path.c_str(), "rb"),
                                                        &std::fclose);
  if (!file) return Status::IOError(path + ": " + std::strerror(errno));
  bytes->clear();
  char buffer[1 << 16];
  std::size_t got;
  while ((got = std::fread(buffer, 1, sizeof buffer, file.get())) > 0) bytes->append(buffer, got);
  if (std::ferror(file.get())) return Status::IOError(path + ": " + std::strerror(errno));
  return Status::OK();
}

Status LoadCorpus(const std::string& dir, ContentKind kind, std::vector<Document>* docs) {
  const bool html = kind == ContentKind::kHtml;
  const fs::path truth_dir = fs::path(dir) / "truth";
  const fs::path input_dir = fs::path(dir) / (html ? "html" : "text");
  for (const fs::path& folder : {truth_dir, input_dir}) {
    Status s = RequireFolder(folder);
    if (!s.ok()) return s;
  }

  std::vector<Document> found;
  std::error_code ec;
  for (fs::directory_iterator it(truth_dir, ec), end; !ec && it != end; it.increment(ec)) {
    const fs::path& path = it->path();
    if (path.extension() != ".json" || !it->is_regular_file(ec)) continue;
    Document doc;
    doc.id = path.stem().string();
    doc.input_path = (input_dir / (doc.id + (html ? ".html" : ".txt"))).string();
    doc.kind = html ? ContentKind::kHtml : ContentKind::kText;
    std::string bytes;
    Status s = ReadFileBytes(path.string(), &bytes);
    if (s.ok()) s = TruthBody(path.string(), bytes, &doc.truth);
    if (!s.ok()) return s;
    found.push_back(std::move(doc));
  }
  if (ec) return Status::IOError(truth_dir.string() + ": " + ec.message());
  if (found.empty()) return Status::InvalidArgument(truth_dir.string() + ": no truth files");
  std::sort(found.begin(), found.end(),
            [](const Document& a, const Document& b) { return a.id < b.id; });
  *docs = std::move(found);
  return Status::OK();
}

std::vector<DocResult> Evaluate(const std::vector<Document>& docs, const Cleaner& cleaner,
                                int threads) {
  std::vector<DocResult> results(docs.size());
  std::atomic<std::size_t> next{0};
  // Each worker takes the next unclaimed document; a result lands in its
  // document's slot, so the order never depends on scheduling.
  auto work = [&] {
    for (std::size_t i = next++; i < docs.size(); i = next++) {
      results[i] = EvaluateOne(docs[i], cleaner);
    }
  };
  std::vector<std::thread> workers;
  for (int t = 1; t < threads; ++t) workers.emplace_back(work);
  work();
  for (std::thread& w : workers) w.join();
  return results;
}

Summary Summarize(const std::vector<DocResult>& results) {
  Summary summary;
  summary.docs = results.size();
  std::vector<double> precision, recall, f1;
  for (const DocResult& r : results) {
    precision.push_back(r.score.precision);
    recall.push_back(r.score.recall);
    f1.push_back(r.score.f1);
    if (r.score.pred_tokens == 0) ++summary.empty;
    if (!r.status.ok() && r.status.code() != Status::Code::kEmpty) ++summary.errors;
  }
  summary.precision = Mean(precision);
  summary.recall = Mean(recall);
  summary.f1 = Mean(f1);
  summary.f1_median = Median(std::move(f1));
  return summary;
}

}  // namespace pith::eval
