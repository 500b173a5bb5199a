#include "text/stemmer.h"

#include <libstemmer.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <unordered_map>

#include "text/word_hash.h"

namespace ks::text {
namespace {

// A thread's cache is cleared when it reaches this many words: feedback vocabularies are Zipfian, so
// the frequent words are back within a few texts, and memory stays bounded.
constexpr size_t kMaxCachedWords = 50'000;

struct StemmerDeleter {
  void operator()(sb_stemmer* s) const { sb_stemmer_delete(s); }
};

// One language's Snowball stemmer and its cache of stems.
struct LanguageStemmer {
  std::unique_ptr<sb_stemmer, StemmerDeleter> stemmer;
  WordTable<std::string> cache;
};

enum Language : size_t { kDutch, kEnglish, kFrench, kGerman, kLanguages };

Language LanguageOf(std::string_view language) {
  if (language == "nl") return kDutch;
  if (language == "fr") return kFrench;
  if (language == "de") return kGerman;
  return kEnglish;
}

LanguageStemmer& StemmerFor(Language language) {
  // Snowball stemmers keep state between calls, so each thread has its own; they are created on a
  // thread's first use of the language.
  thread_local std::array<LanguageStemmer, kLanguages> stemmers;
  static constexpr std::array<const char*, kLanguages> kAlgorithms = {"dutch", "english", "french", "german"};
  LanguageStemmer& stemmer = stemmers[language];
  if (stemmer.stemmer == nullptr) stemmer.stemmer.reset(sb_stemmer_new(kAlgorithms[language], "UTF_8"));
  return stemmer;
}

}  // namespace

std::string Stem(std::string_view language, std::string_view word) {
  LanguageStemmer& stemmer = StemmerFor(LanguageOf(language));
  if (const auto it = stemmer.cache.find(word); it != stemmer.cache.end()) return it->second;
  std::string stem(word);
  if (stemmer.stemmer != nullptr) {
    const sb_symbol* out = sb_stemmer_stem(stemmer.stemmer.get(), reinterpret_cast<const sb_symbol*>(word.data()),
                                           static_cast<int>(word.size()));
    if (out != nullptr) stem.assign(reinterpret_cast<const char*>(out), sb_stemmer_length(stemmer.stemmer.get()));
  }
  if (stemmer.cache.size() >= kMaxCachedWords) stemmer.cache.clear();
  stemmer.cache.emplace(word, stem);
  return stem;
}

}  // namespace ks::text
