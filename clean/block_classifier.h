// The block classifier shared by the text-dump and HTML cleaners: each block
// (a line of a dump, a paragraph of a page) is judged on its own features as
// jusText does, then in the context of its neighbours, and the article is the
// densest run of good blocks.

#ifndef PITH_CLEAN_BLOCK_CLASSIFIER_H_
#define PITH_CLEAN_BLOCK_CLASSIFIER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "clean/rules.h"
#include "pith/pith.h"

namespace pith {

enum class BlockClass : std::uint8_t {
  kBad,       // boilerplate
  kShort,     // too short to judge alone: its neighbours decide
  kNearGood,  // prose-like but not conclusively: kept unless between bad blocks
  kGood,      // body text
};

// A block and the features the classifier reads.
struct Block {
  std::string_view text;
  // Length in columns: code points, wide ones (Han, kana, Hangul) twice, as
  // a sentence takes about half as many of them as of Latin letters.
  std::size_t chars = 0;
  // Words; in scripts written without spaces each wide letter is one.
  std::size_t words = 0;
  // Words in the page language's stopword list, or, on a page whose language
  // has none, a stand-in from punctuation (see MeasureBlock).
  std::size_t stopwords = 0;
  bool sentence_end = false;  // ends like a sentence: . ! ? … or a closing quote after one
  std::size_t link_bytes = 0; // of text inside links (HTML only)
  // Set by the caller from rules and page-level signals before classifying.
  bool forced_bad = false;
  bool forced_good = false;
  BlockClass cls = BlockClass::kBad;
};

// Thresholds of the classifier; ParamsFor() gives the ones of each Balance.
struct ClassifierParams {
  // jusText's thresholds (0.30, 0.32, 70, 200), moved where the dev set's
  // dumps put them: a little stricter on stopwords, shorter short blocks.
  double stopwords_low = 0.32;   // below: bad
  double stopwords_high = 0.34;  // at or above, and long: good
  std::size_t length_low = 50;   // shorter blocks are kShort
  std::size_t length_high = 200;
  // Blocks with more of their text in links than this are navigation.
  double max_link_density = 0.5;
  // Inside the content root of a page, where an attribution ("Source:
  // <a>The Site</a>") is body, a line must be more of links than this to be
  // left out.
  double root_link_density = 0.8;
  // How much a bad block's length weighs against good text when choosing the
  // main region: higher splits the article at smaller interruptions.
  double bad_weight = 1.5;
};

ClassifierParams ParamsFor(Balance balance);

// Scales the stopword thresholds of *params to the page: languages without
// articles and with rich inflection (Ukrainian, Russian, Polish) write prose
// with far fewer stopwords than English, and a stopword list may be thin.
// The reference is the page's own prose: the densest quarter of its long,
// finished sentences. Thresholds are only ever lowered.
void AdaptToPage(const std::vector<Block>& blocks, ClassifierParams* params);

// Fills the features of *block from its text. stopwords is the list of the
// page's language, or null when it has none (Chinese, Japanese, Arabic,
// Thai...): then each clause or sentence mark (, ， 、 ، ; . 。 ! ? ؟ ۔)
// counts as kFunctionWordsPerMark stopwords, at most one per word, because
// running text is punctuated every dozen words or so in any script, while
// menus, headlines, captions and bylines are hardly punctuated at all; the
// thresholds, AdaptToPage and everything else that reads the stopword share
// then work unchanged. When lowered is not null, the block's text
// lower-cased (as ToLower) is appended to it, for a caller that compares
// lines regardless of case.
inline constexpr std::size_t kFunctionWordsPerMark = 5;
void MeasureBlock(const StopwordSet* stopwords, Block* block, std::string* lowered = nullptr);

// Gives every block its class: first from its own features, then short and
// near-good blocks from their neighbours (jusText's context smoothing).
void ClassifyBlocks(const ClassifierParams& params, std::vector<Block>* blocks);

// The half-open range [first, last) of blocks holding the most good text net
// of the bad text inside it: the article's main region. Empty when no block
// is good.
struct Region {
  std::size_t first = 0;
  std::size_t last = 0;
  bool empty() const { return first >= last; }
};
Region MainRegion(const ClassifierParams& params, const std::vector<Block>& blocks);

}  // namespace pith

#endif  // PITH_CLEAN_BLOCK_CLASSIFIER_H_
