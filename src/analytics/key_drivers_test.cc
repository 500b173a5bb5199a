#include "analytics/key_drivers.h"

#include <gtest/gtest.h>

#include <random>

namespace ks::analytics {
namespace {

const DriverResult& Find(const KeyDrivers& k, const std::string& key) {
  for (const auto& d : k.drivers) {
    if (d.key == key) return d;
  }
  static const DriverResult none;
  ADD_FAILURE() << "no driver " << key;
  return none;
}

// Simulated responses where delivery drives the score strongly and performs badly, friendliness
// performs well and matters some, and price barely matters.
TEST(KeyDrivers, DeliveryIsTheToDo) {
  std::mt19937 random(7);
  std::uniform_int_distribution<int> bad(1, 3), good(3, 5), any(1, 5);
  std::normal_distribution<double> noise(0, 0.6);
  std::vector<DriverResponse> responses;
  for (int i = 0; i < 600; ++i) {
    const int delivery = bad(random), friendliness = good(random), price = any(random);
    const double score = std::clamp(1.6 * delivery + 0.6 * friendliness + 0.05 * price - 1 + noise(random), 0.0, 10.0);
    responses.push_back({score, {delivery, friendliness, price}});
  }
  responses.push_back({5, {std::nullopt, 4, std::nullopt}});  // incomplete: in the correlations, not the regression
  const KeyDrivers k = AnalyseDrivers({{"delivery", 5}, {"friendliness", 5}, {"price", 5}}, responses);
  EXPECT_EQ(k.responses, 601);
  EXPECT_EQ(k.complete, 600);
  ASSERT_TRUE(k.r_squared);
  EXPECT_GT(*k.r_squared, 0.8);
  EXPECT_EQ(k.drivers[0].key, "delivery");
  EXPECT_EQ(k.drivers[0].quadrant, "fix_first");
  EXPECT_EQ(Find(k, "friendliness").n, 601);
  EXPECT_EQ(Find(k, "friendliness").quadrant, "maintain");
  EXPECT_EQ(Find(k, "price").quadrant, "low_priority");
  EXPECT_GT(Find(k, "delivery").unhappy_share, 0.6);
  EXPECT_NEAR(*Find(k, "delivery").mean, 2.0, 0.15);
  EXPECT_NEAR(Find(k, "delivery").performance, 0.25, 0.05);
  // The quadrants split at the averages of the drivers' importance and performance.
  double importance = 0, performance = 0;
  for (const auto& d : k.drivers) {
    importance += d.importance / 3;
    performance += d.performance / 3;
  }
  EXPECT_NEAR(k.mean_importance, importance, 1e-12);
  EXPECT_NEAR(k.mean_performance, performance, 1e-12);
}

TEST(KeyDrivers, TooFewResponsesStillDescribe) {
  const KeyDrivers k = AnalyseDrivers({{"waiting", 10}}, {{8, {9}}, {3, {2}}});
  EXPECT_FALSE(k.r_squared);  // two responses cannot carry a regression
  ASSERT_EQ(k.drivers.size(), 1U);
  EXPECT_DOUBLE_EQ(*k.drivers[0].mean, 5.5);
  EXPECT_DOUBLE_EQ(k.drivers[0].unhappy_share, 0.5);  // 2 of 10 is unhappy, 9 is not
  EXPECT_FALSE(k.drivers[0].correlation);
  EXPECT_TRUE(AnalyseDrivers({{"waiting", 10}}, {}).drivers[0].quadrant.empty());
}

}  // namespace
}  // namespace ks::analytics
