// Stopwords: the words too common to say anything ("de", "het", "the", "and"), per language, from the
// pinned npm package stopwords-iso (data only; see THIRD_PARTY_NOTICES.md). Words are compared as
// text::Words() produces them: lowercased, without diacritics. Thread-safe (built once, on first use).
#pragma once

#include <string_view>

namespace ks::text {

// Whether `word` is a stopword of `language` (nl, en, fr, de); for any other language, or an empty
// one, whether it is a stopword of Dutch or English.
bool IsStopword(std::string_view word, std::string_view language);

}  // namespace ks::text
