#include "analytics/analytics_api.h"

#include <limits>

#include "accounts/api_auth.h"
#include "analytics/events.h"
#include "analytics/summary_json.h"
#include "base/json_helpers.h"

namespace ks::analytics {
namespace {

using nlohmann::json;

json EventToJson(const Event& e) {
  return {{"id", e.id},
          {"title", e.title},
          {"description", e.description},
          {"happened_at", FormatRfc3339(e.happened_at)},
          {"unit", e.unit_code.empty() ? json() : json(e.unit_code)},
          {"created_at", FormatRfc3339(e.created_at)}};
}

// Reads {"title","description","happened_at","unit"}.
Result<EventInput> EventFromJson(const json& body) {
  if (!body.is_object()) return Error::Invalid("", "the body must be a JSON object");
  KS_RETURN_IF_ERROR(RejectUnknownFields(body, {"title", "description", "happened_at", "unit"}));
  EventInput in;
  KS_ASSIGN_OR_RETURN(in.title, JsonString(body, "title", true, 200));
  KS_ASSIGN_OR_RETURN(in.description, JsonString(body, "description", false, 2000));
  KS_ASSIGN_OR_RETURN(std::string when, JsonString(body, "happened_at", true, 40));
  auto t = ParseRfc3339(when);
  if (!t.ok()) return Error::Invalid("happened_at", t.error().message);
  in.happened_at = *t;
  KS_ASSIGN_OR_RETURN(in.unit, JsonString(body, "unit", false, 100));
  return in;
}

Result<Micros> TimeParam(const http::Request& req, const std::string& name, Micros fallback) {
  auto text = req.Query(name);
  if (!text) return fallback;
  auto t = ParseRfc3339(*text);
  if (!t.ok()) return Error::Invalid(name, t.error().message);
  return *t;
}

}  // namespace

void AddAnalyticsRoutes(http::Router& router, AnalyticsService& service, db::ConnectionPool& pool,
                        ApiKeyAuthenticator& authenticator, const Clock& clock) {
  router.Add("GET", "/api/v1/analytics/summary", [&](const http::Request& req, const http::Responder& respond) {
    if (auto key = Authorize(authenticator, req, "feedback:read"); !key.ok()) {
      return respond(http::ErrorResponse(key.error()));
    }
    auto query = service.ParseQuery(req.query, std::nullopt);
    if (!query.ok()) return respond(http::ErrorResponse(query.error()));
    auto summary = service.Summarize(*query);
    if (!summary.ok()) return respond(http::ErrorResponse(summary.error()));
    respond(http::JsonResponse(200, SummaryToJson(*summary)));
  });
  router.Add("GET", "/api/v1/events", [&](const http::Request& req, const http::Responder& respond) {
    if (auto key = Authorize(authenticator, req, "feedback:read"); !key.ok()) {
      return respond(http::ErrorResponse(key.error()));
    }
    auto from = TimeParam(req, "from", 0);
    if (!from.ok()) return respond(http::ErrorResponse(from.error()));
    auto to = TimeParam(req, "to", std::numeric_limits<Micros>::max());
    if (!to.ok()) return respond(http::ErrorResponse(to.error()));
    auto c = pool.Acquire();
    if (!c.ok()) return respond(http::ErrorResponse(c.error()));
    auto events = ListEvents(**c, *from, *to);
    if (!events.ok()) return respond(http::ErrorResponse(events.error()));
    json items = json::array();
    for (const auto& e : *events) items.push_back(EventToJson(e));
    respond(http::JsonResponse(200, {{"items", items}}));
  });
  router.Add("POST", "/api/v1/events", [&](const http::Request& req, const http::Responder& respond) {
    if (auto key = Authorize(authenticator, req, "feedback:write"); !key.ok()) {
      return respond(http::ErrorResponse(key.error()));
    }
    http::Response rejection;
    auto body = http::ReadJsonBody(req, rejection);
    if (!body) return respond(std::move(rejection));
    auto input = EventFromJson(*body);
    if (!input.ok()) return respond(http::ErrorResponse(input.error()));
    auto c = pool.Acquire();
    if (!c.ok()) return respond(http::ErrorResponse(c.error()));
    auto event = CreateEvent(**c, *input, clock.Now());
    if (!event.ok()) return respond(http::ErrorResponse(event.error()));
    respond(http::JsonResponse(201, EventToJson(*event)));
  });
}

}  // namespace ks::analytics
