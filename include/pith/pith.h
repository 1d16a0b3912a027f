// pith: turns scraped web pages (raw HTML or text dumps) into clean articles.
//
// The library cleans one record at a time:
//
//   std::shared_ptr<const pith::RuleSet> rules;
//   pith::Status s = pith::LoadRules({}, &rules);        // shipped rules
//   pith::Cleaner cleaner(rules, pith::CleanOptions());
//   pith::Article a = cleaner.Clean(page);              // never throws
//
// A Cleaner is immutable after construction: one instance may serve any number
// of threads at once. Every input record yields exactly one Article; a record
// that cannot be cleaned yields an Article whose status says why.

#ifndef PITH_PITH_H_
#define PITH_PITH_H_

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pith {

// The outcome of an operation: ok, or a code with a message that says what went
// wrong and where. Cheap to copy when ok.
class Status {
 public:
  enum class Code {
    kOk = 0,
    kInvalidArgument,  // a usage error or a broken rule file
    kIOError,          // a file could not be read
    kCorruption,       // malformed input: bad JSONL, truncated gzip
    kUnsupported,      // input pith does not clean: binary data
    kTooLarge,         // input over a configured cap
    kEmpty,            // nothing to clean: empty input, or no article found
    kTimeout,          // cleaning ran over its configured time
  };

  Status() = default;  // ok
  static Status OK() { return Status(); }
  static Status InvalidArgument(std::string_view msg) { return Status(Code::kInvalidArgument, msg); }
  static Status IOError(std::string_view msg) { return Status(Code::kIOError, msg); }
  static Status Corruption(std::string_view msg) { return Status(Code::kCorruption, msg); }
  static Status Unsupported(std::string_view msg) { return Status(Code::kUnsupported, msg); }
  static Status TooLarge(std::string_view msg) { return Status(Code::kTooLarge, msg); }
  static Status Timeout(std::string_view msg) { return Status(Code::kTimeout, msg); }
  static Status Empty(std::string_view msg) { return Status(Code::kEmpty, msg); }

  bool ok() const { return code_ == Code::kOk; }
  Code code() const { return code_; }
  // The message alone ("" when ok).
  const std::string& message() const { return message_; }
  // "OK", or the code's name and the message: "corruption: line 3: ...".
  std::string ToString() const;

 private:
  Status(Code code, std::string_view msg) : code_(code), message_(msg) {}
  Code code_ = Code::kOk;
  std::string message_;
};

// Header fields of an article. An empty string (or empty vector) means unknown.
struct Fields {
  std::string url;
  std::string title;
  std::string date;         // YYYY-MM-DD, the publication day
  std::string author;       // several authors joined by "; "
  std::string sitename;
  std::string language;     // ISO 639-1 code, e.g. "en"
  std::string description;
  std::string image;        // URL of the article's lead image
  std::vector<std::string> tags;
};

// What a record's body holds. kAuto lets the cleaner decide from the bytes.
enum class ContentKind { kAuto, kText, kHtml };

// One input record as a loader produced it: the bytes of a page or of a text
// dump, plus whatever header fields the input carried.
struct RawPage {
  std::string source;  // where it came from: a path, "path#N" for the N-th record
  ContentKind kind = ContentKind::kAuto;
  std::string body;    // the bytes as read; need not be valid UTF-8
  Fields given;        // fields the input stated (JSONL); they win over found ones
  // The charset the transport declared (an HTTP Content-Type's charset
  // parameter, a WARC record's headers); "" when none did.
  std::string charset;
  // Not ok when the loader could not produce the record (a malformed JSONL
  // line, say); the cleaner then passes the error through untouched.
  Status status;
};

// One output record: the article body and header fields, or an error.
struct Article {
  std::string source;  // RawPage::source
  Fields fields;
  // The body: paragraphs separated by one blank line, no leading or trailing
  // white space. Empty when status is not ok.
  std::string text;
  // With CleanOptions::comments, the readers' comments under the article,
  // cleaned: each comment's text (its lines joined by '\n'; the commenter's
  // name, dates, "Reply", votes and reply forms left out), comments separated
  // by one blank line. Empty when the option is off or the page shows none.
  std::string comments;
  // With CleanOptions::markdown, the body as Markdown: the same paragraphs,
  // with headings ("## "), list items ("- ", "1. "), emphasis (**, _), code,
  // links ([text](url), the URL as the page wrote it), tables ("| a | b |")
  // and preformatted text (``` fences) marked up, from the page's markup.
  // For a text dump, which has no markup, it equals text. Empty when the
  // option is off.
  std::string markdown;
  // The charset the record's bytes were read in ("utf-8" for UTF-8 input).
  std::string charset;
  Status status;
};

// How to balance precision against recall, as trafilatura's users know it.
enum class Balance { kPrecision, kDefault, kRecall };

// Options of a Cleaner. Each default is written beside its field.
struct CleanOptions {
  Balance balance = Balance::kDefault;
  // Records larger than this are not cleaned; their Article carries kTooLarge.
  // Default: 32 MiB, well above any real article page.
  std::size_t max_input_bytes = std::size_t{32} << 20;
  // A record whose cleaning runs longer than this many milliseconds is given
  // up; its Article carries kTimeout. The clock is read between the stages
  // (parsing, rendering, the text pipeline), so a record overruns by at most
  // one stage's time. 0: no cap. Default: 10 s, a thousand times a page's.
  std::uint64_t max_clean_ms = 10000;
  // HTML nested deeper than this many open elements is not parsed (Gumbo's
  // parse time grows with the square of the depth); its Article carries
  // kTooLarge. Default: 5,000 (the dev set's deepest page nests 38 deep;
  // Gumbo takes 30 ms over 5,000 unclosed <div>s, and 1.7 s over 40,000).
  std::size_t max_html_depth = 5000;
  // Before parsing HTML, elide the text of <script> (but JSON-LD) and <style>
  // elements, comments, the attributes nothing reads, href values (kept with
  // markdown) and runs of white space, and move the long attribute values
  // that are read and the long runs of text out of the parser's way (put
  // back after the parse), which parses faster to a tree that cleans the
  // same. Off only to check that claim. Either way a page that would abort
  // the parser is refused with kUnsupported.
  bool prepass = true;
  // Fill Article::comments. The body is the same either way: comments are
  // never article text. Off by default, because finding them costs a second
  // look at what the body leaves out.
  bool comments = false;
  // Fill Article::markdown. Off by default: the renderer then builds no
  // Markdown at all.
  bool markdown = false;
};

// A compiled, validated set of cleaning rules (see rules/README.md). Opaque;
// immutable once loaded, so one instance is shared by all cleaners and threads.
class RuleSet;

// Where rules come from: the shipped rules compiled into the library, plus the
// *.rules files of each directory in extra_dirs (walked recursively, sorted).
struct RuleSources {
  bool builtin = true;
  std::vector<std::string> extra_dirs;
};

// Loads and compiles the rules named by sources into *rules. On a bad rule file
// returns kInvalidArgument with every error found, one per line, each as
// "file:line: message"; *rules is then left unchanged.
Status LoadRules(const RuleSources& sources, std::shared_ptr<const RuleSet>* rules);

// Cleans records into articles. Thread-safe: Clean() is const and shares no
// mutable state, so one Cleaner serves every worker thread.
class Cleaner {
 public:
  // REQUIRES: rules != nullptr.
  Cleaner(std::shared_ptr<const RuleSet> rules, CleanOptions options);
  ~Cleaner();
  Cleaner(const Cleaner&) = delete;
  Cleaner& operator=(const Cleaner&) = delete;

  // Returns the article of one record. Never throws and never aborts: input
  // that cannot be cleaned (empty, binary, over max_input_bytes, or a record
  // whose loader failed) yields an Article whose status says why, with
  // source set so the caller can report it.
  Article Clean(const RawPage& page) const;

  const CleanOptions& options() const { return options_; }

 private:
  std::shared_ptr<const RuleSet> rules_;
  CleanOptions options_;
};

}  // namespace pith

#endif  // PITH_PITH_H_
