#include "analytics/summary_query.h"

#include <gtest/gtest.h>

namespace ks::analytics {
namespace {

struct Item {
  const char* when;
  Scale scale;
  int score;
  std::int64_t unit = 0;
  std::vector<std::pair<std::string, std::string>> attributes = {};
  std::vector<std::string> topics = {};
  const char* source = "survey";
};

class SummaryQueryTest : public ::testing::Test {
 protected:
  void Add(const std::vector<Item>& items) {
    std::vector<IndexRow> rows;
    for (const auto& i : items) {
      IndexRow r;
      r.id = ++next_id_;
      r.received_at = ParseRfc3339(i.when).value();
      r.source = i.source;
      r.channel = "email";
      r.brand = "own";
      if (i.score >= 0) {
        r.scale = i.scale;
        r.score = i.score;
      }
      if (i.unit != 0) r.unit_id = i.unit;
      r.attributes = i.attributes;
      r.topics = i.topics;
      rows.push_back(std::move(r));
    }
    index_.Apply(rows);
  }
  Summary Run(const SummaryQuery& q) {
    Result<Summary> s = Error::Internal("not run");
    index_.Read([&](const Columns& c) { s = RunSummary(c, q); });
    EXPECT_TRUE(s.ok()) << s.error().message;
    return s.value();
  }
  void AddMany(int count, const char* when, Scale scale, int score, std::int64_t unit = 0) {
    Add(std::vector<Item>(static_cast<size_t>(count), Item{when, scale, score, unit}));
  }

  FeedbackIndex index_{TimeZone::Find("Europe/Amsterdam").value()};
  std::int64_t next_id_ = 0;
};

TEST_F(SummaryQueryTest, PublishedNpsCase) {
  AddMany(162, "2026-03-10T10:00:00Z", Scale::kNps, 10);
  AddMany(108, "2026-03-10T10:00:00Z", Scale::kNps, 8);
  AddMany(54, "2026-03-10T10:00:00Z", Scale::kNps, 3);
  SummaryQuery q;
  q.interval = stats::Interval::kWald;
  const Summary s = Run(q);
  EXPECT_EQ(s.scale, Scale::kNps);
  EXPECT_EQ(s.total.n, 324);
  ASSERT_TRUE(s.total.nps);
  EXPECT_NEAR(s.total.nps->nps, 33.3, 0.05);
  EXPECT_NEAR(s.total.nps->standard_error, 4.14, 0.005);
  EXPECT_NEAR(s.total.nps->low, 25.2, 0.05);
  EXPECT_NEAR(s.total.nps->high, 41.4, 0.05);
  EXPECT_EQ(s.total.histogram, (std::vector<std::int64_t>{0, 0, 0, 54, 0, 0, 0, 0, 108, 0, 162}));
  EXPECT_TRUE(s.total.warnings.empty());
}

TEST_F(SummaryQueryTest, TheHiddenSeven) {
  AddMany(5, "2026-03-10T10:00:00Z", Scale::kGrade10, 5);
  AddMany(5, "2026-03-10T10:00:00Z", Scale::kGrade10, 9);
  AddMany(3, "2026-03-10T10:00:00Z", Scale::kNps, 9);  // another scale: not in the grade10 summary
  SummaryQuery q;
  q.filter.scale = Scale::kGrade10;
  const Summary s = Run(q);
  EXPECT_EQ(s.total.n, 10);
  EXPECT_DOUBLE_EQ(*s.total.mean, 7.0);
  EXPECT_DOUBLE_EQ(*s.total.fail_share, 0.5);
  EXPECT_FALSE(s.total.nps);
  ASSERT_EQ(s.total.warnings.size(), 2U);
  EXPECT_EQ(s.total.warnings[0].code, "hidden_seven");
  EXPECT_EQ(s.total.warnings[1].code, "too_few_answers");
}

TEST_F(SummaryQueryTest, EmptyAndSingleItemGroups) {
  SummaryQuery q;
  q.group_by = GroupBy::kMonth;
  Summary empty = Run(q);
  EXPECT_EQ(empty.total.n, 0);
  EXPECT_FALSE(empty.total.mean);
  EXPECT_TRUE(empty.groups.empty());
  AddMany(1, "2026-03-10T10:00:00Z", Scale::kNps, 0);
  const Summary one = Run(q);
  ASSERT_EQ(one.groups.size(), 1U);
  EXPECT_EQ(one.groups[0].key, "2026-03");
  EXPECT_DOUBLE_EQ(*one.total.mean, 0);
  EXPECT_FALSE(one.total.standard_deviation);
  EXPECT_DOUBLE_EQ(one.total.nps->nps, -100);
}

TEST_F(SummaryQueryTest, MonthsEndAtLocalMidnight) {
  // 22:30 UTC on 31 March is already April in Amsterdam; 22:30 UTC on 28 February is still February.
  Add({{"2026-03-31T22:30:00Z", Scale::kNps, 10},
       {"2026-03-31T21:30:00Z", Scale::kNps, 0},
       {"2026-02-28T22:30:00Z", Scale::kNps, 5}});
  SummaryQuery q;
  q.group_by = GroupBy::kMonth;
  const Summary s = Run(q);
  ASSERT_EQ(s.groups.size(), 3U);
  EXPECT_EQ(s.groups[0].key, "2026-02");
  EXPECT_EQ(s.groups[1].key, "2026-03");
  EXPECT_EQ(s.groups[1].histogram[0], 1);
  EXPECT_EQ(s.groups[2].key, "2026-04");
  EXPECT_EQ(s.groups[2].histogram[10], 1);
  q.group_by = GroupBy::kQuarter;
  EXPECT_EQ(Run(q).groups.size(), 2U);
  q.group_by = GroupBy::kWeek;
  q.filter.from = LocalDate{2026, 3, 30};
  const Summary weeks = Run(q);
  ASSERT_EQ(weeks.groups.size(), 1U);
  EXPECT_EQ(weeks.groups[0].key, "2026-W14");
  EXPECT_EQ(weeks.groups[0].n, 2);
}

TEST_F(SummaryQueryTest, FiltersCombine) {
  Add({{"2026-03-10T10:00:00Z", Scale::kNps, 2, 1, {{"segment", "B2B"}}, {"delivery"}},
       {"2026-03-10T10:00:00Z", Scale::kNps, 9, 1, {{"segment", "B2C"}}, {"delivery", "price"}},
       {"2026-03-10T10:00:00Z", Scale::kNps, 10, 2, {{"segment", "B2B"}}, {"price"}},
       {"2026-03-10T10:00:00Z", Scale::kNps, -1, 2, {{"segment", "B2B"}}, {}, "complaint"}});
  struct Case {
    const char* name;
    SummaryFilter filter;
    std::int64_t n;
    std::int64_t complaints;
  };
  SummaryFilter b2b;
  b2b.attributes["segment"] = {"B2B"};
  SummaryFilter unit2;
  unit2.unit_ids = {2};
  SummaryFilter nothing_in_scope;
  nothing_in_scope.only_listed_units = true;
  SummaryFilter price;
  price.topics = {"price"};
  SummaryFilter unhappy_b2b = b2b;
  unhappy_b2b.classes = {Mood::kUnhappy};
  SummaryFilter unknown_topic;
  unknown_topic.topics = {"parking"};
  SummaryFilter april;
  april.from = LocalDate{2026, 4, 1};
  const Case cases[] = {
      {"all", {}, 3, 1},
      {"segment B2B", b2b, 2, 1},
      {"unit 2", unit2, 1, 1},
      {"empty scope", nothing_in_scope, 0, 0},
      {"topic price", price, 2, 0},
      {"unhappy B2B", unhappy_b2b, 1, 1},
      {"unknown topic", unknown_topic, 0, 0},
      {"april", april, 0, 0},
  };
  for (const auto& c : cases) {
    SummaryQuery q;
    q.filter = c.filter;
    const Summary s = Run(q);
    EXPECT_EQ(s.total.n, c.n) << c.name;
    EXPECT_EQ(s.total.complaints, c.complaints) << c.name;
  }
}

TEST_F(SummaryQueryTest, GroupsByTopicAndAttribute) {
  Add({{"2026-03-10T10:00:00Z", Scale::kNps, 2, 1, {{"segment", "B2B"}}, {"delivery"}},
       {"2026-03-10T10:00:00Z", Scale::kNps, 9, 1, {{"segment", "B2C"}}, {"delivery", "price"}},
       {"2026-03-10T10:00:00Z", Scale::kNps, 10, 2, {}, {}}});
  SummaryQuery q;
  q.group_by = GroupBy::kTopic;
  Summary s = Run(q);
  EXPECT_EQ(s.total.n, 3);  // an item in two topics counts once in the total
  ASSERT_EQ(s.groups.size(), 3U);
  EXPECT_EQ(s.groups[0].key, "");
  EXPECT_EQ(s.groups[1].key, "delivery");
  EXPECT_EQ(s.groups[1].n, 2);
  EXPECT_EQ(s.groups[2].key, "price");
  q.group_by = GroupBy::kAttribute;
  q.attribute = "segment";
  s = Run(q);
  ASSERT_EQ(s.groups.size(), 3U);
  EXPECT_EQ(s.groups[1].key, "B2B");
  EXPECT_EQ(s.groups[1].unhappy, 1);
  q.attribute = "colour";
  Result<Summary> unknown = Error::Internal("");
  index_.Read([&](const Columns& c) { unknown = RunSummary(c, q); });
  EXPECT_EQ(unknown.error().field, "group_by");
}

TEST_F(SummaryQueryTest, PeriodsAreComparedWithThePreviousOne) {
  AddMany(200, "2026-01-10T10:00:00Z", Scale::kNps, 10);
  AddMany(100, "2026-01-10T10:00:00Z", Scale::kNps, 3);
  AddMany(100, "2026-02-10T10:00:00Z", Scale::kNps, 10);
  AddMany(200, "2026-02-10T10:00:00Z", Scale::kNps, 3);
  SummaryQuery q;
  q.group_by = GroupBy::kMonth;
  const Summary s = Run(q);
  ASSERT_EQ(s.groups.size(), 2U);
  EXPECT_FALSE(s.groups[0].change);
  ASSERT_TRUE(s.groups[1].change);
  EXPECT_NEAR(s.groups[1].change->difference, -66.67, 0.01);
  EXPECT_LT(s.groups[1].change->p_value, 0.001);
  EXPECT_EQ(s.groups[1].warnings.back().code, "significant_change");
}

}  // namespace
}  // namespace ks::analytics
