// The client seat (issue 7, item 5): management reads the unhappiest customers' own words, unedited and
// never summarised, newest first, with each customer's history one click away. See callback_pages.h.
#include <algorithm>
#include <charconv>

#include "cases/callback_pages.h"
#include "cases/callback_store.h"
#include "feedback/feedback_store.h"
#include "feedback/feedback_view.h"
#include "web/forms.h"
#include "web/locale_format.h"
#include "web/page.h"

namespace ks::cases {
namespace {

constexpr int kPeriods[] = {7, 30, 90};  // days
constexpr int kDefaultPeriod = 30;
constexpr int kPageSize = 50;
constexpr Micros kDay = Micros{24} * 3600 * kMicrosPerSecond;

mstch::map Entry(const WebRequest& r, const FeedbackItem& item, const ClientSeatEntry& entry) {
  const FeedbackInput& in = item.input;
  mstch::map view{{"feedback_id", std::to_string(item.id)},
                  {"words", in.text},
                  {"received", web::FormatDateTime(in.received_at, r.zone, r.language())},
                  {"source", r.T("source_" + in.source)},
                  {"channel", in.channel},
                  {"unit", item.unit_name.empty() ? in.unit : item.unit_name},
                  {"critical", entry.critical},
                  {"customer_href", std::string()},
                  {"customer_history", std::string()},
                  {"case_href", std::string()},
                  {"case_label", std::string()}};
  if (in.score) {
    const std::string mood(MoodName(in.score->mood()));
    view["score"] = std::to_string(in.score->value);
    view["scale"] = std::string(ScaleName(in.score->scale));
    view["mood"] = mood;
    view["mood_label"] = r.T("class_" + mood);
  } else {
    view["score"] = std::string("–");
    view["scale"] = std::string();
    view["mood"] = std::string("none");
    view["mood_label"] = r.T("no_score");
  }
  if (in.customer) {
    view["customer_href"] = "/customers/" + web::UrlEncode(in.customer->external_ref);
    view["customer_history"] = r.messages.Format("client_seat_customer_history",
                                                 {CustomerLabel(r, in.customer->external_ref, in.customer->name)});
  }
  if (entry.case_id) {
    view["case_href"] = "/cases/" + std::to_string(*entry.case_id);
    view["case_label"] = r.messages.Format("callbacks_case", {std::to_string(*entry.case_id)});
  }
  return view;
}

http::Response ClientSeat(WebAuth& auth, const Clock& clock, WebRequest& r) {
  if (!Can(r.actor, Action::kExecutiveCallbacks)) return auth.Forbidden(r);
  int days = kDefaultPeriod;
  std::string error;
  if (const auto asked = r.http.Query("days"); asked && !asked->empty()) {
    int n = 0;
    const auto [end, ec] = std::from_chars(asked->data(), asked->data() + asked->size(), n);
    if (ec == std::errc() && end == asked->data() + asked->size() &&
        std::find(std::begin(kPeriods), std::end(kPeriods), n) != std::end(kPeriods)) {
      days = n;
    } else {
      error = r.messages.Format("client_seat_bad_days", {*asked});
    }
  }
  auto c = auth.pool().Acquire();
  if (!c.ok()) return auth.Unavailable(r);
  const Micros from = clock.Now() - days * kDay;
  const std::string cursor = r.http.Query("cursor").value_or("");
  mstch::array entries;
  std::string next_cursor;
  if (error.empty()) {
    auto page = ListClientSeat(**c, from, cursor, kPageSize);
    if (!page.ok()) {
      if (page.error().code != ErrorCode::kInvalidArgument) return auth.Unavailable(r);
      error = r.T("client_seat_bad_cursor");
    } else {
      for (const auto& entry : page->entries) {
        auto item = GetFeedback(**c, entry.feedback_id);
        if (!item.ok()) {
          if (item.error().code == ErrorCode::kNotFound) continue;
          return auth.Unavailable(r);
        }
        entries.emplace_back(Entry(r, *item, entry));
      }
      next_cursor = page->next_cursor;
    }
  }
  const std::string days_text = std::to_string(days);
  mstch::map body{
      {"entries", entries},
      {"has_entries", !entries.empty()},
      {"more_href", next_cursor.empty() ? std::string()
                                        : "/client-seat?days=" + days_text + "&cursor=" + web::UrlEncode(next_cursor)},
      {"error", error}};
  if (web::IsHtmx(r.http) && !cursor.empty()) return auth.Fragment(r, "client_seat_rows", std::move(body));
  mstch::array periods;
  for (int n : kPeriods) {
    periods.push_back(mstch::map{{"days", std::to_string(n)},
                                 {"href", "/client-seat?days=" + std::to_string(n)},
                                 {"label", r.messages.Format("client_seat_days", {std::to_string(n)})},
                                 {"current", n == days}});
  }
  body["periods"] = periods;
  if (error.empty()) {
    auto count = CountClientSeat(**c, from);
    if (!count.ok()) return auth.Unavailable(r);
    body["count_text"] = r.messages.Format(*count == 1 ? "client_seat_count_one" : "client_seat_count",
                                           {web::FormatInteger(*count, r.language()), days_text});
  } else {
    body["count_text"] = std::string();
  }
  return auth.Render(r, r.T("client_seat_title"), "client_seat", std::move(body), error.empty() ? 200 : 400);
}

}  // namespace

void AddClientSeatPage(http::Router& router, WebAuth& auth, const Clock& clock) {
  router.Add("GET", "/client-seat", auth.Page([&auth, &clock](WebRequest& r) { return ClientSeat(auth, clock, r); }));
}

}  // namespace ks::cases
