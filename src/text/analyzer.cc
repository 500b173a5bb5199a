#include "text/analyzer.h"

#include <bit>
#include <cstdint>
#include <utility>

#include "text/key_phrases.h"
#include "text/language.h"
#include "text/sentiment.h"
#include "text/tokenizer.h"

namespace ks::text {
namespace {

// The mean score of the clauses that hold a mention of topic `topic`; a mention outside every clause
// (a sentence the sentiment scorer split differently) takes its sentence's score.
double TopicScore(size_t topic, const std::vector<TopicMention>& mentions, const Sentiment& sentiment) {
  double sum = 0;
  int count = 0;
  for (const TopicMention& mention : mentions) {
    if (mention.topic != topic) continue;
    const auto contains = [&mention](const SentenceSentiment& part) {
      return part.begin <= mention.begin && mention.begin < part.end;
    };
    const SentenceSentiment* found = nullptr;
    for (const auto* parts : {&sentiment.clauses, &sentiment.sentences}) {
      for (const SentenceSentiment& part : *parts) {
        if (contains(part)) {
          found = &part;
          break;
        }
      }
      if (found != nullptr) break;
    }
    if (found == nullptr) continue;
    sum += found->score;
    ++count;
  }
  return count == 0 ? 0 : sum / count;
}

}  // namespace

TextAnalyzer::TextAnalyzer(const Taxonomy& taxonomy, std::int64_t revision)
    : matcher_(std::make_shared<const TopicMatcher>(taxonomy)), revision_(revision) {}

void TextAnalyzer::SetTaxonomy(const Taxonomy& taxonomy, std::int64_t revision) {
  auto matcher = std::make_shared<const TopicMatcher>(taxonomy);
  const std::lock_guard lock(mutex_);
  matcher_ = std::move(matcher);
  revision_ = revision;
}

std::int64_t TextAnalyzer::revision() const {
  const std::lock_guard lock(mutex_);
  return revision_;
}

std::shared_ptr<const TopicMatcher> TextAnalyzer::matcher() const {
  const std::lock_guard lock(mutex_);
  return matcher_;
}

TextAnalysis TextAnalyzer::Analyze(std::string_view text, std::string_view given_language,
                                   std::string_view fallback_language) const {
  const std::shared_ptr<const TopicMatcher> topics = matcher();
  TextAnalysis analysis;
  const DetectedLanguage language = DetectLanguage(text, given_language, fallback_language);
  analysis.language = language.code;
  analysis.language_confidence = language.confidence;

  thread_local Tokenized tokens;
  Tokenize(text, {}, tokens);
  const Sentiment sentiment = ScoreSentiment(text, language.code);  // neutral for languages without lexicon
  analysis.sentiment = sentiment.score;
  analysis.sentiment_label = sentiment.label;

  const std::vector<TopicMention> mentions = topics->Match(tokens, language.code);
  const std::vector<TopicDefinition>& definitions = topics->taxonomy().topics;
  uint64_t found = 0;
  for (const TopicMention& mention : mentions) found |= uint64_t{1} << mention.topic;
  for (uint64_t bits = found; bits != 0; bits &= bits - 1) {
    const auto t = static_cast<size_t>(std::countr_zero(bits));
    analysis.topics.push_back({definitions[t].key, TopicScore(t, mentions, sentiment)});
  }

  analysis.key_phrases = KeyPhrases(tokens, language.code);
  return analysis;
}

}  // namespace ks::text
