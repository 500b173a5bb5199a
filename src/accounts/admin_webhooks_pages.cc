// /admin/webhooks: outgoing webhooks (notify/webhooks.h) — add an endpoint (its secret is shown once),
// disable, enable or delete one, and see the newest deliveries with their state and last error, so an
// administrator can see why another tool did not hear of a case. Every change writes an audit entry
// in the same transaction.
#include <algorithm>

#include "accounts/admin_pages.h"
#include "accounts/audit_log.h"
#include "base/strings.h"
#include "notify/webhooks.h"
#include "web/forms.h"
#include "web/locale_format.h"

namespace ks {
namespace {

constexpr int kDeliveriesShown = 100;

// "case.opened" → "webhook_event_case_opened" (mustache reads dots in a key as a path).
std::string EventKey(std::string_view event) {
  std::string key = "webhook_event_" + std::string(event);
  std::replace(key.begin(), key.end(), '.', '_');
  return key;
}

class WebhookPages {
 public:
  WebhookPages(WebAuth& auth, const Clock& clock) : auth_(auth), clock_(clock) {}

  // `created`: the endpoint just added, whose secret is shown on this response only.
  http::Response List(WebRequest& r, const std::optional<notify::WebhookEndpoint>& created, const Error* error,
                      int status) {
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto endpoints = notify::ListWebhookEndpoints(**c);
    std::optional<std::int64_t> only;
    if (auto e = r.http.Query("endpoint")) only = ParseId(*e);
    auto deliveries = notify::ListWebhookDeliveries(**c, kDeliveriesShown, only);
    if (!endpoints.ok() || !deliveries.ok()) return auth_.Unavailable(r);

    mstch::array endpoint_rows;
    std::string only_url;
    for (const auto& e : *endpoints) {
      if (only == e.id) only_url = e.url;
      endpoint_rows.push_back(mstch::map{{"id", std::to_string(e.id)},
                                         {"url", e.url},
                                         {"description", e.description},
                                         {"events", EventsLabel(r, e.events)},
                                         {"active", e.active},
                                         {"created", web::FormatDate(e.created_at, r.zone, r.language())}});
    }
    mstch::array delivery_rows;
    for (const auto& d : *deliveries) {
      std::string state;
      if (d.delivered_at) {
        state = r.messages.Format("webhook_delivered", {web::FormatDateTime(*d.delivered_at, r.zone, r.language())});
      } else if (d.failed_at) {
        state = r.messages.Format("webhook_failed", {web::FormatDateTime(*d.failed_at, r.zone, r.language())});
      } else {
        state = r.messages.Format("webhook_waiting", {std::to_string(d.attempts),
                                                      web::FormatDateTime(d.next_attempt_at, r.zone, r.language())});
      }
      delivery_rows.push_back(mstch::map{{"id", std::to_string(d.id)},
                                         {"created", web::FormatDateTime(d.created_at, r.zone, r.language())},
                                         {"event", d.event},
                                         {"url", d.endpoint_url},
                                         {"state", state},
                                         {"failed", d.failed_at.has_value()},
                                         {"status", d.last_status ? std::to_string(*d.last_status) : std::string()},
                                         {"error", d.last_error}});
    }

    // The form keeps what was typed when it is shown again with an error.
    const bool has_form = error != nullptr;
    std::vector<std::string> chosen;
    for (auto [it, end] = r.form.equal_range("event"); it != end; ++it) chosen.push_back(it->second);
    const auto is_chosen = [&](std::string_view v) {
      return std::find(chosen.begin(), chosen.end(), v) != chosen.end();
    };
    mstch::array events;
    events.push_back(mstch::map{{"value", std::string("*")},
                                {"slug", std::string("all")},
                                {"label", r.T("webhook_event_all")},
                                {"checked", !has_form || is_chosen("*")}});
    for (std::string_view event : notify::kWebhookEvents) {
      std::string slug(event);
      std::replace(slug.begin(), slug.end(), '.', '-');
      events.push_back(mstch::map{{"value", std::string(event)},
                                  {"slug", slug},
                                  {"label", std::string(event) + " — " + r.T(EventKey(event))},
                                  {"checked", has_form && is_chosen(event)}});
    }
    std::string message;
    if (auto done = r.http.Query("done"); done && (*done == "enabled" || *done == "disabled" || *done == "deleted")) {
      message = r.T("webhook_" + *done);
    }
    std::string error_text;
    if (error != nullptr) {
      error_text = error->field.empty() ? error->message : r.T("webhook_field_" + error->field) + ": " + error->message;
    }
    mstch::map body{{"endpoints", endpoint_rows},
                    {"has_endpoints", !endpoint_rows.empty()},
                    {"deliveries", delivery_rows},
                    {"has_deliveries", !delivery_rows.empty()},
                    {"filtered", !only_url.empty()},
                    {"filter_url", only_url},
                    {"events", events},
                    {"message", message},
                    {"error", error_text},
                    {"has_error", !error_text.empty()},
                    {"url_invalid", error != nullptr && error->field == "url"},
                    {"events_invalid", error != nullptr && error->field == "events"},
                    {"form_url", has_form ? web::FormValue(r.form, "url") : std::string()},
                    {"form_description", has_form ? web::FormValue(r.form, "description") : std::string()}};
    if (created) {
      body.emplace("created_secret", created->secret);
      body.emplace("created_url", created->url);
    }
    return auth_.Render(r, r.T("nav_webhooks"), "admin_webhooks", std::move(body), status);
  }

  http::Response Create(WebRequest& r) {
    notify::NewWebhookEndpoint endpoint;
    endpoint.url = web::FormValue(r.form, "url");
    endpoint.description = web::FormValue(r.form, "description");
    endpoint.created_by = r.session->user.id;
    std::string events;
    for (auto [it, end] = r.form.equal_range("event"); it != end; ++it) events += it->second + ",";
    endpoint.events = events;
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    const Micros now = clock_.Now();
    if (!(*c)->BeginWrite().ok()) return auth_.Unavailable(r);
    auto created = notify::CreateWebhookEndpoint(**c, endpoint, now);
    auto audited = created.ok() ? Audit(**c, {0, now, r.session->user.email, "webhook.created", created->url,
                                              created->events, r.http.remote_ip})
                                : Result<void>(created.error());
    if (!audited.ok() || !(*c)->Commit().ok()) {
      (void)(*c)->Rollback();
      const Error e = audited.ok() ? Error::Unavailable(r.T("database_unavailable")) : audited.error();
      return List(r, std::nullopt, &e, e.code == ErrorCode::kInvalidArgument ? 400 : 503);
    }
    // The secret is shown on this response only.
    return List(r, *created, nullptr, 201);
  }

  // action: "enable", "disable" or "delete".
  http::Response Change(WebRequest& r, const std::string& action) {
    const auto id = ParseId(r.http.path_params.at("id"));
    if (!id) return auth_.NotFound(r);
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    const Micros now = clock_.Now();
    if (!(*c)->BeginWrite().ok()) return auth_.Unavailable(r);
    auto changed = action == "delete" ? notify::DeleteWebhookEndpoint(**c, *id)
                                      : notify::SetWebhookEndpointActive(**c, *id, action == "enable");
    auto audited =
        changed.ok()
            ? Audit(**c, {0, now, r.session->user.email, "webhook." + action + "d", changed->url, "", r.http.remote_ip})
            : Result<void>(changed.error());
    if (!audited.ok() || !(*c)->Commit().ok()) {
      (void)(*c)->Rollback();
      if (!changed.ok() && changed.error().code == ErrorCode::kNotFound) return auth_.NotFound(r);
      return auth_.Unavailable(r);
    }
    return web::Redirect(r.http, "/admin/webhooks?done=" + action + "d");
  }

 private:
  static std::string EventsLabel(const WebRequest& r, const std::string& events) {
    if (events == "*") return r.T("webhook_event_all");
    std::string label = events;
    std::replace(label.begin(), label.end(), ',', ' ');
    return label;
  }

  WebAuth& auth_;
  const Clock& clock_;
};

}  // namespace

void AddWebhookPages(http::Router& router, WebAuth& auth, const Clock& clock) {
  auto pages = std::make_shared<WebhookPages>(auth, clock);
  router.Add(
      "GET", "/admin/webhooks",
      auth.Page([pages](WebRequest& r) { return pages->List(r, std::nullopt, nullptr, 200); }, Action::kManageApiKeys));
  router.Add("POST", "/admin/webhooks",
             auth.Page([pages](WebRequest& r) { return pages->Create(r); }, Action::kManageApiKeys));
  for (const std::string action : {"enable", "disable", "delete"}) {
    router.Add("POST", "/admin/webhooks/{id}/" + action,
               auth.Page([pages, action](WebRequest& r) { return pages->Change(r, action); }, Action::kManageApiKeys));
  }
}

}  // namespace ks
