#include "analytics/insights_support.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "web/locale_format.h"

namespace ks::analytics {

std::string Percent(double share, const std::string& language, int decimals) {
  return web::FormatDecimal(100 * share, decimals, language) + "%";
}

std::string PercentInterval(double low, double high, const std::string& language, int decimals) {
  return web::FormatDecimal(100 * low, decimals, language) + "–" + web::FormatDecimal(100 * high, decimals, language) +
         "%";
}

std::string SignedDecimal(double value, int decimals, const std::string& language) {
  const std::string text = web::FormatDecimal(value, decimals, language);
  const double rounded = std::round(value * std::pow(10.0, decimals));
  return rounded > 0 ? "+" + text : text;
}

std::string PValue(double p, const std::string& language) {
  if (p < 0.001) return "< " + web::FormatDecimal(0.001, 3, language);
  return web::FormatDecimal(p, 3, language);
}

std::string CsvNumber(double value, int decimals) {
  if (!std::isfinite(value)) return "";
  std::string out = fmt::format("{:.{}f}", value, decimals);
  if (out.starts_with("-") && out.find_first_not_of("-0.") == std::string::npos) out.erase(0, 1);  // no "-0.00"
  return out;
}

Instants PeriodInstants(const WebRequest& r, const SummaryFilter& filter) {
  Instants out{.from = 0, .to = std::numeric_limits<Micros>::max()};
  if (filter.from) out.from = r.zone.StartOfDay(*filter.from);
  if (filter.to) out.to = r.zone.StartOfDay(DateOf(static_cast<DayNumber>(DayNumberOf(*filter.to) + 1)));
  return out;
}

bool WantsCsv(const WebRequest& r) { return r.http.Query("format").value_or("") == "csv"; }

mstch::map PageFrame(const WebRequest& r, AnalyticsService& service, const PageQuery& q, const std::string& path,
                     const std::vector<std::pair<std::string, std::string>>& own_params) {
  std::vector<std::pair<std::string, std::string>> csv = own_params;
  csv.emplace_back("format", "csv");
  return mstch::map{{"filters", FilterForm(r, service, q, path)},
                    {"tabs", Tabs(r, q, path)},
                    {"csv_href", path + "?" + QueryString(q.params, csv)}};
}

}  // namespace ks::analytics
