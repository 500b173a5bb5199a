// /admin/settings: the organisation's name, time zone, default language and whether employees see
// customers' names.
#include "accounts/admin_pages.h"
#include "accounts/audit_log.h"
#include "web/forms.h"

namespace ks {
namespace {

constexpr const char* kCommonZones[] = {"Europe/Amsterdam", "Europe/Brussels", "Europe/Berlin", "Europe/Paris",
                                        "Europe/London",    "Europe/Dublin",   "UTC",           "America/New_York",
                                        "America/Curacao",  "Asia/Jakarta"};

class SettingsPages {
 public:
  SettingsPages(WebAuth& auth, const Clock& clock) : auth_(auth), clock_(clock) {}

  http::Response Form(WebRequest& r, const OrganisationSettings& s, const std::string& message,
                      const std::string& error, int status) {
    mstch::array zones, languages;
    for (const char* zone : kCommonZones) zones.emplace_back(std::string(zone));
    for (const char* code : {"nl", "en"}) {
      languages.push_back(mstch::map{{"code", std::string(code)},
                                     {"label", r.T(std::string("language_") + code)},
                                     {"selected", s.default_language == code}});
    }
    return auth_.Render(r, r.T("nav_settings"), "admin_settings",
                        {{"name", s.name},
                         {"time_zone", s.time_zone},
                         {"zones", zones},
                         {"languages", languages},
                         {"employees_see_customer_names", s.employees_see_customer_names},
                         {"brand_colour", s.brand_colour},
                         {"logo_version", s.logo_version},
                         {"quiet_hours_start", s.quiet_hours_start},
                         {"quiet_hours_end", s.quiet_hours_end},
                         {"survey_fatigue_days", std::to_string(s.survey_fatigue_days)},
                         {"silent_majority_ratio", std::to_string(s.silent_majority_ratio)},
                         {"message", message},
                         {"error", error},
                         {"has_error", !error.empty()}},
                        status);
  }

  http::Response Save(WebRequest& r) {
    OrganisationSettings s;
    s.name = web::FormValue(r.form, "name");
    s.time_zone = web::FormValue(r.form, "time_zone");
    s.default_language = web::FormValue(r.form, "default_language");
    s.employees_see_customer_names = web::FormValue(r.form, "employees_see_customer_names") == "1";
    // Fields left out of the post keep their value (older forms and scripts post only the first four).
    const OrganisationSettings& before = r.settings;
    const auto field = [&r](const char* name, const std::string& current) {
      const std::string v = web::FormValue(r.form, name);
      return v.empty() ? current : v;
    };
    s.brand_colour = field("brand_colour", before.brand_colour);
    s.quiet_hours_start = field("quiet_hours_start", before.quiet_hours_start);
    s.quiet_hours_end = field("quiet_hours_end", before.quiet_hours_end);
    // A whole number of at most 4 digits, else −1 (refused by SaveSettings with the field's name).
    const auto number = [&field](const char* name, int current) {
      const std::string v = field(name, std::to_string(current));
      const bool digits =
          !v.empty() && v.size() <= 4 && std::all_of(v.begin(), v.end(), [](char c) { return c >= '0' && c <= '9'; });
      return digits ? std::stoi(v) : -1;
    };
    s.survey_fatigue_days = number("survey_fatigue_days", before.survey_fatigue_days);
    s.silent_majority_ratio = number("silent_majority_ratio", before.silent_majority_ratio);
    std::string changed;
    const auto note = [&changed](const std::string& what, const std::string& from, const std::string& to) {
      if (from != to) changed += (changed.empty() ? "" : "; ") + what + ": " + from + " → " + to;
    };
    note("name", before.name, s.name);
    note("time_zone", before.time_zone, s.time_zone);
    note("default_language", before.default_language, s.default_language);
    note("employees_see_customer_names", before.employees_see_customer_names ? "yes" : "no",
         s.employees_see_customer_names ? "yes" : "no");
    note("brand_colour", before.brand_colour, s.brand_colour);
    note("quiet_hours", before.quiet_hours_start + "–" + before.quiet_hours_end,
         s.quiet_hours_start + "–" + s.quiet_hours_end);
    note("survey_fatigue_days", std::to_string(before.survey_fatigue_days), std::to_string(s.survey_fatigue_days));
    note("silent_majority_ratio", std::to_string(before.silent_majority_ratio),
         std::to_string(s.silent_majority_ratio));
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return Form(r, s, "", r.T("database_unavailable"), 503);
    auto saved = SaveSettings(**c, s);
    if (saved.ok() && r.form.contains("logo")) {
      saved = SaveLogo(**c, {web::FormValue(r.form, "logo.content_type"), web::FormValue(r.form, "logo")});
      if (saved.ok()) changed += (changed.empty() ? "" : "; ") + std::string("logo: new");
    } else if (saved.ok() && web::FormValue(r.form, "remove_logo") == "1") {
      saved = RemoveLogo(**c);
      if (saved.ok()) changed += (changed.empty() ? "" : "; ") + std::string("logo: removed");
    }
    if (!saved.ok()) {
      return Form(r, s, "", r.T("field_" + saved.error().field) + ": " + saved.error().message, 400);
    }
    if (!changed.empty()) {
      (void)Audit(
          **c, {0, clock_.Now(), r.session->user.email, "settings.changed", "organisation", changed, r.http.remote_ip});
    }
    return web::Redirect(r.http, "/admin/settings?saved=1");
  }

 private:
  WebAuth& auth_;
  const Clock& clock_;
};

}  // namespace

void AddSettingsPages(http::Router& router, WebAuth& auth, const Clock& clock) {
  auto pages = std::make_shared<SettingsPages>(auth, clock);
  router.Add("GET", "/admin/settings",
             auth.Page(
                 [pages](WebRequest& r) {
                   return pages->Form(r, r.settings, r.http.Query("saved") ? r.T("settings_saved") : "", "", 200);
                 },
                 Action::kManageSettings));
  router.Add("POST", "/admin/settings",
             auth.Page([pages](WebRequest& r) { return pages->Save(r); }, Action::kManageSettings));
  // The logo is public: survey pages and mails show it to customers.
  router.Add("GET", "/logo", [&auth](const http::Request&, const http::Responder& respond) {
    auto c = auth.pool().Acquire();
    auto logo = c.ok() ? LoadLogo(**c) : Result<std::optional<Logo>>(c.error());
    if (!logo.ok()) return respond(http::HttpErrorResponse(503, "unavailable", logo.error().message));
    if (!*logo) return respond(http::HttpErrorResponse(404, "not_found", "no logo has been uploaded"));
    http::Response r{200, (*logo)->content_type, std::move((*logo)->bytes), {}};
    r.headers.emplace_back("Cache-Control", "public, max-age=86400");
    r.headers.emplace_back("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
    r.headers.emplace_back("X-Content-Type-Options", "nosniff");
    respond(std::move(r));
  });
}

}  // namespace ks
