#include "accounts/api_keys.h"

#include <algorithm>

#include "base/random.h"
#include "base/strings.h"

namespace ks {
namespace {

constexpr std::string_view kColumns = "id, prefix, name, scopes, created_at, revoked_at, secret_hash";

ApiKey RowToKey(const std::vector<db::Value>& r) {
  ApiKey k;
  k.id = db::AsInt(r[0]);
  k.prefix = db::AsText(r[1]);
  k.name = db::AsText(r[2]);
  k.scopes = Split(db::AsText(r[3]), ',');
  k.created_at = db::AsInt(r[4]);
  if (!db::IsNull(r[5])) k.revoked_at = db::AsInt(r[5]);
  return k;
}

}  // namespace

bool ApiKey::Allows(std::string_view scope) const {
  return std::find(scopes.begin(), scopes.end(), scope) != scopes.end() ||
         std::find(scopes.begin(), scopes.end(), "admin") != scopes.end();
}

Result<std::vector<std::string>> ParseScopes(std::string_view text) {
  std::vector<std::string> scopes;
  for (const auto& part : Split(text, ',')) {
    const std::string scope(Trim(part));
    if (scope.empty()) continue;
    if (std::find(std::begin(kScopes), std::end(kScopes), scope) == std::end(kScopes)) {
      return Error::Invalid("scopes", "unknown scope '" + scope + "' (use feedback:write, feedback:read or admin)");
    }
    if (std::find(scopes.begin(), scopes.end(), scope) == scopes.end()) scopes.push_back(scope);
  }
  if (scopes.empty())
    return Error::Invalid("scopes", "give at least one scope: feedback:write, feedback:read or admin");
  return scopes;
}

Result<CreatedApiKey> CreateApiKey(db::Connection& c, const std::string& name, const std::vector<std::string>& scopes,
                                   Micros now) {
  if (Trim(name).empty()) return Error::Invalid("name", "an API key needs a name that says what uses it");
  CreatedApiKey created;
  created.key.prefix = RandomHex(6);
  created.key.name = name;
  created.key.scopes = scopes;
  created.key.created_at = now;
  const std::string secret = RandomHex(24);  // 192 bits
  created.secret = "ks_" + created.key.prefix + "_" + secret;
  std::string joined;
  for (const auto& s : scopes) joined += (joined.empty() ? "" : ",") + s;
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("INSERT INTO api_keys (prefix, secret_hash, name, scopes, created_at) "
                                             "VALUES ($1, $2, $3, $4, $5) RETURNING id",
                                             {created.key.prefix, DigestHex(secret), name, joined, now}));
  created.key.id = db::AsInt(rows.rows[0][0]);
  return created;
}

Result<std::vector<ApiKey>> ListApiKeys(db::Connection& c) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT " + std::string(kColumns) + " FROM api_keys ORDER BY id"));
  std::vector<ApiKey> keys;
  for (const auto& r : rows.rows) keys.push_back(RowToKey(r));
  return keys;
}

Result<ApiKey> RevokeApiKey(db::Connection& c, const std::string& prefix_or_id, Micros now) {
  const bool numeric =
      !prefix_or_id.empty() && prefix_or_id.size() < 12 &&
      std::all_of(prefix_or_id.begin(), prefix_or_id.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
  const std::string where = numeric ? "id = $2" : "prefix = $2";
  const db::Value key = numeric ? db::Value(std::stoll(prefix_or_id)) : db::Value(prefix_or_id);
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $1) WHERE " +
                                                 where + " RETURNING " + std::string(kColumns),
                                             {now, key}));
  if (rows.empty()) return Error::NotFound("no API key with prefix or id '" + prefix_or_id + "'");
  return RowToKey(rows.rows[0]);
}

Result<ApiKey> ApiKeyAuthenticator::Authenticate(const std::string& header) {
  constexpr std::string_view kBearer = "Bearer ";
  if (header.empty())
    return Error::Unauthenticated("missing Authorization header: send 'Authorization: Bearer <api key>'");
  if (!header.starts_with(kBearer))
    return Error::Unauthenticated("the Authorization header must be 'Bearer <api key>'");
  const std::string token(Trim(std::string_view(header).substr(kBearer.size())));
  const auto parts = Split(token, '_');
  if (parts.size() != 3 || parts[0] != "ks" || parts[1].empty() || parts[2].empty()) {
    return Error::Unauthenticated("malformed API key (expected ks_<prefix>_<secret>)");
  }
  const std::string& prefix = parts[1];
  const std::string hash = DigestHex(parts[2]);
  const Micros now = clock_.Now();
  {
    std::lock_guard lock(mutex_);
    auto it = cache_.find(prefix);
    if (it != cache_.end() && it->second.expires > now) {
      if (!ConstantTimeEquals(it->second.secret_hash, hash)) return Error::Unauthenticated("invalid API key");
      return it->second.key;
    }
  }
  KS_ASSIGN_OR_RETURN(auto connection, pool_.Acquire());
  KS_ASSIGN_OR_RETURN(db::Rows rows, connection->Query("SELECT " + std::string(kColumns) +
                                                           " FROM api_keys WHERE prefix = $1 AND revoked_at IS NULL",
                                                       {prefix}));
  if (rows.empty()) return Error::Unauthenticated("invalid or revoked API key");
  ApiKey key = RowToKey(rows.rows[0]);
  const std::string stored_hash = db::AsText(rows.rows[0][6]);
  {
    std::lock_guard lock(mutex_);
    cache_[prefix] = {key, stored_hash, now + ttl_};
  }
  if (!ConstantTimeEquals(stored_hash, hash)) return Error::Unauthenticated("invalid API key");
  return key;
}

}  // namespace ks
