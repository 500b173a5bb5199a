#include "accounts/login_throttle.h"

#include <algorithm>

namespace ks {

Micros LoginThrottle::WaitFor(std::deque<Micros>& failures, int limit, Micros now) const {
  while (!failures.empty() && failures.front() + config_.window <= now) failures.pop_front();
  if (static_cast<int>(failures.size()) < limit) return 0;
  // Wait until enough of the oldest failures have left the window to allow one more attempt.
  return failures[failures.size() - static_cast<size_t>(limit)] + config_.window - now;
}

Micros LoginThrottle::RetryAfter(const std::string& account, const std::string& ip) {
  const Micros now = clock_.Now();
  std::lock_guard lock(mutex_);
  return std::max(WaitFor(by_account_[account], config_.max_failures_per_account, now),
                  WaitFor(by_ip_[ip], config_.max_failures_per_ip, now));
}

void LoginThrottle::RecordFailure(const std::string& account, const std::string& ip) {
  const Micros now = clock_.Now();
  std::lock_guard lock(mutex_);
  by_account_[account].push_back(now);
  by_ip_[ip].push_back(now);
  // Bound the memory an attacker can make us use with many distinct accounts.
  if (by_account_.size() > 100'000) by_account_.clear();
  if (by_ip_.size() > 100'000) by_ip_.clear();
}

void LoginThrottle::RecordSuccess(const std::string& account) {
  std::lock_guard lock(mutex_);
  by_account_.erase(account);
}

}  // namespace ks
