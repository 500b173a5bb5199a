// The index against plain SQL, on both engines: 100,000 generated feedback items (a fixed seed), loaded
// by an IndexFeed, and for several queries the summary's counts (n, histogram and complaints per group)
// must equal a GROUP BY over the feedback table. Local months and periods are computed here as UTC
// instants (TimeZone::StartOfDay) and handed to SQL as a list of (key, start, end), so the reference does
// not share the index's day bucketing.
//
// What the summary counts, as the reference states it: scored items of the summary's scale whose class
// passes the class filter; complaints are all items from source "complaint" that pass the other filters
// (whatever their score, scale or class). An item's attributes are its customer's, overridden by its own.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <map>
#include <random>
#include <string>
#include <vector>

#include "analytics/analytics_service.h"
#include "analytics/index_feed.h"
#include "base/time.h"
#include "db/connection_pool.h"
#include "db/test_database.h"

namespace ks::analytics {
namespace {

constexpr int kItems = 100'000;
constexpr int kCustomers = 500;
constexpr int kRowsPerInsert = 1'000;
constexpr int kInsertsPerTransaction = 10;
constexpr Micros kHour = Micros{3600} * kMicrosPerSecond;
constexpr const char* kChannels[] = {"email", "sms", "web", "store", "app"};

// Counts of one group: the histogram over the scale's values, and the complaints.
struct Counts {
  std::vector<std::int64_t> histogram;
  std::int64_t complaints = 0;
  bool operator==(const Counts&) const = default;
};
using Groups = std::map<std::string, Counts>;

void PrintTo(const Counts& c, std::ostream* os) {
  *os << "{histogram [";
  for (size_t i = 0; i < c.histogram.size(); ++i) *os << (i > 0 ? " " : "") << c.histogram[i];
  *os << "], complaints " << c.complaints << "}";
}

// A query to check: its parameters, and how the reference SQL groups and filters.
struct Check {
  std::string name;
  QueryParams params;
  Scale scale = Scale::kNps;  // the summary's scale
  std::string key;            // SQL expression of the group key ('' without grouping)
  std::string periods;        // "month" or "quarter": joins the period list as p (key p.key)
  std::string where;          // conditions of every filter but scale and class
  std::string score_class;    // condition on f.score_value for the class filter; empty for none
};

class EqualityTest : public ::testing::TestWithParam<db::Engine> {
 protected:
  void SetUp() override {
    auto t = db::TestDatabase::CreateMigrated(GetParam());
    ASSERT_TRUE(t.ok()) << t.error().ToString();
    database_ = std::move(t->database);
    c_ = std::move(t->connection);
    const auto started = std::chrono::steady_clock::now();
    ASSERT_NO_FATAL_FAILURE(Generate());
    const auto seconds =
        std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started).count() /
        1000.0;
    RecordProperty("insert_seconds", std::to_string(seconds));
    std::printf("inserted %d items in %.1f s\n", kItems, seconds);
  }

  std::int64_t UnitId(const std::string& code) { return units_.at(code); }

  // Units (region r with a and b; c and d on their own), customers with a tier or a segment, and the
  // feedback items over 18 months, in multi-row INSERTs.
  void Generate() {
    for (const auto& [code, parent] :
         std::vector<std::pair<std::string, std::string>>{{"r", ""}, {"a", "r"}, {"b", "r"}, {"c", ""}, {"d", ""}}) {
      auto rows = c_->Query(
          "INSERT INTO units (code, name, kind, parent_id, created_at) "
          "VALUES ($1, $2, $3, (SELECT id FROM units WHERE code = $4), 0) RETURNING id",
          {code, "Unit " + code, std::string(parent.empty() && code == "r" ? "region" : "location"), parent});
      ASSERT_TRUE(rows.ok()) << rows.error().ToString();
      units_[code] = db::AsInt(rows->rows.at(0)[0]);
    }
    std::mt19937 rng(20260301);
    auto pick = [&rng](int n) { return std::uniform_int_distribution<int>(0, n - 1)(rng); };

    std::string customers = "INSERT INTO customers (external_ref, attributes, created_at, updated_at) VALUES ";
    for (int i = 1; i <= kCustomers; ++i) {
      static constexpr const char* kTiers[] = {"gold", "silver", "bronze"};
      std::string attributes;
      switch (pick(4)) {
        case 0: attributes = "{}"; break;
        case 1: attributes = fmt::format(R"({{"tier":"{}","segment":"B2B"}})", kTiers[pick(3)]); break;
        default: attributes = fmt::format(R"({{"tier":"{}"}})", kTiers[pick(3)]);
      }
      customers += fmt::format("{}('k{}', '{}', 0, 0)", i > 1 ? ", " : "", i, attributes);
    }
    ASSERT_TRUE(c_->ExecScript(customers).ok());
    auto customer_rows = c_->Query("SELECT id FROM customers ORDER BY id");
    ASSERT_TRUE(customer_rows.ok()) << customer_rows.error().ToString();
    std::vector<std::int64_t> customer_ids;
    for (const auto& r : customer_rows->rows) customer_ids.push_back(db::AsInt(r[0]));
    ASSERT_EQ(customer_ids.size(), static_cast<size_t>(kCustomers));

    const std::string unit_ids[] = {"NULL",
                                    std::to_string(UnitId("r")),
                                    std::to_string(UnitId("a")),
                                    std::to_string(UnitId("b")),
                                    std::to_string(UnitId("c")),
                                    std::to_string(UnitId("d")),
                                    std::to_string(UnitId("a"))};
    const Micros first = ParseRfc3339("2025-01-01T00:00:00Z").value();
    const auto span_seconds =
        static_cast<int>((ParseRfc3339("2026-07-01T00:00:00Z").value() - first) / kMicrosPerSecond);
    const TimeZone zone = TimeZone::Find(kDefaultTimeZone).value();
    std::string script;
    std::string insert;
    int inserts = 0;
    for (int i = 0; i < kItems; ++i) {
      const int s = pick(100);
      const char* source = s < 60 ? "survey" : s < 75 ? "review" : s < 90 ? "complaint" : "social";
      std::string value = "NULL", scale = "NULL", klass = "NULL";
      if (std::string_view(source) != "complaint" || pick(2) == 0) {
        const int k = pick(100);
        const Scale sc = k < 60 ? Scale::kNps : k < 95 ? Scale::kGrade10 : Scale::kCsat5;
        const int v = ScaleMin(sc) + pick(ScaleMax(sc) - ScaleMin(sc) + 1);
        value = std::to_string(v);
        scale = fmt::format("'{}'", ScaleName(sc));
        klass = fmt::format("'{}'", MoodName(MoodOf(sc, v)));
      }
      std::string attributes;
      const int segment = pick(3);
      if (segment < 2) attributes += fmt::format(R"("segment":"{}")", segment == 0 ? "B2B" : "B2C");
      if (pick(10) == 0) attributes += std::string(attributes.empty() ? "" : ",") + R"("tier":"platinum")";
      Micros received = first + Micros{pick(span_seconds)} * kMicrosPerSecond + pick(1'000'000);
      if (pick(20) == 0) {
        // Near a local month boundary: within three hours of it, or exactly on it, or just before.
        const int month = pick(18);
        const Micros boundary = zone.StartOfDay({2025 + month / 12, month % 12 + 1, 1});
        const int where = pick(10);
        received = where == 0   ? boundary
                   : where == 1 ? boundary - 1
                                : boundary + Micros{pick(6 * 3600) - 3 * 3600} * kMicrosPerSecond;
      }
      const std::string customer =
          pick(10) < 7 ? std::to_string(customer_ids[static_cast<size_t>(pick(kCustomers))]) : "NULL";
      if (insert.empty()) {
        insert =
            "INSERT INTO feedback (source, channel, customer_id, unit_id, brand, score_value, score_scale, "
            "score_class, text, received_at, attributes, created_at) VALUES ";
      } else {
        insert += ", ";
      }
      insert += fmt::format("('{}', '{}', {}, {}, 'own', {}, {}, {}, '', {}, '{{{}}}', 0)", source, kChannels[pick(5)],
                            customer, unit_ids[pick(7)], value, scale, klass, received, attributes);
      if ((i + 1) % kRowsPerInsert == 0 || i + 1 == kItems) {
        script += insert + ";\n";
        insert.clear();
        if (++inserts % kInsertsPerTransaction == 0 || i + 1 == kItems) {
          auto done = c_->ExecScript("BEGIN;\n" + script + "COMMIT;");
          ASSERT_TRUE(done.ok()) << done.error().ToString();
          script.clear();
        }
      }
    }
  }

  // An attribute as the index sees it: the item's, else its customer's, else ''.
  std::string Attribute(const std::string& key) const {
    if (GetParam() == db::Engine::kSqlite) {
      return fmt::format("COALESCE(json_extract(f.attributes, '$.{0}'), json_extract(c.attributes, '$.{0}'), '')", key);
    }
    return fmt::format("COALESCE(f.attributes::json ->> '{0}', c.attributes::json ->> '{0}', '')", key);
  }

  // WITH p(key, start_at, end_at) AS (VALUES …): the local months or quarters from December 2024 to
  // August 2026 as UTC instants.
  static std::string Periods(const std::string& kind) {
    const TimeZone zone = TimeZone::Find(kDefaultTimeZone).value();
    const int step = kind == "quarter" ? 3 : 1;
    std::string values;
    for (int m = 2024 * 12 + (kind == "quarter" ? 9 : 11); m < 2026 * 12 + 9; m += step) {
      const LocalDate start{m / 12, m % 12 + 1, 1};
      const LocalDate end{(m + step) / 12, (m + step) % 12 + 1, 1};
      const std::string key = kind == "quarter" ? fmt::format("{}-Q{}", start.year, (start.month - 1) / 3 + 1)
                                                : fmt::format("{}-{:02}", start.year, start.month);
      values += fmt::format("{}('{}', {}, {})", values.empty() ? "" : ", ", key, zone.StartOfDay(start),
                            zone.StartOfDay(end));
    }
    return "WITH p(key, start_at, end_at) AS (VALUES " + values + ") ";
  }

  // What the summary should count, by GROUP BY over the feedback table.
  Groups Reference(const Check& check) {
    const std::string with = check.periods.empty() ? "" : Periods(check.periods);
    const std::string from =
        " FROM feedback f LEFT JOIN customers c ON c.id = f.customer_id LEFT JOIN units u ON u.id = f.unit_id" +
        std::string(check.periods.empty() ? "" : " JOIN p ON f.received_at >= p.start_at AND f.received_at < p.end_at");
    const std::string key = check.periods.empty() ? check.key : "p.key";
    const std::string where = " WHERE (" + (check.where.empty() ? std::string("1 = 1") : check.where) + ")";
    Groups groups;
    const int lo = ScaleMin(check.scale);
    const auto values = static_cast<size_t>(ScaleMax(check.scale) - lo + 1);
    auto scored =
        c_->Query(with + "SELECT " + key + ", f.score_value, COUNT(*)" + from + where + " AND f.score_scale = $1" +
                      (check.score_class.empty() ? "" : " AND (" + check.score_class + ")") + " GROUP BY 1, 2",
                  {std::string(ScaleName(check.scale))});
    EXPECT_TRUE(scored.ok()) << scored.error().ToString();
    for (const auto& r : scored.value_or(db::Rows{}).rows) {
      Counts& g = groups[db::AsText(r[0])];
      g.histogram.resize(values, 0);
      g.histogram.at(static_cast<size_t>(db::AsInt(r[1]) - lo)) += db::AsInt(r[2]);
    }
    auto complaints =
        c_->Query(with + "SELECT " + key + ", COUNT(*)" + from + where + " AND f.source = 'complaint' GROUP BY 1");
    EXPECT_TRUE(complaints.ok()) << complaints.error().ToString();
    for (const auto& r : complaints.value_or(db::Rows{}).rows) {
      Counts& g = groups[db::AsText(r[0])];
      g.histogram.resize(values, 0);
      g.complaints += db::AsInt(r[1]);
    }
    return groups;
  }

  static Counts CountsOf(const GroupSummary& g) { return {g.histogram, g.complaints}; }

  std::unique_ptr<db::TestDatabase> database_;
  std::unique_ptr<db::Connection> c_;
  std::map<std::string, std::int64_t> units_;
};

TEST_P(EqualityTest, TheIndexCountsWhatSqlCounts) {
  FeedbackIndex index(TimeZone::Find(kDefaultTimeZone).value());
  IndexFeed feed(database_->database(), index, IndexFeed::Options{0, 30'000});
  ASSERT_TRUE(feed.Start().ok());
  ASSERT_EQ(index.size(), static_cast<size_t>(kItems));
  ManualClock clock(ParseRfc3339("2026-11-28T12:00:00Z").value());
  db::ConnectionPool pool(database_->database(), 2);
  AnalyticsService service(index, pool, clock);

  const std::string region = fmt::format("f.unit_id IN ({}, {}, {})", UnitId("r"), UnitId("a"), UnitId("b"));
  const TimeZone zone = TimeZone::Find(kDefaultTimeZone).value();
  const std::string summer = fmt::format("f.received_at >= {} AND f.received_at < {}", zone.StartOfDay({2025, 6, 1}),
                                         zone.StartOfDay({2025, 10, 1}));
  const std::vector<Check> checks = {
      {"everything", {}, Scale::kNps, "''", "", "", ""},
      {"months of region r", {{"group_by", "month"}, {"unit", "r"}}, Scale::kNps, "", "month", region, ""},
      {"tiers of the detractors",
       {{"group_by", "tier"}, {"class", "detractor"}},
       Scale::kNps,
       Attribute("tier"),
       "",
       "",
       "f.score_value <= 6"},
      {"channels in summer 2025, grade10",
       {{"group_by", "channel"}, {"from", "2025-06-01"}, {"to", "2025-09-30"}, {"scale", "grade10"}},
       Scale::kGrade10,
       "f.channel",
       "",
       summer,
       ""},
      {"units of segment B2B",
       {{"group_by", "unit"}, {"attr.segment", "B2B"}},
       Scale::kNps,
       "COALESCE(u.code, '')",
       "",
       Attribute("segment") + " = 'B2B'",
       ""},
      {"quarters of pass and good",
       {{"group_by", "quarter"}, {"class", "pass,good"}},
       Scale::kGrade10,
       "",
       "quarter",
       "",
       "f.score_value >= 6"},
      {"sources of csat5 on web and app, gold customers",
       {{"group_by", "source"}, {"scale", "csat5"}, {"channel", "web"}, {"channel", "app"}, {"attr.tier", "gold"}},
       Scale::kCsat5,
       "f.source",
       "",
       "f.channel IN ('web', 'app') AND " + Attribute("tier") + " = 'gold'",
       ""},
  };
  for (const auto& check : checks) {
    SCOPED_TRACE(check.name);
    auto query = service.ParseQuery(check.params, std::nullopt);
    ASSERT_TRUE(query.ok()) << query.error().ToString();
    auto summary = service.Summarize(*query);
    ASSERT_TRUE(summary.ok()) << summary.error().ToString();
    EXPECT_EQ(summary->scale, check.scale);
    const Groups expected = Reference(check);
    ASSERT_FALSE(expected.empty());
    Counts total{std::vector<std::int64_t>(expected.begin()->second.histogram.size(), 0), 0};
    for (const auto& [key, g] : expected) {
      for (size_t v = 0; v < g.histogram.size(); ++v) total.histogram[v] += g.histogram[v];
      total.complaints += g.complaints;
    }
    EXPECT_EQ(CountsOf(summary->total), total);
    std::int64_t n = 0;
    for (auto count : total.histogram) n += count;
    EXPECT_EQ(summary->total.n, n);
    EXPECT_GT(n, 100) << "a check that counts almost nothing checks little";
    if (query->group_by == GroupBy::kNone) {
      EXPECT_TRUE(summary->groups.empty());
      continue;
    }
    Groups actual;
    std::vector<std::string> keys;
    for (const auto& g : summary->groups) {
      actual[g.key] = CountsOf(g);
      keys.push_back(g.key);
      std::int64_t group_n = 0;
      for (auto count : g.histogram) group_n += count;
      EXPECT_EQ(g.n, group_n) << g.key;
    }
    EXPECT_EQ(keys.size(), actual.size()) << "a key appears twice";
    EXPECT_GE(expected.size(), 3U);
    for (const auto& [key, counts] : expected) {
      auto it = actual.find(key);
      if (it == actual.end()) {
        ADD_FAILURE() << "group '" << key << "' is missing from the summary";
        continue;
      }
      EXPECT_EQ(it->second, counts) << "group '" << key << "'";
    }
    for (const auto& [key, counts] : actual) {
      EXPECT_TRUE(expected.contains(key)) << "group '" << key << "' is not in the reference";
    }
    if (IsPeriod(query->group_by)) {
      EXPECT_TRUE(std::is_sorted(keys.begin(), keys.end()));
    }
  }
}

INSTANTIATE_TEST_SUITE_P(Engines, EqualityTest, ::testing::Values(db::Engine::kSqlite, db::Engine::kPostgres));

}  // namespace
}  // namespace ks::analytics
