#include "actions/action.h"

#include <gtest/gtest.h>

namespace ks::actions {
namespace {

TEST(ActionStatusTest, DecisionIsRequiredBeforeWorkAndOnlyDoCanStart) {
  using S = ActionStatus;
  using D = Decision;
  using St = ActionStep;
  struct Row {
    S status;
    std::optional<D> decision;
    St step;
    bool ok;
    S next;
    std::string_view why;
  };
  const Row rows[] = {
      {S::kProposed, std::nullopt, St::kDecide, true, S::kDecided, ""},
      {S::kProposed, std::nullopt, St::kStart, false, S::kProposed, "decide first"},
      {S::kProposed, std::nullopt, St::kFinish, false, S::kProposed, "start the work"},
      {S::kDecided, D::kNotNow, St::kDecide, true, S::kDecided, ""},  // "not now" may become "do"
      {S::kDecided, D::kDo, St::kStart, true, S::kInProgress, ""},
      {S::kDecided, D::kNotNow, St::kStart, false, S::kDecided, "'not_now'"},
      {S::kDecided, D::kWont, St::kStart, false, S::kDecided, "'wont'"},
      {S::kDecided, D::kDo, St::kFinish, false, S::kDecided, "start the work"},
      {S::kInProgress, D::kDo, St::kDecide, false, S::kInProgress, "the decision stands"},
      {S::kInProgress, D::kDo, St::kStart, false, S::kInProgress, "already started"},
      {S::kInProgress, D::kDo, St::kFinish, true, S::kDone, ""},
      {S::kDone, D::kDo, St::kDecide, false, S::kDone, "done"},
      {S::kDone, D::kDo, St::kStart, false, S::kDone, "already started"},
      {S::kDone, D::kDo, St::kFinish, false, S::kDone, "already done"},
  };
  for (const Row& row : rows) {
    const StepCheck check = CheckStep(row.status, row.decision, row.step);
    SCOPED_TRACE(std::string(StatusName(row.status)) + " " + std::string(StepName(row.step)));
    EXPECT_EQ(check.ok, row.ok);
    EXPECT_EQ(check.next, row.next);
    EXPECT_NE(check.why.find(row.why), std::string::npos) << check.why;
    if (!row.ok) {
      EXPECT_FALSE(check.why.empty());
    }
  }
}

TEST(ActionStatusTest, NamesRoundTrip) {
  for (ActionStatus s :
       {ActionStatus::kProposed, ActionStatus::kDecided, ActionStatus::kInProgress, ActionStatus::kDone}) {
    EXPECT_EQ(ParseStatus(StatusName(s)), s);
  }
  for (Decision d : {Decision::kDo, Decision::kNotNow, Decision::kWont}) EXPECT_EQ(ParseDecision(DecisionName(d)), d);
  EXPECT_EQ(ParseDecision("maybe"), std::nullopt);
  EXPECT_EQ(ParseStatus(""), std::nullopt);
}

}  // namespace
}  // namespace ks::actions
