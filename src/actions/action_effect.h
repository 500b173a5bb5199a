// The effect of a finished action plan (issue 8 §7): the figures of the weeks before and after its
// completion day — the marker it left on the analytics trend — for all feedback of its unit (or of the
// whole organisation) and for each topic its linked feedback is about (the most frequent first), each
// with whether the change is real. Reads the analytics index; thread-safe.
#pragma once

#include <string>
#include <vector>

#include "actions/action.h"
#include "analytics/analytics_service.h"
#include "analytics/events.h"
#include "feedback/feedback.h"

namespace ks::actions {

inline constexpr size_t kMaxEffectTopics = 5;

struct PlanEffect {
  std::string topic;  // empty: the plan's unit (or the whole organisation)
  analytics::EventEffect effect;
};

// Nothing for a plan that is not done. `linked` are the plan's feedback items (for their topics).
Result<std::vector<PlanEffect>> MeasurePlanEffect(analytics::AnalyticsService& analytics, const ActionPlan& plan,
                                                  const std::vector<FeedbackItem>& linked, const TimeZone& zone,
                                                  int weeks = analytics::kDefaultEffectWeeks);

// The topics of `items`, most frequent first (ties by key), at most `limit`.
std::vector<std::string> FrequentTopics(const std::vector<FeedbackItem>& items, size_t limit);

}  // namespace ks::actions
