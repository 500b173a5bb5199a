// The /api/v1/actions routes (issue 8 §5–§6; documented in app/openapi.json):
//   GET    /api/v1/actions                        plans, most recently changed first; filters status
//                                                 (proposed|decided|in_progress|done), unit (a code, that unit
//                                                 only) and limit (1..1000); {"items":[plan…]}
//   GET    /api/v1/actions/feed                   "you said, we did": decisions and completions at or after
//                                                 since (RFC 3339; default all), newest first, limit (1..1000)
//   GET    /api/v1/actions/{id}                   one plan with its linked feedback ("items": id, source,
//                                                 text, received_at and per milestone how the customer was
//                                                 told — never who reported an item) and "timeline"
//   POST   /api/v1/actions                        a new plan (title, description, owner_user_id, unit,
//                                                 due_date, feedback_ids); 201
//   PATCH  /api/v1/actions/{id}                   edits the fields given (feedback_ids are linked below)
//   POST   /api/v1/actions/{id}/items             links {"feedback_ids":[…]}
//   DELETE /api/v1/actions/{id}/items/{feedback_id} unlinks one item
//   POST   /api/v1/actions/{id}/decision          {"decision":"do|not_now|wont","reason":"…"}, told to customers
//   POST   /api/v1/actions/{id}/start             work starts (only after "do")
//   POST   /api/v1/actions/{id}/finish            {"note":"…"} optional; told to customers
//   POST   /api/v1/actions/{id}/notes             {"text":"…"}
// Every write answers the plan as GET /api/v1/actions/{id} does. Reading needs the scope feedback:read,
// writing feedback:write (as working cases does). An API key works a plan like an admin and is named on
// the timeline as "API key <name>". Errors follow the API's mapping: 400 naming the field (unknown fields
// are refused too, to catch typos), 404 for an unknown plan, 409 when an item is linked to another plan
// or the plan changed meanwhile.
#pragma once

#include "accounts/api_keys.h"
#include "actions/action_service.h"
#include "db/connection_pool.h"
#include "http/router.h"

namespace ks::actions {

// Registers the routes; the referenced objects must outlive the router. Add them after
// AddLeadTimePages: "lead-times" is not an action id. Thread-safe once registered.
void AddActionRoutes(http::Router& router, db::ConnectionPool& pool, ApiKeyAuthenticator& authenticator,
                     ActionService& service);

}  // namespace ks::actions
