#include "accounts/sessions.h"

#include "base/random.h"

namespace ks {
namespace {

constexpr Micros kTouchInterval = 60 * kMicrosPerSecond;

}  // namespace

Result<std::string> SessionStore::Create(std::int64_t user_id, std::string_view previous_token) {
  const Micros now = clock_.Now();
  const std::string token = RandomHex(32);  // 256 bits
  KS_ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  std::vector<db::Statement> statements;
  if (!previous_token.empty()) {
    statements.push_back({"DELETE FROM sessions WHERE token_hash = $1", {DigestHex(previous_token)}});
  }
  statements.push_back({"DELETE FROM sessions WHERE user_id = $1 AND (expires_at <= $2 OR last_seen_at <= $3)",
                        {user_id, now, now - config_.idle_timeout}});
  statements.push_back(
      {"INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at) "
       "VALUES ($1, $2, $3, $4, $4, $5)",
       {DigestHex(token), user_id, RandomHex(32), now, now + config_.absolute_timeout}});
  KS_RETURN_IF_ERROR(c->Transact(statements));
  return token;
}

Result<Session> SessionStore::Authenticate(std::string_view token) {
  if (token.size() != 64) return Error::Unauthenticated("no session");
  const Micros now = clock_.Now();
  const std::string hash = DigestHex(token);
  KS_ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  KS_ASSIGN_OR_RETURN(
      db::Rows rows,
      c->Query("SELECT s.csrf_token, s.created_at, s.last_seen_at, s.expires_at, u.id, u.email, u.name, u.language, "
               "u.unit_id, u.role, u.active, u.created_at FROM sessions s JOIN users u ON u.id = s.user_id "
               "WHERE s.token_hash = $1",
               {hash}));
  if (rows.empty()) return Error::Unauthenticated("no session");
  const auto& r = rows.rows[0];
  const Micros last_seen = db::AsInt(r[2]);
  const Micros expires = db::AsInt(r[3]);
  if (expires <= now || last_seen + config_.idle_timeout <= now || db::AsInt(r[10]) == 0) {
    KS_RETURN_IF_ERROR(c->Exec("DELETE FROM sessions WHERE token_hash = $1", {hash}));
    return Error::Unauthenticated("the session has ended");
  }
  if (now - last_seen >= kTouchInterval) {
    KS_RETURN_IF_ERROR(c->Exec("UPDATE sessions SET last_seen_at = $1 WHERE token_hash = $2", {now, hash}));
  }
  Session s;
  s.csrf_token = db::AsText(r[0]);
  s.created_at = db::AsInt(r[1]);
  s.expires_at = expires;
  s.user.id = db::AsInt(r[4]);
  s.user.email = db::AsText(r[5]);
  s.user.name = db::AsText(r[6]);
  s.user.language = db::AsText(r[7]);
  if (!db::IsNull(r[8])) s.user.unit_id = db::AsInt(r[8]);
  s.user.role = ParseRole(db::AsText(r[9])).value_or(Role::kEmployee);
  s.user.active = true;
  s.user.has_password = true;
  s.user.created_at = db::AsInt(r[11]);
  return s;
}

Result<void> SessionStore::End(std::string_view token) {
  if (token.empty()) return Ok();
  KS_ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  return c->Exec("DELETE FROM sessions WHERE token_hash = $1", {DigestHex(token)});
}

std::string SessionStore::CookieFor(const std::string& token) const {
  return std::string(kSessionCookie) + "=" + token +
         "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(config_.absolute_timeout / kMicrosPerSecond) +
         (config_.secure_cookie ? "; Secure" : "");
}

std::string SessionStore::ExpiredCookie() const {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0" +
         (config_.secure_cookie ? "; Secure" : "");
}

}  // namespace ks
