// Key phrases without a part-of-speech tagger. Every word of a sentence gets one of three roles:
//   break     — a stopword, negation, verb, auxiliary or adverb: it cannot be inside a noun phrase;
//   modifier  — an adjective or participle: it may open a noun phrase but not end it ("lange", "friendly");
//   head      — anything else, taken to be a noun ("wachttijd", "klantenservice", "delivery").
// Roles come from a small built-in table of Dutch and English verbs, adverbs and adjectives common in
// service feedback, and from suffixes (English "-ly" adverbs, "-ful", "-ous", "-ed"; Dutch "-lijk", "-ig",
// "-baar", "-isch", participles "ge…d/t"). A noun phrase is modifiers followed by heads (as in both
// languages); a modifier after a head starts a new one ("delivery time long" ends at "time"). A phrase is
// the last two or three words of such a run once trailing modifiers are dropped.
#include "text/key_phrases.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>

#include "text/stopwords.h"

namespace ks::text {
namespace {

enum class Role : uint8_t { kUnknown, kBreak, kModifier, kHead };

struct Entry {
  Role nl = Role::kUnknown;
  Role en = Role::kUnknown;
};

// English words that stopwords-iso's long list (1,298 words) contains but that are nouns or adjectives
// in feedback: "order number", "great service", "long wait", "free shipping".
constexpr std::string_view kEnglishKeptHeads[] = {
    "area",   "bill",     "case",        "computer", "date",    "detail",  "front",    "goods",  "group",
    "home",   "homepage", "information", "line",     "member",  "members", "name",     "number", "order",
    "orders", "page",     "part",        "place",    "point",   "problem", "problems", "room",   "rooms",
    "site",   "system",   "test",        "value",    "webpage", "website", "year",     "years"};
constexpr std::string_view kEnglishKeptModifiers[] = {"best", "free",  "full", "good",  "great",
                                                      "high", "large", "long", "small", "early"};

// English verbs and adverbs that are not on the stopword list.
constexpr std::string_view kEnglishBreaks[] = {
    "love",   "loves",  "hate",    "hates",  "recommend", "recommends", "arrive", "arrives", "deliver", "delivers",
    "bring",  "brings", "brought", "buy",    "buys",      "bought",     "eat",    "ate",     "eaten",   "enjoy",
    "enjoys", "expect", "expects", "feel",   "feels",     "tell",       "told",   "left",    "paid",    "pay",
    "spend",  "spent",  "sold",    "lost",   "forgot",    "forget",     "get",    "go",      "try",     "come",
    "came",   "wait",   "waits",   "cancel", "keep",      "let",        "ask",    "asks",    "put",     "took",
    "taken",  "seem",   "too",     "also",   "again",     "maybe",      "always", "ever",    "yet",     "still",
    "even",   "soon",   "later",   "today",  "yesterday", "tomorrow",   "lol",    "ok",      "okay",    "please",
    "thanks", "thank",  "yes",     "wow",    "overall",   "definitely", "highly", "super",   "totally", "pretty"};
// "wait" above is also a noun ("long wait"): kept as a head below, which wins.
constexpr std::string_view kEnglishHeads[] = {
    "wait",   "family", "supply", "reply",     "assembly",   "italy",     "july",      "jelly", "belly",
    "rally",  "fly",    "ally",   "bully",     "lily",       "speed",     "need",      "feed",  "seed",
    "bed",    "shed",   "table",  "vegetable", "vegetables", "timetable", "turntable", "cable", "weekend",
    "friend", "trend",  "legend", "drive",     "return",     "refund",    "charge",    "check", "visit",
    "stay",   "taste",  "drink",  "drinks",    "call",       "calls",     "answer"};
constexpr std::string_view kEnglishModifiers[] = {
    "bad",          "nice",           "poor",          "excellent",   "amazing",     "awesome",
    "awful",        "terrible",       "horrible",      "wonderful",   "fantastic",   "perfect",
    "fine",         "quick",          "fast",          "slow",        "late",        "cheap",
    "expensive",    "friendly",       "unfriendly",    "rude",        "helpful",     "unhelpful",
    "polite",       "impolite",       "clean",         "dirty",       "cold",        "hot",
    "warm",         "fresh",          "tasty",         "delicious",   "short",       "big",
    "huge",         "tiny",           "new",           "old",         "easy",        "hard",
    "difficult",    "simple",         "happy",         "unhappy",     "pleasant",    "unpleasant",
    "professional", "unprofessional", "efficient",     "inefficient", "broken",      "wrong",
    "correct",      "worst",          "worse",         "low",         "busy",        "quiet",
    "noisy",        "loud",           "cozy",          "cosy",        "spacious",    "decent",
    "average",      "mediocre",       "bland",         "salty",       "sweet",       "spicy",
    "smooth",       "superb",         "lousy",         "nasty",       "outstanding", "attentive",
    "responsive",   "unresponsive",   "knowledgeable", "courteous",   "incompetent", "lovely",
    "costly",       "ugly",           "silly",         "lonely",      "elderly",     "daily",
    "weekly",       "monthly",        "yearly",        "likely",      "timely",      "disappointing",
    "annoying",     "confusing",      "frustrating",   "charming",    "boring",      "impressive",
    "aggressive",   "excessive",      "intuitive",     "effective",   "informative", "supportive",
    "positive",     "negative",       "massive",       "defective",   "inexpensive", "competitive",
    "extra",        "real",           "main"};

// Dutch verbs (finite forms and infinitives that are not also nouns) and adverbs not on the stopword list.
constexpr std::string_view kDutchBreaks[] = {
    "duurt",    "duurde",     "duurden",    "kostte",      "werkt",       "werkte",    "komt",       "kwam",
    "kwamen",   "komen",      "gaat",       "ging",        "gingen",      "gaan",      "staat",      "stond",
    "stonden",  "klopt",      "klopte",     "krijgt",      "krijg",       "kreeg",     "kregen",     "krijgen",
    "blijft",   "bleef",      "bleven",     "blijven",     "zegt",        "zeg",       "zeggen",     "vind",
    "vindt",    "vond",       "vonden",     "vinden",      "leek",        "liet",      "lieten",     "neemt",
    "belt",     "belde",      "belden",     "bellen",      "helpt",       "hielp",     "hielpen",    "helpen",
    "geeft",    "gaf",        "gaven",      "geven",       "weet",        "wist",      "weten",      "hoop",
    "hoopt",    "hopen",      "bestel",     "bestelde",    "bestelden",   "bestellen", "betaal",     "betaalde",
    "betalen",  "wacht",      "wachtte",    "wachtten",    "wachten",     "ontving",   "ontvingen",  "stuurde",
    "sturen",   "leverde",    "leveren",    "bezorgt",     "bezorgde",    "bezorgen",  "aanraden",   "zie",
    "ziet",     "zag",        "zagen",      "zien",        "kijk",        "kijkt",     "keek",       "kijken",
    "eet",      "aten",       "zit",        "zat",         "zaten",       "zitten",    "ligt",       "lag",
    "liggen",   "gebeurt",    "gebeurde",   "probeer",     "probeert",    "probeerde", "proberen",   "houd",
    "houdt",    "hield",      "houden",     "kom",         "ga",          "sta",       "loopt",      "liep",
    "lopen",    "verwachtte", "verwachten", "reageert",    "reageerde",   "reageren",  "regelt",     "regelde",
    "regelen",  "oplossen",   "ophalen",    "terugsturen", "retourneren", "annuleren", "reserveren", "denk",
    "denkt",    "dacht",      "dachten",    "denken",      "raad",        "kies",      "koos",       "kiezen",
    "koop",     "kocht",      "kopen",      "mis",         "miste",       "missen",    "bel",        "echt",
    "zeer",     "super",      "enorm",      "ontzettend",  "helaas",      "soms",      "meteen",     "graag",
    "alweer",   "straks",     "gisteren",   "vandaag",     "morgen",      "thuis",     "totaal",     "helemaal",
    "absoluut", "nauwelijks", "dus",        "terug",       "mee",         "wellicht",  "hele",       "heeel",
    "nogmaals", "verder",     "bedankt",    "dank",        "ja",          "oke",       "jammer"};
constexpr std::string_view kDutchHeads[] = {
    "gerecht", "gerechten", "gezicht", "gewicht", "gedicht",  "gebied", "gebit",     "geluid",   "geduld",
    "gevecht", "gerucht",   "gebouw",  "weekend", "vriend",   "trend",  "tarief",    "archief",  "initiatief",
    "motief",  "eten",      "kosten",  "vragen",  "antwoord", "regel",  "personeel", "kwaliteit"};
constexpr std::string_view kDutchModifiers[] = {"goed",
                                                "slecht",
                                                "snel",
                                                "traag",
                                                "laat",
                                                "duur",
                                                "goedkoop",
                                                "lekker",
                                                "vies",
                                                "koud",
                                                "warm",
                                                "heet",
                                                "lang",
                                                "kort",
                                                "prima",
                                                "mooi",
                                                "leuk",
                                                "fijn",
                                                "netjes",
                                                "schoon",
                                                "vuil",
                                                "beleefd",
                                                "onbeleefd",
                                                "behulpzaam",
                                                "correct",
                                                "fout",
                                                "kapot",
                                                "tevreden",
                                                "ontevreden",
                                                "blij",
                                                "boos",
                                                "groot",
                                                "klein",
                                                "nieuw",
                                                "oud",
                                                "hoog",
                                                "laag",
                                                "druk",
                                                "vers",
                                                "zout",
                                                "zoet",
                                                "zuur",
                                                "perfect",
                                                "gratis",
                                                "extra",
                                                "matig",
                                                "attent",
                                                "professioneel",
                                                "onprofessioneel",
                                                "verkeerd",
                                                "ruim",
                                                "smal",
                                                "gezond",
                                                "lauw",
                                                "droog",
                                                "taai",
                                                "mals",
                                                "zacht",
                                                "hard",
                                                "luid",
                                                "stil",
                                                "donker",
                                                "open",
                                                "dicht",
                                                "besteld",
                                                "betaald",
                                                "bezorgd",
                                                "beloofd",
                                                "beschadigd",
                                                "verstuurd",
                                                "verzonden",
                                                "vergeten",
                                                "verloren",
                                                "veranderd",
                                                "verbeterd",
                                                "verwacht",
                                                "ontvangen",
                                                "opgelost",
                                                "afgehandeld",
                                                "teruggestuurd",
                                                "gekregen",
                                                "gegeten",
                                                "gekomen",
                                                "gebleven",
                                                "gegeven",
                                                "gezien",
                                                "gedaan",
                                                "gegaan",
                                                "gevonden",
                                                "geholpen",
                                                "genomen",
                                                "gelezen",
                                                "geschreven",
                                                "gezeten",
                                                "gelopen",
                                                "gebroken",
                                                "gesloten",
                                                "geboden",
                                                "direct",
                                                "actief",
                                                "positief",
                                                "negatief",
                                                "attentief",
                                                "alternatief",
                                                "uitgebreid",
                                                "vriendelijk",
                                                "ok",
                                                "top"};

using Table = std::unordered_map<std::string_view, Entry>;

Table BuildTable() {
  Table table;
  const auto set = [&table](std::span<const std::string_view> words, Role Entry::*language, Role role) {
    for (const std::string_view w : words) table[w].*language = role;
  };
  // Later lists win: heads override breaks ("wait") and modifiers.
  set(kEnglishBreaks, &Entry::en, Role::kBreak);
  set(kEnglishModifiers, &Entry::en, Role::kModifier);
  set(kEnglishKeptModifiers, &Entry::en, Role::kModifier);
  set(kEnglishHeads, &Entry::en, Role::kHead);
  set(kEnglishKeptHeads, &Entry::en, Role::kHead);
  set(kDutchBreaks, &Entry::nl, Role::kBreak);
  set(kDutchModifiers, &Entry::nl, Role::kModifier);
  set(kDutchHeads, &Entry::nl, Role::kHead);
  return table;
}

const Table& Words() {
  static const Table table = BuildTable();
  return table;
}

bool HasLetter(std::string_view word) {
  return std::any_of(word.begin(), word.end(), [](char c) {
    const auto u = static_cast<unsigned char>(c);
    return (u >= 'a' && u <= 'z') || u >= 0x80;
  });
}

// The role an English word's form suggests when no table knows it.
Role EnglishSuffixRole(std::string_view w) {
  if (w.ends_with("ly")) return Role::kBreak;  // adverbs; the adjectives and nouns in -ly are in the table
  if (w.ends_with("ful") || w.ends_with("less") || w.ends_with("ous")) return Role::kModifier;
  if (w.size() >= 8 && (w.ends_with("able") || w.ends_with("ible"))) return Role::kModifier;
  if (w.size() >= 5 && w.ends_with("ed") && !w.ends_with("eed")) return Role::kModifier;  // participles
  return Role::kUnknown;
}

bool DutchAdjectiveSuffix(std::string_view w) {
  return w.ends_with("lijk") || (w.size() >= 5 && w.ends_with("ig")) || w.ends_with("baar") || w.ends_with("isch") ||
         w.ends_with("loos") || w.ends_with("zaam") || (w.size() >= 6 && w.ends_with("end"));
}

// The role a Dutch word's form suggests when no table knows it.
Role DutchSuffixRole(std::string_view w, const Table& table) {
  if (DutchAdjectiveSuffix(w)) return Role::kModifier;
  // Past participles "geleverd", "gebracht" (the nouns of that shape are in the table).
  if (w.size() >= 6 && w.starts_with("ge") && (w.ends_with('d') || w.ends_with('t'))) return Role::kModifier;
  // Inflected adjectives: "lange", "snelle", "vriendelijke", "goedkope".
  if (w.size() >= 4 && w.ends_with('e')) {
    std::string_view base = w.substr(0, w.size() - 1);
    if (DutchAdjectiveSuffix(base)) return Role::kModifier;
    auto known = [&table](std::string_view b) {
      const auto it = table.find(b);
      return it != table.end() && it->second.nl == Role::kModifier;
    };
    if (known(base)) return Role::kModifier;
    const size_t n = base.size();
    if (n >= 3 && base[n - 1] == base[n - 2] && known(base.substr(0, n - 1))) return Role::kModifier;  // snelle
  }
  return Role::kUnknown;
}

struct Languages {
  bool nl = false;
  bool en = false;
};

Role Classify(const Token& token, std::string_view language, Languages languages, const Table& table) {
  if (token.kind != TokenKind::kWord) return Role::kBreak;
  const std::string_view w = token.norm;
  if (w.size() < 2 || w.front() == '\'' || w.find(' ') != std::string_view::npos || !HasLetter(w)) {
    return Role::kBreak;
  }
  if (IsNegation(w, language)) return Role::kBreak;
  const auto it = table.find(w);
  const Entry entry = it == table.end() ? Entry{} : it->second;
  const Role known = languages.en && entry.en != Role::kUnknown   ? entry.en
                     : languages.nl && entry.nl != Role::kUnknown ? entry.nl
                                                                  : Role::kUnknown;
  // The English list keeps a few stopwords as content words; any other stopword breaks.
  const bool kept = languages.en && entry.en != Role::kUnknown && entry.en != Role::kBreak;
  if (!kept && IsStopword(w, language)) return Role::kBreak;
  if (known != Role::kUnknown) return known;
  if (languages.en) {
    if (const Role role = EnglishSuffixRole(w); role != Role::kUnknown) return role;
  }
  if (languages.nl) {
    if (const Role role = DutchSuffixRole(w, table); role != Role::kUnknown) return role;
  }
  return Role::kHead;
}

// A thread's cache of roles is cleared when it reaches this many words (as Stem's cache is).
constexpr size_t kMaxCachedRoles = 50'000;

// Classify with a per-thread cache: a word's role depends only on its norm and on which of "nl", "en",
// "fr", "de" or any other value `language` is, and finding it takes several look-ups (the table, the
// negations, the stopwords) that a feedback vocabulary repeats all the time.
Role CachedClassify(const Token& token, std::string_view language, Languages languages, const Table& table) {
  if (token.kind != TokenKind::kWord) return Role::kBreak;
  thread_local std::array<std::unordered_map<std::string, Role>, 5> caches;
  const size_t slot = language == "nl" ? 0 : language == "en" ? 1 : language == "fr" ? 2 : language == "de" ? 3 : 4;
  std::unordered_map<std::string, Role>& cache = caches[slot];
  if (const auto it = cache.find(token.norm); it != cache.end()) return it->second;
  if (cache.size() >= kMaxCachedRoles) cache.clear();
  const Role role = Classify(token, language, languages, table);
  cache.emplace(token.norm, role);
  return role;
}

class Collector {
 public:
  Collector(const Tokenized& tokens, size_t limit, std::vector<std::string>& out)
      : tokens_(tokens), limit_(limit), out_(out) {}

  bool full() const { return out_.size() >= limit_; }

  // Adds the phrase of the noun phrase made of the words at `words[0, n)`, if it has one.
  void Flush(const size_t* words, const Role* roles, size_t n) {
    while (n > 0 && roles[n - 1] != Role::kHead) --n;  // a phrase ends in a noun
    if (n < 2 || full()) return;
    const size_t first = n > 3 ? n - 3 : 0;
    phrase_.clear();
    for (size_t i = first; i < n; ++i) {
      if (i > first) phrase_ += ' ';
      phrase_ += tokens_.tokens[words[i]].norm;
    }
    if (std::find(out_.begin(), out_.end(), phrase_) == out_.end()) out_.push_back(phrase_);
  }

 private:
  const Tokenized& tokens_;
  size_t limit_;
  std::vector<std::string>& out_;
  std::string phrase_;
};

}  // namespace

std::vector<std::string> KeyPhrases(const Tokenized& tokens, std::string_view language, size_t limit) {
  std::vector<std::string> out;
  if (limit == 0) return out;
  const Languages languages{.nl = language != "en" && language != "fr" && language != "de",
                            .en = language != "nl" && language != "fr" && language != "de"};
  const Table& table = Words();
  Collector collector(tokens, limit, out);
  // The current run: a noun phrase in the making, at most this long before its front is dropped.
  constexpr size_t kMaxRun = 16;
  std::array<size_t, kMaxRun> words{};
  std::array<Role, kMaxRun> roles{};
  for (const Sentence& sentence : tokens.sentences) {
    size_t n = 0;
    for (size_t t = sentence.first_token; t < sentence.end_token && !collector.full(); ++t) {
      const Role role = CachedClassify(tokens.tokens[t], language, languages, table);
      if (role == Role::kBreak || (role == Role::kModifier && n > 0 && roles[n - 1] == Role::kHead)) {
        collector.Flush(words.data(), roles.data(), n);
        n = 0;
        if (role == Role::kBreak) continue;
      }
      if (n == kMaxRun) {
        std::move(words.begin() + 1, words.end(), words.begin());
        std::move(roles.begin() + 1, roles.end(), roles.begin());
        --n;
      }
      words[n] = t;
      roles[n] = role;
      ++n;
    }
    collector.Flush(words.data(), roles.data(), n);
  }
  return out;
}

}  // namespace ks::text
