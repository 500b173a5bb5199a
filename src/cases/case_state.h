// The life of a case as a state machine: new → contacted → in progress → resolved → closed, and
// reopened from resolved or closed (a reopened case is worked again: contacted or in progress next).
// Every change is an action by a named user at a time; the machine says which actions a state allows
// and what they lead to, and refuses the others with a reason a person can act on. Pure; thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/result.h"

namespace ks::cases {

enum class CaseState { kNew, kContacted, kInProgress, kResolved, kClosed, kReopened };

enum class CaseAction {
  kRecordContact,  // the customer was reached (a call answered, an e-mail sent from the case)
  kStartWork,      // someone works on it (possibly before reaching the customer)
  kResolve,        // a resolution is recorded
  kClose,          // root cause and resolution known: done
  kReopen,         // the customer came back, or the resolution did not hold
};

// "new", "contacted", "in_progress", "resolved", "closed", "reopened".
std::string_view CaseStateName(CaseState state);
std::optional<CaseState> ParseCaseState(std::string_view name);
// "record_contact", "start_work", "resolve", "close", "reopen".
std::string_view CaseActionName(CaseAction action);
std::optional<CaseAction> ParseCaseAction(std::string_view name);

// What an action needs besides the state.
struct ActionDetails {
  std::string resolution;  // kResolve and kClose: what was done (required)
  std::string root_cause;  // kClose: the root-cause category (required)
  // kClose without a recorded contact is allowed only when the customer refused contact; the case
  // then records "not contacted: no consent".
  bool customer_refused_contact = false;
  bool contacted_before = false;  // whether the case has a recorded contact
};

// The state after `action` in `state`, or kInvalidArgument ("action") naming why it is not allowed
// (e.g. closing without a root cause, or closing a case nobody contacted while the customer consented).
Result<CaseState> Transition(CaseState state, CaseAction action, const ActionDetails& details);

// The actions `state` allows (for the buttons on the case page), in workflow order.
std::vector<CaseAction> AllowedActions(CaseState state);

// Whether the case still needs work (counts for overdue and the owners' inboxes).
bool IsOpen(CaseState state);

}  // namespace ks::cases
