#include "surveys/survey.h"

#include <gtest/gtest.h>

#include "surveys/survey_public_pages.h"

namespace ks::surveys {
namespace {

using nlohmann::json;

json Minimal() { return {{"name", "Na levering"}, {"slug", "levering"}, {"question", {{"nl", "Hoe was het?"}}}}; }

TEST(Survey, MinimalSurveyGetsDefaults) {
  auto survey = ParseSurveyJson(Minimal());
  ASSERT_TRUE(survey.ok()) << survey.error().message;
  EXPECT_EQ(survey->definition.scale, Scale::kNps);
  EXPECT_EQ(survey->definition.default_language, "nl");
  EXPECT_EQ(survey->definition.expires_days, 14);
  EXPECT_TRUE(survey->active);
}

TEST(Survey, RoundTripsThroughItsStoredJson) {
  json body = Minimal();
  body["scale"] = "grade10";
  body["question"]["en"] = "How was it?";
  body["open_question"] = {{"unhappy", {{"nl", "Wat ging er mis?"}, {"en", "What went wrong?"}}}};
  body["drivers"] = json::array({{{"key", "delivery"}, {"max", 10}, {"label", {{"nl", "Bezorging"}}}}});
  body["choices"] =
      json::array({{{"key", "reason"}, {"options", json::array({{{"key", "buy"}}, {{"key", "return"}}})}}});
  body["triggers"] = json::array({{{"touchpoint", "delivery"}, {"channel", "sms"}, {"delay_minutes", 1440}}});
  body["embed_origins"] = json::array({"https://www.example.com"});
  body["reminder_days"] = 3;
  auto survey = ParseSurveyJson(body);
  ASSERT_TRUE(survey.ok()) << survey.error().message;
  auto again = DefinitionFromText(DefinitionToJson(survey->definition).dump());
  ASSERT_TRUE(again.ok()) << again.error().message;
  EXPECT_EQ(DefinitionToJson(*again), DefinitionToJson(survey->definition));
  EXPECT_EQ(again->drivers[0].max, 10);
  EXPECT_EQ(again->triggers[0].delay_minutes, 1440);
}

TEST(Survey, TextsFallBackToTheDefaultLanguage) {
  const Texts texts = {{"nl", "Bedankt"}, {"en", "Thank you"}};
  EXPECT_EQ(TextIn(texts, "en", "nl"), "Thank you");
  EXPECT_EQ(TextIn(texts, "de", "nl"), "Bedankt");
  EXPECT_EQ(TextIn({}, "de", "nl"), "");
}

struct BadCase {
  const char* name;
  json change;  // merged into the minimal survey
  const char* field;
};

TEST(Survey, RejectsBadDefinitionsNamingTheField) {
  const BadCase cases[] = {
      {"no name", {{"name", ""}}, "name"},
      {"slug with capitals", {{"slug", "Levering"}}, "slug"},
      {"unknown scale", {{"scale", "nps11"}}, "scale"},
      {"main question missing in default language", {{"default_language", "en"}}, "question.en"},
      {"unknown language", {{"question", {{"nl", "x"}, {"es", "y"}}}}, "question.es"},
      {"driver max 7", {{"drivers", json::array({{{"key", "price"}, {"max", 7}}})}}, "drivers[0].max"},
      {"driver without key", {{"drivers", json::array({json::object()})}}, "drivers[0].key"},
      {"duplicate keys", {{"drivers", json::array({{{"key", "a"}}, {{"key", "a"}}})}}, "drivers"},
      {"choice with one option",
       {{"choices", json::array({{{"key", "c"}, {"options", json::array({{{"key", "x"}}})}}})}},
       "choices[0].options"},
      {"trigger on fax",
       {{"triggers", json::array({{{"touchpoint", "visit"}, {"channel", "fax"}}})}},
       "triggers[0].channel"},
      {"negative delay",
       {{"triggers", json::array({{{"touchpoint", "visit"}, {"delay_minutes", -5}}})}},
       "triggers[0].delay_minutes"},
      {"origin with a path", {{"embed_origins", json::array({"https://x.example/shop"})}}, "embed_origins[0]"},
      {"typo in a field", {{"reminder_dayz", 3}}, "reminder_dayz"},
      {"open question for an unknown class", {{"open_question", {{"angry", {{"nl", "x"}}}}}}, "open_question.angry"},
      {"expiry of a year", {{"expires_days", 365}}, "expires_days"},
  };
  for (const auto& c : cases) {
    json body = Minimal();
    body.merge_patch(c.change);
    auto survey = ParseSurveyJson(body);
    ASSERT_FALSE(survey.ok()) << c.name;
    EXPECT_EQ(survey.error().field, c.field) << c.name << ": " << survey.error().message;
    EXPECT_FALSE(survey.error().message.empty()) << c.name;
  }
}

}  // namespace
}  // namespace ks::surveys

namespace ks::surveys {
namespace {

TEST(SurveyTexts, EveryLanguageHasEveryKeyOfTheEnglishCatalogue) {
  const auto& english = SurveyTexts().For("en").messages();
  for (const auto language : kSurveyLanguages) {
    const web::Catalog& catalog = SurveyTexts().For(std::string(language));
    EXPECT_EQ(catalog.language(), language);
    for (const auto& [key, text] : english) EXPECT_TRUE(catalog.messages().contains(key)) << language << ": " << key;
    EXPECT_EQ(catalog.messages().size(), english.size()) << language;
  }
}

}  // namespace
}  // namespace ks::surveys
