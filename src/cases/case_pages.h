// The case pages (issue 7 §2 and §8), for every logged-in user:
//   GET  /cases                      the owners' inbox as a list or a board (?view=board), most urgent
//                                    deadline first, filtered in the URL (status, state, priority, unit,
//                                    owner=mine, overdue=1; limit and offset page it), under the open and
//                                    overdue counts per unit and per owner that everybody sees;
//   GET  /cases/{id}                 one case: the customer (as far as the viewer may see them) and their
//                                    consent, deadlines, escalation, the feedback items, the timeline, and
//                                    the forms of the steps its state allows;
//   POST /cases/{id}/{step}          a step (note, call, email, start_work, resolve, close, reopen, assign)
//                                    through CaseService::Take, then 303 back to the case; a refused step
//                                    shows the case again with the reason at its form (400), or 409 when
//                                    the case changed since the form was shown (the form's "version");
//   GET  /cases/feedback/{id}        303 to the case holding that feedback item (the links in mails).
// A case the viewer may not see (CanSeeCase) is a 404, the same as one that does not exist.
#pragma once

#include <vector>

#include "accounts/web_auth.h"
#include "base/embedded_file.h"
#include "cases/case_service.h"
#include "http/router.h"

namespace ks::cases {

// The pages' templates (cases/templates).
const std::vector<EmbeddedFile>& EmbeddedCaseTemplates();

// Registers the routes above; register /cases/<word> pages of other features before these, since
// /cases/{id} would match them first. The referenced objects must outlive the router.
void AddCasePages(http::Router& router, WebAuth& auth, CaseService& service, const Clock& clock);
// GET /cases alone (case_list_page.cc); AddCasePages registers it.
void AddCaseListPage(http::Router& router, WebAuth& auth, const Clock& clock);

}  // namespace ks::cases
