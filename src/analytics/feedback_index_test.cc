#include "analytics/feedback_index.h"

#include <gtest/gtest.h>

#include "analytics/index_rows.h"

namespace ks::analytics {
namespace {

TimeZone Amsterdam() { return TimeZone::Find("Europe/Amsterdam").value(); }

IndexRow Row(std::int64_t id, const char* when, int score,
             std::vector<std::pair<std::string, std::string>> attrs = {}) {
  IndexRow r;
  r.id = id;
  r.received_at = ParseRfc3339(when).value();
  r.source = "survey";
  r.channel = "email";
  r.brand = "own";
  r.scale = Scale::kNps;
  r.score = score;
  r.attributes = std::move(attrs);
  return r;
}

TEST(FeedbackIndex, DaysAreLocalAndCivil) {
  const struct {
    LocalDate date;
    int number;
  } cases[] = {{{1970, 1, 1}, 0}, {{2000, 3, 1}, 11017}, {{2026, 11, 28}, 20785}, {{2024, 2, 29}, 19782}};
  for (const auto& c : cases) {
    EXPECT_EQ(DayNumberOf(c.date), c.number) << c.number;
    EXPECT_EQ(DateOf(static_cast<DayNumber>(c.number)), c.date) << c.number;
  }
  FeedbackIndex index(Amsterdam());
  // 23:30 UTC on 31 March is 1 April in Amsterdam (summer time, UTC+2).
  index.Apply({Row(1, "2026-03-31T23:30:00Z", 9)});
  index.Read([](const Columns& c) { EXPECT_EQ(DateOf(c.day[0]), (LocalDate{2026, 4, 1})); });
}

TEST(FeedbackIndex, ApplyingAnItemAgainReplacesIt) {
  FeedbackIndex index(Amsterdam());
  index.Apply({Row(5, "2026-03-01T10:00:00Z", 9, {{"segment", "B2B"}}), Row(7, "2026-03-01T10:00:00Z", 3)});
  index.Apply({Row(5, "2026-03-01T10:00:00Z", 2, {{"segment", "B2C"}})});
  EXPECT_EQ(index.size(), 2U);
  index.Read([](const Columns& c) {
    EXPECT_EQ(ScoreValue(c.score[0]), 2);
    const AttributeColumn* segment = c.Attribute("segment");
    ASSERT_NE(segment, nullptr);
    EXPECT_EQ(segment->values.Value(segment->codes[0]), "B2C");
    EXPECT_EQ(segment->codes[1], 0);  // item 7 has no segment
  });
}

TEST(FeedbackIndex, AKeyWithTooManyValuesIsNoSegment) {
  FeedbackIndex index(Amsterdam());
  std::vector<IndexRow> rows;
  for (std::int64_t i = 1; i <= static_cast<std::int64_t>(kMaxAttributeValues) + 5; ++i) {
    rows.push_back(Row(i, "2026-03-01T10:00:00Z", 9, {{"order", std::to_string(i)}, {"segment", "B2B"}}));
  }
  index.Apply(rows);
  index.Read([](const Columns& c) {
    EXPECT_EQ(c.Attribute("order"), nullptr);
    ASSERT_NE(c.Attribute("segment"), nullptr);
  });
  EXPECT_LT(index.MemoryBytes() / index.size(), 200U);
}

TEST(IndexRows, AttributesFromJson) {
  const struct {
    const char* json;
    const char* expected;
  } cases[] = {
      {R"({})", ""},
      {R"({"segment":"B2B","tier":"gold"})", "segment=B2B;tier=gold;"},
      {R"( { "segment" : "B2B" } )", "segment=B2B;"},
      {R"({"name":"De \"Gouden\" Leeuw"})", "name=De \"Gouden\" Leeuw;"},
      {R"({"visits":3,"vip":true,"nested":{"a":1}})", "vip=true;visits=3;"},
      {R"(not json)", ""},
  };
  for (const auto& c : cases) {
    std::vector<std::pair<std::string, std::string>> out;
    AppendJsonAttributes(c.json, out);
    std::string text;
    for (const auto& [k, v] : out) text += k + "=" + v + ";";
    EXPECT_EQ(text, c.expected) << c.json;
  }
}

}  // namespace
}  // namespace ks::analytics
