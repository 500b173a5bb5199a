#include "cases/case_state.h"

#include <algorithm>
#include <array>
#include <utility>

namespace ks::cases {
namespace {

constexpr std::array<std::pair<CaseState, std::string_view>, 6> kStates = {{{CaseState::kNew, "new"},
                                                                            {CaseState::kContacted, "contacted"},
                                                                            {CaseState::kInProgress, "in_progress"},
                                                                            {CaseState::kResolved, "resolved"},
                                                                            {CaseState::kClosed, "closed"},
                                                                            {CaseState::kReopened, "reopened"}}};
constexpr std::array<std::pair<CaseAction, std::string_view>, 5> kActions = {
    {{CaseAction::kRecordContact, "record_contact"},
     {CaseAction::kStartWork, "start_work"},
     {CaseAction::kResolve, "resolve"},
     {CaseAction::kClose, "close"},
     {CaseAction::kReopen, "reopen"}}};

template <typename T, size_t N>
std::string_view NameOf(const std::array<std::pair<T, std::string_view>, N>& table, T value) {
  for (const auto& [v, name] : table) {
    if (v == value) return name;
  }
  return "";
}

template <typename T, size_t N>
std::optional<T> ValueOf(const std::array<std::pair<T, std::string_view>, N>& table, std::string_view name) {
  for (const auto& [v, n] : table) {
    if (n == name) return v;
  }
  return std::nullopt;
}

Error Refused(std::string message) { return Error::Invalid("action", std::move(message)); }

}  // namespace

std::string_view CaseStateName(CaseState state) { return NameOf(kStates, state); }
std::optional<CaseState> ParseCaseState(std::string_view name) { return ValueOf(kStates, name); }
std::string_view CaseActionName(CaseAction action) { return NameOf(kActions, action); }
std::optional<CaseAction> ParseCaseAction(std::string_view name) { return ValueOf(kActions, name); }

bool IsOpen(CaseState state) { return state != CaseState::kResolved && state != CaseState::kClosed; }

std::vector<CaseAction> AllowedActions(CaseState state) {
  switch (state) {
    case CaseState::kNew:
    case CaseState::kReopened:
    case CaseState::kContacted:
    case CaseState::kInProgress:
      return {CaseAction::kRecordContact, CaseAction::kStartWork, CaseAction::kResolve, CaseAction::kClose};
    case CaseState::kResolved: return {CaseAction::kClose, CaseAction::kReopen};
    case CaseState::kClosed: return {CaseAction::kReopen};
  }
  return {};
}

Result<CaseState> Transition(CaseState state, CaseAction action, const ActionDetails& details) {
  const auto allowed = AllowedActions(state);
  if (std::find(allowed.begin(), allowed.end(), action) == allowed.end()) {
    return Refused(std::string("a ") + std::string(CaseStateName(state)) + " case cannot " +
                   std::string(CaseActionName(action)));
  }
  switch (action) {
    case CaseAction::kRecordContact:
      // Contact does not move a case back: one already in progress stays in progress.
      return state == CaseState::kInProgress ? CaseState::kInProgress : CaseState::kContacted;
    case CaseAction::kStartWork: return CaseState::kInProgress;
    case CaseAction::kResolve:
      if (details.resolution.empty()) return Refused("resolving needs the resolution: what was done");
      return CaseState::kResolved;
    case CaseAction::kClose:
      if (details.root_cause.empty()) return Refused("closing needs the root cause");
      if (details.resolution.empty()) return Refused("closing needs the resolution: what was done");
      if (!details.contacted_before && !details.customer_refused_contact) {
        return Refused("the customer was never contacted: record the contact first, or that they refused contact");
      }
      return CaseState::kClosed;
    case CaseAction::kReopen: return CaseState::kReopened;
  }
  return Refused("unknown action");
}

}  // namespace ks::cases
