// The golden files (tests/analytics/golden/*.json, see the README there): each file's units, customers and
// feedback go through the real write path into a fresh SQLite database, an IndexFeed loads them, and every
// case's query parameters run through AnalyticsService; SummaryToJson must equal the expected output
// (numbers within 1e-9), or the query must fail naming the expected parameter.
//
// KS_UPDATE_GOLDEN=1 rewrites the expected outputs from what the code gives, for reviewing by hand; the
// test then fails all the same, so a run never passes by regenerating.
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "accounts/organisation_settings.h"
#include "analytics/analytics_service.h"
#include "analytics/index_feed.h"
#include "analytics/summary_json.h"
#include "base/time.h"
#include "customers/customer_store.h"
#include "customers/unit_directory.h"
#include "db/connection_pool.h"
#include "db/group_commit_writer.h"
#include "db/migrations.h"
#include "db/test_database.h"
#include "feedback/feedback_json.h"
#include "feedback/feedback_service.h"

namespace ks::analytics {
namespace {

using nlohmann::json;
using nlohmann::ordered_json;

constexpr double kTolerance = 1e-9;
// "Now" for the files: received_at may not lie in the future, and nothing depends on today otherwise.
const Micros kNow = ParseRfc3339("2027-01-01T12:00:00Z").value();

std::string PathOf(const std::string& parent, const std::string& key) { return parent + "." + key; }
std::string PathOf(const std::string& parent, size_t index) { return parent + "[" + std::to_string(index) + "]"; }

// The first place where `actual` differs from `expected`, as "$.groups[1].n: expected 3, got 4"; nullopt
// when they are equal. Numbers are equal within kTolerance (relative above 1); integers exactly.
std::optional<std::string> FirstDifference(const json& expected, const json& actual, const std::string& path = "$") {
  auto differ = [&](const std::string& what) {
    return path + ": " + what + " (expected " + expected.dump() + ", got " + actual.dump() + ")";
  };
  if (expected.is_number() && actual.is_number()) {
    if (expected.is_number_integer() && actual.is_number_integer()) {
      if (expected.get<std::int64_t>() != actual.get<std::int64_t>()) return differ("numbers differ");
      return std::nullopt;
    }
    const auto e = expected.get<double>(), a = actual.get<double>();
    if (std::fabs(e - a) > kTolerance * std::max({1.0, std::fabs(e), std::fabs(a)})) return differ("numbers differ");
    return std::nullopt;
  }
  if (expected.type() != actual.type()) {
    return path + ": expected " + std::string(expected.type_name()) + " " + expected.dump() + ", got " +
           std::string(actual.type_name()) + " " + actual.dump();
  }
  if (expected.is_object()) {
    for (const auto& [key, value] : expected.items()) {
      if (!actual.contains(key)) return PathOf(path, key) + ": missing (expected " + value.dump() + ")";
      if (auto d = FirstDifference(value, actual[key], PathOf(path, key))) return d;
    }
    for (const auto& [key, value] : actual.items()) {
      if (!expected.contains(key)) return PathOf(path, key) + ": not expected (got " + value.dump() + ")";
    }
    return std::nullopt;
  }
  if (expected.is_array()) {
    for (size_t i = 0; i < std::min(expected.size(), actual.size()); ++i) {
      if (auto d = FirstDifference(expected[i], actual[i], PathOf(path, i))) return d;
    }
    if (expected.size() != actual.size()) {
      return path + ": expected " + std::to_string(expected.size()) + " elements, got " + std::to_string(actual.size());
    }
    return std::nullopt;
  }
  if (expected != actual) return differ("values differ");
  return std::nullopt;
}

TEST(GoldenCompare, NamesThePathOfTheFirstDifference) {
  const json a = json::parse(R"({"n": 3, "groups": [{"key": "a", "mean": 0.5}, {"key": "b", "mean": 1.0}]})");
  EXPECT_EQ(FirstDifference(a, a), std::nullopt);
  json b = a;
  b["groups"][1]["mean"] = 1.0 + 1e-12;
  EXPECT_EQ(FirstDifference(a, b), std::nullopt);  // within the tolerance
  b["groups"][1]["mean"] = 1.001;
  EXPECT_EQ(FirstDifference(a, b).value_or("").rfind("$.groups[1].mean: numbers differ", 0), 0U);
  b = a;
  b["n"] = 4;
  EXPECT_EQ(FirstDifference(a, b).value_or("").rfind("$.n:", 0), 0U);
  b = a;
  b["groups"].erase(1);
  EXPECT_EQ(FirstDifference(a, b).value_or(""), "$.groups: expected 2 elements, got 1");
  b = a;
  b["extra"] = nullptr;
  EXPECT_EQ(FirstDifference(a, b).value_or(""), "$.extra: not expected (got null)");
  b = a;
  b["groups"][0]["mean"] = nullptr;
  EXPECT_EQ(FirstDifference(a, b).value_or(""), "$.groups[0].mean: expected number 0.5, got null null");
}

// The file as the update mode writes it: a value on one line when it fits in 130 columns, otherwise one
// member or element per line (the outputs' keys are sorted, as nlohmann::json keeps them).
std::string Pretty(const ordered_json& v, size_t indent = 0) {
  std::string compact = v.dump();
  if (!v.is_structured() || v.empty() || indent + compact.size() <= 130) return compact;
  const std::string pad(indent + 2, ' ');
  std::string out = v.is_object() ? "{\n" : "[\n";
  bool first = true;
  for (auto it = v.begin(); it != v.end(); ++it) {
    out += (first ? "" : ",\n") + pad;
    if (v.is_object()) out += ordered_json(it.key()).dump() + ": ";
    out += Pretty(*it, indent + 2);
    first = false;
  }
  return out + "\n" + std::string(indent, ' ') + (v.is_object() ? "}" : "]");
}

// A case's "params" object as query parameters: a string value, or an array of them (a repeated parameter).
QueryParams ParamsOf(const ordered_json& params) {
  QueryParams out;
  for (const auto& [name, value] : params.items()) {
    if (value.is_array()) {
      for (const auto& v : value) out.emplace(name, v.get<std::string>());
    } else {
      out.emplace(name, value.get<std::string>());
    }
  }
  return out;
}

// One golden file loaded into a fresh SQLite database, with the index and the service over it.
class GoldenWorld {
 public:
  // Fails the current test (and leaves ok() false) on any error in the file's input.
  void Load(const ordered_json& file) {
    auto t = db::TestDatabase::Create(db::Engine::kSqlite);
    ASSERT_TRUE(t.ok()) << t.error().ToString();
    database_ = std::move(*t);
    auto c = database_->database().Connect();
    ASSERT_TRUE(c.ok()) << c.error().ToString();
    ASSERT_TRUE(db::Migrate(**c).ok());
    auto settings = LoadSettings(**c);
    ASSERT_TRUE(settings.ok());
    settings->time_zone = file.at("time_zone").get<std::string>();
    auto saved = SaveSettings(**c, *settings);
    ASSERT_TRUE(saved.ok()) << saved.error().ToString();
    for (const auto& u : file.value("units", ordered_json::array())) {
      const std::string parent = u.value("parent", "");
      auto inserted = (*c)->Exec(
          "INSERT INTO units (code, name, kind, parent_id, created_at) "
          "VALUES ($1, $2, $3, (SELECT id FROM units WHERE code = $4), 0)",
          {u.at("code").get<std::string>(), u.at("name").get<std::string>(), u.value("kind", "location"), parent});
      ASSERT_TRUE(inserted.ok()) << "units: " << inserted.error().ToString();
    }
    writer_ = std::make_unique<db::GroupCommitWriter>(database_->database());
    pool_ = std::make_unique<db::ConnectionPool>(database_->database(), 2);
    for (const auto& customer : file.value("customers", ordered_json::array())) {
      auto upsert = ParseCustomerJson(json::parse(customer.dump()));
      ASSERT_TRUE(upsert.ok()) << "customers: " << upsert.error().ToString();
      auto written = writer_->Write(UpsertCustomerStatements(*upsert, kNow));
      ASSERT_TRUE(written.ok()) << "customers: " << written.error().ToString();
    }
    std::vector<FeedbackInput> items;
    const ordered_json& item_json = file.at("items");
    for (size_t i = 0; i < item_json.size(); ++i) {
      auto item = ParseFeedbackJson(json::parse(item_json[i].dump()), kNow);
      ASSERT_TRUE(item.ok()) << "items[" << i << "]: " << item.error().ToString();
      items.push_back(std::move(*item));
    }
    UnitDirectory units(*pool_);
    const text::TextAnalyzer analyzer;
    FeedbackService feedback(*writer_, *pool_, units, analyzer, clock_);
    auto ingested = feedback.IngestAndWait(std::move(items));
    ASSERT_TRUE(ingested.ok()) << ingested.error().ToString();
    index_ = std::make_unique<FeedbackIndex>(TimeZone::Find(kDefaultTimeZone).value());
    feed_ = std::make_unique<IndexFeed>(database_->database(), *index_, IndexFeed::Options{0, 50'000});
    auto started = feed_->Start();
    ASSERT_TRUE(started.ok()) << started.error().ToString();
    service_ = std::make_unique<AnalyticsService>(*index_, *pool_, clock_);
    ok_ = true;
  }

  bool ok() const { return ok_; }

  // The summary as JSON, or the error.
  Result<json> Run(const ordered_json& test_case) {
    std::optional<std::vector<std::int64_t>> scope;
    if (test_case.contains("scope")) {
      scope.emplace();
      for (const auto& code : test_case["scope"]) {
        KS_ASSIGN_OR_RETURN(auto ids, service_->UnitWithChildren(code.get<std::string>()));
        scope->insert(scope->end(), ids.begin(), ids.end());
      }
    }
    KS_ASSIGN_OR_RETURN(SummaryQuery query,
                        service_->ParseQuery(ParamsOf(test_case.value("params", ordered_json::object())), scope));
    KS_ASSIGN_OR_RETURN(Summary summary, service_->Summarize(query));
    return SummaryToJson(summary);
  }

 private:
  ManualClock clock_{kNow};
  std::unique_ptr<db::TestDatabase> database_;
  std::unique_ptr<db::GroupCommitWriter> writer_;
  std::unique_ptr<db::ConnectionPool> pool_;
  std::unique_ptr<FeedbackIndex> index_;
  std::unique_ptr<IndexFeed> feed_;
  std::unique_ptr<AnalyticsService> service_;
  bool ok_ = false;
};

std::vector<std::filesystem::path> GoldenFiles() {
  std::vector<std::filesystem::path> files;
  for (const auto& entry : std::filesystem::directory_iterator(KS_GOLDEN_DIR)) {
    if (entry.path().extension() == ".json") files.push_back(entry.path());
  }
  std::sort(files.begin(), files.end());
  return files;
}

TEST(GoldenFiles, EveryCaseGivesItsExpectedOutput) {
  const char* update_env = std::getenv("KS_UPDATE_GOLDEN");
  const bool update = update_env != nullptr && std::string(update_env) == "1";
  const auto files = GoldenFiles();
  ASSERT_GE(files.size(), 4U) << "golden files in " << KS_GOLDEN_DIR;
  size_t cases = 0;
  std::vector<std::string> rewritten;
  for (const auto& path : files) {
    SCOPED_TRACE(path.filename().string());
    std::ifstream in(path);
    ordered_json file = ordered_json::parse(in, nullptr, false);
    ASSERT_FALSE(file.is_discarded()) << path << " is not valid JSON";
    ASSERT_TRUE(file.contains("description") && file.contains("cases")) << path;
    GoldenWorld world;
    world.Load(file);
    ASSERT_TRUE(world.ok());
    ordered_json& file_cases = file["cases"];
    for (size_t i = 0; i < file_cases.size(); ++i) {
      ordered_json& test_case = file_cases[i];
      SCOPED_TRACE("cases[" + std::to_string(i) + "] " + test_case.value("params", ordered_json::object()).dump());
      ++cases;
      auto actual = world.Run(test_case);
      if (update) {
        if (actual.ok()) {
          test_case.erase("expected_error");
          test_case["expected"] = ordered_json::parse(actual->dump());
        } else {
          test_case.erase("expected");
          test_case["expected_error"] = actual.error().field;
        }
        continue;
      }
      if (test_case.contains("expected_error")) {
        const auto field = test_case["expected_error"].get<std::string>();
        EXPECT_FALSE(actual.ok()) << "expected an error about '" << field << "', got " << actual->dump();
        if (!actual.ok()) {
          EXPECT_EQ(actual.error().field, field) << actual.error().ToString();
          EXPECT_EQ(actual.error().code, ErrorCode::kInvalidArgument) << actual.error().ToString();
        }
        continue;
      }
      ASSERT_TRUE(test_case.contains("expected")) << "a case needs \"expected\" or \"expected_error\"";
      if (!actual.ok()) {
        ADD_FAILURE() << "the query failed: " << actual.error().ToString();
        continue;
      }
      if (auto difference = FirstDifference(json::parse(test_case["expected"].dump()), *actual)) {
        ADD_FAILURE() << *difference << "\nwhole output: " << actual->dump();
      }
    }
    if (update) {
      std::ofstream out(path);
      out << Pretty(file) << "\n";
      rewritten.push_back(path.filename().string());
    }
  }
  EXPECT_GE(cases, 20U);
  if (update) {
    std::string names;
    for (const auto& n : rewritten) names += " " + n;
    FAIL() << "KS_UPDATE_GOLDEN=1: rewrote the expected outputs of" << names << " in " << KS_GOLDEN_DIR
           << "; review the changes (git diff), then run again without KS_UPDATE_GOLDEN";
  }
}

}  // namespace
}  // namespace ks::analytics
