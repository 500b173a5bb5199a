// Warnings that speak for the data, returned with every group of a summary and shown on the pages:
//   hidden_seven        the mean looks acceptable (grade10 ≥ 6.5; csat5 or stars5 ≥ 3.5) while a quarter
//                       or more of the answers is unhappy, or the distribution is bimodal (coefficient
//                       above 5/9 ≈ 0.555);
//   too_few_answers     fewer than 30 answers, or an NPS interval wider than ±20 points;
//   significant_change  the group (a period) differs from the previous period at p < 0.05.
// Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "feedback/scale.h"
#include "stats/nps.h"

namespace ks::analytics {

struct Warning {
  std::string code;     // hidden_seven, too_few_answers, significant_change
  std::string message;  // English, with the figures; pages show their own wording per code
};

struct WarningInput {
  Scale scale = Scale::kNps;
  std::int64_t n = 0;
  std::optional<double> mean;
  double unhappy_share = 0;  // 0..1
  std::optional<double> bimodality;
  std::optional<stats::NpsEstimate> nps;
  std::optional<stats::ChangeTest> change;  // against the previous period
};

inline constexpr std::int64_t kMinAnswers = 30;
inline constexpr double kMaxNpsHalfWidth = 20;
inline constexpr double kUnhappyShareAlarm = 0.25;
inline constexpr double kSignificance = 0.05;

std::vector<Warning> WarningsFor(const WarningInput& in);

}  // namespace ks::analytics
