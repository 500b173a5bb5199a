#include "text/language.h"

#include <gtest/gtest.h>

#include <ostream>
#include <string>

namespace ks::text {
namespace {

struct LanguageCase {
  const char* name;
  std::string text;
  std::string given;
  std::string fallback;
  std::string want;
  bool want_reliable;
};

void PrintTo(const LanguageCase& c, std::ostream* os) { *os << c.name; }

class LanguageTest : public testing::TestWithParam<LanguageCase> {};

TEST_P(LanguageTest, Detects) {
  const LanguageCase& c = GetParam();
  const DetectedLanguage got = DetectLanguage(c.text, c.given, c.fallback);
  EXPECT_EQ(got.code, c.want) << c.text;
  EXPECT_EQ(got.reliable, c.want_reliable) << c.text;
  EXPECT_GE(got.confidence, 0.0);
  EXPECT_LE(got.confidence, 1.0);
  if (got.code.empty()) {
    EXPECT_EQ(got.confidence, 0.0);
  }
}

const LanguageCase kCases[] = {
    {"dutch_delivery",
     "Het pakket werd twee dagen te laat bezorgd en de klantenservice nam de telefoon niet op. "
     "Ik ben hier echt niet tevreden over.",
     "", "", "nl", true},
    {"dutch_praise",
     "De medewerker in de winkel was ontzettend vriendelijk en heeft goed met ons meegedacht over "
     "de beste oplossing.",
     "", "en", "nl", true},
    {"english_complaint",
     "I waited over forty minutes on the phone and nobody could tell me where my order was. "
     "Really disappointing service.",
     "", "", "en", true},
    {"english_praise", "The staff were friendly and the delivery arrived a day earlier than promised, great job!", "",
     "nl", "en", true},
    {"french",
     "Le livreur est arrivé très en retard et le colis était abîmé. Je ne suis pas du tout satisfait "
     "du service client.",
     "", "", "fr", true},
    {"german",
     "Die Lieferung kam viel zu spät und der Kundendienst hat meine E-Mail nie beantwortet. "
     "Sehr enttäuschend.",
     "", "", "de", true},
    {"given_wins_over_text", "The staff were friendly and the delivery arrived a day earlier than promised.", "nl", "",
     "nl", true},
    {"given_with_region", "whatever", "NL-be", "", "nl", true},
    {"given_unsupported_is_ignored",
     "Het pakket werd twee dagen te laat bezorgd en de klantenservice nam de telefoon niet op.", "es", "", "nl", true},
    {"short_falls_back", "Top!", "", "nl", "nl", false},
    {"short_but_reliable_beats_fallback", "Merci beaucoup", "", "nl", "fr", true},
    {"short_german", "Sehr gut, danke!", "", "", "de", true},
    {"gibberish_falls_back", "asdf qwer zxcv uiop hjkl bnm", "", "nl", "nl", false},
    {"emoji_only", "\xF0\x9F\x98\x80\xF0\x9F\x98\x80 \xF0\x9F\x91\x8D", "", "en", "en", false},
    {"short_two_words_fall_back", "prima service", "", "en", "en", false},
    {"short_without_fallback", "ok", "", "", "", false},
    {"empty", "", "", "", "", false},
    {"empty_with_fallback", "", "", "de", "de", false},
    {"only_punctuation_and_digits", "10/10 !!! :-)", "", "nl", "nl", false},
    {"unsupported_fallback_ignored", "Top!", "", "es", "", false},
    {"other_language", "El servicio fue excelente y el repartidor llegó muy puntual a mi casa, muchas gracias.", "", "",
     "", true},
    {"invalid_utf8", std::string("Het pakket \xC3\x28 was te laat bezorgd \xFF\xFE door de bezorger"), "", "nl", "nl",
     false},
    {"truncated_utf8", std::string("De service was goed \xE2\x82"), "", "", "", false},
};

INSTANTIATE_TEST_SUITE_P(Table, LanguageTest, testing::ValuesIn(kCases),
                         [](const testing::TestParamInfo<LanguageCase>& info) { return std::string(info.param.name); });

TEST(LanguageTest, MixedTextPicksTheMajority) {
  const DetectedLanguage got = DetectLanguage(
      "Super service! De bezorger was op tijd, heel vriendelijk en hij heeft het pakket netjes binnen gezet. "
      "Alles was in orde en ik bestel zeker nog een keer bij jullie.");
  EXPECT_EQ(got.code, "nl");
  EXPECT_GT(got.confidence, 0.5);
}

TEST(LanguageTest, SupportedCodes) {
  EXPECT_TRUE(IsSupportedLanguage("nl"));
  EXPECT_TRUE(IsSupportedLanguage("de"));
  EXPECT_FALSE(IsSupportedLanguage("NL"));
  EXPECT_FALSE(IsSupportedLanguage("es"));
  EXPECT_FALSE(IsSupportedLanguage(""));
}

}  // namespace
}  // namespace ks::text
