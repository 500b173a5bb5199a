#include "cases/case_state.h"

#include <gtest/gtest.h>

namespace ks::cases {
namespace {

using enum CaseState;
using enum CaseAction;

ActionDetails Contacted() {
  ActionDetails d;
  d.contacted_before = true;
  return d;
}

ActionDetails Done(bool contacted, bool refused = false) {
  ActionDetails d;
  d.resolution = "Nieuw pakket gestuurd";
  d.root_cause = "delivery_partner";
  d.contacted_before = contacted;
  d.customer_refused_contact = refused;
  return d;
}

struct Case {
  const char* name;
  CaseState from;
  CaseAction action;
  ActionDetails details;
  std::optional<CaseState> to;  // nullopt: refused
  const char* reason = "";      // part of the refusal
};

class TransitionTest : public ::testing::TestWithParam<Case> {};

TEST_P(TransitionTest, Moves) {
  const Case& c = GetParam();
  auto result = Transition(c.from, c.action, c.details);
  if (c.to) {
    ASSERT_TRUE(result.ok()) << result.error().ToString();
    EXPECT_EQ(CaseStateName(*result), CaseStateName(*c.to));
  } else {
    ASSERT_FALSE(result.ok()) << "moved to " << CaseStateName(*result);
    EXPECT_EQ(result.error().field, "action");
    EXPECT_NE(result.error().message.find(c.reason), std::string::npos) << result.error().message;
  }
}

INSTANTIATE_TEST_SUITE_P(
    Cases, TransitionTest,
    ::testing::Values(
        Case{"new_contacted", kNew, kRecordContact, {}, kContacted},
        Case{"new_work", kNew, kStartWork, {}, kInProgress},
        Case{"contacted_work", kContacted, kStartWork, Contacted(), kInProgress},
        Case{"contact_keeps_progress", kInProgress, kRecordContact, Contacted(), kInProgress},
        Case{"contacted_again", kContacted, kRecordContact, Contacted(), kContacted},
        Case{"resolve", kInProgress, kResolve, Done(true), kResolved},
        Case{"resolve_needs_resolution", kInProgress, kResolve, Contacted(), std::nullopt, "resolution"},
        Case{"close_resolved", kResolved, kClose, Done(true), kClosed},
        Case{"close_directly", kContacted, kClose, Done(true), kClosed},
        Case{"close_needs_root_cause", kResolved, kClose,
             [] {
               ActionDetails d = Done(true);
               d.root_cause.clear();
               return d;
             }(),
             std::nullopt, "root cause"},
        Case{"close_needs_contact", kNew, kClose, Done(false), std::nullopt, "never contacted"},
        Case{"close_without_consent", kNew, kClose, Done(false, true), kClosed},
        Case{"reopen_closed", kClosed, kReopen, {}, kReopened},
        Case{"reopen_resolved", kResolved, kReopen, {}, kReopened},
        Case{"reopened_worked_again", kReopened, kStartWork, Contacted(), kInProgress},
        Case{
            "closed_is_final_until_reopened", kClosed, kStartWork, {}, std::nullopt, "a closed case cannot start_work"},
        Case{"resolved_no_work", kResolved, kRecordContact, {}, std::nullopt, "cannot record_contact"},
        Case{"open_cannot_reopen", kInProgress, kReopen, {}, std::nullopt, "cannot reopen"}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(CaseState, NamesRoundTripAndUnknownNamesAreRefused) {
  for (CaseState s : {kNew, kContacted, kInProgress, kResolved, kClosed, kReopened}) {
    EXPECT_EQ(ParseCaseState(CaseStateName(s)), s);
  }
  for (CaseAction a : {kRecordContact, kStartWork, kResolve, kClose, kReopen}) {
    EXPECT_EQ(ParseCaseAction(CaseActionName(a)), a);
  }
  EXPECT_FALSE(ParseCaseState("open").has_value());
  EXPECT_FALSE(ParseCaseAction("delete").has_value());
}

TEST(CaseState, OpenStatesAndTheirActions) {
  for (CaseState s : {kNew, kContacted, kInProgress, kReopened}) EXPECT_TRUE(IsOpen(s)) << CaseStateName(s);
  for (CaseState s : {kResolved, kClosed}) EXPECT_FALSE(IsOpen(s)) << CaseStateName(s);
  EXPECT_EQ(AllowedActions(kClosed), std::vector<CaseAction>{kReopen});
  EXPECT_EQ(AllowedActions(kResolved), (std::vector<CaseAction>{kClose, kReopen}));
  EXPECT_EQ(AllowedActions(kNew).size(), 4U);
}

}  // namespace
}  // namespace ks::cases
