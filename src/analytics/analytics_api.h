// The /api/v1/analytics routes: GET /api/v1/analytics/summary (scope feedback:read), with the query
// parameters of analytics_service.h.
#pragma once

#include "accounts/api_keys.h"
#include "analytics/analytics_service.h"
#include "http/router.h"

namespace ks::analytics {

// Registers the routes; the referenced objects must outlive the router.
void AddAnalyticsRoutes(http::Router& router, AnalyticsService& service, ApiKeyAuthenticator& authenticator);

}  // namespace ks::analytics
