// Words of the unhappy: the words, two-word phrases and three-word key phrases over-represented in
// unhappy feedback against happy feedback (log-odds ratio with an informative Dirichlet prior, Monroe,
// Colaresi & Quinn 2008; stats/log_odds.h). Words are lowercased without diacritics, stopwords of the
// item's language left out, and counted by stem (Snowball, per language), shown in their most frequent
// written form. The three-word phrases are the key phrases text analysis stored with the item.
//
// CountTerms and ScoreTerms are pure; LoadTexts reads the database. Thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "db/database.h"
#include "feedback/scale.h"

namespace ks::analytics {

struct ClassifiedText {
  std::string text;
  std::string language;
  Mood mood = Mood::kNeutral;
  std::vector<std::string> key_phrases;  // as stored by text analysis (folded words, one space apart)
};

struct WordScore {
  std::string term;  // as written most often ("bezorging", "te laat" → "laat bezorgd")
  std::int64_t in_unhappy = 0, in_happy = 0;
  double z = 0;  // > 0: over-represented in unhappy feedback
};

struct UnhappyWords {
  std::int64_t unhappy_items = 0, happy_items = 0;
  std::vector<WordScore> unhappy;  // most over-represented in unhappy feedback first (z ≥ 1.96)
  std::vector<WordScore> happy;    // most over-represented in happy feedback first (z ≤ −1.96)
};

// `limit` terms per side; terms seen fewer than 3 times are left out.
UnhappyWords ScoreTerms(const std::vector<ClassifiedText>& texts, size_t limit);

struct TextFilter {
  Micros from = 0, to = 0;             // received in [from, to)
  std::vector<std::int64_t> unit_ids;  // empty: any
  bool only_listed_units = false;
  std::vector<std::string> sources, channels, brands, languages;
  size_t max_items = 20'000;  // the newest ones
};

// Unhappy and happy items with text.
Result<std::vector<ClassifiedText>> LoadTexts(db::Connection& c, const TextFilter& filter);

}  // namespace ks::analytics
