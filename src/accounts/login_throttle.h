// Login throttling: after too many failed logins for one account, or from one IP address, within a
// window, further attempts are refused (without checking the password) until the window has moved
// on. Counts live in this process's memory: with several nodes each node counts on its own, so the
// effective limit is per node — still enough to make password guessing impractical.
//
// Thread-safe.
#pragma once

#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

#include "base/clock.h"

namespace ks {

struct LoginThrottleConfig {
  Micros window = 15LL * 60 * kMicrosPerSecond;  // failures older than this are forgotten. Default 15 min.
  int max_failures_per_account = 5;              // default 5 per window
  int max_failures_per_ip = 20;                  // default 20 per window
};

class LoginThrottle {
 public:
  LoginThrottle(const Clock& clock, LoginThrottleConfig config) : clock_(clock), config_(config) {}

  // 0 when an attempt may go ahead; else the microseconds to wait before the next one.
  Micros RetryAfter(const std::string& account, const std::string& ip);
  void RecordFailure(const std::string& account, const std::string& ip);
  // A successful login clears the account's failures (not the IP's).
  void RecordSuccess(const std::string& account);

 private:
  Micros WaitFor(std::deque<Micros>& failures, int limit, Micros now) const;

  const Clock& clock_;
  const LoginThrottleConfig config_;
  std::mutex mutex_;
  std::unordered_map<std::string, std::deque<Micros>> by_account_;
  std::unordered_map<std::string, std::deque<Micros>> by_ip_;
};

}  // namespace ks
