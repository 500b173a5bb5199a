#include "cases/callback_rotation.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace ks::cases {
namespace {

constexpr Micros kHour = 3600 * kMicrosPerSecond;
constexpr Micros kDay = 24 * kHour;

Micros At(const std::string& rfc3339) {
  auto t = ParseRfc3339(rfc3339);
  EXPECT_TRUE(t.ok()) << rfc3339;
  return t.value_or(0);
}

TimeZone Amsterdam() {
  auto zone = TimeZone::Find("Europe/Amsterdam");
  EXPECT_TRUE(zone.ok());
  return *zone;
}

// ---- Who qualifies --------------------------------------------------------------------------------

struct QualificationCase {
  std::string name;
  std::optional<Score> score;
  bool critical;
  bool qualifies;
};

TEST(QualifiesForExecutiveCallback, AtTheBoundariesOfEveryScale) {
  const std::vector<QualificationCase> cases = {
      {"nps_0", Score{Scale::kNps, 0}, false, true},
      {"nps_3", Score{Scale::kNps, 3}, false, true},
      {"nps_4", Score{Scale::kNps, 4}, false, false},
      {"nps_10", Score{Scale::kNps, 10}, false, false},
      {"nps_below_the_scale", Score{Scale::kNps, -1}, false, false},
      {"grade10_1", Score{Scale::kGrade10, 1}, false, true},
      {"grade10_3", Score{Scale::kGrade10, 3}, false, true},
      {"grade10_4", Score{Scale::kGrade10, 4}, false, false},
      {"grade10_0_is_not_a_grade", Score{Scale::kGrade10, 0}, false, false},
      {"csat5_1", Score{Scale::kCsat5, 1}, false, true},
      {"csat5_2", Score{Scale::kCsat5, 2}, false, false},
      {"stars5_1", Score{Scale::kStars5, 1}, false, true},
      {"stars5_2", Score{Scale::kStars5, 2}, false, false},
      {"no_score", std::nullopt, false, false},
      {"critical_without_score", std::nullopt, true, true},
      {"critical_promoter", Score{Scale::kNps, 9}, true, true},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(QualifiesForExecutiveCallback(c.score, c.critical), c.qualifies) << c.name;
  }
}

// ---- Weeks ----------------------------------------------------------------------------------------

struct WeekCase {
  std::string name;
  std::string instant;
  int iso_year;
  int iso_week;
  LocalDate monday;
  std::string start_utc;
  std::string end_utc;
};

TEST(WeekContaining, IsTheLocalIsoWeekAcrossYearsAndDaylightSaving) {
  const TimeZone zone = Amsterdam();
  const std::vector<WeekCase> cases = {
      {"new_years_day_2027_is_in_week_53_of_2026",
       "2027-01-01T12:00:00Z",
       2026,
       53,
       {2026, 12, 28},
       "2026-12-27T23:00:00Z",
       "2027-01-03T23:00:00Z"},
      {"last_minute_of_sunday_local",
       "2027-01-03T22:59:59Z",
       2026,
       53,
       {2026, 12, 28},
       "2026-12-27T23:00:00Z",
       "2027-01-03T23:00:00Z"},
      {"monday_midnight_local_is_still_sunday_in_utc",
       "2027-01-03T23:00:00Z",
       2027,
       1,
       {2027, 1, 4},
       "2027-01-03T23:00:00Z",
       "2027-01-10T23:00:00Z"},
      {"new_years_eve_2025_is_in_week_1_of_2026",
       "2025-12-31T10:00:00Z",
       2026,
       1,
       {2025, 12, 29},
       "2025-12-28T23:00:00Z",
       "2026-01-04T23:00:00Z"},
      {"spring_forward_week_has_167_hours",
       "2026-03-29T12:00:00Z",
       2026,
       13,
       {2026, 3, 23},
       "2026-03-22T23:00:00Z",
       "2026-03-29T22:00:00Z"},
      {"sunday_night_after_spring_forward",
       "2026-03-29T21:59:59Z",
       2026,
       13,
       {2026, 3, 23},
       "2026-03-22T23:00:00Z",
       "2026-03-29T22:00:00Z"},
      {"monday_after_spring_forward",
       "2026-03-29T22:00:00Z",
       2026,
       14,
       {2026, 3, 30},
       "2026-03-29T22:00:00Z",
       "2026-04-05T22:00:00Z"},
      {"fall_back_week_has_169_hours",
       "2026-10-25T01:30:00Z",
       2026,
       43,
       {2026, 10, 19},
       "2026-10-18T22:00:00Z",
       "2026-10-25T23:00:00Z"},
  };
  for (const auto& c : cases) {
    const LocalWeek week = WeekContaining(zone, At(c.instant));
    EXPECT_EQ(week.iso_year, c.iso_year) << c.name;
    EXPECT_EQ(week.iso_week, c.iso_week) << c.name;
    EXPECT_EQ(week.monday, c.monday) << c.name;
    EXPECT_EQ(FormatRfc3339(week.start), c.start_utc) << c.name;
    EXPECT_EQ(FormatRfc3339(week.end), c.end_utc) << c.name;
  }
  const auto length = [&](const std::string& instant) {
    const LocalWeek week = WeekContaining(zone, At(instant));
    return week.end - week.start;
  };
  EXPECT_EQ(length("2026-03-25T12:00:00Z"), 7 * kDay - kHour);
  EXPECT_EQ(length("2026-10-21T12:00:00Z"), 7 * kDay + kHour);
  EXPECT_EQ(length("2026-11-04T12:00:00Z"), 7 * kDay);
}

TEST(WeeksLater, StepsWholeLocalWeeksForHistoryWindows) {
  const TimeZone zone = Amsterdam();
  const LocalWeek first_of_2027 = WeekContaining(zone, At("2027-01-06T09:00:00Z"));
  const LocalWeek last_of_2026 = WeeksLater(zone, first_of_2027, -1);
  EXPECT_EQ(last_of_2026, WeekContaining(zone, At("2027-01-01T12:00:00Z")));
  EXPECT_EQ(last_of_2026.end, first_of_2027.start);
  EXPECT_EQ(WeeksLater(zone, last_of_2026, 1), first_of_2027);
  EXPECT_EQ(WeeksLater(zone, first_of_2027, 0), first_of_2027);

  // An eight-week (56-day) window reaching back over the autumn DST change starts at local midnight (CEST).
  const LocalWeek this_week = WeekContaining(zone, At("2026-11-18T09:00:00Z"));
  const LocalWeek window_start = WeeksLater(zone, this_week, -8);
  EXPECT_EQ(window_start.monday, (LocalDate{2026, 9, 21}));
  EXPECT_EQ(FormatRfc3339(window_start.start), "2026-09-20T22:00:00Z");
  EXPECT_EQ(this_week.start - window_start.start, 56 * kDay + kHour);
}

// ---- The weekly plan ------------------------------------------------------------------------------

constexpr Micros kMonday = 1'793'606'400 * kMicrosPerSecond;  // 2026-11-02T08:00:00Z

CallbackCandidate Candidate(std::int64_t customer_id, Score score, Micros qualified_at = kMonday,
                            bool critical = false) {
  return {.customer_id = customer_id,
          .case_id = 1000 + customer_id,
          .qualified_at = qualified_at,
          .critical = critical,
          .score = score};
}

// Fresh customers, all nps 0, the oldest first: severity order equals customer id order.
std::vector<CallbackCandidate> FreshCandidates(std::int64_t first_customer_id, int count) {
  std::vector<CallbackCandidate> candidates;
  for (int i = 0; i < count; ++i) {
    candidates.push_back(Candidate(first_customer_id + i, {Scale::kNps, 0}, kMonday + i * kHour));
  }
  return candidates;
}

CallbackPlan Plan(const std::vector<Executive>& executives, const std::vector<CallbackCandidate>& candidates,
                  const CallbackHistory& history = {}) {
  auto plan = PlanWeeklyCallbacks(executives, candidates, history);
  if (!plan.ok()) ADD_FAILURE() << plan.error().ToString();
  return plan.ok() ? *plan : CallbackPlan{};
}

// Per executive id, the customer ids to call in order.
std::map<std::int64_t, std::vector<std::int64_t>> CustomersByExecutive(const CallbackPlan& plan) {
  std::map<std::int64_t, std::vector<std::int64_t>> result;
  for (const auto& executive : plan.executives) {
    auto& customers = result[executive.executive.id];
    for (const auto& callback : executive.callbacks) customers.push_back(callback.candidate.customer_id);
  }
  return result;
}

std::vector<std::int64_t> UnassignedCustomers(const CallbackPlan& plan) {
  std::vector<std::int64_t> customers;
  for (const auto& callback : plan.unassigned) customers.push_back(callback.candidate.customer_id);
  return customers;
}

// Everything in a plan, as text, to compare two plans whole.
std::string Describe(const CallbackPlan& plan) {
  std::string text;
  for (const auto& executive : plan.executives) {
    text += std::to_string(executive.executive.id) + " " + executive.executive.name + ":";
    for (const auto& callback : executive.callbacks) {
      text += " " + std::to_string(callback.candidate.customer_id) + "/" + std::to_string(callback.candidate.case_id);
      for (const auto case_id : callback.other_case_ids) text += "+" + std::to_string(case_id);
      if (callback.continuity) text += "(again)";
    }
    text += "\n";
  }
  text += "unassigned:";
  for (const auto& callback : plan.unassigned) text += " " + std::to_string(callback.candidate.customer_id);
  return text;
}

const std::vector<Executive> kBoard = {{.id = 1, .name = "Anna de Vries", .weekly_quota = 3},
                                       {.id = 2, .name = "Bram Jansen", .weekly_quota = 3},
                                       {.id = 3, .name = "Carla Bakker", .weekly_quota = 3}};

TEST(PlanWeeklyCallbacks, RotationStaysWithinOneOverEightWeeks) {
  struct Simulation {
    std::string name;
    std::vector<int> candidates_per_week;
  };
  const std::vector<Simulation> simulations = {
      {"fewer_than_capacity", {1, 2, 1, 4, 2, 1, 5, 2}},
      {"around_capacity", {9, 7, 10, 8, 9, 4, 11, 6}},
      {"always_more_than_capacity", {15, 12, 20, 10, 14, 30, 12, 13}},
      {"quiet_weeks", {0, 5, 0, 0, 1, 0, 7, 0}},
  };
  for (const auto& simulation : simulations) {
    CallbackHistory history;  // the window covers every earlier week
    std::int64_t next_customer = 1;
    for (size_t week = 0; week < simulation.candidates_per_week.size(); ++week) {
      const int count = simulation.candidates_per_week[week];
      const CallbackPlan plan = Plan(kBoard, FreshCandidates(next_customer, count), history);
      next_customer += count;
      int called = 0;
      for (const auto& executive : plan.executives) {
        EXPECT_LE(executive.callbacks.size(), 3u) << simulation.name << " week " << week;
        history.callbacks_by_executive[executive.executive.id] += static_cast<int>(executive.callbacks.size());
        called += static_cast<int>(executive.callbacks.size());
      }
      EXPECT_EQ(called, std::min(count, 9)) << simulation.name << " week " << week;
      EXPECT_EQ(plan.unassigned.size(), static_cast<size_t>(count - called)) << simulation.name << " week " << week;
      const auto [fewest, most] = std::minmax(
          {history.callbacks_by_executive[1], history.callbacks_by_executive[2], history.callbacks_by_executive[3]});
      EXPECT_LE(most - fewest, 1) << simulation.name << " week " << week;
    }
  }
}

TEST(PlanWeeklyCallbacks, FewestCallbacksInTheWindowGoFirstTiesByLowerId) {
  CallbackHistory history;
  history.callbacks_by_executive = {{1, 4}, {2, 2}, {3, 2}, {99, 0}};  // 99 is no longer an executive
  const CallbackPlan plan = Plan(kBoard, FreshCandidates(1, 5), history);
  // 2 and 3 tie at 2: 2 first, then 3; they tie again at 3; then all three are at 4: 1.
  EXPECT_EQ(CustomersByExecutive(plan),
            (std::map<std::int64_t, std::vector<std::int64_t>>{{1, {5}}, {2, {1, 3}}, {3, {2, 4}}}));
}

TEST(PlanWeeklyCallbacks, AnAwayExecutiveGetsNoneAndCatchesUpAfterwards) {
  std::vector<Executive> executives = kBoard;
  executives[1].weekly_quota = 0;  // Bram is away
  CallbackHistory history;
  CallbackPlan plan = Plan(executives, FreshCandidates(1, 8), history);
  EXPECT_EQ(CustomersByExecutive(plan),
            (std::map<std::int64_t, std::vector<std::int64_t>>{{1, {1, 3, 5}}, {2, {}}, {3, {2, 4, 6}}}));
  EXPECT_EQ(UnassignedCustomers(plan), (std::vector<std::int64_t>{7, 8}));
  ASSERT_EQ(plan.executives.size(), 3u);
  EXPECT_EQ(plan.executives[1].executive.name, "Bram Jansen");

  // Back the next week: Bram has had none, so the first calls are his.
  history.callbacks_by_executive = {{1, 3}, {3, 3}};
  plan = Plan(kBoard, FreshCandidates(9, 4), history);
  EXPECT_EQ(CustomersByExecutive(plan),
            (std::map<std::int64_t, std::vector<std::int64_t>>{{1, {12}}, {2, {9, 10, 11}}, {3, {}}}));

  // Everyone away: every candidate is reported.
  for (auto& executive : executives) executive.weekly_quota = 0;
  plan = Plan(executives, FreshCandidates(1, 2));
  EXPECT_EQ(UnassignedCustomers(plan), (std::vector<std::int64_t>{1, 2}));
}

TEST(PlanWeeklyCallbacks, ContinuityThenRotation) {
  struct ContinuityCase {
    std::string name;
    std::vector<Executive> executives;
    std::map<std::int64_t, std::int64_t> last_executive_by_customer;
    std::map<std::int64_t, std::vector<std::int64_t>> expected;
    std::vector<std::int64_t> continuity;  // customers called again by the same executive
    std::vector<std::int64_t> unassigned;
  };
  std::vector<Executive> anna_takes_one = kBoard;
  anna_takes_one[0].weekly_quota = 1;
  std::vector<Executive> carla_away = kBoard;
  carla_away[2].weekly_quota = 0;
  std::vector<Executive> carla_takes_one = kBoard;
  carla_takes_one[2].weekly_quota = 1;
  std::vector<Executive> two_places = {{.id = 1, .name = "Anna", .weekly_quota = 1},
                                       {.id = 3, .name = "Carla", .weekly_quota = 1}};

  const std::vector<ContinuityCase> cases = {
      {"without_history_rotation_alone", kBoard, {}, {{1, {1, 4}}, {2, {2}}, {3, {3}}}, {}, {}},
      {"the_same_executive_calls_again", kBoard, {{4, 3}}, {{1, {1, 3}}, {2, {2}}, {3, {4}}}, {4}, {}},
      {"continuity_counts_towards_fairness", kBoard, {{1, 3}, {2, 3}}, {{1, {3}}, {2, {4}}, {3, {1, 2}}}, {1, 2}, {}},
      {"a_full_executive_keeps_the_most_severe_returning_customer",
       carla_takes_one,
       {{2, 3}, {3, 3}},
       {{1, {1, 4}}, {2, {3}}, {3, {2}}},
       {2},
       {}},
      {"an_away_executive_leaves_it_to_rotation", carla_away, {{1, 3}}, {{1, {1, 3}}, {2, {2, 4}}, {3, {}}}, {}, {}},
      {"a_former_executive_leaves_it_to_rotation", kBoard, {{1, 42}}, {{1, {1, 4}}, {2, {2}}, {3, {3}}}, {}, {}},
      {"continuity_never_calls_a_customer_severity_left_out", two_places, {{4, 3}}, {{1, {1}}, {3, {2}}}, {}, {3, 4}},
      {"continuity_reserves_room_before_rotation_fills_it",
       anna_takes_one,
       {{4, 1}},
       {{1, {4}}, {2, {1, 3}}, {3, {2}}},
       {4},
       {}},
  };
  for (const auto& c : cases) {
    CallbackHistory history;
    history.last_executive_by_customer = c.last_executive_by_customer;
    const CallbackPlan plan = Plan(c.executives, FreshCandidates(1, 4), history);
    EXPECT_EQ(CustomersByExecutive(plan), c.expected) << c.name;
    std::vector<std::int64_t> continuity;
    for (const auto& executive : plan.executives) {
      for (const auto& callback : executive.callbacks) {
        if (callback.continuity) continuity.push_back(callback.candidate.customer_id);
      }
    }
    std::sort(continuity.begin(), continuity.end());
    EXPECT_EQ(continuity, c.continuity) << c.name;
    EXPECT_EQ(UnassignedCustomers(plan), c.unassigned) << c.name;
  }
}

TEST(PlanWeeklyCallbacks, BeyondCapacityTheLeastSevereAreReported) {
  const std::vector<Executive> executives = {{.id = 7, .name = "Anna", .weekly_quota = 2},
                                             {.id = 8, .name = "Bram", .weekly_quota = 1}};
  const std::vector<CallbackCandidate> candidates = {
      Candidate(1, {Scale::kNps, 3}),     Candidate(2, {Scale::kCsat5, 1}), Candidate(3, {Scale::kNps, 2}),
      Candidate(4, {Scale::kGrade10, 2}), Candidate(5, {Scale::kNps, 1}),
  };
  const CallbackPlan plan = Plan(executives, candidates);
  EXPECT_EQ(CustomersByExecutive(plan), (std::map<std::int64_t, std::vector<std::int64_t>>{{7, {2, 4}}, {8, {5}}}));
  EXPECT_EQ(plan.unassigned.size(), 2u);
  EXPECT_EQ(UnassignedCustomers(plan), (std::vector<std::int64_t>{3, 1}));
  EXPECT_EQ(plan.unassigned[0].candidate.case_id, 1003);
}

TEST(PlanWeeklyCallbacks, MostSevereFirst) {
  const Micros older = kMonday - 3 * kDay;
  // Listed in the expected order; the plan gets them reversed.
  const std::vector<CallbackCandidate> expected_order = {
      Candidate(1, {Scale::kNps, 3}, kMonday, /*critical=*/true),
      Candidate(2, {Scale::kNps, 9}, kMonday, /*critical=*/true),  // critical: ahead of any score
      {.customer_id = 3,
       .case_id = 1003,
       .qualified_at = older,
       .critical = true,
       .score = std::nullopt},                    // no score: after scores
      Candidate(4, {Scale::kGrade10, 1}, older),  // the bottom of each scale is equally bad: oldest first
      Candidate(5, {Scale::kNps, 0}, kMonday),
      Candidate(6, {Scale::kCsat5, 1}, kMonday),  // same score and time: the lower customer id
      Candidate(7, {Scale::kStars5, 1}, kMonday),
      Candidate(8, {Scale::kNps, 1}, kMonday),      // 0.1
      Candidate(9, {Scale::kGrade10, 2}, kMonday),  // 0.11
      Candidate(10, {Scale::kGrade10, 3}, older),   // 0.22
      Candidate(11, {Scale::kNps, 3}, older),       // 0.3
  };
  for (size_t i = 0; i + 1 < expected_order.size(); ++i) {
    EXPECT_TRUE(MoreSevere(expected_order[i], expected_order[i + 1])) << i;
    EXPECT_FALSE(MoreSevere(expected_order[i + 1], expected_order[i])) << i;
  }
  std::vector<CallbackCandidate> reversed(expected_order.rbegin(), expected_order.rend());
  const CallbackPlan plan = Plan({{.id = 1, .name = "Anna", .weekly_quota = 20}}, reversed);
  EXPECT_EQ(CustomersByExecutive(plan),
            (std::map<std::int64_t, std::vector<std::int64_t>>{{1, {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}}}));
}

TEST(PlanWeeklyCallbacks, OneCallPerCustomerCoveringAllTheirCases) {
  const std::vector<CallbackCandidate> candidates = {
      {.customer_id = 5, .case_id = 52, .qualified_at = kMonday, .score = Score{Scale::kNps, 2}},
      {.customer_id = 5, .case_id = 51, .qualified_at = kMonday - kDay, .score = Score{Scale::kNps, 1}},
      {.customer_id = 5, .case_id = 53, .qualified_at = kMonday, .critical = true, .score = std::nullopt},
      {.customer_id = 5, .case_id = 52, .qualified_at = kMonday + kHour, .score = Score{Scale::kNps, 3}},
      {.customer_id = 6, .case_id = 60, .qualified_at = kMonday, .score = Score{Scale::kNps, 0}},
  };
  const CallbackPlan plan = Plan({{.id = 1, .name = "Anna", .weekly_quota = 1}}, candidates);
  ASSERT_EQ(plan.executives[0].callbacks.size(), 1u);
  const PlannedCallback& call = plan.executives[0].callbacks[0];
  EXPECT_EQ(call.candidate.customer_id, 5);
  EXPECT_EQ(call.candidate.case_id, 53);  // the critical case ranks the customer
  EXPECT_EQ(call.other_case_ids, (std::vector<std::int64_t>{51, 52}));
  EXPECT_EQ(UnassignedCustomers(plan), (std::vector<std::int64_t>{6}));
}

TEST(PlanWeeklyCallbacks, TheSameInputInAnyOrderGivesTheSamePlan) {
  std::vector<Executive> executives = kBoard;
  executives.push_back({.id = 4, .name = "Daan Visser", .weekly_quota = 2});
  executives[0].weekly_quota = 0;
  std::vector<CallbackCandidate> candidates;
  for (std::int64_t customer = 1; customer <= 14; ++customer) {
    const Scale scale = customer % 3 == 0 ? Scale::kGrade10 : Scale::kNps;
    candidates.push_back(Candidate(customer, {scale, static_cast<int>(customer % 4) + (scale == Scale::kNps ? 0 : 1)},
                                   kMonday + (customer % 5) * kHour, customer % 7 == 0));
  }
  candidates.push_back(
      {.customer_id = 2, .case_id = 2002, .qualified_at = kMonday, .critical = false, .score = std::nullopt});
  CallbackHistory history;
  history.callbacks_by_executive = {{1, 6}, {2, 3}, {3, 5}, {4, 4}};
  history.last_executive_by_customer = {{5, 4}, {9, 1}, {12, 3}};

  const std::string first = Describe(Plan(executives, candidates, history));
  std::mt19937 random(7);
  for (int round = 0; round < 20; ++round) {
    std::shuffle(executives.begin(), executives.end(), random);
    std::shuffle(candidates.begin(), candidates.end(), random);
    EXPECT_EQ(Describe(Plan(executives, candidates, history)), first) << "round " << round;
  }
}

TEST(PlanWeeklyCallbacks, RejectsNegativeQuotasAndDuplicateExecutives) {
  auto plan = PlanWeeklyCallbacks({{.id = 1, .name = "Anna"}, {.id = 2, .name = "Bram", .weekly_quota = -1}}, {}, {});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().field, "executives[1].weekly_quota");

  plan = PlanWeeklyCallbacks({{.id = 1, .name = "Anna"}, {.id = 2, .name = "Bram"}, {.id = 1, .name = "Anna"}}, {}, {});
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.error().field, "executives[2].id");
  EXPECT_EQ(plan.error().code, ErrorCode::kInvalidArgument);
}

}  // namespace
}  // namespace ks::cases
