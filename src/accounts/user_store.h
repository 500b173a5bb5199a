// SQL for the users table: create, read, change role/unit/active state and password. Validates the
// fields it is given (clear errors naming the field). Stateless; thread-safe; each function uses the
// caller's connection (run it inside the caller's transaction when several changes belong together).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "accounts/user.h"
#include "db/database.h"

namespace ks {

struct NewUser {
  std::string email;
  std::string name;
  std::string language = "nl";
  std::string unit_code;  // empty: no unit
  Role role = Role::kEmployee;
};

// Validates and lowercases the e-mail address ("email: 'x' is not an e-mail address").
Result<std::string> NormaliseEmail(std::string_view email);

// kConflict when the e-mail address is taken; kInvalidArgument for bad fields or an unknown unit.
Result<User> CreateUser(db::Connection& c, const NewUser& user, Micros now);
Result<User> GetUser(db::Connection& c, std::int64_t id);
Result<User> GetUserByEmail(db::Connection& c, std::string_view email);
// The argon2id hash of the user's password, or empty when none is set.
Result<std::string> GetPasswordHash(db::Connection& c, std::int64_t user_id);
// Everyone, by name.
Result<std::vector<User>> ListUsers(db::Connection& c);

struct UserChange {
  std::optional<std::string> name;
  std::optional<std::string> language;
  std::optional<std::string> unit_code;  // "" clears the unit
  std::optional<Role> role;
  std::optional<bool> active;
};
// Applies the given fields; kNotFound for an unknown user. Deactivating a user also ends their
// sessions (in the same statement batch), so they are logged out at once.
Result<User> UpdateUser(db::Connection& c, std::int64_t id, const UserChange& change, Micros now);
// The same inside the caller's open transaction.
Result<User> UpdateUserInTransaction(db::Connection& c, std::int64_t id, const UserChange& change, Micros now);
// Stores a new password hash and ends every session of the user.
Result<void> SetPasswordHash(db::Connection& c, std::int64_t id, const std::string& hash, Micros now);

}  // namespace ks
