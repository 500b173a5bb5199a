// What the dashboard pages share: reading the filters from the URL (a manager is kept to their
// units), the filter form and the tabs between the pages, links that drill down to the inbox, labels
// of periods and classes, and CSV downloads. Thread-safe.
#pragma once

#include <mstch/mstch.hpp>
#include <optional>
#include <string>
#include <vector>

#include "accounts/web_auth.h"
#include "analytics/analytics_service.h"

namespace ks::analytics {

// The filters of a dashboard request. Defaults: the last 12 full months and the current one.
struct PageQuery {
  SummaryQuery query;
  QueryParams params;  // as given, after defaults; what links keep
  std::string error;   // "field: message" when the filters were refused (the page shows it, 400)
};
// `extra_known`: page parameters that are not filters (e.g. "dimension", "survey", "format").
PageQuery ReadPageQuery(const WebRequest& r, AnalyticsService& service, const std::vector<std::string>& extra_known);

// The filter form's data for the `analytics_filters` partial ({{> analytics_filters}}): from, to,
// unit, source, channel, scale, class, brand, language and one attribute (attr_key/attr_value);
// `action` is the page's path.
mstch::map FilterForm(const WebRequest& r, AnalyticsService& service, const PageQuery& q, const std::string& action);
// The tabs between the dashboards for the `analytics_tabs` partial, `current` marked, each keeping the
// filters.
mstch::array Tabs(const WebRequest& r, const PageQuery& q, const std::string& current);

// `params` as a query string ("from=2026-01-01&unit=noord"), with `overrides` replacing or (empty
// value) removing parameters.
std::string QueryString(const QueryParams& params,
                        const std::vector<std::pair<std::string, std::string>>& overrides = {});

// The inbox filtered like `params` (period, first unit, source, channel, scale, class, brand,
// language) with `overrides` (e.g. {"score","7"} or {"from","2026-03-01"},{"to","2026-03-31"}).
std::string InboxLink(const QueryParams& params,
                      const std::vector<std::pair<std::string, std::string>>& overrides = {});

// The local days a period key covers ("2026-03" → 1–31 March; "2026-Q1", "2026-W09", "2026-03-02").
std::pair<LocalDate, LocalDate> PeriodDays(const std::string& key);
// "mrt 2026" / "Mar 2026", "K1 2026" / "Q1 2026", "wk 9 2026", "2 mrt" — for chart axes and tables.
std::string PeriodLabel(const std::string& key, GroupBy group_by, const std::string& language);

// The scale's class names in the UI language ("Detractors", "Onvoldoende", …) for charts.
std::string ClassLabel(const WebRequest& r, Scale scale, Mood mood);

// A CSV download: `rows` (first row the header), fields quoted when needed, UTF-8 with BOM for Excel.
http::Response CsvDownload(const std::string& filename, const std::vector<std::vector<std::string>>& rows);

// The manager's scope for AnalyticsService::ParseQuery (nullopt for the other roles).
std::optional<std::vector<std::int64_t>> ScopeOf(const WebRequest& r);

}  // namespace ks::analytics
