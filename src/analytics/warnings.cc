#include "analytics/warnings.h"

#include <fmt/format.h>

#include "stats/descriptive.h"

namespace ks::analytics {
namespace {

// The mean at which a scale's average "looks fine" to a reader; nullopt for nps, whose own number
// already counts the detractors.
std::optional<double> AcceptableMean(Scale scale) {
  switch (scale) {
    case Scale::kGrade10: return 6.5;
    case Scale::kCsat5:
    case Scale::kStars5: return 3.5;
    case Scale::kNps: return std::nullopt;
  }
  return std::nullopt;
}

}  // namespace

std::vector<Warning> WarningsFor(const WarningInput& in) {
  std::vector<Warning> out;
  if (in.n == 0) return out;
  const auto acceptable = AcceptableMean(in.scale);
  if (acceptable && in.mean && *in.mean >= *acceptable) {
    const bool many_unhappy = in.unhappy_share >= kUnhappyShareAlarm;
    const bool bimodal = in.bimodality && *in.bimodality > stats::kBimodalityThreshold;
    if (many_unhappy || bimodal) {
      std::string why =
          many_unhappy ? fmt::format("{:.0f}% of the answers are unhappy", 100 * in.unhappy_share) : std::string();
      if (bimodal) {
        if (!why.empty()) why += " and ";
        why += fmt::format("the answers fall in two groups (bimodality {:.2f})", *in.bimodality);
      }
      out.push_back({"hidden_seven", fmt::format("the mean {:.1f} looks acceptable, but {}", *in.mean, why)});
    }
  }
  if (in.n < kMinAnswers) {
    out.push_back(
        {"too_few_answers", fmt::format("only {} answers; at least {} are needed to compare", in.n, kMinAnswers)});
  } else if (in.nps && (in.nps->high - in.nps->low) / 2 > kMaxNpsHalfWidth) {
    out.push_back(
        {"too_few_answers", fmt::format("the NPS is uncertain by ±{:.0f} points (95% interval {:.0f} to {:.0f})",
                                        (in.nps->high - in.nps->low) / 2, in.nps->low, in.nps->high)});
  }
  if (in.change && in.change->p_value < kSignificance) {
    const char* unit = in.scale == Scale::kNps ? "NPS points" : "points of unhappy share";
    out.push_back({"significant_change", fmt::format("{:+.1f} {} against the previous period (p = {:.3f})",
                                                     in.change->difference, unit, in.change->p_value)});
  }
  return out;
}

}  // namespace ks::analytics
