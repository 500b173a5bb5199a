// /admin/api-keys: list, create (the key is shown once), revoke.
#include <algorithm>

#include "accounts/admin_pages.h"
#include "accounts/api_keys.h"
#include "accounts/audit_log.h"
#include "web/forms.h"
#include "web/locale_format.h"

namespace ks {
namespace {

class ApiKeyPages {
 public:
  ApiKeyPages(WebAuth& auth, const Clock& clock) : auth_(auth), clock_(clock) {}

  http::Response List(WebRequest& r, const std::string& created_key, const std::string& error, int status) {
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto keys = ListApiKeys(**c);
    if (!keys.ok()) return auth_.Unavailable(r);
    mstch::array rows;
    for (const auto& key : *keys) {
      std::string scopes;
      for (const auto& s : key.scopes) scopes += (scopes.empty() ? "" : ", ") + s;
      rows.push_back(mstch::map{
          {"id", std::to_string(key.id)},
          {"name", key.name},
          {"prefix", key.prefix},
          {"scopes", scopes},
          {"created", web::FormatDate(key.created_at, r.zone, r.language())},
          {"revoked", key.revoked_at ? web::FormatDate(*key.revoked_at, r.zone, r.language()) : std::string()}});
    }
    mstch::array scopes;
    for (std::string_view scope : kScopes) {
      std::string key = "scope_" + std::string(scope);
      std::replace(key.begin(), key.end(), ':', '_');
      scopes.push_back(
          mstch::map{{"value", std::string(scope)}, {"label", r.T(key)}, {"checked", scope == "feedback:write"}});
    }
    return auth_.Render(r, r.T("nav_api_keys"), "admin_api_keys",
                        {{"keys", rows},
                         {"scopes", scopes},
                         {"created_key", created_key},
                         {"message", r.http.Query("revoked") ? r.T("key_revoked") : std::string()},
                         {"error", error},
                         {"has_error", !error.empty()}},
                        status);
  }

  http::Response Create(WebRequest& r) {
    std::string scope_list;
    for (auto [it, end] = r.form.equal_range("scope"); it != end; ++it) scope_list += it->second + ",";
    auto scopes = ParseScopes(scope_list);
    if (!scopes.ok()) return List(r, "", scopes.error().message, 400);
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    const Micros now = clock_.Now();
    if (!(*c)->BeginWrite().ok()) return auth_.Unavailable(r);
    auto created = CreateApiKey(**c, web::FormValue(r.form, "name"), *scopes, now);
    auto audited = created.ok() ? Audit(**c, {0, now, r.session->user.email, "apikey.created",
                                              "ks_" + created->key.prefix + " (" + created->key.name + ")",
                                              scope_list.substr(0, scope_list.size() - 1), r.http.remote_ip})
                                : Result<void>(created.error());
    if (!audited.ok() || !(*c)->Commit().ok()) {
      (void)(*c)->Rollback();
      return List(r, "", audited.ok() ? r.T("database_unavailable") : audited.error().message, 400);
    }
    // Shown on this response only; never stored in plain text, never shown again.
    return List(r, created->secret, "", 201);
  }

  http::Response Revoke(WebRequest& r) {
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    const Micros now = clock_.Now();
    if (!(*c)->BeginWrite().ok()) return auth_.Unavailable(r);
    auto revoked = RevokeApiKey(**c, r.http.path_params.at("id"), now);
    auto audited = revoked.ok()
                       ? Audit(**c, {0, now, r.session->user.email, "apikey.revoked",
                                     "ks_" + revoked->prefix + " (" + revoked->name + ")", "", r.http.remote_ip})
                       : Result<void>(revoked.error());
    if (!audited.ok() || !(*c)->Commit().ok()) {
      (void)(*c)->Rollback();
      return List(r, "", audited.ok() ? r.T("database_unavailable") : audited.error().message, 404);
    }
    return web::Redirect(r.http, "/admin/api-keys?revoked=1");
  }

 private:
  WebAuth& auth_;
  const Clock& clock_;
};

}  // namespace

void AddApiKeyPages(http::Router& router, WebAuth& auth, const Clock& clock) {
  auto pages = std::make_shared<ApiKeyPages>(auth, clock);
  router.Add("GET", "/admin/api-keys",
             auth.Page([pages](WebRequest& r) { return pages->List(r, "", "", 200); }, Action::kManageApiKeys));
  router.Add("POST", "/admin/api-keys",
             auth.Page([pages](WebRequest& r) { return pages->Create(r); }, Action::kManageApiKeys));
  router.Add("POST", "/admin/api-keys/{id}/revoke",
             auth.Page([pages](WebRequest& r) { return pages->Revoke(r); }, Action::kManageApiKeys));
}

}  // namespace ks
