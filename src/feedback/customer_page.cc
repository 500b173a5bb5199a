// The customer page (360°): contact data per permission, segments, consent, and every feedback item
// over time with a score-history chart. Later features (invitations, cases, actions) add sections.
#include "customers/customer_store.h"
#include "feedback/feedback_pages.h"
#include "feedback/feedback_store.h"
#include "feedback/feedback_view.h"
#include "feedback/score_history_chart.h"
#include "web/locale_format.h"

namespace ks {
namespace {

constexpr int kMaxItems = 500;

http::Response CustomerPage(WebAuth& auth, const text::TextAnalyzer& analyzer,
                            const std::vector<CustomerSection>& sections, WebRequest& r) {
  const std::string& ref = r.http.path_params.at("ref");
  auto c = auth.pool().Acquire();
  if (!c.ok()) {
    return auth.Unavailable(r);
  }
  auto customer = GetCustomer(**c, ref);
  if (!customer.ok()) return auth.NotFound(r);
  FeedbackFilter filter;
  filter.customer = ref;
  if (r.actor.role == Role::kManager) filter.unit_scope = r.actor.unit_scope;
  auto page = ListFeedback(**c, filter, "", kMaxItems);
  if (!page.ok()) return auth.NotFound(r);
  const bool identity = Can(r.actor, Action::kViewCustomerIdentity);
  mstch::array items;
  const auto topics = analyzer.matcher();
  for (const auto& item : page->items) items.push_back(FeedbackView(r, item, true, &topics->taxonomy()));
  mstch::array segments;
  for (const auto& [name, value] : customer->attributes)
    segments.push_back(mstch::map{{"name", name}, {"value", value}});
  mstch::map body{{"title", CustomerLabel(r, ref, customer->name)},
                  {"identity", identity},
                  {"external_ref", ref},
                  {"email", customer->email.value_or("")},
                  {"phone", customer->phone.value_or("")},
                  {"language", customer->language.value_or("")},
                  {"segments", segments},
                  {"consent", r.T(customer->consent_contact ? "consent_yes" : "consent_no")},
                  {"status", r.T("customer_status_" + customer->status)},
                  {"items", items},
                  {"has_items", !items.empty()},
                  {"count", web::FormatInteger(static_cast<std::int64_t>(page->items.size()), r.language())},
                  {"chart", ScoreHistoryChart(r, page->items)}};
  std::string extra;
  for (const auto& section : sections) extra += section(r, ref);
  body["sections"] = extra;
  if (customer->last_contact_at)
    body["last_contact"] = web::FormatDate(*customer->last_contact_at, r.zone, r.language());
  return auth.Render(r, CustomerLabel(r, ref, customer->name), "customer", std::move(body));
}

}  // namespace

void AddCustomerPage(http::Router& router, WebAuth& auth, const text::TextAnalyzer& analyzer,
                     std::vector<CustomerSection> sections) {
  router.Add("GET", "/customers/{ref}",
             auth.Page([&auth, &analyzer, sections = std::move(sections)](
                           WebRequest& r) { return CustomerPage(auth, analyzer, sections, r); },
                       Action::kViewCustomerPage));
}

}  // namespace ks
