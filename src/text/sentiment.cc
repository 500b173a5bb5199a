#include "text/sentiment.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <functional>
#include <span>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "base/embedded_file.h"
#include "text/search_terms.h"
#include "text/word_hash.h"

namespace ks::text {

const std::vector<EmbeddedFile>& EmbeddedSentimentLexicon();

namespace {

// VADER's empirically derived constants (Hutto & Gilbert, 2014).
constexpr double kNegationFactor = -0.74;
constexpr double kBoosterIncrement = 0.293;
constexpr double kCapsIncrement = 0.733;
constexpr double kExclamationIncrement = 0.292;
constexpr int kMaxExclamations = 3;
constexpr double kNormalisationAlpha = 15;
constexpr double kBeforeContrast = 0.5;
constexpr double kAfterContrast = 1.5;
constexpr size_t kScopeWords = 3;  // how far back negators and intensifiers reach
constexpr double kEmojiValence = 2.0;
constexpr double kNegativityWeight = 1.5;  // a negative sentence outweighs a positive one in the item

struct Supplement {
  const char* language;
  const char* term;
  double valence;
};

// klantstem's own additions (written for the project, not taken from a lexicon): service words that
// Pattern's adjective lexicon misses or scores neutral, and verb phrases whose negation carries the
// sentiment ("werkt niet", "doesn't work"). They override the lexicons.
constexpr std::array kSupplement = {
    Supplement{"nl", "heerlijk", 3.0},
    Supplement{"nl", "fantastisch", 3.2},
    Supplement{"nl", "duur", -1.2},
    Supplement{"nl", "mislukt", -2.4},
    Supplement{"nl", "ongezellig", -2.0},
    Supplement{"nl", "behulpzaam", 2.4},
    Supplement{"nl", "klantvriendelijk", 2.4},
    Supplement{"nl", "toppie", 2.8},
    Supplement{"nl", "aanrader", 2.4},
    Supplement{"nl", "werkt niet", -2.0},
    Supplement{"nl", "werkte niet", -2.0},
    Supplement{"nl", "klopt niet", -1.6},
    Supplement{"nl", "klopte niet", -1.6},
    Supplement{"nl", "kapot", -2.4},
    Supplement{"nl", "onbeleefd", -2.4},
    Supplement{"nl", "beschadigd", -2.0},
    Supplement{"nl", "teleurstelling", -2.4},
    Supplement{"en", "unhelpful", -2.0},
    Supplement{"en", "doesnt work", -2.0},
    Supplement{"en", "didnt work", -2.0},
    Supplement{"en", "not working", -2.0},
    Supplement{"en", "stopped working", -2.4},
    Supplement{"en", "waste of money", -2.8},
};

using WordMap = WordTable<double>;

// What the rules need to know of one word, found with a single look-up per word of the text.
struct WordInfo {
  double valence = 0;        // its lexicon valence (0 when it is not in the lexicon)
  bool in_lexicon = false;   // the lexicon has it as a term of one word
  bool starts_term = false;  // it is the first word of a lexicon term of more than one word
  bool negator = false;
  bool contrast = false;
  double booster = 0;  // see Language::boosters; 0 for none
};

// The rules of one language: its lexicon (terms of one or more words) and its function words.
struct Language {
  WordMap lexicon;
  size_t max_term_words = 1;
  WordSet negators;
  WordMap boosters;  // intensifiers (> 0) and diminishers (< 0), as a multiple of kBoosterIncrement
  WordSet contrasts;
  // Built from the above once they are complete: every word that is in the lexicon, starts a term,
  // negates, boosts or contrasts.
  WordTable<WordInfo> words;

  const WordInfo* Find(std::string_view word) const {
    const auto it = words.find(word);
    return it == words.end() ? nullptr : &it->second;
  }
};

// A word as the lexicon stores it: lowercased, without diacritics, apostrophes and hyphens dropped
// ("wasn't" → "wasnt", "Oost-Europees" → "oosteuropees"), into `folded`. An ASCII word (nearly all of
// them) is folded here as Words() would; any other goes through Words().
void FoldWord(std::string_view raw, std::string& folded) {
  folded.clear();
  if (std::all_of(raw.begin(), raw.end(), [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    for (const char c : raw) {
      if (c >= 'A' && c <= 'Z') {
        folded += static_cast<char>(c - 'A' + 'a');
      } else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
        folded += c;
      }
    }
    return;
  }
  for (const std::string& part : Words(raw)) folded += part;
}

std::string FoldTerm(std::string_view term) {
  std::string folded;
  std::string word;
  size_t i = 0;
  while (i < term.size()) {
    const size_t space = std::min(term.find(' ', i), term.size());
    FoldWord(term.substr(i, space - i), word);
    if (!word.empty()) {
      if (!folded.empty()) folded += ' ';
      folded += word;
    }
    i = space + 1;
  }
  return folded;
}

// Fills `language.words` from its lexicon and word lists.
void IndexWords(Language& language) {
  for (const auto& [term, valence] : language.lexicon) {
    const size_t space = term.find(' ');
    if (space == std::string::npos) {
      WordInfo& info = language.words[term];
      info.valence = valence;
      info.in_lexicon = true;
    } else {
      language.words[term.substr(0, space)].starts_term = true;
    }
  }
  for (const std::string& word : language.negators) language.words[word].negator = true;
  for (const std::string& word : language.contrasts) language.words[word].contrast = true;
  for (const auto& [word, factor] : language.boosters) language.words[word].booster = factor;
}

void AddWords(WordSet& set, std::initializer_list<const char*> words) {
  for (const char* w : words) set.emplace(w);
}

void AddBoosters(WordMap& map, std::initializer_list<const char*> words, double factor) {
  for (const char* w : words) map.emplace(w, factor);
}

std::pair<Language, Language> Load() {
  Language nl;
  Language en;
  const std::string_view content = EmbeddedSentimentLexicon().at(0).content;
  size_t pos = 0;
  while (pos < content.size()) {
    const size_t eol = std::min(content.find('\n', pos), content.size());
    const std::string_view line = content.substr(pos, eol - pos);
    pos = eol + 1;
    const size_t tab1 = line.find('\t');
    const size_t tab2 = tab1 == std::string_view::npos ? tab1 : line.find('\t', tab1 + 1);
    if (tab2 == std::string_view::npos) continue;
    Language& language = line.substr(0, tab1) == "nl" ? nl : en;
    std::string term = FoldTerm(line.substr(tab1 + 1, tab2 - tab1 - 1));
    if (term.empty()) continue;  // emoticons and other symbols: see the built-in table
    const double valence = std::strtod(std::string(line.substr(tab2 + 1)).c_str(), nullptr);
    language.max_term_words =
        std::max(language.max_term_words, static_cast<size_t>(std::count(term.begin(), term.end(), ' ')) + 1);
    language.lexicon.emplace(std::move(term), valence);  // the first entry of a folded term wins
  }

  for (const Supplement& entry : kSupplement) {
    Language& language = std::string_view(entry.language) == "nl" ? nl : en;
    std::string term = FoldTerm(entry.term);
    language.max_term_words =
        std::max(language.max_term_words, static_cast<size_t>(std::count(term.begin(), term.end(), ' ')) + 1);
    language.lexicon.insert_or_assign(std::move(term), entry.valence);
  }

  AddWords(nl.negators, {"niet", "nooit", "niemand", "niets", "geen", "nergens", "noch", "zonder", "allerminst"});
  AddBoosters(nl.boosters, {"erg",          "heel",         "zeer",         "super",     "echt",
                            "enorm",        "ontzettend",   "extreem",      "uiterst",   "hartstikke",
                            "zo",           "zooo",         "totaal",       "volledig",  "absoluut",
                            "werkelijk",    "ongelooflijk", "ongelofelijk", "mega",      "uitermate",
                            "buitengewoon", "bijzonder",    "behoorlijk",   "vreselijk", "verschrikkelijk",
                            "echte"},
              1);
  AddBoosters(nl.boosters, {"beetje", "wat", "enigszins", "iets", "ietwat", "tamelijk", "nauwelijks", "amper"}, -1);
  AddWords(nl.contrasts, {"maar", "echter"});

  AddWords(en.negators, {"not",     "no",       "never", "none",   "nobody", "nothing", "nowhere", "neither", "nor",
                         "without", "cannot",   "aint",  "arent",  "cant",   "couldnt", "darent",  "didnt",   "doesnt",
                         "dont",    "hadnt",    "hasnt", "havent", "isnt",   "mightnt", "mustnt",  "neednt",  "oughtnt",
                         "shant",   "shouldnt", "wasnt", "werent", "wont",   "wouldnt", "rarely",  "seldom",  "nope"});
  AddBoosters(en.boosters, {"absolutely", "amazingly",    "awfully",      "completely", "considerably",  "decidedly",
                            "deeply",     "enormously",   "entirely",     "especially", "exceptionally", "extremely",
                            "fabulously", "fully",        "greatly",      "highly",     "hugely",        "incredibly",
                            "intensely",  "majorly",      "more",         "most",       "particularly",  "purely",
                            "quite",      "really",       "remarkably",   "so",         "substantially", "thoroughly",
                            "totally",    "tremendously", "unbelievably", "unusually",  "utterly",       "very"},
              1);
  AddBoosters(en.boosters,
              {"almost", "barely", "hardly", "kinda", "less", "little", "marginally", "occasionally", "partly",
               "scarcely", "slightly", "somewhat", "sorta", "bit"},
              -1);
  AddWords(en.contrasts, {"but", "however"});
  IndexWords(nl);
  IndexWords(en);
  return {std::move(nl), std::move(en)};
}

const Language* Rules(std::string_view language) {
  static const std::pair<Language, Language> languages = Load();
  if (language == "nl") return &languages.first;
  if (language == "en") return &languages.second;
  return nullptr;
}

// --- splitting ---------------------------------------------------------------------------------------

struct Token {
  size_t begin = 0;
  size_t end = 0;
  std::string word;                // folded; empty for an emoji or emoticon
  const WordInfo* info = nullptr;  // the rules' entry for `word`; nullptr when it has none
  double valence = 0;              // the valence of `word` on its own (see WordValence)
  double symbol = 0;               // valence of an emoji or emoticon
  bool caps = false;               // written in capitals (at least two letters, no lowercase)
  bool negated = false;            // a raw word ending in "n't"
  size_t clause = 0;               // commas, semicolons and contrast words start a new clause (for the rules)
  size_t part = 0;                 // semicolons and contrast words start a new reported clause
};

struct Sentence {
  size_t begin = 0;
  size_t end = 0;
  size_t first_token = 0;  // its tokens are SplitText::tokens[first_token, end_token)
  size_t end_token = 0;
  int exclamations = 0;
};

// The tokens and sentences of a text. ScoreSentiment keeps one per thread and reuses it, so that the
// tokens' word buffers are not allocated again for every text.
struct SplitText {
  std::vector<Token> tokens;  // the first `token_count` are the text's; the rest are spare
  size_t token_count = 0;
  std::vector<Sentence> sentences;

  std::span<const Token> TokensOf(const Sentence& sentence) const {
    return std::span<const Token>(tokens).subspan(sentence.first_token, sentence.end_token - sentence.first_token);
  }
};

bool IsContrastWord(const Token& token) { return token.info != nullptr && token.info->contrast; }

// The valence of the word of `token` on its own: the lexicon's; for a Dutch word that is not in the
// lexicon, that of its base form when it is an inflected adjective: "goede" → "goed", "lekkerste" →
// "lekker", with the spelling changes of the base form: "waardeloze" → "waardeloos", "lieve" → "lief",
// "trage" → "traag".
double WordValence(const Language& rules, const Token& token, bool dutch) {
  if (token.info != nullptr && token.info->in_lexicon) return token.info->valence;
  if (!dutch) return 0;
  const auto lexicon_valence = [&rules](std::string_view word) -> const double* {
    const WordInfo* info = rules.Find(word);
    return info != nullptr && info->in_lexicon ? &info->valence : nullptr;
  };
  const std::string& w = token.word;
  for (const std::string_view suffix : {"ste", "e"}) {
    if (w.size() <= suffix.size() + 2 || !w.ends_with(suffix)) continue;
    std::string base = w.substr(0, w.size() - suffix.size());
    if (const double* v = lexicon_valence(base)) return *v;
    if (base.back() == 'z') base.back() = 's';
    if (base.back() == 'v') base.back() = 'f';
    if (const double* v = lexicon_valence(base)) return *v;
    const auto vowel = [](char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; };
    const size_t n = base.size();
    if (n >= 3 && !vowel(base[n - 1]) && vowel(base[n - 2]) && !vowel(base[n - 3]) && base[n - 2] != 'i') {
      base.insert(n - 2, 1, base[n - 2]);
      if (const double* v = lexicon_valence(base)) return *v;
    }
  }
  return 0;
}

struct CodePoint {
  unsigned cp = 0;
  size_t len = 1;
};

CodePoint Decode(std::string_view text, size_t i) {
  const auto c = static_cast<unsigned char>(text[i]);
  const auto cont = [&](size_t k) { return static_cast<unsigned>(static_cast<unsigned char>(text[i + k]) & 0x3Fu); };
  if (c >= 0xF0 && i + 3 < text.size()) {
    return {((c & 0x07u) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3), 4};
  }
  if (c >= 0xE0 && c < 0xF0 && i + 2 < text.size()) return {((c & 0x0Fu) << 12) | (cont(1) << 6) | cont(2), 3};
  if (c >= 0xC0 && c < 0xE0 && i + 1 < text.size()) return {((c & 0x1Fu) << 6) | cont(1), 2};
  return {c, 1};
}

bool IsSymbol(unsigned cp) {
  return (cp >= 0x2190 && cp <= 0x2BFF) || (cp >= 0x1F000 && cp <= 0x1FAFF) || (cp >= 0xFE00 && cp <= 0xFE0F) ||
         cp == 0x200D;
}

bool IsWordCodePoint(unsigned cp) {
  if (cp < 0x80) return (cp >= '0' && cp <= '9') || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
  if (cp <= 0xBF || cp == 0xD7 || cp == 0xF7) return false;
  if (cp >= 0x2000 && cp <= 0x206F) return false;  // general punctuation: dashes, quotes, ellipsis
  return !IsSymbol(cp);
}

double EmojiValence(unsigned cp) {
  switch (cp) {
    case 0x1F600:
    case 0x1F601:
    case 0x1F603:
    case 0x1F604:
    case 0x1F60A:
    case 0x1F60D:
    case 0x1F642:
    case 0x1F44D:
    case 0x1F44F:
    case 0x1F970:
    case 0x1F929:
    case 0x1F618:
    case 0x2764:
    case 0x1F496:
    case 0x1F389:
    case 0x2B50:
    case 0x1F31F: return kEmojiValence;
    case 0x1F621:
    case 0x1F620:
    case 0x1F44E:
    case 0x1F61E:
    case 0x1F622:
    case 0x1F62D:
    case 0x1F641:
    case 0x2639:
    case 0x1F624:
    case 0x1F92C:
    case 0x1F612:
    case 0x1F615:
    case 0x1F629:
    case 0x1F62B: return -kEmojiValence;
    default: return 0;
  }
}

struct Emoticon {
  std::string_view text;
  double valence;
};

constexpr std::array kEmoticons = {
    Emoticon{":-)", kEmojiValence},
    Emoticon{":-D", kEmojiValence},
    Emoticon{";-)", kEmojiValence},
    Emoticon{":-(", -kEmojiValence},
    Emoticon{":'(", -kEmojiValence},
    Emoticon{":)", kEmojiValence},
    Emoticon{":D", kEmojiValence},
    Emoticon{";)", kEmojiValence},
    Emoticon{"<3", kEmojiValence},
    Emoticon{":(", -kEmojiValence},
    Emoticon{":/", -1.0},
    Emoticon{"):", -kEmojiValence},
};

bool IsCaps(std::string_view raw) {
  int letters = 0;
  for (const char c : raw) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') ++letters;
  }
  return letters >= 2;
}

// Splits `text` into `out`'s sentences and tokens (`dutch`: the rules are Dutch).
void Split(std::string_view text, const Language& rules, bool dutch, SplitText& out) {
  out.token_count = 0;
  out.sentences.clear();
  size_t& count = out.token_count;
  Sentence current;
  size_t clause = 0;
  size_t part = 0;
  size_t word_begin = std::string_view::npos;
  const auto start_sentence_at = [&](size_t i) {
    if (count == current.first_token) current.begin = i;
  };
  // The next token, reset: a spare one from an earlier text (keeping its word's buffer) or a new one.
  // It belongs to the text once `count` is incremented.
  const auto next_token = [&](size_t begin, size_t end) -> Token& {
    if (count == out.tokens.size()) out.tokens.emplace_back();
    Token& token = out.tokens[count];
    token.begin = begin;
    token.end = end;
    token.word.clear();
    token.info = nullptr;
    token.valence = 0;
    token.symbol = 0;
    token.caps = false;
    token.negated = false;
    return token;
  };
  const auto flush_word = [&](size_t end) {
    if (word_begin == std::string_view::npos) return;
    Token& token = next_token(word_begin, end);
    const std::string_view raw = text.substr(word_begin, end - word_begin);
    FoldWord(raw, token.word);
    token.caps = IsCaps(raw);
    token.negated = raw.size() > 3 && (raw.ends_with("n't") || raw.ends_with("n\u2019t"));
    word_begin = std::string_view::npos;
    if (token.word.empty()) return;
    token.info = rules.Find(token.word);
    token.valence = WordValence(rules, token, dutch);
    if (IsContrastWord(token)) {
      ++clause;
      ++part;
    }
    token.clause = clause;
    token.part = part;
    current.end = end;
    ++count;
  };
  const auto end_sentence = [&](size_t end) {
    if (count != current.first_token) {
      current.end = std::max(current.end, end);
      current.end_token = count;
      out.sentences.push_back(current);
    }
    current = Sentence{.first_token = count};
    clause = 0;
    part = 0;
  };
  const auto add_symbol = [&](size_t begin, size_t end, double valence) {
    start_sentence_at(begin);
    Token& token = next_token(begin, end);
    token.symbol = valence;
    token.clause = clause;
    token.part = part;
    current.end = end;
    ++count;
  };

  size_t i = 0;
  while (i < text.size()) {
    const CodePoint cp = Decode(text, i);
    if (IsWordCodePoint(cp.cp)) {
      if (word_begin == std::string_view::npos) {
        start_sentence_at(i);
        word_begin = i;
      }
      i += cp.len;
      continue;
    }
    // An apostrophe or hyphen between letters belongs to the word ("wasn't", "zo'n", "ultra-snel").
    if (word_begin != std::string_view::npos && (cp.cp == '\'' || cp.cp == 0x2019 || cp.cp == '-') &&
        i + cp.len < text.size() && IsWordCodePoint(Decode(text, i + cp.len).cp)) {
      i += cp.len;
      continue;
    }
    flush_word(i);
    if (cp.cp < 0x80) {
      const auto emoticon = std::find_if(kEmoticons.begin(), kEmoticons.end(), [&](const Emoticon& e) {
        return e.text.front() == text[i] && text.substr(i).starts_with(e.text);
      });
      if (emoticon != kEmoticons.end()) {
        add_symbol(i, i + emoticon->text.size(), emoticon->valence);
        i += emoticon->text.size();
        continue;
      }
    }
    if (const double valence = EmojiValence(cp.cp); valence != 0) {
      add_symbol(i, i + cp.len, valence);
      i += cp.len;
      continue;
    }
    const char c = static_cast<char>(cp.cp);
    if (cp.cp == '\n') {
      end_sentence(current.end);
    } else if (c == '.' || c == '!' || c == '?') {
      // A decimal point ("3.5") does not end a sentence.
      const bool decimal = c == '.' && i > 0 && i + 1 < text.size() && text[i - 1] >= '0' && text[i - 1] <= '9' &&
                           text[i + 1] >= '0' && text[i + 1] <= '9';
      if (!decimal) {
        size_t j = i;
        while (j < text.size() && (text[j] == '.' || text[j] == '!' || text[j] == '?')) {
          if (text[j] == '!') ++current.exclamations;
          ++j;
        }
        end_sentence(j);
        i = j;
        continue;
      }
    } else if (c == ',' || c == ';' || c == ':') {
      ++clause;
      if (c == ';') ++part;
    }
    i += cp.len;
  }
  flush_word(text.size());
  end_sentence(current.end);
}

// --- scoring -----------------------------------------------------------------------------------------

double Normalise(double sum) { return std::clamp(sum / std::sqrt(sum * sum + kNormalisationAlpha), -1.0, 1.0); }

double Sign(double x) { return x < 0 ? -1 : 1; }

bool IsNegator(const Token& token) { return token.negated || (token.info != nullptr && token.info->negator); }

// The booster factor of tokens[j], 0 when it is none. Dutch "wat" diminishes only when it does not
// open an exclamation ("wat een ...").
double BoosterFactor(std::span<const Token> tokens, size_t j) {
  const double factor = tokens[j].info == nullptr ? 0 : tokens[j].info->booster;
  if (factor == 0) return 0;
  if (tokens[j].word == "wat" && j + 1 < tokens.size() && (tokens[j + 1].word == "een" || tokens[j + 1].word == "n")) {
    return 0;
  }
  return factor;
}

// The lexicon valence of the longest term starting at tokens[i]; sets `words` to its length. Terms of
// more than one word are looked up only after a word that starts one.
double LookUp(const Language& rules, std::span<const Token> tokens, size_t i, size_t& words) {
  words = 1;
  const Token& token = tokens[i];
  if (token.info == nullptr || !token.info->starts_term) return token.valence;
  std::string term = token.word;
  double found = 0;
  bool any = false;
  for (size_t n = 2; n <= rules.max_term_words && i + n - 1 < tokens.size(); ++n) {
    const Token& next = tokens[i + n - 1];
    if (next.word.empty() || next.clause != token.clause) break;
    term += ' ';
    term += next.word;
    if (const auto it = rules.lexicon.find(term); it != rules.lexicon.end()) {
      found = it->second;
      words = n;
      any = true;
    }
  }
  return any ? found : token.valence;
}

// True when tokens[i] is a contrast word that contrasts: "niet alleen ..., maar ook ...", "not only ...
// but also ..." add rather than contrast.
bool IsContrast(std::span<const Token> tokens, size_t i) {
  if (!IsContrastWord(tokens[i])) return false;
  const bool adds = i + 1 < tokens.size() && (tokens[i + 1].word == "ook" || tokens[i + 1].word == "also") &&
                    std::any_of(tokens.begin(), tokens.begin() + static_cast<std::ptrdiff_t>(i),
                                [](const Token& t) { return t.word == "alleen" || t.word == "only"; });
  return !adds;
}

// The index of the last contrast word in `tokens`, tokens.size() when there is none.
size_t LastContrast(std::span<const Token> tokens) {
  size_t contrast = tokens.size();
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (IsContrast(tokens, i)) contrast = i;
  }
  return contrast;
}

// The raw (unnormalised) valence of a sentence or clause, with VADER's rules; `weigh_contrast` applies
// the contrast rule (off for a clause: its words are on one side of the contrast).
double Valence(const Language& rules, std::span<const Token> tokens, int exclamations, bool weigh_contrast) {
  const bool some_caps = std::any_of(tokens.begin(), tokens.end(), [](const Token& t) { return t.caps; });
  const bool all_caps =
      std::all_of(tokens.begin(), tokens.end(), [](const Token& t) { return t.caps || t.word.empty(); });
  const bool emphasis_by_caps = some_caps && !all_caps;

  // Contrast: the clause after the last contrast word weighs more than what came before it. The
  // valences are summed in text order.
  const size_t contrast = weigh_contrast ? LastContrast(tokens) : tokens.size();
  double sum = 0;
  const auto add = [&](size_t i, double v) {
    if (contrast < tokens.size()) v *= i < contrast ? kBeforeContrast : kAfterContrast;
    sum += v;
  };
  for (size_t i = 0; i < tokens.size(); ++i) {
    const Token& token = tokens[i];
    if (token.word.empty()) {
      add(i, token.symbol);
      continue;
    }
    size_t words = 1;
    double v = LookUp(rules, tokens, i, words);
    // Function words carry no valence of their own, unless they open a phrase ("doesn't work").
    // An intensifier at the end of a clause is an adjective ("niet bijzonder").
    const bool boosts_next = BoosterFactor(tokens, i) != 0 && i + 1 < tokens.size() && !tokens[i + 1].word.empty() &&
                             tokens[i + 1].clause == token.clause;
    if (words == 1 && (IsNegator(token) || boosts_next || IsContrastWord(token))) continue;
    if (v == 0) continue;
    if (emphasis_by_caps && token.caps) v += Sign(v) * kCapsIncrement;
    bool negated = false;
    for (size_t d = 1; d <= kScopeWords && d <= i; ++d) {
      const Token& before = tokens[i - d];
      if (before.word.empty() || before.clause != token.clause) break;
      if (const double factor = BoosterFactor(tokens, i - d); factor != 0) {
        double scalar = factor * kBoosterIncrement;
        if (emphasis_by_caps && before.caps) scalar += Sign(factor) * kCapsIncrement;
        scalar *= d == 1 ? 1.0 : d == 2 ? 0.95 : 0.9;
        v += Sign(v) * scalar;
      }
      if (IsNegator(before)) negated = true;
    }
    if (negated) v *= kNegationFactor;
    add(i, v);
    i += words - 1;
  }
  if (sum != 0) sum += Sign(sum) * std::min(exclamations, kMaxExclamations) * kExclamationIncrement;
  return sum;
}

// Adds the clauses of `sentence` (its `tokens`, split at semicolons and contrast words) with their own
// scores; `sentence_score` is the sentence's, which a sentence of one clause without contrast shares.
void AddClauses(const Language& rules, const Sentence& sentence, std::span<const Token> tokens, double sentence_score,
                std::vector<SentenceSentiment>& clauses) {
  const bool contrasted = LastContrast(tokens) != tokens.size();
  size_t first = 0;
  for (size_t i = 1; i <= tokens.size(); ++i) {
    const bool ends = i == tokens.size() ||
                      (tokens[i].part != tokens[i - 1].part && (!IsContrastWord(tokens[i]) || IsContrast(tokens, i)));
    if (!ends) continue;
    const std::span<const Token> clause = tokens.subspan(first, i - first);
    const bool whole = clause.size() == tokens.size();
    double score = sentence_score;
    if (!whole || contrasted) {
      const int exclamations = i == tokens.size() ? sentence.exclamations : 0;
      score = Normalise(Valence(rules, clause, exclamations, /*weigh_contrast=*/false));
    }
    clauses.push_back({whole ? sentence.begin : clause.front().begin, whole ? sentence.end : clause.back().end, score});
    first = i;
  }
}

}  // namespace

std::string SentimentLabel(double score) {
  if (score >= 0.05) return "positive";
  if (score <= -0.05) return "negative";
  return "neutral";
}

Sentiment ScoreSentiment(std::string_view text, std::string_view language) {
  Sentiment result;
  const Language* rules = Rules(language);
  if (rules != nullptr) {
    thread_local SplitText split;
    Split(text, *rules, /*dutch=*/language == "nl", split);
    // The item's score is the mean of its sentences' scores, negative sentences weighing more: on review
    // data a mean beats VADER's sum over the whole text (which saturates on long texts), and
    // complaints wrapped in politeness ("nice staff, but ...") are common.
    double total = 0;
    for (const Sentence& sentence : split.sentences) {
      const std::span<const Token> tokens = split.TokensOf(sentence);
      const double score = Normalise(Valence(*rules, tokens, sentence.exclamations, true));
      total += score < 0 ? kNegativityWeight * score : score;
      result.sentences.push_back({sentence.begin, sentence.end, score});
      AddClauses(*rules, sentence, tokens, score, result.clauses);
    }
    if (!result.sentences.empty()) {
      result.score = std::clamp(total / static_cast<double>(result.sentences.size()), -1.0, 1.0);
    }
  }
  result.label = SentimentLabel(result.score);
  return result;
}

}  // namespace ks::text
