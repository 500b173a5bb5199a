// The pages of one's own account: log in, log out, accept an invitation (set a password), forgot
// password / reset it, and "my account" (language, password). Thread-safe.
#pragma once

#include <vector>

#include "accounts/login_throttle.h"
#include "accounts/web_auth.h"
#include "base/clock.h"
#include "base/embedded_file.h"
#include "http/router.h"

namespace ks {

// The templates of the account and admin pages (accounts/templates), for web::Templates.
const std::vector<EmbeddedFile>& EmbeddedAccountTemplates();

void AddAccountPages(http::Router& router, WebAuth& auth, LoginThrottle& throttle, const Clock& clock);

}  // namespace ks
