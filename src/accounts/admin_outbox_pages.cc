// /admin/outbox: the newest mails with their state (waiting, sent, given up) and the last error, so an
// administrator can see why an invitation did not arrive.
#include "accounts/admin_pages.h"
#include "notify/outbox.h"
#include "web/locale_format.h"

namespace ks {
namespace {

constexpr int kShown = 200;

http::Response OutboxPage(WebAuth& auth, WebRequest& r) {
  auto c = auth.pool().Acquire();
  auto mails = c.ok() ? notify::ListOutbox(**c, kShown) : Result<std::vector<notify::OutboxEntry>>(c.error());
  if (!mails.ok()) {
    return auth.Unavailable(r);
  }
  mstch::array rows;
  for (const auto& m : *mails) {
    std::string state;
    if (m.sent_at) {
      state = r.messages.Format("mail_sent", {web::FormatDateTime(*m.sent_at, r.zone, r.language())});
    } else if (m.failed_at) {
      state = r.messages.Format("mail_failed", {web::FormatDateTime(*m.failed_at, r.zone, r.language())});
    } else {
      state = r.messages.Format(
          "mail_waiting", {std::to_string(m.attempts), web::FormatDateTime(m.next_attempt_at, r.zone, r.language())});
    }
    rows.push_back(mstch::map{{"created", web::FormatDateTime(m.created_at, r.zone, r.language())},
                              {"kind", m.mail.kind},
                              {"to", m.mail.to_address},
                              {"subject", m.mail.subject},
                              {"state", state},
                              {"failed", m.failed_at.has_value()},
                              {"error", m.last_error}});
  }
  return auth.Render(r, r.T("nav_outbox"), "admin_outbox", {{"mails", rows}, {"has_mails", !rows.empty()}});
}

}  // namespace

void AddOutboxPages(http::Router& router, WebAuth& auth) {
  router.Add("GET", "/admin/outbox",
             auth.Page([&auth](WebRequest& r) { return OutboxPage(auth, r); }, Action::kManageSettings));
}

}  // namespace ks
