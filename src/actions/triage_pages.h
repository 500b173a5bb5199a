// Coordinator triage in the browser (issue 8 §4), for those who may manage actions (admins and
// coordinators; everyone else gets the 403 page):
//   GET  /actions/triage   the queue of untriaged feedback, newest first: each item's source, unit, date,
//                          score, an excerpt of its text and its themes, with a checkbox; filters for
//                          source, unit (with the units below it), theme and words (all in the URL); how
//                          many items wait, match, and were linked, closed and merged. Customer names only
//                          where the policy allows (Action::kViewCustomerIdentity), the reporter of an
//                          employee's item only through Action::kViewReporter.
//   POST /actions/triage   one operation on the checked items (`ids`, repeated): `op` = link (to plan
//                          `action_id`), create (a new plan titled `title`, then 303 to /actions/{id}),
//                          close (with `reason`), merge (into item `into`), tag or untag (`theme`, comma-
//                          separated). Success: 303 back to the queue (same filters) with a notice of what
//                          happened; a refusal: the queue again with the reason (400, or 409 when an item
//                          is linked to another plan), the choices kept, and nothing changed.
// Register before the /actions/{id} pages: the router takes the first pattern that matches.
#pragma once

#include "accounts/web_auth.h"
#include "actions/action_service.h"
#include "db/connection_pool.h"
#include "http/router.h"

namespace ks::actions {

void AddTriagePages(http::Router& router, WebAuth& auth, db::ConnectionPool& pool, ActionService& actions,
                    const Clock& clock);

}  // namespace ks::actions
