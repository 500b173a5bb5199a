// Lexicon-based sentiment of a feedback text in Dutch or English, per sentence and for the whole text,
// from -1 (very negative) to +1 (very positive). The rules follow VADER (Hutto & Gilbert, 2014):
// word valences from real lexicons (Pattern's Dutch and English lexicons, VADER's English lexicon; see
// THIRD_PARTY_NOTICES.md), negation, intensifiers and diminishers, contrast ("maar", "but": the clause
// after it weighs more), exclamation marks, words in capitals, emoji and emoticons, and VADER's
// normalisation x/sqrt(x^2 + 15).
// Thread-safe: the lexicons are loaded once, on first use, and never change afterwards.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace ks::text {

struct SentenceSentiment {
  size_t begin = 0;  // byte range of the sentence in the scored text
  size_t end = 0;
  double score = 0;  // -1..+1
};

struct Sentiment {
  double score = 0;                          // -1..+1 for the whole text
  std::string label;                         // "negative" (score <= -0.05), "neutral" or "positive" (>= 0.05)
  std::vector<SentenceSentiment> sentences;  // in text order; sentences without words are left out
  // The sentences split further into clauses at semicolons and contrast words ("maar", "echter", "but",
  // "however"; not "maar ook", "but also"), each scored on its own (without the contrast weighting), in
  // text order: what a part of a text says ("late, but friendly"). A sentence of one clause is one entry.
  std::vector<SentenceSentiment> clauses;
};

// Scores `text` in `language` ("nl" or "en"). Any other language, and an empty text, score neutral 0
// (with no sentences for another language).
Sentiment ScoreSentiment(std::string_view text, std::string_view language);

// The label of a score: "negative", "neutral" or "positive".
std::string SentimentLabel(double score);

}  // namespace ks::text
