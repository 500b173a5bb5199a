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
#include <condition_variable>
#include <mutex>
#include <thread>

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

  MailSender(db::ConnectionPool& pool, MailTransport& transport, const Clock& clock, Options options)
      : pool_(pool), transport_(transport), clock_(clock), options_(options) {}
  ~MailSender() { Stop(); }
  MailSender(const MailSender&) = delete;
  MailSender& operator=(const MailSender&) = delete;

  void Start();
  void Stop();
  void Wake();
  // Delivers what is due now; returns the number of mails sent.
  Result<int> RunOnce();

  std::uint64_t sent() const { return sent_.load(); }
  std::uint64_t retried() const { return retried_.load(); }
  std::uint64_t failed() const { return failed_.load(); }

 private:
  void Run();
  Micros Backoff(std::int64_t attempts) const;

  db::ConnectionPool& pool_;
  MailTransport& transport_;
  const Clock& clock_;
  const Options options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
  std::atomic<std::uint64_t> sent_{0}, retried_{0}, failed_{0};
};

}  // namespace ks::notify
