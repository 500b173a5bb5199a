// WebhookSender: the background worker that delivers outgoing webhooks (webhooks.h describes what a
// receiver gets and how to check the signature). Every poll_interval (or at once after Wake()) it
// claims the deliveries that are due, POSTs each one signed with its endpoint's secret, and records the
// result: delivered on a 2xx answer; otherwise (another status, a timeout, no connection) a retry after
// a backoff of first_backoff doubling per attempt up to max_backoff; failed once max_attempts attempts
// were made or the delivery is older than give_up_after. Finished deliveries older than keep_finished
// are deleted, at most once an hour. Any number of nodes may run a sender on one database: claims are
// leases (webhooks.h).
//
// Threads: Start() runs one thread; Stop() wakes and joins it (promptly, except that a request under way
// is finished first, at most `timeout`). RunOnce() does one round on the caller's thread, for tests
// driven by a ManualClock. Counters are atomics, readable from any thread.
#pragma once

#include <atomic>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/background_loop.h"
#include "base/clock.h"
#include "db/connection_pool.h"

namespace ks::notify {

// Lowercase hex HMAC-SHA256 of `message` keyed with `key` (any length, as in RFC 2104).
std::string HmacSha256Hex(std::string_view key, std::string_view message);
// The X-Klantstem-Signature value: "sha256=" + HmacSha256Hex(secret, "<timestamp>.<body>").
std::string WebhookSignature(std::string_view secret, std::int64_t timestamp, std::string_view body);

// What one POST to a receiver came to.
struct WebhookAttempt {
  bool delivered = false;     // a 2xx answer
  std::optional<int> status;  // the HTTP status; empty when there was no answer
  std::string error;          // why it was not delivered: the status and the start of the answer, or the failure
};

// One signed POST of `body` to `url` (http or https, certificates checked against the system CA store;
// redirects not followed), waiting at most `timeout` for the connection and for each read and write.
// Never throws. Exposed for tests; the sender uses it.
WebhookAttempt PostWebhook(const std::string& url, std::string_view event, std::int64_t delivery_id,
                           std::string_view secret, std::int64_t timestamp, const std::string& body, Micros timeout);

class WebhookSender {
 public:
  struct Options {
    Micros poll_interval = 2 * kMicrosPerSecond;            // how often to look for due deliveries; default 2 s
    int batch = 10;                                         // deliveries claimed per round; default 10
    Micros lease = 5LL * 60 * kMicrosPerSecond;             // a claim's lifetime (> batch × timeout); default 5 min
    Micros timeout = 10 * kMicrosPerSecond;                 // connect, write and read timeout; default 10 s
    Micros first_backoff = 30 * kMicrosPerSecond;           // default 30 s, doubling per attempt
    Micros max_backoff = 3600LL * kMicrosPerSecond;         // default 1 hour
    int max_attempts = 10;                                  // default 10 attempts, then failed
    Micros give_up_after = 24LL * 3600 * kMicrosPerSecond;  // default 1 day after the event
    Micros keep_finished = 30LL * 24 * 3600 * kMicrosPerSecond;  // delivered/failed kept 30 days; 0: forever
  };

  WebhookSender(db::ConnectionPool& pool, const Clock& clock, Options options);
  WebhookSender(const WebhookSender&) = delete;
  WebhookSender& operator=(const WebhookSender&) = delete;

  void Start() { loop_.Start(); }
  void Stop() { loop_.Stop(); }
  void Wake() { loop_.Wake(); }
  // Sends what is due now; returns the number of deliveries delivered.
  Result<int> RunOnce();

  // The wait before the next attempt after `attempts` failed ones (1 → first_backoff).
  Micros Backoff(std::int64_t attempts) const;

  std::uint64_t delivered() const { return delivered_.load(); }
  std::uint64_t retried() const { return retried_.load(); }
  std::uint64_t failed() const { return failed_.load(); }

 private:
  db::ConnectionPool& pool_;
  const Clock& clock_;
  const Options options_;
  std::atomic<std::uint64_t> delivered_{0}, retried_{0}, failed_{0};
  std::atomic<Micros> last_prune_{0};
  BackgroundLoop loop_;  // last: stopped before the members it uses go
};

}  // namespace ks::notify
