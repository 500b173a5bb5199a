#include "accounts/login_throttle.h"

#include <gtest/gtest.h>

namespace ks {
namespace {

constexpr Micros kMinute = 60 * kMicrosPerSecond;

TEST(LoginThrottleTest, LocksAnAccountAfterFiveFailuresUntilTheWindowMoves) {
  ManualClock clock(1'000 * kMinute);
  LoginThrottle throttle(clock, {});
  for (int i = 0; i < 5; ++i) {
    EXPECT_EQ(throttle.RetryAfter("a@x.nl", "10.0.0.1"), 0) << i;
    throttle.RecordFailure("a@x.nl", "10.0.0.1");
    clock.Advance(kMinute);
  }
  // First failure at t0, now t0+5 min: wait until t0+15 min.
  EXPECT_EQ(throttle.RetryAfter("a@x.nl", "10.0.0.2"), 10 * kMinute);
  EXPECT_EQ(throttle.RetryAfter("b@x.nl", "10.0.0.1"), 0);  // the IP has 5 of its 20
  clock.Advance(10 * kMinute);
  EXPECT_EQ(throttle.RetryAfter("a@x.nl", "10.0.0.1"), 0);
}

TEST(LoginThrottleTest, LocksAnIpAfterTwentyFailuresAcrossAccounts) {
  ManualClock clock(1'000 * kMinute);
  LoginThrottle throttle(clock, {});
  for (int i = 0; i < 20; ++i) throttle.RecordFailure("user" + std::to_string(i) + "@x.nl", "10.0.0.9");
  EXPECT_GT(throttle.RetryAfter("new@x.nl", "10.0.0.9"), 0);
  EXPECT_EQ(throttle.RetryAfter("new@x.nl", "10.0.0.10"), 0);
}

TEST(LoginThrottleTest, SuccessClearsTheAccount) {
  ManualClock clock(1'000 * kMinute);
  LoginThrottle throttle(clock, {});
  for (int i = 0; i < 4; ++i) throttle.RecordFailure("a@x.nl", "10.0.0.1");
  throttle.RecordSuccess("a@x.nl");
  for (int i = 0; i < 4; ++i) throttle.RecordFailure("a@x.nl", "10.0.0.1");
  EXPECT_EQ(throttle.RetryAfter("a@x.nl", "10.0.0.2"), 0);
}

}  // namespace
}  // namespace ks
