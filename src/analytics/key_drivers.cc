#include "analytics/key_drivers.h"

#include <algorithm>
#include <charconv>
#include <numeric>

#include "stats/descriptive.h"

namespace ks::analytics {
namespace {

bool UnhappyRating(int rating, int max) { return max == 10 ? rating <= 5 : rating <= 2; }

std::string Quadrant(double importance, double performance, double mean_importance, double mean_performance) {
  const bool important = importance >= mean_importance;
  const bool good = performance >= mean_performance;
  if (important) return good ? "keep_up" : "fix_first";
  return good ? "maintain" : "low_priority";
}

}  // namespace

KeyDrivers AnalyseDrivers(const std::vector<DriverDefinition>& drivers, const std::vector<DriverResponse>& responses) {
  KeyDrivers out;
  const size_t k = drivers.size();
  std::vector<std::vector<double>> complete_x(k);
  std::vector<double> complete_y;
  for (const auto& r : responses) {
    const size_t rated = static_cast<size_t>(
        std::count_if(r.ratings.begin(), r.ratings.end(), [](const std::optional<int>& v) { return v.has_value(); }));
    if (rated > 0) ++out.responses;
    if (rated != k || k == 0) continue;
    for (size_t j = 0; j < k; ++j) complete_x[j].push_back(*r.ratings[j]);
    complete_y.push_back(r.score);
  }
  out.complete = static_cast<std::int64_t>(complete_y.size());
  const auto regression = stats::LeastSquares(complete_x, complete_y);
  if (regression) out.r_squared = regression->r_squared;
  for (size_t j = 0; j < k; ++j) {
    DriverResult d;
    d.key = drivers[j].key;
    std::vector<double> x, y;
    std::int64_t unhappy = 0;
    for (const auto& r : responses) {
      if (j >= r.ratings.size() || !r.ratings[j]) continue;
      x.push_back(*r.ratings[j]);
      y.push_back(r.score);
      if (UnhappyRating(*r.ratings[j], drivers[j].max)) ++unhappy;
    }
    d.n = static_cast<std::int64_t>(x.size());
    d.mean = stats::Mean(x);
    if (d.mean) d.performance = (*d.mean - 1) / (drivers[j].max - 1);
    d.unhappy_share = d.n > 0 ? static_cast<double>(unhappy) / static_cast<double>(d.n) : 0;
    d.correlation = stats::Pearson(x, y);
    if (regression) d.standardised = regression->standardised[j];
    d.importance = d.standardised.value_or(d.correlation.value_or(0));
    out.drivers.push_back(std::move(d));
  }
  std::vector<const DriverResult*> measured;
  for (const auto& d : out.drivers) {
    if (d.mean) measured.push_back(&d);
  }
  const double count = std::max<double>(1, static_cast<double>(measured.size()));
  out.mean_importance = std::accumulate(measured.begin(), measured.end(), 0.0,
                                        [](double s, const DriverResult* d) { return s + d->importance; }) /
                        count;
  out.mean_performance = std::accumulate(measured.begin(), measured.end(), 0.0,
                                         [](double s, const DriverResult* d) { return s + d->performance; }) /
                         count;
  for (auto& d : out.drivers) {
    d.quadrant = d.mean ? Quadrant(d.importance, d.performance, out.mean_importance, out.mean_performance) : "";
  }
  std::stable_sort(out.drivers.begin(), out.drivers.end(), [](const DriverResult& a, const DriverResult& b) {
    if ((a.quadrant == "fix_first") != (b.quadrant == "fix_first")) return a.quadrant == "fix_first";
    return a.importance > b.importance;
  });
  return out;
}

Result<std::vector<DriverResponse>> LoadDriverResponses(db::Connection& c, std::int64_t survey_id,
                                                        const std::vector<DriverDefinition>& drivers, Micros from,
                                                        Micros to, const std::vector<std::int64_t>& unit_ids) {
  std::string sql =
      "SELECT f.id, f.score_value, a.question, a.value FROM feedback f JOIN feedback_answers a ON a.feedback_id = f.id "
      "WHERE f.survey_id = $1 AND f.received_at >= $2 AND f.received_at < $3 AND f.score_value IS NOT NULL";
  std::vector<db::Value> params = {survey_id, from, to};
  if (!unit_ids.empty()) {
    sql += " AND f.unit_id IN (";
    for (size_t i = 0; i < unit_ids.size(); ++i) {
      sql += (i == 0 ? "$" : ", $") + std::to_string(params.size() + 1);
      params.emplace_back(unit_ids[i]);
    }
    sql += ")";
  }
  sql += " ORDER BY f.id";
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql, params));
  std::vector<DriverResponse> out;
  std::int64_t current = -1;
  for (const auto& r : rows.rows) {
    if (db::AsInt(r[0]) != current) {
      current = db::AsInt(r[0]);
      out.push_back({static_cast<double>(db::AsInt(r[1])), std::vector<std::optional<int>>(drivers.size())});
    }
    const std::string question = db::AsText(r[2]);
    const std::string value = db::AsText(r[3]);
    for (size_t j = 0; j < drivers.size(); ++j) {
      int rating = 0;
      const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), rating);
      if (drivers[j].key == question && ec == std::errc() && rating >= 1 && rating <= drivers[j].max) {
        out.back().ratings[j] = rating;
      }
    }
  }
  return out;
}

}  // namespace ks::analytics
