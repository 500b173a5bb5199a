// MailSender: the background worker that delivers the outbox. Every poll_interval (or at once after
// Wake()) it claims the mails that are due, sends each through the transport, and records the result:
// sent; or, after a failure, a retry with backoff (1 minute, doubling, at most 1 hour); or, once the
// mail is older than give_up_after, failed with the last error as the reason. Any number of nodes
// may run a sender on one database: claims are leases (outbox.h).
//
// Threads: Start() runs one thread; Stop() wakes and joins it (promptly: it waits on a condition
// variable, never in a long sleep). RunOnce() does one round on the caller's thread, for tests driven
// by a ManualClock. Counters are atomics, readable from any thread.
#pragma once

#include <atomic>

#include "base/background_loop.h"
#include "base/clock.h"
#include "db/connection_pool.h"
#include "notify/smtp_transport.h"

namespace ks::notify {

class MailSender {
 public:
  struct Options {
    Micros poll_interval = 2 * kMicrosPerSecond;            // how often to look for due mail; default 2 s
    int batch = 20;                                         // mails claimed per round; default 20
    Micros lease = 5LL * 60 * kMicrosPerSecond;             // a claim's lifetime; default 5 min
    Micros give_up_after = 24LL * 3600 * kMicrosPerSecond;  // default 1 day after the mail was written
    Micros first_backoff = 60 * kMicrosPerSecond;           // default 1 min, doubling per attempt
    Micros max_backoff = 3600LL * kMicrosPerSecond;         // default 1 hour
  };

  MailSender(db::ConnectionPool& pool, MailTransport& transport, const Clock& clock, Options options);
  MailSender(const MailSender&) = delete;
  MailSender& operator=(const MailSender&) = delete;

  void Start() { loop_.Start(); }
  void Stop() { loop_.Stop(); }
  void Wake() { loop_.Wake(); }
  // Delivers what is due now; returns the number of mails sent.
  Result<int> RunOnce();

  std::uint64_t sent() const { return sent_.load(); }
  std::uint64_t retried() const { return retried_.load(); }
  std::uint64_t failed() const { return failed_.load(); }

 private:
  Micros Backoff(std::int64_t attempts) const;

  db::ConnectionPool& pool_;
  MailTransport& transport_;
  const Clock& clock_;
  const Options options_;
  std::atomic<std::uint64_t> sent_{0}, retried_{0}, failed_{0};
  BackgroundLoop loop_;  // last: stopped before the members it uses go
};

}  // namespace ks::notify
