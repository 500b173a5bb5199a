// RateLimiter: a token bucket per key (the client's IP address), so an anonymous survey link cannot be
// flooded while people on other addresses answer as usual. Each key may make `burst` requests at
// once and gets `per_minute` more each minute. Idle keys are forgotten.
// Thread-safe (one mutex; the work under it is a map lookup).
#pragma once

#include <mutex>
#include <string>
#include <unordered_map>

#include "base/clock.h"

namespace ks::surveys {

class RateLimiter {
 public:
  struct Options {
    double per_minute = 20;  // sustained requests per minute and key
    double burst = 20;       // requests allowed at once
    size_t max_keys = 100'000;
  };
  RateLimiter(const Clock& clock, Options options) : clock_(clock), options_(options) {}

  // True when `key` may make a request now (and counts it).
  bool Allow(const std::string& key);

 private:
  struct Bucket {
    double tokens = 0;
    Micros updated = 0;
  };
  const Clock& clock_;
  Options options_;
  std::mutex mutex_;
  std::unordered_map<std::string, Bucket> buckets_;
};

}  // namespace ks::surveys
