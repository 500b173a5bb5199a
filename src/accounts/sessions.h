// Web sessions: a random 256-bit token in an HttpOnly, SameSite=Lax cookie (Secure behind TLS). Only a
// digest of the token is stored (table `sessions`), with the session's CSRF token, an idle expiry and
// an absolute expiry. Login always creates a new token (and ends the one the browser had), a password
// change or deactivation ends all of a user's sessions, and every request re-reads the user, so a
// disabled user is logged out at once on every node.
//
// Thread-safe: every call takes its own pooled connection.
#pragma once

#include <string>
#include <string_view>

#include "accounts/user.h"
#include "base/clock.h"
#include "db/connection_pool.h"

namespace ks {

struct SessionConfig {
  // A session unused for this long ends. Default 4 hours.
  Micros idle_timeout = 4LL * 3600 * kMicrosPerSecond;
  // A session ends this long after login however busy it is. Default 7 days.
  Micros absolute_timeout = 7LL * 24 * 3600 * kMicrosPerSecond;
  // Adds "Secure" to the cookie; set it when klantstem is served over HTTPS (behind a TLS proxy).
  bool secure_cookie = false;
};

inline constexpr std::string_view kSessionCookie = "ks_session";

struct Session {
  User user;
  std::string csrf_token;
  Micros created_at = 0;
  Micros expires_at = 0;
};

class SessionStore {
 public:
  SessionStore(db::ConnectionPool& pool, const Clock& clock, SessionConfig config)
      : pool_(pool), clock_(clock), config_(config) {}

  // Starts a session for `user_id` and returns its token; `previous_token` (the browser's old
  // cookie, if any) is ended, so the token always changes at login.
  Result<std::string> Create(std::int64_t user_id, std::string_view previous_token);
  // The live session of an active user for a token; kUnauthenticated otherwise (expired sessions are
  // deleted). Refreshes the idle expiry at most once a minute.
  Result<Session> Authenticate(std::string_view token);
  // Ends one session (logout). No error when it does not exist.
  Result<void> End(std::string_view token);

  // The Set-Cookie value for a token, and the one that deletes the cookie.
  std::string CookieFor(const std::string& token) const;
  std::string ExpiredCookie() const;
  const SessionConfig& config() const { return config_; }

 private:
  db::ConnectionPool& pool_;
  const Clock& clock_;
  const SessionConfig config_;
};

}  // namespace ks
