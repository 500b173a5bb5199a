#include "cases/case_rules_pages.h"

#include <fmt/format.h>

#include "accounts/audit_log.h"
#include "cases/case_mail.h"
#include "cases/case_store.h"
#include "cases/rule_preview.h"
#include "web/forms.h"
#include "web/locale_format.h"
#include "web/page.h"

namespace ks::cases {
namespace {

constexpr Micros kPreviewPeriod = Micros{30} * 24 * 3600 * kMicrosPerSecond;
constexpr size_t kMaxJsonBytes = 200'000;

class CaseRulesPages {
 public:
  CaseRulesPages(WebAuth& auth, const Clock& clock) : auth_(auth), clock_(clock) {}

  // What the page shows: the stored rules, or an edit (previewed or refused) with what is wrong.
  struct View {
    std::optional<std::string> rules_json, calendar_json;  // an edit shown again
    std::optional<RuleSet> previewed;                      // the edit's rules, previewed
    std::string message, error;
    int status = 200;
  };

  http::Response Page(WebRequest& r, View v) {
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto stored = LoadCaseRules(**c);
    if (!stored.ok()) return auth_.Unavailable(r);
    const RuleSet& shown = v.previewed ? *v.previewed : stored->rules;
    const Micros now = clock_.Now();
    auto preview = PreviewRules(**c, shown, now - kPreviewPeriod, now);
    if (!preview.ok()) return auth_.Unavailable(r);
    mstch::array rules;
    for (size_t i = 0; i < shown.rules.size(); ++i) {
      const CaseRule& rule = shown.rules[i];
      const SlaHours sla = DefaultSla(rule.priority);
      rules.emplace_back(
          mstch::map{{"key", rule.key},
                     {"name", rule.name},
                     {"enabled", rule.enabled},
                     {"priority", PriorityLabel(rule.priority, r.language())},
                     {"owner", OwnerSpec(rule.owner)},
                     {"first_contact", std::to_string(rule.first_contact_hours.value_or(sla.first_contact))},
                     {"resolution", std::to_string(rule.resolution_hours.value_or(sla.resolution))},
                     {"matches", web::FormatInteger(static_cast<std::int64_t>(preview->matches[i]), r.language())}});
    }
    mstch::map body{{"rules", rules},
                    {"rules_json", v.rules_json.value_or(RuleSetToJson(stored->rules))},
                    {"calendar_json", v.calendar_json.value_or(stored->calendar.ToJson().dump(2))},
                    {"revision", std::to_string(stored->revision)},
                    {"is_default", stored->revision == 0},
                    {"saved_by", stored->saved_by},
                    {"saved_at", stored->revision == 0 ? std::string()
                                                       : web::FormatDateTime(stored->saved_at, r.zone, r.language())},
                    {"previewing", v.previewed.has_value()},
                    {"would_open", web::FormatInteger(static_cast<std::int64_t>(preview->would_open), r.language())},
                    {"items", web::FormatInteger(static_cast<std::int64_t>(preview->items), r.language())},
                    {"capped", preview->capped},
                    {"join_days", std::to_string(shown.join.window / (Micros{24} * 3600 * kMicrosPerSecond))},
                    {"message", v.message},
                    {"error", v.error}};
    return auth_.Render(r, r.T("case_rules_title"), "case_rules", std::move(body), v.status);
  }

  // Parses the form's two documents; a refusal is shown with the edit.
  struct Edit {
    RuleSet rules;
    BusinessCalendar calendar = BusinessCalendar::Default();
  };
  Result<Edit> Parse(const WebRequest& r) {
    const std::string rules_json = web::FormValue(r.form, "rules");
    const std::string calendar_json = web::FormValue(r.form, "calendar");
    if (rules_json.size() > kMaxJsonBytes) return Error::Invalid("rules", "is longer than 200 KB");
    if (calendar_json.size() > kMaxJsonBytes) return Error::Invalid("calendar", "is longer than 200 KB");
    Edit edit;
    KS_ASSIGN_OR_RETURN(edit.rules, ParseRuleSet(rules_json));
    const auto calendar = nlohmann::json::parse(calendar_json, nullptr, false);
    if (calendar.is_discarded()) return Error::Invalid("calendar", "is not JSON");
    auto parsed = BusinessCalendar::FromJson(calendar);
    if (!parsed.ok()) return parsed.error().WithFieldPrefix("calendar");
    edit.calendar = std::move(parsed).value();
    return edit;
  }

  http::Response Refused(WebRequest& r, const Error& e) {
    View v;
    v.rules_json = web::FormValue(r.form, "rules");
    v.calendar_json = web::FormValue(r.form, "calendar");
    v.error = e.field.empty() ? e.message : fmt::format("{} ({}): {}", r.T("case_rules_invalid"), e.field, e.message);
    v.status = 400;
    return Page(r, std::move(v));
  }

  http::Response Preview(WebRequest& r) {
    auto edit = Parse(r);
    if (!edit.ok()) return Refused(r, edit.error());
    View v;
    v.rules_json = web::FormValue(r.form, "rules");
    v.calendar_json = web::FormValue(r.form, "calendar");
    v.previewed = std::move(edit->rules);
    v.message = r.T("case_rules_preview_notice");
    return Page(r, std::move(v));
  }

  http::Response Save(WebRequest& r) {
    auto edit = Parse(r);
    if (!edit.ok()) return Refused(r, edit.error());
    return Store(r, edit->rules, edit->calendar);
  }

  // The default rules, keeping the stored calendar.
  http::Response RestoreDefault(WebRequest& r) {
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto stored = LoadCaseRules(**c);
    if (!stored.ok()) return auth_.Unavailable(r);
    return Store(r, DefaultRuleSet(), stored->calendar);
  }

 private:
  http::Response Store(WebRequest& r, const RuleSet& rules, const BusinessCalendar& calendar) {
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto revision = SaveCaseRules(**c, rules, calendar, r.session->user.id, clock_.Now());
    if (!revision.ok()) return auth_.Unavailable(r);
    (void)Audit(**c, {0, clock_.Now(), r.session->user.email, "case_rules.saved", "case rules",
                      fmt::format("revision {}: {} rules", *revision, rules.rules.size()), r.http.remote_ip});
    return web::Redirect(r.http, "/admin/case-rules?saved=1");
  }

  WebAuth& auth_;
  const Clock& clock_;
};

}  // namespace

void AddCaseRulesPages(http::Router& router, WebAuth& auth, const Clock& clock) {
  auto pages = std::make_shared<CaseRulesPages>(auth, clock);
  const auto page = [&auth](auto handler) { return auth.Page(std::move(handler), Action::kManageSettings); };
  router.Add("GET", "/admin/case-rules", page([pages](WebRequest& r) {
               CaseRulesPages::View v;
               if (r.http.Query("saved")) v.message = r.T("case_rules_saved");
               return pages->Page(r, std::move(v));
             }));
  router.Add("POST", "/admin/case-rules", page([pages](WebRequest& r) { return pages->Save(r); }));
  router.Add("POST", "/admin/case-rules/preview", page([pages](WebRequest& r) { return pages->Preview(r); }));
  router.Add("POST", "/admin/case-rules/default", page([pages](WebRequest& r) { return pages->RestoreDefault(r); }));
}

}  // namespace ks::cases
