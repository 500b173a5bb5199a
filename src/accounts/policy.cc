#include "accounts/policy.h"

#include <algorithm>

namespace ks {

std::string_view ActionName(Action action) {
  switch (action) {
    case Action::kViewFeedback: return "view feedback";
    case Action::kViewReporter: return "view reporter";
    case Action::kViewCustomerIdentity: return "view customer identity";
    case Action::kViewCustomerPage: return "view customer page";
    case Action::kExportData: return "export data";
    case Action::kManageUsers: return "manage users";
    case Action::kManageUnits: return "manage units";
    case Action::kManageApiKeys: return "manage API keys";
    case Action::kManageSettings: return "manage settings";
    case Action::kViewAuditLog: return "view audit log";
    case Action::kManageSurveys: return "manage surveys";
    case Action::kExecutiveCallbacks: return "executive callbacks";
    case Action::kManageActions: return "manage actions";
  }
  return "?";
}

bool Actor::InScope(std::optional<std::int64_t> unit_id) const {
  return unit_id && std::find(unit_scope.begin(), unit_scope.end(), *unit_id) != unit_scope.end();
}

bool Can(const Actor& actor, Action action, const Resource& resource) {
  const Role role = actor.role;
  const bool sees_all = role == Role::kAdmin || role == Role::kCoordinator;
  switch (action) {
    case Action::kViewFeedback: return role != Role::kManager || actor.InScope(resource.unit_id);
    case Action::kViewReporter: return sees_all || (resource.reporter_id && *resource.reporter_id == actor.user_id);
    case Action::kViewCustomerIdentity: return role != Role::kEmployee || actor.employees_see_customer_names;
    case Action::kViewCustomerPage: return true;
    case Action::kExportData:
    case Action::kManageSurveys:
    case Action::kManageActions: return sees_all;
    case Action::kExecutiveCallbacks: return sees_all || role == Role::kExecutive;
    case Action::kManageUsers:
    case Action::kManageUnits:
    case Action::kManageApiKeys:
    case Action::kManageSettings:
    case Action::kViewAuditLog: return role == Role::kAdmin;
  }
  return false;
}

}  // namespace ks
