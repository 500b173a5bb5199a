// The pages of action plans (issue 8 §5–§6), for every signed-in user (everyone reads the plans and the
// feed; coordinators and admins create, link and decide; the owner works on a plan):
//   GET  /actions                 the plans by status, the reader's own tasks to tell a customer in
//                                 person, and (coordinators) the form for a new plan;
//   POST /actions                 creates a plan, then 303 to it;
//   GET  /actions/feed            "you said, we did": every decision and completion, newest first;
//   GET  /actions/{id}            a plan: facts, decision, the linked feedback and who of its customers
//                                 was told, the timeline, the forms the reader may use, and once done
//                                 its effect: before/after its completion for its unit and topics;
//   POST /actions/{id}/{decide|start|finish|note|edit|unlink|told}
//                                 one step (action_service.h), then 303 back to the plan; a refused step
//                                 shows the plan again with the reason (400, 403, 404 or 409).
// Customer names and reporters follow the permission policy through FeedbackView.
#pragma once

#include "accounts/web_auth.h"
#include "actions/action_service.h"
#include "analytics/analytics_service.h"
#include "http/router.h"
#include "text/analyzer.h"

namespace ks::actions {

// `analytics` measures a finished plan's effect (action_effect.h); `analyzer` names its topics.
void AddActionPages(http::Router& router, WebAuth& auth, ActionService& service, analytics::AnalyticsService& analytics,
                    const text::TextAnalyzer& analyzer);

}  // namespace ks::actions
