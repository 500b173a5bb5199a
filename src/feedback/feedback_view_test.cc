#include "feedback/feedback_view.h"

#include <gtest/gtest.h>

namespace ks {
namespace {

std::string Text(const mstch::map& view, const std::string& key) {
  const auto it = view.find(key);
  if (it == view.end()) return "<absent>";
  if (const auto* s = boost::get<std::string>(&it->second)) return *s;
  if (const auto* m = boost::get<mstch::map>(&it->second)) return Text(*m, "label");
  return "<other>";
}

class FeedbackViewTest : public ::testing::Test {
 protected:
  mstch::map View(Role role, std::int64_t user_id, bool employees_see_names) {
    Actor actor{user_id, role, {7}, employees_see_names};
    WebRequest r{request_, std::nullopt, actor, {}, zone_, i18n_.For("en"), {}, ""};
    return FeedbackView(r, item_, true);
  }
  void SetUp() override {
    item_.id = 5;
    item_.input.source = "employee";
    item_.input.channel = "store";
    item_.input.text = "<script>alert(1)</script>";
    item_.input.customer = CustomerRef{"C-1", std::string("Anna de Vries"), {}, {}, {}};
    item_.unit_id = 7;
    item_.input.reported_by = 42;
    item_.reporter_name = "Daan Jansen";
  }
  http::Request request_;
  web::I18n i18n_;
  TimeZone zone_ = TimeZone::Find("Europe/Amsterdam").value();
  FeedbackItem item_;
};

// Who sees the reporter of an employee's report, and the customer's name, by role.
TEST_F(FeedbackViewTest, ReporterAndCustomerNameFollowThePolicy) {
  struct Case {
    Role role;
    std::int64_t user_id;
    bool employees_see_names;
    std::string reporter, customer;
  } cases[] = {
      {Role::kAdmin, 1, false, "Reported by Daan Jansen", "Anna de Vries"},
      {Role::kCoordinator, 1, false, "Reported by Daan Jansen", "Anna de Vries"},
      {Role::kExecutive, 1, false, "Reported by a colleague", "Anna de Vries"},
      {Role::kManager, 1, false, "Reported by a colleague", "Anna de Vries"},
      {Role::kEmployee, 1, false, "Reported by a colleague", "A customer"},
      {Role::kEmployee, 1, true, "Reported by a colleague", "Anna de Vries"},
      {Role::kEmployee, 42, false, "Reported by Daan Jansen", "A customer"},  // the reporter themself
  };
  for (const auto& c : cases) {
    const mstch::map view = View(c.role, c.user_id, c.employees_see_names);
    EXPECT_EQ(Text(view, "reporter"), c.reporter) << RoleName(c.role) << " " << c.user_id;
    EXPECT_EQ(Text(view, "customer"), c.customer) << RoleName(c.role) << " " << c.user_id;
  }
}

TEST_F(FeedbackViewTest, ItemsNotReportedByEmployeesHaveNoReporterLine) {
  item_.input.source = "survey";
  EXPECT_EQ(Text(View(Role::kAdmin, 1, false), "reporter"), "<absent>");
}

}  // namespace
}  // namespace ks
