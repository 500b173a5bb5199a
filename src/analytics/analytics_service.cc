#include "analytics/analytics_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>
#include <unordered_map>

#include "base/strings.h"

namespace ks::analytics {
namespace {

const std::set<std::string> kKnownParams = {"from",    "to",    "months",   "unit",    "source",
                                            "channel", "brand", "language", "topic",   "sentiment",
                                            "scale",   "class", "group_by", "interval"};
constexpr std::string_view kAttributePrefix = "attr.";

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : kDays[month - 1];
}

Result<std::vector<std::string>> OneOf(const QueryParams& params, const std::string& name,
                                       std::initializer_list<std::string_view> allowed) {
  auto values = ListParam(params, name);
  for (const auto& v : values) {
    if (std::find(allowed.begin(), allowed.end(), v) == allowed.end()) {
      std::string list;
      for (auto a : allowed) list.append(list.empty() ? "" : ", ").append(a);
      return Error::Invalid(name, fmt::format("unknown value '{}' (use {})", v, list));
    }
  }
  return values;
}

}  // namespace

std::vector<std::string> ListParam(const QueryParams& params, const std::string& name) {
  std::vector<std::string> out;
  auto [begin, end] = params.equal_range(name);
  for (auto it = begin; it != end; ++it) {
    for (const auto& part : Split(it->second, ',')) {
      const std::string_view v = Trim(part);
      if (!v.empty()) out.emplace_back(v);
    }
  }
  return out;
}

std::optional<LocalDate> ParseLocalDate(const std::string& text) {
  int y = 0, m = 0, d = 0;
  char tail = 0;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d%c", &y, &m, &d, &tail) != 3) return std::nullopt;
  if (y < 1970 || y > 2149 || m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, m)) return std::nullopt;
  return LocalDate{y, m, d};
}

std::string FormatLocalDate(const LocalDate& d) { return fmt::format("{}-{:02}-{:02}", d.year, d.month, d.day); }

LocalDate AnalyticsService::Today() const {
  auto zone = TimeZone::Find(index_.time_zone());
  return zone.ok() ? zone->LocalDay(clock_.Now()) : LocalDate{};
}

Result<std::vector<UnitInfo>> AnalyticsService::Units() {
  KS_ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  KS_ASSIGN_OR_RETURN(db::Rows rows, c->Query("SELECT id, code, name, parent_id FROM units ORDER BY code"));
  std::vector<UnitInfo> out;
  out.reserve(rows.size());
  for (const auto& r : rows.rows) {
    UnitInfo u{db::AsInt(r[0]), db::AsText(r[1]), db::AsText(r[2]), std::nullopt};
    if (!db::IsNull(r[3])) u.parent_id = db::AsInt(r[3]);
    out.push_back(std::move(u));
  }
  return out;
}

Result<std::vector<std::int64_t>> AnalyticsService::UnitWithChildren(const std::string& code) {
  KS_ASSIGN_OR_RETURN(std::vector<UnitInfo> units, Units());
  auto root = std::find_if(units.begin(), units.end(), [&code](const UnitInfo& u) { return u.code == code; });
  if (root == units.end()) return Error::Invalid("unit", "no unit with code '" + code + "'");
  std::vector<std::int64_t> out = {root->id};
  for (size_t i = 0; i < out.size(); ++i) {  // breadth-first over the children
    for (const auto& u : units) {
      if (u.parent_id == out[i] && std::find(out.begin(), out.end(), u.id) == out.end()) out.push_back(u.id);
    }
  }
  return out;
}

Result<SummaryQuery> AnalyticsService::ParseQuery(const QueryParams& params,
                                                  const std::optional<std::vector<std::int64_t>>& scope) {
  SummaryQuery q;
  SummaryFilter& f = q.filter;
  for (const auto& [name, value] : params) {
    if (kKnownParams.contains(name)) continue;
    if (name.starts_with(kAttributePrefix) && name.size() > kAttributePrefix.size()) {
      const std::string key = name.substr(kAttributePrefix.size());
      for (auto& v : ListParam(params, name)) f.attributes[key].push_back(std::move(v));
      continue;
    }
    return Error::Invalid(name,
                          "unknown parameter (filters: from, to, months, unit, source, channel, brand, language, "
                          "topic, sentiment, scale, class, attr.KEY; also group_by, interval)");
  }
  for (const char* name : {"from", "to"}) {
    if (auto text = ListParam(params, name); !text.empty()) {
      auto day = ParseLocalDate(text.front());
      if (!day) return Error::Invalid(name, "'" + text.front() + "' is not a date like 2026-03-01");
      (std::string_view(name) == "from" ? f.from : f.to) = day;
    }
  }
  if (auto months = ListParam(params, "months"); !months.empty()) {
    int n = 0;
    if (std::sscanf(months.front().c_str(), "%d", &n) != 1 || n < 1 || n > 120) {
      return Error::Invalid("months", "'" + months.front() + "' is not a number of months from 1 to 120");
    }
    LocalDate today = Today();
    int month_index = today.year * 12 + today.month - 1 - n;
    f.from = LocalDate{month_index / 12, month_index % 12 + 1, 1};
    f.to = today;
  }
  if (f.from && f.to && DayNumberOf(*f.from) > DayNumberOf(*f.to)) {
    return Error::Invalid("to", "the period ends before it starts");
  }
  for (const auto& code : ListParam(params, "unit")) {
    KS_ASSIGN_OR_RETURN(auto ids, UnitWithChildren(code));
    f.unit_ids.insert(f.unit_ids.end(), ids.begin(), ids.end());
  }
  if (scope) {
    if (f.unit_ids.empty()) {
      f.unit_ids = *scope;
    } else {
      std::erase_if(f.unit_ids,
                    [&scope](std::int64_t id) { return std::find(scope->begin(), scope->end(), id) == scope->end(); });
    }
    f.only_listed_units = true;
  }
  f.sources = ListParam(params, "source");
  f.channels = ListParam(params, "channel");
  f.brands = ListParam(params, "brand");
  f.languages = ListParam(params, "language");
  f.topics = ListParam(params, "topic");
  KS_ASSIGN_OR_RETURN(f.sentiments, OneOf(params, "sentiment", {"negative", "neutral", "positive"}));
  if (auto scale = ListParam(params, "scale"); !scale.empty()) {
    f.scale = ParseScale(scale.front());
    if (!f.scale)
      return Error::Invalid("scale", "unknown scale '" + scale.front() + "' (use nps, grade10, csat5 or stars5)");
  }
  for (const auto& name : ListParam(params, "class")) {
    auto klass = ParseClassFilter(name);
    if (!klass) {
      return Error::Invalid("class",
                            "unknown class '" + name +
                                "' (use unhappy, neutral, happy, or a scale's own: detractor, passive, promoter, "
                                "fail, pass, good, negative, positive)");
    }
    if (klass->scale && !f.scale) f.scale = klass->scale;
    if (klass->five_point_scales && f.scale != Scale::kCsat5 && f.scale != Scale::kStars5) {
      return Error::Invalid("class",
                            "'" + name + "' is a class of the five-point scales: add scale=csat5 or scale=stars5");
    }
    f.classes.push_back(klass->mood);
  }
  if (auto group = ListParam(params, "group_by"); !group.empty()) {
    auto g = ParseGroupBy(group.front(), q.attribute);
    if (g) q.group_by = *g;
  }
  KS_ASSIGN_OR_RETURN(auto interval, OneOf(params, "interval", {"adjusted_wald", "wald"}));
  if (!interval.empty() && interval.front() == "wald") q.interval = stats::Interval::kWald;
  return q;
}

Result<Summary> AnalyticsService::Summarize(const SummaryQuery& query) {
  Result<Summary> summary = Error::Internal("the query did not run");
  index_.Read([&](const Columns& columns) { summary = RunSummary(columns, query); });
  if (!summary.ok() || summary->group_by != GroupBy::kUnit) return summary;
  KS_ASSIGN_OR_RETURN(std::vector<UnitInfo> units, Units());
  std::unordered_map<std::string, const UnitInfo*> by_id;
  for (const auto& u : units) by_id[std::to_string(u.id)] = &u;
  for (auto& g : summary->groups) {
    if (auto it = by_id.find(g.key); it != by_id.end()) {
      g.key = it->second->code;
      g.label = it->second->name;
    }
  }
  std::sort(summary->groups.begin(), summary->groups.end(),
            [](const GroupSummary& a, const GroupSummary& b) { return a.key < b.key; });
  return summary;
}

std::vector<std::pair<std::string, std::string>> AnalyticsService::Topics(std::string_view language) const {
  std::vector<std::pair<std::string, std::string>> out;
  if (analyzer_ == nullptr) return out;
  const auto matcher = analyzer_->matcher();
  for (const auto& topic : matcher->taxonomy().topics) out.emplace_back(topic.key, text::TopicName(topic, language));
  return out;
}

std::string AnalyticsService::TopicName(const std::string& key, std::string_view language) const {
  for (auto& [k, name] : Topics(language)) {
    if (k == key) return std::move(name);
  }
  return key;
}

}  // namespace ks::analytics
