// /admin/case-rules: the rules that open cases and the business calendar of the SLA clock, edited as JSON
// (case_rules.h and sla_clock.h describe the forms), with a preview of what each rule would have opened
// over the last 30 days before anything is saved. Every save is a new revision, audited. Admins only
// (Action::kManageSettings).
#pragma once

#include "accounts/web_auth.h"
#include "http/router.h"

namespace ks::cases {

void AddCaseRulesPages(http::Router& router, WebAuth& auth, const Clock& clock);

}  // namespace ks::cases
