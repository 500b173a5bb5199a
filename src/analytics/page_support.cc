#include "analytics/page_support.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "feedback/feedback.h"
#include "web/forms.h"

namespace ks::analytics {
namespace {

// The filters of the form, in form order (attributes come as attr.KEY).
constexpr const char* kFilterFields[] = {"from",  "to",       "unit",  "source",    "channel",  "scale",   "class",
                                         "brand", "language", "topic", "sentiment", "group_by", "interval"};
constexpr const char* kChannels[] = {"email", "sms", "web", "qr", "phone", "store", "app", "letter", "social"};
constexpr const char* kScales[] = {"nps", "grade10", "csat5", "stars5"};
constexpr const char* kClasses[] = {"unhappy", "neutral", "happy"};
constexpr const char* kLanguages[] = {"nl", "en", "fr", "de"};
// The inbox's own filters; the others (attributes) do not carry over.
constexpr const char* kInboxFields[] = {"from",  "to",    "unit",     "source", "channel",   "scale", "score",
                                        "class", "brand", "language", "topic",  "sentiment", "q"};

struct Tab {
  const char* path;
  const char* label_key;
};
constexpr Tab kTabs[] = {{"/analytics", "analytics_tab_overview"},
                         {"/analytics/outliers", "analytics_tab_outliers"},
                         {"/analytics/drivers", "analytics_tab_drivers"},
                         {"/analytics/words", "analytics_tab_words"},
                         {"/analytics/competitors", "analytics_tab_competitors"},
                         {"/analytics/report", "analytics_tab_report"}};

std::string First(const QueryParams& params, const std::string& name) {
  auto it = params.find(name);
  return it == params.end() ? "" : it->second;
}

template <typename Range>
std::vector<std::string> Strings(const Range& range) {
  return {std::begin(range), std::end(range)};
}

mstch::array Options(const std::vector<std::string>& values, const std::string& selected,
                     const std::function<std::string(const std::string&)>& label) {
  mstch::array out;
  for (const auto& value : values) {
    out.push_back(mstch::map{{"value", value}, {"label", label(value)}, {"selected", value == selected}});
  }
  return out;
}

std::string CsvField(const std::string& s) {
  if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
  std::string out = "\"";
  for (char ch : s) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + "\"";
}

}  // namespace

std::optional<std::vector<std::int64_t>> ScopeOf(const WebRequest& r) {
  if (r.actor.role == Role::kManager) return r.actor.unit_scope;
  return std::nullopt;
}

PageQuery ReadPageQuery(const WebRequest& r, AnalyticsService& service, const std::vector<std::string>& extra_known) {
  PageQuery q;
  for (const auto& [name, value] : r.http.query) {
    if (value.empty()) continue;  // an empty form field means "any"
    if (std::find(extra_known.begin(), extra_known.end(), name) != extra_known.end()) continue;
    q.params.emplace(name, value);
  }
  // attr_key/attr_value from the form become attr.KEY=VALUE.
  const std::string key = First(q.params, "attr_key"), value = First(q.params, "attr_value");
  q.params.erase("attr_key");
  q.params.erase("attr_value");
  if (!key.empty() && !value.empty()) q.params.emplace("attr." + key, value);
  if (!q.params.contains("from") && !q.params.contains("to") && !q.params.contains("months")) {
    const LocalDate today = service.Today();
    const int month_index = today.year * 12 + today.month - 1 - 12;
    q.params.emplace("from", FormatLocalDate({month_index / 12, month_index % 12 + 1, 1}));
    q.params.emplace("to", FormatLocalDate(today));
  }
  auto parsed = service.ParseQuery(q.params, ScopeOf(r));
  if (parsed.ok()) {
    q.query = std::move(parsed).value();
  } else {
    q.error = parsed.error().field + ": " + parsed.error().message;
  }
  return q;
}

mstch::map FilterForm(const WebRequest& r, AnalyticsService& service, const PageQuery& q, const std::string& action) {
  mstch::map form{{"action", action}};
  for (const char* field : kFilterFields) form[field] = First(q.params, field);
  mstch::array units;
  if (auto all = service.Units(); all.ok()) {
    const auto scope = ScopeOf(r);
    for (const auto& u : *all) {
      if (scope && std::find(scope->begin(), scope->end(), u.id) == scope->end()) continue;
      units.push_back(
          mstch::map{{"value", u.code}, {"label", u.name}, {"selected", u.code == First(q.params, "unit")}});
    }
  }
  form["units"] = units;
  form["sources"] =
      Options(Strings(kSources), First(q.params, "source"), [&r](const std::string& v) { return r.T("source_" + v); });
  form["channels"] = Options(Strings(kChannels), First(q.params, "channel"), [](const std::string& v) { return v; });
  form["scales"] =
      Options(Strings(kScales), First(q.params, "scale"), [&r](const std::string& v) { return r.T("scale_" + v); });
  form["classes"] =
      Options(Strings(kClasses), First(q.params, "class"), [&r](const std::string& v) { return r.T("class_" + v); });
  form["languages"] = Options(Strings(kLanguages), First(q.params, "language"),
                              [&r](const std::string& v) { return r.T("language_" + v); });
  const auto topics = service.Topics(r.language());
  std::vector<std::string> topic_keys;
  topic_keys.reserve(topics.size());
  for (const auto& topic : topics) topic_keys.push_back(topic.first);
  form["topics"] = Options(topic_keys, First(q.params, "topic"), [&topics](const std::string& v) {
    const auto it = std::find_if(topics.begin(), topics.end(), [&v](const auto& t) { return t.first == v; });
    return it->second;
  });
  form["sentiments"] = Options({"negative", "neutral", "positive"}, First(q.params, "sentiment"),
                               [&r](const std::string& v) { return r.T("sentiment_" + v); });
  // The attribute filter: the indexed attribute keys, and the one in use.
  std::vector<std::string> keys;
  service.index().Read([&keys](const Columns& c) {
    for (const auto& a : c.attributes) {
      if (!a.too_many_values) keys.push_back(a.key);
    }
  });
  std::string attr_key, attr_value;
  for (const auto& [name, value] : q.params) {
    if (name.starts_with("attr.")) {
      attr_key = name.substr(5);
      attr_value = value;
    }
  }
  form["attributes"] = Options(keys, attr_key, [](const std::string& v) { return v; });
  form["attr_value"] = attr_value;
  form["has_error"] = !q.error.empty();
  form["error"] = q.error;
  return form;
}

mstch::array Tabs(const WebRequest& r, const PageQuery& q, const std::string& current) {
  const std::string query = QueryString(q.params);
  mstch::array out;
  for (const auto& tab : kTabs) {
    out.push_back(mstch::map{{"href", std::string(tab.path) + (query.empty() ? "" : "?" + query)},
                             {"label", r.T(tab.label_key)},
                             {"current", current == tab.path}});
  }
  return out;
}

std::string QueryString(const QueryParams& params, const std::vector<std::pair<std::string, std::string>>& overrides) {
  QueryParams merged = params;
  for (const auto& [name, value] : overrides) {
    merged.erase(name);
    if (!value.empty()) merged.emplace(name, value);
  }
  std::string out;
  for (const auto& [name, value] : merged) {
    out.append(out.empty() ? "" : "&").append(web::UrlEncode(name)).append("=").append(web::UrlEncode(value));
  }
  return out;
}

std::string InboxLink(const QueryParams& params, const std::vector<std::pair<std::string, std::string>>& overrides) {
  QueryParams inbox;
  for (const char* field : kInboxFields) {
    const std::string value = First(params, field);
    if (value.empty()) continue;
    // The inbox takes one value per filter: the first of a list.
    inbox.emplace(field, value.substr(0, value.find(',')));
  }
  const std::string query = QueryString(inbox, overrides);
  return "/inbox" + (query.empty() ? "" : "?" + query);
}

std::pair<LocalDate, LocalDate> PeriodDays(const std::string& key) {
  int year = 0, n = 0, day = 0;
  if (std::sscanf(key.c_str(), "%d-Q%d", &year, &n) == 2) {
    const int last_month = n * 3;
    const DayNumber next =
        DayNumberOf(last_month == 12 ? LocalDate{year + 1, 1, 1} : LocalDate{year, last_month + 1, 1});
    return {{year, n * 3 - 2, 1}, DateOf(static_cast<DayNumber>(next - 1))};
  }
  if (std::sscanf(key.c_str(), "%d-W%d", &year, &n) == 2) {
    // ISO week 1 holds 4 January; weeks start on Monday.
    const int jan4 = DayNumberOf({year, 1, 4});
    const int monday = jan4 - (jan4 + 3) % 7 + (n - 1) * 7;
    return {DateOf(static_cast<DayNumber>(monday)), DateOf(static_cast<DayNumber>(monday + 6))};
  }
  if (std::sscanf(key.c_str(), "%d-%d-%d", &year, &n, &day) == 3) return {{year, n, day}, {year, n, day}};
  if (std::sscanf(key.c_str(), "%d-%d", &year, &n) == 2) {
    const DayNumber next = DayNumberOf(n == 12 ? LocalDate{year + 1, 1, 1} : LocalDate{year, n + 1, 1});
    return {{year, n, 1}, DateOf(static_cast<DayNumber>(next - 1))};
  }
  return {{}, {}};
}

std::string PeriodLabel(const std::string& key, GroupBy group_by, const std::string& language) {
  static constexpr const char* kMonthsNl[] = {"jan", "feb", "mrt", "apr", "mei", "jun",
                                              "jul", "aug", "sep", "okt", "nov", "dec"};
  static constexpr const char* kMonthsEn[] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
  const auto& months = language == "nl" ? kMonthsNl : kMonthsEn;
  const auto [first, last] = PeriodDays(key);
  switch (group_by) {
    case GroupBy::kMonth: return fmt::format("{} {}", months[first.month - 1], first.year);
    case GroupBy::kQuarter:
      return fmt::format("{}{} {}", language == "nl" ? "K" : "Q", (first.month - 1) / 3 + 1, first.year);
    case GroupBy::kWeek: return "wk " + key.substr(key.find('W') + 1);
    case GroupBy::kDay: return fmt::format("{} {}", first.day, months[first.month - 1]);
    default: return key;
  }
}

std::string ClassLabel(const WebRequest& r, Scale scale, Mood mood) {
  return r.T("analytics_class_" + std::string(ScaleClassName(scale, mood)));
}

http::Response CsvDownload(const std::string& filename, const std::vector<std::vector<std::string>>& rows) {
  std::string body = "\xEF\xBB\xBF";
  for (const auto& row : rows) {
    for (size_t i = 0; i < row.size(); ++i) body.append(i == 0 ? "" : ",").append(CsvField(row[i]));
    body += "\r\n";
  }
  http::Response response{200, "text/csv; charset=utf-8", std::move(body), {}};
  response.headers.emplace_back("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  return response;
}

}  // namespace ks::analytics
