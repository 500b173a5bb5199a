// /admin/users: everyone with their role, unit and state; invite a colleague; change a role or unit;
// disable or enable; resend an invitation.

#include "accounts/admin_pages.h"
#include "accounts/audit_log.h"
#include "accounts/invitations.h"
#include "accounts/user_store.h"
#include "base/strings.h"
#include "web/forms.h"

namespace ks {
namespace {

class UserAdminPages {
 public:
  UserAdminPages(WebAuth& auth, const Clock& clock) : auth_(auth), clock_(clock) {}

  http::Response List(WebRequest& r, const std::string& message, const std::string& error, int status) {
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto users = ListUsers(**c);
    auto units = (*c)->Query("SELECT id, code, name FROM units ORDER BY name");
    if (!users.ok() || !units.ok()) return auth_.Unavailable(r);
    std::map<std::int64_t, std::pair<std::string, std::string>> unit_by_id;
    for (const auto& u : units->rows) unit_by_id[db::AsInt(u[0])] = {db::AsText(u[1]), db::AsText(u[2])};
    mstch::array rows;
    for (const auto& user : *users) {
      mstch::array role_options, unit_options;
      for (Role role : kAllRoles) {
        role_options.push_back(mstch::map{{"value", std::string(RoleName(role))},
                                          {"label", r.T("role_" + std::string(RoleName(role)))},
                                          {"selected", role == user.role}});
      }
      for (const auto& [id, unit] : unit_by_id) {
        unit_options.push_back(
            mstch::map{{"value", unit.first}, {"label", unit.second}, {"selected", user.unit_id == id}});
      }
      rows.push_back(mstch::map{{"id", std::to_string(user.id)},
                                {"name", user.name},
                                {"email", user.email},
                                {"roles", role_options},
                                {"units", unit_options},
                                {"active", user.active},
                                {"invited", !user.has_password},
                                {"state", r.T(!user.active        ? "user_disabled"
                                              : user.has_password ? "user_active"
                                                                  : "user_invited")},
                                {"self", user.id == r.session->user.id}});
    }
    mstch::array invite_roles, invite_units;
    for (Role role : kAllRoles) {
      invite_roles.push_back(mstch::map{{"value", std::string(RoleName(role))},
                                        {"label", r.T("role_" + std::string(RoleName(role)))},
                                        {"selected", role == Role::kEmployee}});
    }
    for (const auto& [id, unit] : unit_by_id) {
      invite_units.push_back(mstch::map{{"value", unit.first}, {"label", unit.second}, {"selected", false}});
    }
    return auth_.Render(r, r.T("nav_users"), "admin_users",
                        {{"users", rows},
                         {"invite_roles", invite_roles},
                         {"invite_units", invite_units},
                         {"message", message},
                         {"error", error},
                         {"has_error", !error.empty()},
                         {"form_email", web::FormValue(r.form, "email")},
                         {"form_name", web::FormValue(r.form, "name")}},
                        status);
  }

  http::Response Invite(WebRequest& r) {
    const Micros now = clock_.Now();
    NewUser user;
    user.email = web::FormValue(r.form, "email");
    user.name = web::FormValue(r.form, "name");
    user.language = web::FormValue(r.form, "language");
    user.unit_code = web::FormValue(r.form, "unit");
    auto role = ParseRole(web::FormValue(r.form, "role"));
    if (!role.ok()) return List(r, "", FieldError(r, role.error()), 400);
    user.role = *role;
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    if (auto begun = (*c)->BeginWrite(); !begun.ok()) return auth_.Unavailable(r);
    auto created = CreateUser(**c, user, now);
    auto invitation = created.ok()
                          ? InviteStatements(*created, r.session->user.name, r.settings.name, auth_.BaseUrl(r.http),
                                             r.session->user.email, r.http.remote_ip, now)
                          : Result<Invitation>(created.error());
    auto written =
        invitation.ok() ? (*c)->QueryBatch(invitation->statements) : Result<std::vector<db::Rows>>(invitation.error());
    if (!written.ok() || !(*c)->Commit().ok()) {
      (void)(*c)->Rollback();
      return List(r, "", FieldError(r, written.ok() ? Error::Unavailable("commit failed") : written.error()), 400);
    }
    return web::Redirect(r.http, "/admin/users?invited=" + web::UrlEncode(created->email));
  }

  // Role, unit and active state changes of one user (one form per row).
  http::Response Change(WebRequest& r) {
    const Micros now = clock_.Now();
    const auto id = ParseId(r.http.path_params.at("id"));
    if (!id) return auth_.NotFound(r);
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto before = GetUser(**c, *id);
    if (!before.ok()) return auth_.NotFound(r);
    const std::string action = web::FormValue(r.form, "action");
    const bool self = *id == r.session->user.id;
    UserChange change;
    std::string audit_action, detail;
    if (action == "role") {
      auto role = ParseRole(web::FormValue(r.form, "role"));
      if (!role.ok()) return List(r, "", FieldError(r, role.error()), 400);
      if (self && *role != Role::kAdmin) return List(r, "", r.T("cannot_demote_self"), 400);
      change.role = *role;
      audit_action = "user.role_changed";
      detail = std::string(RoleName(before->role)) + " → " + std::string(RoleName(*role));
    } else if (action == "unit") {
      change.unit_code = web::FormValue(r.form, "unit");
      audit_action = "user.unit_changed";
      detail = change.unit_code->empty() ? "no unit" : *change.unit_code;
    } else if (action == "disable" || action == "enable") {
      if (self) return List(r, "", r.T("cannot_disable_self"), 400);
      change.active = action == "enable";
      audit_action = action == "enable" ? "user.enabled" : "user.disabled";
    } else if (action == "resend") {
      if (before->has_password || !before->active) return List(r, "", r.T("resend_only_invited"), 400);
      auto invitation = InviteStatements(*before, r.session->user.name, r.settings.name, auth_.BaseUrl(r.http),
                                         r.session->user.email, r.http.remote_ip, now);
      if (!invitation.ok() || !(*c)->Transact(invitation->statements).ok()) return auth_.Unavailable(r);
      return web::Redirect(r.http, "/admin/users?invited=" + web::UrlEncode(before->email));
    } else {
      return List(r, "", r.T("unknown_action"), 400);
    }
    if (auto begun = (*c)->BeginWrite(); !begun.ok()) return auth_.Unavailable(r);
    auto updated = UpdateUserInTransaction(**c, *id, change, now);
    auto audited =
        updated.ok()
            ? Audit(**c, {0, now, r.session->user.email, audit_action, before->email, detail, r.http.remote_ip})
            : Result<void>(updated.error());
    if (!audited.ok() || !(*c)->Commit().ok()) {
      (void)(*c)->Rollback();
      return List(r, "", FieldError(r, audited.ok() ? Error::Unavailable("commit failed") : audited.error()), 400);
    }
    return web::Redirect(r.http, "/admin/users?changed=" + web::UrlEncode(before->email));
  }

 private:
  std::string FieldError(const WebRequest& r, const Error& e) {
    return e.field.empty() ? e.message : r.T("field_" + e.field) + ": " + e.message;
  }
  WebAuth& auth_;
  const Clock& clock_;
};

}  // namespace

void AddUserAdminPages(http::Router& router, WebAuth& auth, const Clock& clock) {
  auto pages = std::make_shared<UserAdminPages>(auth, clock);
  router.Add("GET", "/admin/users",
             auth.Page(
                 [pages](WebRequest& r) {
                   std::string message;
                   if (auto who = r.http.Query("invited")) {
                     message = r.messages.Format("user_invited_notice", {*who});
                   } else if (auto changed = r.http.Query("changed")) {
                     message = r.messages.Format("user_changed", {*changed});
                   }
                   return pages->List(r, message, "", 200);
                 },
                 Action::kManageUsers));
  router.Add("POST", "/admin/users",
             auth.Page([pages](WebRequest& r) { return pages->Invite(r); }, Action::kManageUsers));
  router.Add("POST", "/admin/users/{id}",
             auth.Page([pages](WebRequest& r) { return pages->Change(r); }, Action::kManageUsers));
}

}  // namespace ks
