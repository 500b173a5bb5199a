#include "app/user_commands.h"

#include <fmt/format.h>

#include <iostream>

#include "accounts/audit_log.h"
#include "accounts/invitations.h"
#include "accounts/organisation_settings.h"
#include "accounts/passwords.h"
#include "app/command_support.h"
#include "db/transaction.h"

namespace ks {
int UserAddCommand(const std::string& db_url, const UserAddOptions& options, std::istream& in) {
  std::string password;
  if (options.password_from_stdin) {
    std::getline(in, password);
    if (!password.empty() && password.back() == '\r') password.pop_back();
    if (auto ok = CheckNewPassword(password, options.user.email, options.user.name); !ok.ok()) return Fail(ok.error());
  }
  auto opened = Open(db_url);
  if (!opened.ok()) return Fail(opened.error());
  db::Connection& c = *opened->second;
  const Micros now = SystemClock().Now();
  std::string link;
  auto done = db::InWriteTransaction(c, [&]() -> Result<void> {
    KS_ASSIGN_OR_RETURN(User user, CreateUser(c, options.user, now));
    if (options.password_from_stdin) {
      KS_ASSIGN_OR_RETURN(std::string hash, HashPassword(password));
      KS_RETURN_IF_ERROR(
          c.Exec("UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3", {hash, now, user.id}));
      return Audit(c, {0, now, "cli", "user.created", user.email, std::string(RoleName(user.role)), ""});
    }
    KS_ASSIGN_OR_RETURN(OrganisationSettings settings, LoadSettings(c));
    KS_ASSIGN_OR_RETURN(Invitation invitation,
                        InviteStatements(user, settings.name, settings.name, options.base_url, "cli", "", now));
    link = invitation.link;
    KS_RETURN_IF_ERROR(c.QueryBatch(invitation.statements));
    return Ok();
  });
  if (!done.ok()) return Fail(done.error());
  if (link.empty()) {
    std::cerr << "added " << options.user.email << " (" << RoleName(options.user.role) << "); they can log in now\n";
  } else {
    std::cerr << "added " << options.user.email << " (" << RoleName(options.user.role)
              << "); the invitation mail waits in the outbox. The link (valid 7 days, once):\n";
    std::cout << link << "\n";
  }
  return 0;
}

int UserListCommand(const std::string& db_url) {
  auto opened = Open(db_url);
  if (!opened.ok()) return Fail(opened.error());
  auto users = ListUsers(*opened->second);
  if (!users.ok()) return Fail(users.error());
  std::cout << fmt::format("{:<40} {:<28} {:<12} {:<8} {}\n", "email", "name", "role", "state", "unit");
  for (const auto& u : *users) {
    std::string unit;
    if (u.unit_id) {
      auto rows = opened->second->Query("SELECT code FROM units WHERE id = $1", {*u.unit_id});
      if (rows.ok() && !rows->empty()) unit = db::AsText(rows->rows[0][0]);
    }
    std::cout << fmt::format("{:<40} {:<28} {:<12} {:<8} {}\n", u.email, u.name, RoleName(u.role),
                             !u.active        ? "disabled"
                             : u.has_password ? "active"
                                              : "invited",
                             unit);
  }
  return 0;
}

int UserDisableCommand(const std::string& db_url, const std::string& email) {
  auto opened = Open(db_url);
  if (!opened.ok()) return Fail(opened.error());
  db::Connection& c = *opened->second;
  const Micros now = SystemClock().Now();
  auto done = db::InWriteTransaction(c, [&]() -> Result<void> {
    KS_ASSIGN_OR_RETURN(User user, GetUserByEmail(c, email));
    UserChange change;
    change.active = false;
    KS_RETURN_IF_ERROR(UpdateUserInTransaction(c, user.id, change, now));
    return Audit(c, {0, now, "cli", "user.disabled", user.email, "sessions ended", ""});
  });
  if (!done.ok()) return Fail(done.error());
  std::cerr << "disabled " << email << "; their sessions have ended\n";
  return 0;
}

int UserSetRoleCommand(const std::string& db_url, const std::string& email, const std::string& role_name) {
  auto role = ParseRole(role_name);
  if (!role.ok()) return Fail(role.error());
  auto opened = Open(db_url);
  if (!opened.ok()) return Fail(opened.error());
  db::Connection& c = *opened->second;
  const Micros now = SystemClock().Now();
  auto done = db::InWriteTransaction(c, [&]() -> Result<void> {
    KS_ASSIGN_OR_RETURN(User user, GetUserByEmail(c, email));
    UserChange change;
    change.role = *role;
    KS_RETURN_IF_ERROR(UpdateUserInTransaction(c, user.id, change, now));
    return Audit(c, {0, now, "cli", "user.role_changed", user.email,
                     fmt::format("{} → {}", RoleName(user.role), RoleName(*role)), ""});
  });
  if (!done.ok()) return Fail(done.error());
  std::cerr << email << " is now " << role_name << "\n";
  return 0;
}

}  // namespace ks
