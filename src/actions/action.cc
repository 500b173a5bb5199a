#include "actions/action.h"

#include <utility>

namespace ks::actions {
namespace {

constexpr std::pair<ActionStatus, std::string_view> kStatusNames[] = {{ActionStatus::kProposed, "proposed"},
                                                                      {ActionStatus::kDecided, "decided"},
                                                                      {ActionStatus::kInProgress, "in_progress"},
                                                                      {ActionStatus::kDone, "done"}};
constexpr std::pair<Decision, std::string_view> kDecisionNames[] = {
    {Decision::kDo, "do"}, {Decision::kNotNow, "not_now"}, {Decision::kWont, "wont"}};
constexpr std::pair<ActionStep, std::string_view> kStepNames[] = {
    {ActionStep::kDecide, "decide"}, {ActionStep::kStart, "start"}, {ActionStep::kFinish, "finish"}};

template <typename T, size_t N>
std::string_view NameOf(const std::pair<T, std::string_view> (&names)[N], T value) {
  for (const auto& [v, name] : names) {
    if (v == value) return name;
  }
  return "";
}

template <typename T, size_t N>
std::optional<T> Parse(const std::pair<T, std::string_view> (&names)[N], std::string_view name) {
  for (const auto& [v, n] : names) {
    if (n == name) return v;
  }
  return std::nullopt;
}

StepCheck Refuse(ActionStatus status, std::string why) { return {false, status, std::move(why)}; }

}  // namespace

std::string_view StatusName(ActionStatus status) { return NameOf(kStatusNames, status); }
std::optional<ActionStatus> ParseStatus(std::string_view name) { return Parse(kStatusNames, name); }
std::string_view DecisionName(Decision decision) { return NameOf(kDecisionNames, decision); }
std::optional<Decision> ParseDecision(std::string_view name) { return Parse(kDecisionNames, name); }
std::string_view StepName(ActionStep step) { return NameOf(kStepNames, step); }

StepCheck CheckStep(ActionStatus status, std::optional<Decision> decision, ActionStep step) {
  switch (step) {
    case ActionStep::kDecide:
      if (status == ActionStatus::kInProgress) return Refuse(status, "work has started: the decision stands");
      if (status == ActionStatus::kDone) return Refuse(status, "the action is done");
      return {true, ActionStatus::kDecided, ""};
    case ActionStep::kStart:
      if (status == ActionStatus::kProposed) {
        return Refuse(status, "decide first: a decision is required before work starts");
      }
      if (status != ActionStatus::kDecided) return Refuse(status, "work has already started");
      if (decision != Decision::kDo) {
        return Refuse(status,
                      "the decision is '" + std::string(DecisionName(*decision)) + "': decide 'do' before work starts");
      }
      return {true, ActionStatus::kInProgress, ""};
    case ActionStep::kFinish:
      if (status == ActionStatus::kDone) return Refuse(status, "the action is already done");
      if (status != ActionStatus::kInProgress) return Refuse(status, "start the work before finishing it");
      return {true, ActionStatus::kDone, ""};
  }
  return Refuse(status, "unknown step");
}

}  // namespace ks::actions
