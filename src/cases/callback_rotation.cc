#include "cases/callback_rotation.h"

#include <algorithm>
#include <cstddef>
#include <tuple>
#include <utility>

namespace ks::cases {
namespace {

// The highest value on `scale` that still counts among the worst scores.
int WorstScoreMax(Scale scale) {
  switch (scale) {
    case Scale::kNps:
    case Scale::kGrade10: return 3;
    case Scale::kCsat5:
    case Scale::kStars5: return 1;
  }
  return ScaleMin(scale);
}

// Groups the candidates per customer, most severe customer first, each by their most severe candidate.
std::vector<PlannedCallback> CustomersBySeverity(std::vector<CallbackCandidate> candidates) {
  std::sort(candidates.begin(), candidates.end(), MoreSevere);
  std::vector<PlannedCallback> customers;
  std::map<std::int64_t, size_t> index_by_customer;
  for (const auto& candidate : candidates) {
    const auto [it, first] = index_by_customer.emplace(candidate.customer_id, customers.size());
    if (first) {
      customers.push_back({.candidate = candidate, .other_case_ids = {}});
    } else {
      customers[it->second].other_case_ids.push_back(candidate.case_id);
    }
  }
  // Several items of one case can each qualify; the case is listed once.
  for (auto& customer : customers) {
    auto& others = customer.other_case_ids;
    std::erase(others, customer.candidate.case_id);
    std::sort(others.begin(), others.end());
    others.erase(std::unique(others.begin(), others.end()), others.end());
  }
  return customers;
}

}  // namespace

bool QualifiesForExecutiveCallback(const std::optional<Score>& score, bool critical) {
  if (critical) return true;
  return score.has_value() && InScale(score->scale, score->value) && score->value <= WorstScoreMax(score->scale);
}

bool MoreSevere(const CallbackCandidate& a, const CallbackCandidate& b) {
  if (a.critical != b.critical) return a.critical;
  if (a.score.has_value() != b.score.has_value()) return a.score.has_value();
  if (a.score.has_value()) {
    // (va − min_a) / span_a < (vb − min_b) / span_b, in integers so that equal fractions compare equal.
    const auto position = [](const Score& s) { return static_cast<long long>(s.value - ScaleMin(s.scale)); };
    const auto span = [](const Score& s) { return static_cast<long long>(ScaleMax(s.scale) - ScaleMin(s.scale)); };
    const long long lhs = position(*a.score) * span(*b.score);
    const long long rhs = position(*b.score) * span(*a.score);
    if (lhs != rhs) return lhs < rhs;
  }
  return std::tie(a.qualified_at, a.customer_id, a.case_id) < std::tie(b.qualified_at, b.customer_id, b.case_id);
}

Result<CallbackPlan> PlanWeeklyCallbacks(const std::vector<Executive>& executives,
                                         const std::vector<CallbackCandidate>& candidates,
                                         const CallbackHistory& history) {
  std::map<std::int64_t, size_t> input_index_by_id;
  for (size_t i = 0; i < executives.size(); ++i) {
    const std::string field = "executives[" + std::to_string(i) + "]";
    if (executives[i].weekly_quota < 0) {
      return Error::Invalid(field + ".weekly_quota", "the weekly quota " + std::to_string(executives[i].weekly_quota) +
                                                         " is negative (0 means away this week)");
    }
    if (!input_index_by_id.emplace(executives[i].id, i).second) {
      return Error::Invalid(field + ".id", "executive " + std::to_string(executives[i].id) + " is listed twice");
    }
  }

  CallbackPlan plan;
  std::map<std::int64_t, size_t> plan_index_by_id;
  size_t capacity = 0;
  for (const auto& [id, input_index] : input_index_by_id) {
    plan_index_by_id.emplace(id, plan.executives.size());
    plan.executives.push_back({.executive = executives[input_index], .callbacks = {}});
    capacity += static_cast<size_t>(executives[input_index].weekly_quota);
  }

  // 1. Severity: the most severe customers up to the capacity are called.
  std::vector<PlannedCallback> customers = CustomersBySeverity(candidates);
  const size_t called = std::min(capacity, customers.size());
  plan.unassigned.assign(std::make_move_iterator(customers.begin() + static_cast<std::ptrdiff_t>(called)),
                         std::make_move_iterator(customers.end()));
  customers.resize(called);

  std::vector<int> given_this_week(plan.executives.size(), 0);
  const auto has_room = [&](size_t e) { return given_this_week[e] < plan.executives[e].executive.weekly_quota; };
  const size_t nobody = plan.executives.size();
  std::vector<size_t> caller(called, nobody);

  // 2. Continuity: back to the executive who called the customer before, while they have room.
  for (size_t c = 0; c < called; ++c) {
    const auto last = history.last_executive_by_customer.find(customers[c].candidate.customer_id);
    if (last == history.last_executive_by_customer.end()) continue;
    const auto executive = plan_index_by_id.find(last->second);
    if (executive == plan_index_by_id.end() || !has_room(executive->second)) continue;
    caller[c] = executive->second;
    customers[c].continuity = true;
    ++given_this_week[executive->second];
  }

  // 3. Fair rotation: the fewest callbacks over the window and this week; executives are in id order, so
  // the first of equals is the lower id. Capacity covers every called customer, so one always has room.
  std::vector<int> window_count(plan.executives.size(), 0);
  for (size_t e = 0; e < plan.executives.size(); ++e) {
    const auto count = history.callbacks_by_executive.find(plan.executives[e].executive.id);
    if (count != history.callbacks_by_executive.end()) window_count[e] = count->second;
  }
  const auto total = [&](size_t e) { return window_count[e] + given_this_week[e]; };
  for (size_t c = 0; c < called; ++c) {
    if (caller[c] != nobody) continue;
    for (size_t e = 0; e < plan.executives.size(); ++e) {
      if (has_room(e) && (caller[c] == nobody || total(e) < total(caller[c]))) caller[c] = e;
    }
    ++given_this_week[caller[c]];
  }

  for (size_t c = 0; c < called; ++c) {
    plan.executives[caller[c]].callbacks.push_back(std::move(customers[c]));
  }
  return plan;
}

}  // namespace ks::cases
