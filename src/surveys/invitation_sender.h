// InvitationSender: the background worker that sends due survey invitations and reminders.
//
// Each pass claims due invitations with a lease (several nodes never send one twice), applies the
// send-time rules (invitation_rules.h) — a skipped invitation records why — and sends the rest:
// e-mail through the outbox in the same transaction that marks the invitation sent (so a crash loses
// neither), SMS through the HTTP provider with the link's token stored first (so a delivered SMS
// never holds a dead link). A failed SMS is retried with backoff (1 minute doubling) and given up
// after 6 attempts.
//
// Threads: Start() runs passes on its own thread every `poll_interval`, or sooner after Wake();
// RunOnce() runs one pass on the caller's thread (tests, with a ManualClock). The counters are atomics.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>

#include "base/background_loop.h"
#include "base/clock.h"
#include "db/connection_pool.h"
#include "notify/sms_transport.h"
#include "web/i18n.h"

namespace ks::surveys {

class InvitationSender {
 public:
  struct Options {
    std::string base_url = "http://127.0.0.1:8080";  // where the survey links point (no trailing slash)
    Micros poll_interval = kMicrosPerSecond;         // how often to look for due invitations; default 1 s
    int batch = 50;                                  // invitations per claim
  };
  struct Counts {
    std::int64_t sent = 0, failed = 0;
    std::map<std::string, std::int64_t> skipped;  // by reason
  };

  // `sms` may be null: SMS invitations are then skipped with reason "no_sms_provider".
  InvitationSender(db::ConnectionPool& pool, const Clock& clock, const web::I18n& texts, notify::SmsTransport* sms,
                   Options options);

  void Start() { loop_.Start(); }
  void Stop() { loop_.Stop(); }
  // Asks the thread for a pass now (after a touchpoint scheduled something due at once).
  void Wake() { loop_.Wake(); }
  // One pass; returns how many invitations it handled (sent, skipped or failed).
  Result<int> RunOnce();

  Counts counts() const;

 private:
  struct Context;
  Result<void> Handle(db::Connection& c, const Context& context, const struct DueInvitation& due);
  void CountSkip(std::string_view reason);

  db::ConnectionPool& pool_;
  const Clock& clock_;
  const web::I18n& texts_;
  notify::SmsTransport* sms_;
  Options options_;
  mutable std::mutex mutex_;  // guards counts_
  Counts counts_;
  BackgroundLoop loop_;  // last: stopped before the members it uses go
};

}  // namespace ks::surveys
