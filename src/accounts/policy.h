// The permission policy: one function of (actor, action, resource) that every API handler and page
// asks before showing or changing anything (DESIGN §1.5, issue "web application" §2).
//
//   action                 admin  coordinator  executive  manager            employee
//   view feedback          all    all          all        own units+children all (the wall)
//   view reporter          yes    yes          own only   own only           own only
//   view customer identity yes    yes          yes        yes                setting (default no)
//   view customer page     yes    yes          yes        yes                yes (no identity)
//   export data            yes    yes          no         no                 no
//   executive callbacks    yes    yes          yes        no                 no
//   manage actions         yes    yes          no         no                 no   (triage, plans, decisions)
//   manage users/units/API keys/settings, view audit log: admin only
//
// "Own only" means the reporter is shown to the person who reported the item. Pure; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

#include "accounts/user.h"

namespace ks {

enum class Action {
  kViewFeedback,
  kViewReporter,
  kViewCustomerIdentity,
  kViewCustomerPage,
  kExportData,
  kManageUsers,
  kManageUnits,
  kManageApiKeys,
  kManageSettings,
  kViewAuditLog,
  kManageSurveys,       // survey definitions, their links and QR codes, and response rates
  kExecutiveCallbacks,  // the executives' weekly callbacks, their report, and the client seat
  kManageActions,       // triage of feedback, action plans and their decisions (the neutral coordinator)
};

inline constexpr Action kAllActions[] = {
    Action::kViewFeedback,   Action::kViewReporter, Action::kViewCustomerIdentity, Action::kViewCustomerPage,
    Action::kExportData,     Action::kManageUsers,  Action::kManageUnits,          Action::kManageApiKeys,
    Action::kManageSettings, Action::kViewAuditLog, Action::kManageSurveys,        Action::kExecutiveCallbacks,
    Action::kManageActions,
};

std::string_view ActionName(Action action);

// Who is asking, with what the policy needs to know about them.
struct Actor {
  std::int64_t user_id = 0;
  Role role = Role::kEmployee;
  // For managers: their unit and every unit below it. Empty for a manager without a unit (who then
  // sees no unit's feedback).
  std::vector<std::int64_t> unit_scope;
  // The organisation setting "employees see customer names".
  bool employees_see_customer_names = false;

  bool InScope(std::optional<std::int64_t> unit_id) const;
};

// What the action is about; empty fields mean "not about a particular unit / reporter".
struct Resource {
  std::optional<std::int64_t> unit_id;
  std::optional<std::int64_t> reporter_id;
};

bool Can(const Actor& actor, Action action, const Resource& resource = {});

}  // namespace ks
