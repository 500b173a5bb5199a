// Key phrases: the noun-ish two- and three-word phrases of a text ("lange wachttijd", "customer
// service desk"), for the "words of the unhappy" analysis and search suggestions. Candidates are runs
// of content words inside one sentence (no stopwords, negations, numbers, URLs or punctuation between
// them) that do not end in a verb-like, adverb-like or adjective-like word (built-in Dutch and English
// word lists and suffix rules, no tagger; a few nouns and adjectives on stopwords-iso's long English list,
// such as "order", "website", "great" and "long", count as content words). A run longer than three words
// gives its last three. Phrases are returned folded, in text order, without duplicates. Pure; thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "text/tokenizer.h"

namespace ks::text {

// At most `limit` key phrases of `tokens` (a text in `language`), words separated by one space.
std::vector<std::string> KeyPhrases(const Tokenized& tokens, std::string_view language, size_t limit = 8);

}  // namespace ks::text
