// Clock: where time comes from, injected so that SLA and scheduling logic is tested without sleeping.
// SystemClock is stateless; ManualClock is thread-safe (an atomic).
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>

namespace ks {

// Microseconds since the Unix epoch, UTC: the one time type that is stored and compared.
using Micros = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual Micros Now() const = 0;
};

class SystemClock final : public Clock {
 public:
  Micros Now() const override {
    return std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
  }
};

class ManualClock final : public Clock {
 public:
  explicit ManualClock(Micros start) : now_(start) {}
  Micros Now() const override { return now_.load(); }
  void Set(Micros t) { now_.store(t); }
  void Advance(Micros d) { now_.fetch_add(d); }

 private:
  std::atomic<Micros> now_;
};

inline constexpr Micros kMicrosPerSecond = 1'000'000;

}  // namespace ks
