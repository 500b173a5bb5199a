#include "demo/demo_surveys.h"

#include "surveys/survey_store.h"

namespace ks::demo {
namespace {

constexpr std::string_view kSurveys[] = {
    R"({"name": "Na de levering", "slug": "levering", "default_language": "nl", "scale": "nps",
        "question": {"nl": "Hoe waarschijnlijk is het dat u Stroomlijn aanbeveelt aan vrienden of collega's?",
                     "en": "How likely are you to recommend Stroomlijn to a friend or colleague?"},
        "open_question": {"unhappy": {"nl": "Wat ging er mis?", "en": "What went wrong?"},
                          "neutral": {"nl": "Wat kunnen we beter doen?", "en": "What could we do better?"},
                          "happy": {"nl": "Wat deden we goed?", "en": "What did we do well?"}},
        "drivers": [{"key": "delivery", "max": 5, "label": {"nl": "Bezorging", "en": "Delivery"}},
                    {"key": "friendliness", "max": 5, "label": {"nl": "Vriendelijkheid", "en": "Friendliness"}},
                    {"key": "price", "max": 5, "label": {"nl": "Prijs", "en": "Price"}}],
        "triggers": [{"touchpoint": "delivery", "channel": "email", "delay_minutes": 1440},
                     {"touchpoint": "support-call", "channel": "sms", "delay_minutes": 120}],
        "reminder_days": 3, "daily_cap": 2000})",
    R"({"name": "Winkelbezoek", "slug": "winkel", "default_language": "nl", "scale": "grade10",
        "question": {"nl": "Welk rapportcijfer geeft u uw bezoek aan onze winkel?",
                     "en": "What mark out of ten would you give your visit to our shop?"},
        "drivers": [{"key": "waiting_time", "max": 5, "label": {"nl": "Wachttijd", "en": "Waiting time"}},
                    {"key": "expertise", "max": 5, "label": {"nl": "Deskundigheid", "en": "Expertise"}}],
        "choices": [{"key": "visit", "label": {"nl": "Waarvoor kwam u?", "en": "What did you come for?"},
                     "options": [{"key": "buy", "label": {"nl": "Iets kopen", "en": "To buy something"}},
                                 {"key": "advice", "label": {"nl": "Advies", "en": "Advice"}},
                                 {"key": "return", "label": {"nl": "Ruilen of retour", "en": "An exchange or return"}}]}]})",
    R"({"name": "Afscheid", "slug": "afscheid", "default_language": "nl", "scale": "csat5", "exit_survey": true,
        "question": {"nl": "Hoe tevreden was u over Stroomlijn, alles bij elkaar?",
                     "en": "All in all, how satisfied were you with Stroomlijn?"},
        "open_question": {"unhappy": {"nl": "Wat is de belangrijkste reden dat u vertrekt?",
                                      "en": "What is the main reason you are leaving?"}},
        "triggers": [{"touchpoint": "cancellation", "channel": "email", "delay_minutes": 60},
                     {"touchpoint": "customer-lost", "channel": "email", "delay_minutes": 60}]})",
    R"({"name": "Na uw klacht", "slug": "herstel", "default_language": "nl", "scale": "nps",
        "question": {"nl": "Hoe waarschijnlijk is het dat u Stroomlijn nu aanbeveelt aan vrienden of collega's?",
                     "en": "How likely are you now to recommend Stroomlijn to a friend or colleague?"},
        "open_question": {"unhappy": {"nl": "Wat hadden we beter kunnen doen?", "en": "What could we have done better?"},
                          "happy": {"nl": "Wat deden we goed?", "en": "What did we do well?"}},
        "drivers": [{"key": "handling", "max": 5,
                     "label": {"nl": "Hoe tevreden bent u over hoe we uw klacht hebben opgelost?",
                               "en": "How satisfied are you with how we resolved your complaint?"}}],
        "triggers": [{"touchpoint": "case-closed", "channel": "email", "delay_minutes": 60}]})",
};

}  // namespace

Result<void> LoadDemoSurveys(db::Connection& c, Micros now) {
  for (const auto text : kSurveys) {
    KS_ASSIGN_OR_RETURN(surveys::Survey survey, surveys::ParseSurveyJson(nlohmann::json::parse(text)));
    auto created = surveys::CreateSurvey(c, survey, now);
    if (!created.ok() && created.error().code != ErrorCode::kConflict) return created.error();
  }
  return Ok();
}

}  // namespace ks::demo
