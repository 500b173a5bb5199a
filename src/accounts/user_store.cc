#include "accounts/user_store.h"

#include <algorithm>

#include "base/strings.h"

namespace ks {
namespace {

constexpr std::string_view kColumns =
    "id, email, name, language, unit_id, role, active, password_hash IS NOT NULL, created_at";

User RowToUser(const std::vector<db::Value>& r) {
  User u;
  u.id = db::AsInt(r[0]);
  u.email = db::AsText(r[1]);
  u.name = db::AsText(r[2]);
  u.language = db::AsText(r[3]);
  if (!db::IsNull(r[4])) u.unit_id = db::AsInt(r[4]);
  u.role = ParseRole(db::AsText(r[5])).value_or(Role::kEmployee);
  u.active = db::AsInt(r[6]) != 0;
  u.has_password = db::AsInt(r[7]) != 0;
  u.created_at = db::AsInt(r[8]);
  return u;
}

Result<User> OneUser(db::Connection& c, const std::string& where, const std::vector<db::Value>& params,
                     const std::string& what) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT " + std::string(kColumns) + " FROM users WHERE " + where, params));
  if (rows.empty()) return Error::NotFound("no user " + what);
  return RowToUser(rows.rows[0]);
}

Result<void> CheckName(const std::string& name) {
  if (Trim(name).empty()) return Error::Invalid("name", "a user needs a name");
  if (!IsValidUtf8(name) || name.size() > 200) return Error::Invalid("name", "must be UTF-8 text of at most 200 bytes");
  return Ok();
}

Result<void> CheckLanguage(const std::string& language) {
  if (std::find(std::begin(kUiLanguages), std::end(kUiLanguages), language) == std::end(kUiLanguages)) {
    return Error::Invalid("language", "'" + language + "' is not a UI language (use nl or en)");
  }
  return Ok();
}

Result<db::Value> UnitIdFor(db::Connection& c, const std::string& code) {
  if (code.empty()) return db::Value(nullptr);
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT id FROM units WHERE code = $1", {code}));
  if (rows.empty()) return Error::Invalid("unit", "no unit with code '" + code + "'");
  return rows.rows[0][0];
}

}  // namespace

std::string_view RoleName(Role role) {
  switch (role) {
    case Role::kAdmin: return "admin";
    case Role::kCoordinator: return "coordinator";
    case Role::kExecutive: return "executive";
    case Role::kManager: return "manager";
    case Role::kEmployee: return "employee";
  }
  return "employee";
}

Result<Role> ParseRole(std::string_view name) {
  for (Role r : kAllRoles) {
    if (RoleName(r) == name) return r;
  }
  return Error::Invalid(
      "role", "'" + std::string(name) + "' is not a role (use admin, coordinator, executive, manager or employee)");
}

Result<std::string> NormaliseEmail(std::string_view email) {
  std::string e(Trim(email));
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char ch) { return std::tolower(ch); });
  const auto at = e.find('@');
  const bool ok = !e.empty() && e.size() <= 254 && IsValidUtf8(e) && at != std::string::npos && at > 0 &&
                  e.find('@', at + 1) == std::string::npos && e.find('.', at) != std::string::npos && e.back() != '.' &&
                  std::none_of(e.begin(), e.end(), [](unsigned char ch) { return ch <= ' '; });
  if (!ok) return Error::Invalid("email", "'" + std::string(email) + "' is not an e-mail address");
  return e;
}

Result<User> CreateUser(db::Connection& c, const NewUser& user, Micros now) {
  KS_ASSIGN_OR_RETURN(std::string email, NormaliseEmail(user.email));
  KS_RETURN_IF_ERROR(CheckName(user.name));
  KS_RETURN_IF_ERROR(CheckLanguage(user.language));
  KS_ASSIGN_OR_RETURN(db::Value unit_id, UnitIdFor(c, user.unit_code));
  auto rows = c.Query(
      "INSERT INTO users (email, name, language, unit_id, role, active, created_at, updated_at) "
      "VALUES ($1, $2, $3, $4, $5, 1, $6, $6) RETURNING id",
      {email, std::string(Trim(user.name)), user.language, unit_id, std::string(RoleName(user.role)), now});
  if (!rows.ok() && rows.error().code == ErrorCode::kConflict) {
    return Error::Conflict("a user with e-mail address " + email + " already exists");
  }
  if (!rows.ok()) return rows.error();
  return GetUser(c, db::AsInt(rows->rows[0][0]));
}

Result<User> GetUser(db::Connection& c, std::int64_t id) {
  return OneUser(c, "id = $1", {id}, "with id " + std::to_string(id));
}

Result<User> GetUserByEmail(db::Connection& c, std::string_view email) {
  std::string e(Trim(email));
  std::transform(e.begin(), e.end(), e.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return OneUser(c, "email = $1", {e}, "with e-mail address " + e);
}

Result<std::string> GetPasswordHash(db::Connection& c, std::int64_t user_id) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT password_hash FROM users WHERE id = $1", {user_id}));
  if (rows.empty()) return Error::NotFound("no user with id " + std::to_string(user_id));
  return db::AsText(rows.rows[0][0]);
}

Result<std::vector<User>> ListUsers(db::Connection& c) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT " + std::string(kColumns) + " FROM users ORDER BY name, id"));
  std::vector<User> users;
  users.reserve(rows.size());
  for (const auto& r : rows.rows) users.push_back(RowToUser(r));
  return users;
}

Result<User> UpdateUser(db::Connection& c, std::int64_t id, const UserChange& change, Micros now) {
  KS_RETURN_IF_ERROR(c.BeginWrite());
  auto updated = UpdateUserInTransaction(c, id, change, now);
  if (!updated.ok()) {
    (void)c.Rollback();
    return updated.error();
  }
  KS_RETURN_IF_ERROR(c.Commit());
  return updated;
}

Result<User> UpdateUserInTransaction(db::Connection& c, std::int64_t id, const UserChange& change, Micros now) {
  KS_ASSIGN_OR_RETURN(User user, GetUser(c, id));
  std::vector<db::Statement> statements;
  if (change.name) {
    KS_RETURN_IF_ERROR(CheckName(*change.name));
    statements.push_back({"UPDATE users SET name = $1 WHERE id = $2", {std::string(Trim(*change.name)), id}});
  }
  if (change.language) {
    KS_RETURN_IF_ERROR(CheckLanguage(*change.language));
    statements.push_back({"UPDATE users SET language = $1 WHERE id = $2", {*change.language, id}});
  }
  if (change.unit_code) {
    KS_ASSIGN_OR_RETURN(db::Value unit_id, UnitIdFor(c, *change.unit_code));
    statements.push_back({"UPDATE users SET unit_id = $1 WHERE id = $2", {unit_id, id}});
  }
  if (change.role) {
    statements.push_back({"UPDATE users SET role = $1 WHERE id = $2", {std::string(RoleName(*change.role)), id}});
  }
  if (change.active) {
    statements.push_back({"UPDATE users SET active = $1 WHERE id = $2", {std::int64_t{*change.active ? 1 : 0}, id}});
    if (!*change.active) statements.push_back({"DELETE FROM sessions WHERE user_id = $1", {id}});
  }
  if (statements.empty()) return user;
  statements.push_back({"UPDATE users SET updated_at = $1 WHERE id = $2", {now, id}});
  KS_RETURN_IF_ERROR(c.QueryBatch(statements));
  return GetUser(c, id);
}

Result<void> SetPasswordHash(db::Connection& c, std::int64_t id, const std::string& hash, Micros now) {
  KS_ASSIGN_OR_RETURN(auto results,
                      c.Transact({{"UPDATE users SET password_hash = $1, password_changed_at = $2, updated_at = $2 "
                                   "WHERE id = $3 RETURNING id",
                                   {hash, now, id}},
                                  {"DELETE FROM sessions WHERE user_id = $1", {id}}}));
  if (results[0].empty()) return Error::NotFound("no user with id " + std::to_string(id));
  return Ok();
}

}  // namespace ks
