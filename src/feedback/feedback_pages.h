// The web pages of feedback: the inbox (newest first, filters kept in the URL, htmx "load more") and
// the page of one item. What a user sees is decided by the permission policy: managers see their own
// units, customer names and reporters only where allowed. The customer page (customer_page.cc) lives
// here too because it lists feedback (customers/ sits below feedback/ in the dependency order).
#pragma once

#include <functional>
#include <vector>

#include "accounts/web_auth.h"
#include "base/embedded_file.h"
#include "http/router.h"
#include "text/analyzer.h"

namespace ks {

// `analyzer` names the topics of its current taxonomy.
void AddFeedbackPages(http::Router& router, WebAuth& auth, const text::TextAnalyzer& analyzer);
// The templates of these pages (feedback/templates), for web::Templates.
const std::vector<EmbeddedFile>& EmbeddedFeedbackTemplates();
// A section that a later feature adds to the customer page (invitations, cases): HTML rendered by
// that feature for the customer `external_ref`, or empty to show nothing.
using CustomerSection = std::function<std::string(const WebRequest& request, const std::string& external_ref)>;
void AddCustomerPage(http::Router& router, WebAuth& auth, const text::TextAnalyzer& analyzer,
                     std::vector<CustomerSection> sections = {});

}  // namespace ks
