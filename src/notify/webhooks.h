// Outgoing webhooks: the store of endpoints (tables webhook_endpoints and webhook_deliveries,
// migrations/0009_webhooks.*.sql). Teams that work in another tool register an endpoint (an admin page,
// accounts/admin_webhooks_pages.cc); when a case is opened, escalated or closed, the case code adds
// WebhookEventStatements to the transaction of that change, which writes one delivery per subscribed,
// active endpoint — a delivery exists exactly when its cause does. The sender (webhook_sender.h) claims
// due deliveries with a lease, POSTs them, and records the outcome, retrying with backoff.
//
// What a receiver gets (the contract; keep it stable):
//
//   POST <endpoint url>
//   Content-Type: application/json
//   User-Agent: klantstem-webhooks
//   X-Klantstem-Event: case.opened                 (case.opened | case.escalated | case.closed)
//   X-Klantstem-Delivery: 1234                     (this delivery; the same on every retry of it)
//   X-Klantstem-Timestamp: 1767225600              (Unix seconds when this attempt was sent)
//   X-Klantstem-Signature: sha256=<64 hex digits>
//
//   {"id":"evt_…","event":"case.opened","created_at":"2026-01-01T00:00:00Z","data":{…}}
//
// The body is the envelope above, byte for byte the same on every attempt: "id" names the event (the
// same for every endpoint it goes to; use it to ignore a repeat), "created_at" is when the event
// happened (RFC 3339, UTC), "data" depends on the event. Signature: the lowercase hex HMAC-SHA256,
// keyed with the endpoint's secret (the whole string shown when the endpoint was added, as UTF-8
// bytes), of the timestamp header's value, a ".", and the raw body:
//   hex(HMAC_SHA256(secret, timestamp + "." + body))
// A receiver recomputes it over the raw bytes it received, compares in constant time, and rejects a
// timestamp more than a few minutes from its own clock (replays). Any 2xx answer means delivered;
// anything else, a timeout (10 s) or no connection means a retry after 30 s, 1, 2, 4 … minutes (at
// most 1 hour apart), giving up after 10 attempts or 24 hours. Deliveries are at least once and not
// ordered. Redirects are not followed.
//
// Stateless functions; thread-safe; each uses the caller's connection.
#pragma once

#include <cstdint>
#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "db/database.h"

namespace ks::notify {

// The events an endpoint can subscribe to, in their canonical order.
inline constexpr std::string_view kWebhookEvents[] = {"case.opened", "case.escalated", "case.closed"};

struct WebhookEndpoint {
  std::int64_t id = 0;
  std::string url;
  std::string secret;       // the HMAC key; pages show it only when the endpoint is added
  std::string events;       // "*" (every event, also ones added later) or "case.opened,case.closed"
  std::string description;  // what receives it, for people
  bool active = true;       // false: no new deliveries; waiting ones are held until enabled again
  Micros created_at = 0;
  std::optional<std::int64_t> created_by;  // users.id

  bool Subscribes(std::string_view event) const;
};

struct NewWebhookEndpoint {
  std::string url;           // checked by ValidateWebhookUrl
  std::string events = "*";  // parsed by ParseWebhookEvents
  std::string description;   // at most 200 bytes
  std::optional<std::int64_t> created_by;
  std::string secret;  // empty (the default): a new random "whsec_…" secret; else at least 16 bytes, one line
};

// Checks an endpoint URL: http:// or https://, a host, a valid port, no credentials, no spaces, at most
// 2000 bytes. Returns it without surrounding blanks; kInvalidArgument with field "url" saying what is wrong.
Result<std::string> ValidateWebhookUrl(std::string_view url);

// "*", or a comma-separated list of kWebhookEvents (blanks ignored, repeats dropped), returned in the
// canonical form stored in `events`. kInvalidArgument with field "events" for none or an unknown event.
Result<std::string> ParseWebhookEvents(std::string_view text);

// Adds an endpoint (active). kInvalidArgument naming the field ("url", "events", "description",
// "secret") when the input is wrong.
Result<WebhookEndpoint> CreateWebhookEndpoint(db::Connection& c, const NewWebhookEndpoint& endpoint, Micros now);
// Oldest first.
Result<std::vector<WebhookEndpoint>> ListWebhookEndpoints(db::Connection& c);
// kNotFound when there is no such endpoint.
Result<WebhookEndpoint> GetWebhookEndpoint(db::Connection& c, std::int64_t id);
// Enables or disables; returns the endpoint as it is now. kNotFound when there is no such endpoint.
Result<WebhookEndpoint> SetWebhookEndpointActive(db::Connection& c, std::int64_t id, bool active);
// Deletes the endpoint with its deliveries (also the waiting ones); returns what was deleted.
// kNotFound when there is no such endpoint. Run it in a transaction when it must go with an audit entry.
Result<WebhookEndpoint> DeleteWebhookEndpoint(db::Connection& c, std::int64_t id);

// A member of "data" whose value is computed by SQL inside the caller's transaction, for an id that is
// not known yet when the statements are built (a case inserted by an earlier statement of the same
// batch). `sql` is a scalar expression yielding an integer or NULL (written as null), e.g.
// "(SELECT id FROM cases WHERE opening_feedback_id = 42)". Trusted SQL from code only, never user input.
struct WebhookSqlField {
  std::string key;
  std::string sql;
};

// The statements that record `event` (one of kWebhookEvents) with `data` (a JSON object, or null for
// {}) for every active endpoint subscribed to it, due at `now`; run them in the transaction of the
// change that causes the event. One INSERT … SELECT: without endpoints it writes nothing. `sql_fields`
// are added to "data" after its own members (replacing a member of the same name).
// Throws std::invalid_argument for an unknown event or non-object data (programming errors).
std::vector<db::Statement> WebhookEventStatements(std::string_view event, const nlohmann::json& data, Micros now,
                                                  const std::vector<WebhookSqlField>& sql_fields = {});

struct WebhookDelivery {
  std::int64_t id = 0;
  std::int64_t endpoint_id = 0;
  std::string endpoint_url;
  std::string event_id;  // the envelope's "id"
  std::string event;
  std::string payload;  // the body, exactly as it is sent
  Micros created_at = 0;
  Micros next_attempt_at = 0;
  std::int64_t attempts = 0;
  std::optional<Micros> delivered_at, failed_at;
  std::optional<std::int64_t> last_status;  // the last HTTP status; empty when never answered
  std::string last_error;
};

// A claimed delivery with what the sender needs to send it.
struct ClaimedDelivery {
  WebhookDelivery delivery;
  std::string secret;
};

// Newest first; only those of `endpoint_id` when given (for the admin page and tests).
Result<std::vector<WebhookDelivery>> ListWebhookDeliveries(db::Connection& c, int limit,
                                                           std::optional<std::int64_t> endpoint_id = std::nullopt);

// Claims up to `limit` deliveries that are due (not delivered, not failed, next_attempt_at <= now, no
// live lease, endpoint active) for `lease` microseconds, counting an attempt; oldest due first. On
// PostgreSQL the claim uses FOR UPDATE SKIP LOCKED, so senders on several nodes never take the same one.
Result<std::vector<ClaimedDelivery>> ClaimDueDeliveries(db::Connection& c, Micros now, int limit, Micros lease);
// The receiver answered 2xx with `status`.
Result<void> MarkDelivered(db::Connection& c, std::int64_t id, int status, Micros now);
// Releases the claim and records the outcome (`status` empty: no answer); due again at `retry_at`.
Result<void> MarkDeliveryRetry(db::Connection& c, std::int64_t id, std::optional<int> status, const std::string& error,
                               Micros retry_at);
// Gives up on the delivery for good, keeping the last outcome as the reason.
Result<void> MarkDeliveryFailed(db::Connection& c, std::int64_t id, std::optional<int> status, const std::string& error,
                                Micros now);
// Deletes delivered and failed deliveries created before `before`; returns how many.
Result<std::int64_t> PruneWebhookDeliveries(db::Connection& c, Micros before);

}  // namespace ks::notify
