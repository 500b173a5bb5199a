#include "surveys/rate_limiter.h"

#include <algorithm>

namespace ks::surveys {

bool RateLimiter::Allow(const std::string& key) {
  const Micros now = clock_.Now();
  const double per_micro = options_.per_minute / (60.0 * kMicrosPerSecond);
  std::lock_guard lock(mutex_);
  if (buckets_.size() >= options_.max_keys) {
    // Forget the buckets that have refilled completely: they hold no information.
    std::erase_if(buckets_, [&](const auto& entry) {
      return entry.second.tokens + (now - entry.second.updated) * per_micro >= options_.burst;
    });
  }
  auto [it, fresh] = buckets_.try_emplace(key, Bucket{options_.burst, now});
  Bucket& b = it->second;
  if (!fresh) b.tokens = std::min(options_.burst, b.tokens + (now - b.updated) * per_micro);
  b.updated = now;
  if (b.tokens < 1) return false;
  b.tokens -= 1;
  return true;
}

}  // namespace ks::surveys
