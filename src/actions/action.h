// An action plan (issue 8 §5): what the organisation decided to do about feedback, with its owner, unit,
// due date, status and the decision that must be taken before work starts. Plain data; thread-compatible.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"

namespace ks::actions {

enum class ActionStatus { kProposed, kDecided, kInProgress, kDone };
enum class Decision { kDo, kNotNow, kWont };  // "we will do this", "not now", "we won't"

std::string_view StatusName(ActionStatus status);  // "proposed", "decided", "in_progress", "done"
std::optional<ActionStatus> ParseStatus(std::string_view name);
std::string_view DecisionName(Decision decision);  // "do", "not_now", "wont"
std::optional<Decision> ParseDecision(std::string_view name);

struct ActionPlan {
  std::int64_t id = 0;
  std::string title, description;
  std::optional<std::int64_t> owner_user_id;
  std::string owner_name;
  std::optional<std::int64_t> unit_id;
  std::string unit_code, unit_name;
  std::string due_date;  // YYYY-MM-DD, or empty
  ActionStatus status = ActionStatus::kProposed;
  std::optional<Decision> decision;
  std::string decision_reason;  // readable by customers
  std::optional<Micros> decided_at, done_at;
  std::optional<std::int64_t> event_id;  // the analytics marker of its completion
  Micros created_at = 0, updated_at = 0;
  std::int64_t item_count = 0;  // linked feedback items
};

// The pure rules of the status (state machine): a decision is mandatory before work starts; only "do"
// can be started; a decision may be changed until work starts (a "not now" becomes "do" later); done is
// final. Returns the status after `step`, or kInvalidArgument saying why the step is not allowed now.
enum class ActionStep { kDecide, kStart, kFinish };
std::string_view StepName(ActionStep step);  // "decide", "start", "finish"
struct StepCheck {
  bool ok = false;
  ActionStatus next = ActionStatus::kProposed;
  std::string why;  // when !ok
};
StepCheck CheckStep(ActionStatus status, std::optional<Decision> decision, ActionStep step);

}  // namespace ks::actions
