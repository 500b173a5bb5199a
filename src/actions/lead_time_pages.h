// Lead times of feeding back (issue 8 §8, definitions in lead_times.h), visible to all employees:
//   GET /actions/lead-times          the page, for every signed-in user: a table per unit or month of the
//                                    items, how many were decided and told, the share told a decision
//                                    (95% interval), and the median and 90th percentile days to decision
//                                    and to informed, with the total;
//   GET /api/v1/actions/lead-times   the same as JSON, for an API key with scope feedback:read.
// Both read from and to (YYYY-MM-DD, local days in the organisation's time zone, both included; default
// the last 12 months: from the first day of the month 11 months back to today) and group (unit or month;
// default month). Only units and months are grouped — never reporters or employees, and the groups are
// in order of their key, not ranked.
#pragma once

#include <map>
#include <string>

#include "accounts/api_keys.h"
#include "accounts/web_auth.h"
#include "actions/lead_times.h"
#include "http/router.h"

namespace ks::actions {

struct LeadTimeQuery {
  LocalDate from, to;  // local days, both included
  Micros from_at = 0;  // local midnight starting `from`
  Micros to_at = 0;    // local midnight after `to` (exclusive)
  LeadTimeGrouping grouping = LeadTimeGrouping::kMonth;
};

// The query above at `now` in `zone`; kInvalidArgument naming the parameter (from, to, group).
Result<LeadTimeQuery> ParseLeadTimeQuery(const std::multimap<std::string, std::string>& query, Micros now,
                                         const TimeZone& zone);

// Adds the page and the API route. Add them before any /actions/{id} or /api/v1/actions/{id} route:
// "lead-times" is not an action id.
void AddLeadTimePages(http::Router& router, WebAuth& auth, ApiKeyAuthenticator& authenticator, const Clock& clock);

}  // namespace ks::actions
