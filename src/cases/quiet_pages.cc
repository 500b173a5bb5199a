#include "cases/quiet_pages.h"

#include "cases/case_store.h"
#include "cases/quiet_customers.h"
#include "feedback/feedback_view.h"
#include "web/locale_format.h"
#include "web/page.h"

namespace ks::cases {

void AddQuietPage(http::Router& router, WebAuth& auth, const Clock& clock) {
  router.Add("GET", "/cases/quiet", auth.Page([&auth, &clock](WebRequest& r) {
    if (!Can(r.actor, Action::kViewCustomerIdentity)) return auth.Forbidden(r);
    auto c = auth.pool().Acquire();
    if (!c.ok()) return auth.Unavailable(r);
    auto rules = LoadCaseRules(**c);
    if (!rules.ok()) return auth.Unavailable(r);
    const Micros now = clock.Now();
    std::optional<std::vector<std::int64_t>> scope;
    if (r.actor.role == Role::kManager) scope = r.actor.unit_scope;
    auto quiet = ListQuietCustomers(**c, rules->rules.quiet, now, scope);
    if (!quiet.ok()) return auth.Unavailable(r);
    mstch::array rows;
    for (const QuietCustomer& q : *quiet) {
      const Micros day = Micros{24} * 3600 * kMicrosPerSecond;
      rows.emplace_back(mstch::map{
          {"customer", CustomerLabel(r, q.external_ref, q.name)},
          {"ref", q.external_ref},
          {"segment", q.segment},
          {"unit", q.unit_name},
          {"last_feedback", web::FormatDate(q.last_feedback_at, r.zone, r.language())},
          {"days_quiet", web::FormatInteger((now - q.last_feedback_at) / day, r.language())},
          {"last_contact", q.last_contact_at ? web::FormatDate(*q.last_contact_at, r.zone, r.language()) : "–"},
          {"threshold", std::to_string(q.quiet_days)}});
    }
    mstch::map body{{"rows", rows},
                    {"count", web::FormatInteger(static_cast<std::int64_t>(quiet->size()), r.language())},
                    {"empty", quiet->empty()},
                    {"default_days", std::to_string(rules->rules.quiet.default_days)}};
    return auth.Render(r, r.T("quiet_title"), "quiet", std::move(body));
  }));
}

}  // namespace ks::cases
