#include "text/tokenizer.h"

#include <gtest/gtest.h>

#include <iterator>
#include <ostream>
#include <random>
#include <string>
#include <vector>

#include "base/strings.h"
#include "text/folding.h"

namespace ks::text {
namespace {

char KindLetter(TokenKind kind) {
  switch (kind) {
    case TokenKind::kWord: return 'w';
    case TokenKind::kNumber: return 'n';
    case TokenKind::kEmoji: return 'j';
    case TokenKind::kEmoticon: return 'e';
    case TokenKind::kUrl: return 'u';
    case TokenKind::kEmail: return 'm';
    case TokenKind::kPunctuation: return 'p';
    case TokenKind::kSentenceEnd: return 's';
  }
  return '?';
}

// Tokens as "kind:norm", kind one letter: w word, n number, j emoji, e emoticon, u url, m e-mail,
// p punctuation, s sentence end.
std::vector<std::string> Render(const Tokenized& t) {
  std::vector<std::string> out;
  for (const Token& token : t.tokens) out.push_back(std::string(1, KindLetter(token.kind)) + ":" + token.norm);
  return out;
}

struct TokenCase {
  const char* name;
  std::string text;
  std::vector<std::string> want;
};

void PrintTo(const TokenCase& c, std::ostream* os) { *os << c.name; }

class TokenizerTest : public testing::TestWithParam<TokenCase> {};

TEST_P(TokenizerTest, Tokens) {
  const TokenCase& c = GetParam();
  const Tokenized got = Tokenize(c.text);
  EXPECT_EQ(Render(got), c.want) << c.text;
  for (const Token& token : got.tokens) {
    EXPECT_LT(token.begin, token.end);
    EXPECT_LE(token.end, c.text.size());
  }
}

const TokenCase kTokenCases[] = {
    {"empty", "", {}},
    {"spaces_only", " \t\n  \n", {}},
    {"plain", "De bezorger was vriendelijk", {"w:de", "w:bezorger", "w:was", "w:vriendelijk"}},
    {"case_and_accents",
     "Één Café, CRÈME brûlée Straße",
     {"w:een", "w:cafe", "p:,", "w:creme", "w:brulee", "w:strasse"}},
    {"decomposed_accent", "Cafe\xCC\x81 ok", {"w:cafe", "w:ok"}},
    {"typographic_apostrophe", "don\xE2\x80\x99t", {"w:don't"}},
    {"elision_s_avonds", "Ik werk 's avonds en 's Morgens", {"w:ik", "w:werk", "w:'s avonds", "w:en", "w:'s morgens"}},
    {"elision_opening_quote", "\xE2\x80\x98s avonds", {"w:'s avonds"}},
    {"quoted_with_typographic_quotes", "\xE2\x80\x98super\xE2\x80\x99", {"p:'", "w:super", "p:'"}},
    {"elision_right_quote", "\xE2\x80\x99s nachts", {"w:'s nachts"}},
    {"elision_words", "zo'n m'n z'n d'r", {"w:zo'n", "w:m'n", "w:z'n", "w:d'r"}},
    {"elision_t_and_n", "'t Is 'n goeie", {"w:'t", "w:is", "w:'n", "w:goeie"}},
    {"s_hertogenbosch", "winkel in 's-Hertogenbosch", {"w:winkel", "w:in", "w:'s-hertogenbosch"}},
    {"plural_apostrophe", "auto's en foto's", {"w:auto's", "w:en", "w:foto's"}},
    {"quoted_word", "'prima' service", {"p:'", "w:prima", "p:'", "w:service"}},
    {"contractions", "I don't know, it wasn't ok", {"w:i", "w:don't", "w:know", "p:,", "w:it", "w:wasn't", "w:ok"}},
    {"hyphenated", "e-mail naar Noord-Holland - snel", {"w:e-mail", "w:naar", "w:noord-holland", "p:-", "w:snel"}},
    {"abbreviation_dotted", "o.a. de prijs", {"w:o.a.", "w:de", "w:prijs"}},
    {"abbreviation_list", "ca. 3 dagen", {"w:ca", "p:.", "n:3", "w:dagen"}},
    {"numbers", "12,50 en 1.000 of 10:30", {"n:12,50", "w:en", "n:1.000", "w:of", "n:10:30"}},
    {"currency",
     "\xE2\x82\xAC"
     "12 of $5 of 12\xE2\x82\xAC of \xE2\x82\xAC"
     "12,-",
     {"n:\xE2\x82\xAC"
      "12",
      "w:of", "n:$5", "w:of", "n:12\xE2\x82\xAC", "w:of",
      "n:\xE2\x82\xAC"
      "12,-"}},
    {"ordinals", "de 3e keer, 2nd time", {"w:de", "n:3e", "w:keer", "p:,", "n:2nd", "w:time"}},
    {"percent_and_grade", "50% korting, 10/10", {"n:50%", "w:korting", "p:,", "n:10/10"}},
    {"alphanumeric_word", "4G en mp3", {"w:4g", "w:en", "w:mp3"}},
    {"number_then_word", "12,50euro", {"n:12,50", "w:euro"}},
    {"decimal_not_sentence_end", "Ik geef een 7.5. Top", {"w:ik", "w:geef", "w:een", "n:7.5", "s:.", "w:top"}},
    {"emoji_single", "Top \xF0\x9F\x98\x80\xF0\x9F\x98\x80", {"w:top", "j:\xF0\x9F\x98\x80", "j:\xF0\x9F\x98\x80"}},
    {"emoji_skin_tone", "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD", {"j:\xF0\x9F\x91\x8D"}},
    {"emoji_variation_selector", "\xE2\x9D\xA4\xEF\xB8\x8F dank", {"j:\xE2\x9D\xA4", "w:dank"}},
    {"emoji_zwj_family",
     "\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7",
     {"j:\xF0\x9F\x91\xA8\xE2\x80\x8D\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x91\xA7"}},
    {"emoji_zwj_skin_tone",
     "\xF0\x9F\x91\xA9\xF0\x9F\x8F\xBD\xE2\x80\x8D\xF0\x9F\x92\xBB",
     {"j:\xF0\x9F\x91\xA9\xE2\x80\x8D\xF0\x9F\x92\xBB"}},
    {"emoji_flag", "\xF0\x9F\x87\xB3\xF0\x9F\x87\xB1!", {"j:\xF0\x9F\x87\xB3\xF0\x9F\x87\xB1", "s:!"}},
    {"emoji_keycap", "1\xEF\xB8\x8F\xE2\x83\xA3 ster", {"j:1\xE2\x83\xA3", "w:ster"}},
    {"emoji_glued_to_word", "super\xF0\x9F\x98\x8D", {"w:super", "j:\xF0\x9F\x98\x8D"}},
    {"emoticons", ":) :-( ;) :D <3 xD :'(", {"e::)", "e::(", "e:;)", "e::D", "e:<3", "e:xD", "e::'("}},
    {"emoticon_repeats", "Top :))) <333", {"w:top", "e::)", "e:<3"}},
    {"emoticon_after_word", "prima:)", {"w:prima", "e::)"}},
    {"not_emoticons",
     "minder dan <30 min, xDA, 10:30",
     {"w:minder", "w:dan", "p:<", "n:30", "w:min", "p:,", "w:xda", "p:,", "n:10:30"}},
    {"url_scheme",
     "Zie https://www.example.nl/retour?id=5. Dank",
     {"w:zie", "u:https://www.example.nl/retour?id=5", "s:.", "w:dank"}},
    {"url_www_uppercase", "(WWW.Example.com)", {"p:(", "u:www.example.com", "p:)"}},
    {"url_bare_domain", "Besteld bij bol.com, top", {"w:besteld", "w:bij", "u:bol.com", "p:,", "w:top"}},
    {"url_bare_domain_path", "coolblue.nl/retour!", {"u:coolblue.nl/retour", "s:!"}},
    {"not_a_domain", "goed.Daarna", {"w:goed", "s:.", "w:daarna"}},
    {"email", "Mail Jan.Smit@Example.NL.", {"w:mail", "m:jan.smit@example.nl", "s:."}},
    {"email_plus", "info+klacht@klantstem.example.com?", {"m:info+klacht@klantstem.example.com", "s:?"}},
    {"sentence_ends", "Wat?! Echt... Nee\xE2\x80\xA6", {"w:wat", "s:?", "w:echt", "s:...", "w:nee", "s:..."}},
    {"punctuation",
     "prijs (hoog) & \"slecht\"",
     {"w:prijs", "p:(", "w:hoog", "p:)", "p:&", "p:\"", "w:slecht", "p:\""}},
    {"invalid_utf8", "goed\xFF\xFEslecht \xC3\x28 \xE2\x82 ok\xF0\x9F", {"w:goed", "w:slecht", "p:(", "w:ok"}},
    {"greek_letters_are_words", "\xCE\xB1\xCE\xB2\xCE\xB3 x", {"w:\xCE\xB1\xCE\xB2\xCE\xB3", "w:x"}},
};

INSTANTIATE_TEST_SUITE_P(Table, TokenizerTest, testing::ValuesIn(kTokenCases),
                         [](const testing::TestParamInfo<TokenCase>& info) { return std::string(info.param.name); });

TEST(TokenizerTest, Offsets) {
  const std::string text = "Één café: https://x.nl \xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD!";
  const Tokenized t = Tokenize(text);
  ASSERT_EQ(t.tokens.size(), 6u);
  EXPECT_EQ(text.substr(t.tokens[0].begin, t.tokens[0].end - t.tokens[0].begin), "Één");
  EXPECT_EQ(text.substr(t.tokens[1].begin, t.tokens[1].end - t.tokens[1].begin), "café");
  EXPECT_EQ(text.substr(t.tokens[3].begin, t.tokens[3].end - t.tokens[3].begin), "https://x.nl");
  EXPECT_EQ(text.substr(t.tokens[4].begin, t.tokens[4].end - t.tokens[4].begin), "\xF0\x9F\x91\x8D\xF0\x9F\x8F\xBD");
  EXPECT_EQ(t.tokens[5].end, text.size());
}

TEST(TokenizerTest, DropsUrlsAndEmails) {
  const Tokenized t =
      Tokenize("Zie www.example.nl of mail a@b.nl nu", TokenizeOptions{.keep_urls = false, .keep_emails = false});
  EXPECT_EQ(Render(t), (std::vector<std::string>{"w:zie", "w:of", "w:mail", "w:nu"}));
}

TEST(TokenizerTest, ReusesOutput) {
  Tokenized t;
  Tokenize("Een hele lange zin met veel woorden. En nog een zin!", {}, t);
  EXPECT_EQ(t.sentences.size(), 2u);
  Tokenize("kort", {}, t);
  EXPECT_EQ(Render(t), (std::vector<std::string>{"w:kort"}));
  ASSERT_EQ(t.sentences.size(), 1u);
  EXPECT_EQ(t.sentences[0].end_token, 1u);
}

// Random strings of pieces that exercise every branch (including broken UTF-8) must give ordered, non-empty
// tokens with valid UTF-8 norms, and sentences that partition the tokens.
TEST(TokenizerTest, RandomInputKeepsInvariants) {
  const std::vector<std::string> pieces = {"a",
                                           "Z",
                                           "1",
                                           ".",
                                           ",",
                                           ":",
                                           ";",
                                           ")",
                                           "(",
                                           "'",
                                           "\xE2\x80\x99",
                                           "-",
                                           "@",
                                           "/",
                                           " ",
                                           "\n",
                                           "w",
                                           "s",
                                           "<",
                                           "3",
                                           "D",
                                           "x",
                                           "\xF0\x9F\x91\x8D",
                                           "\xF0\x9F\x8F\xBD",
                                           "\xE2\x80\x8D",
                                           "\xEF\xB8\x8F",
                                           "\xE2\x83\xA3",
                                           "\xF0\x9F\x87\xB3",
                                           "\xC3\xA9",
                                           "\xCC\x81",
                                           "\xFF",
                                           "\xC3",
                                           "\xE2\x82",
                                           "\xE2\x82\xAC",
                                           "%",
                                           "!",
                                           "?",
                                           "\xE2\x80\xA6",
                                           "www.",
                                           "http://",
                                           "bol.com",
                                           "a@b.nl"};
  std::mt19937 random(6);  // fixed seed: the same strings every run
  Tokenized t;
  for (int round = 0; round < 5000; ++round) {
    std::string text;
    const int n = static_cast<int>(random() % 30);
    for (int i = 0; i < n; ++i) text += pieces[random() % pieces.size()];
    Tokenize(text, TokenizeOptions{.keep_urls = (round & 1) != 0, .keep_emails = (round & 2) != 0}, t);
    size_t previous_end = 0;
    for (const Token& token : t.tokens) {
      ASSERT_LE(previous_end, token.begin) << text;
      ASSERT_LT(token.begin, token.end) << text;
      ASSERT_LE(token.end, text.size()) << text;
      ASSERT_TRUE(IsValidUtf8(token.norm)) << text;
      previous_end = token.end;
    }
    size_t next_token = 0;
    for (const Sentence& sentence : t.sentences) {
      ASSERT_EQ(sentence.first_token, next_token) << text;
      ASSERT_LT(sentence.first_token, sentence.end_token) << text;
      next_token = sentence.end_token;
    }
    ASSERT_EQ(next_token, t.tokens.size()) << text;
  }
}

struct SentenceCase {
  const char* name;
  std::string text;
  std::vector<std::string> want;  // each sentence's text, by its byte range
};

void PrintTo(const SentenceCase& c, std::ostream* os) { *os << c.name; }

class SentenceTest : public testing::TestWithParam<SentenceCase> {};

TEST_P(SentenceTest, Splits) {
  const SentenceCase& c = GetParam();
  const Tokenized t = Tokenize(c.text);
  std::vector<std::string> got;
  size_t next_token = 0;
  for (const Sentence& s : t.sentences) {
    EXPECT_EQ(s.first_token, next_token);
    EXPECT_LT(s.first_token, s.end_token);
    next_token = s.end_token;
    got.push_back(c.text.substr(s.begin, s.end - s.begin));
  }
  EXPECT_EQ(next_token, t.tokens.size());
  EXPECT_EQ(got, c.want) << c.text;
}

const SentenceCase kSentenceCases[] = {
    {"empty", "", {}},
    {"one_without_end", "Prima service", {"Prima service"}},
    {"three", "Te laat. Wel vriendelijk! Komt dit nog goed?", {"Te laat.", "Wel vriendelijk!", "Komt dit nog goed?"}},
    {"ellipsis", "Tja\xE2\x80\xA6 het kan beter... jammer", {"Tja\xE2\x80\xA6", "het kan beter...", "jammer"}},
    {"newlines", "Bezorging: slecht\nService: goed\n\n", {"Bezorging: slecht", "Service: goed"}},
    {"emoji_after_end_stays", "Top! \xF0\x9F\x98\x80 Echt.", {"Top! \xF0\x9F\x98\x80", "Echt."}},
    {"closing_paren_stays", "(Super!) Dank", {"(Super!)", "Dank"}},
    {"abbreviation_and_decimal",
     "Ca. 3,5 dagen o.a. door de bezorger. Einde",
     {"Ca. 3,5 dagen o.a. door de bezorger.", "Einde"}},
    {"url_dot", "Zie www.example.nl. Daarna", {"Zie www.example.nl.", "Daarna"}},
};

INSTANTIATE_TEST_SUITE_P(Table, SentenceTest, testing::ValuesIn(kSentenceCases),
                         [](const testing::TestParamInfo<SentenceCase>& info) { return std::string(info.param.name); });

struct CompoundCase {
  std::string word;
  std::vector<std::string> want;
};

void PrintTo(const CompoundCase& c, std::ostream* os) { *os << c.word; }

class CompoundTest : public testing::TestWithParam<CompoundCase> {};

TEST_P(CompoundTest, Splits) { EXPECT_EQ(SplitCompound(GetParam().word), GetParam().want); }

const CompoundCase kCompoundCases[] = {
    {"klantenservice", {"klanten", "service"}},
    {"bezorgtijd", {"bezorg", "tijd"}},
    {"levertijd", {"lever", "tijd"}},
    {"wachttijd", {"wacht", "tijd"}},
    {"verzendkosten", {"verzend", "kosten"}},
    {"leveringstijd", {"leverings", "tijd"}},
    {"klantenservicemedewerker", {"klanten", "service", "medewerker"}},
    {"telefoonnummer", {"telefoon", "nummer"}},
    {"pakketautomaat", {"pakket", "automaat"}},
    {"klantvriendelijk", {"klant", "vriendelijk"}},
    {"prijsstijging", {"prijs", "stijging"}},
    {"belastingdienst", {"belasting", "dienst"}},
    {"ophaalservice", {"ophaal", "service"}},
    // Not split: known whole words, derivations, inflections and short rests.
    {"service", {"service"}},
    {"website", {"website"}},
    {"bestelling", {"bestelling"}},
    {"bestellingen", {"bestellingen"}},
    {"leverancier", {"leverancier"}},
    {"tijdelijk", {"tijdelijk"}},
    {"winkelier", {"winkelier"}},
    {"klanten", {"klanten"}},
    {"wachten", {"wachten"}},
    {"bezorgers", {"bezorgers"}},
    {"zaterdag", {"zaterdag"}},
    {"vriendelijk", {"vriendelijk"}},
    {"", {""}},
};

INSTANTIATE_TEST_SUITE_P(Table, CompoundTest, testing::ValuesIn(kCompoundCases),
                         [](const testing::TestParamInfo<CompoundCase>& info) {
                           return info.param.word.empty() ? std::string("empty") : info.param.word;
                         });

TEST(NegationTest, PerLanguage) {
  for (const char* word : {"niet", "geen", "nooit", "niets", "niks", "nergens"}) {
    EXPECT_TRUE(IsNegation(word, "nl")) << word;
    EXPECT_FALSE(IsNegation(word, "en")) << word;
  }
  for (const char* word : {"not", "no", "never", "nothing", "nobody", "don't", "wasn't", "can't", "dont"}) {
    EXPECT_TRUE(IsNegation(word, "en")) << word;
    EXPECT_FALSE(IsNegation(word, "nl")) << word;
  }
  EXPECT_TRUE(IsNegation("niet", ""));
  EXPECT_TRUE(IsNegation("never", "xx"));
  EXPECT_TRUE(IsNegation("nicht", "de"));
  EXPECT_TRUE(IsNegation("pas", "fr"));
  for (const char* word : {"goed", "good", "n't", "niemand's", "nie"}) EXPECT_FALSE(IsNegation(word, "nl")) << word;
}

TEST(NegationTest, TokenizedContractionsAreNegations) {
  const Tokenized t = Tokenize("It wasn\xE2\x80\x99t bad, het was niet slecht");
  std::vector<std::string> negations;
  for (const Token& token : t.tokens) {
    if (IsNegation(token.norm, "")) negations.push_back(token.norm);
  }
  EXPECT_EQ(negations, (std::vector<std::string>{"wasn't", "niet"}));
}

TEST(FoldingTest, Fold) {
  EXPECT_EQ(Fold("Één CAFÉ ŒUVRE Ĳs Łódź"), "een cafe oeuvre ijs lodz");
  EXPECT_EQ(Fold("a\xFF"
                 "b"),
            "ab");
  EXPECT_EQ(Fold("\xF0\x9F\x98\x80"), "\xF0\x9F\x98\x80");
}

TEST(FoldingTest, DecodeRejectsMalformed) {
  size_t length = 0;
  for (const std::string bad : {"\xC0\x80", "\xED\xA0\x80", "\xF4\x90\x80\x80", "\xE2\x82", "\x80"}) {
    EXPECT_EQ(DecodeUtf8(bad, 0, length), kInvalidCodePoint);
    EXPECT_EQ(length, 1u);
  }
  EXPECT_EQ(DecodeUtf8("\xE2\x82\xAC", 0, length), char32_t{0x20AC});
  EXPECT_EQ(length, 3u);
}

}  // namespace
}  // namespace ks::text
