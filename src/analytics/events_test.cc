#include "analytics/events.h"

#include <gtest/gtest.h>

#include "db/migrations.h"
#include "db/test_database.h"

namespace ks::analytics {
namespace {

TEST(Events, StoredAndRefused) {
  auto db = db::TestDatabase::Create(db::Engine::kSqlite).value();
  auto c = db->database().Connect().value();
  ASSERT_TRUE(db::Migrate(*c).ok());
  ASSERT_TRUE(c->Exec("INSERT INTO units (code, name, kind, created_at) VALUES ('noord', 'Noord', 'region', 0)").ok());
  const Micros now = ParseRfc3339("2026-06-01T12:00:00Z").value();
  const Micros may = ParseRfc3339("2026-05-04T08:00:00Z").value();
  auto created = CreateEvent(*c, {"Nieuwe bezorgpartner", "PostNL in plaats van DHL", may, "noord", {}}, now);
  ASSERT_TRUE(created.ok()) << created.error().message;
  EXPECT_EQ(created->unit_code, "noord");
  const struct {
    EventInput input;
    const char* field;
  } refused[] = {
      {{"  ", "", may, "", {}}, "title"},
      {{"x", "", may, "zuid", {}}, "unit"},
      {{"x", "", now + 1, "", {}}, "happened_at"},
      {{"x", "", 0, "", {}}, "happened_at"},
      {{std::string(201, 'x'), "", may, "", {}}, "title"},
  };
  for (const auto& r : refused) EXPECT_EQ(CreateEvent(*c, r.input, now).error().field, r.field) << r.field;
  auto listed = ListEvents(*c, may, now);
  ASSERT_TRUE(listed.ok());
  ASSERT_EQ(listed->size(), 1U);  // the refused ones changed nothing
  EXPECT_EQ((*listed)[0].title, "Nieuwe bezorgpartner");
  EXPECT_TRUE(ListEvents(*c, may + 1, now)->empty());
}

TEST(Events, BeforeAndAfter) {
  FeedbackIndex index(TimeZone::Find("Europe/Amsterdam").value());
  std::vector<IndexRow> rows;
  auto add = [&rows](const char* when, int score, int count) {
    for (int i = 0; i < count; ++i) {
      IndexRow r;
      r.id = static_cast<std::int64_t>(rows.size()) + 1;
      r.received_at = ParseRfc3339(when).value();
      r.source = "survey";
      r.scale = Scale::kNps;
      r.score = score;
      rows.push_back(std::move(r));
    }
  };
  add("2026-04-20T10:00:00Z", 2, 60);  // before: NPS −20
  add("2026-04-20T10:00:00Z", 10, 40);
  add("2026-05-04T10:00:00Z", 0, 500);  // the day itself counts in neither window
  add("2026-05-20T10:00:00Z", 2, 20);   // after: NPS +60
  add("2026-05-20T10:00:00Z", 10, 80);
  add("2026-08-20T10:00:00Z", 0, 100);  // beyond 8 weeks
  index.Apply(rows);
  Result<EventEffect> effect = Error::Internal("");
  index.Read([&](const Columns& c) { effect = MeasureEvent(c, {}, {2026, 5, 4}, 8); });
  ASSERT_TRUE(effect.ok());
  EXPECT_EQ(effect->before.n, 100);
  EXPECT_EQ(effect->after.n, 100);
  EXPECT_NEAR(effect->before.nps->nps, -20, 1e-9);
  EXPECT_NEAR(effect->after.nps->nps, 60, 1e-9);
  ASSERT_TRUE(effect->change);
  EXPECT_NEAR(effect->change->difference, 80, 1e-9);
  EXPECT_LT(effect->change->p_value, 0.001);
}

}  // namespace
}  // namespace ks::analytics
