#include "text/key_phrases.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>
#include <vector>

namespace ks::text {
namespace {

struct PhraseCase {
  const char* name;
  const char* language;
  std::string text;
  std::vector<std::string> want;
};

void PrintTo(const PhraseCase& c, std::ostream* os) { *os << c.name; }

class KeyPhrasesTest : public testing::TestWithParam<PhraseCase> {};

TEST_P(KeyPhrasesTest, Phrases) {
  const PhraseCase& c = GetParam();
  EXPECT_EQ(KeyPhrases(Tokenize(c.text), c.language), c.want) << c.text;
}

const PhraseCase kPhraseCases[] = {
    {"empty", "nl", "", {}},
    {"single_words_only", "nl", "Prima!", {}},
    // Dutch
    {"nl_adjective_noun", "nl", "De lange wachttijd was vervelend.", {"lange wachttijd"}},
    {"nl_noun_noun", "nl", "Klantenservice medewerker was erg behulpzaam.", {"klantenservice medewerker"}},
    {"nl_inflected_adjectives",
     "nl",
     "Top service, snelle bezorging en vriendelijke chauffeur.",
     {"top service", "snelle bezorging", "vriendelijke chauffeur"}},
    {"nl_predicative_adjective_is_no_end", "nl", "Personeel vriendelijk, eten lekker.", {}},
    {"nl_participle_is_no_end", "nl", "Pakket beschadigd geleverd.", {}},
    {"nl_participle_opens", "nl", "Geleverde producten waren beschadigd.", {"geleverde producten"}},
    {"nl_verb_breaks", "nl", "Bezorging duurt lang.", {}},
    {"nl_adverb_breaks", "nl", "Service echt slecht.", {}},
    {"nl_negation_breaks", "nl", "Pakket niet bezorgd.", {}},
    {"nl_stopwords_break", "nl", "De bezorger van het pakket.", {}},
    {"nl_longest_three_words", "nl", "Goede prijs kwaliteit verhouding.", {"prijs kwaliteit verhouding"}},
    {"nl_noun_like_participle", "nl", "Lekker gerecht.", {"lekker gerecht"}},
    {"nl_modifier_after_noun_splits", "nl", "Service snelle levering!", {"snelle levering"}},
    // English
    {"en_noun_noun", "en", "The delivery time was too long.", {"delivery time"}},
    {"en_kept_stopwords", "en", "Long wait at the front desk.", {"long wait", "front desk"}},
    {"en_three_words", "en", "Great customer service!", {"great customer service"}},
    {"en_adverb_breaks", "en", "Staff really friendly.", {}},
    {"en_ly_adjective_opens", "en", "Friendly staff and a lovely room.", {"friendly staff", "lovely room"}},
    {"en_participle_opens_not_ends", "en", "Damaged package. Order arrived.", {"damaged package"}},
    {"en_verb_breaks", "en", "Delivery driver left package.", {"delivery driver"}},
    {"en_adjective_after_noun_splits", "en", "Food quality excellent, prices reasonable.", {"food quality"}},
    {"en_negation_breaks", "en", "Refund never came.", {}},
    // Boundaries
    {"punctuation_breaks", "en", "Delivery, service, staff.", {}},
    {"sentence_end_breaks", "en", "Customer. Service.", {}},
    {"line_break_breaks", "nl", "klantenservice\nmedewerker", {}},
    {"number_breaks", "en", "Room 12 service.", {}},
    {"url_breaks", "en", "Support www.example.com page.", {}},
    {"duplicates_once", "en", "Customer service. Customer service!", {"customer service"}},
    {"folded", "nl", "LANGE WACHTTIJD bij Café-bediening", {"lange wachttijd"}},
    // A text without a known language uses the Dutch and the English lists.
    {"unknown_language", "", "Snelle levering, customer service slow.", {"snelle levering", "customer service"}},
};

INSTANTIATE_TEST_SUITE_P(Cases, KeyPhrasesTest, testing::ValuesIn(kPhraseCases),
                         [](const testing::TestParamInfo<PhraseCase>& info) { return std::string(info.param.name); });

TEST(KeyPhrasesTest, Limit) {
  const Tokenized tokens = Tokenize("Lange wachttijd. Snelle levering. Vriendelijke chauffeur. Goede prijs.");
  EXPECT_EQ(KeyPhrases(tokens, "nl", 2), (std::vector<std::string>{"lange wachttijd", "snelle levering"}));
  EXPECT_TRUE(KeyPhrases(tokens, "nl", 0).empty());
}

TEST(KeyPhrasesTest, LongRunKeepsItsEnd) {
  // More content words in a row than a run holds: the phrase is the end of the run.
  std::string text;
  for (int i = 0; i < 20; ++i) text += "pakket ";
  text += "bezorging wachttijd";
  EXPECT_EQ(KeyPhrases(Tokenize(text), "nl"), (std::vector<std::string>{"pakket bezorging wachttijd"}));
}

}  // namespace
}  // namespace ks::text
