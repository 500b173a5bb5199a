#include "notify/webhooks.h"

#include <Poco/Exception.h>
#include <Poco/URI.h>

#include <algorithm>
#include <nlohmann/json.hpp>
#include <stdexcept>

#include "base/random.h"
#include "base/strings.h"
#include "base/time.h"

namespace ks::notify {
namespace {

constexpr size_t kMaxUrlBytes = 2000;
constexpr size_t kMaxDescriptionBytes = 200;
constexpr size_t kMinSecretBytes = 16;
constexpr size_t kMaxSecretBytes = 200;

constexpr std::string_view kEndpointColumns = "id, url, secret, events, description, active, created_at, created_by";
constexpr std::string_view kDeliveryColumns =
    "d.id, d.endpoint_id, e.url, d.event_id, d.event, d.payload, d.created_at, d.next_attempt_at, d.attempts, "
    "d.delivered_at, d.failed_at, d.last_status, d.last_error";

WebhookEndpoint RowToEndpoint(const std::vector<db::Value>& r) {
  WebhookEndpoint e;
  e.id = db::AsInt(r[0]);
  e.url = db::AsText(r[1]);
  e.secret = db::AsText(r[2]);
  e.events = db::AsText(r[3]);
  e.description = db::AsText(r[4]);
  e.active = db::AsInt(r[5]) != 0;
  e.created_at = db::AsInt(r[6]);
  if (!db::IsNull(r[7])) e.created_by = db::AsInt(r[7]);
  return e;
}

WebhookDelivery RowToDelivery(const std::vector<db::Value>& r) {
  WebhookDelivery d;
  d.id = db::AsInt(r[0]);
  d.endpoint_id = db::AsInt(r[1]);
  d.endpoint_url = db::AsText(r[2]);
  d.event_id = db::AsText(r[3]);
  d.event = db::AsText(r[4]);
  d.payload = db::AsText(r[5]);
  d.created_at = db::AsInt(r[6]);
  d.next_attempt_at = db::AsInt(r[7]);
  d.attempts = db::AsInt(r[8]);
  if (!db::IsNull(r[9])) d.delivered_at = db::AsInt(r[9]);
  if (!db::IsNull(r[10])) d.failed_at = db::AsInt(r[10]);
  if (!db::IsNull(r[11])) d.last_status = db::AsInt(r[11]);
  d.last_error = db::AsText(r[12]);
  return d;
}

bool IsKnownEvent(std::string_view event) {
  return std::find(std::begin(kWebhookEvents), std::end(kWebhookEvents), event) != std::end(kWebhookEvents);
}

db::Value OptionalStatus(std::optional<int> status) {
  return status ? db::Value(std::int64_t{*status}) : db::Value(nullptr);
}

std::string JsonText(const nlohmann::json& value) {
  return value.dump(-1, ' ', /*ensure_ascii=*/false, nlohmann::json::error_handler_t::replace);
}

}  // namespace

bool WebhookEndpoint::Subscribes(std::string_view event) const {
  if (events == "*") return true;
  for (const auto& e : Split(events, ',')) {
    if (e == event) return true;
  }
  return false;
}

Result<std::string> ValidateWebhookUrl(std::string_view text) {
  const auto bad = [](const std::string& why) { return Error::Invalid("url", why); };
  const std::string url(Trim(text));
  if (url.empty()) return bad("the webhook URL is missing (use https://host/path)");
  if (url.size() > kMaxUrlBytes) {
    return bad("the webhook URL is longer than " + std::to_string(kMaxUrlBytes) + " characters");
  }
  if (std::any_of(url.begin(), url.end(), [](char ch) {
        return static_cast<unsigned char>(ch) <= 0x20 || static_cast<unsigned char>(ch) >= 0x7f;
      })) {
    return bad("the webhook URL must not contain spaces, control or non-ASCII characters (percent-encode them)");
  }
  Poco::URI uri;
  try {
    uri = Poco::URI(url);
  } catch (const Poco::Exception& e) {
    return bad("the webhook URL is not a valid URL: " + e.message());
  }
  if (uri.getScheme() != "http" && uri.getScheme() != "https") {
    return bad("the webhook URL must start with http:// or https://");
  }
  if (uri.getHost().empty()) return bad("the webhook URL has no host");
  if (!uri.getUserInfo().empty()) {
    return bad("the webhook URL must not contain a user name or password; the signature authenticates klantstem");
  }
  if (uri.getPort() == 0) return bad("the webhook URL has port 0");
  return url;
}

Result<std::string> ParseWebhookEvents(std::string_view text) {
  std::vector<std::string> chosen;
  bool all = false;
  for (const auto& part : Split(text, ',')) {
    const std::string event(Trim(part));
    if (event.empty()) continue;
    if (event == "*") {
      all = true;
    } else if (!IsKnownEvent(event)) {
      std::string known;
      for (std::string_view e : kWebhookEvents) known += (known.empty() ? "" : ", ") + std::string(e);
      return Error::Invalid("events",
                            "unknown event '" + Excerpt(event, 50) + "' (known: " + known + ", or * for all)");
    } else {
      chosen.push_back(event);
    }
  }
  if (all) return std::string("*");
  if (chosen.empty()) return Error::Invalid("events", "choose at least one event");
  std::string canonical;
  for (std::string_view e : kWebhookEvents) {
    if (std::find(chosen.begin(), chosen.end(), e) != chosen.end()) {
      canonical += (canonical.empty() ? "" : ",") + std::string(e);
    }
  }
  return canonical;
}

Result<WebhookEndpoint> CreateWebhookEndpoint(db::Connection& c, const NewWebhookEndpoint& endpoint, Micros now) {
  KS_ASSIGN_OR_RETURN(const std::string url, ValidateWebhookUrl(endpoint.url));
  KS_ASSIGN_OR_RETURN(const std::string events, ParseWebhookEvents(endpoint.events));
  const std::string description(Trim(endpoint.description));
  if (description.size() > kMaxDescriptionBytes) {
    return Error::Invalid("description",
                          "the description is longer than " + std::to_string(kMaxDescriptionBytes) + " bytes");
  }
  if (!IsValidUtf8(description)) return Error::Invalid("description", "the description is not valid UTF-8");
  std::string secret = endpoint.secret;
  if (secret.empty()) {
    secret = "whsec_" + RandomHex(24);
  } else if (secret.size() < kMinSecretBytes || secret.size() > kMaxSecretBytes ||
             std::any_of(secret.begin(), secret.end(), [](char ch) {
               return static_cast<unsigned char>(ch) <= 0x20 || static_cast<unsigned char>(ch) == 0x7f;
             })) {
    return Error::Invalid("secret", "the secret must be " + std::to_string(kMinSecretBytes) + " to " +
                                        std::to_string(kMaxSecretBytes) + " characters without spaces");
  } else if (!IsValidUtf8(secret)) {
    return Error::Invalid("secret", "the secret is not valid UTF-8");
  }
  KS_ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("INSERT INTO webhook_endpoints (url, secret, events, description, active, created_at, created_by) "
              "VALUES ($1, $2, $3, $4, 1, $5, $6) RETURNING " +
                  std::string(kEndpointColumns),
              {url, secret, events, description, now,
               endpoint.created_by ? db::Value(*endpoint.created_by) : db::Value(nullptr)}));
  if (rows.empty()) return Error::Internal("adding the webhook endpoint returned no row");
  return RowToEndpoint(rows.rows[0]);
}

Result<std::vector<WebhookEndpoint>> ListWebhookEndpoints(db::Connection& c) {
  KS_ASSIGN_OR_RETURN(db::Rows rows,
                      c.Query("SELECT " + std::string(kEndpointColumns) + " FROM webhook_endpoints ORDER BY id"));
  std::vector<WebhookEndpoint> endpoints;
  endpoints.reserve(rows.size());
  for (const auto& r : rows.rows) endpoints.push_back(RowToEndpoint(r));
  return endpoints;
}

Result<WebhookEndpoint> GetWebhookEndpoint(db::Connection& c, std::int64_t id) {
  KS_ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("SELECT " + std::string(kEndpointColumns) + " FROM webhook_endpoints WHERE id = $1", {id}));
  if (rows.empty()) return Error::NotFound("there is no webhook endpoint " + std::to_string(id));
  return RowToEndpoint(rows.rows[0]);
}

Result<WebhookEndpoint> SetWebhookEndpointActive(db::Connection& c, std::int64_t id, bool active) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("UPDATE webhook_endpoints SET active = $1 WHERE id = $2 RETURNING " +
                                                 std::string(kEndpointColumns),
                                             {std::int64_t{active ? 1 : 0}, id}));
  if (rows.empty()) return Error::NotFound("there is no webhook endpoint " + std::to_string(id));
  return RowToEndpoint(rows.rows[0]);
}

Result<WebhookEndpoint> DeleteWebhookEndpoint(db::Connection& c, std::int64_t id) {
  // The deliveries go explicitly too, so the delete does not depend on the engine enforcing ON DELETE CASCADE.
  KS_RETURN_IF_ERROR(c.Exec("DELETE FROM webhook_deliveries WHERE endpoint_id = $1", {id}));
  KS_ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("DELETE FROM webhook_endpoints WHERE id = $1 RETURNING " + std::string(kEndpointColumns), {id}));
  if (rows.empty()) return Error::NotFound("there is no webhook endpoint " + std::to_string(id));
  return RowToEndpoint(rows.rows[0]);
}

std::vector<db::Statement> WebhookEventStatements(std::string_view event, const nlohmann::json& data, Micros now,
                                                  const std::vector<WebhookSqlField>& sql_fields) {
  if (!IsKnownEvent(event)) throw std::invalid_argument("unknown webhook event " + std::string(event));
  if (!data.is_null() && !data.is_object()) {
    throw std::invalid_argument("webhook data for " + std::string(event) + " must be a JSON object");
  }
  nlohmann::json members = data.is_null() ? nlohmann::json::object() : data;
  for (const auto& field : sql_fields) members.erase(field.key);
  const std::string event_id = "evt_" + RandomHex(16);
  // The envelope is written by hand so that its members keep this order and "data" can end in SQL values.
  std::string head = "{\"id\":" + JsonText(event_id) + ",\"event\":" + JsonText(std::string(event)) +
                     ",\"created_at\":" + JsonText(FormatRfc3339(now)) + ",\"data\":" + JsonText(members);
  head.pop_back();  // the closing brace of "data"
  // The payload: text parameters and SQL values, alternating, joined with ||.
  std::vector<db::Value> params = {event_id, std::string(event), now, "%," + std::string(event) + ",%"};
  std::string payload_sql;
  std::string text = std::move(head);
  bool first_member = members.empty();
  for (const auto& field : sql_fields) {
    text += (first_member ? "" : ",") + JsonText(field.key) + ":";
    first_member = false;
    params.emplace_back(std::move(text));
    text.clear();
    payload_sql += "CAST($" + std::to_string(params.size()) + " AS TEXT) || COALESCE(CAST((" + field.sql +
                   ") AS TEXT), 'null') || ";
  }
  text += "}}";
  params.emplace_back(std::move(text));
  payload_sql += "CAST($" + std::to_string(params.size()) + " AS TEXT)";
  // CASTs: PostgreSQL cannot infer the types of parameters in the select list of INSERT … SELECT.
  return {
      {"INSERT INTO webhook_deliveries (endpoint_id, event_id, event, payload, created_at, next_attempt_at) "
       "SELECT id, CAST($1 AS TEXT), CAST($2 AS TEXT), " +
           payload_sql +
           ", CAST($3 AS BIGINT), CAST($3 AS BIGINT) FROM webhook_endpoints WHERE active = 1 AND "
           "(events = '*' OR ',' || events || ',' LIKE CAST($4 AS TEXT))",
       std::move(params)}};
}

Result<std::vector<WebhookDelivery>> ListWebhookDeliveries(db::Connection& c, int limit,
                                                           std::optional<std::int64_t> endpoint_id) {
  std::vector<db::Value> params = {std::int64_t{limit}};
  std::string where;
  if (endpoint_id) {
    where = " WHERE d.endpoint_id = $2";
    params.emplace_back(*endpoint_id);
  }
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT " + std::string(kDeliveryColumns) +
                                                 " FROM webhook_deliveries d JOIN webhook_endpoints e ON "
                                                 "e.id = d.endpoint_id" +
                                                 where + " ORDER BY d.id DESC LIMIT $1",
                                             params));
  std::vector<WebhookDelivery> deliveries;
  deliveries.reserve(rows.size());
  for (const auto& r : rows.rows) deliveries.push_back(RowToDelivery(r));
  return deliveries;
}

Result<std::vector<ClaimedDelivery>> ClaimDueDeliveries(db::Connection& c, Micros now, int limit, Micros lease) {
  const std::string lock = c.engine() == db::Engine::kPostgres ? " FOR UPDATE OF d SKIP LOCKED" : "";
  KS_ASSIGN_OR_RETURN(
      db::Rows claimed,
      c.Query("UPDATE webhook_deliveries SET locked_until = $2, attempts = attempts + 1 WHERE id IN (SELECT d.id "
              "FROM webhook_deliveries d JOIN webhook_endpoints e ON e.id = d.endpoint_id WHERE e.active = 1 AND "
              "d.delivered_at IS NULL AND d.failed_at IS NULL AND d.next_attempt_at <= $1 AND "
              "(d.locked_until IS NULL OR d.locked_until <= $1) ORDER BY d.next_attempt_at, d.id LIMIT $3" +
                  lock + ") RETURNING id",
              {now, now + lease, std::int64_t{limit}}));
  if (claimed.empty()) return std::vector<ClaimedDelivery>{};
  std::string ids;
  for (const auto& r : claimed.rows) ids += (ids.empty() ? "" : ",") + std::to_string(db::AsInt(r[0]));
  // The ids are integers from the database, so writing them into the SQL is safe.
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT " + std::string(kDeliveryColumns) +
                                             ", e.secret FROM webhook_deliveries d JOIN webhook_endpoints e ON "
                                             "e.id = d.endpoint_id WHERE d.id IN (" +
                                             ids + ") ORDER BY d.next_attempt_at, d.id"));
  std::vector<ClaimedDelivery> out;
  out.reserve(rows.size());
  for (const auto& r : rows.rows) out.push_back({RowToDelivery(r), db::AsText(r[13])});
  return out;
}

Result<void> MarkDelivered(db::Connection& c, std::int64_t id, int status, Micros now) {
  return c.Exec(
      "UPDATE webhook_deliveries SET delivered_at = $1, locked_until = NULL, last_status = $2, last_error = '' "
      "WHERE id = $3",
      {now, std::int64_t{status}, id});
}

Result<void> MarkDeliveryRetry(db::Connection& c, std::int64_t id, std::optional<int> status, const std::string& error,
                               Micros retry_at) {
  return c.Exec(
      "UPDATE webhook_deliveries SET next_attempt_at = $1, locked_until = NULL, last_status = $2, last_error = $3 "
      "WHERE id = $4",
      {retry_at, OptionalStatus(status), error, id});
}

Result<void> MarkDeliveryFailed(db::Connection& c, std::int64_t id, std::optional<int> status, const std::string& error,
                                Micros now) {
  return c.Exec(
      "UPDATE webhook_deliveries SET failed_at = $1, locked_until = NULL, last_status = $2, last_error = $3 "
      "WHERE id = $4",
      {now, OptionalStatus(status), error, id});
}

Result<std::int64_t> PruneWebhookDeliveries(db::Connection& c, Micros before) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("DELETE FROM webhook_deliveries WHERE created_at < $1 AND "
                                             "(delivered_at IS NOT NULL OR failed_at IS NOT NULL) RETURNING id",
                                             {before}));
  return static_cast<std::int64_t>(rows.size());
}

}  // namespace ks::notify
