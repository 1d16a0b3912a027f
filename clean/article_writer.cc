#include "clean/article_writer.h"

#include "clean/text_util.h"

namespace pith {
namespace {

// Escapes s, which must be valid UTF-8, into *out: the quote, the backslash
// and the C0 controls; everything else is copied in runs.
void AppendEscaped(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::size_t run = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s, run, i - run);
    run = i + 1;
    switch (c) {
      case '"':
        out->append("\\\"");
        break;
      case '\\':
        out->append("\\\\");
        break;
      case '\n':
        out->append("\\n");
        break;
      case '\t':
        out->append("\\t");
        break;
      case '\r':
        out->append("\\r");
        break;
      case '\b':
        out->append("\\b");
        break;
      case '\f':
        out->append("\\f");
        break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 0xF]);
    }
  }
  out->append(s, run);
}

// Appends "key": then value as a string, or null when the value is unknown.
void AppendField(std::string_view key, std::string_view value, std::string* out) {
  out->push_back(',');
  AppendJsonString(key, out);
  out->push_back(':');
  if (value.empty()) {
    out->append("null");
  } else {
    AppendJsonString(value, out);
  }
}

}  // namespace

bool ParseOutputFormat(std::string_view name, OutputFormat* format) {
  if (name == "jsonl") {
    *format = OutputFormat::kJsonl;
  } else if (name == "text") {
    *format = OutputFormat::kText;
  } else if (name == "seed") {
    *format = OutputFormat::kSeed;
  } else if (name == "markdown") {
    *format = OutputFormat::kMarkdown;
  } else {
    return false;
  }
  return true;
}

void AppendJsonString(std::string_view s, std::string* out) {
  out->push_back('"');
  if (IsValidUtf8(s)) {
    AppendEscaped(s, out);
  } else {
    AppendEscaped(RepairUtf8(s), out);
  }
  out->push_back('"');
}

std::string ToJsonLine(const Article& article, bool with_comments) {
  const Fields& f = article.fields;
  std::string out;
  out.reserve(article.text.size() + article.source.size() + f.title.size() + f.description.size() +
              256);
  out.append("{\"source\":");
  AppendJsonString(article.source, &out);
  AppendField("url", f.url, &out);
  AppendField("title", f.title, &out);
  AppendField("date", f.date, &out);
  AppendField("author", f.author, &out);
  AppendField("sitename", f.sitename, &out);
  out.append(",\"tags\":[");
  for (std::size_t i = 0; i < f.tags.size(); ++i) {
    if (i > 0) out.push_back(',');
    AppendJsonString(f.tags[i], &out);
  }
  out.push_back(']');
  AppendField("language", f.language, &out);
  AppendField("description", f.description, &out);
  AppendField("image", f.image, &out);
  AppendField("charset", article.charset, &out);
  out.append(",\"text\":");
  AppendJsonString(article.text, &out);
  if (with_comments) {
    out.append(",\"comments\":");
    AppendJsonString(article.comments, &out);
  }
  if (!article.status.ok()) {
    out.append(",\"error\":");
    AppendJsonString(article.status.ToString(), &out);
  }
  out.append("}\n");
  return out;
}

std::string ToText(const Article& article) {
  return article.status.ok() ? article.text : std::string();
}

std::string ToSeed(const Article& article) {
  if (!article.status.ok()) return std::string();
  if (article.fields.date.empty()) return article.text;
  return " date " + article.fields.date + " " + article.text;
}

std::string ToMarkdown(const Article& article, bool with_comments) {
  if (!article.status.ok()) return std::string();
  std::string out;
  if (!article.fields.title.empty()) out += "# " + article.fields.title + "\n\n";
  out += article.markdown;
  if (with_comments && !article.comments.empty()) out += "\n\n## Comments\n\n" + article.comments;
  return out;
}

}  // namespace pith
