#include "actions/triage_pages.h"

#include <algorithm>

#include "actions/action_store.h"
#include "actions/triage.h"
#include "base/strings.h"
#include "customers/customer_store.h"
#include "feedback/feedback_view.h"
#include "web/forms.h"
#include "web/locale_format.h"
#include "web/page.h"

namespace ks::actions {
namespace {

// The queue's filters, as query parameters of GET and as hidden `filter_…` fields of the bulk form (so a
// refusal or a success shows the same view again).
constexpr const char* kFilterFields[] = {"source", "unit", "theme", "q", "limit"};

// What the page shows besides the queue: a refused operation with its message, or nothing.
struct Refusal {
  std::string error;
  int status = 200;
};

class TriagePages {
 public:
  TriagePages(WebAuth& auth, db::ConnectionPool& pool, ActionService& actions, const Clock& clock)
      : auth_(auth), pool_(pool), actions_(actions), clock_(clock) {}

  // GET /actions/triage
  http::Response Queue(WebRequest& r) {
    std::map<std::string, std::string> filters;
    for (const char* field : kFilterFields) filters[field] = r.http.Query(field).value_or("");
    filters["cursor"] = r.http.Query("cursor").value_or("");
    return Render(r, filters, Refusal{});
  }

  // POST /actions/triage
  http::Response Apply(WebRequest& r) {
    std::map<std::string, std::string> filters;
    for (const char* field : kFilterFields) filters[field] = web::FormValue(r.form, std::string("filter_") + field);
    filters["cursor"] = web::FormValue(r.form, "filter_cursor");
    const auto refuse = [&](const Error& e, int status = 400) {
      return Render(r, filters, Refusal{FieldMessage(r, e), status});
    };
    auto command = ParseTriageForm(r.form);
    if (!command.ok()) return refuse(command.error());
    const ActionWorker worker{r.actor, r.session ? r.session->user.name : std::string()};
    const Micros now = clock_.Now();
    std::string done = "&done=" + std::string(TriageOpName(command->op));
    Result<std::int64_t> count = std::int64_t{0};
    switch (command->op) {
      case TriageOp::kCreate: {
        ActionInput input;
        input.title = command->title;
        auto plan = actions_.Create(worker, input, command->ids);
        if (plan.ok()) return web::Redirect(r.http, "/actions/" + std::to_string(plan->id));
        count = plan.error();
        break;
      }
      case TriageOp::kLink: {
        auto plan = actions_.Link(worker, command->action_id, command->ids);
        if (plan.ok()) {
          count = static_cast<std::int64_t>(command->ids.size());
          done += "&action=" + std::to_string(plan->id);
        } else if (plan.error().code == ErrorCode::kNotFound) {
          count = Error::Invalid("action_id", plan.error().message);
        } else {
          count = plan.error();
        }
        break;
      }
      case TriageOp::kClose:
      case TriageOp::kMerge:
      case TriageOp::kTag:
      case TriageOp::kUntag: {
        auto c = pool_.Acquire();
        if (!c.ok()) return auth_.Unavailable(r);
        if (command->op == TriageOp::kClose) {
          count = CloseItems(**c, r.actor, command->ids, command->reason, now);
        } else if (command->op == TriageOp::kMerge) {
          count = MergeItems(**c, r.actor, command->into, command->ids, now);
          done += "&into=" + std::to_string(command->into);
        } else {
          count = command->op == TriageOp::kTag ? TagItems(**c, r.actor, command->ids, command->themes)
                                                : UntagItems(**c, r.actor, command->ids, command->themes);
          std::string themes;
          for (const auto& t : command->themes) themes += (themes.empty() ? "" : ", ") + t;
          done += "&themes=" + web::UrlEncode(themes);
        }
        if (!count.ok() && count.error().code == ErrorCode::kUnavailable) c->Discard();
        break;
      }
    }
    if (!count.ok()) {
      const Error& e = count.error();
      switch (e.code) {
        case ErrorCode::kInvalidArgument: return refuse(e);
        case ErrorCode::kConflict: return refuse(e, 409);
        case ErrorCode::kPermissionDenied: return auth_.Forbidden(r);
        default: return auth_.Unavailable(r);
      }
    }
    // Back to the queue as it was (its first page: the items done with have left it).
    filters.erase("cursor");
    return web::Redirect(r.http, "/actions/triage?" + FilterQuery(filters) + (FilterQuery(filters).empty() ? "" : "&") +
                                     done.substr(1) + "&n=" + std::to_string(*count));
  }

 private:
  static std::string FilterQuery(const std::map<std::string, std::string>& filters) {
    std::string out;
    for (const char* field : kFilterFields) {
      const auto it = filters.find(field);
      if (it == filters.end() || it->second.empty()) continue;
      out += (out.empty() ? "" : "&") + std::string(field) + "=" + web::UrlEncode(it->second);
    }
    return out;
  }

  // "Reason: a reason is required" with the field's name in the page's language; errors about one of
  // the selected items name the item themselves.
  static std::string FieldMessage(const WebRequest& r, const Error& e) {
    if (e.field.empty() || e.field.starts_with("ids[") || e.field.starts_with("feedback_ids[")) return e.message;
    const std::string key = "triage_field_" + e.field;
    const std::string label = r.messages.messages().contains(key) ? r.T(key) : e.field;
    return label + ": " + e.message;
  }

  // The notice after an operation (from the redirect's query) and where it links to; empty when none.
  static std::pair<std::string, std::string> Notice(const WebRequest& r) {
    const std::string done = r.http.Query("done").value_or("");
    const auto op = ParseTriageOp(done);
    const auto n = ParseId(r.http.Query("n").value_or(""));
    if (!op || (!n && r.http.Query("n").value_or("") != "0")) return {};
    const std::string count = web::FormatInteger(n.value_or(0), r.language());
    const std::string key = "triage_done_" + done;
    std::string text;
    std::string href;
    switch (*op) {
      case TriageOp::kClose: text = r.messages.Format(key, {count}); break;
      case TriageOp::kMerge: {
        const auto into = ParseId(r.http.Query("into").value_or(""));
        text = r.messages.Format(key, {count, into ? std::to_string(*into) : std::string("?")});
        if (into) href = "/feedback/" + std::to_string(*into);
        break;
      }
      case TriageOp::kLink: {
        const auto action = ParseId(r.http.Query("action").value_or(""));
        text = r.messages.Format(key, {count, action ? std::to_string(*action) : std::string("?")});
        if (action) href = "/actions/" + std::to_string(*action);
        break;
      }
      case TriageOp::kTag:
      case TriageOp::kUntag:
        text = r.messages.Format(key, {count, Excerpt(r.http.Query("themes").value_or(""), 400)});
        break;
      case TriageOp::kCreate: break;  // goes to the new plan instead
    }
    return {text, href};
  }

  http::Response Render(WebRequest& r, const std::map<std::string, std::string>& filters, const Refusal& refusal) {
    auto c = pool_.Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto units = ListUnits(**c);
    auto counts = CountQueue(**c);
    ActionFilter plan_filter;
    auto plans = ListActions(**c, plan_filter);
    if (!units.ok() || !counts.ok() || !plans.ok()) return auth_.Unavailable(r);

    // The URL's filters; a wrong one is said on the page (400) rather than ignored.
    std::string filter_error;
    const auto bad = [&](const std::string& field, const std::string& value) {
      if (filter_error.empty()) filter_error = r.messages.Format("triage_bad_filter", {field, Excerpt(value, 80)});
    };
    QueueFilter filter;
    const auto value = [&filters](const char* name) {
      const auto it = filters.find(name);
      return it == filters.end() ? std::string() : it->second;
    };
    filter.source = value("source");
    if (!filter.source.empty() &&
        std::find(std::begin(kSources), std::end(kSources), filter.source) == std::end(kSources)) {
      bad("source", filter.source);
    }
    filter.unit = value("unit");
    if (!filter.unit.empty() &&
        std::none_of(units->begin(), units->end(), [&](const Unit& u) { return u.code == filter.unit; })) {
      bad("unit", filter.unit);
    }
    filter.theme = value("theme");
    if (!filter.theme.empty()) {
      auto theme = NormaliseTheme(filter.theme);
      if (theme.ok()) {
        filter.theme = *theme;
      } else {
        bad("theme", filter.theme);
      }
    }
    filter.query = std::string(Trim(value("q")));
    if (const std::string limit = value("limit"); !limit.empty()) {
      const auto n = ParseId(limit);
      if (n && *n <= kMaxQueuePage) {
        filter.limit = static_cast<int>(*n);
      } else {
        bad("limit", limit);
      }
    }
    filter.cursor = value("cursor");

    QueuePage page;
    if (filter_error.empty()) {
      auto listed = ListQueue(**c, filter);
      if (!listed.ok()) {
        if (listed.error().code != ErrorCode::kInvalidArgument) return auth_.Unavailable(r);
        bad(listed.error().field, filter.cursor);
      } else {
        page = std::move(*listed);
      }
    }

    // After a refusal the choices made are kept: the checked items, the operation and its values.
    const bool keep = !refusal.error.empty();
    const auto kept = [&](const std::string& field) { return keep ? web::FormValue(r.form, field) : std::string(); };
    std::vector<std::string> checked_ids;
    if (keep) {
      const auto [begin, end] = r.form.equal_range("ids");
      for (auto it = begin; it != end; ++it) checked_ids.push_back(it->second);
    }
    const bool identity = Can(r.actor, Action::kViewCustomerIdentity);
    mstch::array rows;
    for (const auto& entry : page.items) {
      mstch::map row = FeedbackView(r, entry.item, false);
      const std::string id = std::to_string(entry.item.id);
      mstch::array themes;
      for (const auto& t : entry.themes) {
        themes.push_back(mstch::map{{"name", t}, {"href", "/actions/triage?theme=" + web::UrlEncode(t)}});
      }
      row["themes"] = themes;
      row["has_themes"] = !themes.empty();
      row["checked"] = std::find(checked_ids.begin(), checked_ids.end(), id) != checked_ids.end();
      // An employee's report names the customer in an attribute: shown like a customer's name.
      const auto name = entry.item.input.attributes.find("customer_name");
      row["named_customer"] = identity && name != entry.item.input.attributes.end() ? name->second : std::string();
      if (!row.contains("customer")) row["customer"] = false;
      if (!row.contains("reporter")) row["reporter"] = false;
      rows.push_back(std::move(row));
    }

    mstch::array sources;
    for (std::string_view s : kSources) {
      sources.push_back(mstch::map{
          {"value", std::string(s)}, {"label", r.T("source_" + std::string(s))}, {"selected", s == filter.source}});
    }
    mstch::array unit_options;
    for (const auto& u : *units) {
      unit_options.push_back(mstch::map{{"value", u.code}, {"label", u.name}, {"selected", u.code == filter.unit}});
    }
    mstch::array theme_options;
    for (const auto& [theme, n] : counts->themes) {
      theme_options.push_back(mstch::map{{"value", theme},
                                         {"label", theme + " (" + web::FormatInteger(n, r.language()) + ")"},
                                         {"selected", theme == filter.theme}});
    }
    const std::string chosen_plan = kept("action_id");
    mstch::array plan_options;
    for (const auto& plan : *plans) {
      if (plan.status == ActionStatus::kDone) continue;
      const std::string id = std::to_string(plan.id);
      plan_options.push_back(mstch::map{
          {"value", id},
          {"label",
           "#" + id + " " + plan.title + " (" + r.T("triage_status_" + std::string(StatusName(plan.status))) + ")"},
          {"selected", id == chosen_plan}});
    }
    const std::string chosen_op = kept("op");
    mstch::array ops;
    for (TriageOp op : kTriageOps) {
      const std::string name(TriageOpName(op));
      ops.push_back(mstch::map{{"value", name}, {"label", r.T("triage_op_" + name)}, {"selected", name == chosen_op}});
    }

    std::string next_href;
    if (!page.next_cursor.empty()) {
      const std::string query = FilterQuery(filters);
      next_href =
          "/actions/triage?" + query + (query.empty() ? "" : "&") + "cursor=" + web::UrlEncode(page.next_cursor);
    }
    const auto notice = Notice(r);
    const auto number = [&r](std::int64_t n) { return web::FormatInteger(n, r.language()); };
    const bool filtered =
        !filter.source.empty() || !filter.unit.empty() || !filter.theme.empty() || !filter.query.empty();
    mstch::map body{
        {"rows", rows},
        {"has_rows", !rows.empty()},
        {"notice", notice.first},
        {"notice_href", notice.second},
        {"error", refusal.error},
        {"filter_error", filter_error},
        {"waiting", r.messages.Format("triage_waiting", {number(counts->waiting)})},
        {"matching", filtered && filter_error.empty() ? r.messages.Format("triage_matching", {number(page.matching)})
                                                      : std::string()},
        {"count_linked", number(counts->linked)},
        {"count_closed", number(counts->closed)},
        {"count_merged", number(counts->merged)},
        {"sources", sources},
        {"units", unit_options},
        {"theme_options", theme_options},
        {"has_theme_options", !theme_options.empty()},
        {"plans", plan_options},
        {"has_plans", !plan_options.empty()},
        {"ops", ops},
        {"f_source", filter.source},
        {"f_unit", filter.unit},
        {"f_theme", value("theme")},
        {"f_q", value("q")},
        {"f_limit", value("limit")},
        {"f_cursor", filter.cursor},
        {"v_title", kept("title")},
        {"v_reason", kept("reason")},
        {"v_into", kept("into")},
        {"v_theme", kept("theme")},
        {"next_href", next_href},
        {"max_reason", std::to_string(kMaxCloseReason)},
        {"max_title", std::to_string(kMaxTitle)},
    };
    const int status = refusal.status != 200 ? refusal.status : (filter_error.empty() ? 200 : 400);
    return auth_.Render(r, r.T("triage_title"), "triage", std::move(body), status);
  }

  WebAuth& auth_;
  db::ConnectionPool& pool_;
  ActionService& actions_;
  const Clock& clock_;
};

}  // namespace

void AddTriagePages(http::Router& router, WebAuth& auth, db::ConnectionPool& pool, ActionService& actions,
                    const Clock& clock) {
  auto pages = std::make_shared<TriagePages>(auth, pool, actions, clock);
  router.Add("GET", "/actions/triage",
             auth.Page([pages](WebRequest& r) { return pages->Queue(r); }, Action::kManageActions));
  router.Add("POST", "/actions/triage",
             auth.Page([pages](WebRequest& r) { return pages->Apply(r); }, Action::kManageActions));
}

}  // namespace ks::actions
