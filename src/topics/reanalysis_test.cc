// The taxonomy store and re-analysis on both engines: saved taxonomies become revisions, an analyzer
// follows the current one, a run re-analyses every stored text in batches (and only texts), continues
// where it stopped after a restart, keeps a language the sender gave, and is ended by a newer run.
#include "topics/reanalysis.h"

#include <gtest/gtest.h>

#include "base/time.h"
#include "db/connection_pool.h"
#include "db/test_database.h"
#include "feedback/feedback_store.h"
#include "topics/taxonomy_store.h"

namespace ks::topics {
namespace {

constexpr const char* kParkingNl = "Parkeren bij de winkel is een ramp, nergens een plekje.";
constexpr const char* kParkingEn = "Parking near the shop was impossible, the car park was full.";

class ManualClock : public Clock {
 public:
  Micros Now() const override { return now; }
  Micros now = 1'800'000'000'000'000;
};

text::Taxonomy WithParking() {
  text::Taxonomy t = text::DefaultTaxonomy();
  text::TopicDefinition parking;
  parking.key = "parking";
  parking.names = {{"nl", "Parkeren"}, {"en", "Parking"}};
  parking.keywords = {{"nl", {"parkeren", "parkeerplaats"}}, {"en", {"parking", "car park"}}};
  t.topics.push_back(parking);
  return t;
}

class ReanalysisTest : public ::testing::TestWithParam<db::Engine> {
 protected:
  void SetUp() override {
    auto t = db::TestDatabase::CreateMigrated(GetParam());
    ASSERT_TRUE(t.ok()) << t.error().ToString();
    database_ = std::move(t->database);
    c_ = std::move(t->connection);
    pool_ = std::make_unique<db::ConnectionPool>(database_->database(), 4);
    writer_ = std::make_unique<db::GroupCommitWriter>(database_->database());
  }

  void TearDown() override {
    writer_.reset();
    pool_.reset();
    c_.reset();
  }

  // Stores an item analysed with the built-in default (as ingestion did before a taxonomy change).
  std::int64_t Store(const std::string& text, const std::string& language = "") {
    FeedbackInput in;
    in.source = "complaint";
    in.channel = "email";
    in.text = text;
    in.language = language;
    in.received_at = clock_.now;
    const text::TextAnalyzer analyzer;
    std::optional<text::TextAnalysis> analysis;
    if (!text.empty()) analysis = analyzer.Analyze(text, language);
    auto written = writer_->Write(InsertFeedbackStatements(in, analysis ? &*analysis : nullptr, 0, clock_.now));
    EXPECT_TRUE(written.ok()) << written.error().ToString();
    return written.ok() ? db::AsInt(written->back().rows.at(0)[0]) : 0;
  }

  FeedbackItem Get(std::int64_t id) {
    auto item = GetFeedback(*c_, id);
    EXPECT_TRUE(item.ok()) << item.error().ToString();
    return item.ok() ? *item : FeedbackItem{};
  }

  static bool HasTopic(const FeedbackItem& item, const std::string& key) {
    if (!item.analysis) return false;
    return std::any_of(item.analysis->topics.begin(), item.analysis->topics.end(),
                       [&](const text::TopicSentiment& t) { return t.key == key; });
  }

  // Runs batches of `batch` until the run is finished; returns the number of batches.
  int RunToEnd(text::TextAnalyzer& analyzer, size_t batch) {
    for (int batches = 1; batches < 1000; ++batches) {
      auto run = ReanalyseBatch(*pool_, *writer_, analyzer, clock_, batch);
      EXPECT_TRUE(run.ok()) << run.error().ToString();
      if (!run.ok() || !*run || (*run)->finished_at) return batches;
    }
    ADD_FAILURE() << "the run did not finish";
    return 0;
  }

  std::int64_t Save(const text::Taxonomy& t) {
    auto revision = SaveTaxonomy(*c_, t, std::nullopt, clock_.now);
    EXPECT_TRUE(revision.ok()) << revision.error().ToString();
    return revision.ok() ? *revision : -1;
  }

  std::int64_t Start(std::int64_t revision) {
    auto id = StartReanalysis(*c_, revision, std::nullopt, clock_.now);
    EXPECT_TRUE(id.ok()) << id.error().ToString();
    return id.ok() ? *id : 0;
  }

  ReanalysisRun Latest() {
    auto run = LatestReanalysis(*c_);
    EXPECT_TRUE(run.ok() && *run);
    return run.ok() && *run ? **run : ReanalysisRun{};
  }

  ManualClock clock_;
  std::unique_ptr<db::TestDatabase> database_;
  std::unique_ptr<db::Connection> c_;
  std::unique_ptr<db::ConnectionPool> pool_;
  std::unique_ptr<db::GroupCommitWriter> writer_;
};

TEST_P(ReanalysisTest, SavedTaxonomiesAreRevisionsAndAnAnalyzerFollowsTheCurrentOne) {
  auto empty = LoadTaxonomy(*c_);
  ASSERT_TRUE(empty.ok()) << empty.error().ToString();
  EXPECT_EQ(empty->revision, 0);
  EXPECT_EQ(empty->taxonomy.topics.size(), text::DefaultTaxonomy().topics.size());

  text::TextAnalyzer analyzer;
  auto unchanged = SyncAnalyzer(*c_, analyzer);
  ASSERT_TRUE(unchanged.ok());
  EXPECT_FALSE(*unchanged);
  EXPECT_EQ(Save(WithParking()), 1);
  EXPECT_EQ(Save(text::DefaultTaxonomy()), 2);
  EXPECT_EQ(Save(WithParking()), 3);
  auto changed = SyncAnalyzer(*c_, analyzer);
  ASSERT_TRUE(changed.ok());
  EXPECT_TRUE(*changed);
  EXPECT_EQ(analyzer.revision(), 3);
  EXPECT_EQ(analyzer.matcher()->taxonomy().topics.back().key, "parking");
  auto stored = LoadTaxonomy(*c_);
  ASSERT_TRUE(stored.ok());
  EXPECT_EQ(stored->revision, 3);
  EXPECT_EQ(text::TaxonomyToJson(stored->taxonomy), text::TaxonomyToJson(WithParking()));
}

TEST_P(ReanalysisTest, ARunReanalysesEveryStoredTextInBatchesAndOnlyTexts) {
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 23; ++i) ids.push_back(Store(i % 2 == 0 ? kParkingNl : kParkingEn));
  const std::int64_t no_text = Store("");
  ASSERT_FALSE(HasTopic(Get(ids[0]), "parking"));

  const std::int64_t revision = Save(WithParking());
  text::TextAnalyzer analyzer;  // still on the default: the batch brings it to the saved revision
  const std::int64_t run_id = Start(revision);
  EXPECT_EQ(RunToEnd(analyzer, 5), 6);  // 5 batches of texts, then one that finds none left
  EXPECT_EQ(analyzer.revision(), revision);

  const ReanalysisRun run = Latest();
  EXPECT_EQ(run.id, run_id);
  EXPECT_EQ(run.total, 23);
  EXPECT_EQ(run.done, 23);
  EXPECT_TRUE(run.finished_at.has_value());
  for (std::int64_t id : ids) EXPECT_TRUE(HasTopic(Get(id), "parking")) << "item " << id;
  EXPECT_FALSE(Get(no_text).analysis.has_value());
  // The detected language is detected again, so it is still right.
  EXPECT_EQ(Get(ids[0]).input.language, "nl");
  EXPECT_EQ(Get(ids[1]).input.language, "en");
}

TEST_P(ReanalysisTest, ARestartedWorkerContinuesWhereTheRunStopped) {
  for (int i = 0; i < 10; ++i) Store(kParkingNl);
  Start(Save(WithParking()));
  {
    text::TextAnalyzer before_restart;
    auto run = ReanalyseBatch(*pool_, *writer_, before_restart, clock_, 4);
    ASSERT_TRUE(run.ok() && *run);
    EXPECT_EQ((*run)->done, 4);
  }
  text::TextAnalyzer after_restart;
  EXPECT_EQ(RunToEnd(after_restart, 4), 3);  // 4 more, 2 more, then none left
  const ReanalysisRun run = Latest();
  EXPECT_EQ(run.done, 10);
  EXPECT_TRUE(run.finished_at.has_value());
}

TEST_P(ReanalysisTest, ALanguageTheSenderGaveIsKept) {
  // An English text the sender said is Dutch stays Dutch (the sender knows their customers).
  const std::int64_t id = Store(kParkingEn, "nl");
  Start(Save(WithParking()));
  text::TextAnalyzer analyzer;
  RunToEnd(analyzer, 10);
  EXPECT_EQ(Get(id).input.language, "nl");
}

TEST_P(ReanalysisTest, ANewRunEndsTheUnfinishedOne) {
  for (int i = 0; i < 6; ++i) Store(kParkingNl);
  const std::int64_t first = Start(Save(WithParking()));
  text::TextAnalyzer analyzer;
  ASSERT_TRUE(ReanalyseBatch(*pool_, *writer_, analyzer, clock_, 2).ok());
  const std::int64_t second = Start(Save(text::DefaultTaxonomy()));
  EXPECT_NE(first, second);
  RunToEnd(analyzer, 100);
  const ReanalysisRun run = Latest();
  EXPECT_EQ(run.id, second);
  EXPECT_EQ(run.done, 6);
  EXPECT_EQ(analyzer.revision(), 2);
  // The default taxonomy has no parking topic: every item lost it again.
  auto rows = c_->Query("SELECT COUNT(*) FROM feedback WHERE topics LIKE '%parking%' OR text_revision <> 2");
  ASSERT_TRUE(rows.ok());
  EXPECT_EQ(db::AsInt(rows->rows[0][0]), 0);
  // Nothing to do once every run is finished.
  auto none = ReanalyseBatch(*pool_, *writer_, analyzer, clock_, 100);
  ASSERT_TRUE(none.ok());
  EXPECT_FALSE(none->has_value());
}

INSTANTIATE_TEST_SUITE_P(Engines, ReanalysisTest, ::testing::Values(db::Engine::kSqlite, db::Engine::kPostgres));

}  // namespace
}  // namespace ks::topics
