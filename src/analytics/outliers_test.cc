#include "analytics/outliers.h"

#include <gtest/gtest.h>

namespace ks::analytics {
namespace {

GroupSummary Group(const char* key, std::int64_t unhappy, std::int64_t neutral, std::int64_t happy) {
  GroupSummary g;
  g.key = key;
  g.unhappy = unhappy;
  g.neutral = neutral;
  g.happy = happy;
  g.n = unhappy + neutral + happy;
  return g;
}

Summary With(Scale scale, std::vector<GroupSummary> groups) {
  Summary s;
  s.scale = scale;
  s.groups = std::move(groups);
  for (const auto& g : s.groups) {
    s.total.unhappy += g.unhappy;
    s.total.neutral += g.neutral;
    s.total.happy += g.happy;
    s.total.n += g.n;
  }
  return s;
}

TEST(Outliers, TheShopThatFailsComesFirst) {
  // Hand-computed: "west" has 60/200 unhappy against 60/600 (10%) for the rest: excess 60 − 20 = 40.
  const Summary s = With(Scale::kGrade10, {Group("noord", 30, 150, 120), Group("west", 60, 80, 60),
                                           Group("oost", 30, 150, 120), Group("zuid", 0, 0, 0)});
  const auto out = FindOutliers(s);
  ASSERT_EQ(out.size(), 3U);  // a group without answers is left out
  EXPECT_EQ(out[0].group->key, "west");
  EXPECT_TRUE(out[0].significant);
  EXPECT_NEAR(out[0].excess_unhappy, 40, 1e-9);
  EXPECT_NEAR(out[0].unhappy_vs_rest.difference, 20, 1e-9);
  EXPECT_NEAR(out[0].rest_unhappy.share, 0.1, 1e-12);
  EXPECT_LT(out[0].unhappy.low, 0.3);
  EXPECT_GT(out[0].unhappy.high, 0.3);
  EXPECT_FALSE(out[0].nps_vs_rest);
  // noord and oost have fewer unhappy than the rest (10% against 20%): significant, but below west.
  EXPECT_LT(out[1].excess_unhappy, 0);
}

TEST(Outliers, NpsIsComparedOnTheNpsScale) {
  const Summary s = With(Scale::kNps, {Group("email", 20, 30, 50), Group("sms", 22, 28, 50)});
  const auto out = FindOutliers(s);
  ASSERT_EQ(out.size(), 2U);
  for (const auto& o : out) {
    ASSERT_TRUE(o.nps_vs_rest);
    EXPECT_FALSE(o.significant) << o.group->key;
  }
  EXPECT_EQ(out[0].group->key, "sms");
  EXPECT_NEAR(out[0].nps_vs_rest->difference, -2, 1e-9);  // 28 against 30
}

TEST(Outliers, ASingleGroupHasNoRest) {
  EXPECT_TRUE(FindOutliers(With(Scale::kNps, {Group("all", 5, 5, 5)})).empty());
  EXPECT_TRUE(FindOutliers(With(Scale::kNps, {})).empty());
}

}  // namespace
}  // namespace ks::analytics
