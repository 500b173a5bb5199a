// What the outliers, drivers and words pages share beyond page_support.h: numbers as the reader of the
// UI language expects them (shares as percentages, signed differences, p-values), plain numbers for
// CSV files, and the filters' period as instants. Pure functions; thread-safe.
#pragma once

#include <mstch/mstch.hpp>
#include <string>

#include "accounts/web_auth.h"
#include "analytics/page_support.h"

namespace ks::analytics {

// 0.234 → "23,4%" (nl) / "23.4%" (en).
std::string Percent(double share, const std::string& language, int decimals = 1);
// 0.198, 0.273 → "19,8–27,3%".
std::string PercentInterval(double low, double high, const std::string& language, int decimals = 1);
// 5.2 → "+5,2", −3.1 → "−3,1", 0 → "0,0".
std::string SignedDecimal(double value, int decimals, const std::string& language);
// 0.0321 → "0,032"; below 0.001 → "< 0,001".
std::string PValue(double p, const std::string& language);
// `value` for a CSV file: '.' as the separator, `decimals` places, "" when not finite.
std::string CsvNumber(double value, int decimals);

// The filters' days as instants in the organisation's time zone: [start of `from`, start of the day
// after `to`); without `from` the beginning of time, without `to` the end of it.
struct Instants {
  Micros from = 0;
  Micros to = 0;
};
Instants PeriodInstants(const WebRequest& r, const SummaryFilter& filter);

// True when the request asks for the page's data as CSV (?format=csv).
bool WantsCsv(const WebRequest& r);

// The tabs and the filter form every insights page shows: {{> analytics_tabs}} reads `tabs`,
// {{#filters}}{{> analytics_filters}}{{/filters}} the form; `csv_href` is the page with format=csv.
mstch::map PageFrame(const WebRequest& r, AnalyticsService& service, const PageQuery& q, const std::string& path,
                     const std::vector<std::pair<std::string, std::string>>& own_params);

}  // namespace ks::analytics
