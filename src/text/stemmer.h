// Snowball stemming (libstemmer) of folded words, per language. Thread-safe: each thread has its own
// stemmers, and a small per-thread cache keeps frequent words from being stemmed again.
#pragma once

#include <string>
#include <string_view>

namespace ks::text {

// The Snowball stem of the folded word `word` in `language` ("nl", "en", "fr", "de"); any other
// language stems as English. A word the stemmer cannot handle is returned as it is.
std::string Stem(std::string_view language, std::string_view word);

}  // namespace ks::text
