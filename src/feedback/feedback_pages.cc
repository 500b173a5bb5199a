#include "feedback/feedback_pages.h"

#include "base/strings.h"
#include "customers/customer_store.h"
#include "feedback/feedback_api.h"
#include "feedback/feedback_store.h"
#include "feedback/feedback_view.h"
#include "feedback/search_suggestions.h"
#include "web/forms.h"
#include "web/locale_format.h"

namespace ks {
namespace {

constexpr int kPageSize = 50;

// The inbox's filter fields, in form order; all are kept in the URL.
constexpr const char* kFilterFields[] = {"from",  "to",    "unit",     "source", "channel",   "scale", "score",
                                         "class", "brand", "language", "topic",  "sentiment", "q"};
constexpr const char* kChannels[] = {"email", "sms", "web", "qr", "phone", "store", "app", "letter", "social"};
constexpr const char* kScales[] = {"nps", "grade10", "csat5", "stars5"};
constexpr const char* kClasses[] = {"unhappy", "neutral", "happy"};
constexpr const char* kLanguages[] = {"nl", "en", "fr", "de"};
constexpr const char* kSentiments[] = {"negative", "neutral", "positive"};

std::string Param(const http::Request& request, const std::string& name) { return request.Query(name).value_or(""); }

// Form values → the API's filter parameters: dates (YYYY-MM-DD, in the organisation's zone; "to" is
// inclusive) become instants, empty fields are dropped.
Result<FeedbackFilter> InboxFilter(const WebRequest& r) {
  std::multimap<std::string, std::string> query;
  for (const char* field : kFilterFields) {
    const std::string value = Param(r.http, field);
    if (value.empty()) continue;
    if (std::string_view(field) == "from" || std::string_view(field) == "to") {
      auto day = ParseRfc3339(value);
      if (!day.ok() || value.size() != 10) return Error::Invalid(field, "'" + value + "' is not a date (YYYY-MM-DD)");
      LocalDate date = r.zone.LocalDay(*day);
      Micros start = r.zone.StartOfDay(date);
      if (std::string_view(field) == "to")
        start = r.zone.StartOfDay(r.zone.LocalDay(start + 36LL * 3600 * kMicrosPerSecond));
      query.emplace(field, FormatRfc3339(start));
    } else {
      query.emplace(field, value);
    }
  }
  KS_ASSIGN_OR_RETURN(FeedbackFilter filter, ParseFeedbackFilter(query));
  if (r.actor.role == Role::kManager) filter.unit_scope = r.actor.unit_scope;
  return filter;
}

// The current filters as a query string (for "load more" and chart links).
// The request's filters as a query string, leaving out `except` (a field the caller sets itself).
std::string FilterQuery(const http::Request& request, std::string_view except = "") {
  std::string out;
  for (const char* field : kFilterFields) {
    const std::string value = Param(request, field);
    if (value.empty() || field == except) continue;
    out += (out.empty() ? "" : "&") + std::string(field) + "=" + web::UrlEncode(value);
  }
  return out;
}

mstch::array Options(const WebRequest& r, const std::string& selected, const std::vector<std::string>& values,
                     const std::string& label_prefix) {
  mstch::array options;
  for (const auto& value : values) {
    options.push_back(mstch::map{{"value", value},
                                 {"label", label_prefix.empty() ? value : r.T(label_prefix + value)},
                                 {"selected", value == selected}});
  }
  return options;
}

template <typename Range>
std::vector<std::string> Strings(const Range& range) {
  std::vector<std::string> out;
  for (const auto& v : range) out.emplace_back(v);
  return out;
}

class FeedbackPages {
 public:
  FeedbackPages(WebAuth& auth, const text::TextAnalyzer& analyzer) : auth_(auth), analyzer_(analyzer) {}

  http::Response Inbox(WebRequest& r) {
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto filter = InboxFilter(r);
    mstch::array items;
    std::string next_cursor, error;
    const auto topics = analyzer_.matcher();
    if (filter.ok()) {
      auto page = ListFeedback(**c, *filter, Param(r.http, "cursor"), kPageSize);
      if (page.ok()) {
        for (const auto& item : page->items) items.push_back(FeedbackView(r, item, false, &topics->taxonomy()));
        next_cursor = page->next_cursor;
      } else if (page.error().code == ErrorCode::kInvalidArgument) {
        error = page.error().message;
      } else {
        return auth_.Unavailable(r);
      }
    } else {
      error = filter.error().field + ": " + filter.error().message;
    }
    const std::string query = FilterQuery(r.http);
    mstch::map body{{"items", items},
                    {"teams_href", "/inbox/teams" + (query.empty() ? "" : "?" + query)},
                    {"has_items", !items.empty()},
                    {"more_href", next_cursor.empty() ? std::string()
                                                      : "/inbox?" + query + (query.empty() ? "" : "&") +
                                                            "cursor=" + web::UrlEncode(next_cursor)},
                    {"error", error},
                    {"has_error", !error.empty()}};
    if (web::IsHtmx(r.http) && !Param(r.http, "cursor").empty()) return auth_.Fragment(r, "inbox_rows", body);
    for (const char* field : kFilterFields) body[field] = Param(r.http, field);
    mstch::array units;
    if (auto all = ListUnits(**c); all.ok()) {
      for (const auto& unit : *all) {
        if (r.actor.role == Role::kManager && !r.actor.InScope(unit.id)) continue;
        units.push_back(
            mstch::map{{"value", unit.code}, {"label", unit.name}, {"selected", unit.code == Param(r.http, "unit")}});
      }
    }
    body["units"] = units;
    body["sources"] = Options(r, Param(r.http, "source"), Strings(kSources), "source_");
    body["channels"] = Options(r, Param(r.http, "channel"), Strings(kChannels), "");
    body["scales"] = Options(r, Param(r.http, "scale"), Strings(kScales), "scale_");
    body["classes"] = Options(r, Param(r.http, "class"), Strings(kClasses), "class_");
    body["languages"] = Options(r, Param(r.http, "language"), Strings(kLanguages), "language_");
    body["sentiments"] = Options(r, Param(r.http, "sentiment"), Strings(kSentiments), "sentiment_");
    mstch::array topic_options;
    for (const auto& topic : topics->taxonomy().topics) {
      topic_options.push_back(mstch::map{{"value", topic.key},
                                         {"label", text::TopicName(topic, r.language())},
                                         {"selected", topic.key == Param(r.http, "topic")}});
    }
    body["topics"] = topic_options;
    return auth_.Render(r, r.T("inbox_title"), "inbox", std::move(body), error.empty() ? 200 : 400);
  }

  // The search box's suggestions (htmx): key phrases of recent feedback the viewer may see.
  http::Response Suggestions(WebRequest& r) {
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    std::optional<std::vector<std::int64_t>> scope;
    if (r.actor.role == Role::kManager) scope = r.actor.unit_scope;
    auto phrases = SuggestPhrases(**c, Param(r.http, "q"), scope);
    if (!phrases.ok()) return auth_.Unavailable(r);
    mstch::array options;
    for (auto& p : *phrases) options.emplace_back(std::move(p));
    return auth_.Fragment(r, "inbox_suggestions", {{"phrases", options}});
  }

  // The wall's counts per team (unit) of what the filters match, when the reader opens them (htmx): every
  // reader sees how much each team hears; never who reported it.
  http::Response Teams(WebRequest& r) {
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto filter = InboxFilter(r);
    if (!filter.ok()) return auth_.Fragment(r, "inbox_teams", {{"error", filter.error().message}});
    auto counts = CountFeedbackByUnit(**c, *filter);
    if (!counts.ok()) return auth_.Unavailable(r);
    const std::string query = FilterQuery(r.http, "unit");
    mstch::array teams;
    for (const UnitCount& count : *counts) {
      mstch::map team{{"name", count.name.empty() ? r.T("inbox_no_unit") : count.name},
                      {"items", web::FormatInteger(count.items, r.language())}};
      if (!count.code.empty()) {
        team["href"] = "/inbox?" + query + (query.empty() ? "" : "&") + "unit=" + web::UrlEncode(count.code);
      }
      teams.push_back(std::move(team));
    }
    return auth_.Fragment(r, "inbox_teams", {{"teams", teams}, {"has_teams", !teams.empty()}});
  }

  http::Response Item(WebRequest& r) {
    const auto id = ParseId(r.http.path_params.at("id"));
    if (!id) return auth_.NotFound(r);
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto item = GetFeedback(**c, *id);
    if (!item.ok()) return item.error().code == ErrorCode::kNotFound ? auth_.NotFound(r) : auth_.Unavailable(r);
    if (!Can(r.actor, Action::kViewFeedback, {item->unit_id, item->input.reported_by})) return auth_.Forbidden(r);
    mstch::map body = FeedbackView(r, *item, true, &analyzer_.matcher()->taxonomy());
    return auth_.Render(r, r.messages.Format("item_title", {std::to_string(*id)}), "feedback_item", std::move(body));
  }

 private:
  WebAuth& auth_;
  const text::TextAnalyzer& analyzer_;
};

}  // namespace

void AddFeedbackPages(http::Router& router, WebAuth& auth, const text::TextAnalyzer& analyzer) {
  auto pages = std::make_shared<FeedbackPages>(auth, analyzer);
  router.Add("GET", "/inbox", auth.Page([pages](WebRequest& r) { return pages->Inbox(r); }));
  router.Add("GET", "/inbox/suggestions", auth.Page([pages](WebRequest& r) { return pages->Suggestions(r); }));
  router.Add("GET", "/inbox/teams", auth.Page([pages](WebRequest& r) { return pages->Teams(r); }));
  router.Add("GET", "/feedback/{id}", auth.Page([pages](WebRequest& r) { return pages->Item(r); }));
}

}  // namespace ks
