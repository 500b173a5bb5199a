#include "actions/lead_times.h"

#include <gtest/gtest.h>

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "actions/lead_time_pages.h"

namespace ks::actions {
namespace {

constexpr Micros kHour = Micros{3600} * kMicrosPerSecond;
constexpr Micros kDay = 24 * kHour;
constexpr double kTolerance = 1e-9;

Micros At(const std::string& rfc3339) {
  auto t = ParseRfc3339(rfc3339);
  EXPECT_TRUE(t.ok()) << rfc3339;
  return t.value_or(0);
}

TimeZone Amsterdam() { return TimeZone::Find("Europe/Amsterdam").value(); }

const Micros kReceived = At("2026-03-02T09:00:00Z");

// An item of unit `unit` received at kReceived + `received` with times relative to its receipt.
LeadTimeItem Item(std::optional<Micros> decided, std::optional<Micros> closed, std::optional<Micros> informed,
                  const std::string& unit = "", Micros received = 0) {
  const Micros at = kReceived + received;
  auto plus = [at](std::optional<Micros> d) { return d ? std::optional<Micros>(at + *d) : std::nullopt; };
  return LeadTimeItem{0, unit, at, plus(decided), plus(closed), plus(informed)};
}

void ExpectDays(const std::optional<double>& got, const std::optional<double>& expected, const std::string& what) {
  ASSERT_EQ(got.has_value(), expected.has_value()) << what;
  if (got) {
    EXPECT_NEAR(*got, *expected, kTolerance) << what;
  }
}

TEST(LeadTimes, DecisionTimeIsTheEarlierOfTheActionsDecisionAndTheTriageClose) {
  struct Case {
    const char* what;
    LeadTimeItem item;
    std::optional<Micros> expected;  // after receipt
  };
  const Case cases[] = {
      {"neither", Item(std::nullopt, std::nullopt, std::nullopt), std::nullopt},
      {"the action's decision only", Item(3 * kDay, std::nullopt, std::nullopt), 3 * kDay},
      {"closed in triage only", Item(std::nullopt, 2 * kDay, std::nullopt), 2 * kDay},
      {"closed before the action decided", Item(5 * kDay, kDay, std::nullopt), kDay},
      {"decided before it was closed", Item(kDay, 5 * kDay, std::nullopt), kDay},
      {"being told is not a decision", Item(std::nullopt, std::nullopt, kDay), std::nullopt},
  };
  for (const Case& c : cases) {
    const std::optional<Micros> got = DecisionTime(c.item);
    ASSERT_EQ(got.has_value(), c.expected.has_value()) << c.what;
    if (got) {
      EXPECT_EQ(*got - kReceived, *c.expected) << c.what;
    }
  }
}

TEST(LeadTimes, OneItemCountsAndDays) {
  struct Case {
    const char* what;
    LeadTimeItem item;
    std::int64_t decided, informed;
    std::optional<double> to_decision, to_informed;  // days
  };
  const Case cases[] = {
      {"waiting: counted, no days", Item(std::nullopt, std::nullopt, std::nullopt), 0, 0, std::nullopt, std::nullopt},
      {"decided on its action after two days", Item(2 * kDay, std::nullopt, std::nullopt), 1, 0, 2.0, std::nullopt},
      {"closed with a reason after 36 hours", Item(std::nullopt, 36 * kHour, std::nullopt), 1, 0, 1.5, std::nullopt},
      {"closed, then linked and decided", Item(4 * kDay, kDay, std::nullopt), 1, 0, 1.0, std::nullopt},
      {"decided and told", Item(2 * kDay, std::nullopt, 2 * kDay + 12 * kHour), 1, 1, 2.0, 2.5},
      {"a decision recorded before receipt counts as 0", Item(-kHour, std::nullopt, std::nullopt), 1, 0, 0.0,
       std::nullopt},
      {"told without a recorded decision still counts as told", Item(std::nullopt, std::nullopt, 3 * kDay), 0, 1,
       std::nullopt, 3.0},
  };
  const TimeZone zone = Amsterdam();
  for (const Case& c : cases) {
    const LeadTimes t = ComputeLeadTimes({c.item}, LeadTimeGrouping::kUnit, zone);
    EXPECT_EQ(t.total.items, 1) << c.what;
    EXPECT_EQ(t.total.decided, c.decided) << c.what;
    EXPECT_EQ(t.total.informed, c.informed) << c.what;
    ExpectDays(t.total.to_decision.median_days, c.to_decision, c.what);
    ExpectDays(t.total.to_decision.p90_days, c.to_decision, c.what);
    ExpectDays(t.total.to_informed.median_days, c.to_informed, c.what);
    ExpectDays(t.total.to_informed.p90_days, c.to_informed, c.what);
    ASSERT_TRUE(t.total.informed_share.has_value()) << c.what;
    EXPECT_NEAR(t.total.informed_share->share, static_cast<double>(c.informed), kTolerance) << c.what;
  }
}

TEST(LeadTimes, PercentilesOverTheItemsThatReachedTheStepAndTheShareOverAllItems) {
  // Decided after 1, 2, 3 and 10 days; told after 2 and 4 days; two items still waiting.
  const std::vector<LeadTimeItem> items = {
      Item(kDay, std::nullopt, 2 * kDay),
      Item(std::nullopt, 2 * kDay, std::nullopt),
      Item(3 * kDay, std::nullopt, 4 * kDay),
      Item(10 * kDay, std::nullopt, std::nullopt),
      Item(std::nullopt, std::nullopt, std::nullopt),
      Item(std::nullopt, std::nullopt, std::nullopt),
  };
  const LeadTimes t = ComputeLeadTimes(items, LeadTimeGrouping::kUnit, Amsterdam());
  EXPECT_EQ(t.total.items, 6);
  EXPECT_EQ(t.total.decided, 4);
  EXPECT_EQ(t.total.informed, 2);
  ExpectDays(t.total.to_decision.median_days, 2.5, "median of 1, 2, 3, 10");
  ExpectDays(t.total.to_decision.p90_days, 7.9, "p90 of 1, 2, 3, 10 (rank 2.7)");
  ExpectDays(t.total.to_informed.median_days, 3.0, "median of 2, 4");
  ExpectDays(t.total.to_informed.p90_days, 3.8, "p90 of 2, 4");
  ASSERT_TRUE(t.total.informed_share);
  const stats::Proportion expected = stats::WilsonInterval(2, 6);
  EXPECT_NEAR(t.total.informed_share->share, 2.0 / 6.0, kTolerance);
  EXPECT_NEAR(t.total.informed_share->low, expected.low, kTolerance);
  EXPECT_NEAR(t.total.informed_share->high, expected.high, kTolerance);
  EXPECT_LT(t.total.informed_share->low, 2.0 / 6.0);
  EXPECT_GT(t.total.informed_share->high, 2.0 / 6.0);
}

TEST(LeadTimes, NoItemsGiveNoShareAndNoGroups) {
  const LeadTimes t = ComputeLeadTimes({}, LeadTimeGrouping::kMonth, Amsterdam());
  EXPECT_EQ(t.total.items, 0);
  EXPECT_FALSE(t.total.informed_share);
  EXPECT_FALSE(t.total.to_decision.median_days);
  EXPECT_FALSE(t.total.to_informed.p90_days);
  EXPECT_TRUE(t.groups.empty());
}

TEST(LeadTimes, GroupsByUnitInOrderOfTheirCode) {
  const std::vector<LeadTimeItem> items = {
      Item(kDay, std::nullopt, kDay, "utrecht"),
      Item(std::nullopt, std::nullopt, std::nullopt, "amsterdam"),
      Item(3 * kDay, std::nullopt, std::nullopt, "utrecht"),
      Item(2 * kDay, std::nullopt, 2 * kDay, ""),
  };
  const LeadTimes t = ComputeLeadTimes(items, LeadTimeGrouping::kUnit, Amsterdam());
  struct Expected {
    std::string key;
    std::int64_t items, decided, informed;
    std::optional<double> decision_median;
  };
  const std::vector<Expected> expected = {
      {"", 1, 1, 1, 2.0},
      {"amsterdam", 1, 0, 0, std::nullopt},
      {"utrecht", 2, 2, 1, 2.0},
  };
  ASSERT_EQ(t.groups.size(), expected.size());
  for (size_t i = 0; i < expected.size(); ++i) {
    const LeadTimeGroup& g = t.groups[i];
    EXPECT_EQ(g.key, expected[i].key);
    EXPECT_EQ(g.items, expected[i].items) << g.key;
    EXPECT_EQ(g.decided, expected[i].decided) << g.key;
    EXPECT_EQ(g.informed, expected[i].informed) << g.key;
    ExpectDays(g.to_decision.median_days, expected[i].decision_median, g.key);
  }
  EXPECT_EQ(t.total.key, "");
  EXPECT_EQ(t.total.items, 4);
  EXPECT_EQ(t.total.decided, 3);
  EXPECT_EQ(t.total.informed, 2);
}

TEST(LeadTimes, GroupsByTheLocalMonthOfReceipt) {
  struct Case {
    const char* received;  // RFC 3339
    const char* month;     // in Amsterdam
  };
  const Case cases[] = {
      {"2026-01-15T12:00:00Z", "2026-01"}, {"2026-01-31T22:59:59Z", "2026-01"},  // 23:59:59 CET
      {"2026-01-31T23:00:00Z", "2026-02"},                                       // midnight CET: February already
      {"2026-03-31T21:59:59Z", "2026-03"},                                       // 23:59:59 CEST
      {"2026-03-31T22:30:00Z", "2026-04"},                                       // 00:30 CEST on 1 April
      {"2026-12-31T23:30:00Z", "2027-01"},                                       // a new year in Amsterdam
  };
  const TimeZone zone = Amsterdam();
  for (const Case& c : cases) {
    LeadTimeItem item = Item(std::nullopt, std::nullopt, std::nullopt);
    item.received_at = At(c.received);
    const LeadTimes t = ComputeLeadTimes({item}, LeadTimeGrouping::kMonth, zone);
    ASSERT_EQ(t.groups.size(), 1U) << c.received;
    EXPECT_EQ(t.groups[0].key, c.month) << c.received;
  }
}

TEST(LeadTimes, AnItemCountsInTheMonthItWasReceivedAlsoWhenDecidedLater) {
  // Received in March and decided in May; received in May and told the same week.
  const std::vector<LeadTimeItem> items = {
      Item(60 * kDay, std::nullopt, 61 * kDay),
      Item(kDay, std::nullopt, 2 * kDay, "", 62 * kDay),
  };
  const LeadTimes t = ComputeLeadTimes(items, LeadTimeGrouping::kMonth, Amsterdam());
  ASSERT_EQ(t.groups.size(), 2U);
  EXPECT_EQ(t.groups[0].key, "2026-03");
  ExpectDays(t.groups[0].to_decision.median_days, 60.0, "March");
  ExpectDays(t.groups[0].to_informed.median_days, 61.0, "March");
  EXPECT_EQ(t.groups[1].key, "2026-05");
  ExpectDays(t.groups[1].to_decision.median_days, 1.0, "May");
  ExpectDays(t.total.to_decision.median_days, 30.5, "total");
}

TEST(LeadTimeQuery, LocalDaysBothIncludedDefaultTheLastTwelveMonths) {
  const TimeZone zone = Amsterdam();
  const Micros now = At("2026-06-30T22:30:00Z");  // 1 July 00:30 in Amsterdam
  struct Case {
    const char* what;
    std::multimap<std::string, std::string> query;
    const char* from;  // the instants of the period, or nullptr: refused
    const char* to;
    LeadTimeGrouping grouping;
    const char* field;  // the parameter a refusal names
  };
  const Case cases[] = {
      {"default: from the first of the month 11 months back to today, per month",
       {},
       "2025-08-01T00:00:00+02:00",
       "2026-07-02T00:00:00+02:00",
       LeadTimeGrouping::kMonth,
       ""},
      {"empty values are the defaults",
       {{"from", ""}, {"to", ""}},
       "2025-08-01T00:00:00+02:00",
       "2026-07-02T00:00:00+02:00",
       LeadTimeGrouping::kMonth,
       ""},
      {"local midnights, winter to summer time",
       {{"from", "2026-01-01"}, {"to", "2026-03-31"}, {"group", "unit"}},
       "2026-01-01T00:00:00+01:00",
       "2026-04-01T00:00:00+02:00",
       LeadTimeGrouping::kUnit,
       ""},
      {"one day (the day clocks go forward is 23 hours)",
       {{"from", "2026-03-29"}, {"to", "2026-03-29"}},
       "2026-03-29T00:00:00+01:00",
       "2026-03-30T00:00:00+02:00",
       LeadTimeGrouping::kMonth,
       ""},
      {"not a date", {{"from", "1 March"}}, nullptr, nullptr, LeadTimeGrouping::kMonth, "from"},
      {"not a day", {{"to", "2026-02-30"}}, nullptr, nullptr, LeadTimeGrouping::kMonth, "to"},
      {"ends before it starts",
       {{"from", "2026-03-02"}, {"to", "2026-03-01"}},
       nullptr,
       nullptr,
       LeadTimeGrouping::kMonth,
       "to"},
      {"reporters are not a grouping", {{"group", "reporter"}}, nullptr, nullptr, LeadTimeGrouping::kMonth, "group"},
  };
  for (const Case& c : cases) {
    auto q = ParseLeadTimeQuery(c.query, now, zone);
    if (c.from == nullptr) {
      ASSERT_FALSE(q.ok()) << c.what;
      EXPECT_EQ(q.error().code, ErrorCode::kInvalidArgument) << c.what;
      EXPECT_EQ(q.error().field, c.field) << c.what;
      continue;
    }
    ASSERT_TRUE(q.ok()) << c.what << ": " << q.error().ToString();
    EXPECT_EQ(q->from_at, At(c.from)) << c.what;
    EXPECT_EQ(q->to_at, At(c.to)) << c.what;
    EXPECT_EQ(q->grouping, c.grouping) << c.what;
  }
}

}  // namespace
}  // namespace ks::actions
