// The topic taxonomy: what feedback is about ("delivery", "waiting time", "price", …), defined per
// language by keywords and phrases that are matched on Snowball stems, and by exclusions that cancel a
// match in the same sentence ("levertijd" is delivery, but "lever uw oude toestel in" is not). The
// organisation edits it on a settings page; a default for service businesses in Dutch and English
// ships with klantstem (default_taxonomy.json). Plain values; pure functions; thread-safe.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace ks::text {

// At most this many topics: the analytics index keeps an item's topics in a 64-bit mask.
inline constexpr size_t kMaxTopics = 64;

struct TopicDefinition {
  std::string key;                           // [a-z0-9_]{1,40}, unique, e.g. "delivery"
  std::map<std::string, std::string> names;  // language → display name ("nl" → "Bezorging")
  // language → words and phrases ("levertijd", "te laat"), matched on stems; one written with a leading
  // "=" matches the exact (folded) words instead ("=friendly": not "friends", which has the same stem).
  std::map<std::string, std::vector<std::string>> keywords;
  std::map<std::string, std::vector<std::string>> exclusions;  // language → words and phrases that cancel a match
};

struct Taxonomy {
  std::vector<TopicDefinition> topics;
};

// Parses and validates the JSON form:
//   {"topics":[{"key":"delivery","names":{"nl":"Bezorging","en":"Delivery"},
//               "keywords":{"nl":["bezorging","levertijd"],"en":["delivery"]},"exclusions":{"nl":[…]}}]}
// Errors (kInvalidArgument) name the field, e.g. "topics[3].key" (missing, malformed or duplicate),
// "topics[0].keywords.nl[2]" (empty or without a letter), "topics[1].keywords" (a topic without any
// keyword), "topics" (more than kMaxTopics), a language other than nl, en, fr, de.
Result<Taxonomy> ParseTaxonomy(std::string_view json);

// The JSON form that ParseTaxonomy reads (pretty-printed, stable order).
std::string TaxonomyToJson(const Taxonomy& taxonomy);

// The taxonomy klantstem ships with (embedded default_taxonomy.json).
const Taxonomy& DefaultTaxonomy();

// The topic's display name in `language`, else English, else its key.
std::string TopicName(const TopicDefinition& topic, std::string_view language);

}  // namespace ks::text
