#include "analytics/summary_query.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>

#include "analytics/summary_filter.h"
#include "stats/descriptive.h"

namespace ks::analytics {
namespace {

constexpr size_t kBlock = 4096;
constexpr size_t kValues = 11;  // score values 0..10

constexpr std::pair<std::string_view, GroupBy> kGroupBys[] = {
    {"", GroupBy::kNone},         {"day", GroupBy::kDay},           {"week", GroupBy::kWeek},
    {"month", GroupBy::kMonth},   {"quarter", GroupBy::kQuarter},   {"unit", GroupBy::kUnit},
    {"source", GroupBy::kSource}, {"channel", GroupBy::kChannel},   {"brand", GroupBy::kBrand},
    {"topic", GroupBy::kTopic},   {"language", GroupBy::kLanguage}, {"sentiment", GroupBy::kSentiment},
    {"class", GroupBy::kClass}};

struct Accumulator {
  std::array<std::int64_t, kValues> counts{};
  std::int64_t complaints = 0;
};

// ISO 8601 week: the key of the week that holds `day` ("2026-W09") and the day its Monday falls on.
std::string IsoWeekKey(DayNumber day) {
  const int weekday = (day + 3) % 7;  // Monday 0 (1970-01-01 was a Thursday)
  const int thursday = day - weekday + 3;
  const LocalDate t = DateOf(static_cast<DayNumber>(thursday));
  const int first_of_year = DayNumberOf({t.year, 1, 1});
  return fmt::format("{}-W{:02}", t.year, (thursday - first_of_year) / 7 + 1);
}

std::string PeriodKey(GroupBy g, DayNumber day) {
  const LocalDate d = DateOf(day);
  switch (g) {
    case GroupBy::kDay: return fmt::format("{}-{:02}-{:02}", d.year, d.month, d.day);
    case GroupBy::kWeek: return IsoWeekKey(day);
    case GroupBy::kMonth: return fmt::format("{}-{:02}", d.year, d.month);
    default: return fmt::format("{}-Q{}", d.year, (d.month - 1) / 3 + 1);
  }
}

// Counts the selected rows of every block into accumulators[key(row)]; `keys` returns the number of
// groups a row's keys were written to (a row mentions several topics).
template <typename KeyOf>
void Scan(const Columns& c, const CompiledFilter& filter, std::vector<Accumulator>& groups, KeyOf key_of) {
  std::vector<std::uint32_t> sel(kBlock);
  const auto rows = static_cast<std::uint32_t>(c.size());
  for (std::uint32_t begin = 0; begin < rows; begin += kBlock) {
    const std::uint32_t end = std::min<std::uint32_t>(rows, begin + kBlock);
    const size_t n = filter.Select(begin, end, sel.data());
    for (size_t j = 0; j < n; ++j) {
      const std::uint32_t r = sel[j];
      const std::uint8_t score = c.score[r];
      const bool scored = filter.Scored(score);
      const bool complaint = filter.Complaint(c.source[r]);
      key_of(r, [&](size_t g) {
        if (g >= groups.size()) groups.resize(g + 1);
        Accumulator& a = groups[g];
        if (scored) ++a.counts[ScoreValue(score)];
        if (complaint) ++a.complaints;
      });
    }
  }
}

GroupSummary Describe(const Accumulator& a, Scale scale, stats::Interval interval) {
  GroupSummary g;
  g.complaints = a.complaints;
  const int lo = ScaleMin(scale), hi = ScaleMax(scale);
  for (int v = lo; v <= hi; ++v) {
    const std::int64_t count = a.counts[static_cast<size_t>(v)];
    g.histogram.push_back(count);
    g.n += count;
    switch (MoodOf(scale, v)) {
      case Mood::kUnhappy: g.unhappy += count; break;
      case Mood::kNeutral: g.neutral += count; break;
      case Mood::kHappy: g.happy += count; break;
    }
  }
  const stats::Description d = stats::DescribeHistogram(g.histogram, lo);
  g.mean = d.mean;
  g.standard_deviation = d.standard_deviation;
  g.bimodality = d.bimodality;
  if (g.n > 0 && scale == Scale::kNps) {
    g.nps = stats::EstimateNps({g.happy, g.neutral, g.unhappy}, interval);
  }
  if (g.n > 0 && scale == Scale::kGrade10) g.fail_share = g.unhappy_share();
  return g;
}

void AddWarnings(GroupSummary& g, Scale scale) {
  g.warnings = WarningsFor({scale, g.n, g.mean, g.unhappy_share(), g.bimodality, g.nps, g.change});
}

// The change of each period against the previous non-empty one: NPS on the nps scale, the unhappy
// share on the others.
void AddChanges(std::vector<GroupSummary>& periods, Scale scale) {
  for (size_t i = 1; i < periods.size(); ++i) {
    const GroupSummary& a = periods[i - 1];
    GroupSummary& b = periods[i];
    if (a.n == 0 || b.n == 0) continue;
    b.change = scale == Scale::kNps ? stats::NpsChange({a.happy, a.neutral, a.unhappy}, {b.happy, b.neutral, b.unhappy})
                                    : stats::ProportionChange(a.unhappy, a.n, b.unhappy, b.n);
  }
}

// The groups' keys, and a function giving a row's group index.
struct Grouping {
  std::vector<std::string> keys;
  std::vector<std::uint32_t> group_of_day;  // periods: day → group
};

Result<Grouping> KeysFor(const Columns& c, const SummaryQuery& q, DayNumber first_day, DayNumber last_day) {
  Grouping g;
  auto from_dictionary = [&g](const Dictionary& d) {
    for (std::uint32_t code = 0; code < d.size(); ++code) g.keys.push_back(d.Value(code));
  };
  switch (q.group_by) {
    case GroupBy::kNone: g.keys = {""}; break;
    case GroupBy::kDay:
    case GroupBy::kWeek:
    case GroupBy::kMonth:
    case GroupBy::kQuarter: {
      g.group_of_day.assign(65536, 0);
      for (int day = first_day; day <= last_day; ++day) {
        std::string key = PeriodKey(q.group_by, static_cast<DayNumber>(day));
        if (g.keys.empty() || g.keys.back() != key) g.keys.push_back(std::move(key));
        g.group_of_day[static_cast<size_t>(day)] = static_cast<std::uint32_t>(g.keys.size() - 1);
      }
      break;
    }
    case GroupBy::kUnit:
      g.keys.emplace_back("");
      for (size_t code = 1; code < c.unit_ids.size(); ++code) g.keys.push_back(std::to_string(c.unit_ids[code]));
      break;
    case GroupBy::kSource: from_dictionary(c.sources); break;
    case GroupBy::kChannel: from_dictionary(c.channels); break;
    case GroupBy::kBrand: from_dictionary(c.brands); break;
    case GroupBy::kLanguage: from_dictionary(c.languages); break;
    case GroupBy::kTopic: from_dictionary(c.topic_names); break;
    case GroupBy::kSentiment:
      for (auto s : kSentimentNames) g.keys.emplace_back(s);
      break;
    case GroupBy::kClass: g.keys = {"unhappy", "neutral", "happy"}; break;
    case GroupBy::kAttribute: {
      const AttributeColumn* column = c.Attribute(q.attribute);
      if (column == nullptr) {
        return Error::Invalid("group_by",
                              "'" + q.attribute + "' is not an indexed attribute of the feedback or its customers");
      }
      from_dictionary(column->values);
      break;
    }
  }
  return g;
}

}  // namespace

std::optional<GroupBy> ParseGroupBy(const std::string& name, std::string& attribute) {
  for (const auto& [n, g] : kGroupBys) {
    if (n == name) return g;
  }
  if (name.empty()) return std::nullopt;
  attribute = name;
  return GroupBy::kAttribute;
}

std::string GroupByName(GroupBy g, const std::string& attribute) {
  if (g == GroupBy::kAttribute) return attribute;
  for (const auto& [n, group] : kGroupBys) {
    if (group == g) return std::string(n);
  }
  return "";
}

bool IsPeriod(GroupBy g) {
  return g == GroupBy::kDay || g == GroupBy::kWeek || g == GroupBy::kMonth || g == GroupBy::kQuarter;
}

Scale MainScale(const Columns& columns) {
  std::array<std::int64_t, 16> per_scale{};
  for (std::uint8_t s : columns.score) ++per_scale[static_cast<size_t>(ScaleCodeOf(s))];
  size_t best = static_cast<size_t>(ScaleCode(Scale::kNps));
  for (size_t code = 1; code <= 4; ++code) {
    if (per_scale[code] > per_scale[best]) best = code;
  }
  return static_cast<Scale>(best - 1);
}

Result<Summary> RunSummary(const Columns& c, const SummaryQuery& q) {
  Summary out;
  out.scale = q.filter.scale ? *q.filter.scale : MainScale(c);  // not value_or: MainScale scans every item
  out.group_by = q.group_by;
  out.attribute = q.attribute;
  // Periods span the filter's days, or the data's when the filter leaves them open.
  DayNumber first_day = q.filter.from ? DayNumberOf(*q.filter.from) : 65535;
  DayNumber last_day = q.filter.to ? DayNumberOf(*q.filter.to) : 0;
  if (IsPeriod(q.group_by) && (!q.filter.from || !q.filter.to) && c.size() > 0) {
    const auto [lo, hi] = std::minmax_element(c.day.begin(), c.day.end());
    if (!q.filter.from) first_day = *lo;
    if (!q.filter.to) last_day = *hi;
  }
  KS_ASSIGN_OR_RETURN(Grouping grouping, KeysFor(c, q, first_day, last_day));
  const CompiledFilter filter(c, q.filter, out.scale);
  std::vector<Accumulator> groups(grouping.keys.size());
  switch (q.group_by) {
    case GroupBy::kNone: Scan(c, filter, groups, [](std::uint32_t, auto add) { add(0); }); break;
    case GroupBy::kDay:
    case GroupBy::kWeek:
    case GroupBy::kMonth:
    case GroupBy::kQuarter:
      Scan(c, filter, groups, [&](std::uint32_t r, auto add) { add(grouping.group_of_day[c.day[r]]); });
      break;
    case GroupBy::kUnit: Scan(c, filter, groups, [&](std::uint32_t r, auto add) { add(c.unit[r]); }); break;
    case GroupBy::kSource: Scan(c, filter, groups, [&](std::uint32_t r, auto add) { add(c.source[r]); }); break;
    case GroupBy::kChannel: Scan(c, filter, groups, [&](std::uint32_t r, auto add) { add(c.channel[r]); }); break;
    case GroupBy::kBrand: Scan(c, filter, groups, [&](std::uint32_t r, auto add) { add(c.brand[r]); }); break;
    case GroupBy::kLanguage: Scan(c, filter, groups, [&](std::uint32_t r, auto add) { add(c.language[r]); }); break;
    case GroupBy::kSentiment:
      Scan(c, filter, groups,
           [&](std::uint32_t r, auto add) { add(static_cast<size_t>(SentimentCode(c.sentiment[r]))); });
      break;
    case GroupBy::kClass:
      Scan(c, filter, groups, [&](std::uint32_t r, auto add) {
        if (ScaleCodeOf(c.score[r]) == ScaleCode(out.scale)) {
          add(static_cast<size_t>(MoodOf(out.scale, ScoreValue(c.score[r]))));
        }
      });
      break;
    case GroupBy::kTopic:
      Scan(c, filter, groups, [&](std::uint32_t r, auto add) {
        if (c.topics[r] == 0) add(0);
        for (std::uint64_t t = c.topics[r]; t != 0; t &= t - 1) add(static_cast<size_t>(__builtin_ctzll(t)) + 1);
      });
      break;
    case GroupBy::kAttribute: {
      const std::vector<std::uint16_t>& codes = c.Attribute(q.attribute)->codes;
      Scan(c, filter, groups, [&](std::uint32_t r, auto add) { add(codes[r]); });
      break;
    }
  }
  // An item mentions several topics, and a complaint without a score has no class: the total is then
  // counted apart.
  std::vector<Accumulator> all(1);
  if (q.group_by == GroupBy::kTopic || q.group_by == GroupBy::kClass) {
    Scan(c, filter, all, [](std::uint32_t, auto add) { add(0); });
  } else {
    for (const auto& a : groups) {
      for (size_t v = 0; v < kValues; ++v) all[0].counts[v] += a.counts[v];
      all[0].complaints += a.complaints;
    }
  }
  const Accumulator& total = all[0];
  out.total = Describe(total, out.scale, q.interval);
  if (q.group_by != GroupBy::kNone) {
    for (size_t i = 0; i < groups.size() && i < grouping.keys.size(); ++i) {
      GroupSummary g = Describe(groups[i], out.scale, q.interval);
      if (g.n == 0 && g.complaints == 0) continue;
      g.key = grouping.keys[i];
      g.label = g.key;
      out.groups.push_back(std::move(g));
    }
    if (IsPeriod(q.group_by)) {
      AddChanges(out.groups, out.scale);
    } else {
      std::sort(out.groups.begin(), out.groups.end(),
                [](const GroupSummary& a, const GroupSummary& b) { return a.key < b.key; });
    }
    for (auto& g : out.groups) AddWarnings(g, out.scale);
  }
  AddWarnings(out.total, out.scale);
  return out;
}

}  // namespace ks::analytics
