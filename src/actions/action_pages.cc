#include "actions/action_pages.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "actions/action_effect.h"
#include "actions/action_store.h"
#include "analytics/overview_charts.h"
#include "base/strings.h"
#include "feedback/feedback_store.h"
#include "feedback/feedback_view.h"
#include "web/forms.h"
#include "web/locale_format.h"

namespace ks::actions {
namespace {

constexpr size_t kMaxItemsShown = 200;
constexpr int kFeedShown = 100;

std::string Param(const http::Request& request, const std::string& name) { return request.Query(name).value_or(""); }

std::string TextOr(const WebRequest& r, const std::string& key, const std::string& fallback) {
  return r.messages.messages().contains(key) ? r.T(key) : fallback;
}

std::string StatusLabel(const WebRequest& r, ActionStatus s) {
  return r.T("actions_status_" + std::string(StatusName(s)));
}
std::string DecisionText(const WebRequest& r, std::optional<Decision> d) {
  return d ? r.T("actions_decision_" + std::string(DecisionName(*d))) : r.T("actions_no_decision");
}

// What the list, the feed and the plan page show of a plan.
mstch::map PlanView(const WebRequest& r, const ActionPlan& p) {
  return mstch::map{{"id", std::to_string(p.id)},
                    {"title", p.title},
                    {"description", p.description},
                    {"status", std::string(StatusName(p.status))},
                    {"status_label", StatusLabel(r, p.status)},
                    {"decision", p.decision ? std::string(DecisionName(*p.decision)) : std::string()},
                    {"decision_label", DecisionText(r, p.decision)},
                    {"reason", p.decision_reason},
                    {"owner", p.owner_name.empty() ? r.T("actions_no_owner") : p.owner_name},
                    {"unit", p.unit_name.empty() ? r.T("actions_whole_organisation") : p.unit_name},
                    {"due", p.due_date},
                    {"items", std::to_string(p.item_count)},
                    {"decided_at", p.decided_at ? web::FormatDate(*p.decided_at, r.zone, r.language()) : ""},
                    {"done_at", p.done_at ? web::FormatDate(*p.done_at, r.zone, r.language()) : ""}};
}

// "by e-mail, 2 Dec 2026", "to tell in person (Erik)", "nobody: no consent".
std::string MessageText(const WebRequest& r, const Message& m) {
  std::string text = r.T("actions_told_" + m.how);
  if (m.informed_at)
    text += " · " + web::FormatDateTime(*m.informed_at, r.zone, r.language());
  else if (m.how == "colleague")
    text += " · " + r.T("actions_told_pending");
  return text;
}

class ActionPages {
 public:
  ActionPages(WebAuth& auth, ActionService& service, analytics::AnalyticsService& analytics,
              const text::TextAnalyzer& analyzer)
      : auth_(auth), service_(service), analytics_(analytics), analyzer_(analyzer) {}

  http::Response List(WebRequest& r, const ActionInput& input = {}, const std::string& error = "", int status = 200) {
    ActionFilter filter;
    const std::string wanted = Param(r.http, "status");
    filter.status = ParseStatus(wanted);
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto plans = ListActions(**c, filter);
    auto tasks = OpenTellTasks(**c, r.actor.user_id);
    if (!plans.ok() || !tasks.ok()) return auth_.Unavailable(r);
    mstch::array rows, task_rows, tabs;
    for (const ActionPlan& p : *plans) rows.push_back(PlanView(r, p));
    for (const TellTask& t : *tasks) {
      task_rows.push_back(
          mstch::map{{"action_id", std::to_string(t.action_id)},
                     {"feedback_id", std::to_string(t.feedback_id)},
                     {"milestone", t.milestone},
                     {"title", t.action_title},
                     {"customer", t.customer_name.empty() ? r.T("actions_the_customer") : t.customer_name},
                     {"said", Excerpt(t.text, 300)},
                     {"what", t.milestone == "done" ? r.T("actions_task_done") : DecisionText(r, t.decision)},
                     {"reason", t.decision_reason}});
    }
    tabs.push_back(
        mstch::map{{"href", std::string("/actions")}, {"label", r.T("actions_all")}, {"current", !filter.status}});
    for (ActionStatus s :
         {ActionStatus::kProposed, ActionStatus::kDecided, ActionStatus::kInProgress, ActionStatus::kDone}) {
      tabs.push_back(mstch::map{{"href", "/actions?status=" + std::string(StatusName(s))},
                                {"label", StatusLabel(r, s)},
                                {"current", filter.status == s}});
    }
    mstch::map body{{"plans", rows},
                    {"has_plans", !rows.empty()},
                    {"tasks", task_rows},
                    {"has_tasks", !task_rows.empty()},
                    {"tabs", tabs},
                    {"manage", Can(r.actor, Action::kManageActions)},
                    {"error", error},
                    {"title", input.title},
                    {"description", input.description},
                    {"due_date", input.due_date}};
    if (Can(r.actor, Action::kManageActions)) {
      auto owners = OwnerOptions(**c, input.owner_user_id);
      auto units = UnitOptions(**c, input.unit);
      if (!owners.ok() || !units.ok()) return auth_.Unavailable(r);
      body["owners"] = *owners;
      body["units"] = *units;
    }
    return auth_.Render(r, r.T("actions_title"), "actions", std::move(body), status);
  }

  http::Response Create(WebRequest& r) {
    ActionInput input = InputOf(r);
    std::vector<std::int64_t> ids;
    auto created = service_.Create(Worker(r), input, ids);
    if (created.ok()) return web::Redirect(r.http, "/actions/" + std::to_string(created->id));
    if (created.error().code == ErrorCode::kPermissionDenied) return auth_.Forbidden(r);
    if (created.error().code != ErrorCode::kInvalidArgument) return auth_.Unavailable(r);
    return List(r, input, FieldMessage(r, created.error()), 400);
  }

  http::Response Feed(WebRequest& r) {
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto feed = ListFeed(**c, 0, kFeedShown);
    if (!feed.ok()) return auth_.Unavailable(r);
    mstch::array entries;
    for (const FeedEntry& e : *feed) {
      const auto detail = nlohmann::json::parse(e.event.detail, nullptr, false);
      mstch::map view = PlanView(r, e.plan);
      const bool done = e.event.kind == "done";
      // The decision as it was taken then (a later one may differ).
      if (!done && detail.is_object() && detail.contains("decision") && detail["decision"].is_string()) {
        view["decision_label"] = DecisionText(r, ParseDecision(detail["decision"].get<std::string>()));
        view["reason"] = detail.value("reason", std::string());
      }
      view["done"] = done;
      view["at"] = web::FormatDate(e.event.at, r.zone, r.language());
      entries.push_back(std::move(view));
    }
    return auth_.Render(r, r.T("actions_feed_title"), "actions_feed",
                        mstch::map{{"entries", entries}, {"has_entries", !entries.empty()}});
  }

  http::Response Plan(WebRequest& r, const std::string& error = "", int status = 200) {
    const auto id = ParseId(r.http.path_params.at("id"));
    if (!id) return auth_.NotFound(r);
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto plan = GetAction(**c, *id);
    if (!plan.ok()) return auth_.Unavailable(r);
    if (!*plan) return auth_.NotFound(r);
    const ActionPlan& p = **plan;
    auto items = ListLinkedItems(**c, p.id);
    auto events = ListActionEvents(**c, p.id);
    if (!items.ok() || !events.ok()) return auth_.Unavailable(r);
    // Managers see the cards of their own units' items only; the others are counted.
    std::vector<std::int64_t> visible;
    mstch::array told;
    for (const LinkedItem& item : *items) {
      if (!Can(r.actor, Action::kViewFeedback, {item.unit_id, item.reported_by})) continue;
      visible.push_back(item.feedback_id);
      mstch::array messages;
      for (const Message& m : item.messages) {
        messages.push_back(
            mstch::map{{"milestone", r.T("actions_milestone_" + m.milestone)}, {"text", MessageText(r, m)}});
      }
      told.push_back(mstch::map{
          {"feedback_id", std::to_string(item.feedback_id)}, {"messages", messages}, {"not_yet", messages.empty()}});
    }
    auto cards = FeedbackCards(r, **c, visible, kMaxItemsShown);
    if (!cards) return auth_.Unavailable(r);
    mstch::array timeline;
    for (const ActionEvent& e : *events) timeline.push_back(EventView(r, e));
    const bool manage = Can(r.actor, Action::kManageActions);
    const bool works = manage || (p.owner_user_id && *p.owner_user_id == r.actor.user_id);
    mstch::map body = PlanView(r, p);
    body["error"] = error;
    body["cards"] = *cards;
    body["told"] = told;
    body["hidden_items"] = std::to_string(items->size() - visible.size());
    body["has_hidden"] = items->size() > visible.size();
    body["timeline"] = timeline;
    body["manage"] = manage;
    body["decide_form"] = manage && CheckStep(p.status, p.decision, ActionStep::kDecide).ok;
    body["start_form"] = works && CheckStep(p.status, p.decision, ActionStep::kStart).ok;
    body["finish_form"] = works && CheckStep(p.status, p.decision, ActionStep::kFinish).ok;
    body["note_form"] = works;
    body["needs_decision"] = p.status == ActionStatus::kProposed;
    mstch::array decisions;
    for (Decision d : {Decision::kDo, Decision::kNotNow, Decision::kWont}) {
      decisions.push_back(mstch::map{
          {"value", std::string(DecisionName(d))}, {"label", DecisionText(r, d)}, {"checked", p.decision == d}});
    }
    body["decisions"] = decisions;
    if (manage) {
      auto owners = OwnerOptions(**c, p.owner_user_id);
      auto units = UnitOptions(**c, p.unit_code);
      if (!owners.ok() || !units.ok()) return auth_.Unavailable(r);
      body["owners"] = *owners;
      body["units"] = *units;
    }
    auto effect = EffectRows(r, **c, p, *items);
    if (!effect) return auth_.Unavailable(r);
    body["effect"] = *effect;
    body["has_effect"] = !effect->empty();
    return auth_.Render(r, p.title, "action", std::move(body), status);
  }

  http::Response Step(WebRequest& r, const std::string& step) {
    const auto id = ParseId(r.http.path_params.at("id"));
    if (!id) return auth_.NotFound(r);
    const ActionWorker worker = Worker(r);
    Result<void> done = Ok();
    if (step == "decide") {
      const auto decision = ParseDecision(web::FormValue(r.form, "decision"));
      if (!decision) return Plan(r, r.T("actions_error_decision"), 400);
      done = Discard(service_.Decide(worker, *id, *decision, web::FormValue(r.form, "reason")));
    } else if (step == "start") {
      done = Discard(service_.Start(worker, *id));
    } else if (step == "finish") {
      done = Discard(service_.Finish(worker, *id, web::FormValue(r.form, "note")));
    } else if (step == "edit") {
      done = Discard(service_.Edit(worker, *id, InputOf(r)));
    } else if (step == "note") {
      done = Discard(service_.AddNote(worker, *id, web::FormValue(r.form, "text")));
    } else if (step == "unlink") {
      const auto item = ParseId(web::FormValue(r.form, "feedback_id"));
      if (!item) return auth_.NotFound(r);
      done = Discard(service_.Unlink(worker, *id, *item));
    } else if (step == "told") {
      const auto item = ParseId(web::FormValue(r.form, "feedback_id"));
      if (!item) return auth_.NotFound(r);
      done = service_.MarkTold(worker, *id, *item, web::FormValue(r.form, "milestone"));
      if (done.ok()) return web::Redirect(r.http, "/actions");
    }
    if (done.ok()) return web::Redirect(r.http, "/actions/" + std::to_string(*id));
    const Error& e = done.error();
    switch (e.code) {
      case ErrorCode::kInvalidArgument: return Plan(r, FieldMessage(r, e), 400);
      case ErrorCode::kConflict: return Plan(r, r.T("actions_conflict"), 409);
      case ErrorCode::kNotFound: return auth_.NotFound(r);
      case ErrorCode::kPermissionDenied: return auth_.Forbidden(r);
      default: return auth_.Unavailable(r);
    }
  }

 private:
  static Result<void> Discard(const Result<ActionPlan>& result) {
    if (!result.ok()) return result.error();
    return Ok();
  }

  // A finished plan's effect: a row for its unit and one per topic of its feedback, each with a link to
  // the trend that carries its marker. Empty before it is done; nullopt when the database fails.
  std::optional<mstch::array> EffectRows(const WebRequest& r, db::Connection& c, const ActionPlan& p,
                                         const std::vector<LinkedItem>& items) {
    mstch::array rows;
    if (!p.done_at) return rows;
    std::vector<std::int64_t> ids;
    ids.reserve(items.size());
    for (const LinkedItem& item : items) ids.push_back(item.feedback_id);
    auto found = GetFeedbackItems(c, ids);
    if (!found.ok()) return std::nullopt;
    std::vector<FeedbackItem> linked;
    for (auto& [id, item] : *found) linked.push_back(std::move(item));
    auto effects = MeasurePlanEffect(analytics_, p, linked, r.zone);
    if (!effects.ok()) return std::nullopt;
    const auto topics = analyzer_.matcher();
    for (const PlanEffect& e : *effects) {
      std::string trend = "/analytics?group=week";
      if (!p.unit_code.empty()) trend += "&unit=" + web::UrlEncode(p.unit_code);
      if (!e.topic.empty()) trend += "&topic=" + web::UrlEncode(e.topic);
      mstch::map row = analytics::EffectView(r, e.effect);
      row["label"] = e.topic.empty() ? (p.unit_name.empty() ? r.T("actions_whole_organisation") : p.unit_name)
                                     : TopicLabel(r, e.topic, &topics->taxonomy());
      row["topic"] = !e.topic.empty();
      row["trend"] = trend;
      rows.push_back(std::move(row));
    }
    return rows;
  }

  static ActionWorker Worker(const WebRequest& r) {
    return ActionWorker{r.actor, r.session ? r.session->user.name : std::string()};
  }

  static ActionInput InputOf(const WebRequest& r) {
    ActionInput in;
    in.title = web::FormValue(r.form, "title");
    in.description = web::FormValue(r.form, "description");
    in.owner_user_id = ParseId(web::FormValue(r.form, "owner_user_id"));
    in.unit = web::FormValue(r.form, "unit");
    in.due_date = web::FormValue(r.form, "due_date");
    return in;
  }

  static std::string FieldMessage(const WebRequest& r, const Error& e) {
    if (e.field.empty()) return e.message;
    return TextOr(r, "actions_field_" + e.field, e.field) + ": " + e.message;
  }

  static Result<mstch::array> OwnerOptions(db::Connection& c, std::optional<std::int64_t> selected) {
    KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT id, name FROM users WHERE active = 1 ORDER BY name, id"));
    mstch::array options;
    for (const auto& row : rows.rows) {
      options.push_back(mstch::map{{"value", std::to_string(db::AsInt(row[0]))},
                                   {"label", db::AsText(row[1])},
                                   {"selected", selected == db::AsInt(row[0])}});
    }
    return options;
  }

  static Result<mstch::array> UnitOptions(db::Connection& c, const std::string& selected) {
    KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT code, name FROM units ORDER BY name, code"));
    mstch::array options;
    for (const auto& row : rows.rows) {
      options.push_back(mstch::map{
          {"value", db::AsText(row[0])}, {"label", db::AsText(row[1])}, {"selected", selected == db::AsText(row[0])}});
    }
    return options;
  }

  static mstch::map EventView(const WebRequest& r, const ActionEvent& e) {
    auto detail = nlohmann::json::parse(e.detail, nullptr, false);
    if (!detail.is_object()) detail = nlohmann::json::object();
    std::string who = e.user_name;
    if (who.empty() && detail.contains("by") && detail["by"].is_string()) who = detail["by"].get<std::string>();
    std::string body;
    for (const char* key : {"text", "reason"}) {
      if (detail.contains(key) && detail[key].is_string()) body = detail[key].get<std::string>();
    }
    std::string title = TextOr(r, "actions_event_" + e.kind, e.kind);
    if (e.kind == "decided" && detail.contains("decision") && detail["decision"].is_string()) {
      title += ": " + DecisionText(r, ParseDecision(detail["decision"].get<std::string>()));
    }
    return mstch::map{{"kind", e.kind},
                      {"title", title},
                      {"who", who},
                      {"at", web::FormatDateTime(e.at, r.zone, r.language())},
                      {"body", body}};
  }

  WebAuth& auth_;
  ActionService& service_;
  analytics::AnalyticsService& analytics_;
  const text::TextAnalyzer& analyzer_;
};

}  // namespace

void AddActionPages(http::Router& router, WebAuth& auth, ActionService& service, analytics::AnalyticsService& analytics,
                    const text::TextAnalyzer& analyzer) {
  auto pages = std::make_shared<ActionPages>(auth, service, analytics, analyzer);
  router.Add("GET", "/actions", auth.Page([pages](WebRequest& r) { return pages->List(r); }));
  router.Add("POST", "/actions", auth.Page([pages](WebRequest& r) { return pages->Create(r); }));
  router.Add("GET", "/actions/feed", auth.Page([pages](WebRequest& r) { return pages->Feed(r); }));
  router.Add("GET", "/actions/{id}", auth.Page([pages](WebRequest& r) { return pages->Plan(r); }));
  for (const char* step : {"decide", "start", "finish", "note", "edit", "unlink", "told"}) {
    router.Add("POST", "/actions/{id}/" + std::string(step),
               auth.Page([pages, step = std::string(step)](WebRequest& r) { return pages->Step(r, step); }));
  }
}

}  // namespace ks::actions
