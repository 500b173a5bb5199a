#include "accounts/policy.h"

#include <gtest/gtest.h>

#include <map>

namespace ks {
namespace {

// Every role × action, for an item in the manager's own unit (7), another unit (9), and the rules
// that depend on who reported the item or on the organisation setting.
TEST(PolicyTest, EveryRoleAndAction) {
  struct Expect {
    bool own_unit, other_unit;
  };
  const std::map<Action, std::map<Role, Expect>> table = {
      {Action::kViewFeedback,
       {{Role::kAdmin, {true, true}},
        {Role::kCoordinator, {true, true}},
        {Role::kExecutive, {true, true}},
        {Role::kManager, {true, false}},
        {Role::kEmployee, {true, true}}}},
      {Action::kViewReporter,
       {{Role::kAdmin, {true, true}},
        {Role::kCoordinator, {true, true}},
        {Role::kExecutive, {false, false}},
        {Role::kManager, {false, false}},
        {Role::kEmployee, {false, false}}}},
      {Action::kViewCustomerIdentity,
       {{Role::kAdmin, {true, true}},
        {Role::kCoordinator, {true, true}},
        {Role::kExecutive, {true, true}},
        {Role::kManager, {true, true}},
        {Role::kEmployee, {false, false}}}},
      {Action::kViewCustomerPage,
       {{Role::kAdmin, {true, true}},
        {Role::kCoordinator, {true, true}},
        {Role::kExecutive, {true, true}},
        {Role::kManager, {true, true}},
        {Role::kEmployee, {true, true}}}},
      {Action::kExportData,
       {{Role::kAdmin, {true, true}},
        {Role::kCoordinator, {true, true}},
        {Role::kExecutive, {false, false}},
        {Role::kManager, {false, false}},
        {Role::kEmployee, {false, false}}}},
      {Action::kManageSurveys,
       {{Role::kAdmin, {true, true}},
        {Role::kCoordinator, {true, true}},
        {Role::kExecutive, {false, false}},
        {Role::kManager, {false, false}},
        {Role::kEmployee, {false, false}}}},
      {Action::kExecutiveCallbacks,
       {{Role::kAdmin, {true, true}},
        {Role::kCoordinator, {true, true}},
        {Role::kExecutive, {true, true}},
        {Role::kManager, {false, false}},
        {Role::kEmployee, {false, false}}}},
      {Action::kManageActions,
       {{Role::kAdmin, {true, true}},
        {Role::kCoordinator, {true, true}},
        {Role::kExecutive, {false, false}},
        {Role::kManager, {false, false}},
        {Role::kEmployee, {false, false}}}},
  };
  for (Action admin_only : {Action::kManageUsers, Action::kManageUnits, Action::kManageApiKeys, Action::kManageSettings,
                            Action::kViewAuditLog}) {
    for (Role role : kAllRoles) {
      const bool expected = role == Role::kAdmin;
      Actor actor{1, role, role == Role::kManager ? std::vector<std::int64_t>{7, 8} : std::vector<std::int64_t>{}};
      EXPECT_EQ(Can(actor, admin_only), expected) << ActionName(admin_only) << " " << RoleName(role);
    }
  }
  for (Action action : kAllActions) {
    const auto row = table.find(action);
    if (row == table.end()) continue;  // admin-only actions, above
    for (Role role : kAllRoles) {
      Actor actor{1, role, role == Role::kManager ? std::vector<std::int64_t>{7, 8} : std::vector<std::int64_t>{}};
      const Expect e = row->second.at(role);
      EXPECT_EQ(Can(actor, action, {7, 2}), e.own_unit) << ActionName(action) << " " << RoleName(role);
      EXPECT_EQ(Can(actor, action, {9, 2}), e.other_unit) << ActionName(action) << " " << RoleName(role);
    }
  }
  // The table covers every action.
  for (Action action : kAllActions) {
    const bool admin_only = action == Action::kManageUsers || action == Action::kManageUnits ||
                            action == Action::kManageApiKeys || action == Action::kManageSettings ||
                            action == Action::kViewAuditLog;
    EXPECT_TRUE(admin_only || table.count(action)) << ActionName(action);
  }
}

TEST(PolicyTest, ReportersSeeTheirOwnReportsOnly) {
  for (Role role : {Role::kExecutive, Role::kManager, Role::kEmployee}) {
    Actor actor{42, role, {7}};
    EXPECT_TRUE(Can(actor, Action::kViewReporter, {7, 42})) << RoleName(role);
    EXPECT_FALSE(Can(actor, Action::kViewReporter, {7, 43})) << RoleName(role);
    EXPECT_FALSE(Can(actor, Action::kViewReporter, {7, std::nullopt})) << RoleName(role);
  }
}

TEST(PolicyTest, EmployeesSeeCustomerNamesOnlyWhenTheOrganisationAllowsIt) {
  Actor employee{1, Role::kEmployee, {}, false};
  EXPECT_FALSE(Can(employee, Action::kViewCustomerIdentity));
  employee.employees_see_customer_names = true;
  EXPECT_TRUE(Can(employee, Action::kViewCustomerIdentity));
}

TEST(PolicyTest, ManagerWithoutUnitSeesNoUnitsFeedback) {
  Actor manager{1, Role::kManager, {}};
  EXPECT_FALSE(Can(manager, Action::kViewFeedback, {7, std::nullopt}));
  EXPECT_FALSE(Can(manager, Action::kViewFeedback, {}));
}

}  // namespace
}  // namespace ks
