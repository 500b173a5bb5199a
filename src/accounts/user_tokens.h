// Single-use tokens that let a person set a password without being logged in: invitations ("invite
// a colleague", valid 7 days by default) and password resets (valid 1 hour). Only a digest is stored;
// the token travels in the mailed link. Stateless; thread-safe.
#pragma once

#include <string>

#include "accounts/user.h"
#include "db/database.h"

namespace ks {

enum class TokenPurpose { kInvite, kReset };

inline constexpr Micros kInviteLifetime = 7LL * 24 * 3600 * kMicrosPerSecond;
inline constexpr Micros kResetLifetime = 3600LL * kMicrosPerSecond;

struct NewUserToken {
  std::string token;        // goes into the link; not stored
  db::Statement statement;  // the INSERT, to run in the transaction that sends the mail
};

// A new token for `user_id` (256 bits). Earlier unused tokens of the same purpose stay valid until
// they expire or one of them is used (using one ends the others).
NewUserToken NewToken(std::int64_t user_id, TokenPurpose purpose, Micros now);

// The user a live token belongs to, without using it up (to show the form). kNotFound with a
// message for a person when the token is unknown, used or expired.
Result<User> PeekToken(db::Connection& c, std::string_view token, TokenPurpose purpose, Micros now);
// The statements that use the token up (and every other token of that user and purpose), to run in
// the transaction that sets the password.
std::vector<db::Statement> UseTokenStatements(std::int64_t user_id, TokenPurpose purpose, Micros now);

}  // namespace ks
