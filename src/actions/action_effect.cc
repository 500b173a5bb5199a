#include "actions/action_effect.h"

#include <algorithm>
#include <map>

namespace ks::actions {

std::vector<std::string> FrequentTopics(const std::vector<FeedbackItem>& items, size_t limit) {
  std::map<std::string, int> counts;
  for (const FeedbackItem& item : items) {
    if (!item.analysis) continue;
    for (const auto& topic : item.analysis->topics) ++counts[topic.key];
  }
  std::vector<std::pair<std::string, int>> ranked(counts.begin(), counts.end());
  std::stable_sort(ranked.begin(), ranked.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
  std::vector<std::string> out;
  for (size_t i = 0; i < ranked.size() && i < limit; ++i) out.push_back(ranked[i].first);
  return out;
}

Result<std::vector<PlanEffect>> MeasurePlanEffect(analytics::AnalyticsService& analytics, const ActionPlan& plan,
                                                  const std::vector<FeedbackItem>& linked, const TimeZone& zone,
                                                  int weeks) {
  std::vector<PlanEffect> out;
  if (!plan.done_at) return out;
  analytics::SummaryQuery unit;
  if (!plan.unit_code.empty()) {
    KS_ASSIGN_OR_RETURN(unit.filter.unit_ids, analytics.UnitWithChildren(plan.unit_code));
    unit.filter.only_listed_units = true;
  }
  std::vector<std::string> topics = FrequentTopics(linked, kMaxEffectTopics);
  topics.insert(topics.begin(), "");
  const LocalDate day = zone.LocalDay(*plan.done_at);
  for (const std::string& topic : topics) {
    analytics::SummaryQuery query = unit;
    if (!topic.empty()) query.filter.topics = {topic};
    Result<analytics::EventEffect> effect = Error::Internal("not measured");
    analytics.index().Read(
        [&](const analytics::Columns& columns) { effect = analytics::MeasureEvent(columns, query, day, weeks); });
    if (!effect.ok()) return effect.error();
    out.push_back(PlanEffect{topic, std::move(*effect)});
  }
  return out;
}

}  // namespace ks::actions
