// BackgroundLoop: a thread that runs `step` every `interval`, and at once when woken, until stopped.
// `step` returns true when it has more work right now (it runs again without waiting). The background
// senders and workers share it. Start, Stop and Wake may be called from any thread; Stop waits for a
// running step to return. Destruction stops the loop.
#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <mutex>
#include <thread>

#include "base/clock.h"

namespace ks {

class BackgroundLoop {
 public:
  BackgroundLoop(Micros interval, std::function<bool()> step) : interval_(interval), step_(std::move(step)) {}
  ~BackgroundLoop() { Stop(); }
  BackgroundLoop(const BackgroundLoop&) = delete;
  BackgroundLoop& operator=(const BackgroundLoop&) = delete;

  void Start() {
    std::lock_guard lock(mutex_);
    if (thread_.joinable()) return;
    stopping_ = false;
    thread_ = std::thread([this] { Run(); });
  }

  void Stop() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

  void Wake() {
    {
      std::lock_guard lock(mutex_);
      woken_ = true;
    }
    wake_.notify_all();
  }

 private:
  void Run() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      lock.unlock();
      const bool more = step_();
      lock.lock();
      if (!more) {
        wake_.wait_for(lock, std::chrono::microseconds(interval_), [this] { return stopping_ || woken_; });
      }
      woken_ = false;
    }
  }

  const Micros interval_;
  const std::function<bool()> step_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  bool woken_ = false;
  std::thread thread_;
};

}  // namespace ks
