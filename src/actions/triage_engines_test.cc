// Coordinator triage in the database, on both engines: the queue holds feedback with text that nobody
// triaged (newest first, filtered by source, unit with its children, theme and words, paged by cursor);
// closing, merging and linking take items out of it; a refused bulk operation (an unknown or already
// triaged item, a bad reason, a merge into itself or into a merged item, someone who may not triage)
// writes nothing; tagging is idempotent and themes follow a merged duplicate to the kept item.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>

#include "actions/action_service.h"
#include "actions/triage.h"
#include "base/time.h"
#include "db/connection_pool.h"
#include "db/test_database.h"
#include "text/search_terms.h"

namespace ks::actions {
namespace {

constexpr Micros kHour = Micros{3600} * kMicrosPerSecond;

QueueFilter By(std::string QueueFilter::*member, std::string value) {
  QueueFilter filter;
  filter.*member = std::move(value);
  return filter;
}

QueueFilter Paged(int limit, std::string cursor = "") {
  QueueFilter filter;
  filter.limit = limit;
  filter.cursor = std::move(cursor);
  return filter;
}

class TriageEnginesTest : public ::testing::TestWithParam<db::Engine> {
 protected:
  TriageEnginesTest() : clock_(*ParseRfc3339("2026-11-30T09:00:00Z")) {}

  void SetUp() override {
    auto t = db::TestDatabase::CreateMigrated(GetParam());
    ASSERT_TRUE(t.ok()) << t.error().ToString();
    database_ = std::move(t->database);
    c_ = std::move(t->connection);
    pool_ = std::make_unique<db::ConnectionPool>(database_->database(), 2);
    service_ = std::make_unique<ActionService>(*pool_, clock_, "http://ks.test");
    // north (region) ← utrecht (location); south (region).
    Exec("INSERT INTO units (code, name, kind, parent_id, created_at) VALUES ('north', 'North', 'region', NULL, 0)");
    Exec(
        "INSERT INTO units (code, name, kind, parent_id, created_at) VALUES ('utrecht', 'Utrecht', 'location', "
        "(SELECT id FROM units WHERE code = 'north'), 0)");
    Exec("INSERT INTO units (code, name, kind, parent_id, created_at) VALUES ('south', 'South', 'region', NULL, 0)");
    coordinator_ = AddUser("cora@example.com", "Cora", "coordinator");
    employee_ = AddUser("erik@example.com", "Erik", "employee");
    // Oldest first: a..e; f has no text and never waits.
    a_ = AddItem("survey", "utrecht", "De bezorger was twee uur te laat", 6);
    b_ = AddItem("complaint", "utrecht", "Bezorging te laat, weer eens", 5);
    c_item_ = AddItem("review", "south", "Friendly staff at the counter", 4);
    d_ = AddItem("complaint", "north", "Het pakket kwam beschadigd aan", 3);
    e_ = AddItem("employee", "", "Klant vroeg naar zaterdag openingstijden", 2);
    f_ = AddItem("survey", "utrecht", "", 1);
  }

  void TearDown() override {
    service_.reset();
    pool_.reset();
    c_.reset();
  }

  void Exec(const std::string& sql, const std::vector<db::Value>& params = {}) { db::ExpectExec(*c_, sql, params); }

  std::int64_t Int(const std::string& sql, const std::vector<db::Value>& params = {}) {
    return db::QueryInt(*c_, sql, params);
  }

  std::int64_t AddUser(const std::string& email, const std::string& name, const std::string& role) {
    Exec("INSERT INTO users (email, name, language, role, created_at, updated_at) VALUES ($1, $2, 'nl', $3, 0, 0)",
         {email, name, role});
    return Int("SELECT id FROM users WHERE email = $1", {email});
  }

  // An item received `hours_ago` hours ago (the search index gets its words as ingestion would store them).
  std::int64_t AddItem(const std::string& source, const std::string& unit, const std::string& text, int hours_ago) {
    const Micros at = clock_.Now() - hours_ago * kHour;
    Exec(
        "INSERT INTO feedback (source, channel, unit_id, text, language, received_at, search_text, created_at) "
        "VALUES ($1, 'web', (SELECT id FROM units WHERE code = $2), $3, 'nl', $4, $5, $4)",
        {source, unit, text.empty() ? db::Value(nullptr) : db::Value(text), at, text::SearchStems(text, "nl")});
    return Int("SELECT MAX(id) FROM feedback");
  }

  Actor Coordinator() const { return Actor{coordinator_, Role::kCoordinator, {}, false}; }

  std::vector<std::int64_t> QueueIds(QueueFilter filter = {}) {
    auto page = ListQueue(*c_, filter);
    EXPECT_TRUE(page.ok()) << page.error().ToString();
    std::vector<std::int64_t> ids;
    if (page.ok()) {
      for (const auto& e : page->items) ids.push_back(e.item.id);
    }
    return ids;
  }

  // Everything triage writes, to show that a refused operation changed nothing.
  std::string Snapshot() {
    std::string out;
    for (const char* sql : {"SELECT feedback_id, outcome, COALESCE(reason, ''), COALESCE(merged_into, 0) FROM "
                            "feedback_triage ORDER BY feedback_id",
                            "SELECT feedback_id, theme FROM feedback_themes ORDER BY feedback_id, theme"}) {
      auto rows = c_->Query(sql);
      EXPECT_TRUE(rows.ok());
      if (!rows.ok()) continue;
      for (const auto& row : rows->rows) {
        for (const auto& v : row) out += db::AsText(v) + "|";
        out += "\n";
      }
      out += "--\n";
    }
    return out;
  }

  std::string Outcome(std::int64_t id) {
    auto t = GetTriage(*c_, id);
    EXPECT_TRUE(t.ok());
    return t.ok() && t->has_value() ? (*t)->outcome : "";
  }

  ManualClock clock_;
  std::unique_ptr<db::TestDatabase> database_;
  std::unique_ptr<db::Connection> c_;
  std::unique_ptr<db::ConnectionPool> pool_;
  std::unique_ptr<ActionService> service_;
  std::int64_t coordinator_ = 0, employee_ = 0;
  std::int64_t a_ = 0, b_ = 0, c_item_ = 0, d_ = 0, e_ = 0, f_ = 0;
};

TEST_P(TriageEnginesTest, TheQueueHoldsUntriagedItemsWithTextNewestFirstAndFilters) {
  EXPECT_EQ(QueueIds(), (std::vector<std::int64_t>{e_, d_, c_item_, b_, a_})) << "f has no text";
  EXPECT_EQ(QueueIds(By(&QueueFilter::source, "complaint")), (std::vector<std::int64_t>{d_, b_}));
  EXPECT_EQ(QueueIds(By(&QueueFilter::unit, "north")), (std::vector<std::int64_t>{d_, b_, a_}))
      << "north with utrecht below it";
  EXPECT_EQ(QueueIds(By(&QueueFilter::unit, "utrecht")), (std::vector<std::int64_t>{b_, a_}));
  EXPECT_EQ(QueueIds(By(&QueueFilter::unit, "nowhere")), std::vector<std::int64_t>{});
  EXPECT_EQ(QueueIds(By(&QueueFilter::query, "pakketten")), (std::vector<std::int64_t>{d_}))
      << "stemmed full-text words";
  EXPECT_EQ(QueueIds(By(&QueueFilter::query, "te laat")), (std::vector<std::int64_t>{b_, a_}));

  // Pages follow each other by cursor; `matching` counts every page.
  auto first = ListQueue(*c_, Paged(2));
  ASSERT_TRUE(first.ok());
  EXPECT_EQ(first->matching, 5);
  ASSERT_EQ(first->items.size(), 2u);
  ASSERT_FALSE(first->next_cursor.empty());
  auto second = ListQueue(*c_, Paged(2, first->next_cursor));
  ASSERT_TRUE(second.ok());
  ASSERT_EQ(second->items.size(), 2u);
  EXPECT_EQ(second->items[0].item.id, c_item_);
  auto third = ListQueue(*c_, Paged(2, second->next_cursor));
  ASSERT_TRUE(third.ok());
  ASSERT_EQ(third->items.size(), 1u);
  EXPECT_TRUE(third->next_cursor.empty());
  auto bad = ListQueue(*c_, By(&QueueFilter::cursor, "yesterday"));
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.error().field, "cursor");
}

TEST_P(TriageEnginesTest, ClosingManyItemsTakesThemOutOfTheQueueWithTheReason) {
  auto closed = CloseItems(*c_, Coordinator(), {a_, c_item_, a_}, "  Een eenmalig voorval  ", clock_.Now());
  ASSERT_TRUE(closed.ok()) << closed.error().ToString();
  EXPECT_EQ(*closed, 2);
  EXPECT_EQ(QueueIds(), (std::vector<std::int64_t>{e_, d_, b_}));
  auto t = GetTriage(*c_, a_);
  ASSERT_TRUE(t.ok() && t->has_value());
  EXPECT_EQ((*t)->outcome, "closed");
  EXPECT_EQ((*t)->reason, "Een eenmalig voorval");
  EXPECT_EQ((*t)->user_id, coordinator_);
  EXPECT_EQ((*t)->at, clock_.Now());
  auto counts = CountQueue(*c_);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->waiting, 3);
  EXPECT_EQ(counts->closed, 2);
  EXPECT_EQ(counts->merged, 0);
}

TEST_P(TriageEnginesTest, ARefusedBulkOperationWritesNothing) {
  ASSERT_TRUE(CloseItems(*c_, Coordinator(), {d_}, "dubbel", clock_.Now()).ok());
  const std::string before = Snapshot();
  struct Row {
    const char* what;
    std::function<Result<std::int64_t>()> op;
    ErrorCode code;
    std::string field;
  };
  const Actor employee{employee_, Role::kEmployee, {}, false};
  const std::vector<Row> rows = {
      {"an unknown item among known ones",
       [&] {
         return CloseItems(*c_, Coordinator(), {a_, b_, 999'999}, "r", 0);
       },
       ErrorCode::kInvalidArgument, "ids[2]"},
      {"an item closed already",
       [&] {
         return CloseItems(*c_, Coordinator(), {a_, d_}, "r", 0);
       },
       ErrorCode::kInvalidArgument, "ids[1]"},
      {"no reason", [&] { return CloseItems(*c_, Coordinator(), {a_}, "  ", 0); }, ErrorCode::kInvalidArgument,
       "reason"},
      {"a reason of 501 bytes", [&] { return CloseItems(*c_, Coordinator(), {a_}, std::string(501, 'x'), 0); },
       ErrorCode::kInvalidArgument, "reason"},
      {"no items", [&] { return CloseItems(*c_, Coordinator(), {}, "r", 0); }, ErrorCode::kInvalidArgument, "ids"},
      {"an employee closing", [&] { return CloseItems(*c_, employee, {a_}, "r", 0); }, ErrorCode::kPermissionDenied,
       ""},
      {"merging into itself",
       [&] {
         return MergeItems(*c_, Coordinator(), a_, {b_, a_}, 0);
       },
       ErrorCode::kInvalidArgument, "ids[1]"},
      {"merging into an unknown item", [&] { return MergeItems(*c_, Coordinator(), 999'999, {a_}, 0); },
       ErrorCode::kInvalidArgument, "into"},
      {"merging a closed item",
       [&] {
         return MergeItems(*c_, Coordinator(), a_, {b_, d_}, 0);
       },
       ErrorCode::kInvalidArgument, "ids[1]"},
      {"an employee merging", [&] { return MergeItems(*c_, employee, a_, {b_}, 0); }, ErrorCode::kPermissionDenied, ""},
      {"tagging an unknown item",
       [&] {
         return TagItems(*c_, Coordinator(), {a_, 999'999}, {"bezorging"});
       },
       ErrorCode::kInvalidArgument, "ids[1]"},
      {"tagging with a bad theme",
       [&] {
         return TagItems(*c_, Coordinator(), {a_}, {"ok", std::string(41, 't')});
       },
       ErrorCode::kInvalidArgument, "theme"},
      {"an employee tagging", [&] { return TagItems(*c_, employee, {a_}, {"x"}); }, ErrorCode::kPermissionDenied, ""},
      {"untagging an unknown item", [&] { return UntagItems(*c_, Coordinator(), {999'999}, {"x"}); },
       ErrorCode::kInvalidArgument, "ids[0]"},
  };
  for (const Row& row : rows) {
    auto result = row.op();
    ASSERT_FALSE(result.ok()) << row.what;
    EXPECT_EQ(result.error().code, row.code) << row.what << ": " << result.error().ToString();
    if (!row.field.empty()) {
      EXPECT_EQ(result.error().field, row.field) << row.what;
    }
    EXPECT_EQ(Snapshot(), before) << row.what;
  }
  EXPECT_EQ(QueueIds(), (std::vector<std::int64_t>{e_, c_item_, b_, a_}));
  // The connection is usable afterwards (every refused transaction was rolled back).
  EXPECT_TRUE(CloseItems(*c_, Coordinator(), {a_}, "r", 0).ok());
}

TEST_P(TriageEnginesTest, MergingKeepsOneItemInTheQueueAndMovesThemesToIt) {
  ASSERT_TRUE(TagItems(*c_, Coordinator(), {a_}, {"bezorging"}).ok());
  ASSERT_TRUE(TagItems(*c_, Coordinator(), {b_}, {"Te Laat", "bezorging"}).ok());
  auto merged = MergeItems(*c_, Coordinator(), a_, {b_}, clock_.Now());
  ASSERT_TRUE(merged.ok()) << merged.error().ToString();
  EXPECT_EQ(*merged, 1);
  EXPECT_EQ(QueueIds(), (std::vector<std::int64_t>{e_, d_, c_item_, a_})) << "the kept item stays in the queue";
  auto t = GetTriage(*c_, b_);
  ASSERT_TRUE(t.ok() && t->has_value());
  EXPECT_EQ((*t)->outcome, "merged");
  EXPECT_EQ((*t)->merged_into, a_);
  EXPECT_EQ(Outcome(a_), "");
  auto themes = ThemesOf(*c_, a_);
  ASSERT_TRUE(themes.ok());
  EXPECT_EQ(*themes, (std::vector<std::string>{"bezorging", "te laat"}));

  // Nothing may be merged into a duplicate; merging the kept item on re-points its duplicates (no chains).
  auto into_merged = MergeItems(*c_, Coordinator(), b_, {d_}, clock_.Now());
  ASSERT_FALSE(into_merged.ok());
  EXPECT_EQ(into_merged.error().field, "into");
  auto again = MergeItems(*c_, Coordinator(), d_, {a_}, clock_.Now());
  ASSERT_TRUE(again.ok()) << again.error().ToString();
  EXPECT_EQ(Int("SELECT merged_into FROM feedback_triage WHERE feedback_id = $1", {b_}), d_);
  EXPECT_EQ(Int("SELECT merged_into FROM feedback_triage WHERE feedback_id = $1", {a_}), d_);
  auto counts = CountQueue(*c_);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->merged, 2);
  EXPECT_EQ(counts->waiting, 3);
}

TEST_P(TriageEnginesTest, TaggingIsIdempotentAndThemesFilterTheQueue) {
  auto added = TagItems(*c_, Coordinator(), {a_, b_}, {" Bezorging ", "te  laat"});
  ASSERT_TRUE(added.ok()) << added.error().ToString();
  EXPECT_EQ(*added, 4);
  auto again = TagItems(*c_, Coordinator(), {a_, b_, d_}, {"bezorging"});
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(*again, 1) << "only d was new";
  EXPECT_EQ(Int("SELECT COUNT(*) FROM feedback_themes"), 5);
  EXPECT_EQ(QueueIds(By(&QueueFilter::theme, "BEZORGING")), (std::vector<std::int64_t>{d_, b_, a_}));
  EXPECT_EQ(QueueIds(By(&QueueFilter::theme, "te laat")), (std::vector<std::int64_t>{b_, a_}));

  auto page = ListQueue(*c_, By(&QueueFilter::theme, "te laat"));
  ASSERT_TRUE(page.ok());
  ASSERT_EQ(page->items.size(), 2u);
  EXPECT_EQ(page->items[0].themes, (std::vector<std::string>{"bezorging", "te laat"}));

  auto counts = CountQueue(*c_);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->themes, (std::vector<std::pair<std::string, std::int64_t>>{{"bezorging", 3}, {"te laat", 2}}));

  auto removed = UntagItems(*c_, Coordinator(), {a_, d_}, {"Bezorging"});
  ASSERT_TRUE(removed.ok());
  EXPECT_EQ(*removed, 2);
  auto removed_again = UntagItems(*c_, Coordinator(), {a_, d_}, {"bezorging"});
  ASSERT_TRUE(removed_again.ok());
  EXPECT_EQ(*removed_again, 0);
  EXPECT_EQ(QueueIds(By(&QueueFilter::theme, "bezorging")), (std::vector<std::int64_t>{b_}));
  // Triaged items keep their themes but leave the theme's queue count.
  ASSERT_TRUE(CloseItems(*c_, Coordinator(), {b_}, "opgelost", clock_.Now()).ok());
  counts = CountQueue(*c_);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->themes, (std::vector<std::pair<std::string, std::int64_t>>{{"te laat", 1}}));
}

TEST_P(TriageEnginesTest, LinkedItemsLeaveTheQueueAndCannotBeClosedOrMerged) {
  const ActionWorker worker{Coordinator(), "Cora"};
  ActionInput input;
  input.title = "Bezorging op tijd";
  auto plan = service_->Create(worker, input, {a_, b_});
  ASSERT_TRUE(plan.ok()) << plan.error().ToString();
  EXPECT_EQ(QueueIds(), (std::vector<std::int64_t>{e_, d_, c_item_}));
  EXPECT_EQ(Outcome(a_), "linked");
  auto close = CloseItems(*c_, Coordinator(), {d_, a_}, "r", clock_.Now());
  ASSERT_FALSE(close.ok());
  EXPECT_EQ(close.error().field, "ids[1]");
  EXPECT_NE(close.error().message.find("plan"), std::string::npos) << close.error().message;
  auto merge = MergeItems(*c_, Coordinator(), d_, {b_}, clock_.Now());
  ASSERT_FALSE(merge.ok());
  EXPECT_EQ(merge.error().field, "ids[0]");
  // A duplicate may be merged into a linked item: it then answers to the same plan.
  auto into_linked = MergeItems(*c_, Coordinator(), a_, {d_}, clock_.Now());
  ASSERT_TRUE(into_linked.ok()) << into_linked.error().ToString();
  auto linked = service_->Link(worker, plan->id, {c_item_});
  ASSERT_TRUE(linked.ok()) << linked.error().ToString();
  EXPECT_EQ(QueueIds(), (std::vector<std::int64_t>{e_}));
  auto counts = CountQueue(*c_);
  ASSERT_TRUE(counts.ok());
  EXPECT_EQ(counts->linked, 3);
  EXPECT_EQ(counts->merged, 1);
}

INSTANTIATE_TEST_SUITE_P(Engines, TriageEnginesTest, ::testing::Values(db::Engine::kSqlite, db::Engine::kPostgres));

}  // namespace
}  // namespace ks::actions
