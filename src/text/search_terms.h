// Words for full-text search, the same on both storage engines: text is split into words, lowercased,
// stripped of diacritics and stemmed with Snowball (Dutch and English), and the stems are what the
// database indexes (SQLite FTS5, PostgreSQL tsvector with the 'simple' configuration).
// A query word matches when any of its stems (Dutch or English) is in the document.
// Thread-safe (stemmers are per thread).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace ks::text {

// Lowercased words without diacritics ("Één Pakket!" → {"een", "pakket"}). Letters and digits only.
std::vector<std::string> Words(std::string_view text);

// The stems of `text` separated by spaces, for the search index. `language` "nl" or "en" stems in that
// language; anything else indexes both stems of each word.
std::string SearchStems(std::string_view text, std::string_view language);

// For each word of a search query, the distinct stems it may have (Dutch and English).
std::vector<std::vector<std::string>> QueryStems(std::string_view query);

}  // namespace ks::text
