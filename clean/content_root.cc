#include "clean/content_root.h"

#include <algorithm>
#include <array>

namespace pith {
namespace {

// Readability's constants (Mozilla Readability.js), which its users and the
// readers of its source know: a paragraph of fewer than 25 characters says
// nothing; a paragraph scores 1, a point per comma and per 100 characters
// (at most 3); the score goes to five levels of ancestors, divided by 1, 2,
// then 3 per level.
constexpr std::size_t kMinParagraphChars = 25;
constexpr std::size_t kCharsPerPoint = 100;
constexpr std::size_t kMaxLengthPoints = 3;
constexpr int kAncestorLevels = 5;
// Candidates within this share of the best that agree on an ancestor (at
// least kMinAgreeing of them) make that ancestor the root: an article split
// into sections scores in each.
constexpr double kAlternativeShare = 0.75;
constexpr std::size_t kTopCandidates = 5;
constexpr std::size_t kMinAgreeing = 3;
// A sibling joins the root when it scores a fifth of the root (at least 10),
// or reads as a paragraph: longer than 80 characters with little link text,
// or shorter without links and ending a sentence.
constexpr double kSiblingShare = 0.2;
constexpr double kMinSiblingScore = 10;
constexpr std::size_t kSiblingParagraphChars = 80;
constexpr double kSiblingLinkDensity = 0.25;
// A block inside the root other than a paragraph (a box with a heading and a
// list, a line of tags) whose text is more links than this is navigation:
// related links, a tag list, a share bar.
constexpr double kBoxLinkDensity = 0.5;

double KindWeight(ElementKind kind) {
  switch (kind) {
    case ElementKind::kDiv: return 5;
    case ElementKind::kQuoteOrPre: return 3;
    case ElementKind::kList: return -3;
    case ElementKind::kHeading: return -5;
    default: return 0;
  }
}

double LinkDensity(const ElementStats& e) {
  const std::size_t chars = e.chars();
  return chars == 0 ? 0.0 : static_cast<double>(e.link_chars) / static_cast<double>(chars);
}

// True when e is one of the elements below `ancestor`.
bool IsWithin(const std::vector<ElementStats>& elements, std::uint32_t e,
              std::uint32_t ancestor) {
  for (std::uint32_t p = elements[e].parent; p != ElementStats::kNoParent;
       p = elements[p].parent) {
    if (p == ancestor) return true;
  }
  return false;
}

}  // namespace

std::vector<std::uint32_t> ChooseContentRoot(const std::vector<ElementStats>& elements) {
  const std::size_t n = elements.size();
  std::vector<double> score(n, 0.0);
  std::vector<bool> scored(n, false);
  auto credit = [&](std::uint32_t e, double points) {
    if (!scored[e]) {
      scored[e] = true;
      score[e] = KindWeight(elements[e].kind) + elements[e].name_weight;
    }
    score[e] += points;
  };
  for (std::uint32_t i = 0; i < n; ++i) {
    const ElementStats& e = elements[i];
    if (e.own_chars < kMinParagraphChars) continue;
    const double points = 1.0 + static_cast<double>(e.own_commas) +
                          static_cast<double>(std::min(e.own_chars / kCharsPerPoint,
                                                       kMaxLengthPoints));
    std::uint32_t a = e.parent;
    for (int level = 0; level < kAncestorLevels && a != ElementStats::kNoParent; ++level) {
      // The page's <body> (the walk's first entry) is never the root.
      if (elements[a].parent == ElementStats::kNoParent) break;
      const double divider = level == 0 ? 1.0 : level == 1 ? 2.0 : level * 3.0;
      credit(a, points / divider);
      a = elements[a].parent;
    }
  }
  // The final score discounts link text, which navigation is made of.
  std::vector<std::uint32_t> candidates;
  for (std::uint32_t i = 0; i < n; ++i) {
    if (!scored[i]) continue;
    score[i] *= 1.0 - LinkDensity(elements[i]);
    candidates.push_back(i);
  }
  if (candidates.empty()) return {};
  const std::size_t top_count = std::min(kTopCandidates, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + static_cast<std::ptrdiff_t>(top_count),
                    candidates.end(), [&](std::uint32_t a, std::uint32_t b) {
                      return score[a] > score[b] || (score[a] == score[b] && a < b);
                    });
  std::uint32_t top = candidates[0];
  if (score[top] <= 0) return {};

  // Several near-best candidates under one ancestor: the ancestor is the root.
  std::vector<std::uint32_t> alternatives;
  for (std::size_t k = 1; k < top_count; ++k) {
    if (score[candidates[k]] >= kAlternativeShare * score[top]) alternatives.push_back(candidates[k]);
  }
  if (alternatives.size() >= kMinAgreeing) {
    for (std::uint32_t a = elements[top].parent;
         a != ElementStats::kNoParent && elements[a].parent != ElementStats::kNoParent;
         a = elements[a].parent) {
      const auto agreeing = std::count_if(alternatives.begin(), alternatives.end(),
                                          [&](std::uint32_t c) { return IsWithin(elements, c, a); });
      if (static_cast<std::size_t>(agreeing) >= kMinAgreeing) {
        top = a;
        break;
      }
    }
  }
  // Climb while an ancestor scores higher, as long as scores stay within a
  // third of the root's.
  {
    double last = score[top];
    const double threshold = last / 3;
    for (std::uint32_t a = elements[top].parent;
         a != ElementStats::kNoParent && elements[a].parent != ElementStats::kNoParent;
         a = elements[a].parent) {
      if (!scored[a]) continue;
      if (score[a] < threshold) break;
      if (score[a] > last) {
        top = a;
        break;
      }
      last = score[a];
    }
  }
  // An only child stands for its parent.
  std::vector<std::uint32_t> children(n, 0);
  for (const ElementStats& e : elements) {
    if (e.parent != ElementStats::kNoParent) ++children[e.parent];
  }
  while (elements[top].parent != ElementStats::kNoParent &&
         elements[elements[top].parent].parent != ElementStats::kNoParent &&
         children[elements[top].parent] == 1) {
    top = elements[top].parent;
  }

  // The root's siblings that continue the article.
  const std::uint32_t parent = elements[top].parent;
  const double threshold = std::max(kMinSiblingScore, kSiblingShare * score[top]);
  std::vector<std::uint32_t> root;
  for (std::uint32_t i = 0; i < n; ++i) {
    const ElementStats& e = elements[i];
    if (e.parent != parent) continue;
    bool join = i == top || (scored[i] && score[i] >= threshold);
    if (!join && e.block && e.own_chars == e.chars()) {
      const double density = LinkDensity(e);
      join = e.chars() > kSiblingParagraphChars ? density < kSiblingLinkDensity
                                                 : e.chars() > 0 && density == 0 && e.ends_sentence;
    }
    if (join) root.push_back(i);
  }
  // What stands between parts of the article (a table, a list, a figure
  // under a caption) belongs to it unless it is navigation.
  std::vector<std::uint32_t> filled;
  for (std::uint32_t i = root.front(); i <= root.back(); ++i) {
    if (elements[i].parent != parent) continue;
    if (std::binary_search(root.begin(), root.end(), i) ||
        LinkDensity(elements[i]) <= kBoxLinkDensity) {
      filled.push_back(i);
    }
  }
  return filled;
}

std::vector<std::uint32_t> LinkBoxesWithin(const std::vector<ElementStats>& elements,
                                           const std::vector<std::uint32_t>& root) {
  std::vector<std::uint32_t> boxes;
  for (const std::uint32_t r : root) {
    for (std::uint32_t i = r + 1;
         i < elements.size() && elements[i].text_begin < elements[r].text_end; ++i) {
      const ElementStats& e = elements[i];
      if (e.block && e.kind != ElementKind::kParagraph && e.chars() > 0 &&
          LinkDensity(e) > kBoxLinkDensity) {
        boxes.push_back(i);
      }
    }
  }
  return boxes;
}

}  // namespace pith
