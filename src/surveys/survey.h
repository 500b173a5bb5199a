// A survey definition (what a customer is asked, in which languages, and when they are invited) and
// its JSON form, as stored per version and as the API and the editor take it. Plain value types and
// pure functions; thread-safe.
//
// {"name": "Na levering", "slug": "levering", "default_language": "nl", "scale": "nps",
//  "question": {"nl": "Hoe waarschijnlijk …?", "en": "How likely …?"},
//  "open_question": {"unhappy": {"nl": "Wat ging er mis?"}, "neutral": {…}, "happy": {…}},
//  "drivers": [{"key": "delivery", "max": 5, "label": {"nl": "Bezorging", "en": "Delivery"}}],
//  "choices": [{"key": "reason", "label": {…}, "options": [{"key": "buy", "label": {…}}]}],
//  "consent_question": {…}, "thanks": {"unhappy": {…}, …},
//  "exit_survey": false, "triggers": [{"touchpoint": "delivery", "channel": "email", "delay_minutes": 1440}],
//  "reminder_days": 3, "daily_cap": 500, "expires_days": 14, "embed_origins": ["https://www.example.com"]}
//
// Texts left out fall back to the survey's default language, then to klantstem's own wording in the
// reader's language (surveys/i18n), so a survey needs no more than a name and a main question.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "feedback/scale.h"

namespace ks::surveys {

// The languages a survey can be written in and answered in.
inline constexpr std::string_view kSurveyLanguages[] = {"nl", "en", "fr", "de"};

using Texts = std::map<std::string, std::string>;  // language → text

struct Driver {
  std::string key;  // answers are stored under this key ("delivery")
  int max = 5;      // rated 1..max; max is 5 or 10
  Texts label;
};

struct ChoiceOption {
  std::string key;
  Texts label;
};

struct ChoiceQuestion {
  std::string key;
  Texts label;
  std::vector<ChoiceOption> options;
};

// Which touchpoints invite to this survey, on which channel, how long after the contact.
struct Trigger {
  std::string touchpoint;  // touchpoint type ("support-call")
  std::string channel;     // email | sms
  int delay_minutes = 0;
};

struct SurveyDefinition {
  std::string default_language = "nl";
  Scale scale = Scale::kNps;
  Texts question;                       // required in the default language
  std::map<Mood, Texts> open_question;  // by the answer's class
  std::vector<Driver> drivers;
  std::vector<ChoiceQuestion> choices;
  Texts consent_question;  // "May we contact you about your answer?"
  std::map<Mood, Texts> thanks;
  bool exit_survey = false;  // may be sent to lost customers
  std::vector<Trigger> triggers;
  int reminder_days = 0;                   // one reminder after this many days; 0: none
  int daily_cap = 0;                       // invitations per day at most; 0: no cap
  int expires_days = 14;                   // how long an invitation's link works
  std::vector<std::string> embed_origins;  // sites that may embed the survey in a frame
};

struct Survey {
  std::int64_t id = 0;
  std::string slug;  // lowercase letters, digits and '-'; the anonymous link /f/<slug>
  std::string name;
  int version = 1;
  bool active = true;
  SurveyDefinition definition;
  Micros created_at = 0, updated_at = 0;
};

// Validates a survey body. kInvalidArgument names the field ("drivers[1].max").
Result<Survey> ParseSurveyJson(const nlohmann::json& body);
// The definition's stored JSON and the API's survey JSON (definition fields plus id, slug, name,
// version, active).
nlohmann::json DefinitionToJson(const SurveyDefinition& definition);
nlohmann::json SurveyToJson(const Survey& survey);
Result<SurveyDefinition> DefinitionFromText(const std::string& text);

// `texts` in `language`, else in `default_language`, else empty (the caller then uses its own wording).
std::string TextIn(const Texts& texts, const std::string& language, const std::string& default_language);
// Whether `language` is one of kSurveyLanguages.
bool IsSurveyLanguage(std::string_view language);

}  // namespace ks::surveys
