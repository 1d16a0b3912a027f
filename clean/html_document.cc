#include "clean/html_document.h"

#include <cstring>
#include <new>
#include <string>
#include <utility>

namespace pith {

class GumboArena {
 public:
  GumboArena() = default;
  GumboArena(const GumboArena&) = delete;
  GumboArena& operator=(const GumboArena&) = delete;
  ~GumboArena() {
    for (void* block : blocks_) ::operator delete(block);
  }

  // Options that make Gumbo allocate from this arena and record no parse
  // errors: each recorded error copies the stack of open elements, which costs
  // memory quadratic in nesting depth (12 GB at 40,000 unclosed <div>s).
  GumboOptions Options() {
    GumboOptions options = kGumboDefaultOptions;
    options.allocator = &GumboArena::Allocate;
    options.deallocator = &GumboArena::Deallocate;
    options.userdata = this;
    options.max_errors = 0;
    return options;
  }

  // A NUL-terminated copy of s, which lives as long as the arena.
  const char* Copy(std::string_view s) {
    auto* copy = static_cast<char*>(Take(s.size() + 1));
    std::memcpy(copy, s.data(), s.size());
    copy[s.size()] = '\0';
    return copy;
  }

 private:
  static constexpr std::size_t kAlign = alignof(std::max_align_t);
  static constexpr std::size_t kChunkSize = std::size_t{64} << 10;

  // Gumbo's allocator hooks. Allocation failure throws std::bad_alloc, as
  // the rest of the library's containers do.
  static void* Allocate(void* arena, std::size_t size) {
    return static_cast<GumboArena*>(arena)->Take(size);
  }
  static void Deallocate(void*, void*) {}

  void* Take(std::size_t size) {
    size = (size + kAlign - 1) & ~(kAlign - 1);
    if (size > static_cast<std::size_t>(end_ - next_)) {
      // Large blocks get their own allocation so they do not waste the rest
      // of a chunk.
      if (size > kChunkSize / 4) return NewBlock(size);
      next_ = static_cast<char*>(NewBlock(kChunkSize));
      end_ = next_ + kChunkSize;
    }
    void* p = next_;
    next_ += size;
    return p;
  }

  void* NewBlock(std::size_t size) {
    blocks_.reserve(blocks_.size() + 1);  // so push_back cannot leak the block
    void* block = ::operator new(size);
    blocks_.push_back(block);
    return block;
  }

  std::vector<void*> blocks_;
  char* next_ = nullptr;
  char* end_ = nullptr;
};

namespace {

const GumboNode* ChildElement(const GumboNode* parent, GumboTag tag) {
  const GumboVector& children = parent->v.element.children;
  for (unsigned i = 0; i < children.length; ++i) {
    const auto* node = static_cast<const GumboNode*>(children.data[i]);
    if (node->type == GUMBO_NODE_ELEMENT && node->v.element.tag == tag) return node;
  }
  return nullptr;
}

// Points each attribute value under root that is a reference to a moved
// value at that value, and each text node that holds references to moved
// texts at its text (moved texts are never white space, nor in CDATA: the
// pre-pass moves none in SVG or MathML). Iterative, as trees nest deep.
void RestoreMovedValues(GumboNode* root, const MovedValues& moved, GumboArena* arena) {
  std::vector<GumboNode*> stack = {root};
  std::string buffer;
  while (!stack.empty()) {
    GumboNode* node = stack.back();
    stack.pop_back();
    if (node->type == GUMBO_NODE_TEXT) {
      const char* text = moved.ResolveText(node->v.text.text, &buffer);
      if (text != nullptr) node->v.text.text = text == buffer.c_str() ? arena->Copy(buffer) : text;
      continue;
    }
    if (node->type != GUMBO_NODE_ELEMENT && node->type != GUMBO_NODE_TEMPLATE) continue;
    const GumboVector& attributes = node->v.element.attributes;
    for (unsigned i = 0; i < attributes.length; ++i) {
      auto* attribute = static_cast<GumboAttribute*>(attributes.data[i]);
      if (const char* value = moved.Resolve(attribute->value)) attribute->value = value;
    }
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      stack.push_back(static_cast<GumboNode*>(children.data[i]));
    }
  }
}

}  // namespace

HtmlDocument::HtmlDocument(std::string_view html, MovedValues moved)
    : bytes_(html), moved_(std::move(moved)), arena_(std::make_unique<GumboArena>()) {
  const GumboOptions options = arena_->Options();
  GumboOutput* output = gumbo_parse_with_options(&options, bytes_.c_str(), bytes_.size());
  if (!moved_.empty()) RestoreMovedValues(output->root, moved_, arena_.get());
  output_ = output;
}

HtmlDocument::~HtmlDocument() = default;

const GumboNode* HtmlDocument::body() const { return ChildElement(root(), GUMBO_TAG_BODY); }

const GumboNode* HtmlDocument::head() const { return ChildElement(root(), GUMBO_TAG_HEAD); }

const char* AttributeValue(const GumboElement& element, const char* name) {
  // Gumbo lower-cases attribute names as it reads them, so a byte comparison
  // does what gumbo_get_attribute's strcasecmp does, at a fraction of its cost.
  for (unsigned i = 0; i < element.attributes.length; ++i) {
    const auto* attribute = static_cast<const GumboAttribute*>(element.attributes.data[i]);
    if (attribute->name[0] == name[0] && std::strcmp(attribute->name, name) == 0) return attribute->value;
  }
  return nullptr;
}

std::string NodeText(const GumboNode* node) {
  std::string text;
  std::vector<const GumboNode*> stack = {node};
  while (!stack.empty()) {
    const GumboNode* n = stack.back();
    stack.pop_back();
    if (n->type == GUMBO_NODE_ELEMENT) {
      const GumboVector& children = n->v.element.children;
      for (unsigned i = children.length; i-- > 0;) {
        stack.push_back(static_cast<const GumboNode*>(children.data[i]));
      }
    } else if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
               n->type == GUMBO_NODE_CDATA) {
      text += n->v.text.text;
    }
  }
  return text;
}

}  // namespace pith
