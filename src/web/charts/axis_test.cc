#include "web/charts/axis.h"

#include <gtest/gtest.h>

#include <limits>
#include <vector>

namespace ks::web::charts {
namespace {

TEST(NiceTicksTest, CoversTheDataWithRoundSteps) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const double inf = std::numeric_limits<double>::infinity();
  struct Case {
    double lo, hi;
    int intervals;
    std::vector<double> ticks;
    int decimals;
  } cases[] = {
      {0, 10, 5, {0, 2, 4, 6, 8, 10}, 0},
      {0, 97, 5, {0, 20, 40, 60, 80, 100}, 0},
      {0, 100, 5, {0, 20, 40, 60, 80, 100}, 0},
      {-23, 41, 5, {-40, -20, 0, 20, 40, 60}, 0},
      {-100, 100, 4, {-100, -50, 0, 50, 100}, 0},
      {0.12, 0.87, 5, {0, 0.2, 0.4, 0.6, 0.8, 1}, 1},
      {0.1, 0.3, 5, {0.1, 0.15, 0.2, 0.25, 0.3}, 2},
      {6.8, 7.9, 5, {6.5, 7, 7.5, 8}, 1},
      {3, 3, 1, {2, 3, 4}, 0},
      {0, 0, 5, {0, 0.2, 0.4, 0.6, 0.8, 1}, 1},
      {5, 5, 5, {4.4, 4.6, 4.8, 5, 5.2, 5.4, 5.6}, 1},
      {10, 0, 5, {0, 2, 4, 6, 8, 10}, 0},  // reversed
      {0, 3, 3, {0, 1, 2, 3}, 0},
      {0, 1, 0, {0, 1}, 0},  // at least one interval
      {1200, 48000, 5, {0, 10000, 20000, 30000, 40000, 50000}, 0},
      {-0.3, -0.1, 4, {-0.3, -0.25, -0.2, -0.15, -0.1}, 2},
      {nan, 5, 5, {0, 0.2, 0.4, 0.6, 0.8, 1}, 1},
      {0, inf, 5, {0, 0.2, 0.4, 0.6, 0.8, 1}, 1},
  };
  for (const auto& c : cases) {
    const AxisTicks t = NiceTicks(c.lo, c.hi, c.intervals);
    EXPECT_EQ(t.values, c.ticks) << c.lo << ".." << c.hi << " / " << c.intervals;
    EXPECT_EQ(t.decimals, c.decimals) << c.lo << ".." << c.hi;
    EXPECT_EQ(t.min, t.values.front());
    EXPECT_EQ(t.max, t.values.back());
  }
}

TEST(NiceTicksTest, AlwaysCoversTheRangeWithFewTicks) {
  for (double lo : {-1234.5, -7.0, -0.02, 0.0, 0.3, 6.0, 99.0}) {
    for (double span : {0.001, 0.7, 3.0, 10.0, 97.0, 12345.0}) {
      for (int intervals : {2, 5, 8}) {
        const AxisTicks t = NiceTicks(lo, lo + span, intervals);
        EXPECT_LE(t.min, lo) << lo << " " << span;
        EXPECT_GE(t.max, lo + span) << lo << " " << span;
        EXPECT_LE(t.values.size(), static_cast<size_t>(intervals) + 2) << lo << " " << span;
        EXPECT_GE(t.values.size(), 2u);
      }
    }
  }
}

TEST(TickLabelTest, UsesTheStepsDecimalsOrTheCallersFormatter) {
  const AxisTicks t = NiceTicks(0, 1, 4);  // 0.25 is not a 1-2-5 step: 0.5
  EXPECT_EQ(t.step, 0.5);
  EXPECT_EQ(TickLabel(0.5, t, {}), "0.5");
  EXPECT_EQ(TickLabel(0, t, {}), "0.0");
  EXPECT_EQ(TickLabel(0.5, t, [](double v) { return std::to_string(static_cast<int>(v * 100)) + "%"; }), "50%");
  const AxisTicks counts = NiceTicks(0, 40, 5);
  EXPECT_EQ(DefaultTickLabel(-0.0, counts), "0");
  EXPECT_EQ(DefaultTickLabel(30, counts), "30");
}

}  // namespace
}  // namespace ks::web::charts
