#include "clean/block_classifier.h"

#include <algorithm>
#include <iterator>
#include <string>

#include "clean/text_util.h"

namespace pith {
namespace {

// A block that ends like a sentence needs only this share of the usual
// stopword density to count as near-good.
constexpr double kSentenceDensityFactor = 0.7;

// Near-good blocks in a row (short ones between them aside) that add up to
// this many times length_high are body text: an article of short paragraphs.
constexpr double kNearGoodRunFactor = 1.0;
constexpr std::size_t kMaxShortInRun = 3;

// English prose runs at about this stopword density; AdaptToPage scales the
// thresholds by a page's own prose density relative to it.
constexpr double kReferenceProseDensity = 0.48;
constexpr double kMinDensityScale = 0.4;
constexpr std::size_t kMinSampleChars = 100;
constexpr std::size_t kMinSamples = 2;

// The most a forced-bad block weighs against the main region, in chars.
constexpr std::size_t kForcedBadChars = 40;

// Promotes runs of near-good blocks long enough together to be body text.
void PromoteNearGoodRuns(const ClassifierParams& p, std::vector<Block>* blocks) {
  std::vector<Block>& b = *blocks;
  std::size_t i = 0;
  while (i < b.size()) {
    if (b[i].cls != BlockClass::kNearGood) {
      ++i;
      continue;
    }
    // The run goes on over at most kMaxShortInRun short blocks at a time (a
    // subheading): a longer stretch of them is a list, which ends it.
    std::size_t j = i;
    std::size_t end = i;  // one past the run's last near-good block
    std::size_t chars = 0;
    int near_good = 0;
    std::size_t shorts = 0;
    for (; j < b.size() && shorts <= kMaxShortInRun &&
           (b[j].cls == BlockClass::kNearGood || b[j].cls == BlockClass::kShort);
         ++j) {
      if (b[j].cls == BlockClass::kNearGood) {
        chars += b[j].chars;
        ++near_good;
        shorts = 0;
        end = j + 1;
      } else {
        ++shorts;
      }
    }
    j = end;
    if (near_good >= 2 &&
        static_cast<double>(chars) >= kNearGoodRunFactor * static_cast<double>(p.length_high)) {
      for (std::size_t k = i; k < j; ++k) {
        if (b[k].cls == BlockClass::kNearGood) b[k].cls = BlockClass::kGood;
      }
    }
    i = j;
  }
}

// Class of the nearest block before (step -1) or after (step +1) index i that
// is not short (and not near-good when skip_neargood), or kBad past the edges.
BlockClass Neighbour(const std::vector<Block>& blocks, std::size_t i, int step,
                     bool skip_neargood) {
  std::ptrdiff_t j = static_cast<std::ptrdiff_t>(i) + step;
  for (; j >= 0 && j < static_cast<std::ptrdiff_t>(blocks.size()); j += step) {
    const BlockClass c = blocks[static_cast<std::size_t>(j)].cls;
    if (c == BlockClass::kShort) continue;
    if (skip_neargood && c == BlockClass::kNearGood) continue;
    return c;
  }
  return BlockClass::kBad;
}

BlockClass OwnClass(const ClassifierParams& p, const Block& b) {
  if (b.forced_bad) return BlockClass::kBad;
  if (b.forced_good) return BlockClass::kGood;
  // Link-heavy blocks are navigation. (jusText also takes every short block
  // holding a link for a menu entry; on innerText lines that costs recall.)
  const std::size_t bytes = b.text.size();
  if (bytes > 0 && static_cast<double>(b.link_bytes) > p.max_link_density * static_cast<double>(bytes)) {
    return BlockClass::kBad;
  }
  if (b.chars < p.length_low) return BlockClass::kShort;
  const double density =
      b.words == 0 ? 0.0 : static_cast<double>(b.stopwords) / static_cast<double>(b.words);
  if (density >= p.stopwords_high) {
    return b.chars > p.length_high ? BlockClass::kGood : BlockClass::kNearGood;
  }
  if (density >= p.stopwords_low) return BlockClass::kNearGood;
  // A finished sentence with a fair share of function words is prose too.
  if (b.sentence_end && density >= p.stopwords_low * kSentenceDensityFactor) {
    return BlockClass::kNearGood;
  }
  return BlockClass::kBad;
}

bool EndsSentence(std::string_view s) {
  // Step back over closing quotes and brackets to the punctuation before them.
  static constexpr std::string_view kClosers[] = {
      "\"", "'", ")", "\xE2\x80\x9D", "\xE2\x80\x99", "\xC2\xBB",
      "\xE3\x80\x8D" /* 」 */, "\xE3\x80\x8F" /* 』 */, "\xEF\xBC\x89" /* ） */};
  bool stripped = true;
  while (stripped && !s.empty()) {
    stripped = false;
    // Most lines end in an ASCII byte that no closer ends in: no comparing.
    const auto end = static_cast<unsigned char>(s.back());
    if (end < 0x80 && end != '"' && end != '\'' && end != ')') break;
    for (std::string_view c : kClosers) {
      if (s.ends_with(c)) {
        s.remove_suffix(c.size());
        stripped = true;
      }
    }
  }
  if (s.empty()) return false;
  const char last = s.back();
  if (last == '.' || last == '!' || last == '?' || last == ':' || last == ';') return true;
  if (static_cast<unsigned char>(last) < 0x80) return false;  // the other ends are not ASCII
  static constexpr std::string_view kEnds[] = {
      "\xE2\x80\xA6" /* … */,        "\xE3\x80\x82" /* 。 */, "\xEF\xBC\x81" /* ！ */,
      "\xEF\xBC\x9F" /* ？ */,       "\xEF\xBC\x9B" /* ； */, "\xEF\xBC\x9A" /* ： */,
      "\xD8\x9F" /* Arabic ؟ */, "\xDB\x94" /* Urdu ۔ */};
  return std::any_of(std::begin(kEnds), std::end(kEnds),
                     [s](std::string_view end) { return s.ends_with(end); });
}

// Clause and sentence marks in s: ASCII ones only before a space or at the
// end (not in 1.6 or a URL), and those of CJK and Arabic script.
std::size_t CountClauseMarks(std::string_view s) {
  static constexpr std::string_view kMarks[] = {
      "\xEF\xBC\x8C" /* ， */, "\xE3\x80\x81" /* 、 */, "\xE3\x80\x82" /* 。 */,
      "\xEF\xBC\x81" /* ！ */, "\xEF\xBC\x9F" /* ？ */, "\xEF\xBC\x9B" /* ； */,
      "\xD8\x8C" /* ، */,       "\xD8\x9B" /* ؛ */,       "\xD8\x9F" /* ؟ */,
      "\xDB\x94" /* ۔ */};
  std::size_t marks = 0;
  for (std::size_t i = 0; i < s.size(); ++i) {
    const char c = s[i];
    if (c == ',' || c == '.' || c == ';' || c == '!' || c == '?') {
      marks += i + 1 == s.size() || s[i + 1] == ' ';
    } else if (static_cast<unsigned char>(c) >= 0xC0) {
      const std::string_view rest = s.substr(i);
      marks += std::any_of(std::begin(kMarks), std::end(kMarks),
                           [rest](std::string_view m) { return rest.starts_with(m); });
    }
  }
  return marks;
}

}  // namespace

ClassifierParams ParamsFor(Balance balance) {
  ClassifierParams p;
  switch (balance) {
    case Balance::kPrecision:
      p.stopwords_low = 0.34;
      p.stopwords_high = 0.36;
      p.length_low = 70;
      p.bad_weight = 2.5;
      p.root_link_density = 0.5;
      break;
    case Balance::kDefault:
      break;
    case Balance::kRecall:
      p.stopwords_low = 0.27;
      p.stopwords_high = 0.30;
      p.length_low = 40;
      p.bad_weight = 0.75;
      p.root_link_density = 1.0;
      break;
  }
  return p;
}

void AdaptToPage(const std::vector<Block>& blocks, ClassifierParams* params) {
  std::vector<double> densities;
  for (const Block& b : blocks) {
    if (b.chars >= kMinSampleChars && b.sentence_end && b.words > 0 && !b.forced_bad) {
      densities.push_back(static_cast<double>(b.stopwords) / static_cast<double>(b.words));
    }
  }
  if (densities.size() < kMinSamples) return;
  const auto upper_quartile = densities.begin() + static_cast<std::ptrdiff_t>(densities.size() * 3 / 4);
  std::nth_element(densities.begin(), upper_quartile, densities.end());
  const double scale =
      std::clamp(*upper_quartile / kReferenceProseDensity, kMinDensityScale, 1.0);
  params->stopwords_low *= scale;
  params->stopwords_high *= scale;
}

void MeasureBlock(const StopwordSet* stopwords, Block* block, std::string* lowered) {
  // Kept from line to line, so that measuring a line allocates nothing.
  thread_local std::string own_lowered;
  thread_local std::vector<ScannedWord> words;
  if (lowered == nullptr) {
    own_lowered.clear();
    lowered = &own_lowered;
  }
  const CharCounts counts = ScanLine(block->text, lowered, &words);
  block->chars = counts.total + counts.wide;
  block->words = 0;
  block->stopwords = 0;
  const std::size_t lowered_size = lowered->size();
  lowered->append(StopwordSet::kPadding, '\0');  // for FindPadded, taken off below
  const std::string_view lowered_text = *lowered;
  for (const ScannedWord& w : words) {
    block->words += w.weight;
    if (stopwords) {
      const std::size_t length = w.lowered_end - w.lowered_begin;
      const std::string_view word = lowered_text.substr(w.lowered_begin, length);
      block->stopwords += stopwords->FindPadded(word) != StopwordSet::kMissing;
    }
  }
  lowered->resize(lowered_size);
  if (!stopwords) {
    block->stopwords = std::min(block->words, kFunctionWordsPerMark * CountClauseMarks(block->text));
  }
  block->sentence_end = EndsSentence(block->text);
}

void ClassifyBlocks(const ClassifierParams& params, std::vector<Block>* blocks) {
  std::vector<Block>& b = *blocks;
  for (Block& block : b) block.cls = OwnClass(params, block);
  PromoteNearGoodRuns(params, blocks);

  // Short blocks take the class of their surroundings. Decisions are made on
  // the classes before this pass, then applied together, as jusText does.
  std::vector<BlockClass> revised(b.size());
  for (std::size_t i = 0; i < b.size(); ++i) {
    revised[i] = b[i].cls;
    if (b[i].cls != BlockClass::kShort) continue;
    const BlockClass prev = Neighbour(b, i, -1, true);
    const BlockClass next = Neighbour(b, i, +1, true);
    if (prev == BlockClass::kGood && next == BlockClass::kGood) {
      revised[i] = BlockClass::kGood;
    } else if (prev == BlockClass::kBad && next == BlockClass::kBad) {
      revised[i] = BlockClass::kBad;
    } else if ((prev == BlockClass::kBad &&
                Neighbour(b, i, -1, false) == BlockClass::kNearGood) ||
               (next == BlockClass::kBad &&
                Neighbour(b, i, +1, false) == BlockClass::kNearGood)) {
      revised[i] = BlockClass::kGood;
    } else {
      revised[i] = BlockClass::kBad;
    }
  }
  for (std::size_t i = 0; i < b.size(); ++i) b[i].cls = revised[i];

  // Near-good blocks are kept unless bad text surrounds them.
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (b[i].cls != BlockClass::kNearGood) continue;
    const bool isolated = Neighbour(b, i, -1, true) == BlockClass::kBad &&
                          Neighbour(b, i, +1, true) == BlockClass::kBad;
    revised[i] = isolated ? BlockClass::kBad : BlockClass::kGood;
  }
  for (std::size_t i = 0; i < b.size(); ++i) {
    if (b[i].cls == BlockClass::kNearGood) b[i].cls = revised[i];
  }
}

Region MainRegion(const ClassifierParams& params, const std::vector<Block>& blocks) {
  // Kadane's maximum-sum run over +chars for good blocks, -chars for bad ones.
  Region best;
  double best_sum = 0;
  double sum = 0;
  std::size_t start = 0;
  for (std::size_t i = 0; i < blocks.size(); ++i) {
    const Block& b = blocks[i];
    // Lines the rules took out are known furniture, gone from the output
    // whatever happens: they interrupt the article less than text judged bad.
    const std::size_t bad_chars =
        b.forced_bad ? std::min(b.chars, kForcedBadChars) : b.chars;
    const double weight = b.cls == BlockClass::kGood
                              ? static_cast<double>(b.chars)
                              : -params.bad_weight * static_cast<double>(bad_chars);
    if (sum <= 0) {
      sum = 0;
      start = i;
    }
    sum += weight;
    if (sum > best_sum) {
      best_sum = sum;
      best = {start, i + 1};
    }
  }
  return best;
}

}  // namespace pith
