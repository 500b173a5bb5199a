// The administrator's pages (Action::kManage…, kViewAuditLog — admin only): users with "invite a
// colleague", API keys, organisation settings, the audit log and the e-mail outbox. Every change writes an audit entry
// in the same transaction. Units have their page in customers/unit_pages.h (customers owns units).
#pragma once

#include "accounts/web_auth.h"
#include "base/clock.h"
#include "http/router.h"

namespace ks {

void AddUserAdminPages(http::Router& router, WebAuth& auth, const Clock& clock);
void AddApiKeyPages(http::Router& router, WebAuth& auth, const Clock& clock);
void AddSettingsPages(http::Router& router, WebAuth& auth, const Clock& clock);
void AddAuditPages(http::Router& router, WebAuth& auth);
void AddOutboxPages(http::Router& router, WebAuth& auth);
// /admin/webhooks: outgoing webhook endpoints and their recent deliveries (notify/webhooks.h).
void AddWebhookPages(http::Router& router, WebAuth& auth, const Clock& clock);

// All of the above.
inline void AddAdminPages(http::Router& router, WebAuth& auth, const Clock& clock) {
  AddUserAdminPages(router, auth, clock);
  AddApiKeyPages(router, auth, clock);
  AddSettingsPages(router, auth, clock);
  AddAuditPages(router, auth);
  AddOutboxPages(router, auth);
  AddWebhookPages(router, auth, clock);
}

}  // namespace ks
