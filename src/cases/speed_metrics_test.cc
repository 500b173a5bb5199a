#include "cases/speed_metrics.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ks::cases {
namespace {

constexpr Micros kHour = 3600 * kMicrosPerSecond;
constexpr double kTolerance = 1e-9;

Micros At(const std::string& rfc3339) {
  auto t = ParseRfc3339(rfc3339);
  EXPECT_TRUE(t.ok()) << rfc3339;
  return t.value_or(0);
}

// Monday 2026-01-19 09:00 in Amsterdam; deadlines are given as instants, the calendar only measures durations.
const Micros kOpened = ParseRfc3339("2026-01-19T09:00:00+01:00").value();
const Micros kContactDue = kOpened + 4 * kHour;
const Micros kResolutionDue = kOpened + 48 * kHour;

// A case without unit, owner or deadlines.
CaseTiming Timing(Micros opened_at, std::optional<Micros> contacted, std::optional<Micros> resolved) {
  CaseTiming timing;
  timing.opened_at = opened_at;
  timing.first_contact_at = contacted;
  timing.resolved_at = resolved;
  return timing;
}

CaseTiming Opened(std::optional<Micros> contacted, std::optional<Micros> resolved) {
  CaseTiming timing = Timing(kOpened, contacted, resolved);
  timing.first_contact_due = kContactDue;
  timing.resolution_due = kResolutionDue;
  return timing;
}

struct SlaCase {
  std::string what;
  CaseTiming timing;
  Micros now;
  // within / judged
  std::int64_t contact_within, contact_judged;
  std::int64_t resolution_within, resolution_judged;
  std::int64_t overdue;
};

TEST(SpeedMetricsTest, JudgesEachCaseAgainstItsDeadlinesAtNow) {
  const Micros later = kResolutionDue + 100 * kHour;
  CaseTiming without_deadlines = Opened(std::nullopt, std::nullopt);
  without_deadlines.first_contact_due = kNoDeadline;
  without_deadlines.resolution_due = kNoDeadline;
  CaseTiming contacted_without_deadline = Opened(kOpened + kHour, std::nullopt);
  contacted_without_deadline.first_contact_due = kNoDeadline;

  const std::vector<SlaCase> cases = {
      {"contacted and resolved in time", Opened(kOpened + kHour, kOpened + 5 * kHour), later, 1, 1, 1, 1, 0},
      {"contacted exactly at the deadline", Opened(kContactDue, kOpened + 5 * kHour), later, 1, 1, 1, 1, 0},
      {"contacted late", Opened(kContactDue + 1, kOpened + 5 * kHour), later, 0, 1, 1, 1, 0},
      {"resolved exactly at the deadline", Opened(kOpened + kHour, kResolutionDue), later, 1, 1, 1, 1, 0},
      {"resolved late", Opened(kOpened + kHour, kResolutionDue + 1), later, 1, 1, 0, 1, 0},
      {"open, not contacted, contact not yet due", Opened(std::nullopt, std::nullopt), kContactDue - kHour, 0, 0, 0, 0,
       0},
      {"open, not contacted, now exactly at the deadline", Opened(std::nullopt, std::nullopt), kContactDue, 0, 0, 0, 0,
       0},
      {"open, not contacted, contact past due", Opened(std::nullopt, std::nullopt), kContactDue + 1, 0, 1, 0, 0, 1},
      {"open, contacted in time, resolution past due", Opened(kOpened + kHour, std::nullopt), kResolutionDue + 1, 1, 1,
       0, 1, 1},
      {"open, contacted late, resolution not yet due", Opened(kContactDue + kHour, std::nullopt),
       kContactDue + 2 * kHour, 0, 1, 0, 0, 0},
      {"open and past both deadlines is overdue once", Opened(std::nullopt, std::nullopt), later, 0, 1, 0, 1, 1},
      {"resolved without contact (no consent) is left out of first contact", Opened(std::nullopt, kOpened + 30 * kHour),
       later, 0, 0, 1, 1, 0},
      {"a contact recorded after now is judged by its time", Opened(kOpened + kHour, std::nullopt), kOpened, 1, 1, 0, 0,
       0},
      {"no deadline: never judged, never overdue", without_deadlines, later, 0, 0, 0, 0, 0},
      {"contacted without a first-contact deadline", contacted_without_deadline, later, 0, 0, 0, 1, 1},
  };
  for (const auto& c : cases) {
    const SpeedMetrics metrics =
        ComputeSpeedMetrics({c.timing}, SpeedGrouping::kNone, BusinessCalendar::Default(), c.now);
    const SpeedGroup& total = metrics.total;
    EXPECT_EQ(total.first_contact_within_sla.within, c.contact_within) << c.what;
    EXPECT_EQ(total.first_contact_within_sla.judged, c.contact_judged) << c.what;
    EXPECT_EQ(total.resolution_within_sla.within, c.resolution_within) << c.what;
    EXPECT_EQ(total.resolution_within_sla.judged, c.resolution_judged) << c.what;
    EXPECT_EQ(total.overdue, c.overdue) << c.what;
    EXPECT_EQ(total.first_contact_within_sla.share.has_value(), c.contact_judged > 0) << c.what;
    EXPECT_EQ(total.resolution_within_sla.share.has_value(), c.resolution_judged > 0) << c.what;
  }
}

TEST(SpeedMetricsTest, SharesCarryTheirWilsonInterval) {
  const Micros now = kContactDue + kHour;
  const std::vector<CaseTiming> cases = {
      Opened(kOpened + kHour, std::nullopt),        // within
      Opened(kOpened + 2 * kHour, std::nullopt),    // within
      Opened(kContactDue, std::nullopt),            // within
      Opened(std::nullopt, std::nullopt),           // past due: not within
      Opened(kContactDue + 1, kOpened + 6 * kHour)  // late
  };
  const SpeedMetrics metrics = ComputeSpeedMetrics(cases, SpeedGrouping::kNone, BusinessCalendar::Default(), now);
  const SlaShare& contact = metrics.total.first_contact_within_sla;
  EXPECT_EQ(contact.within, 3);
  EXPECT_EQ(contact.judged, 5);
  ASSERT_TRUE(contact.share.has_value());
  const stats::Proportion expected = stats::WilsonInterval(3, 5);
  EXPECT_DOUBLE_EQ(contact.share->share, 0.6);
  EXPECT_DOUBLE_EQ(contact.share->low, expected.low);
  EXPECT_DOUBLE_EQ(contact.share->high, expected.high);
  EXPECT_EQ(metrics.total.overdue, 1);
  EXPECT_EQ(metrics.total.cases, 5);
  EXPECT_EQ(metrics.total.contacted, 4);
  EXPECT_EQ(metrics.total.resolved, 1);
}

struct DurationCase {
  std::string what;
  std::string opened, event;
  double hours, working_hours;
};

TEST(SpeedMetricsTest, WorkingHoursSkipNightsAndWeekendsWallClockDoesNot) {
  // The default calendar: Monday to Friday 09:00–17:00 in Amsterdam.
  const std::vector<DurationCase> cases = {
      {"Friday 16:00 to Monday 10:00", "2026-01-16T16:00:00+01:00", "2026-01-19T10:00:00+01:00", 66, 2},
      {"Friday 16:00 to Tuesday 12:00", "2026-01-16T16:00:00+01:00", "2026-01-20T12:00:00+01:00", 92, 12},
      {"Saturday to Sunday: no working time", "2026-01-17T10:00:00+01:00", "2026-01-18T15:00:00+01:00", 29, 0},
      {"Friday evening to Monday opening", "2026-01-16T18:00:00+01:00", "2026-01-19T09:00:00+01:00", 63, 0},
      {"within one working day", "2026-01-19T09:30:00+01:00", "2026-01-19T11:00:00+01:00", 1.5, 1.5},
      {"over the spring-forward weekend (a 23-hour Sunday)", "2026-03-27T16:00:00+01:00", "2026-03-30T10:00:00+02:00",
       65, 2},
      {"recorded before opening counts as 0", "2026-01-19T10:00:00+01:00", "2026-01-19T09:00:00+01:00", 0, 0},
  };
  for (const auto& c : cases) {
    const CaseTiming timing = Timing(At(c.opened), At(c.event), At(c.event));
    const SpeedMetrics metrics =
        ComputeSpeedMetrics({timing}, SpeedGrouping::kNone, BusinessCalendar::Default(), At(c.event));
    for (const DurationSummary* d : {&metrics.total.time_to_first_contact, &metrics.total.time_to_resolution}) {
      ASSERT_TRUE(d->median_hours && d->p90_hours && d->median_working_hours && d->p90_working_hours) << c.what;
      EXPECT_NEAR(*d->median_hours, c.hours, kTolerance) << c.what;
      EXPECT_NEAR(*d->p90_hours, c.hours, kTolerance) << c.what;
      EXPECT_NEAR(*d->median_working_hours, c.working_hours, kTolerance) << c.what;
      EXPECT_NEAR(*d->p90_working_hours, c.working_hours, kTolerance) << c.what;
    }
  }
}

TEST(SpeedMetricsTest, PercentilesOverContactedAndResolvedCasesOnly) {
  const Micros monday = At("2026-01-19T09:00:00+01:00");
  const Micros friday = At("2026-01-16T16:00:00+01:00");
  const std::vector<CaseTiming> cases = {
      Timing(monday, monday + kHour, monday + 3 * kHour),      // 1 h to contact, 3 h to resolve
      Timing(monday, monday + 2 * kHour, monday + 5 * kHour),  // 2 h and 5 h
      // Over the weekend: 66 wall-clock hours, 2 working hours.
      Timing(friday, At("2026-01-19T10:00:00+01:00"), std::nullopt),
      Timing(monday, std::nullopt, std::nullopt),  // neither contacted nor resolved: in no percentile
  };
  const SpeedMetrics metrics =
      ComputeSpeedMetrics(cases, SpeedGrouping::kNone, BusinessCalendar::Default(), monday + 10 * kHour);
  const DurationSummary& contact = metrics.total.time_to_first_contact;
  // Wall-clock {1, 2, 66}: median 2, p90 at rank 1.8 = 2 + 0.8 · 64.
  EXPECT_NEAR(*contact.median_hours, 2, kTolerance);
  EXPECT_NEAR(*contact.p90_hours, 53.2, kTolerance);
  // Working {1, 2, 2}: median 2, p90 2.
  EXPECT_NEAR(*contact.median_working_hours, 2, kTolerance);
  EXPECT_NEAR(*contact.p90_working_hours, 2, kTolerance);
  const DurationSummary& resolution = metrics.total.time_to_resolution;
  // {3, 5}: median 4, p90 at rank 0.9 = 3 + 0.9 · 2.
  EXPECT_NEAR(*resolution.median_hours, 4, kTolerance);
  EXPECT_NEAR(*resolution.p90_hours, 4.8, kTolerance);
  EXPECT_NEAR(*resolution.median_working_hours, 4, kTolerance);
  EXPECT_EQ(metrics.total.contacted, 3);
  EXPECT_EQ(metrics.total.resolved, 2);
}

struct GroupCounts {
  std::string key;
  std::int64_t cases, contacted, overdue;
};

struct GroupingCase {
  std::string what;
  SpeedGrouping grouping;
  std::vector<GroupCounts> expected;
};

TEST(SpeedMetricsTest, GroupsByUnitOwnerAndLocalMonthOfOpening) {
  const Micros now = At("2026-03-10T12:00:00+01:00");
  const auto timing = [](std::string unit, std::string owner, const std::string& opened, bool contacted) {
    const Micros opened_at = At(opened);
    CaseTiming c = Timing(opened_at, contacted ? std::optional<Micros>(opened_at + kHour) : std::nullopt, std::nullopt);
    c.unit = std::move(unit);
    c.owner = std::move(owner);
    c.first_contact_due = opened_at + 4 * kHour;
    return c;
  };
  const std::vector<CaseTiming> cases = {
      // 23:30 local on 31 January is 22:30 UTC: January.
      timing("north", "anna@example.nl", "2026-01-31T23:30:00+01:00", true),
      // 00:30 local on 1 February is still 31 January in UTC: February.
      timing("north", "bram@example.nl", "2026-02-01T00:30:00+01:00", false),
      timing("south", "anna@example.nl", "2026-02-14T10:00:00+01:00", true),
      timing("", "", "2026-03-02T10:00:00+01:00", false),
  };
  const std::vector<GroupingCase> groupings = {
      {"none: the total only", SpeedGrouping::kNone, {}},
      {"unit, the case without a unit under the empty key first",
       SpeedGrouping::kUnit,
       {{"", 1, 0, 1}, {"north", 2, 1, 1}, {"south", 1, 1, 0}}},
      {"owner", SpeedGrouping::kOwner, {{"", 1, 0, 1}, {"anna@example.nl", 2, 2, 0}, {"bram@example.nl", 1, 0, 1}}},
      {"month of opening in Amsterdam",
       SpeedGrouping::kMonth,
       {{"2026-01", 1, 1, 0}, {"2026-02", 2, 1, 1}, {"2026-03", 1, 0, 1}}},
  };
  for (const auto& g : groupings) {
    const SpeedMetrics metrics = ComputeSpeedMetrics(cases, g.grouping, BusinessCalendar::Default(), now);
    ASSERT_EQ(metrics.groups.size(), g.expected.size()) << g.what;
    for (size_t i = 0; i < g.expected.size(); ++i) {
      const SpeedGroup& got = metrics.groups[i];
      EXPECT_EQ(got.key, g.expected[i].key) << g.what;
      EXPECT_EQ(got.cases, g.expected[i].cases) << g.what << " " << got.key;
      EXPECT_EQ(got.contacted, g.expected[i].contacted) << g.what << " " << got.key;
      EXPECT_EQ(got.overdue, g.expected[i].overdue) << g.what << " " << got.key;
      EXPECT_EQ(got.first_contact_within_sla.judged, g.expected[i].cases) << g.what << " " << got.key;
    }
    EXPECT_EQ(metrics.total.key, "") << g.what;
    EXPECT_EQ(metrics.total.cases, 4) << g.what;
    EXPECT_EQ(metrics.total.contacted, 2) << g.what;
    EXPECT_EQ(metrics.total.overdue, 2) << g.what;
  }
}

TEST(SpeedMetricsTest, EmptyInputGivesAnEmptyTotal) {
  for (SpeedGrouping grouping :
       {SpeedGrouping::kNone, SpeedGrouping::kUnit, SpeedGrouping::kOwner, SpeedGrouping::kMonth}) {
    const SpeedMetrics metrics = ComputeSpeedMetrics({}, grouping, BusinessCalendar::Default(), kOpened);
    EXPECT_TRUE(metrics.groups.empty());
    const SpeedGroup& total = metrics.total;
    EXPECT_EQ(total.cases, 0);
    EXPECT_EQ(total.contacted, 0);
    EXPECT_EQ(total.resolved, 0);
    EXPECT_EQ(total.overdue, 0);
    EXPECT_FALSE(total.time_to_first_contact.median_hours.has_value());
    EXPECT_FALSE(total.time_to_first_contact.p90_working_hours.has_value());
    EXPECT_FALSE(total.time_to_resolution.median_hours.has_value());
    EXPECT_EQ(total.first_contact_within_sla.judged, 0);
    EXPECT_FALSE(total.first_contact_within_sla.share.has_value());
    EXPECT_FALSE(total.resolution_within_sla.share.has_value());
  }
}

}  // namespace
}  // namespace ks::cases
