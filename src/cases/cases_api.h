// The /api/v1/cases routes (documented in app/openapi.json):
//   GET  /api/v1/cases             list with filters status (open|closed|all; open unless a state is given),
//                                  state, priority, unit (a code; the units below it too, as in
//                                  /api/v1/feedback), owner (e-mail), overdue (true|false), limit (1..1000)
//                                  and offset; {"items":[…],"total":N}, most urgent first
//   GET  /api/v1/cases/counts      open and overdue cases per unit and per owner (what everybody sees)
//   GET  /api/v1/cases/{id}        one case with its feedback ids ("items") and timeline ("events")
//   POST /api/v1/cases/{id}/steps  one step of working it (note, call, email, start_work, resolve, close,
//                                  reopen, assign); answers the case afterwards
// Reading needs the scope feedback:read, steps feedback:write. An API key works a case like an admin (it
// reaches every case) and is named on the timeline as "API key <name>". Errors follow the API's mapping:
// 400 naming the field, 404 for an unknown case, 409 when the case changed meanwhile.
#pragma once

#include "accounts/api_keys.h"
#include "cases/case_service.h"
#include "db/connection_pool.h"
#include "http/router.h"

namespace ks::cases {

// Registers the routes; the referenced objects must outlive the router. Thread-safe once registered.
void AddCaseRoutes(http::Router& router, CaseService& service, db::ConnectionPool& pool,
                   ApiKeyAuthenticator& authenticator, const Clock& clock);

}  // namespace ks::cases
