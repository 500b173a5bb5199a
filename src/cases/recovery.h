// Service recovery (issue 7 §6): did closing the loop win the customer back? For every case closed in a
// period, the customer's next scored feedback after the closing (any survey, review or other scored item)
// is its follow-up. Measured, not assumed:
//   recovery rate      the share of cases with a follow-up whose follow-up is no longer unhappy, with its
//                      95% Wilson interval
//   before and after   the classes (unhappy / neutral / happy) of the items that opened the cases against
//                      those of their follow-ups
//   recovery paradox   the share of happy follow-ups of recovered customers against the share of happy
//                      scores of customers who never had a case in the same period, with the difference's
//                      z-test — "recovered customers are more loyal than those who never had a problem"
//                      holds only when that difference is positive and significant
// Pure logic plus one loader. Thread-safe.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "db/database.h"
#include "feedback/scale.h"
#include "stats/nps.h"

namespace ks::cases {

// Counts per mood: [unhappy, neutral, happy].
using MoodCounts = std::array<std::int64_t, 3>;

struct RecoveredCase {
  std::optional<Mood> before;  // the opening item's class; none for an item without a score
  std::optional<Mood> after;   // the follow-up's class; none when the customer gave no score since
};

struct RecoveryReport {
  std::int64_t closed = 0;                // cases closed in the period (with a known customer)
  std::int64_t with_follow_up = 0;        // … of which the customer scored again
  std::int64_t recovered = 0;             // … of which the follow-up is not unhappy
  std::optional<stats::Proportion> rate;  // recovered / with_follow_up; none without follow-ups
  MoodCounts before{}, after{};           // of the cases with a follow-up
  MoodCounts untroubled{};                // scores of customers who never had a case, same period
  // Happy share of the recovered customers' follow-ups against the untroubled customers'; none when
  // either side is empty.
  std::optional<stats::Proportion> recovered_happy, untroubled_happy;
  std::optional<stats::ChangeTest> paradox;  // difference = recovered − untroubled, in percentage points
};

RecoveryReport ComputeRecovery(const std::vector<RecoveredCase>& cases, const MoodCounts& untroubled);

// The cases closed in [from, to) and the untroubled customers' scores received in [from, to).
Result<RecoveryReport> LoadRecovery(db::Connection& c, Micros from, Micros to);

}  // namespace ks::cases
