// API keys: how programs authenticate to /api/v1 ("Authorization: Bearer ks_<prefix>_<secret>").
// Only a digest of the secret is stored; the key is shown once, at creation. Each key has scopes:
// feedback:write, feedback:read, admin (admin implies the others).
#pragma once

#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "db/connection_pool.h"

namespace ks {

inline constexpr std::string_view kScopes[] = {"feedback:write", "feedback:read", "admin"};

struct ApiKey {
  std::int64_t id = 0;
  std::string prefix;  // public part, shown in lists and logs
  std::string name;
  std::vector<std::string> scopes;
  Micros created_at = 0;
  std::optional<Micros> revoked_at;

  bool Allows(std::string_view scope) const;
};

struct CreatedApiKey {
  ApiKey key;
  std::string secret;  // the whole bearer token; not stored anywhere
};

// Parses "feedback:write,feedback:read" (kInvalidArgument for unknown scopes or none).
Result<std::vector<std::string>> ParseScopes(std::string_view text);

Result<CreatedApiKey> CreateApiKey(db::Connection& c, const std::string& name, const std::vector<std::string>& scopes,
                                   Micros now);
Result<std::vector<ApiKey>> ListApiKeys(db::Connection& c);
// Revokes by prefix or numeric id; kNotFound when there is no such key.
Result<ApiKey> RevokeApiKey(db::Connection& c, const std::string& prefix_or_id, Micros now);

// Checks bearer tokens. Verified keys are cached for `ttl` (default 5 s) so a request does not cost a
// database read; a revoked key stops working within that time on every node. Thread-safe.
class ApiKeyAuthenticator {
 public:
  ApiKeyAuthenticator(db::ConnectionPool& pool, const Clock& clock, Micros ttl = 5 * kMicrosPerSecond)
      : pool_(pool), clock_(clock), ttl_(ttl) {}

  // The key for an "Authorization" header value; kUnauthenticated when missing, malformed, unknown or
  // revoked.
  Result<ApiKey> Authenticate(const std::string& authorization_header);

 private:
  struct Cached {
    ApiKey key;
    std::string secret_hash;
    Micros expires;
  };
  db::ConnectionPool& pool_;
  const Clock& clock_;
  const Micros ttl_;
  std::mutex mutex_;
  std::unordered_map<std::string, Cached> cache_;  // by prefix
};

}  // namespace ks
