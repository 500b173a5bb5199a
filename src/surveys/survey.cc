#include "surveys/survey.h"

#include <algorithm>

#include "base/json_helpers.h"
#include "base/strings.h"

namespace ks::surveys {
namespace {

using nlohmann::json;

constexpr size_t kMaxText = 500;
constexpr size_t kMaxItems = 20;

bool IsKey(const std::string& s) {
  return !s.empty() && s.size() <= 40 && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
  });
}

Result<std::string> Key(const json& object, const std::string& key, const std::string& field) {
  auto given = JsonString(object, key, true, 40);
  if (!given.ok()) return Error::Invalid(field, given.error().message);
  const std::string& value = *given;
  if (!IsKey(value)) {
    return Error::Invalid(field, "'" + value + std::string("' may only hold lowercase letters, digits, '-' and '_'"));
  }
  return value;
}

Result<Texts> ParseTexts(const json& value, const std::string& field) {
  Texts texts;
  if (value.is_null()) return texts;
  if (!value.is_object())
    return Error::Invalid(field, std::string("must be an object of language → text, not ") + value.type_name());
  for (const auto& [language, text] : value.items()) {
    std::string at = field;
    at += "." + language;
    if (!IsSurveyLanguage(language)) {
      return Error::Invalid(at, "'" + language + "' is not a survey language (nl, en, fr, de)");
    }
    if (!text.is_string()) return Error::Invalid(at, "must be a string");
    std::string s(Trim(text.get<std::string>()));
    if (!IsValidUtf8(s) || CodePointCount(s) > kMaxText) {
      return Error::Invalid(at, "must be UTF-8 text of at most 500 characters");
    }
    if (!s.empty()) texts.emplace(language, std::move(s));
  }
  return texts;
}

Result<std::map<Mood, Texts>> ParseMoodTexts(const json& value, const std::string& field) {
  std::map<Mood, Texts> out;
  if (value.is_null()) return out;
  if (!value.is_object()) return Error::Invalid(field, "must be an object with unhappy, neutral and happy texts");
  for (const auto& [key, texts] : value.items()) {
    std::string at = field;
    at += "." + key;
    const auto mood = ParseMood(key);
    if (!mood) return Error::Invalid(at, "must be one of unhappy, neutral, happy");
    KS_ASSIGN_OR_RETURN(out[*mood], ParseTexts(texts, at));
  }
  return out;
}

// The whole number `key` of `object` (`field` in errors), `fallback` when missing.
Result<int> Int(const json& object, const std::string& key, const std::string& field, int fallback, int min, int max) {
  if (!object.contains(key) || object[key].is_null()) return fallback;
  const json& v = object[key];
  if (!v.is_number_integer() || v.get<std::int64_t>() < min || v.get<std::int64_t>() > max) {
    return Error::Invalid(field, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  }
  return v.get<int>();
}

Result<const json*> Array(const json& object, const std::string& key) {
  static const json kEmpty = json::array();
  if (!object.contains(key) || object[key].is_null()) return &kEmpty;
  if (!object[key].is_array()) return Error::Invalid(key, "must be an array");
  if (object[key].size() > kMaxItems) return Error::Invalid(key, "may hold at most 20 entries");
  return &object[key];
}

Result<void> ParseDrivers(const json& body, SurveyDefinition& d) {
  KS_ASSIGN_OR_RETURN(const json* drivers, Array(body, "drivers"));
  for (size_t i = 0; i < drivers->size(); ++i) {
    const std::string field = "drivers[" + std::to_string(i) + "]";
    const json& item = (*drivers)[i];
    if (!item.is_object()) return Error::Invalid(field, "must be an object");
    Driver driver;
    KS_ASSIGN_OR_RETURN(driver.key, Key(item, "key", field + ".key"));
    KS_ASSIGN_OR_RETURN(driver.max, Int(item, "max", field + ".max", 5, 5, 10));
    if (driver.max != 5 && driver.max != 10) return Error::Invalid(field + ".max", "must be 5 or 10");
    KS_ASSIGN_OR_RETURN(driver.label, ParseTexts(item.value("label", json()), field + ".label"));
    d.drivers.push_back(std::move(driver));
  }
  return Ok();
}

Result<void> ParseChoices(const json& body, SurveyDefinition& d) {
  KS_ASSIGN_OR_RETURN(const json* choices, Array(body, "choices"));
  for (size_t i = 0; i < choices->size(); ++i) {
    const std::string field = "choices[" + std::to_string(i) + "]";
    const json& item = (*choices)[i];
    if (!item.is_object()) return Error::Invalid(field, "must be an object");
    ChoiceQuestion q;
    KS_ASSIGN_OR_RETURN(q.key, Key(item, "key", field + ".key"));
    KS_ASSIGN_OR_RETURN(q.label, ParseTexts(item.value("label", json()), field + ".label"));
    KS_ASSIGN_OR_RETURN(const json* options, Array(item, "options"));
    if (options->size() < 2) return Error::Invalid(field + ".options", "needs at least two options");
    for (size_t j = 0; j < options->size(); ++j) {
      const std::string of = field + ".options[" + std::to_string(j) + "]";
      if (!(*options)[j].is_object()) return Error::Invalid(of, "must be an object");
      ChoiceOption option;
      KS_ASSIGN_OR_RETURN(option.key, Key((*options)[j], "key", of + ".key"));
      KS_ASSIGN_OR_RETURN(option.label, ParseTexts((*options)[j].value("label", json()), of + ".label"));
      q.options.push_back(std::move(option));
    }
    d.choices.push_back(std::move(q));
  }
  return Ok();
}

Result<void> ParseTriggers(const json& body, SurveyDefinition& d) {
  KS_ASSIGN_OR_RETURN(const json* triggers, Array(body, "triggers"));
  for (size_t i = 0; i < triggers->size(); ++i) {
    const std::string field = "triggers[" + std::to_string(i) + "]";
    const json& item = (*triggers)[i];
    if (!item.is_object()) return Error::Invalid(field, "must be an object");
    Trigger t;
    KS_ASSIGN_OR_RETURN(t.touchpoint, Key(item, "touchpoint", field + ".touchpoint"));
    KS_ASSIGN_OR_RETURN(t.channel, JsonString(item, "channel", false, 10));
    if (t.channel.empty()) t.channel = "email";
    if (t.channel != "email" && t.channel != "sms") return Error::Invalid(field + ".channel", "must be email or sms");
    KS_ASSIGN_OR_RETURN(t.delay_minutes, Int(item, "delay_minutes", field + ".delay_minutes", 0, 0, 60 * 24 * 30));
    d.triggers.push_back(std::move(t));
  }
  return Ok();
}

Result<void> ParseOrigins(const json& body, SurveyDefinition& d) {
  KS_ASSIGN_OR_RETURN(const json* origins, Array(body, "embed_origins"));
  for (size_t i = 0; i < origins->size(); ++i) {
    const std::string field = "embed_origins[" + std::to_string(i) + "]";
    const json& o = (*origins)[i];
    const std::string s = o.is_string() ? o.get<std::string>() : "";
    const bool scheme = s.starts_with("https://") || s.starts_with("http://");
    const bool clean = std::none_of(s.begin(), s.end(), [](char c) { return c == ' ' || c == ';' || c == ','; });
    const size_t host_at = s.find("//") + 2;
    if (!scheme || !clean || s.size() > 200 || s.find('/', host_at) != std::string::npos || s.size() <= host_at) {
      return Error::Invalid(field, "must be an origin such as https://www.example.com (scheme and host, no path)");
    }
    d.embed_origins.push_back(s);
  }
  return Ok();
}

Result<SurveyDefinition> ParseDefinition(const json& body) {
  SurveyDefinition d;
  KS_ASSIGN_OR_RETURN(d.default_language, JsonString(body, "default_language", false, 2));
  if (d.default_language.empty()) d.default_language = "nl";
  if (!IsSurveyLanguage(d.default_language)) {
    return Error::Invalid("default_language", "must be one of nl, en, fr, de");
  }
  KS_ASSIGN_OR_RETURN(std::string scale, JsonString(body, "scale", false, 10));
  if (!scale.empty()) {
    const auto parsed = ParseScale(scale);
    if (!parsed) return Error::Invalid("scale", "'" + scale + "' is not a scale (nps, grade10, csat5, stars5)");
    d.scale = *parsed;
  }
  KS_ASSIGN_OR_RETURN(d.question, ParseTexts(body.value("question", json()), "question"));
  if (!d.question.contains(d.default_language)) {
    return Error::Invalid("question." + d.default_language, "the main question is needed in the default language");
  }
  KS_ASSIGN_OR_RETURN(d.open_question, ParseMoodTexts(body.value("open_question", json()), "open_question"));
  KS_ASSIGN_OR_RETURN(d.consent_question, ParseTexts(body.value("consent_question", json()), "consent_question"));
  KS_ASSIGN_OR_RETURN(d.thanks, ParseMoodTexts(body.value("thanks", json()), "thanks"));
  KS_RETURN_IF_ERROR(ParseDrivers(body, d));
  KS_RETURN_IF_ERROR(ParseChoices(body, d));
  KS_RETURN_IF_ERROR(ParseTriggers(body, d));
  KS_RETURN_IF_ERROR(ParseOrigins(body, d));
  if (body.contains("exit_survey") && !body["exit_survey"].is_null()) {
    if (!body["exit_survey"].is_boolean()) return Error::Invalid("exit_survey", "must be true or false");
    d.exit_survey = body["exit_survey"].get<bool>();
  }
  KS_ASSIGN_OR_RETURN(d.reminder_days, Int(body, "reminder_days", "reminder_days", 0, 0, 30));
  KS_ASSIGN_OR_RETURN(d.daily_cap, Int(body, "daily_cap", "daily_cap", 0, 0, 10'000'000));
  KS_ASSIGN_OR_RETURN(d.expires_days, Int(body, "expires_days", "expires_days", 14, 1, 90));
  std::set<std::string> keys;
  for (const auto& driver : d.drivers) {
    if (!keys.insert(driver.key).second) return Error::Invalid("drivers", "key '" + driver.key + "' is used twice");
  }
  for (const auto& choice : d.choices) {
    if (!keys.insert(choice.key).second) return Error::Invalid("choices", "key '" + choice.key + "' is used twice");
  }
  return d;
}

json TextsJson(const Texts& texts) {
  json out = json::object();
  for (const auto& [language, text] : texts) out[language] = text;
  return out;
}

json MoodTextsJson(const std::map<Mood, Texts>& texts) {
  json out = json::object();
  for (const auto& [mood, t] : texts) out[std::string(MoodName(mood))] = TextsJson(t);
  return out;
}

}  // namespace

bool IsSurveyLanguage(std::string_view language) {
  return std::find(std::begin(kSurveyLanguages), std::end(kSurveyLanguages), language) != std::end(kSurveyLanguages);
}

std::string TextIn(const Texts& texts, const std::string& language, const std::string& default_language) {
  if (auto it = texts.find(language); it != texts.end()) return it->second;
  if (auto it = texts.find(default_language); it != texts.end()) return it->second;
  return {};
}

Result<Survey> ParseSurveyJson(const json& body) {
  if (!body.is_object()) return Error::Invalid("", "a survey must be a JSON object");
  KS_RETURN_IF_ERROR(RejectUnknownFields(
      body, {"id",        "version",          "active",       "created_at",  "updated_at",    "name",
             "slug",      "default_language", "scale",        "question",    "open_question", "drivers",
             "choices",   "consent_question", "thanks",       "exit_survey", "triggers",      "reminder_days",
             "daily_cap", "expires_days",     "embed_origins"}));
  Survey survey;
  KS_ASSIGN_OR_RETURN(survey.name, JsonString(body, "name", true, 200));
  survey.name = std::string(Trim(survey.name));
  if (survey.name.empty()) return Error::Invalid("name", "a survey needs a name");
  KS_ASSIGN_OR_RETURN(survey.slug, Key(body, "slug", "slug"));
  if (body.contains("active") && !body["active"].is_null()) {
    if (!body["active"].is_boolean()) return Error::Invalid("active", "must be true or false");
    survey.active = body["active"].get<bool>();
  }
  KS_ASSIGN_OR_RETURN(survey.definition, ParseDefinition(body));
  return survey;
}

json DefinitionToJson(const SurveyDefinition& d) {
  json out = {{"default_language", d.default_language},
              {"scale", std::string(ScaleName(d.scale))},
              {"question", TextsJson(d.question)},
              {"open_question", MoodTextsJson(d.open_question)},
              {"consent_question", TextsJson(d.consent_question)},
              {"thanks", MoodTextsJson(d.thanks)},
              {"exit_survey", d.exit_survey},
              {"reminder_days", d.reminder_days},
              {"daily_cap", d.daily_cap},
              {"expires_days", d.expires_days},
              {"embed_origins", d.embed_origins}};
  json& drivers = out["drivers"] = json::array();
  for (const auto& driver : d.drivers) {
    drivers.push_back({{"key", driver.key}, {"max", driver.max}, {"label", TextsJson(driver.label)}});
  }
  json& choices = out["choices"] = json::array();
  for (const auto& q : d.choices) {
    json options = json::array();
    for (const auto& o : q.options) options.push_back({{"key", o.key}, {"label", TextsJson(o.label)}});
    choices.push_back({{"key", q.key}, {"label", TextsJson(q.label)}, {"options", options}});
  }
  json& triggers = out["triggers"] = json::array();
  for (const auto& t : d.triggers) {
    triggers.push_back({{"touchpoint", t.touchpoint}, {"channel", t.channel}, {"delay_minutes", t.delay_minutes}});
  }
  return out;
}

json SurveyToJson(const Survey& survey) {
  json out = DefinitionToJson(survey.definition);
  out["id"] = survey.id;
  out["slug"] = survey.slug;
  out["name"] = survey.name;
  out["version"] = survey.version;
  out["active"] = survey.active;
  return out;
}

Result<SurveyDefinition> DefinitionFromText(const std::string& text) {
  const json body = json::parse(text, nullptr, false);
  if (body.is_discarded()) return Error::Internal("a stored survey definition is not JSON");
  return ParseDefinition(body);
}

}  // namespace ks::surveys
