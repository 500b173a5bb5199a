#include "analytics/overview_charts.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "analytics/page_support.h"
#include "web/charts/class_bar.h"
#include "web/charts/data_table.h"
#include "web/charts/histogram.h"
#include "web/charts/time_series.h"
#include "web/locale_format.h"

namespace ks::analytics {
namespace {

namespace charts = web::charts;

charts::Tone ToneOf(Mood mood) {
  switch (mood) {
    case Mood::kUnhappy: return charts::Tone::kUnhappy;
    case Mood::kNeutral: return charts::Tone::kNeutral;
    case Mood::kHappy: return charts::Tone::kHappy;
  }
  return charts::Tone::kNone;
}

std::string Scaled(const WebRequest& r, Scale scale) { return r.T("scale_" + std::string(ScaleName(scale))); }

// The key of the period of `group_by` that holds `day` (as the summary query names it).
std::string PeriodKeyOf(GroupBy group_by, DayNumber day) {
  const LocalDate d = DateOf(day);
  switch (group_by) {
    case GroupBy::kDay: return FormatLocalDate(d);
    case GroupBy::kWeek: {
      const int weekday = (day + 3) % 7;  // Monday 0 (1970-01-01 was a Thursday)
      const int thursday = day - weekday + 3;
      const LocalDate t = DateOf(static_cast<DayNumber>(thursday));
      return fmt::format("{}-W{:02}", t.year, (thursday - DayNumberOf({t.year, 1, 1})) / 7 + 1);
    }
    case GroupBy::kQuarter: return fmt::format("{}-Q{}", d.year, (d.month - 1) / 3 + 1);
    default: return fmt::format("{}-{:02}", d.year, d.month);
  }
}

// Where `day` falls on the trend's x axis: the index of its period, shifted within the period.
std::optional<double> PositionOf(const std::vector<TrendPeriod>& periods, LocalDate day) {
  const int d = DayNumberOf(day);
  for (size_t i = 0; i < periods.size(); ++i) {
    const int first = DayNumberOf(periods[i].first), last = DayNumberOf(periods[i].last);
    if (d < first || d > last) continue;
    const double within = (d - first + 0.5) / static_cast<double>(last - first + 1);
    return static_cast<double>(i) - 0.5 + within;
  }
  return std::nullopt;
}

std::string Optional(const std::optional<double>& v, int decimals) {
  return v ? fmt::format("{:.{}f}", *v, decimals) : "";
}

std::string WarningCodes(const std::vector<Warning>& warnings) {
  std::string out;
  for (const auto& w : warnings) out.append(out.empty() ? "" : " ").append(w.code);
  return out;
}

std::string WarningTexts(const WebRequest& r, const std::vector<Warning>& warnings) {
  std::string out;
  for (const auto& w : warnings) out.append(out.empty() ? "" : "; ").append(r.T("analytics_warning_" + w.code));
  return out;
}

}  // namespace

std::string Range(const WebRequest& r, double low, double high, int decimals) {
  return web::FormatDecimal(low, decimals, r.language()) + " \xE2\x80\x93 " +
         web::FormatDecimal(high, decimals, r.language());
}

mstch::map Headline(const WebRequest& r, Scale scale, const GroupSummary& g, bool complaints) {
  const std::string& lang = r.language();
  mstch::map out{{"n", web::FormatInteger(g.n, lang)},
                 {"scale_label", Scaled(r, scale)},
                 {"has_mean", g.mean.has_value()},
                 {"mean", g.mean ? web::FormatDecimal(*g.mean, 1, lang) : ""},
                 {"sd", g.standard_deviation ? web::FormatDecimal(*g.standard_deviation, 1, lang) : ""},
                 {"has_nps", g.nps.has_value()},
                 {"nps", g.nps ? web::FormatDecimal(g.nps->nps, 0, lang) : ""},
                 {"nps_range", g.nps ? Range(r, g.nps->low, g.nps->high, 0) : ""},
                 {"has_fail_share", g.fail_share.has_value()},
                 {"fail_share", g.fail_share ? Percent(*g.fail_share, r.language(), 0) : ""},
                 {"unhappy_label", ClassLabel(r, scale, Mood::kUnhappy)},
                 {"unhappy_share", g.n > 0 ? Percent(g.unhappy_share(), r.language(), 0) : "\xE2\x80\x94"},
                 {"show_complaints", complaints},
                 {"complaints", web::FormatInteger(g.complaints, lang)}};
  const int ratio = r.settings.silent_majority_ratio;
  out["has_silent_majority"] = complaints && ratio > 0;
  out["silent_majority"] = web::FormatInteger(g.complaints * ratio, lang);
  out["silent_majority_source"] = r.messages.Format("dashboard_silent_majority_source", {std::to_string(ratio)});
  mstch::array warnings;
  for (const auto& w : g.warnings) {
    warnings.push_back(
        mstch::map{{"code", w.code}, {"text", r.T("analytics_warning_" + w.code)}, {"detail", w.message}});
  }
  out["has_warnings"] = !warnings.empty();
  out["warnings"] = warnings;
  return out;
}

mstch::map Distribution(const WebRequest& r, Scale scale, const GroupSummary& g, const QueryParams& params,
                        const LinkOverrides& links, const std::string& id) {
  const std::string lang = r.language();
  const std::string scale_name(ScaleName(scale));
  const charts::ToneNames tones{ClassLabel(r, scale, Mood::kUnhappy), ClassLabel(r, scale, Mood::kNeutral),
                                ClassLabel(r, scale, Mood::kHappy), ""};
  const auto link = [&](std::vector<std::pair<std::string, std::string>> extra) {
    extra.insert(extra.begin(), links.begin(), links.end());
    extra.emplace_back("scale", scale_name);
    return InboxLink(params, extra);
  };
  const auto count_format = [lang](double v) { return web::FormatInteger(static_cast<std::int64_t>(v), lang); };

  charts::Histogram h;
  h.text = {id + "-histogram", r.messages.Format("dashboard_histogram_title", {Scaled(r, scale)}),
            r.messages.Format("dashboard_histogram_desc", {web::FormatInteger(g.n, lang), tones.unhappy,
                                                           Percent(g.unhappy_share(), r.language(), 0)}),
            r.T("dashboard_no_data")};
  for (int v = ScaleMin(scale); v <= ScaleMax(scale); ++v) {
    const auto i = static_cast<size_t>(v - ScaleMin(scale));
    const std::int64_t count = i < g.histogram.size() ? g.histogram[i] : 0;
    const std::string value = std::to_string(v);
    h.bars.push_back({value, count, ToneOf(MoodOf(scale, v)), link({{"score", value}}),
                      r.messages.Format("dashboard_bar_tooltip", {value, web::FormatInteger(count, lang)})});
  }
  h.x_title = r.T("dashboard_score");
  h.y_title = r.T("dashboard_answers");
  h.tone_names = tones;
  h.class_header = r.T("class");
  h.count_format = count_format;

  charts::ClassBar bar;
  bar.text = {id + "-classes", r.messages.Format("dashboard_class_bar_title", {Scaled(r, scale)}),
              r.messages.Format("dashboard_histogram_desc", {web::FormatInteger(g.n, lang), tones.unhappy,
                                                             Percent(g.unhappy_share(), r.language(), 0)}),
              r.T("dashboard_no_data")};
  bar.unhappy = {tones.unhappy, g.unhappy, link({{"class", "unhappy"}}), ""};
  bar.neutral = {tones.neutral, g.neutral, link({{"class", "neutral"}}), ""};
  bar.happy = {tones.happy, g.happy, link({{"class", "happy"}}), ""};
  bar.percent_format = [lang](double v) { return web::FormatDecimal(v, 0, lang) + "%"; };
  bar.count_format = count_format;
  bar.class_header = r.T("class");
  bar.count_header = r.T("dashboard_answers");
  bar.share_header = r.T("dashboard_share");

  return {{"histogram_svg", charts::RenderHistogram(h)},
          {"histogram_table", charts::HistogramTable(h)},
          {"class_bar_svg", charts::RenderClassBar(bar)},
          {"class_bar_table", charts::ClassBarTable(bar)}};
}

std::vector<TrendPeriod> TrendPeriods(const Summary& summary, GroupBy group_by, LocalDate from, LocalDate to) {
  std::map<std::string, const GroupSummary*> by_key;
  for (const auto& g : summary.groups) by_key[g.key] = &g;
  std::vector<TrendPeriod> out;
  for (int day = DayNumberOf(from); day <= DayNumberOf(to); ++day) {
    const auto d = static_cast<DayNumber>(day);
    std::string key = PeriodKeyOf(group_by, d);
    if (!out.empty() && out.back().key == key) {
      out.back().last = DateOf(d);
      continue;
    }
    TrendPeriod p{key, DateOf(d), DateOf(d), {}};
    if (auto it = by_key.find(key); it != by_key.end()) {
      p.group = *it->second;
    } else {
      p.group.key = key;
    }
    out.push_back(std::move(p));
  }
  return out;
}

GroupBy CoarseEnough(GroupBy group_by, LocalDate from, LocalDate to) {
  constexpr double kMaxPeriods = 200;
  const double days = DayNumberOf(to) - DayNumberOf(from) + 1;
  if (group_by == GroupBy::kDay && days > kMaxPeriods) group_by = GroupBy::kWeek;
  if (group_by == GroupBy::kWeek && days / 7 > kMaxPeriods) group_by = GroupBy::kMonth;
  if (group_by == GroupBy::kMonth && days / 30.4 > kMaxPeriods) group_by = GroupBy::kQuarter;
  return group_by;
}

mstch::map Trend(const WebRequest& r, Scale scale, GroupBy group_by, const std::vector<TrendPeriod>& periods,
                 const std::vector<Event>& events, const QueryParams& params, const std::string& id) {
  const std::string lang = r.language();
  const bool nps = scale == Scale::kNps;
  const std::string per = r.T("dashboard_per_" + GroupByName(group_by, ""));
  charts::TimeSeries ts;
  ts.text = {id + "-trend",
             r.messages.Format(nps ? "dashboard_trend_nps_title" : "dashboard_trend_unhappy_title",
                               {per, ClassLabel(r, scale, Mood::kUnhappy)}),
             r.T(nps ? "dashboard_trend_nps_desc" : "dashboard_trend_unhappy_desc"), r.T("dashboard_no_data")};
  ts.y_title =
      nps ? std::string("NPS") : r.messages.Format("dashboard_unhappy_percent", {ClassLabel(r, scale, Mood::kUnhappy)});
  if (!nps) ts.y_min = 0;
  ts.y_format = [lang, nps](double v) { return web::FormatDecimal(v, 0, lang) + (nps ? "" : "%"); };
  ts.value_format = [lang, nps](double v) { return web::FormatDecimal(v, nps ? 0 : 1, lang) + (nps ? "" : "%"); };
  mstch::array rows;
  for (const auto& p : periods) {
    const GroupSummary& g = p.group;
    const std::string label = PeriodLabel(p.key, group_by, lang);
    const std::string href = InboxLink(params, {{"from", FormatLocalDate(p.first)},
                                                {"to", FormatLocalDate(p.last)},
                                                {"scale", std::string(ScaleName(scale))}});
    charts::TimePoint point{label, std::nullopt, std::nullopt, std::nullopt, href, ""};
    std::string value, interval;
    if (nps && g.nps) {
      point.value = g.nps->nps;
      point.low = g.nps->low;
      point.high = g.nps->high;
      value = web::FormatDecimal(g.nps->nps, 0, lang);
      interval = Range(r, g.nps->low, g.nps->high, 0);
    } else if (!nps && g.n > 0) {
      const stats::Proportion share = stats::WilsonInterval(g.unhappy, g.n);
      point.value = 100 * share.share;
      point.low = 100 * share.low;
      point.high = 100 * share.high;
      value = g.mean ? web::FormatDecimal(*g.mean, 1, lang) : "";
      interval = Range(r, 100 * share.low, 100 * share.high, 0) + "%";
    }
    if (point.value) {
      point.tooltip = r.messages.Format(
          "dashboard_point_tooltip", {label, FormatSeriesValue(ts, *point.value),
                                      Range(r, *point.low, *point.high, nps ? 0 : 1), web::FormatInteger(g.n, lang)});
    }
    ts.points.push_back(std::move(point));
    rows.push_back(mstch::map{{"label", label},
                              {"href", href},
                              {"n", web::FormatInteger(g.n, lang)},
                              {"value", value},
                              {"interval", interval},
                              {"unhappy_share", g.n > 0 ? Percent(g.unhappy_share(), r.language(), 1) : ""},
                              {"warnings", WarningTexts(r, g.warnings)}});
  }
  for (const auto& e : events) {
    if (auto x = PositionOf(periods, r.zone.LocalDay(e.happened_at))) ts.events.push_back({*x, e.title});
  }
  return {
      {"trend_svg", charts::RenderTimeSeries(ts)},
      {"trend_caption", ts.text.title},
      {"trend_value_header", nps ? std::string("NPS") : r.T("dashboard_mean")},
      {"trend_interval_header", r.T(nps ? "dashboard_nps_interval" : "dashboard_unhappy_interval")},
      {"trend_unhappy_header", r.messages.Format("dashboard_unhappy_percent", {ClassLabel(r, scale, Mood::kUnhappy)})},
      {"trend_rows", rows}};
}

std::vector<std::vector<std::string>> TrendCsv(Scale scale, const std::vector<TrendPeriod>& periods) {
  std::vector<std::string> header = {"period", "from", "to", "n"};
  for (int v = ScaleMin(scale); v <= ScaleMax(scale); ++v) header.push_back("score_" + std::to_string(v));
  for (const char* h : {"unhappy", "neutral", "happy", "unhappy_share", "mean", "sd", "nps", "low", "high",
                        "fail_share", "complaints", "warnings"}) {
    header.emplace_back(h);
  }
  std::vector<std::vector<std::string>> rows = {header};
  for (const auto& p : periods) {
    const GroupSummary& g = p.group;
    std::vector<std::string> row = {p.key, FormatLocalDate(p.first), FormatLocalDate(p.last), std::to_string(g.n)};
    for (int v = ScaleMin(scale); v <= ScaleMax(scale); ++v) {
      const auto i = static_cast<size_t>(v - ScaleMin(scale));
      row.push_back(std::to_string(i < g.histogram.size() ? g.histogram[i] : 0));
    }
    row.push_back(std::to_string(g.unhappy));
    row.push_back(std::to_string(g.neutral));
    row.push_back(std::to_string(g.happy));
    row.push_back(g.n > 0 ? fmt::format("{:.4f}", g.unhappy_share()) : "");
    row.push_back(Optional(g.mean, 2));
    row.push_back(Optional(g.standard_deviation, 2));
    row.push_back(g.nps ? fmt::format("{:.1f}", g.nps->nps) : "");
    row.push_back(g.nps ? fmt::format("{:.1f}", g.nps->low) : "");
    row.push_back(g.nps ? fmt::format("{:.1f}", g.nps->high) : "");
    row.push_back(Optional(g.fail_share, 4));
    row.push_back(std::to_string(g.complaints));
    row.push_back(WarningCodes(g.warnings));
    rows.push_back(std::move(row));
  }
  return rows;
}

Result<std::vector<Event>> EventsFor(db::Connection& c, const WebRequest& r, const SummaryQuery& query, LocalDate from,
                                     LocalDate to) {
  KS_ASSIGN_OR_RETURN(
      std::vector<Event> events,
      ListEvents(c, r.zone.StartOfDay(from), r.zone.StartOfDay(DateOf(static_cast<DayNumber>(DayNumberOf(to) + 1)))));
  const auto& units = query.filter.unit_ids;
  if (units.empty() && !query.filter.only_listed_units) return events;
  std::erase_if(events, [&units](const Event& e) {
    return e.unit_id && std::find(units.begin(), units.end(), *e.unit_id) == units.end();
  });
  return events;
}

std::optional<stats::ChangeTest> ChangeBetween(Scale scale, const GroupSummary& a, const GroupSummary& b) {
  if (a.n == 0 || b.n == 0) return std::nullopt;
  if (scale == Scale::kNps) return stats::NpsChange({a.happy, a.neutral, a.unhappy}, {b.happy, b.neutral, b.unhappy});
  return stats::ProportionChange(a.unhappy, a.n, b.unhappy, b.n);
}

std::string ChangeText(const WebRequest& r, Scale scale, const stats::ChangeTest& change) {
  const bool nps = scale == Scale::kNps;
  const int decimals = nps ? 0 : 1;
  const std::string number = web::FormatDecimal(change.difference, decimals, r.language());
  // A rise gets its "+"; one that rounds to 0 does not.
  const bool rise = std::round(change.difference * std::pow(10, decimals)) > 0;
  return r.messages.Format(nps ? "dashboard_change_nps" : "dashboard_change_unhappy",
                           {(rise ? "+" : "") + number, ClassLabel(r, scale, Mood::kUnhappy)});
}

namespace {

// "NPS 23 (n = 412)" or "34% Detractors (n = 412)".
std::string EffectFigure(const WebRequest& r, Scale scale, const GroupSummary& g) {
  const std::string n = web::FormatInteger(g.n, r.language());
  if (g.n == 0) return r.messages.Format("dashboard_effect_none", {n});
  if (g.nps) return r.messages.Format("dashboard_effect_nps", {web::FormatDecimal(g.nps->nps, 0, r.language()), n});
  return r.messages.Format("dashboard_effect_unhappy",
                           {Percent(g.unhappy_share(), r.language(), 0), ClassLabel(r, scale, Mood::kUnhappy), n});
}

}  // namespace

mstch::map EffectView(const WebRequest& r, const EventEffect& effect) {
  mstch::map view{{"before", EffectFigure(r, effect.scale, effect.before)},
                  {"after", EffectFigure(r, effect.scale, effect.after)},
                  {"has_change", effect.change.has_value()}};
  if (effect.change) {
    view["change"] = ChangeText(r, effect.scale, *effect.change);
    view["p"] = PValue(effect.change->p_value, r.language());
    view["significant"] = effect.change->p_value < kSignificance;
  }
  return view;
}

std::pair<LocalDate, LocalDate> PeriodOf(const SummaryQuery& query, LocalDate today) {
  LocalDate to = query.filter.to.value_or(today);
  if (query.filter.from && DayNumberOf(*query.filter.from) > DayNumberOf(to)) to = *query.filter.from;
  const LocalDate from = query.filter.from.value_or(DateOf(static_cast<DayNumber>(std::max(0, DayNumberOf(to) - 365))));
  return {from, to};
}

}  // namespace ks::analytics
