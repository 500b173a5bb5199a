#include "surveys/survey_pages.h"

#include <fmt/format.h>

#include "accounts/audit_log.h"
#include "customers/customer_store.h"
#include "surveys/qr_code.h"
#include "surveys/response_report.h"
#include "surveys/survey_mail.h"
#include "surveys/survey_public_pages.h"
#include "surveys/survey_store.h"
#include "surveys/surveys_api.h"
#include "web/forms.h"
#include "web/locale_format.h"
#include "web/page.h"

namespace ks::surveys {
namespace {

using nlohmann::json;

constexpr std::string_view kNewDefinition = R"({
  "default_language": "nl",
  "scale": "nps",
  "question": {"nl": "Hoe waarschijnlijk is het dat u ons aanbeveelt aan vrienden of collega's?",
               "en": "How likely are you to recommend us to a friend or colleague?"},
  "open_question": {"unhappy": {"nl": "Wat ging er mis?", "en": "What went wrong?"},
                    "happy": {"nl": "Wat deden we goed?", "en": "What did we do well?"}},
  "drivers": [{"key": "delivery", "max": 5, "label": {"nl": "Bezorging", "en": "Delivery"}}],
  "triggers": [{"touchpoint": "delivery", "channel": "email", "delay_minutes": 1440}],
  "reminder_days": 3
})";

// The survey a form describes: the definition's JSON with the form's name, slug and active flag.
// A new survey starts active; an edited one is active when its box is ticked.
Result<Survey> SurveyFromForm(const web::Form& form, const std::string& slug, bool editing) {
  const json definition = json::parse(web::FormValue(form, "definition"), nullptr, false);
  if (definition.is_discarded() || !definition.is_object()) {
    return Error::Invalid("definition", "is not a JSON object; check for a missing comma or quote");
  }
  json body = definition;
  body["name"] = web::FormValue(form, "name");
  body["slug"] = slug;
  body["active"] = !editing || form.contains("active");
  return ParseSurveyJson(body);
}

std::string ErrorText(const Error& e) { return (e.field.empty() ? "" : e.field + ": ") + e.message; }

class SurveyPages {
 public:
  SurveyPages(WebAuth& auth, const Clock& clock) : auth_(auth), clock_(clock) {}

  http::Response List(WebRequest& r, const std::string& error, int status) {
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto surveys = ListSurveys(**c);
    if (!surveys.ok()) return auth_.Unavailable(r);
    mstch::array rows;
    for (const auto& s : *surveys) {
      rows.emplace_back(mstch::map{{"slug", s.slug},
                                   {"name", s.name},
                                   {"version", std::to_string(s.version)},
                                   {"state", r.T(s.active ? "survey_active" : "survey_inactive")}});
    }
    const bool posted = r.http.method == "POST";
    return auth_.Render(
        r, r.T("surveys_title"), "surveys",
        {{"surveys", rows},
         {"error", error},
         {"has_error", !error.empty()},
         {"form_name", posted ? web::FormValue(r.form, "name") : ""},
         {"form_slug", posted ? web::FormValue(r.form, "slug") : ""},
         {"form_definition", posted ? web::FormValue(r.form, "definition") : std::string(kNewDefinition)}},
        status);
  }

  http::Response Create(WebRequest& r) {
    auto survey = SurveyFromForm(r.form, web::FormValue(r.form, "slug"), false);
    if (!survey.ok()) return List(r, ErrorText(survey.error()), 400);
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto created = CreateSurvey(**c, *survey, clock_.Now());
    if (!created.ok())
      return List(r, ErrorText(created.error()), created.error().code == ErrorCode::kConflict ? 409 : 400);
    (void)Audit(**c, {0, clock_.Now(), r.session->user.email, "survey.created", created->slug, created->name,
                      r.http.remote_ip});
    return web::Redirect(r.http, "/surveys/" + created->slug);
  }

  http::Response Edit(WebRequest& r, const std::string& message, const std::string& error, int status) {
    const std::string slug = r.http.path_params.at("slug");
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto survey = GetSurvey(**c, slug);
    if (!survey.ok()) return auth_.NotFound(r);
    auto units = ListUnits(**c);
    const std::string unit = r.http.Query("unit").value_or("");
    mstch::array unit_options;
    if (units.ok()) {
      for (const auto& u : *units) {
        unit_options.emplace_back(mstch::map{{"code", u.code}, {"name", u.name}, {"selected", u.code == unit}});
      }
    }
    const std::string link = AnonymousLink(r, slug, unit);
    auto qr = EncodeQr(link);
    mstch::array languages;
    for (const auto language : kSurveyLanguages) languages.emplace_back(std::string(language));
    const bool posted = r.http.method == "POST";
    mstch::map body{
        {"slug", slug},
        {"name", posted ? web::FormValue(r.form, "name") : survey->name},
        {"active", posted ? r.form.contains("active") : survey->active},
        {"version", std::to_string(survey->version)},
        {"definition", posted ? web::FormValue(r.form, "definition") : DefinitionToJson(survey->definition).dump(2)},
        {"languages", languages},
        {"units", unit_options},
        {"unit", web::UrlEncode(unit)},
        {"link", link},
        {"qr_svg", qr.ok() ? QrSvg(*qr, 200, r.T("survey_qr") + " " + link) : std::string()},
        {"embed",
         fmt::format(R"(<iframe src="{}/f/{}?embed=1" title="{}" width="100%" height="720" style="border:0"></iframe>)",
                     auth_.BaseUrl(r.http), slug, survey->name)},
        {"message", message},
        {"error", error},
        {"has_error", !error.empty()}};
    for (auto& [key, value] : PreviewContext(survey->definition, survey->definition.default_language, Mood::kUnhappy)) {
      body[key] = value;
    }
    return auth_.Render(r, survey->name, "survey_edit", std::move(body), status);
  }

  http::Response Save(WebRequest& r) {
    const std::string slug = r.http.path_params.at("slug");
    auto survey = SurveyFromForm(r.form, slug, true);
    if (!survey.ok()) return Edit(r, "", ErrorText(survey.error()), 400);
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto before = GetSurvey(**c, slug);
    if (!before.ok()) return auth_.NotFound(r);
    auto saved = UpdateSurvey(**c, slug, *survey, clock_.Now());
    if (!saved.ok()) return Edit(r, "", ErrorText(saved.error()), 400);
    (void)Audit(**c, {0, clock_.Now(), r.session->user.email, "survey.changed", slug,
                      "version " + std::to_string(saved->version), r.http.remote_ip});
    return web::Redirect(r.http, "/surveys/" + slug + "?saved=" + std::to_string(saved->version) +
                                     (saved->version != before->version ? "&new=1" : ""));
  }

  http::Response Preview(WebRequest& r) {
    auto survey = SurveyFromForm(r.form, r.http.path_params.at("slug"), true);
    mstch::map body;
    if (!survey.ok()) {
      body["preview_error"] = ErrorText(survey.error());
    } else {
      const std::string language = web::FormValue(r.form, "preview_language");
      const auto mood = ParseMood(web::FormValue(r.form, "preview_mood")).value_or(Mood::kUnhappy);
      body = PreviewContext(survey->definition,
                            IsSurveyLanguage(language) ? language : survey->definition.default_language, mood);
    }
    return auth_.Fragment(r, "survey_preview", std::move(body));
  }

  http::Response Qr(WebRequest& r, bool png) {
    const std::string slug = r.http.path_params.at("slug");
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    if (!GetSurvey(**c, slug).ok()) return auth_.NotFound(r);
    const std::string link = AnonymousLink(r, slug, r.http.Query("unit").value_or(""));
    auto qr = EncodeQr(link);
    if (!qr.ok()) return auth_.NotFound(r);
    http::Response response{200, png ? "image/png" : "image/svg+xml", png ? QrPng(*qr, 10) : QrSvg(*qr, 400, link), {}};
    if (r.http.Query("download")) {
      response.headers.emplace_back("Content-Disposition",
                                    "attachment; filename=\"" + slug + (png ? ".png\"" : ".svg\""));
    }
    web::AddSecurityHeaders(response);
    return response;
  }

  http::Response Responses(WebRequest& r) {
    auto period = ReportPeriod(r.http.query, clock_.Now());
    if (!period.ok()) return auth_.NotFound(r);
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto rows = ResponseRates(**c, r.zone, {period->first, period->second, r.http.Query("survey").value_or("")});
    if (!rows.ok()) return auth_.Unavailable(r);
    mstch::array out;
    for (const auto& row : *rows) {
      std::string reasons;
      for (const auto& [reason, n] : row.skip_reasons) {
        reasons += (reasons.empty() ? "" : ", ") + r.T("skip_" + reason) + " " + std::to_string(n);
      }
      out.emplace_back(mstch::map{
          {"week", DateText(row.week)},
          {"survey", row.survey},
          {"channel", row.channel},
          {"unit", row.unit},
          {"invited", std::to_string(row.invited)},
          {"sent", std::to_string(row.sent)},
          {"delivered", std::to_string(row.delivered)},
          {"opened", std::to_string(row.opened)},
          {"answered", std::to_string(row.answered)},
          {"rate", row.sent > 0 ? web::FormatInteger(row.answered * 100 / row.sent, r.language()) + "%" : "–"},
          {"skipped", std::to_string(row.skipped)},
          {"reasons", reasons},
          {"failed", std::to_string(row.failed)}});
    }
    return auth_.Render(r, r.T("responses_title"), "responses",
                        {{"rows", out},
                         {"has_rows", !out.empty()},
                         {"period", web::FormatDate(period->first, r.zone, r.language()) + " – " +
                                        web::FormatDate(period->second, r.zone, r.language())}});
  }

 private:
  std::string AnonymousLink(const WebRequest& r, const std::string& slug, const std::string& unit) const {
    return auth_.BaseUrl(r.http) + "/f/" + slug + "?channel=qr" + (unit.empty() ? "" : "&unit=" + web::UrlEncode(unit));
  }

  // What the survey shows a customer answering in `language` with an answer of class `mood`.
  static mstch::map PreviewContext(const SurveyDefinition& d, const std::string& language, Mood mood) {
    const web::Catalog& t = SurveyTexts().For(language);
    const auto text = [&](const Texts& texts, const std::string& fallback_key) {
      const std::string s = TextIn(texts, language, d.default_language);
      return s.empty() && !fallback_key.empty() ? t.Get(fallback_key) : s;
    };
    const std::string mood_name(MoodName(mood));
    mstch::array scores, drivers, choices;
    for (int v = ScaleMin(d.scale); v <= ScaleMax(d.scale); ++v) scores.emplace_back(std::to_string(v));
    for (const auto& driver : d.drivers) {
      drivers.emplace_back(mstch::map{{"label", text(driver.label, "").empty() ? driver.key : text(driver.label, "")},
                                      {"max", std::to_string(driver.max)}});
    }
    for (const auto& choice : d.choices) {
      std::string options;
      for (const auto& o : choice.options) {
        options += (options.empty() ? "" : " / ") + (text(o.label, "").empty() ? o.key : text(o.label, ""));
      }
      choices.emplace_back(mstch::map{{"label", text(choice.label, "").empty() ? choice.key : text(choice.label, "")},
                                      {"options", options}});
    }
    const auto open = d.open_question.find(mood);
    const auto thanks = d.thanks.find(mood);
    return {{"preview", true},
            {"lang", language},
            {"question", text(d.question, "")},
            {"scores", scores},
            {"low", t.Get(ScaleEndKey(d.scale, false))},
            {"high", t.Get(ScaleEndKey(d.scale, true))},
            {"open_question", text(open == d.open_question.end() ? Texts{} : open->second, "open_" + mood_name)},
            {"drivers", drivers},
            {"choices", choices},
            {"consent", text(d.consent_question, "consent")},
            {"thanks", text(thanks == d.thanks.end() ? Texts{} : thanks->second, "thanks_" + mood_name)}};
  }

  WebAuth& auth_;
  const Clock& clock_;
};

}  // namespace

void AddSurveyPages(http::Router& router, WebAuth& auth, const Clock& clock) {
  auto pages = std::make_shared<SurveyPages>(auth, clock);
  const auto page = [&auth, pages](auto handler) { return auth.Page(handler, Action::kManageSurveys); };
  router.Add("GET", "/surveys", page([pages](WebRequest& r) { return pages->List(r, "", 200); }));
  router.Add("POST", "/surveys", page([pages](WebRequest& r) { return pages->Create(r); }));
  router.Add("GET", "/surveys/{slug}", page([pages](WebRequest& r) {
               const auto saved = r.http.Query("saved");
               std::string message;
               if (saved) {
                 message = r.http.Query("new") ? r.messages.Format("survey_saved_new_version", {*saved})
                                               : r.T("survey_saved");
               }
               return pages->Edit(r, message, "", 200);
             }));
  router.Add("POST", "/surveys/{slug}", page([pages](WebRequest& r) { return pages->Save(r); }));
  router.Add("POST", "/surveys/{slug}/preview", page([pages](WebRequest& r) { return pages->Preview(r); }));
  router.Add("GET", "/surveys/{slug}/qr.svg", page([pages](WebRequest& r) { return pages->Qr(r, false); }));
  router.Add("GET", "/surveys/{slug}/qr.png", page([pages](WebRequest& r) { return pages->Qr(r, true); }));
  router.Add("GET", "/responses", page([pages](WebRequest& r) { return pages->Responses(r); }));
}

CustomerSection CustomerInvitationsSection(WebAuth& auth) {
  return [&auth](const WebRequest& r, const std::string& ref) -> std::string {
    auto c = auth.pool().Acquire();
    if (!c.ok()) return {};
    auto invitations = ListCustomerInvitations(**c, ref, 50);
    if (!invitations.ok() || invitations->empty()) return {};
    mstch::array rows;
    for (const auto& i : *invitations) {
      rows.emplace_back(mstch::map{{"when", web::FormatDateTime(i.scheduled_at, r.zone, r.language())},
                                   {"survey", i.survey},
                                   {"channel", i.channel},
                                   {"state", r.T("invitation_state_" + InvitationState(i))},
                                   {"reason", i.skip_reason.empty() ? "" : r.T("skip_" + i.skip_reason)}});
    }
    return auth.templates().Render("customer_invitations",
                                   mstch::map{{"t", r.messages.AsMap()}, {"invitations", rows}});
  };
}

}  // namespace ks::surveys
