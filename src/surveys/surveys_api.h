// The /api/v1 routes of continuous listening:
//   POST /api/v1/touchpoints                 record a customer contact (schedules invitations)
//   GET|POST /api/v1/surveys, GET|PUT /api/v1/surveys/{slug}   survey definitions as JSON
//   GET /api/v1/invitations?customer=REF     a customer's invitations, with skip reasons
//   GET /api/v1/invitations/report?from&to&survey   response rates per survey, channel, unit and week
// Reading needs feedback:read, touchpoints feedback:write, changing surveys admin.
#pragma once

#include "accounts/api_keys.h"
#include "http/router.h"
#include "surveys/touchpoint_service.h"

namespace ks::surveys {

void AddSurveyRoutes(http::Router& router, TouchpointService& touchpoints, db::ConnectionPool& pool,
                     ApiKeyAuthenticator& authenticator, const Clock& clock);

// The report's period from query parameters from/to (RFC 3339; default: the last 12 weeks and what is
// scheduled for the next two).
Result<std::pair<Micros, Micros>> ReportPeriod(const std::multimap<std::string, std::string>& query, Micros now);

}  // namespace ks::surveys
