#include <optional>
#include <string>
#include <string_view>

#include "clean/comments.h"
#include "clean/deadline.h"
#include "clean/decode.h"
#include "clean/dates.h"
#include "clean/html_document.h"
#include "clean/html_metadata.h"
#include "clean/html_text.h"
#include "clean/prepass.h"
#include "clean/rules.h"
#include "clean/text_cleaner.h"
#include "clean/text_util.h"
#include "pith/pith.h"

namespace pith {
namespace {

// True when the bytes are markup rather than a dump: they open with a tag
// (after a BOM and white space), as every saved page does.
bool LooksLikeHtml(std::string_view s) {
  if (s.substr(0, 3) == "\xEF\xBB\xBF") s.remove_prefix(3);
  const std::size_t first = s.find_first_not_of(" \t\r\n\f");
  if (first == std::string_view::npos || s[first] != '<') return false;
  const std::string head = ToLower(s.substr(first, 512));
  for (const char* tag : {"<!doctype", "<html", "<head", "<body", "<!--", "<meta", "<div",
                          "<p", "<?xml", "<title", "<article"}) {
    if (head.compare(0, std::char_traits<char>::length(tag), tag) == 0) return true;
  }
  return false;
}

// A body shorter than kRetryBytes and than 1/kRetryShare of the page's text
// is cleaned again in recall mode.
constexpr std::size_t kRetryBytes = 600;
constexpr std::size_t kRetryShare = 10;

// Fills the fields of *to that are still unknown from `from`.
void FillUnknown(const Fields& from, Fields* to) {
  auto fill = [](const std::string& src, std::string* dst) {
    if (dst->empty()) *dst = src;
  };
  fill(from.url, &to->url);
  fill(from.title, &to->title);
  fill(from.date, &to->date);
  fill(from.author, &to->author);
  fill(from.sitename, &to->sitename);
  fill(from.language, &to->language);
  fill(from.description, &to->description);
  fill(from.image, &to->image);
  if (to->tags.empty()) to->tags = from.tags;
}

}  // namespace

Cleaner::Cleaner(std::shared_ptr<const RuleSet> rules, CleanOptions options)
    : rules_(std::move(rules)), options_(options) {}

Cleaner::~Cleaner() = default;

Article Cleaner::Clean(const RawPage& page) const {
  Article article;
  article.source = page.source;
  article.fields = page.given;
  if (!page.status.ok()) {
    article.status = page.status;
    return article;
  }
  if (page.body.size() > options_.max_input_bytes) {
    article.status = Status::TooLarge("record of " + std::to_string(page.body.size()) +
                                      " bytes exceeds the " +
                                      std::to_string(options_.max_input_bytes) + "-byte cap");
    return article;
  }
  const Deadline deadline(options_.max_clean_ms);
  auto timed_out = [&] {
    if (deadline.Passed()) article.status = deadline.Error();
    return !article.status.ok();
  };
  const DecodedText decoded = page.kind == ContentKind::kText
                                  ? DecodeText(page.body, page.charset)
                                  : DecodeHtml(page.body, page.charset);
  article.charset = decoded.charset;
  std::string_view body = decoded.utf8;
  if (TrimSpace(body).empty()) {
    article.status = Status::Empty("empty input");
    return article;
  }
  // UTF-16 text is full of NUL bytes until decoded; anything else is judged
  // on the bytes as they came, so a binary file is never "decoded" to text.
  const bool utf16 = decoded.charset.starts_with("utf-16");
  if (LooksBinary(utf16 ? body : std::string_view(page.body))) {
    article.status = Status::Unsupported("binary data (NUL or control bytes), not text or HTML");
    return article;
  }

  const bool html = page.kind == ContentKind::kHtml ||
                    (page.kind == ContentKind::kAuto && LooksLikeHtml(body));
  Fields found;
  std::string rendered;
  std::vector<LineMarkup> markup;
  std::vector<std::string> discussions;  // readers' comments, with options_.comments
  std::optional<HtmlDocument> document;
  if (html) {
    std::string elided;
    MovedValues moved;
    article.status = Prepass(body, options_.max_html_depth, options_.prepass ? &elided : nullptr,
                             /*keep_hrefs=*/options_.markdown, &moved);
    if (!article.status.ok()) return article;
    document.emplace(options_.prepass ? std::string_view(elided) : body, std::move(moved));
    HtmlMetadata metadata = ExtractHtmlMetadata(*document, page.given.url, LatestPlausibleDay());
    found = std::move(metadata.fields);
  }
  if (timed_out()) return article;
  const RuleScope scope = rules_->ForUrl(article.fields.url.empty() ? found.url
                                                                    : article.fields.url);
  if (html) {
    rendered = RenderBodyText(*document, &scope, &markup, options_.comments ? &discussions : nullptr,
                              options_.markdown);
    body = rendered;
  }
  if (timed_out()) return article;
  const std::vector<LineMarkup>* page_markup = html ? &markup : nullptr;
  // The headline the input or the page states, for the text cleaner to find.
  const std::string& known_title = article.fields.title.empty() ? found.title : article.fields.title;
  const std::string& known_author =
      article.fields.author.empty() ? found.author : article.fields.author;
  // The recall retry below cleans the same text: it is prepared once.
  const PreparedDump prepared = PrepareTextDump(body, page_markup, scope, *rules_);
  TextCleanResult result =
      CleanPreparedDump(prepared, scope, options_.balance, known_title, known_author,
                        options_.comments, options_.markdown);
  if (timed_out()) return article;
  // A short result from a page with much more text may have missed the
  // article: a second pass that favours recall gets another say.
  if (options_.balance != Balance::kRecall &&
      result.body.size() * kRetryShare < body.size() && result.body.size() < kRetryBytes) {
    TextCleanResult retry =
        CleanPreparedDump(prepared, scope, Balance::kRecall, known_title, known_author,
                          options_.comments, options_.markdown);
    if (retry.body.size() > result.body.size()) result = std::move(retry);
  }
  // Pruning can take a page's only text (a layout named like furniture):
  // then the page is read again as it renders whole.
  if (html && result.body.empty()) {
    markup.clear();
    rendered = RenderBodyText(*document, nullptr, &markup, nullptr, options_.markdown);
    result = CleanTextDump(rendered, &markup, scope, *rules_, Balance::kRecall, known_title,
                           known_author, options_.comments, options_.markdown);
  }
  // The record's own fields win, then the page's metadata (HTML), then what
  // the text showed.
  FillUnknown(found, &article.fields);
  FillUnknown(result.fields, &article.fields);
  article.text = std::move(result.body);
  article.markdown = std::move(result.markdown);
  // A page's discussion elements hold its comments; a page that names none may
  // still print them after the article, where the text cleaner finds them.
  if (options_.comments) {
    article.comments = CleanDiscussions(discussions, scope, rules_->Stopwords(article.fields.language),
                                           LatestPlausibleDay());
    if (article.comments.empty()) article.comments = std::move(result.comments);
  }
  if (article.text.empty()) article.status = Status::Empty("no article text found");
  return article;
}

}  // namespace pith
