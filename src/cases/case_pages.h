// The case pages: /cases (the owners' inbox as a list or a board, with the open and overdue counts per
// unit and owner that everybody sees) and /cases/{id} (one case: the customer's words, history and the
// steps of working it).
#pragma once

#include <vector>

#include "accounts/web_auth.h"
#include "base/embedded_file.h"
#include "cases/case_service.h"
#include "http/router.h"

namespace ks::cases {

// The pages' templates (cases/templates).
const std::vector<EmbeddedFile>& EmbeddedCaseTemplates();

void AddCasePages(http::Router& router, WebAuth& auth, CaseService& service, const Clock& clock);

}  // namespace ks::cases
