#include "text/topics.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <cstring>
#include <functional>
#include <string>
#include <tuple>
#include <unordered_map>
#include <utility>

#include "text/stemmer.h"
#include "text/word_hash.h"

namespace ks::text {
namespace {

// A Dutch single-word keyword also matches as the head of a compound that SplitCompound does not know
// ("gerecht" in "hoofdgerecht", "sfeer" in "kerstsfeer") when its stem has at least this many letters…
constexpr size_t kMinHeadStem = 4;
// …and the modifier before it has at least this many letters (not "ver", "ont", "in": "verwachten" is
// not "wachten", "indruk" is not "druk") and is not a verb particle ("voorkomen" is not "komen").
constexpr size_t kMinModifier = 4;
constexpr std::array<std::string_view, 14> kParticles = {"door",  "over",    "onder",  "voor",   "terug",
                                                         "tegen", "samen",   "achter", "binnen", "buiten",
                                                         "neer",  "voorbij", "omhoog", "rond"};

// A keyword or exclusion that starts with this matches the exact (folded) words, not their stems:
// "=friendly" is not "friends", although both stem to "friend".
constexpr std::string_view kExactMark = "=";

constexpr size_t kMaxCachedCompounds = 50'000;

constexpr std::array<std::string_view, 4> kLanguages = {"nl", "en", "fr", "de"};

struct Phrase {
  size_t topic = 0;
  bool exact = false;              // written with a leading "=": matches the folded words, not their stems
  std::vector<std::string> words;  // stems (or folded words when exact), one per word
};

using PhraseMap = WordTable<std::vector<size_t>>;

// The keywords or the exclusions of one language, indexed by their first word.
struct PhraseIndex {
  std::vector<Phrase> phrases;
  PhraseMap by_first_stem;
  PhraseMap by_first_norm;  // exact phrases
  // Single-word phrases with a stem of at least kMinHeadStem letters by the stem's last kMinHeadStem
  // letters, to find compound heads with one look-up.
  PhraseMap by_tail;

  void Add(size_t topic, std::string_view language, std::string_view text) {
    Phrase phrase{topic, text.starts_with(kExactMark), {}};
    for (const Token& token : Tokenize(text).tokens) {
      if (token.kind != TokenKind::kWord) continue;
      phrase.words.push_back(phrase.exact ? token.norm : Stem(language, token.norm));
    }
    if (phrase.words.empty()) return;
    const std::string& first = phrase.words[0];
    if (phrase.exact) {
      by_first_norm[first].push_back(phrases.size());
    } else {
      by_first_stem[first].push_back(phrases.size());
      if (phrase.words.size() == 1 && first.size() >= kMinHeadStem) {
        by_tail[first.substr(first.size() - kMinHeadStem)].push_back(phrases.size());
      }
    }
    phrases.push_back(std::move(phrase));
  }

  static const std::vector<size_t>* Find(const PhraseMap& map, std::string_view word) {
    const auto it = map.find(word);
    return it == map.end() ? nullptr : &it->second;
  }

  // Calls `candidate(phrase)` for each phrase whose first word the token with `stem` and `norm` matches.
  template <typename Candidate>
  void ForEachCandidate(std::string_view stem, std::string_view norm, const Candidate& candidate) const {
    if (const std::vector<size_t>* list = Find(by_first_stem, stem)) {
      for (const size_t p : *list) candidate(phrases[p]);
    }
    if (by_first_norm.empty()) return;
    if (const std::vector<size_t>* list = Find(by_first_norm, norm)) {
      for (const size_t p : *list) candidate(phrases[p]);
    }
  }
};

struct LanguageIndex {
  std::string_view language;
  PhraseIndex keywords;
  PhraseIndex exclusions;
};

// Per-thread scratch space of Match, reused between calls.
struct Scratch {
  std::vector<std::string> stems;   // per token; empty for tokens that are not words
  std::vector<std::string> parts;   // stems of compound parts, all tokens
  std::vector<size_t> part_begin;   // per token: its parts are parts[part_begin[i], part_begin[i + 1])
  std::vector<TopicMention> first;  // per topic: its first mention in the current sentence
};

bool IsParticle(std::string_view s) { return std::find(kParticles.begin(), kParticles.end(), s) != kParticles.end(); }

}  // namespace

struct TopicMatcher::Compiled {
  Taxonomy taxonomy;
  std::vector<LanguageIndex> languages;  // those with at least one keyword or exclusion

  const LanguageIndex* Find(std::string_view language) const {
    for (const LanguageIndex& index : languages) {
      if (index.language == language) return &index;
    }
    return nullptr;
  }
};

TopicMatcher::TopicMatcher(const Taxonomy& taxonomy) {
  auto compiled = std::make_unique<Compiled>();
  compiled->taxonomy = taxonomy;
  for (const std::string_view language : kLanguages) {
    LanguageIndex index;
    index.language = language;
    for (size_t t = 0; t < taxonomy.topics.size() && t < kMaxTopics; ++t) {
      const TopicDefinition& topic = taxonomy.topics[t];
      const std::string key(language);
      if (const auto it = topic.keywords.find(key); it != topic.keywords.end()) {
        for (const std::string& keyword : it->second) index.keywords.Add(t, language, keyword);
      }
      if (const auto it = topic.exclusions.find(key); it != topic.exclusions.end()) {
        for (const std::string& exclusion : it->second) index.exclusions.Add(t, language, exclusion);
      }
    }
    if (!index.keywords.phrases.empty()) compiled->languages.push_back(std::move(index));
  }
  compiled_ = std::move(compiled);
}

TopicMatcher::~TopicMatcher() = default;

const Taxonomy& TopicMatcher::taxonomy() const { return compiled_->taxonomy; }

namespace {

// The stems of the parts of the Dutch compound `norm`, none when it does not split. Splitting is slow
// next to a hash look-up, so each thread caches it, like Stem.
const std::vector<std::string>& CompoundStems(const std::string& norm) {
  thread_local WordTable<std::vector<std::string>> cache;
  if (const auto it = cache.find(norm); it != cache.end()) return it->second;
  if (cache.size() >= kMaxCachedCompounds) cache.clear();
  std::vector<std::string> parts = SplitCompound(norm);
  if (parts.size() == 1) parts.clear();
  for (std::string& part : parts) part = Stem("nl", part);
  return cache.emplace(norm, std::move(parts)).first->second;
}

// The stems of the words of `tokens` in `language`, and for Dutch the stems of compound parts.
void StemTokens(const Tokenized& tokens, std::string_view language, Scratch& scratch) {
  const size_t n = tokens.tokens.size();
  scratch.stems.resize(n);
  scratch.parts.clear();
  scratch.part_begin.assign(n + 1, 0);
  for (size_t i = 0; i < n; ++i) {
    const Token& token = tokens.tokens[i];
    scratch.part_begin[i] = scratch.parts.size();
    if (token.kind != TokenKind::kWord) {
      scratch.stems[i].clear();
      continue;
    }
    scratch.stems[i] = Stem(language, token.norm);
    if (language == "nl" && token.norm.size() >= 2 * kMinModifier) {
      for (const std::string& part : CompoundStems(token.norm)) scratch.parts.push_back(part);
    }
  }
  scratch.part_begin[n] = scratch.parts.size();
}

// The number of words of `phrase` that match the tokens from `i` on (0 if it does not match). Phrases
// match consecutive words within [i, end): a number or punctuation between words breaks a phrase.
size_t MatchLength(const Phrase& phrase, const Tokenized& tokens, const Scratch& scratch, size_t i, size_t end) {
  if (i + phrase.words.size() > end) return 0;
  for (size_t k = 0; k < phrase.words.size(); ++k) {
    const std::string& stem = scratch.stems[i + k];
    if (stem.empty() || (phrase.exact ? tokens.tokens[i + k].norm : stem) != phrase.words[k]) return 0;
  }
  return phrase.words.size();
}

// Calls `found(topic)` for each single-word keyword that a part of the compound tokens[i] matches: a
// part SplitCompound found, or else a head that ends the word's stem after a long enough modifier.
template <typename Found>
void MatchCompound(const PhraseIndex& keywords, const Scratch& scratch, size_t i, const Found& found) {
  bool any = false;
  for (size_t k = scratch.part_begin[i]; k < scratch.part_begin[i + 1]; ++k) {
    if (const std::vector<size_t>* candidates = PhraseIndex::Find(keywords.by_first_stem, scratch.parts[k])) {
      for (const size_t p : *candidates) {
        if (keywords.phrases[p].words.size() == 1) {
          found(keywords.phrases[p].topic);
          any = true;
        }
      }
    }
  }
  const std::string_view stem = scratch.stems[i];
  if (any || stem.size() < kMinHeadStem + kMinModifier) return;
  const auto tail = keywords.by_tail.find(stem.substr(stem.size() - kMinHeadStem));
  if (tail == keywords.by_tail.end()) return;
  for (const size_t p : tail->second) {
    const std::string& head = keywords.phrases[p].words[0];
    if (stem.size() >= head.size() + kMinModifier && stem.ends_with(head) &&
        !IsParticle(stem.substr(0, stem.size() - head.size()))) {
      found(keywords.phrases[p].topic);
    }
  }
}

// Adds to `mentions` the mentions of `index`'s topics in the sentence, given that `scratch` holds the
// stems of the tokens in the index's language.
void MatchSentence(const LanguageIndex& index, const Tokenized& tokens, size_t sentence_index, Scratch& scratch,
                   std::vector<TopicMention>& mentions) {
  const Sentence& sentence = tokens.sentences[sentence_index];
  uint64_t mentioned = 0;
  uint64_t excluded = 0;
  const auto mention = [&](size_t topic, size_t first, size_t last) {
    const uint64_t bit = uint64_t{1} << topic;
    if ((mentioned & bit) != 0) return;
    mentioned |= bit;
    scratch.first[topic] = {topic, sentence_index, tokens.tokens[first].begin, tokens.tokens[last].end};
  };
  const bool dutch = index.language == "nl";
  for (size_t i = sentence.first_token; i < sentence.end_token; ++i) {
    if (scratch.stems[i].empty()) continue;
    index.exclusions.ForEachCandidate(scratch.stems[i], tokens.tokens[i].norm, [&](const Phrase& phrase) {
      if (MatchLength(phrase, tokens, scratch, i, sentence.end_token) != 0) excluded |= uint64_t{1} << phrase.topic;
    });
  }
  for (size_t i = sentence.first_token; i < sentence.end_token;) {
    if (scratch.stems[i].empty()) {
      ++i;
      continue;
    }
    // The longest keyword starting here wins ("customer service" is not also "service"); keywords of
    // equal length all count.
    size_t longest = 0;
    const std::string_view stem = scratch.stems[i], norm = tokens.tokens[i].norm;
    index.keywords.ForEachCandidate(stem, norm, [&](const Phrase& phrase) {
      longest = std::max(longest, MatchLength(phrase, tokens, scratch, i, sentence.end_token));
    });
    if (longest != 0) {
      index.keywords.ForEachCandidate(stem, norm, [&](const Phrase& phrase) {
        if (MatchLength(phrase, tokens, scratch, i, sentence.end_token) == longest) {
          mention(phrase.topic, i, i + longest - 1);
        }
      });
    }
    if (longest == 0 && dutch) MatchCompound(index.keywords, scratch, i, [&](size_t topic) { mention(topic, i, i); });
    i += std::max<size_t>(longest, 1);
  }
  for (uint64_t bits = mentioned & ~excluded; bits != 0; bits &= bits - 1) {
    mentions.push_back(scratch.first[static_cast<size_t>(std::countr_zero(bits))]);
  }
}

}  // namespace

std::vector<TopicMention> TopicMatcher::Match(const Tokenized& tokens, std::string_view language) const {
  std::vector<TopicMention> mentions;
  std::array<const LanguageIndex*, 2> indexes = {nullptr, nullptr};
  if (std::find(kLanguages.begin(), kLanguages.end(), language) != kLanguages.end()) {
    indexes[0] = compiled_->Find(language);
  } else {
    indexes = {compiled_->Find("nl"), compiled_->Find("en")};
  }
  thread_local Scratch scratch;
  scratch.first.resize(compiled_->taxonomy.topics.size());
  for (const LanguageIndex* index : indexes) {
    if (index == nullptr) continue;
    StemTokens(tokens, index->language, scratch);
    for (size_t s = 0; s < tokens.sentences.size(); ++s) MatchSentence(*index, tokens, s, scratch, mentions);
  }
  std::sort(mentions.begin(), mentions.end(), [](const TopicMention& a, const TopicMention& b) {
    return std::tie(a.sentence, a.begin, a.topic) < std::tie(b.sentence, b.begin, b.topic);
  });
  if (indexes[1] == nullptr) return mentions;
  // A topic that both languages found in a sentence is kept once.
  std::vector<TopicMention> unique;
  uint64_t seen = 0;
  for (const TopicMention& m : mentions) {
    if (!unique.empty() && unique.back().sentence != m.sentence) seen = 0;
    const uint64_t bit = uint64_t{1} << m.topic;
    if ((seen & bit) == 0) unique.push_back(m);
    seen |= bit;
  }
  return unique;
}

}  // namespace ks::text
