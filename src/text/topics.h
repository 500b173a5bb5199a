// Topic detection: which topics of a taxonomy a tokenized text mentions, and where. Keywords and
// phrases match on stems of consecutive words (Dutch compounds also by their parts: "bezorgtijd"
// mentions "bezorg…" and "tijd"); an exclusion found in the same sentence cancels that topic there.
// A compiled matcher is immutable and thread-safe.
#pragma once

#include <cstddef>
#include <memory>
#include <string_view>
#include <vector>

#include "text/taxonomy.h"
#include "text/tokenizer.h"

namespace ks::text {

struct TopicMention {
  size_t topic = 0;     // index into the taxonomy's topics
  size_t sentence = 0;  // index into Tokenized::sentences
  size_t begin = 0;     // byte range of the matched words in the text
  size_t end = 0;
};

class TopicMatcher {
 public:
  explicit TopicMatcher(const Taxonomy& taxonomy);
  ~TopicMatcher();
  TopicMatcher(const TopicMatcher&) = delete;
  TopicMatcher& operator=(const TopicMatcher&) = delete;

  const Taxonomy& taxonomy() const;

  // Every mention in `tokens` (of a text in `language`; an unsupported or empty language matches the
  // Dutch and English keywords), in text order; at most one mention per topic and sentence.
  std::vector<TopicMention> Match(const Tokenized& tokens, std::string_view language) const;

 private:
  struct Compiled;
  std::unique_ptr<const Compiled> compiled_;
};

}  // namespace ks::text
