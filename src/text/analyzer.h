// TextAnalyzer: everything klantstem learns from a feedback text on the write path — its language, its
// sentiment (with a label), its topics each with its own sentiment (the sentiment of the clauses that
// mention it: "the delivery was late but the driver was very friendly" is negative on delivery and
// positive on staff) and its key phrases. The taxonomy can be swapped at any time (the settings page,
// another node); an analysis uses the taxonomy that was current when it started.
// Thread-safe: Analyze may run on many threads while SetTaxonomy swaps.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

#include "text/taxonomy.h"
#include "text/topics.h"

namespace ks::text {

struct TopicSentiment {
  std::string key;       // the topic's key
  double sentiment = 0;  // -1..+1
};

struct TextAnalysis {
  std::string language;                  // "nl", "en", "fr", "de" or "" (unknown)
  double language_confidence = 0;        // 0..1, see DetectedLanguage
  double sentiment = 0;                  // -1..+1 (0 for an empty text or a language without lexicon)
  std::string sentiment_label;           // "negative", "neutral" or "positive"
  std::vector<TopicSentiment> topics;    // in taxonomy order, each topic once
  std::vector<std::string> key_phrases;  // see key_phrases.h
};

class TextAnalyzer {
 public:
  // Starts with `taxonomy` at `revision` (0: the built-in default).
  explicit TextAnalyzer(const Taxonomy& taxonomy = DefaultTaxonomy(), std::int64_t revision = 0);

  // Replaces the taxonomy (compiled here, before the swap).
  void SetTaxonomy(const Taxonomy& taxonomy, std::int64_t revision);
  // The revision of the current taxonomy.
  std::int64_t revision() const;
  // The current taxonomy (a snapshot; stays valid while held).
  std::shared_ptr<const TopicMatcher> matcher() const;

  // Analyses `text`. `given_language` is the sender's language (wins when supported); `fallback_language`
  // is the customer's, used for very short texts (see DetectLanguage).
  TextAnalysis Analyze(std::string_view text, std::string_view given_language = "",
                       std::string_view fallback_language = "") const;

 private:
  mutable std::mutex mutex_;
  std::shared_ptr<const TopicMatcher> matcher_;
  std::int64_t revision_ = 0;
};

}  // namespace ks::text
