#include "accounts/user_tokens.h"

#include "accounts/user_store.h"
#include "base/random.h"

namespace ks {
namespace {

std::string PurposeName(TokenPurpose purpose) { return purpose == TokenPurpose::kInvite ? "invite" : "reset"; }

}  // namespace

NewUserToken NewToken(std::int64_t user_id, TokenPurpose purpose, Micros now) {
  NewUserToken t;
  t.token = RandomHex(32);
  const Micros lifetime = purpose == TokenPurpose::kInvite ? kInviteLifetime : kResetLifetime;
  t.statement = {
      "INSERT INTO user_tokens (token_hash, user_id, purpose, created_at, expires_at) "
      "VALUES ($1, $2, $3, $4, $5)",
      {DigestHex(t.token), user_id, PurposeName(purpose), now, now + lifetime}};
  return t;
}

Result<User> PeekToken(db::Connection& c, std::string_view token, TokenPurpose purpose, Micros now) {
  const std::string expired = purpose == TokenPurpose::kInvite
                                  ? "this invitation link is not valid (any more); ask for a new invitation"
                                  : "this password reset link is not valid (any more); ask for a new one";
  if (token.size() != 64) return Error::NotFound(expired);
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT user_id FROM user_tokens WHERE token_hash = $1 AND purpose = $2 "
                                             "AND used_at IS NULL AND expires_at > $3",
                                             {DigestHex(token), PurposeName(purpose), now}));
  if (rows.empty()) return Error::NotFound(expired);
  KS_ASSIGN_OR_RETURN(User user, GetUser(c, db::AsInt(rows.rows[0][0])));
  if (!user.active) return Error::NotFound(expired);
  return user;
}

std::vector<db::Statement> UseTokenStatements(std::int64_t user_id, TokenPurpose purpose, Micros now) {
  return {{"UPDATE user_tokens SET used_at = $1 WHERE user_id = $2 AND purpose = $3 AND used_at IS NULL",
           {now, user_id, PurposeName(purpose)}}};
}

}  // namespace ks
