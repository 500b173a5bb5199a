// The recovery report's arithmetic: which cases count, the rate and its interval, before/after, and the
// paradox test against customers who never had a case.
#include "cases/recovery.h"

#include <gtest/gtest.h>

namespace ks::cases {
namespace {

constexpr auto U = Mood::kUnhappy;
constexpr auto N = Mood::kNeutral;
constexpr auto H = Mood::kHappy;

TEST(Recovery, CountsOnlyCasesWithAFollowUp) {
  const std::vector<RecoveredCase> cases = {{U, H}, {U, N}, {U, U}, {U, std::nullopt}, {std::nullopt, H}};
  const RecoveryReport r = ComputeRecovery(cases, {0, 0, 0});
  EXPECT_EQ(r.closed, 5);
  EXPECT_EQ(r.with_follow_up, 4);
  EXPECT_EQ(r.recovered, 3);
  ASSERT_TRUE(r.rate.has_value());
  EXPECT_DOUBLE_EQ(r.rate->share, 0.75);
  EXPECT_LT(r.rate->low, 0.75);
  EXPECT_GT(r.rate->high, 0.75);
  EXPECT_EQ(r.before, (MoodCounts{3, 0, 0}));  // the unscored opening item is not counted
  EXPECT_EQ(r.after, (MoodCounts{1, 1, 2}));
  EXPECT_FALSE(r.paradox.has_value());  // nobody untroubled to compare with
}

TEST(Recovery, NoFollowUpsMeansNoRate) {
  const RecoveryReport r = ComputeRecovery({{U, std::nullopt}}, {1, 1, 1});
  EXPECT_FALSE(r.rate.has_value());
  EXPECT_FALSE(r.recovered_happy.has_value());
  EXPECT_FALSE(r.paradox.has_value());
  ASSERT_TRUE(r.untroubled_happy.has_value());
  EXPECT_NEAR(r.untroubled_happy->share, 1.0 / 3, 1e-12);
}

TEST(Recovery, TheParadoxIsATestOfTheDifferenceNotAnAssumption) {
  struct Row {
    const char* name;
    int recovered_happy, recovered_neutral;
    MoodCounts untroubled;
    double difference;  // percentage points
    bool significant;
  };
  const Row rows[] = {
      // 90% of 100 recovered happy against 60% of 1000 untroubled: the paradox holds.
      {"holds", 90, 10, {200, 200, 600}, 30.0, true},
      // 60% against 60%: no paradox.
      {"no_difference", 60, 40, {200, 200, 600}, 0.0, false},
      // 5 of 6 against 60%: higher, but too few to tell.
      {"too_few", 5, 1, {200, 200, 600}, (5.0 / 6 - 0.6) * 100, false},
      // 40% against 60%: recovered customers stay less happy.
      {"reversed", 40, 60, {200, 200, 600}, -20.0, true},
  };
  for (const Row& row : rows) {
    std::vector<RecoveredCase> cases;
    for (int i = 0; i < row.recovered_happy; ++i) cases.push_back({U, H});
    for (int i = 0; i < row.recovered_neutral; ++i) cases.push_back({U, N});
    const RecoveryReport r = ComputeRecovery(cases, row.untroubled);
    ASSERT_TRUE(r.paradox.has_value()) << row.name;
    EXPECT_NEAR(r.paradox->difference, row.difference, 1e-9) << row.name;
    EXPECT_EQ(r.paradox->p_value < 0.05, row.significant) << row.name << " p=" << r.paradox->p_value;
  }
}

}  // namespace
}  // namespace ks::cases
