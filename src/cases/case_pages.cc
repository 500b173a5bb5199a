#include "cases/case_pages.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "cases/case_page_support.h"
#include "cases/case_store.h"
#include "cases/sla_clock.h"
#include "customers/customer_store.h"
#include "feedback/feedback_store.h"
#include "feedback/feedback_view.h"
#include "web/forms.h"
#include "web/locale_format.h"
#include "web/page.h"

namespace ks::cases {
namespace {

constexpr size_t kMaxItemsShown = 100;  // feedback items on the case page

constexpr CallOutcome kOutcomes[] = {CallOutcome::kReached, CallOutcome::kVoicemail, CallOutcome::kNoAnswer};

// A string member of a timeline entry's detail ("" when missing; numbers as written).
std::string Member(const nlohmann::json& detail, const char* name) {
  const auto it = detail.find(name);
  if (it == detail.end()) return "";
  if (it->is_string()) return it->get<std::string>();
  if (it->is_number_integer()) return std::to_string(it->get<std::int64_t>());
  return "";
}

std::string JoinStrings(const nlohmann::json& list) {
  std::string out;
  if (!list.is_array()) return out;
  for (const auto& v : list) {
    if (v.is_string()) out += (out.empty() ? "" : ", ") + v.get<std::string>();
  }
  return out;
}

// What the case page shows besides the case: a refused step with its message and the values entered.
struct StepOutcome {
  std::string form;      // the step's kind name ("note", …) whose form shows `error`
  std::string error;     // near that form
  std::string conflict;  // at the top: the case changed meanwhile
  int status = 200;
};

class CasePages {
 public:
  CasePages(WebAuth& auth, CaseService& service, const Clock& clock) : auth_(auth), service_(service), clock_(clock) {}

  http::Response Page(WebRequest& r, const StepOutcome& outcome) {
    const auto id = ParseId(r.http.path_params.at("id"));
    if (!id) return auth_.NotFound(r);
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto found = GetCase(**c, *id);
    if (!found.ok()) return auth_.Unavailable(r);
    if (!*found || !CanSeeCase(r.actor, **found)) return auth_.NotFound(r);
    const Case& k = **found;
    const Micros now = clock_.Now();
    auto events = ListCaseEvents(**c, k.id);
    auto item_ids = CaseFeedbackIds(**c, k.id);
    if (!events.ok() || !item_ids.ok()) return auth_.Unavailable(r);

    const bool identity = Can(r.actor, Action::kViewCustomerIdentity);
    std::optional<Customer> customer;
    if (k.customer_id && !k.customer_ref.empty()) {
      auto got = GetCustomer(**c, k.customer_ref);
      if (got.ok()) {
        customer = std::move(*got);
      } else if (got.error().code != ErrorCode::kNotFound) {
        return auth_.Unavailable(r);
      }
    }
    const bool contactable = k.customer_id.has_value() && k.customer_consents;
    const bool has_email = customer && customer->email && !customer->email->empty();

    mstch::map body = CaseRow(r, k, now);
    body["title"] = r.messages.Format("cases_case_title", {std::to_string(k.id)});
    body["version"] = std::to_string(k.updated_at);
    body["anonymous"] = !k.customer_id.has_value();
    body["customer_href"] = k.customer_ref.empty() ? std::string() : "/customers/" + web::UrlEncode(k.customer_ref);
    body["consents"] = k.customer_consents;
    body["consent_label"] = r.T(k.customer_consents ? "consent_yes" : "consent_no");
    body["no_consent"] = k.customer_id.has_value() && !k.customer_consents;
    body["identity"] = identity;
    body["email"] = identity && has_email ? *customer->email : std::string();
    body["phone"] = identity && customer && customer->phone ? *customer->phone : std::string();
    body["first_contact_due"] = DateTime(r, k.first_contact_due);
    body["first_contact_at"] = k.first_contact_at ? DateTime(r, *k.first_contact_at) : std::string();
    body["first_contact_late"] =
        k.first_contact_due != kNoDeadline &&
        (k.first_contact_at ? *k.first_contact_at > k.first_contact_due : k.open() && now > k.first_contact_due);
    body["resolution_due"] = DateTime(r, k.resolution_due);
    body["resolved_at"] = k.resolved_at ? DateTime(r, *k.resolved_at) : std::string();
    body["resolution_late"] =
        k.resolution_due != kNoDeadline &&
        (k.resolved_at ? *k.resolved_at > k.resolution_due : k.open() && k.first_contact_at && now > k.resolution_due);
    body["closed_at"] = k.closed_at ? DateTime(r, *k.closed_at) : std::string();
    body["escalation"] =
        TextOr(r, "cases_escalation_" + std::to_string(k.escalation_level), std::to_string(k.escalation_level));
    body["escalated"] = k.escalation_level > 0;
    body["rule"] = k.rule_key;
    body["root_cause"] =
        k.root_cause.empty() ? std::string() : TextOr(r, "cases_root_cause_" + k.root_cause, k.root_cause);
    body["resolution"] = k.resolution;
    body["not_contacted"] =
        k.not_contacted_reason.empty()
            ? std::string()
            : TextOr(r, "cases_not_contacted_" + Slug(k.not_contacted_reason), k.not_contacted_reason);

    auto later_ids = LaterAnswerIds(**c, k, kMaxItemsShown);
    if (!later_ids.ok()) return auth_.Unavailable(r);
    auto items = FeedbackCards(r, **c, *item_ids, kMaxItemsShown);
    auto later = FeedbackCards(r, **c, *later_ids, kMaxItemsShown);
    if (!items || !later) return auth_.Unavailable(r);
    body["items_list"] = std::move(*items);
    body["more_items"] = item_ids->size() > kMaxItemsShown;
    body["later_list"] = std::move(*later);
    body["has_later"] = !later_ids->empty();
    body["exit"] = k.kind == "exit";

    mstch::array timeline;
    for (const auto& e : *events) timeline.push_back(EventView(r, e, identity));
    body["timeline"] = timeline;

    AddForms(r, **c, k, contactable, has_email, outcome, body);
    body["conflict"] = outcome.conflict;
    body["step_error"] = outcome.error;
    body["step_error_form"] = outcome.form;
    const std::string form_key = outcome.form == "start_work" ? "start_form" : outcome.form + "_form";
    body["step_form_shown"] = !outcome.form.empty() && body.contains(form_key);
    return auth_.Render(r, r.messages.Format("cases_case_title", {std::to_string(k.id)}), "cases_case", std::move(body),
                        outcome.status);
  }

  // GET /cases/feedback/{id}: the case holding that item; GET /cases/exit/{id}: the customer's newest
  // exit case (the links in mails and webhooks, written before the case had its number).
  using CaseLookup = Result<std::optional<std::int64_t>> (*)(db::Connection&, std::int64_t);
  http::Response Found(WebRequest& r, CaseLookup lookup) {
    const auto key = ParseId(r.http.path_params.at("id"));
    if (!key) return auth_.NotFound(r);
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto case_id = lookup(**c, *key);
    if (!case_id.ok()) return auth_.Unavailable(r);
    if (!*case_id) return auth_.NotFound(r);
    auto found = GetCase(**c, **case_id);
    if (!found.ok()) return auth_.Unavailable(r);
    if (!*found || !CanSeeCase(r.actor, **found)) return auth_.NotFound(r);
    return web::Redirect(r.http, "/cases/" + std::to_string(**case_id));
  }

  // POST /cases/{id}/{step}: one step of working the case, then back to the case (post/redirect/get).
  http::Response Step(WebRequest& r, CaseStep::Kind kind) {
    const auto id = ParseId(r.http.path_params.at("id"));
    if (!id) return auth_.NotFound(r);
    const std::string kind_name(StepKindName(kind));
    const auto refuse = [&](const std::string& message) { return Page(r, StepOutcome{kind_name, message, "", 400}); };
    CaseStep step;
    step.kind = kind;
    switch (kind) {
      case CaseStep::Kind::kNote:
      case CaseStep::Kind::kReopen: step.text = web::FormValue(r.form, "text"); break;
      case CaseStep::Kind::kCall: {
        const auto outcome = ParseCallOutcome(web::FormValue(r.form, "outcome"));
        if (!outcome) return refuse(r.T("cases_error_outcome"));
        step.outcome = *outcome;
        step.text = web::FormValue(r.form, "text");
        break;
      }
      case CaseStep::Kind::kEmail:
        step.subject = web::FormValue(r.form, "subject");
        step.text = web::FormValue(r.form, "text");
        break;
      case CaseStep::Kind::kStartWork: break;
      case CaseStep::Kind::kResolve: step.resolution = web::FormValue(r.form, "resolution"); break;
      case CaseStep::Kind::kClose:
        step.root_cause = web::FormValue(r.form, "root_cause");
        step.resolution = web::FormValue(r.form, "resolution");
        step.recovery_survey = web::FormValue(r.form, "recovery_survey") == "1";
        break;
      case CaseStep::Kind::kAssign: {
        const auto to = ParseId(web::FormValue(r.form, "assign_to"));
        if (!to) return refuse(r.T("cases_error_assign_to"));
        step.assign_to = *to;
        break;
      }
    }
    // The form carries the version of the case it was shown with: a step on a case that changed since
    // (someone else's step) is refused rather than taken on what the person did not see.
    if (const std::string version = web::FormValue(r.form, "version"); !version.empty()) {
      auto c = auth_.pool().Acquire();
      if (!c.ok()) return auth_.Unavailable(r);
      auto found = GetCase(**c, *id);
      if (!found.ok()) return auth_.Unavailable(r);
      if (!*found || !CanSeeCase(r.actor, **found)) return auth_.NotFound(r);
      if (version != std::to_string((*found)->updated_at)) return Conflict(r);
    }
    const CaseWorker worker{r.actor, r.session ? r.session->user.name : std::string()};
    auto taken = service_.Take(worker, *id, step, r.settings.name);
    if (taken.ok()) return web::Redirect(r.http, "/cases/" + std::to_string(*id));
    const Error& e = taken.error();
    switch (e.code) {
      case ErrorCode::kInvalidArgument: return refuse(FieldMessage(r, e));
      case ErrorCode::kConflict: return Conflict(r);
      case ErrorCode::kNotFound: return auth_.NotFound(r);
      case ErrorCode::kPermissionDenied: return auth_.Forbidden(r);
      default: return auth_.Unavailable(r);
    }
  }

 private:
  http::Response Conflict(WebRequest& r) { return Page(r, StepOutcome{"", "", r.T("cases_conflict"), 409}); }

  // "Subject: the subject is required" with the field's name in the page's language.
  static std::string FieldMessage(const WebRequest& r, const Error& e) {
    if (e.field.empty()) return e.message;
    return TextOr(r, "cases_field_" + e.field, e.field) + ": " + e.message;
  }

  // "no consent" → "no_consent" (catalogue keys).
  static std::string Slug(std::string s) {
    std::replace(s.begin(), s.end(), ' ', '_');
    return s;
  }

  static mstch::map EventView(const WebRequest& r, const CaseEvent& e, bool identity) {
    auto detail = nlohmann::json::parse(e.detail, nullptr, false);
    if (!detail.is_object()) detail = nlohmann::json::object();
    std::string who = e.user_name;
    if (who.empty()) who = Member(detail, "by");
    if (who.empty()) who = r.T("cases_by_klantstem");
    mstch::array lines;
    const auto line = [&lines](const std::string& label, const std::string& value) {
      if (!value.empty()) lines.push_back(mstch::map{{"label", label}, {"value", value}});
    };
    std::string title = TextOr(r, "cases_event_" + e.kind, e.kind);
    std::string body;
    std::string feedback_href;
    // Entries written before 2026-11-29 kept the states as "from" and "to".
    const std::string from = detail.contains("from_state") ? Member(detail, "from_state") : Member(detail, "from");
    const std::string to_state = detail.contains("to_state") ? Member(detail, "to_state") : Member(detail, "to");
    const auto state_line = [&]() {
      if (from.empty() || to_state.empty()) return;
      const auto state_text = [&r](const std::string& s) { return TextOr(r, "cases_state_" + s, s); };
      line(r.T("cases_state"), state_text(from) + " → " + state_text(to_state));
    };
    if (e.kind == "opened" || e.kind == "joined") {
      feedback_href = Member(detail, "feedback_id").empty() ? "" : "/feedback/" + Member(detail, "feedback_id");
      line(r.T("cases_rules"), JoinStrings(detail.value("rules", nlohmann::json::array())));
      if (const std::string p = Member(detail, "priority"); !p.empty()) {
        line(r.T("cases_priority"), TextOr(r, "cases_priority_" + p, p));
      }
      if (detail.contains("owner")) {
        const std::string owner = Member(detail, "owner");
        line(r.T("cases_owner"), owner.empty() || owner == kUnassignedQueue ? QueueLabel(r, owner) : owner);
      }
    } else if (e.kind == "note") {
      body = Member(detail, "text");
    } else if (e.kind == "call") {
      const std::string outcome = Member(detail, "outcome");
      title = r.messages.Format("cases_event_call_outcome", {TextOr(r, "cases_outcome_" + outcome, outcome)});
      body = Member(detail, "text");
      state_line();
    } else if (e.kind == "email") {
      if (identity) line(r.T("cases_email_to"), Member(detail, "to"));
      line(r.T("cases_email_subject"), Member(detail, "subject"));
      if (const std::string language = Member(detail, "language"); !language.empty()) {
        line(r.T("language"), TextOr(r, "language_" + language, language));
      }
      body = Member(detail, "text");
      state_line();
    } else if (e.kind == "escalated") {
      const std::string level = Member(detail, "level");
      title = r.messages.Format("cases_event_escalated_level", {level});
      line(r.T("cases_escalation"), TextOr(r, "cases_escalation_" + level, level));
      line(r.T("cases_escalated_to"), JoinStrings(detail.value("to", nlohmann::json::array())));
      if (const auto due = detail.find("due"); due != detail.end() && due->is_number_integer()) {
        line(r.T("cases_deadline_was"), DateTime(r, due->get<Micros>()));
      }
    } else if (e.kind == "assign" || e.kind == "assigned") {
      line(r.T("cases_assigned_to"), Member(detail, "to"));
    } else {
      // State changes: start_work, resolve, close, reopen (and "state" entries).
      state_line();
      if (const std::string cause = Member(detail, "root_cause"); !cause.empty()) {
        line(r.T("cases_root_cause"), TextOr(r, "cases_root_cause_" + cause, cause));
      }
      line(r.T("cases_resolution"), Member(detail, "resolution"));
      line(r.T("cases_recovery_surveys_sent"), JoinStrings(detail.value("recovery_surveys", nlohmann::json::array())));
      if (const std::string reason = Member(detail, "not_contacted"); !reason.empty()) {
        line(r.T("cases_not_contacted"), TextOr(r, "cases_not_contacted_" + Slug(reason), reason));
      }
      if (e.kind == "not_contacted") line(r.T("cases_not_contacted"), Member(detail, "reason"));
      body = Member(detail, "text");
    }
    return mstch::map{{"id", std::to_string(e.id)},
                      {"kind", e.kind},
                      {"title", title},
                      {"who", who},
                      {"at", web::FormatDateTime(e.at, r.zone, r.language())},
                      {"lines", lines},
                      {"has_lines", !lines.empty()},
                      {"body", body},
                      {"feedback_href", feedback_href}};
  }

  // The forms of the steps the case allows now, each with its error and values after a refused step.
  void AddForms(const WebRequest& r, db::Connection& c, const Case& k, bool contactable, bool has_email,
                const StepOutcome& outcome, mstch::map& body) {
    const auto allowed = AllowedActions(k.state);
    const auto allows = [&allowed](CaseAction a) {
      return std::find(allowed.begin(), allowed.end(), a) != allowed.end();
    };
    const auto form = [&](const std::string& kind) {
      const bool refused = outcome.form == kind && !outcome.error.empty();
      const auto value = [&](const std::string& field) {
        return refused ? web::FormValue(r.form, field) : std::string();
      };
      return mstch::map{{"error", refused ? outcome.error : std::string()},
                        {"text", value("text")},
                        {"subject", value("subject")},
                        {"resolution", value("resolution")}};
    };
    body["note_form"] = form("note");
    const bool can_contact = k.open() && allows(CaseAction::kRecordContact);
    body["contact_blocked"] = can_contact && !contactable;
    if (can_contact && contactable) {
      mstch::map call = form("call");
      const std::string chosen = outcome.form == "call" ? web::FormValue(r.form, "outcome") : "reached";
      call["outcomes"] = Options(kOutcomes, chosen, CallOutcomeName, [&r](CallOutcome o) {
        return r.T("cases_outcome_" + std::string(CallOutcomeName(o)));
      });
      body["call_form"] = call;
      if (has_email) {
        body["email_form"] = form("email");
      } else {
        body["no_email"] = true;
      }
    }
    if (allows(CaseAction::kStartWork) && k.state != CaseState::kInProgress) body["start_form"] = form("start_work");
    if (allows(CaseAction::kResolve)) body["resolve_form"] = form("resolve");
    if (allows(CaseAction::kClose)) {
      mstch::map close = form("close");
      if (outcome.form != "close") close["resolution"] = k.resolution;  // what resolving recorded
      const std::string chosen = outcome.form == "close" ? web::FormValue(r.form, "root_cause") : k.root_cause;
      close["root_causes"] = Options(
          kRootCauses, chosen, [](std::string_view s) { return std::string(s); },
          [&r](std::string_view s) { return r.T("cases_root_cause_" + std::string(s)); });
      // Closing needs a recorded contact unless the customer cannot be contacted.
      close["needs_contact"] = contactable && !k.first_contact_at;
      close["has_customer"] = k.customer_id.has_value();
      body["close_form"] = close;
    }
    if (allows(CaseAction::kReopen)) body["reopen_form"] = form("reopen");
    if (r.actor.role != Role::kEmployee && k.state != CaseState::kClosed) {
      auto users = c.Query("SELECT id, name, role FROM users WHERE active = 1 ORDER BY name, id");
      if (users.ok()) {
        mstch::array options;
        for (const auto& row : users->rows) {
          const std::int64_t id = db::AsInt(row[0]);
          options.push_back(
              mstch::map{{"value", std::to_string(id)},
                         {"label", fmt::format("{} ({})", db::AsText(row[1]), r.T("role_" + db::AsText(row[2])))},
                         {"selected", k.owner_user_id && *k.owner_user_id == id}});
        }
        mstch::map assign = form("assign");
        assign["users"] = options;
        body["assign_form"] = assign;
      }
    }
  }

  WebAuth& auth_;
  CaseService& service_;
  const Clock& clock_;
};

}  // namespace

void AddCasePages(http::Router& router, WebAuth& auth, CaseService& service, const Clock& clock) {
  auto pages = std::make_shared<CasePages>(auth, service, clock);
  AddCaseListPage(router, auth, clock);
  router.Add("GET", "/cases/feedback/{id}",
             auth.Page([pages](WebRequest& r) { return pages->Found(r, CaseOfFeedback); }));
  router.Add("GET", "/cases/exit/{id}",
             auth.Page([pages](WebRequest& r) { return pages->Found(r, ExitCaseOfCustomer); }));
  router.Add("GET", "/cases/{id}", auth.Page([pages](WebRequest& r) { return pages->Page(r, StepOutcome{}); }));
  for (CaseStep::Kind kind :
       {CaseStep::Kind::kNote, CaseStep::Kind::kCall, CaseStep::Kind::kEmail, CaseStep::Kind::kStartWork,
        CaseStep::Kind::kResolve, CaseStep::Kind::kClose, CaseStep::Kind::kReopen, CaseStep::Kind::kAssign}) {
    router.Add("POST", "/cases/{id}/" + std::string(StepKindName(kind)),
               auth.Page([pages, kind](WebRequest& r) { return pages->Step(r, kind); }));
  }
}

}  // namespace ks::cases
