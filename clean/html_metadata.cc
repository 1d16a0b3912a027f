// One walk over the tree gathers candidates for each field, each offered with
// the rank of its source; the lowest rank wins. Sources whose value depends on
// what other sources say (<title> minus the site name, the first <h1> that is
// not the logo) are settled after the walk, when the site name is known.

#include "clean/html_metadata.h"

#include <gumbo.h>
#include <nlohmann/json.hpp>
#include <unicode/utf8.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <cstddef>
#include <cstring>
#include <deque>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "clean/html_document.h"
#include "clean/text_util.h"

namespace pith {
namespace {

using Json = nlohmann::json;

// ---------------------------------------------------------------- strings

char AsciiLower(char c) { return c >= 'A' && c <= 'Z' ? static_cast<char>(c - 'A' + 'a') : c; }

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (std::size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiLower(s[i]) != prefix[i]) return false;
  }
  return true;
}

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }

// The first n bytes of s at most, cut between characters.
std::string_view Prefix(std::string_view s, std::size_t n) {
  if (s.size() <= n) return s;
  while (n > 0 && (static_cast<unsigned char>(s[n]) & 0xC0) == 0x80) --n;
  return s.substr(0, n);
}

// Appends s to *out with each run of ASCII white space as one space, until
// *out holds max bytes or more. What is read through it does not depend on
// how long the runs are: the pre-pass cuts them to one character.
void AppendCollapsed(std::string_view s, std::size_t max, std::string* out) {
  for (std::size_t i = 0; i < s.size() && out->size() < max;) {
    if (IsAsciiSpace(s[i])) {
      out->push_back(' ');
      while (i < s.size() && IsAsciiSpace(s[i])) ++i;
    } else {
      out->push_back(s[i++]);
    }
  }
}

// Lower-cased words, as the evaluation compares titles and names.
std::vector<std::string> NormalWords(std::string_view s) {
  std::string repaired;
  if (!IsValidUtf8(s)) {
    repaired = RepairUtf8(s);
    s = repaired;
  }
  const std::string lower = ToLower(s);
  std::vector<std::string> words;
  for (std::string_view w : Words(lower)) words.emplace_back(w);
  return words;
}

// Words, each Han or kana letter one (see WordWeight).
std::size_t WordCount(std::string_view s) {
  std::size_t count = 0;
  for (const std::string& w : NormalWords(s)) count += WordWeight(w);
  return count;
}

// Character references left in JSON-LD strings, which many CMSs HTML-escape
// before writing them out. Unknown names stay as written.
std::string DecodeEntities(std::string_view s) {
  if (s.find('&') == std::string_view::npos) return std::string(s);
  static constexpr std::pair<std::string_view, UChar32> kNamed[] = {
      {"amp", '&'},       {"lt", '<'},       {"gt", '>'},       {"quot", '"'},
      {"apos", '\''},     {"nbsp", 0xA0},    {"ndash", 0x2013}, {"mdash", 0x2014},
      {"lsquo", 0x2018},  {"rsquo", 0x2019}, {"ldquo", 0x201C}, {"rdquo", 0x201D},
      {"hellip", 0x2026}, {"laquo", 0xAB},   {"raquo", 0xBB},
  };
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size();) {
    const std::size_t semicolon = s[i] == '&' ? s.find(';', i) : std::string_view::npos;
    if (semicolon == std::string_view::npos || semicolon - i > 10) {
      out.push_back(s[i++]);
      continue;
    }
    const std::string_view name = s.substr(i + 1, semicolon - i - 1);
    UChar32 cp = -1;
    if (name.size() >= 2 && name[0] == '#') {
      const bool hex = name[1] == 'x' || name[1] == 'X';
      const std::string_view digits = name.substr(hex ? 2 : 1);
      cp = digits.empty() ? -1 : 0;
      for (char c : digits) {
        const int digit = IsAsciiDigit(c) ? c - '0'
                          : hex && AsciiLower(c) >= 'a' && AsciiLower(c) <= 'f'
                              ? AsciiLower(c) - 'a' + 10
                              : -1;
        if (digit < 0 || cp > 0x10FFFF) {
          cp = -1;
          break;
        }
        cp = cp * (hex ? 16 : 10) + digit;
      }
      if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
    } else {
      for (const auto& [entity, value] : kNamed) {
        if (name == entity) cp = value;
      }
    }
    if (cp < 0) {
      out.push_back(s[i++]);
      continue;
    }
    char utf8[U8_MAX_LENGTH];
    int32_t length = 0;
    U8_APPEND_UNSAFE(utf8, length, cp);
    out.append(utf8, static_cast<std::size_t>(length));
    i = semicolon + 1;
  }
  return out;
}

// ---------------------------------------------------------------- candidates

enum Field : int {
  kUrl,
  kTitle,
  kDate,
  kAuthor,
  kSitename,
  kDescription,
  kImage,
  kTags,
  kFieldCount
};

// Where a candidate comes from: the lower, the more it is trusted. A tier's
// sources are ordered by offsets from its base (see kMetaKeys).
constexpr int kJsonLd = 0;
constexpr int kMeta = 10;    // + 0 OpenGraph, 1-2 Dublin Core, 2 twitter:, 3-4 the rest
constexpr int kMarkup = 40;  // <time>, microdata in the body
constexpr int kByline = 70;
constexpr int kUrlPath = 80;
constexpr int kModified = 90;  // a modification date: better than none

// No page needs more values per field (keywords, authors); the cap keeps a
// page repeating a meta tag 100,000 times cheap.
constexpr std::size_t kMaxValues = 64;

// What one source says of a field.
struct Slot {
  int rank;
  std::vector<std::string> values;  // distinct, in the order offered
};
using Slots = std::vector<Slot>;

// The first slot of rank or worse.
template <typename S>  // Slots or const Slots
auto FindRank(S& slots, int rank) {
  return std::lower_bound(slots.begin(), slots.end(), rank,
                          [](const Slot& slot, int r) { return slot.rank < r; });
}

// The candidates of each field, one slot per source rank, best first. The
// runners-up stay so that a value found wanting once all is read (an author
// that is the site's name) can give way to the next.
class Candidates {
 public:
  // True when an offer of this rank would be taken: worth computing.
  bool Wants(Field field, int rank) const {
    const Slots& slots = slots_[field];
    const auto it = FindRank(slots, rank);
    return (it == slots.end() || it->rank != rank) &&
           (slots.size() < kMaxRanks || it != slots.end());
  }

  // Offers the values one source gives for field. At a rank already taken
  // the values join those there when join is set (repeated tags such as
  // article:tag), else the first source keeps it. Empty values are ignored.
  void Offer(Field field, int rank, std::vector<std::string> values, bool join = false) {
    std::erase_if(values, [](const std::string& v) { return v.empty(); });
    if (values.empty()) return;
    Slots& slots = slots_[field];
    auto it = FindRank(slots, rank);
    if (it == slots.end() || it->rank != rank) {
      if (slots.size() == kMaxRanks && it == slots.end()) return;
      it = slots.insert(it, Slot{rank, {}});
      if (slots.size() > kMaxRanks) slots.pop_back();
    } else if (!join) {
      return;
    }
    for (std::string& v : values) {
      if (it->values.size() < kMaxValues &&
          std::find(it->values.begin(), it->values.end(), v) == it->values.end()) {
        it->values.push_back(std::move(v));
      }
    }
  }
  void Offer(Field field, int rank, std::string value) {
    Offer(field, rank, std::vector<std::string>{std::move(value)});
  }

  const Slots& operator[](Field field) const { return slots_[field]; }

 private:
  static constexpr std::size_t kMaxRanks = 8;

  std::array<Slots, kFieldCount> slots_;
};

// The day a date value states, formatted, or "". machine: the value comes
// from metadata, where an ISO 8601 day is trusted before 1995 too.
std::string ReadDate(std::string_view value, bool machine, const Day& latest) {
  std::optional<Day> day = machine ? ParseIsoDay(value, latest) : std::nullopt;
  if (!day) day = FindDate(value, latest);
  return day ? FormatDay(*day) : std::string();
}

// ---------------------------------------------------------------- authors

// A name with what surrounds it in a byline cut away; "" when what is left
// is no name: an address, a URL, a sentence.
std::string CleanName(std::string_view s) {
  constexpr std::string_view kEdge = " \t,.;:|-*/";
  s = TrimSpace(s);
  while (!s.empty() && kEdge.find(s.front()) != std::string_view::npos) s.remove_prefix(1);
  while (!s.empty() && kEdge.find(s.back()) != std::string_view::npos) s.remove_suffix(1);
  s = TrimSpace(s);
  if (s.empty() || s.size() > 80 || s.find('@') != std::string_view::npos ||
      s.find("://") != std::string_view::npos || StartsWithIgnoreCase(s, "www.")) {
    return {};
  }
  const std::vector<std::string> words = NormalWords(s);
  if (words.empty() || words.size() > 6) return {};
  // Words that start page furniture, never a name: "Posted on", "Share".
  static constexpr std::string_view kNotNames[] = {
      "posted",    "published", "updated",   "written",    "share",   "email", "print",   "follow",
      "tweet",     "comments",  "comment",   "leave",      "reply",   "home",  "menu",    "search",
      "tags",      "filed",     "category",  "categories", "view",    "see",   "more",    "about",
      "photo",     "image",     "permalink", "bio",        "profile", "rss",   "website", "contact",
      "subscribe", "link",      "hi",        "hello",      "welcome", "i"};
  if (std::find(std::begin(kNotNames), std::end(kNotNames), words.front()) != std::end(kNotNames)) {
    return {};
  }
  if (std::all_of(s.begin(), s.end(), [](char c) { return IsAsciiDigit(c) || c == ' '; })) {
    return {};
  }
  return std::string(s);
}

// Whether a name of several words reads as prose or a role rather than a
// name: a word in lower case ("By the way", "Alan Boyle, Science editor",
// "Saving through Investing"), particles aside ("Ludwig van Beethoven"), or
// a job title ("Jane Roe, Product Manager"). in_list: name is one of
// several, where a lone word in lower case is prose too ("Hi, I'm Jane and
// I live...").
bool LooksLikeProse(std::string_view name, bool in_list) {
  static constexpr std::string_view kParticles[] = {
      "de",  "da",  "del", "della", "der", "den", "van", "von", "la", "le",  "du", "di",
      "dos", "das", "bin", "ibn",   "al",  "el",  "y",   "e",   "zu", "ter", "ten"};
  static constexpr std::string_view kRoles[] = {
      "editor",  "writer",       "reporter",  "correspondent", "contributor", "columnist",
      "manager", "director",     "scientist", "founder",       "engineer",    "producer",
      "analyst", "photographer", "president", "officer",       "strategist",  "professor",
      "md",      "phd"};
  const std::vector<std::string_view> words = Words(name);
  if (words.size() < 2 && !in_list) return false;  // "randfish": a user name
  return std::any_of(words.begin(), words.end(), [](std::string_view w) {
    if (w.size() > 1 && w[0] >= 'a' && w[0] <= 'z' &&  // "NBC's" makes an "s"
        std::find(std::begin(kParticles), std::end(kParticles), w) == std::end(kParticles)) {
      return true;
    }
    const std::string lower = AsciiLower(w);
    return std::find(std::begin(kRoles), std::end(kRoles), lower) != std::end(kRoles);
  });
}

// Drops a leading "By", "Posted by", "Автор:", "كتبت:", "作者：" and the
// like, and the brackets around a signature ("（山本祐介）", as Japanese papers
// sign an article at its end).
std::string_view StripAuthorLabel(std::string_view s) {
  static constexpr std::string_view kLabels[] = {
      "posted by", "written by", "reported by", "story by", "words by", "text by", "by",
      "von",       "par",        "por",         "door",     "di",       "authors", "author",
      "autor",     "auteur",     "автори",      "автор",    "авторы",   "автора",
      // Arabic: "wrote" (masculine, feminine), "by the pen of", "by"
      "\xD9\x83\xD8\xAA\xD8\xA8\xD8\xAA", "\xD9\x83\xD8\xAA\xD8\xA8",
      "\xD8\xA8\xD9\x82\xD9\x84\xD9\x85", "\xD8\xA8\xD9\x88\xD8\xA7\xD8\xB3\xD8\xB7\xD8\xA9",
      // Chinese and Japanese: author, reporter (simplified, traditional)
      "\xE4\xBD\x9C\xE8\x80\x85", "\xE8\xAE\xB0\xE8\x80\x85", "\xE8\xA8\x98\xE8\x80\x85"};
  static constexpr std::string_view kFullwidthColon = "\xEF\xBC\x9A";  // ：
  static constexpr std::pair<std::string_view, std::string_view> kBrackets[] = {
      {"(", ")"}, {"\xEF\xBC\x88", "\xEF\xBC\x89"} /* （） */};
  s = TrimSpace(s);
  for (const auto& [open, close] : kBrackets) {
    if (s.size() > open.size() + close.size() && s.starts_with(open) && s.ends_with(close)) {
      s = TrimSpace(s.substr(open.size(), s.size() - open.size() - close.size()));
    }
  }
  const std::string lower = ToLower(Prefix(s, 32));
  for (std::string_view label : kLabels) {
    if (lower.compare(0, label.size(), label) != 0) continue;
    std::string_view rest = s.substr(std::min(label.size(), s.size()));
    if (!rest.empty() && rest.front() != ' ' && rest.front() != ':' &&
        !rest.starts_with(kFullwidthColon)) {
      continue;
    }
    for (;;) {
      if (!rest.empty() && (rest.front() == ' ' || rest.front() == ':' || rest.front() == '|')) {
        rest.remove_prefix(1);
      } else if (rest.starts_with(kFullwidthColon)) {
        rest.remove_prefix(kFullwidthColon.size());
      } else {
        break;
      }
    }
    return rest;
  }
  return s;
}

// The names a byline or an author field holds: "By Jane Roe and John Doe,
// 12 June 2024" -> {"Jane Roe", "John Doe"}. The text ends at the first
// digit (a date or time) or separator; names are split at commas and "and"
// in the languages the dates know; names that read as prose are dropped
// (see LooksLikeProse): when one is, the text is no byline, or what follows
// the names is an affiliation ("Jane Roe, Product Manager and Founder"), and
// the names before it are kept.
std::vector<std::string> BylineNames(std::string_view text) {
  std::string s = CollapseSpace(text);
  std::string_view v = s;
  // "Posted on June 12, 2024 by Jane Roe": the name follows the last "by".
  const std::string lower = AsciiLower(v);
  if (const std::size_t by = lower.rfind(" by "); by != std::string::npos) v.remove_prefix(by + 4);
  v = StripAuthorLabel(v);
  std::size_t end = v.size();
  const std::string v_lower = AsciiLower(v);
  for (std::string_view stop :
       {"|", "\xE2\x80\xA2", "\xC2\xB7", " - ", " \xE2\x80\x93 ", " \xE2\x80\x94 ", "(", "[",
        "\xEF\xBC\x88" /* （ */,
        " on ", " at ", " in ", " updated ", " published "}) {
    end = std::min(end, v_lower.find(stop));
  }
  for (std::size_t i = 0; i < end; ++i) {
    if (IsAsciiDigit(v[i])) end = i;
  }
  v = v.substr(0, end);
  // What a cut date leaves behind: "Jane Roe, June" -> "Jane Roe".
  for (;;) {
    v = TrimSpace(v);
    while (!v.empty() && (v.back() == ',' || v.back() == '.')) v.remove_suffix(1);
    const std::size_t space = v.find_last_of(' ');
    if (space == std::string_view::npos || MonthNumber(v.substr(space + 1)) == 0) break;
    v = v.substr(0, space);
  }
  std::vector<std::string> names;
  std::string rest(v);
  bool joined = false;  // by "and" or the like
  for (std::string_view joint : {";", " and ", " & ", " und ", " et ", " y ", " e ", " i ",
                                 " \xD1\x96 ", " \xD0\xB8 ", " \xD1\x82\xD0\xB0 "}) {
    for (std::size_t at; (at = AsciiLower(rest).find(joint)) != std::string::npos; joined = true) {
      rest.replace(at, joint.size(), "\n");
    }
  }
  // "Jane Roe, John Doe and Max Mustermann" lists names, but a comma alone
  // more often brings a role: "Jane Roe, Product Manager", "Jane Roe, BBC".
  if (joined) {
    std::replace(rest.begin(), rest.end(), ',', '\n');
  } else {
    rest.resize(std::min(rest.size(), rest.find(',')));
  }
  std::string_view parts = rest;
  while (!parts.empty()) {
    const std::size_t newline = parts.find('\n');
    std::string name = CleanName(parts.substr(0, newline));
    if (!name.empty() && LooksLikeProse(name, joined)) {
      return joined ? names : std::vector<std::string>();
    }
    if (!name.empty()) names.push_back(std::move(name));
    parts.remove_prefix(newline == std::string_view::npos ? parts.size() : newline + 1);
  }
  return names;
}

// "a, b; c" -> {"a", "b", "c"}: keywords as pages list them.
std::vector<std::string> SplitList(std::string_view list) {
  std::vector<std::string> items;
  while (!list.empty()) {
    const std::size_t cut = list.find_first_of(",;");
    const std::string_view item = TrimSpace(list.substr(0, cut));
    if (!item.empty() && items.size() < kMaxValues) items.emplace_back(item);
    list.remove_prefix(cut == std::string_view::npos ? list.size() : cut + 1);
  }
  return items;
}

bool IsAbsoluteUrl(std::string_view url) {
  return StartsWithIgnoreCase(url, "http://") || StartsWithIgnoreCase(url, "https://");
}

// ---------------------------------------------------------------- JSON-LD

// Fixes what breaks JSON-LD on real pages: HTML comment and CDATA wrappers,
// trailing commas, statement semicolons, raw control characters and
// invalid escapes inside strings. One pass, outside strings and in.
std::string RepairJson(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  bool in_string = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (in_string) {
      if (c == '\\') {
        if (i + 1 < text.size() && std::strchr("\"\\/bfnrtu", text[i + 1]) != nullptr) {
          out.push_back(c);
          out.push_back(text[++i]);
        }  // else a stray backslash ("\'"): dropped
      } else if (static_cast<unsigned char>(c) < 0x20) {
        out += c == '\n' ? "\\n" : c == '\t' ? "\\t" : c == '\r' ? "\\r" : " ";
      } else {
        in_string = c != '"';
        out.push_back(c);
      }
      continue;
    }
    const std::string_view rest = text.substr(i);
    bool skipped = false;
    for (std::string_view wrapper : {"//<![CDATA[", "//]]>", "<![CDATA[", "]]>", "<!--", "-->"}) {
      if (rest.starts_with(wrapper)) {
        i += wrapper.size() - 1;
        skipped = true;
        break;
      }
    }
    if (skipped || c == ';') continue;
    if (c == ',') {
      const std::size_t next = text.find_first_not_of(" \t\r\n", i + 1);
      if (next != std::string_view::npos && (text[next] == '}' || text[next] == ']')) continue;
    }
    in_string = c == '"';
    out.push_back(c);
  }
  return out;
}

// The JSON-LD of a page: every block parsed and kept, the nodes that name
// an @id indexed, and the first article and website found.
class JsonLd {
 public:
  // Parses one <script type=application/ld+json>; skips it when even the
  // repaired text is not JSON.
  void Read(std::string_view text) {
    Json json = Json::parse(text.begin(), text.end(), nullptr, /*allow_exceptions=*/false,
                            /*ignore_comments=*/true);
    if (json.is_discarded()) {
      const std::string repaired = RepairJson(text);
      json = Json::parse(repaired, nullptr, /*allow_exceptions=*/false, /*ignore_comments=*/true);
      if (json.is_discarded()) return;
    }
    docs_.push_back(std::move(json));  // a deque: nodes_ keeps pointing at it
    Index(docs_.back());
  }

  // Offers the fields the article states, and the site's name.
  void Offer(Candidates* c, std::string* article_body, const Day& latest) const {
    if (website_ != nullptr) c->Offer(kSitename, kJsonLd + 1, Text(Member(*website_, "name")));
    if (article_ == nullptr) return;
    const Json& a = *article_;
    const std::string headline = Text(Member(a, "headline"));
    c->Offer(kTitle, kJsonLd, headline.empty() ? Text(Member(a, "name")) : headline);
    c->Offer(kDate, kJsonLd, ReadDate(Text(Member(a, "datePublished")), true, latest));
    c->Offer(kDate, kJsonLd + 1, ReadDate(Text(Member(a, "dateCreated")), true, latest));
    c->Offer(kDate, kModified, ReadDate(Text(Member(a, "dateModified")), true, latest));
    c->Offer(kAuthor, kJsonLd, Names(Member(a, "author")));
    c->Offer(kAuthor, kJsonLd + 1, Names(Member(a, "creator")));
    if (const Json* publisher = Resolve(Member(a, "publisher"))) {
      c->Offer(kSitename, kJsonLd, Text(Member(*publisher, "name")));
    }
    c->Offer(kTags, kJsonLd, Keywords(Member(a, "keywords")));
    c->Offer(kDescription, kJsonLd, Text(Member(a, "description")));
    c->Offer(kImage, kJsonLd, Image(Member(a, "image")));
    c->Offer(kImage, kJsonLd + 1, Text(Member(a, "thumbnailUrl")));
    // The record's URL and the page's canonical link say it first.
    std::string url = Text(Member(a, "url"));
    if (const Json* main = Resolve(Member(a, "mainEntityOfPage")); url.empty() && main != nullptr) {
      url = Text(main->is_object() ? Member(*main, "@id") : main);
    }
    if (IsAbsoluteUrl(url)) c->Offer(kUrl, kMarkup, std::move(url));
    *article_body = Text(Member(a, "articleBody"));
  }

 private:
  // Nesting deeper than this holds no article on real pages.
  static constexpr int kMaxDepth = 8;
  static constexpr std::size_t kMaxNodes = 10000;

  static const Json* Member(const Json& object, const char* key) {
    if (!object.is_object()) return nullptr;
    const auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
  }

  // A string value, or the first string of an array: entities decoded,
  // white space collapsed.
  static std::string Text(const Json* value) {
    if (value != nullptr && value->is_array() && !value->empty()) value = &value->front();
    if (value == nullptr || !value->is_string()) return {};
    return CollapseSpace(DecodeEntities(value->get_ref<const std::string&>()));
  }

  static std::string_view LastSegment(std::string_view type) {
    const std::size_t cut = type.find_last_of("/#:");
    return cut == std::string_view::npos ? type : type.substr(cut + 1);
  }

  static bool IsArticleType(std::string_view t) {
    return t.ends_with("Article") || t.ends_with("Posting") || t == "Report";
  }

  // Walks one document's nodes, depth first in document order.
  void Index(const Json& root) {
    std::vector<std::pair<const Json*, int>> stack = {{&root, 0}};
    for (std::size_t visited = 0; !stack.empty() && visited < kMaxNodes; ++visited) {
      const auto [node, depth] = stack.back();
      stack.pop_back();
      if (node->is_object()) Classify(*node);
      if (depth == kMaxDepth || !node->is_structured()) continue;
      const std::size_t mark = stack.size();
      for (const Json& child : *node) {
        if (child.is_structured()) stack.emplace_back(&child, depth + 1);
      }
      std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(mark), stack.end());
    }
  }

  void Classify(const Json& object) {
    // A bare reference ({"@id": ...}) is not the node it names.
    if (const Json* id = Member(object, "@id");
        id != nullptr && id->is_string() && object.size() > 1) {
      nodes_.emplace(id->get_ref<const std::string&>(), &object);
    }
    const Json* types = Member(object, "@type");
    if (types == nullptr) return;
    const bool array = types->is_array();
    const std::size_t count = array ? types->size() : 1;
    for (std::size_t i = 0; i < count; ++i) {
      const Json& type = array ? (*types)[i] : *types;
      if (!type.is_string()) continue;
      const std::string_view t = LastSegment(type.get_ref<const std::string&>());
      if (IsArticleType(t) && article_ == nullptr) article_ = &object;
      if (t == "WebSite" && website_ == nullptr) website_ = &object;
    }
  }

  // The node a reference ({"@id": "#org"}) stands for, when the page has it;
  // else value itself.
  const Json* Resolve(const Json* value) const {
    if (value == nullptr || !value->is_object() || Member(*value, "name") != nullptr) return value;
    const Json* id = Member(*value, "@id");
    if (id == nullptr || !id->is_string()) return value;
    const auto it = nodes_.find(id->get_ref<const std::string&>());
    return it == nodes_.end() ? value : it->second;
  }

  // Persons or organisations: a name, an object with a name, or an array of
  // either.
  std::vector<std::string> Names(const Json* value) const {
    std::vector<std::string> names;
    if (value == nullptr) return names;
    const bool array = value->is_array();
    const std::size_t count = array ? std::min<std::size_t>(value->size(), kMaxValues) : 1;
    for (std::size_t i = 0; i < count; ++i) {
      const Json* item = Resolve(array ? &(*value)[i] : value);
      if (item->is_string()) {  // may list several: "Jane Roe and John Doe"
        for (std::string& name : BylineNames(Text(item))) names.push_back(std::move(name));
        continue;
      }
      std::string name = CleanName(StripAuthorLabel(Text(Member(*item, "name"))));
      if (!name.empty()) names.push_back(std::move(name));
    }
    return names;
  }

  // An image: a URL, an ImageObject (url or contentUrl), or an array whose
  // first item is either.
  std::string Image(const Json* value) const {
    if (value != nullptr && value->is_array() && !value->empty()) value = &value->front();
    value = Resolve(value);
    if (value == nullptr || !value->is_object()) return Text(value);
    std::string url = Text(Member(*value, "url"));
    return url.empty() ? Text(Member(*value, "contentUrl")) : url;
  }

  static std::vector<std::string> Keywords(const Json* value) {
    std::vector<std::string> tags;
    if (value == nullptr) return tags;
    if (value->is_string()) return SplitList(Text(value));
    if (!value->is_array()) return tags;
    for (const Json& item : *value) {
      for (std::string& tag : SplitList(Text(&item))) tags.push_back(std::move(tag));
    }
    return tags;
  }

  std::deque<Json> docs_;
  std::unordered_map<std::string, const Json*> nodes_;  // by @id; the first wins
  const Json* article_ = nullptr;
  const Json* website_ = nullptr;
};

// ---------------------------------------------------------------- meta tags

// What a meta tag's name (or property, or itemprop) gives, and with what
// rank. join: the tag may repeat, each time with one more value.
struct MetaKey {
  std::string_view name;  // lower case
  Field field;
  int rank;
  bool join = false;
};

constexpr MetaKey kMetaKeys[] = {
    // OpenGraph and article:*
    {"og:title", kTitle, kMeta},
    {"og:description", kDescription, kMeta},
    {"og:site_name", kSitename, kMeta},
    {"og:image", kImage, kMeta},
    {"og:image:url", kImage, kMeta},
    {"og:image:secure_url", kImage, kMeta},
    {"og:url", kUrl, kMeta + 1},  // after <link rel=canonical>
    {"article:published_time", kDate, kMeta},
    {"article:published", kDate, kMeta},
    {"og:published_time", kDate, kMeta},
    {"og:article:published_time", kDate, kMeta},
    {"article:author", kAuthor, kMeta, true},
    {"og:article:author", kAuthor, kMeta, true},
    {"article:tag", kTags, kMeta, true},
    {"og:article:tag", kTags, kMeta, true},
    {"article:modified_time", kDate, kModified},
    {"og:updated_time", kDate, kModified + 1},
    // Dublin Core
    {"dc.title", kTitle, kMeta + 1},
    {"dcterms.title", kTitle, kMeta + 1},
    {"dc.description", kDescription, kMeta + 1},
    {"dcterms.description", kDescription, kMeta + 1},
    {"dc.creator", kAuthor, kMeta + 1, true},
    {"dcterms.creator", kAuthor, kMeta + 1, true},
    {"dc.publisher", kSitename, kMeta + 1},
    {"dcterms.publisher", kSitename, kMeta + 1},
    {"dc.date.issued", kDate, kMeta + 1},
    {"dcterms.issued", kDate, kMeta + 1},
    {"dc.date", kDate, kMeta + 2},
    {"dcterms.date", kDate, kMeta + 2},
    {"dc.date.created", kDate, kMeta + 2},
    {"dcterms.created", kDate, kMeta + 2},
    {"dc.subject", kTags, kMeta + 1, true},
    {"dcterms.modified", kDate, kModified + 1},
    // twitter:
    {"twitter:title", kTitle, kMeta + 2},
    {"twitter:description", kDescription, kMeta + 2},
    {"twitter:image", kImage, kMeta + 2},
    {"twitter:image:src", kImage, kMeta + 2},
    {"twitter:url", kUrl, kMeta + 2},
    // Standard names, microdata itemprops, vendors (Sailthru, Parse.ly,
    // Google Scholar, the New York Times' byl and pdate).
    {"title", kTitle, kMeta + 3},
    {"headline", kTitle, kMeta + 3},
    {"sailthru.title", kTitle, kMeta + 3},
    {"parsely-title", kTitle, kMeta + 3},
    {"description", kDescription, kMeta + 3},
    {"author", kAuthor, kMeta + 3, true},
    {"sailthru.author", kAuthor, kMeta + 3},
    {"parsely-author", kAuthor, kMeta + 3, true},
    {"citation_author", kAuthor, kMeta + 3, true},
    {"byl", kAuthor, kMeta + 3},
    {"datepublished", kDate, kMeta + 3},
    {"date", kDate, kMeta + 3},
    {"pubdate", kDate, kMeta + 3},
    {"publishdate", kDate, kMeta + 3},
    {"publish-date", kDate, kMeta + 3},
    {"publish_date", kDate, kMeta + 3},
    {"published-date", kDate, kMeta + 3},
    {"article.published", kDate, kMeta + 3},
    {"sailthru.date", kDate, kMeta + 3},
    {"parsely-pub-date", kDate, kMeta + 3},
    {"citation_publication_date", kDate, kMeta + 3},
    {"citation_date", kDate, kMeta + 3},
    {"originalpublicationdate", kDate, kMeta + 3},
    {"displaydate", kDate, kMeta + 3},
    {"pdate", kDate, kMeta + 3},
    {"datecreated", kDate, kMeta + 4},
    {"datemodified", kDate, kModified},
    {"last-modified", kDate, kModified + 2},
    {"keywords", kTags, kMeta + 3},
    {"news_keywords", kTags, kMeta + 3},
    {"sailthru.tags", kTags, kMeta + 3},
    {"parsely-tags", kTags, kMeta + 3},
    {"image", kImage, kMeta + 3},
    {"thumbnailurl", kImage, kMeta + 4},
    {"application-name", kSitename, kMeta + 3},
};

const MetaKey* FindMetaKey(std::string_view name) {
  static const auto* const keys = [] {
    auto* map = new std::unordered_map<std::string_view, const MetaKey*>;
    for (const MetaKey& key : kMetaKeys) map->emplace(key.name, &key);
    return map;
  }();
  if (name.size() > 40) return nullptr;
  const auto it = keys->find(AsciiLower(TrimSpace(name)));
  return it == keys->end() ? nullptr : it->second;
}

// ---------------------------------------------------------------- URLs

// Where the host of url starts: after "scheme://" or a protocol-relative
// "//"; npos for a relative URL.
std::size_t HostStart(std::string_view url) {
  if (url.starts_with("//")) return 2;
  const std::size_t scheme = url.find("://");
  return scheme == std::string_view::npos || scheme > FindFirstOf(url, "/?#")
             ? std::string_view::npos
             : scheme + 3;
}

// The host of an absolute URL, lower-cased; "" for a relative one.
std::string UrlHost(std::string_view url) {
  const std::size_t host = HostStart(url);
  if (host == std::string_view::npos) return {};
  url.remove_prefix(host);
  url = url.substr(0, FindFirstOf(url, "/?#"));
  url = url.substr(url.find('@') == std::string_view::npos ? 0 : url.find('@') + 1);
  return AsciiLower(url.substr(0, url.find(':')));
}

// The path of a URL, without query and fragment.
std::string_view UrlPath(std::string_view url) {
  if (const std::size_t host = HostStart(url); host != std::string_view::npos) {
    url.remove_prefix(host);
    const std::size_t slash = url.find('/');
    url.remove_prefix(slash == std::string_view::npos ? url.size() : slash);
  }
  return url.substr(0, FindFirstOf(url, "?#"));
}

// The day a URL path spells: "/2024/06/12/", "/2024-06-12-slug", or
// "/20240612/" (eight digits standing alone between separators).
std::string UrlDate(std::string_view url, const Day& latest) {
  const std::string_view path = UrlPath(url);
  if (const auto day = FindDate(path, latest)) return FormatDay(*day);
  for (std::size_t i = 0; i < path.size();) {
    std::size_t end = i;
    while (end < path.size() && IsAsciiDigit(path[end])) ++end;
    if (end - i == 8 && (i == 0 || !std::isalnum(static_cast<unsigned char>(path[i - 1]))) &&
        (end == path.size() || !std::isalnum(static_cast<unsigned char>(path[end])))) {
      if (const auto day = FindDate(path.substr(i, 8), latest)) return FormatDay(*day);
    }
    i = end == i ? i + 1 : end;
  }
  return {};
}

// ---------------------------------------------------------------- the tree

bool OneOf(GumboTag tag, std::initializer_list<GumboTag> tags) {
  return std::find(tags.begin(), tags.end(), tag) != tags.end();
}

bool IsBlock(GumboTag tag) {
  return OneOf(tag, {GUMBO_TAG_BR,     GUMBO_TAG_P,      GUMBO_TAG_DIV,     GUMBO_TAG_LI,
                     GUMBO_TAG_UL,     GUMBO_TAG_OL,     GUMBO_TAG_DL,      GUMBO_TAG_DT,
                     GUMBO_TAG_DD,     GUMBO_TAG_TABLE,  GUMBO_TAG_TR,      GUMBO_TAG_TD,
                     GUMBO_TAG_TH,     GUMBO_TAG_H1,     GUMBO_TAG_H2,      GUMBO_TAG_H3,
                     GUMBO_TAG_H4,     GUMBO_TAG_H5,     GUMBO_TAG_H6,      GUMBO_TAG_SECTION,
                     GUMBO_TAG_HEADER, GUMBO_TAG_FOOTER, GUMBO_TAG_ADDRESS, GUMBO_TAG_BLOCKQUOTE});
}

// Text of a small element (a byline, a heading), text nodes joined by
// spaces, white space collapsed; nullopt when it is longer than max_bytes or
// spans too many nodes to be one, so a container holding a whole article
// costs no more than a byline. mark_blocks: the lines block elements would
// make are kept apart by " | ", as a byline's parts ("By | Jane Roe |
// Topics | Energy").
std::optional<std::string> ShortText(const GumboNode* node, std::size_t max_bytes,
                                     bool mark_blocks = false) {
  constexpr int kMaxNodes = 64;
  std::string text;
  const auto mark = [&] {
    const std::string_view kept = TrimSpace(text);
    if (!kept.empty() && !kept.ends_with('|')) text += " | ";
  };
  std::vector<const GumboNode*> stack = {node};  // null: the end of a block
  for (int visited = 0; !stack.empty(); ++visited) {
    if (visited == kMaxNodes || text.size() > 4 * max_bytes) return std::nullopt;
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n == nullptr) {
      mark();
    } else if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_CDATA) {
      text.push_back(' ');
      AppendCollapsed(n->v.text.text, std::string::npos, &text);
    } else if (n->type == GUMBO_NODE_ELEMENT && n->v.element.tag != GUMBO_TAG_SCRIPT &&
               n->v.element.tag != GUMBO_TAG_STYLE) {
      if (mark_blocks && n != node && IsBlock(n->v.element.tag)) {
        mark();
        stack.push_back(nullptr);
      }
      const GumboVector& children = n->v.element.children;
      for (unsigned i = children.length; i-- > 0;) {
        stack.push_back(static_cast<const GumboNode*>(children.data[i]));
      }
    }
  }
  std::string_view kept = TrimSpace(text);
  if (kept.ends_with('|')) kept.remove_suffix(1);
  std::string collapsed = CollapseSpace(kept);
  if (collapsed.size() > max_bytes) return std::nullopt;
  return collapsed;
}

// Whether a space-separated attribute value holds token (ASCII case folded).
bool HasToken(const char* list, std::string_view token) {
  if (list == nullptr) return false;
  std::string_view rest = list;
  while (!rest.empty()) {
    const std::size_t start = rest.find_first_not_of(" \t\r\n\f");
    if (start == std::string_view::npos) break;
    rest.remove_prefix(start);
    const std::size_t end = std::min(rest.find_first_of(" \t\r\n\f"), rest.size());
    if (end == token.size() && StartsWithIgnoreCase(rest, token)) return true;
    rest.remove_prefix(end);
  }
  return false;
}

// The class and id of an element, lower-cased, as tokens; a token that only
// says the page has such a part ("has-sidebar", "no-comments") is left out.
// One object is read again for each element, so that reading names
// allocates nothing once its buffers have grown.
class NameTokens {
 public:
  // Reads element's class and id; none when it has neither.
  void Read(const GumboElement& element) {
    Clear();
    for (const char* attribute : {"class", "id"}) {
      if (const char* value = AttributeValue(element, attribute)) {
        lowered_ += value;
        lowered_ += ' ';
      }
    }
    for (char& c : lowered_) c = AsciiLower(c);
    for (std::size_t i = 0; i + 1 < lowered_.size(); ++i) {
      const unsigned pair = PairOf(lowered_[i], lowered_[i + 1]);
      pairs_[pair >> 6] |= std::uint64_t{1} << (pair & 63);
    }
    // Views into lowered_, which no longer changes.
    const std::string_view names = lowered_;
    const auto space = [](char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f'; };
    for (std::size_t i = 0; i < names.size() && tokens_.size() < 16;) {
      if (space(names[i])) {
        ++i;
        continue;
      }
      std::size_t end = i;
      while (end < names.size() && !space(names[end])) ++end;
      const std::string_view token = names.substr(i, std::min<std::size_t>(end - i, 64));
      if (!token.starts_with("has-") && !token.starts_with("no-") && !token.starts_with("with-")) {
        tokens_.push_back(token);
      }
      i = end;
    }
  }

  void Clear() {
    lowered_.clear();
    tokens_.clear();
    pairs_ = {};
  }

  const std::vector<std::string_view>& tokens() const { return tokens_; }

  // Whether a token holds one of parts (each two bytes or longer).
  bool AnyHas(std::initializer_list<std::string_view> parts) const {
    // Most names hold none of the parts, and lack their first two bytes side
    // by side: only a part whose pair they hold is searched for.
    const bool any = std::any_of(parts.begin(), parts.end(), [&](std::string_view part) {
      const unsigned pair = PairOf(part[0], part[1]);
      return (pairs_[pair >> 6] >> (pair & 63) & 1) != 0 && lowered_.find(part) != std::string_view::npos;
    });
    if (!any) return false;
    for (std::string_view token : tokens_) {
      if (AnyPartIn(token, parts)) return true;
    }
    return false;
  }

 private:
  // One of 256 bits for two bytes side by side.
  static unsigned PairOf(char first, char second) {
    return (static_cast<unsigned char>(first) * 31u + static_cast<unsigned char>(second)) & 255u;
  }

  static bool AnyPartIn(std::string_view text, std::initializer_list<std::string_view> parts) {
    return std::any_of(parts.begin(), parts.end(),
                       [&](std::string_view part) { return text.find(part) != std::string_view::npos; });
  }

  std::string lowered_;  // class, then id, lower-cased, each followed by a space
  std::vector<std::string_view> tokens_;
  std::array<std::uint64_t, 4> pairs_{};  // the PairOf() of each two bytes of lowered_
};

// The first element below node that matches, within a bounded search.
template <typename Predicate>
const GumboNode* FindDescendant(const GumboNode* node, Predicate matches) {
  constexpr int kMaxNodes = 256;
  std::vector<const GumboNode*> stack = {node};
  for (int visited = 0; !stack.empty() && visited < kMaxNodes; ++visited) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type != GUMBO_NODE_ELEMENT) continue;
    if (n != node && matches(n->v.element)) return n;
    const GumboVector& children = n->v.element.children;
    for (unsigned i = children.length; i-- > 0;) {
      stack.push_back(static_cast<const GumboNode*>(children.data[i]));
    }
  }
  return nullptr;
}

}  // namespace

bool IsHomeLink(std::string_view href) {
  href = TrimSpace(href);
  // "", "#top", "?page=2": this very page.
  if (href.empty() || href.front() == '#' || href.front() == '?') return false;
  std::string_view path = UrlPath(href);
  while (!path.empty() && path.front() == '/') path.remove_prefix(1);
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  return path.size() <= 20 && FindFirstOf(path, "/-.") == std::string_view::npos;
}

namespace {

// Elements that hold a byline of their own, unlike inline ones in prose
// ("<em>by far</em>").
bool CanHoldByline(GumboTag tag) {
  return OneOf(
      tag, {GUMBO_TAG_P, GUMBO_TAG_DIV, GUMBO_TAG_SPAN, GUMBO_TAG_LI, GUMBO_TAG_TD, GUMBO_TAG_DD,
            GUMBO_TAG_ADDRESS, GUMBO_TAG_SMALL, GUMBO_TAG_FONT, GUMBO_TAG_H2, GUMBO_TAG_H3,
            GUMBO_TAG_H4, GUMBO_TAG_H5, GUMBO_TAG_H6, GUMBO_TAG_HEADER, GUMBO_TAG_SECTION});
}

// Whether the text node that opens node starts with "By", "Posted by" and
// the like.
bool StartsWithBylineLabel(const GumboNode* node) {
  const GumboVector& children = node->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* child = static_cast<const GumboNode*>(children.data[i]);
    if (child->type == GUMBO_NODE_WHITESPACE) continue;
    if (child->type != GUMBO_NODE_TEXT) return false;
    std::string head;
    AppendCollapsed(child->v.text.text, 64, &head);
    const std::string text = ToLower(CollapseSpace(Prefix(head, 64)));
    for (std::string_view label : {"by", "posted by", "written by", "reported by", "von", "par",
                                   "por", "\xD0\xB0\xD0\xB2\xD1\x82\xD0\xBE\xD1\x80"}) {  // автор
      if (text.starts_with(label) &&
          (text.size() == label.size() || text[label.size()] == ' ' || text[label.size()] == ':')) {
        return true;
      }
    }
    return false;
  }
  return false;
}

// An <h1>, <h2> or <h3>, and whether it is the site's logo rather than a
// headline.
struct Heading {
  std::string text;
  bool h1;
  bool logo;
};

// Where in the page the walk is.
enum Context : unsigned {
  kInBody = 1,
  kInArticle = 2,  // inside <article>, <main> or an article's microdata item
  kExcluded = 4,   // comments, sidebars, related links, navigation: their
                   // bylines and dates are not the article's
};

struct Frame {
  const GumboNode* node;
  unsigned next_child;
  unsigned context;
};

// The walk over the page and what it found besides ranked candidates.
class PageReader {
 public:
  explicit PageReader(const Day& latest) : latest_(latest) {}

  // A page deeper or larger than real ones is read up to here.
  static constexpr std::size_t kMaxNodes = 200000;

  void Walk(const GumboNode* root) {
    std::vector<Frame> stack;
    stack.reserve(64);
    stack.push_back({root, 0, 0});
    std::size_t visited = 0;
    while (!stack.empty() && visited < kMaxNodes) {
      Frame& top = stack.back();
      const GumboVector& children = top.node->v.element.children;
      if (top.next_child == children.length) {
        stack.pop_back();
        continue;
      }
      const auto* child = static_cast<const GumboNode*>(children.data[top.next_child++]);
      ++visited;
      if (child->type == GUMBO_NODE_TEXT && (top.context & (kInBody | kExcluded)) == kInBody) {
        ReadDateLine(child->v.text.text, top.context);
      }
      if (child->type != GUMBO_NODE_ELEMENT) continue;
      const GumboElement& element = child->v.element;
      // Class and id, for elements of the body.
      if ((top.context & kInBody) != 0) {
        names_.Read(element);
      } else {
        names_.Clear();
      }
      const unsigned context = ContextOf(element, names_, top.context);
      if (Visit(child, names_, context)) stack.push_back({child, 0, context});  // invalidates top
    }
  }

  Candidates candidates;
  JsonLd json_ld;
  std::string title_element;      // <title>, white space collapsed
  std::vector<Heading> headings;  // the first h1-h3 outside excluded parts
  std::string content_language;   // <meta http-equiv=content-language>

 private:
  static constexpr std::size_t kMaxHeadings = 16;
  static constexpr std::size_t kMaxBylineBytes = 200;

  static unsigned ContextOf(const GumboElement& element, const NameTokens& names,
                            unsigned context) {
    switch (element.tag) {
      case GUMBO_TAG_BODY:
        return context | kInBody;
      case GUMBO_TAG_ARTICLE:
      case GUMBO_TAG_MAIN:
        return context | kInArticle;
      case GUMBO_TAG_NAV:
        return context | kExcluded;
      case GUMBO_TAG_ASIDE:
      case GUMBO_TAG_FOOTER:
        // An article's own footer often holds its byline and date.
        return (context & kInArticle) != 0 ? context : context | kExcluded;
      default:
        break;
    }
    const char* itemtype = AttributeValue(element, "itemtype");
    if (itemtype != nullptr) {
      const std::string_view type = itemtype;
      if (type.find("Comment") != std::string_view::npos ||
          type.find("Review") != std::string_view::npos) {
        return context | kExcluded;
      }
      if (type.ends_with("Article") || type.ends_with("Posting")) context |= kInArticle;
    }
    if (IsExcludedPart(names, (context & kInArticle) != 0)) context |= kExcluded;
    return context;
  }

  // Whether part is one of the parts of token that '-' and '_' separate.
  static bool HasNamePart(std::string_view token, std::string_view part) {
    for (std::size_t at = token.find(part); at != std::string_view::npos;
         at = token.find(part, at + 1)) {
      const std::size_t end = at + part.size();
      const bool starts = at == 0 || token[at - 1] == '-' || token[at - 1] == '_';
      const bool ends = end == token.size() || token[end] == '-' || token[end] == '_';
      if (starts && ends) return true;
    }
    return false;
  }

  // Whether class and id name a part whose bylines and dates are not the
  // article's: comments, reviews, sidebars, teaser cards of other pages. A
  // wrapper that names one beside the content
  // ("content-sidebar-wrap") is not such a part; an article's own footer
  // holds its byline.
  static bool IsExcludedPart(const NameTokens& names, bool in_article) {
    if (!names.AnyHas({"comment", "sidebar", "related", "disqus", "respond", "footer", "review",
                       "card", "teaser"})) {
      return false;
    }
    for (std::string_view token : names.tokens()) {
      bool excluded = false;
      for (std::string_view part :
           {"comment", "sidebar", "related", "disqus", "respond", "footer", "review"}) {
        excluded |= token.find(part) != std::string_view::npos && !(part == "footer" && in_article);
      }
      // Short words that are parts of other words ("vcard") count as whole
      // parts of a name only.
      for (std::string_view part : {"card", "teaser"}) excluded |= HasNamePart(token, part);
      for (std::string_view wrapper : {"content", "wrap", "main", "container", "layout", "body"}) {
        excluded &= token.find(wrapper) == std::string_view::npos;
      }
      if (excluded) return true;
    }
    return false;
  }

  // Reads one element; returns whether to walk its children.
  bool Visit(const GumboNode* node, const NameTokens& names, unsigned context) {
    const GumboElement& element = node->v.element;
    if (element.tag_namespace != GUMBO_NAMESPACE_HTML) return false;  // svg, math
    switch (element.tag) {
      case GUMBO_TAG_TITLE:
        if (title_element.empty()) title_element = CollapseSpace(NodeText(node));
        return false;
      case GUMBO_TAG_META:
        ReadMeta(element, context);
        return false;
      case GUMBO_TAG_LINK:
        ReadLink(element);
        return false;
      case GUMBO_TAG_SCRIPT:
        if (const char* type = AttributeValue(element, "type");
            type != nullptr && StartsWithIgnoreCase(TrimSpace(type), "application/ld+json")) {
          json_ld.Read(NodeText(node));
        }
        return false;
      case GUMBO_TAG_STYLE:
      case GUMBO_TAG_TEMPLATE:
      case GUMBO_TAG_NOSCRIPT:
        return false;
      default:
        break;
    }
    if ((context & kInBody) != 0 && (context & kExcluded) == 0) {
      ReadBodyElement(node, names, context);
    }
    return true;
  }

  void ReadMeta(const GumboElement& element, unsigned context) {
    const char* content = AttributeValue(element, "content");
    if (content == nullptr) return;
    if (const char* equiv = AttributeValue(element, "http-equiv");
        equiv != nullptr && AsciiLower(TrimSpace(equiv)) == "content-language") {
      if (content_language.empty()) content_language = content;
      return;
    }
    for (const char* attribute : {"property", "name", "itemprop"}) {
      const char* name = AttributeValue(element, attribute);
      if (name == nullptr) continue;
      // An itemprop in a comment or a review is the comment's.
      if ((context & kExcluded) != 0 && std::strcmp(attribute, "itemprop") == 0) continue;
      if (const MetaKey* key = FindMetaKey(name)) OfferMeta(*key, content);
    }
  }

  void OfferMeta(const MetaKey& key, std::string_view content) {
    if (!key.join && !candidates.Wants(key.field, key.rank)) return;
    switch (key.field) {
      case kDate:
        candidates.Offer(kDate, key.rank, ReadDate(content, true, latest_));
        break;
      case kAuthor:
        candidates.Offer(kAuthor, key.rank, BylineNames(content), key.join);
        break;
      case kTags:
        candidates.Offer(kTags, key.rank, SplitList(CollapseSpace(content)), key.join);
        break;
      case kUrl:
      case kImage:
        candidates.Offer(key.field, key.rank, std::string(TrimSpace(content)));
        break;
      default:
        candidates.Offer(key.field, key.rank, CollapseSpace(content));
        break;
    }
  }

  void ReadLink(const GumboElement& element) {
    const char* rel = AttributeValue(element, "rel");
    const char* href = AttributeValue(element, "href");
    if (rel == nullptr || href == nullptr) return;
    if (HasToken(rel, "canonical")) candidates.Offer(kUrl, kMeta, std::string(TrimSpace(href)));
    if (HasToken(rel, "image_src")) {
      candidates.Offer(kImage, kMeta + 3, std::string(TrimSpace(href)));
    }
  }

  // The date an element states: its datetime or content attribute
  // (machine-readable), else its text.
  // only_date: the element's text counts only when it is nothing but a date.
  void OfferElementDate(const GumboNode* node, int rank, bool only_date = false) {
    if (!candidates.Wants(kDate, rank)) return;
    const GumboElement& element = node->v.element;
    for (const char* attribute : {"datetime", "content"}) {
      if (const char* value = AttributeValue(element, attribute)) {
        candidates.Offer(kDate, rank, ReadDate(value, true, latest_));
        return;
      }
    }
    if (const auto text = ShortText(node, kMaxBylineBytes, /*mark_blocks=*/true)) {
      if (only_date && !IsDateLine(*text)) return;
      candidates.Offer(kDate, rank, ReadDate(*text, false, latest_));
    }
  }

  void ReadBodyElement(const GumboNode* node, const NameTokens& names,
                       unsigned context) {
    const GumboElement& element = node->v.element;
    const bool in_article = (context & kInArticle) != 0;
    if (OneOf(element.tag, {GUMBO_TAG_H1, GUMBO_TAG_H2, GUMBO_TAG_H3}) &&
        headings.size() < kMaxHeadings) {
      ReadHeading(node);
    }
    const char* itemprop = AttributeValue(element, "itemprop");
    if (HasToken(itemprop, "datepublished")) OfferElementDate(node, kMarkup);
    if (HasToken(itemprop, "datemodified")) OfferElementDate(node, kModified + 3);
    if (HasToken(itemprop, "headline") && candidates.Wants(kTitle, kMarkup)) {
      if (const auto text = ShortText(node, 400)) candidates.Offer(kTitle, kMarkup, *text);
    }
    if (HasToken(itemprop, "author")) OfferAuthor(node, kByline);
    if (element.tag == GUMBO_TAG_TIME) {
      const bool pubdate = AttributeValue(element, "pubdate") != nullptr;
      OfferElementDate(node, kMarkup + (pubdate ? 1 : in_article ? 2 : 3));
    }
    if (element.tag == GUMBO_TAG_A && HasToken(AttributeValue(element, "rel"), "author")) {
      OfferAuthor(node, kByline + 1);
    }
    if (CanHoldByline(element.tag) && StartsWithBylineLabel(node)) {
      // "<p>by randfish on January 31, 2011</p>": a byline no class marks.
      if (const auto text = ShortText(node, kMaxBylineBytes, /*mark_blocks=*/true)) {
        if (candidates.Wants(kAuthor, kByline + 4)) {
          candidates.Offer(kAuthor, kByline + 4, BylineNames(*text));
        }
        if (candidates.Wants(kDate, kByline + 2)) {
          candidates.Offer(kDate, kByline + 2, ReadDate(*text, false, latest_));
        }
      }
    }
    if (names.tokens().empty()) return;
    const bool byline = names.AnyHas({"byline"});
    if (byline || names.AnyHas({"author", "writer", "auteur", "autor"})) {
      OfferAuthor(node, kByline + (byline ? 2 : 3));
    }
    // hAtom's <abbr class="published" title="2024-06-12T...">.
    if (const char* title = AttributeValue(element, "title");
        title != nullptr && names.AnyHas({"published"}) &&
        candidates.Wants(kDate, kMarkup + 2)) {
      candidates.Offer(kDate, kMarkup + 2, ReadDate(title, true, latest_));
    }
    // Before the headline, a date is as likely the masthead's today, and one
    // in a longer text is ("Welcome! Today is 2024年4月9日"): the text cleaner
    // reads the article's header instead.
    const bool before_headline = !in_article && !seen_headline_;
    const int date_rank = byline ? kByline : kByline + (before_headline ? 3 : 1);
    if (byline || names.AnyHas({"date", "time", "publish", "posted", "meta"})) {
      OfferElementDate(node, date_rank, !byline && before_headline);
    }
  }

  void OfferAuthor(const GumboNode* node, int rank) {
    if (!candidates.Wants(kAuthor, rank)) return;
    const GumboElement& element = node->v.element;
    if (const char* content = AttributeValue(element, "content")) {
      candidates.Offer(kAuthor, rank, BylineNames(content));
      return;
    }
    // A Person item: its name, not the bio and links around it.
    if (AttributeValue(element, "itemscope") != nullptr) {
      const GumboNode* name = FindDescendant(node, [](const GumboElement& e) {
        return HasToken(AttributeValue(e, "itemprop"), "name");
      });
      if (name != nullptr) node = name;
    }
    if (const auto text = ShortText(node, kMaxBylineBytes, /*mark_blocks=*/true)) {
      candidates.Offer(kAuthor, rank, BylineNames(*text));
    }
  }

  void ReadHeading(const GumboNode* node) {
    std::optional<std::string> text = ShortText(node, 400);
    if (!text || text->empty()) return;
    // A logo is a heading whose text is all one link to the home page.
    const GumboNode* link =
        FindDescendant(node, [](const GumboElement& e) { return e.tag == GUMBO_TAG_A; });
    const char* href = link != nullptr ? AttributeValue(link->v.element, "href") : nullptr;
    const bool logo = href != nullptr && IsHomeLink(href) && ShortText(link, 400) == text;
    const bool h1 = node->v.element.tag == GUMBO_TAG_H1;
    headings.push_back({std::move(*text), h1, logo});
    seen_headline_ |= h1 && !logo;
  }

  // A text that is nothing but a date ("October 28, 2012", "Monday,
  // October 22, 2012 3:29 PM"), as pages print the publication date without
  // any markup to say so. Before the headline it is as likely the
  // masthead's today, so it ranks last there, below a modification date.
  void ReadDateLine(std::string_view text, unsigned context) {
    const int rank = (context & kInArticle) != 0 || seen_headline_ ? kByline + 5 : kModified + 5;
    text = TrimSpace(text);
    // Every day FindDate reads has digits: the cheap test first.
    if (std::none_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) return;
    std::string line;
    AppendCollapsed(text, 81, &line);
    if (line.size() > 80 || !candidates.Wants(kDate, rank) || !IsDateLine(line)) return;
    candidates.Offer(kDate, rank, ReadDate(line, false, latest_));
  }

  const Day& latest_;
  bool seen_headline_ = false;  // an <h1> that is not the logo
  NameTokens names_;            // of the element the walk is at
};

// ---------------------------------------------------------------- titles

// What tells a title's headline from its site name.
struct TitleHints {
  std::string_view sitename;
  std::string_view host;
  const std::vector<Heading>* headings;
};

bool SameWords(std::string_view a, std::string_view b) {
  const std::vector<std::string> wa = NormalWords(a);
  return !wa.empty() && wa == NormalWords(b);
}

std::string Joined(const std::vector<std::string>& words) {
  std::string out;
  for (const std::string& w : words) out += w;
  return out;
}

// Whether part names the site: the same words as sitename, or most of them
// ("The Guardian" / "Guardian"), or the host's name ("CNN.com" on
// www.cnn.com, "BBC" on bbc.co.uk), or the logo's text.
bool NamesSite(std::string_view part, const TitleHints& hints) {
  std::vector<std::string> words = NormalWords(part);
  // "CBSNews.com" names "CBS News".
  if (words.size() >= 2 &&
      (words.back() == "com" || words.back() == "org" || words.back() == "net")) {
    words.pop_back();
  }
  if (words.empty()) return false;
  for (const Heading& heading : *hints.headings) {
    if (heading.logo && NormalWords(heading.text) == words) return true;
  }
  const std::vector<std::string> site = NormalWords(hints.sitename);
  if (!site.empty()) {
    if (words == site || Joined(words) == Joined(site)) return true;
    const std::vector<std::string>& shorter = words.size() < site.size() ? words : site;
    const std::vector<std::string>& longer = words.size() < site.size() ? site : words;
    if (shorter.size() * 2 >= longer.size() &&
        std::search(longer.begin(), longer.end(), shorter.begin(), shorter.end()) != longer.end()) {
      return true;
    }
  }
  // A label of the host: "cnn" of www.cnn.com, "bbc" of bbc.co.uk.
  const std::string joined = Joined(words);
  for (std::string_view host = hints.host; !host.empty();) {
    const std::size_t dot = host.find('.');
    const std::string_view label = host.substr(0, dot);
    if (label.size() >= 3 && label != "www" && label != "com" && label != "org" && label != "net" &&
        joined == label) {
      return true;
    }
    host.remove_prefix(dot == std::string_view::npos ? host.size() : dot + 1);
  }
  return false;
}

// A separator between a title's parts: " | ", " - ", " — ", ": " ...
struct Separator {
  std::size_t begin, end;  // the bytes it covers, spaces included
  std::string_view mark;
};

constexpr std::string_view kTitleMarks[] = {"|",
                                            "-",
                                            "\xE2\x80\x93",
                                            "\xE2\x80\x94",
                                            "\xC2\xB7",
                                            "\xE2\x80\xA2",
                                            "\xC2\xBB",
                                            "\xC2\xAB",
                                            "::",
                                            "/",
                                            "~",
                                            "*",
                                            "\xE2\x80\xBA",
                                            ":"};

constexpr std::string_view kFullwidthBar = "\xEF\xBD\x9C";  // ｜

std::vector<Separator> FindSeparators(std::string_view title) {
  std::vector<Separator> found;
  for (std::size_t i = 0; i < title.size(); ++i) {
    if (title[i] == ':' && i > 0 && i + 1 < title.size() &&
        (title[i - 1] == ' ') != (title[i + 1] == ' ')) {
      // "Site: Headline", and "Headline :site" as some blogs write it.
      found.push_back({title[i - 1] == ' ' ? i - 1 : i, title[i + 1] == ' ' ? i + 2 : i + 1, ":"});
      continue;
    }
    // CJK titles join their parts without spaces: "Headline_Site",
    // "Headline｜Site" ("_" between Latin letters is part of a word).
    if (title.substr(i).starts_with(kFullwidthBar)) {
      found.push_back({i, i + kFullwidthBar.size(), kFullwidthBar});
      i += kFullwidthBar.size() - 1;
      continue;
    }
    if (title[i] == '_' && i > 0 && i + 1 < title.size() &&
        (static_cast<unsigned char>(title[i - 1]) >= 0x80 ||
         static_cast<unsigned char>(title[i + 1]) >= 0x80)) {
      found.push_back({i, i + 1, "_"});
      continue;
    }
    if (title[i] != ' ') continue;
    for (std::string_view mark : kTitleMarks) {
      const std::size_t after = i + 1 + mark.size();
      if (title.substr(i + 1, mark.size()) == mark && after < title.size() && title[after] == ' ') {
        found.push_back({i, after + 1, mark});
        i = after - 1;
        break;
      }
    }
  }
  return found;
}

// The headline in a title: the side equal to a heading (not the logo; a
// blog's post title is often an <h2> or <h3>), else the title less a part
// naming the site; when aggressive (a <title>, which
// sites decorate more than og:title), also less the shorter outer part,
// repeatedly while the same separator splits it ("Headline | Section |
// Site").
std::string_view TitleHeadline(std::string_view title, const TitleHints& hints, bool aggressive) {
  // A mark with nothing on one side: "» Headline".
  for (std::string_view mark : kTitleMarks) {
    if (title.size() > mark.size() && title.starts_with(mark) && title[mark.size()] == ' ') {
      title = TrimSpace(title.substr(mark.size()));
    }
    if (title.size() > mark.size() && title.ends_with(mark) &&
        title[title.size() - mark.size() - 1] == ' ') {
      title = TrimSpace(title.substr(0, title.size() - mark.size()));
    }
  }
  std::vector<Separator> separators = FindSeparators(title);
  if (separators.empty()) return title;
  for (const Heading& heading : *hints.headings) {
    if (heading.logo) continue;
    if (SameWords(title, heading.text)) return title;
    for (const Separator& s : separators) {
      if (SameWords(title.substr(0, s.begin), heading.text)) return title.substr(0, s.begin);
      if (SameWords(title.substr(s.end), heading.text)) return title.substr(s.end);
    }
  }
  std::string_view mark;  // of the separator removed so far
  for (auto s = separators.rbegin(); s != separators.rend() && mark.empty(); ++s) {
    if (NamesSite(title.substr(s->end), hints)) {
      title = title.substr(0, s->begin);
      mark = s->mark;
    }
  }
  for (auto s = separators.begin(); s != separators.end() && mark.empty(); ++s) {
    if (NamesSite(title.substr(0, s->begin), hints)) {
      title = title.substr(s->end);
      mark = s->mark;
    }
  }
  if (!aggressive) return title;
  for (int round = 0; round < 3; ++round) {
    separators = FindSeparators(title);
    std::erase_if(separators, [&](const Separator& s) {
      return s.mark == ":" || (!mark.empty() && s.mark != mark);
    });
    if (separators.empty()) break;
    const std::string_view prefix = title.substr(0, separators.front().begin);
    const std::string_view suffix = title.substr(separators.back().end);
    const std::size_t all = WordCount(title);
    const std::size_t prefix_words = WordCount(prefix);
    const std::size_t suffix_words = WordCount(suffix);
    if (suffix_words <= prefix_words && suffix_words * 2 < all) {
      title = title.substr(0, separators.back().begin);
      mark = separators.back().mark;
    } else if (prefix_words * 2 < all) {
      title = title.substr(separators.front().end);
      mark = separators.front().mark;
    } else {
      break;
    }
  }
  return title;
}

// The title, from the best source that gives one that is not just the site's
// name (a home page's og:title often is).
std::string ChooseTitle(const Slots& slots, const std::string& title_element,
                        const TitleHints& hints) {
  std::vector<std::string> options;
  for (const Slot& slot : slots) {
    // JSON-LD headlines and microdata are the headline alone.
    const bool decorated = slot.rank >= kMeta && slot.rank < kMarkup;
    options.emplace_back(decorated ? TitleHeadline(slot.values.front(), hints, false)
                                   : slot.values.front());
  }
  if (!title_element.empty()) options.emplace_back(TitleHeadline(title_element, hints, true));
  for (const Heading& heading : *hints.headings) {
    if (heading.h1 && !heading.logo) options.push_back(heading.text);
  }
  for (const std::string& option : options) {
    if (!option.empty() && !NamesSite(option, hints)) return option;
  }
  return options.empty() ? std::string() : options.front();
}

// The authors of the best source that names someone other than the site
// ("CBSNews.com") or a section of it ("Celebrity Circuit" in "Cybill Shepherd
// is engaged - Celebrity Circuit - CBS News"): CMSs fill the author field
// with those when no person signed. When every source does, as on a blog
// named after its author, the best stands.
std::string ChooseAuthor(const Slots& slots, std::string_view title_element, std::string_view title,
                         const TitleHints& hints) {
  std::vector<std::string_view> sections;
  std::size_t begin = 0;
  for (const Separator& s : FindSeparators(title_element)) {
    sections.push_back(title_element.substr(begin, s.begin - begin));
    begin = s.end;
  }
  if (begin > 0) sections.push_back(title_element.substr(begin));
  const auto names_site = [&](std::string_view name) {
    if (NamesSite(name, hints)) return true;
    return std::any_of(sections.begin(), sections.end(), [&](std::string_view section) {
      return SameWords(name, section) && !SameWords(section, title);
    });
  };
  const auto join = [](const std::vector<std::string>& names, const auto& skip) {
    std::string authors;
    for (const std::string& name : names) {
      if (skip(name)) continue;
      if (!authors.empty()) authors += "; ";
      authors += name;
    }
    return authors;
  };
  for (const Slot& slot : slots) {
    std::string authors = join(slot.values, names_site);
    if (!authors.empty()) return authors;
  }
  return slots.empty() ? std::string()
                       : join(slots.front().values, [](std::string_view) { return false; });
}

// The ISO 639-1 code of a language tag ("en-US" -> "en"), or "".
std::string PrimaryLanguage(std::string_view tag) {
  tag = TrimSpace(tag);
  tag = tag.substr(0, tag.find_first_of("-_,; "));
  if (tag.size() != 2 || !std::isalpha(static_cast<unsigned char>(tag[0])) ||
      !std::isalpha(static_cast<unsigned char>(tag[1]))) {
    return {};
  }
  return AsciiLower(tag);
}

std::string First(const Slots& slots) {
  return slots.empty() ? std::string() : slots.front().values.front();
}

}  // namespace

HtmlMetadata ExtractHtmlMetadata(const HtmlDocument& document, std::string_view record_url,
                                 const Day& latest) {
  HtmlMetadata metadata;
  PageReader page(latest);
  page.Walk(document.root());
  Candidates& c = page.candidates;
  page.json_ld.Offer(&c, &metadata.article_body, latest);
  Fields& f = metadata.fields;

  f.url = TrimSpace(record_url);
  if (f.url.empty()) f.url = First(c[kUrl]);
  if (c.Wants(kDate, kUrlPath)) c.Offer(kDate, kUrlPath, UrlDate(f.url, latest));
  f.date = First(c[kDate]);
  f.sitename = First(c[kSitename]);
  const std::string host = UrlHost(f.url);
  const TitleHints hints{f.sitename, host, &page.headings};
  f.title = ChooseTitle(c[kTitle], page.title_element, hints);
  f.author = ChooseAuthor(c[kAuthor], page.title_element, f.title, hints);
  if (f.sitename.empty()) {
    for (const Heading& heading : page.headings) {
      if (heading.h1 && heading.logo && f.sitename.empty()) f.sitename = heading.text;
    }
  }
  f.description = First(c[kDescription]);
  f.image = First(c[kImage]);
  if (!c[kTags].empty()) f.tags = c[kTags].front().values;
  const GumboElement& html = document.root()->v.element;
  for (const char* attribute : {"lang", "xml:lang"}) {
    if (const char* lang = AttributeValue(html, attribute); lang != nullptr && f.language.empty()) {
      f.language = PrimaryLanguage(lang);
    }
  }
  if (f.language.empty()) f.language = PrimaryLanguage(page.content_language);
  return metadata;
}

}  // namespace pith
