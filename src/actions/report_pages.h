// The employee report on a phone (issue 8 §1), for every signed-in user:
//   GET  /report                      the form: who the customer is (a name typed, or a known customer
//                                     picked from the suggestions), what they said, problem / idea /
//                                     praise, and whether they agreed to be contacted; the form says the
//                                     reporter is not responsible for what the customer said;
//   GET  /report/customers?q=…        the suggestions (htmx): known customers whose name contains q, for
//                                     those who may see customers' names; nothing for the others;
//   POST /report                      stores the report as a feedback item (employee_report.h) through the
//                                     ingestion path, then 303 to /report?sent=ID ("passed on", and a fresh
//                                     form for the next one); a refused report shows the form again with
//                                     what was typed and the reason at its field (400). A form sent twice
//                                     (a double tap) stores one item: each form carries its own key.
#pragma once

#include "accounts/web_auth.h"
#include "base/embedded_file.h"
#include "feedback/feedback_service.h"
#include "http/router.h"

namespace ks::actions {

// The pages' templates (actions/templates).
const std::vector<EmbeddedFile>& EmbeddedActionTemplates();

void AddReportPages(http::Router& router, WebAuth& auth, FeedbackService& feedback, const Clock& clock);

}  // namespace ks::actions
