#include "analytics/analytics_api.h"

#include "accounts/api_auth.h"
#include "analytics/summary_json.h"

namespace ks::analytics {

void AddAnalyticsRoutes(http::Router& router, AnalyticsService& service, ApiKeyAuthenticator& authenticator) {
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
}

}  // namespace ks::analytics
