// What the overview, competitors and report pages draw alike: the headline figures of a group, its
// histogram and class bar (each with its data table), the trend over periods with the events marked
// and its table, the silent-majority estimate, and the trend as CSV. Each returns the data of one of
// the analytics_overview_* partials; SVG and tables come from the chart kit (web/charts), every other
// text is left to the templates to escape. Pure functions; thread-safe.
#pragma once

#include <mstch/mstch.hpp>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "accounts/web_auth.h"
#include "analytics/analytics_service.h"
#include "analytics/events.h"
#include "analytics/insights_support.h"

namespace ks::analytics {

using LinkOverrides = std::vector<std::pair<std::string, std::string>>;

// "18 – 28".
std::string Range(const WebRequest& r, double low, double high, int decimals);

// The fields of the analytics_overview_headline partial: n, mean ± sd, NPS with its interval (nps),
// fail share (grade10), the unhappy share, complaints and the silent-majority estimate, the warnings.
// `complaints`: false leaves out the complaints and the estimate (a competitor's feedback has none).
mstch::map Headline(const WebRequest& r, Scale scale, const GroupSummary& g, bool complaints = true);

// The fields of the analytics_overview_distribution partial: the histogram (bars link to the inbox
// with score=N) and the class bar (segments link to class=…), each with its table. `links`: extra
// inbox filters (e.g. brand) beside `params`. `id` makes the chart ids unique on the page.
mstch::map Distribution(const WebRequest& r, Scale scale, const GroupSummary& g, const QueryParams& params,
                        const LinkOverrides& links, const std::string& id);

// One period of a trend; `group.n` is 0 when the period has no answers.
struct TrendPeriod {
  std::string key;  // "2026-03"
  LocalDate first, last;
  GroupSummary group;
};
// Every period of `group_by` (a period grouping) from `from` to `to`, with the summary's groups.
std::vector<TrendPeriod> TrendPeriods(const Summary& summary, GroupBy group_by, LocalDate from, LocalDate to);
// A period grouping coarse enough that from..to has at most ~200 periods.
GroupBy CoarseEnough(GroupBy group_by, LocalDate from, LocalDate to);

// The fields of the analytics_overview_trend partial: NPS with its band (nps), else the unhappy share
// with its Wilson interval; points link to the inbox for their period; events as markers; the table.
mstch::map Trend(const WebRequest& r, Scale scale, GroupBy group_by, const std::vector<TrendPeriod>& periods,
                 const std::vector<Event>& events, const QueryParams& params, const std::string& id);

// The trend table for ?format=csv (period, n, the histogram, classes, mean, sd, nps, low, high,
// fail_share, complaints, warnings); numbers language-independent.
std::vector<std::vector<std::string>> TrendCsv(Scale scale, const std::vector<TrendPeriod>& periods);

// The events from `from` to `to` (local days, inclusive) of the whole organisation or of a unit the
// query covers (all when it covers every unit).
Result<std::vector<Event>> EventsFor(db::Connection& c, const WebRequest& r, const SummaryQuery& query, LocalDate from,
                                     LocalDate to);

// The change test between two groups: NPS on the nps scale, else the unhappy share; nullopt when
// either is empty.
std::optional<stats::ChangeTest> ChangeBetween(Scale scale, const GroupSummary& first, const GroupSummary& second);
// "+5 NPS" / "−3,2 points unhappy" — the difference as the change test measures it.
std::string ChangeText(const WebRequest& r, Scale scale, const stats::ChangeTest& change);

// An event's effect as shown beside it: "before" and "after" ("NPS 23 (n = 412)"), and when both have
// answers "change" with "p" and whether it is "significant" ("has_change").
mstch::map EffectView(const WebRequest& r, const EventEffect& effect);

// The first and last day of the query's period (defaults: a year before `to`, today).
std::pair<LocalDate, LocalDate> PeriodOf(const SummaryQuery& query, LocalDate today);

}  // namespace ks::analytics
