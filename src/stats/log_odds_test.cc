#include "stats/log_odds.h"

#include <gtest/gtest.h>

namespace ks::stats {
namespace {

// Expected values computed independently: Python with plain floats, the formulas of Monroe, Colaresi &
// Quinn (2008) as written in log_odds.h.
struct Expected {
  const char* term;
  double delta, z;
};

struct LogOddsCase {
  const char* name;
  std::vector<TermCounts> counts;
  std::int64_t n_a, n_b;
  double prior_scale;
  std::vector<Expected> expected;  // in the expected order
};

TEST(LogOdds, ScoresAndOrdersTerms) {
  const LogOddsCase cases[] = {
      {"three terms, small prior",
       {{"wachttijd", 30, 5}, {"vriendelijk", 5, 40}, {"de", 65, 55}},
       100,
       100,
       10,
       {{"wachttijd", 1.8255946229, 4.3072267399},
        {"de", 0.3800646648, 2.1770310377},
        {"vriendelijk", -2.1790772786, -5.4206628067}}},
      // The default prior outweighs these small corpora; "prima" has the same rate in both: δ = 0.
      {"four terms, default prior",
       {{"traag", 12, 2}, {"snel", 3, 18}, {"prima", 40, 60}, {"en", 45, 70}},
       100,
       150,
       500,
       {{"traag", 0.3894647668, 1.6125373327},
        {"prima", 0, 0},
        {"en", -0.0129034048, -0.1545600947},
        {"snel", -0.2265276493, -1.1487048397}}},
  };
  for (const auto& c : cases) {
    const auto scores = LogOddsWithPrior(c.counts, c.n_a, c.n_b, c.prior_scale);
    ASSERT_EQ(scores.size(), c.expected.size()) << c.name;
    for (size_t i = 0; i < scores.size(); ++i) {
      EXPECT_EQ(scores[i].term, c.expected[i].term) << c.name << " rank " << i;
      EXPECT_NEAR(scores[i].delta, c.expected[i].delta, 1e-9) << c.name << " " << scores[i].term;
      EXPECT_NEAR(scores[i].z, c.expected[i].z, 1e-9) << c.name << " " << scores[i].term;
    }
  }
}

TEST(LogOdds, KeepsTheCounts) {
  const auto scores = LogOddsWithPrior({{"traag", 12, 2}}, 100, 150);
  ASSERT_EQ(scores.size(), 1u);
  EXPECT_EQ(scores[0].in_a, 12);
  EXPECT_EQ(scores[0].in_b, 2);
}

TEST(LogOdds, SwappingTheCorporaNegatesZ) {
  const std::vector<TermCounts> counts = {{"wachttijd", 30, 5}, {"vriendelijk", 5, 40}, {"de", 65, 55}};
  std::vector<TermCounts> swapped;
  swapped.reserve(counts.size());
  for (const auto& c : counts) swapped.push_back({c.term, c.in_b, c.in_a});
  const auto scores = LogOddsWithPrior(counts, 100, 120);
  const auto mirrored = LogOddsWithPrior(swapped, 120, 100);
  ASSERT_EQ(scores.size(), mirrored.size());
  for (size_t i = 0; i < scores.size(); ++i) {
    const TermScore& m = mirrored[mirrored.size() - 1 - i];  // the order reverses too
    EXPECT_EQ(m.term, scores[i].term);
    EXPECT_DOUBLE_EQ(m.z, -scores[i].z) << scores[i].term;
    EXPECT_DOUBLE_EQ(m.delta, -scores[i].delta) << scores[i].term;
  }
}

TEST(LogOdds, ATermOnlyInARanksAboveABalancedTerm) {
  const auto scores = LogOddsWithPrior({{"balanced", 20, 20}, {"only in a", 10, 0}, {"only in b", 0, 10}}, 30, 30);
  ASSERT_EQ(scores.size(), 3u);
  EXPECT_EQ(scores[0].term, "only in a");
  EXPECT_GT(scores[0].z, 0);
  EXPECT_EQ(scores[1].term, "balanced");
  EXPECT_NEAR(scores[1].z, 0, 1e-12);
  EXPECT_EQ(scores[2].term, "only in b");
}

TEST(LogOdds, EmptyInputGivesNoScores) { EXPECT_TRUE(LogOddsWithPrior({}, 0, 0).empty()); }

}  // namespace
}  // namespace ks::stats
