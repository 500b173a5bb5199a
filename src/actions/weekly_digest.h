// The weekly "you said, we did" digest (issue 8 §6): from Monday 08:00 in the organisation's time zone,
// every active user gets one mail with the decisions and completions of the week before (none when
// there were none). Recorded in the transaction that puts the mail in the outbox (action_digests), so
// it goes once per user and week however many nodes run. DigestSender runs it in the background.
// Thread-safe.
#pragma once

#include <string>

#include "base/background_loop.h"
#include "base/clock.h"
#include "db/connection_pool.h"

namespace ks::actions {

inline constexpr int kWeeklyDigestMinuteOfDay = 8 * 60;

// Queues the digests still due now; returns how many.
Result<size_t> SendWeeklyDigests(db::ConnectionPool& pool, const Clock& clock, const std::string& base_url);

class DigestSender {
 public:
  DigestSender(db::ConnectionPool& pool, const Clock& clock, std::string base_url,
               Micros interval = 300 * kMicrosPerSecond);  // 5 minutes
  void Start() { loop_.Start(); }
  void Stop() { loop_.Stop(); }

 private:
  bool Step();

  db::ConnectionPool& pool_;
  const Clock& clock_;
  std::string base_url_;
  BackgroundLoop loop_;
};

}  // namespace ks::actions
