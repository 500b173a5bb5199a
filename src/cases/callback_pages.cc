#include "cases/callback_pages.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>

#include "accounts/audit_log.h"
#include "base/strings.h"
#include "cases/callback_store.h"
#include "feedback/feedback_store.h"
#include "feedback/feedback_view.h"
#include "web/forms.h"
#include "web/locale_format.h"
#include "web/page.h"

namespace ks::cases {

namespace {

constexpr CallOutcome kOutcomes[] = {CallOutcome::kReached, CallOutcome::kVoicemail, CallOutcome::kNoAnswer};
constexpr int kHistoryItems = 5;  // the customer's recent feedback shown with each callback
constexpr int kReportWeeks[] = {1, 4, 8, 13};
constexpr int kDefaultReportWeeks = 4;

std::optional<int> ParseInt(std::string_view text) {
  int n = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), n);
  if (text.empty() || ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return n;
}

std::string Integer(const WebRequest& r, std::int64_t n) { return web::FormatInteger(n, r.language()); }

std::string OutcomeLabel(const WebRequest& r, CallOutcome outcome) {
  return r.T("callbacks_outcome_" + std::string(CallOutcomeName(outcome)));
}

// "Week 49, 2026 (30 Nov 2026 – 6 Dec 2026)".
std::string WeekLabel(const WebRequest& r, int iso_year, int iso_week, Micros start, Micros end) {
  return r.messages.Format("callbacks_week_label", {std::to_string(iso_week), std::to_string(iso_year),
                                                    web::FormatDate(start, r.zone, r.language()),
                                                    web::FormatDate(end - 1, r.zone, r.language())});
}

std::string CustomerHref(const std::string& ref) { return "/customers/" + web::UrlEncode(ref); }

mstch::map ScoreView(const WebRequest& r, const std::optional<Score>& score) {
  if (!score) {
    return mstch::map{{"value", std::string("–")},
                      {"scale", std::string()},
                      {"mood", std::string("none")},
                      {"mood_label", r.T("no_score")}};
  }
  const std::string mood(MoodName(score->mood()));
  return mstch::map{{"value", std::to_string(score->value)},
                    {"scale", std::string(ScaleName(score->scale))},
                    {"mood", mood},
                    {"mood_label", r.T("class_" + mood)}};
}

// An error of the store in the page's words: "What you heard: … is required …".
std::string FieldMessage(const WebRequest& r, const Error& e) {
  if (e.field.empty()) return e.message;
  const std::string key = "callbacks_field_" + e.field;
  const std::string label = r.messages.messages().contains(key) ? r.T(key) : e.field;
  return label + ": " + e.message;
}

class CallbackPages {
 public:
  CallbackPages(WebAuth& auth, const Clock& clock) : auth_(auth), clock_(clock) {}

  // A refused call, shown again on its card with what was entered.
  struct Refusal {
    std::int64_t id = 0;
    std::string error;
    std::string outcome;
    std::string heard;
    int status = 200;
  };

  // GET /callbacks
  http::Response List(WebRequest& r, const Refusal& refusal) {
    if (!Can(r.actor, Action::kExecutiveCallbacks)) return auth_.Forbidden(r);
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto plan = PlanWeek(**c, clock_.Now(), r.zone);
    auto executives = ListExecutives(**c);
    if (!plan.ok() || !executives.ok()) return auth_.Unavailable(r);

    // Whose list: an executive sees their own; admins and coordinators everybody's or one executive's.
    const bool picks = r.actor.role != Role::kExecutive;
    std::optional<std::int64_t> shown = picks ? std::nullopt : std::optional<std::int64_t>(r.actor.user_id);
    std::string selected = picks ? "all" : std::to_string(r.actor.user_id);
    if (picks) {
      const std::string asked = r.http.Query("executive").value_or("all");
      if (auto id = ParseId(asked)) {
        shown = id;
        selected = asked;
      }
    }
    mstch::array options;
    if (picks) {
      options.push_back(mstch::map{
          {"value", std::string("all")}, {"label", r.T("callbacks_all_executives")}, {"selected", !shown.has_value()}});
      for (const auto& e : *executives) {
        options.push_back(
            mstch::map{{"value", std::to_string(e.id)}, {"label", e.name}, {"selected", shown && *shown == e.id}});
      }
    }

    // One group per executive shown, in name order, with their callbacks in the order to call them.
    std::map<std::int64_t, std::vector<const CallbackAssignment*>> by_executive;
    for (const auto& a : plan->assignments) {
      if (a.executive_id && (!shown || *shown == *a.executive_id)) by_executive[*a.executive_id].push_back(&a);
    }
    mstch::array groups;
    const auto add_group = [&](std::int64_t id, const std::string& name, int quota) {
      const auto& callbacks = by_executive[id];
      mstch::array cards;
      for (size_t i = 0; i < callbacks.size(); ++i) cards.emplace_back(Card(r, **c, *callbacks[i], i + 1, refusal));
      const auto done = std::count_if(callbacks.begin(), callbacks.end(),
                                      [](const CallbackAssignment* a) { return a->status != "open"; });
      groups.push_back(mstch::map{{"group_id", std::to_string(id)},
                                  {"name", name},
                                  {"own", id == r.actor.user_id},
                                  {"counts", r.messages.Format("callbacks_group_counts",
                                                               {Integer(r, static_cast<std::int64_t>(callbacks.size())),
                                                                Integer(r, quota), Integer(r, done)})},
                                  {"callbacks", cards},
                                  {"has_callbacks", !cards.empty()}});
    };
    for (const auto& e : *executives) {
      if (!shown || *shown == e.id) add_group(e.id, e.name, e.weekly_quota);
    }
    // Someone planned this week who is no longer an active executive: their list is still shown.
    for (const auto& a : plan->assignments) {
      if (!a.executive_id || (shown && *shown != *a.executive_id)) continue;
      const bool listed = std::any_of(executives->begin(), executives->end(),
                                      [&a](const Executive& e) { return e.id == *a.executive_id; });
      if (!listed && by_executive.contains(*a.executive_id)) {
        add_group(*a.executive_id, a.executive_name, 0);
        by_executive.erase(*a.executive_id);
      }
    }

    const LocalWeek& week = plan->week;
    mstch::map body{{"week", WeekLabel(r, week.iso_year, week.iso_week, week.start, week.end)},
                    {"picks", picks},
                    {"executive_options", options},
                    {"selected_executive", selected},
                    {"groups", groups},
                    {"has_groups", !groups.empty()},
                    {"no_executives", executives->empty()},
                    {"unassigned", plan->unassigned > 0},
                    {"unassigned_text",
                     r.messages.Format(plan->unassigned == 1 ? "callbacks_unassigned_one" : "callbacks_unassigned",
                                       {Integer(r, plan->unassigned)})},
                    {"recorded", r.http.Query("recorded").has_value()},
                    {"error", refusal.error}};
    return auth_.Render(r, r.T("callbacks_title"), "callbacks", std::move(body), refusal.status);
  }

  // POST /callbacks/{id}: records the call, then back to the list (post/redirect/get).
  http::Response Record(WebRequest& r) {
    if (!Can(r.actor, Action::kExecutiveCallbacks)) return auth_.Forbidden(r);
    const auto id = ParseId(r.http.path_params.at("id"));
    if (!id) return auth_.NotFound(r);
    Refusal refusal{*id, "", web::FormValue(r.form, "outcome"), web::FormValue(r.form, "heard"), 400};
    const auto outcome = ParseCallOutcome(refusal.outcome);
    if (!outcome) {
      refusal.error = r.T("callbacks_error_outcome");
      return List(r, refusal);
    }
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto recorded = RecordCallback(**c, *id, r.actor, *outcome, refusal.heard, clock_.Now());
    if (recorded.ok()) {
      std::string back = "/callbacks?recorded=" + std::to_string(*id);
      if (const std::string executive = web::FormValue(r.form, "executive"); ParseId(executive)) {
        back += "&executive=" + executive;
      }
      return web::Redirect(r.http, back + "#callback-" + std::to_string(*id));
    }
    const Error& e = recorded.error();
    switch (e.code) {
      case ErrorCode::kNotFound: return auth_.NotFound(r);
      case ErrorCode::kPermissionDenied: return auth_.Forbidden(r);
      case ErrorCode::kInvalidArgument: refusal.error = FieldMessage(r, e); return List(r, refusal);
      case ErrorCode::kConflict:
        refusal.error = r.T("callbacks_error_already_reached");
        refusal.status = 409;
        return List(r, refusal);
      default: return auth_.Unavailable(r);
    }
  }

  // GET /callbacks/report
  http::Response Report(WebRequest& r, const std::string& error, int status) {
    if (!Can(r.actor, Action::kExecutiveCallbacks)) return auth_.Forbidden(r);
    int weeks = kDefaultReportWeeks;
    if (const auto asked = ParseInt(r.http.Query("weeks").value_or(""));
        asked && std::find(std::begin(kReportWeeks), std::end(kReportWeeks), *asked) != std::end(kReportWeeks)) {
      weeks = *asked;
    }
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    // The report includes this week as the list shows it: plan it when nobody looked yet.
    auto plan = PlanWeek(**c, clock_.Now(), r.zone);
    if (!plan.ok()) return auth_.Unavailable(r);
    const LocalWeek from = WeeksLater(r.zone, plan->week, 1 - weeks);
    auto report = ReportCallbacks(**c, from, plan->week);
    if (!report.ok()) return auth_.Unavailable(r);

    mstch::array week_options;
    for (int n : kReportWeeks) {
      week_options.push_back(mstch::map{
          {"value", std::to_string(n)},
          {"label",
           r.messages.Format(n == 1 ? "callbacks_report_this_week" : "callbacks_report_weeks", {std::to_string(n)})},
          {"selected", n == weeks}});
    }
    const bool admin = r.actor.role == Role::kAdmin;
    mstch::array executives;
    for (const auto& e : report->executives) {
      executives.push_back(mstch::map{{"executive_id", std::to_string(e.executive_id)},
                                      {"name", e.name},
                                      {"inactive", !e.active},
                                      {"quota", std::to_string(e.weekly_quota)},
                                      {"quota_editable", admin && e.active},
                                      {"planned", Integer(r, e.planned)},
                                      {"called", Integer(r, e.called)},
                                      {"reached", Integer(r, e.reached)},
                                      {"voicemail", Integer(r, e.voicemail)},
                                      {"no_answer", Integer(r, e.no_answer)},
                                      {"open", Integer(r, e.open)}});
    }
    mstch::array week_rows;
    for (const auto& w : report->weeks) {
      const LocalWeek local = WeekContaining(r.zone, w.week_start);
      week_rows.push_back(mstch::map{{"label", WeekLabel(r, w.iso_year, w.iso_week, local.start, local.end)},
                                     {"planned", Integer(r, w.planned)},
                                     {"called", Integer(r, w.called)},
                                     {"reached", Integer(r, w.reached)},
                                     {"unassigned", Integer(r, w.unassigned)},
                                     {"has_unassigned", w.unassigned > 0}});
    }
    mstch::array heard;
    for (const auto& h : report->heard) {
      heard.push_back(
          mstch::map{{"heard_id", std::to_string(h.assignment_id)},
                     {"heard", h.heard},
                     {"executive", h.executive_name},
                     {"customer_label", CustomerLabel(r, h.customer_ref, std::optional<std::string>(h.customer_name))},
                     {"customer_href", CustomerHref(h.customer_ref)},
                     {"case_href", "/cases/" + std::to_string(h.case_id)},
                     {"case_label", r.messages.Format("callbacks_case", {std::to_string(h.case_id)})},
                     {"when", web::FormatDateTime(h.called_at, r.zone, r.language())},
                     {"outcome", OutcomeLabel(r, h.outcome)}});
    }
    mstch::map body{{"week_options", week_options},
                    {"executives", executives},
                    {"has_executives", !executives.empty()},
                    {"admin", admin},
                    {"max_quota", std::to_string(kMaxWeeklyQuota)},
                    {"weeks", week_rows},
                    {"has_weeks", !week_rows.empty()},
                    {"heard", heard},
                    {"has_heard", !heard.empty()},
                    {"heard_count", Integer(r, static_cast<std::int64_t>(heard.size()))},
                    {"unassigned", report->unassigned > 0},
                    {"unassigned_text", r.messages.Format(report->unassigned == 1 ? "callbacks_report_unassigned_one"
                                                                                  : "callbacks_report_unassigned",
                                                          {Integer(r, report->unassigned)})},
                    {"this_week_unassigned", plan->unassigned > 0},
                    {"this_week_unassigned_text",
                     r.messages.Format(plan->unassigned == 1 ? "callbacks_unassigned_one" : "callbacks_unassigned",
                                       {Integer(r, plan->unassigned)})},
                    {"saved", r.http.Query("saved").has_value()},
                    {"error", error}};
    return auth_.Render(r, r.T("callbacks_report_title"), "callbacks_report", std::move(body), status);
  }

  // POST /callbacks/report/quotas (admins): every quota field of the form.
  http::Response SaveQuotas(WebRequest& r) {
    if (r.actor.role != Role::kAdmin) return auth_.Forbidden(r);
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto executives = ListExecutives(**c);
    if (!executives.ok()) return auth_.Unavailable(r);
    std::vector<std::pair<const Executive*, int>> changes;
    for (const auto& e : *executives) {
      const std::string field = "quota_" + std::to_string(e.id);
      const std::string value = web::FormValue(r.form, field);
      if (value.empty()) continue;
      const auto quota = ParseInt(value);
      if (!quota || *quota < 0 || *quota > kMaxWeeklyQuota) {
        return Report(r, r.messages.Format("callbacks_error_quota", {e.name, value, std::to_string(kMaxWeeklyQuota)}),
                      400);
      }
      if (*quota != e.weekly_quota) changes.emplace_back(&e, *quota);
    }
    const Micros now = clock_.Now();
    for (const auto& [e, quota] : changes) {
      auto saved = SetWeeklyQuota(**c, e->id, quota, r.actor.user_id, now);
      if (!saved.ok()) {
        if (saved.error().code == ErrorCode::kUnavailable) return auth_.Unavailable(r);
        return Report(r, FieldMessage(r, saved.error()), 400);
      }
      (void)Audit(**c, {0, now, r.session->user.email, "callbacks.quota_set", e->name,
                        fmt::format("weekly quota {} → {}", e->weekly_quota, quota), r.http.remote_ip});
    }
    return web::Redirect(r.http, "/callbacks/report?saved=1");
  }

 private:
  // One customer to call: who, why (their words and score), their recent feedback, and the call.
  mstch::map Card(const WebRequest& r, db::Connection& c, const CallbackAssignment& a, size_t number,
                  const Refusal& refusal) {
    const std::string id = std::to_string(a.id);
    const bool identity = Can(r.actor, Action::kViewCustomerIdentity);
    mstch::array other_cases;
    for (std::int64_t other : a.other_case_ids) {
      other_cases.push_back(mstch::map{{"href", "/cases/" + std::to_string(other)},
                                       {"label", r.messages.Format("callbacks_case", {std::to_string(other)})}});
    }
    mstch::array history;
    FeedbackFilter filter;
    filter.customer = a.customer_ref;
    std::size_t history_count = 0;
    if (auto page = ListFeedback(c, filter, "", kHistoryItems); page.ok()) {
      for (const auto& item : page->items) history.emplace_back(FeedbackView(r, item, false));
      history_count = page->items.size();
    }
    const bool refused = refusal.id == a.id && !refusal.error.empty();
    const std::string chosen = refused ? refusal.outcome : std::string();
    mstch::array outcomes;
    for (CallOutcome o : kOutcomes) {
      const std::string value(CallOutcomeName(o));
      outcomes.push_back(mstch::map{{"value", value},
                                    {"label", OutcomeLabel(r, o)},
                                    {"input_id", fmt::format("outcome-{}-{}", id, value)},
                                    {"checked", chosen == value}});
    }
    const bool reached = a.outcome == CallOutcome::kReached;
    const bool may_record = r.actor.role == Role::kAdmin || (a.executive_id && *a.executive_id == r.actor.user_id);
    std::string status_text = r.T("callbacks_status_open");
    if (a.status == "called" && a.outcome && a.called_at) {
      status_text =
          r.messages.Format("callbacks_status_called",
                            {web::FormatDateTime(*a.called_at, r.zone, r.language()), OutcomeLabel(r, *a.outcome)});
    }
    return mstch::map{{"callback_id", id},
                      {"number", std::to_string(number)},
                      {"customer_label", CustomerLabel(r, a.customer_ref, std::optional<std::string>(a.customer_name))},
                      {"customer_href", CustomerHref(a.customer_ref)},
                      {"phone", identity ? a.customer_phone : std::string()},
                      {"email", identity ? a.customer_email : std::string()},
                      {"chip", ScoreView(r, a.score)},
                      {"critical", a.case_priority == Priority::kCritical},
                      {"words", a.text},
                      {"has_words", !a.text.empty()},
                      {"received_at", web::FormatDateTime(a.received_at, r.zone, r.language())},
                      {"feedback_href", "/feedback/" + std::to_string(a.feedback_id)},
                      {"case_href", "/cases/" + std::to_string(a.case_id)},
                      {"case_label", r.messages.Format("callbacks_case", {std::to_string(a.case_id)})},
                      {"case_state", r.T("callbacks_case_" + std::string(IsOpen(a.case_state) ? "open" : "closed"))},
                      {"other_cases", other_cases},
                      {"has_other_cases", !other_cases.empty()},
                      {"continuity", a.continuity},
                      {"status", a.status},
                      {"status_text", status_text},
                      {"done", a.status != "open"},
                      {"reached", reached},
                      {"heard_text", a.heard},
                      {"history", history},
                      {"has_history", !history.empty()},
                      {"history_heading", r.messages.Format("callbacks_history_heading",
                                                            {Integer(r, static_cast<std::int64_t>(history_count))})},
                      {"form", may_record && !reached},
                      {"retry", a.status == "called" && !reached},
                      {"outcomes", outcomes},
                      {"entered_heard", refused ? refusal.heard : std::string()},
                      {"form_error", refused ? refusal.error : std::string()}};
  }

  WebAuth& auth_;
  const Clock& clock_;
};

}  // namespace

void AddCallbackPages(http::Router& router, WebAuth& auth, const Clock& clock) {
  auto pages = std::make_shared<CallbackPages>(auth, clock);
  router.Add("GET", "/callbacks", auth.Page([pages](WebRequest& r) { return pages->List(r, {}); }));
  router.Add("POST", "/callbacks/{id}", auth.Page([pages](WebRequest& r) { return pages->Record(r); }));
  router.Add("GET", "/callbacks/report", auth.Page([pages](WebRequest& r) { return pages->Report(r, "", 200); }));
  router.Add("POST", "/callbacks/report/quotas", auth.Page([pages](WebRequest& r) { return pages->SaveQuotas(r); }));
}

}  // namespace ks::cases
