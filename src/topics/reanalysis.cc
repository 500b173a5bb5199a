#include "topics/reanalysis.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "base/strings.h"
#include "feedback/text_columns.h"
#include "topics/taxonomy_store.h"

namespace ks::topics {
namespace {

constexpr std::string_view kSelectRun = R"(
SELECT r.id, r.taxonomy_revision, r.total, r.done, r.last_id, r.started_at, r.finished_at, COALESCE(u.name, u.email, '')
FROM text_reanalyses r LEFT JOIN users u ON u.id = r.started_by)";

ReanalysisRun RowToRun(const std::vector<db::Value>& r) {
  ReanalysisRun run{db::AsInt(r[0]), db::AsInt(r[1]), db::AsInt(r[2]), db::AsInt(r[3]),
                    db::AsInt(r[4]), db::AsInt(r[5]), std::nullopt,    db::AsText(r[7])};
  if (!db::IsNull(r[6])) run.finished_at = db::AsInt(r[6]);
  return run;
}

// "UPDATE feedback SET language = $1, …, language_detected = $9 WHERE id = $10".
const std::string& UpdateTextColumns() {
  static const std::string kSql = [] {
    std::string set;
    int n = 0;
    for (const std::string& column : Split(kTextColumnNames, ',')) {
      fmt::format_to(std::back_inserter(set), "{}{} = ${}", set.empty() ? "" : ", ", Trim(column), ++n);
    }
    return fmt::format("UPDATE feedback SET {} WHERE id = ${}", set, n + 1);
  }();
  return kSql;
}

}  // namespace

Result<std::int64_t> StartReanalysis(db::Connection& c, std::int64_t revision, std::optional<std::int64_t> user,
                                     Micros now) {
  KS_ASSIGN_OR_RETURN(auto results,
                      c.Transact({
                          {"UPDATE text_reanalyses SET finished_at = $1 WHERE finished_at IS NULL", {now}},
                          {R"(
INSERT INTO text_reanalyses (taxonomy_revision, total, done, last_id, started_by, started_at)
VALUES ($1, (SELECT COUNT(*) FROM feedback WHERE text IS NOT NULL AND text <> ''), 0, 0, $2, $3)
RETURNING id)",
                           {revision, user ? db::Value(*user) : db::Value(nullptr), now}},
                      }));
  return db::AsInt(results.at(1).rows.at(0)[0]);
}

Result<std::optional<ReanalysisRun>> LatestReanalysis(db::Connection& c) {
  KS_ASSIGN_OR_RETURN(auto rows, c.Query(fmt::format("{} ORDER BY r.id DESC LIMIT 1", kSelectRun)));
  if (rows.empty()) return std::optional<ReanalysisRun>();
  return std::optional<ReanalysisRun>(RowToRun(rows.rows[0]));
}

Result<std::optional<ReanalysisRun>> ReanalyseBatch(db::ConnectionPool& pool, db::GroupCommitWriter& writer,
                                                    text::TextAnalyzer& analyzer, const Clock& clock, size_t batch) {
  ReanalysisRun run;
  db::Rows texts;
  {
    KS_ASSIGN_OR_RETURN(auto c, pool.Acquire());
    KS_RETURN_IF_ERROR(SyncAnalyzer(*c, analyzer));
    KS_ASSIGN_OR_RETURN(auto runs,
                        c->Query(fmt::format("{} WHERE r.finished_at IS NULL ORDER BY r.id DESC LIMIT 1", kSelectRun)));
    if (runs.empty()) return std::optional<ReanalysisRun>();
    run = RowToRun(runs.rows[0]);
    // A text detected as some language is detected again; a language the sender gave is kept.
    KS_ASSIGN_OR_RETURN(texts, c->Query(R"(
SELECT f.id, f.text, CASE WHEN f.language_detected = 1 THEN '' ELSE COALESCE(f.language, '') END,
       COALESCE(cu.language, '')
FROM feedback f LEFT JOIN customers cu ON cu.id = f.customer_id
WHERE f.id > $1 AND f.text IS NOT NULL AND f.text <> ''
ORDER BY f.id LIMIT $2)",
                                        {run.last_id, static_cast<std::int64_t>(batch)}));
  }  // the connection goes back to the pool before the write
  if (texts.empty()) {
    run.finished_at = clock.Now();
    KS_RETURN_IF_ERROR(
        writer.Write({{"UPDATE text_reanalyses SET finished_at = $2 WHERE id = $1 AND finished_at IS NULL",
                       {run.id, *run.finished_at}}}));
    return std::optional<ReanalysisRun>(run);
  }
  const std::int64_t revision = analyzer.revision();
  std::vector<db::Statement> statements;
  statements.reserve(texts.size() + 1);
  for (const auto& row : texts.rows) {
    const std::string given = db::AsText(row[2]);
    const text::TextAnalysis analysis = analyzer.Analyze(db::AsText(row[1]), given, db::AsText(row[3]));
    std::vector<db::Value> values = TextColumnValues(&analysis, given, revision);
    values.emplace_back(db::AsInt(row[0]));
    statements.push_back({UpdateTextColumns(), std::move(values)});
  }
  const std::int64_t last_id = db::AsInt(texts.rows.back()[0]);
  const auto count = static_cast<std::int64_t>(texts.size());
  // Counted once even when another node did the same batch at the same time.
  statements.push_back({"UPDATE text_reanalyses SET done = done + $1, last_id = $2 WHERE id = $3 AND last_id = $4",
                        {count, last_id, run.id, run.last_id}});
  KS_RETURN_IF_ERROR(writer.Write(std::move(statements)));
  run.done += count;
  run.last_id = last_id;
  return std::optional<ReanalysisRun>(run);
}

Reanalyser::Reanalyser(db::ConnectionPool& pool, db::GroupCommitWriter& writer, text::TextAnalyzer& analyzer,
                       const Clock& clock, Micros interval)
    : pool_(pool), writer_(writer), analyzer_(analyzer), clock_(clock), loop_(interval, [this] { return Step(); }) {}

bool Reanalyser::Step() {
  auto run = ReanalyseBatch(pool_, writer_, analyzer_, clock_);
  if (!run.ok()) {
    spdlog::warn("text re-analysis: {}", run.error().message);
    return false;
  }
  if (!*run) return false;
  const ReanalysisRun& r = **run;
  if (r.finished_at) {
    spdlog::info("text re-analysis {} finished: {} texts analysed with taxonomy revision {}", r.id, r.done,
                 r.taxonomy_revision);
    return false;
  }
  // About every tenth of the way, and at least every 10,000 texts.
  const std::int64_t step = std::clamp<std::int64_t>(r.total / 10, 1, 10'000);
  if (r.done / step != (r.done - std::min<std::int64_t>(r.done, 500)) / step) {
    spdlog::info("text re-analysis {}: {}/{} texts", r.id, r.done, r.total);
  }
  return true;
}

}  // namespace ks::topics
