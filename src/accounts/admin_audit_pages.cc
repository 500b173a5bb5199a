// /admin/audit: the audit log, newest first, filtered by kind of action, paged by "older".
#include <charconv>

#include "accounts/admin_pages.h"
#include "accounts/audit_log.h"
#include "web/forms.h"
#include "web/locale_format.h"

namespace ks {
namespace {

constexpr int kPageSize = 100;
constexpr const char* kPrefixes[] = {"",        "login.",    "logout", "user.",  "invite.", "password.",
                                     "apikey.", "settings.", "unit.",  "export", "erase"};

http::Response AuditPage(WebAuth& auth, WebRequest& r) {
  const std::string prefix = r.http.Query("action").value_or("");
  if (std::find(std::begin(kPrefixes), std::end(kPrefixes), prefix) == std::end(kPrefixes)) return auth.NotFound(r);
  std::int64_t before = 0;
  const std::string before_text = r.http.Query("before").value_or("");
  if (!before_text.empty()) {
    const auto [end, ec] = std::from_chars(before_text.data(), before_text.data() + before_text.size(), before);
    if (ec != std::errc() || end != before_text.data() + before_text.size() || before <= 0) return auth.NotFound(r);
  }
  auto c = auth.pool().Acquire();
  auto entries = c.ok() ? ListAudit(**c, prefix, before, kPageSize) : Result<std::vector<AuditEntry>>(c.error());
  if (!entries.ok()) {
    return auth.Unavailable(r);
  }
  mstch::array rows, prefixes;
  for (const auto& e : *entries) {
    rows.push_back(mstch::map{{"at", web::FormatDateTime(e.at, r.zone, r.language())},
                              {"actor", e.actor},
                              {"action", e.action},
                              {"target", e.target},
                              {"detail", e.detail},
                              {"ip", e.ip}});
  }
  for (const char* p : kPrefixes) {
    prefixes.push_back(mstch::map{
        {"value", std::string(p)}, {"label", *p == '\0' ? r.T("all") : std::string(p)}, {"selected", prefix == p}});
  }
  std::string older;
  if (static_cast<int>(entries->size()) == kPageSize) {
    older = "/admin/audit?action=" + web::UrlEncode(prefix) + "&before=" + std::to_string(entries->back().id);
  }
  return auth.Render(
      r, r.T("nav_audit"), "admin_audit",
      {{"entries", rows}, {"has_entries", !rows.empty()}, {"prefixes", prefixes}, {"older_href", older}});
}

}  // namespace

void AddAuditPages(http::Router& router, WebAuth& auth) {
  router.Add("GET", "/admin/audit",
             auth.Page([&auth](WebRequest& r) { return AuditPage(auth, r); }, Action::kViewAuditLog));
}

}  // namespace ks
