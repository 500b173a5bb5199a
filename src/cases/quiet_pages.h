// /cases/quiet: the "call them" list of customers who have gone quiet (quiet_customers.h), with links to
// their history. Whoever may see customers' identities (Action::kViewCustomerIdentity) sees it; managers
// only the customers whose latest feedback was about one of their units.
#pragma once

#include "accounts/web_auth.h"
#include "http/router.h"

namespace ks::cases {

void AddQuietPage(http::Router& router, WebAuth& auth, const Clock& clock);

}  // namespace ks::cases
