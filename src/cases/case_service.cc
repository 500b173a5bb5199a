#include "cases/case_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <nlohmann/json.hpp>

#include "base/strings.h"
#include "base/time.h"
#include "cases/case_mail.h"
#include "notify/outbox.h"
#include "notify/webhooks.h"
#include "surveys/touchpoint_service.h"

namespace ks::cases {
namespace {

using db::Value;

constexpr std::pair<CaseStep::Kind, std::string_view> kStepNames[] = {
    {CaseStep::Kind::kNote, "note"},       {CaseStep::Kind::kCall, "call"},
    {CaseStep::Kind::kEmail, "email"},     {CaseStep::Kind::kStartWork, "start_work"},
    {CaseStep::Kind::kResolve, "resolve"}, {CaseStep::Kind::kClose, "close"},
    {CaseStep::Kind::kReopen, "reopen"},   {CaseStep::Kind::kAssign, "assign"},
};

Result<std::string> RequiredText(const std::string& value, std::string_view field, std::string_view what) {
  const std::string trimmed(Trim(value));
  if (trimmed.empty()) return Error::Invalid(std::string(field), std::string(what) + " is required");
  if (trimmed.size() > kMaxStepText) {
    return Error::Invalid(std::string(field), fmt::format("is longer than {} bytes", kMaxStepText));
  }
  if (!IsValidUtf8(trimmed)) return Error::Invalid(std::string(field), "is not valid UTF-8");
  return trimmed;
}

// The customer's contact details, for calls and e-mails.
struct Contact {
  std::string email, name, language;
};

Result<Contact> CustomerContact(db::Connection& c, const Case& k) {
  if (!k.customer_id) return Error::Invalid("customer", "the feedback is anonymous: there is nobody to contact");
  if (!k.customer_consents) {
    return Error::Invalid("customer", "the customer did not agree to be contacted (not contacted: no consent)");
  }
  KS_ASSIGN_OR_RETURN(db::Rows rows,
                      c.Query("SELECT COALESCE(email, ''), COALESCE(name, ''), COALESCE(language, '') FROM customers "
                              "WHERE id = $1",
                              {*k.customer_id}));
  if (rows.empty()) return Error::Invalid("customer", "the customer no longer exists");
  const auto& r = rows.rows[0];
  return Contact{db::AsText(r[0]), db::AsText(r[1]), db::AsText(r[2])};
}

// What one step changes: the case's columns to set (name → value), its timeline entry, and a mail.
struct Change {
  std::vector<std::pair<std::string, Value>> set;
  std::string event_kind;
  nlohmann::json detail = nlohmann::json::object();
  std::optional<notify::Mail> mail;
  std::vector<db::Statement> also;  // more statements of the same transaction
};

Result<void> MoveTo(const Case& k, CaseAction action, const ActionDetails& details, Change& change) {
  auto next = Transition(k.state, action, details);
  if (!next.ok()) return Error::Invalid("action", next.error().message);
  if (*next == k.state) return Ok();
  change.set.emplace_back("state", std::string(CaseStateName(*next)));
  // Not "from"/"to": an e-mail's "to" is its recipient.
  change.detail["from_state"] = CaseStateName(k.state);
  change.detail["to_state"] = CaseStateName(*next);
  return Ok();
}

// A call answered or an e-mail sent: the customer was contacted (which also ends their being quiet,
// quiet_customers.h).
Result<void> RecordContact(const Case& k, Micros now, Change& change) {
  if (k.customer_id) {
    change.also.push_back({"UPDATE customers SET last_contact_at = $1 WHERE id = $2", {now, *k.customer_id}});
  }
  if (!k.first_contact_at) {
    change.set.emplace_back("first_contact_at", now);
    // The deadline that matters is now the resolution's: its escalations start again.
    change.set.emplace_back("escalation_level", std::int64_t{0});
  }
  return MoveTo(k, CaseAction::kRecordContact, {}, change);
}

}  // namespace

bool CanSeeCase(const Actor& actor, const Case& c) {
  if (c.owner_user_id && *c.owner_user_id == actor.user_id) return true;
  switch (actor.role) {
    case Role::kAdmin:
    case Role::kCoordinator:
    case Role::kExecutive: return true;
    case Role::kManager: return c.unit_id && actor.InScope(c.unit_id);
    case Role::kEmployee: return false;
  }
  return false;
}

void RestrictToVisible(const Actor& actor, CaseFilter& filter) {
  switch (actor.role) {
    case Role::kAdmin:
    case Role::kCoordinator:
    case Role::kExecutive: return;
    case Role::kManager:
      filter.unit_scope = actor.unit_scope;
      filter.visible_owner = actor.user_id;
      return;
    case Role::kEmployee: filter.visible_owner = actor.user_id; return;
  }
}

std::string_view CallOutcomeName(CallOutcome outcome) {
  switch (outcome) {
    case CallOutcome::kReached: return "reached";
    case CallOutcome::kVoicemail: return "voicemail";
    case CallOutcome::kNoAnswer: return "no_answer";
  }
  return "";
}

std::optional<CallOutcome> ParseCallOutcome(std::string_view name) {
  for (CallOutcome o : {CallOutcome::kReached, CallOutcome::kVoicemail, CallOutcome::kNoAnswer}) {
    if (CallOutcomeName(o) == name) return o;
  }
  return std::nullopt;
}

std::string_view StepKindName(CaseStep::Kind kind) {
  for (const auto& [k, name] : kStepNames) {
    if (k == kind) return name;
  }
  return "";
}

std::optional<CaseStep::Kind> ParseStepKind(std::string_view name) {
  for (const auto& [k, n] : kStepNames) {
    if (n == name) return k;
  }
  return std::nullopt;
}

Result<Case> CaseService::Take(const CaseWorker& worker, std::int64_t case_id, const CaseStep& step,
                               const std::string& organisation_name) {
  KS_ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  KS_ASSIGN_OR_RETURN(auto found, GetCase(*c, case_id));
  if (!found || !CanSeeCase(worker.actor, *found)) {
    return Error::NotFound("case " + std::to_string(case_id) + " does not exist");
  }
  const Case& k = *found;
  const Micros now = clock_.Now();
  Change change;
  change.event_kind = StepKindName(step.kind);
  switch (step.kind) {
    case CaseStep::Kind::kNote: {
      KS_ASSIGN_OR_RETURN(change.detail["text"], RequiredText(step.text, "text", "the note"));
      break;
    }
    case CaseStep::Kind::kCall: {
      if (!k.open()) return Error::Invalid("action", "the case is closed: reopen it first");
      if (auto contact = CustomerContact(*c, k); !contact.ok()) return contact.error();
      change.detail["outcome"] = CallOutcomeName(step.outcome);
      if (auto text = std::string(Trim(step.text)); !text.empty()) {
        KS_ASSIGN_OR_RETURN(change.detail["text"], RequiredText(text, "text", "the summary"));
      }
      if (step.outcome == CallOutcome::kReached) KS_RETURN_IF_ERROR(RecordContact(k, now, change));
      break;
    }
    case CaseStep::Kind::kEmail: {
      if (!k.open()) return Error::Invalid("action", "the case is closed: reopen it first");
      KS_ASSIGN_OR_RETURN(Contact contact, CustomerContact(*c, k));
      if (contact.email.empty()) return Error::Invalid("customer", "the customer has no e-mail address");
      KS_ASSIGN_OR_RETURN(std::string subject, RequiredText(step.subject, "subject", "the subject"));
      if (subject.find('\n') != std::string::npos) return Error::Invalid("subject", "must be one line");
      KS_ASSIGN_OR_RETURN(std::string body, RequiredText(step.text, "text", "the message"));
      KS_ASSIGN_OR_RETURN(change.mail, CustomerMail(contact.email, contact.name, contact.language, subject, body,
                                                    worker.name, organisation_name));
      change.mail->kind = "cases.customer";
      change.detail = {{"to", contact.email}, {"subject", subject}, {"text", body}, {"language", contact.language}};
      KS_RETURN_IF_ERROR(RecordContact(k, now, change));
      break;
    }
    case CaseStep::Kind::kStartWork: KS_RETURN_IF_ERROR(MoveTo(k, CaseAction::kStartWork, {}, change)); break;
    case CaseStep::Kind::kResolve: {
      KS_ASSIGN_OR_RETURN(std::string resolution, RequiredText(step.resolution, "resolution", "the resolution"));
      ActionDetails details;
      details.resolution = resolution;
      KS_RETURN_IF_ERROR(MoveTo(k, CaseAction::kResolve, details, change));
      change.set.emplace_back("resolution", resolution);
      change.set.emplace_back("resolved_at", now);
      change.detail["resolution"] = resolution;
      break;
    }
    case CaseStep::Kind::kClose: {
      const std::string resolution = !Trim(step.resolution).empty() ? step.resolution : k.resolution;
      KS_ASSIGN_OR_RETURN(std::string checked, RequiredText(resolution, "resolution", "the resolution"));
      if (std::find(std::begin(kRootCauses), std::end(kRootCauses), step.root_cause) == std::end(kRootCauses)) {
        return Error::Invalid("root_cause", step.root_cause.empty() ? "the root cause is required"
                                                                    : "'" + step.root_cause + "' is not a root cause");
      }
      const bool no_consent = !k.customer_id || !k.customer_consents;
      ActionDetails details{checked, step.root_cause, no_consent, k.first_contact_at.has_value()};
      KS_RETURN_IF_ERROR(MoveTo(k, CaseAction::kClose, details, change));
      change.set.emplace_back("resolution", checked);
      change.set.emplace_back("root_cause", step.root_cause);
      change.set.emplace_back("closed_at", now);
      if (!k.resolved_at) change.set.emplace_back("resolved_at", now);
      if (!k.first_contact_at) {
        change.set.emplace_back("not_contacted_reason", std::string("no consent"));
        change.detail["not_contacted"] = "no consent";
      }
      change.detail["resolution"] = checked;
      change.detail["root_cause"] = step.root_cause;
      const auto time = [](std::optional<Micros> t) {
        return t ? nlohmann::json(FormatRfc3339(*t)) : nlohmann::json();
      };
      const nlohmann::json data = {
          {"case_id", k.id},
          {"url", fmt::format("{}/cases/{}", base_url_, k.id)},
          {"priority", PriorityName(k.priority)},
          {"unit", k.unit_id ? nlohmann::json{{"code", k.unit_code}, {"name", k.unit_name}} : nlohmann::json()},
          {"root_cause", step.root_cause},
          {"resolution", checked},
          {"not_contacted", k.first_contact_at ? nlohmann::json() : nlohmann::json("no consent")},
          {"opened_at", FormatRfc3339(k.opened_at)},
          {"first_contact_at", time(k.first_contact_at)},
          {"closed_at", FormatRfc3339(now)},
          {"closed_by",
           {{"user_id", worker.actor.user_id > 0 ? nlohmann::json(worker.actor.user_id) : nlohmann::json()},
            {"name", worker.name}}}};
      for (db::Statement& s : notify::WebhookEventStatements("case.closed", data, now))
        change.also.push_back(std::move(s));
      if (step.recovery_survey && k.customer_id) {
        KS_ASSIGN_OR_RETURN(auto recovery, surveys::FollowUpTouchpointStatements(
                                               *c, *k.customer_id, k.unit_id, surveys::kCaseClosedTouchpoint,
                                               "case-closed:" + std::to_string(k.id), now));
        if (!recovery.surveys.empty()) change.detail["recovery_surveys"] = recovery.surveys;
        for (db::Statement& s : recovery.statements) change.also.push_back(std::move(s));
      }
      break;
    }
    case CaseStep::Kind::kReopen: {
      KS_ASSIGN_OR_RETURN(std::string why, RequiredText(step.text, "text", "why it is reopened"));
      KS_RETURN_IF_ERROR(MoveTo(k, CaseAction::kReopen, {}, change));
      change.set.emplace_back("closed_at", nullptr);
      change.set.emplace_back("resolved_at", nullptr);
      change.detail["text"] = why;
      break;
    }
    case CaseStep::Kind::kAssign: {
      if (worker.actor.role == Role::kEmployee) {
        return Error::PermissionDenied("employees cannot hand a case to someone else");
      }
      KS_ASSIGN_OR_RETURN(auto user, FindUser(*c, step.assign_to));
      if (!user) return Error::Invalid("assign_to", "no active user has id " + std::to_string(step.assign_to));
      change.set.emplace_back("owner_user_id", *user->user_id);
      change.set.emplace_back("owner_queue", nullptr);
      change.detail = {{"to", user->name}, {"to_user_id", *user->user_id}};
      break;
    }
  }

  if (worker.actor.user_id == 0) change.detail["by"] = worker.name;  // an API key, not a person

  // The update is conditional on the case being as it was read; otherwise someone else was faster.
  std::vector<Value> params = {now, case_id, k.updated_at};
  std::string set = "updated_at = $1";
  for (auto& [column, value] : change.set) {
    params.push_back(std::move(value));
    set += fmt::format(", {} = ${}", column, params.size());
  }
  std::vector<db::Statement> statements = {
      {"UPDATE cases SET " + set + " WHERE id = $2 AND updated_at = $3 RETURNING id", std::move(params)},
      {"INSERT INTO case_events (case_id, kind, user_id, detail, at) VALUES ($1, $2, $3, $4, $5)",
       {case_id, change.event_kind, worker.actor.user_id > 0 ? Value(worker.actor.user_id) : Value(nullptr),
        change.detail.dump(), now}}};
  if (change.mail) statements.push_back(notify::OutboxInsertStatement(*change.mail, now));
  for (db::Statement& s : change.also) statements.push_back(std::move(s));
  KS_ASSIGN_OR_RETURN(bool written, c->TransactIfFirstReturns(statements));
  if (!written) return Error::Conflict("the case was changed by someone else meanwhile: reload it and try again");
  KS_ASSIGN_OR_RETURN(auto after, GetCase(*c, case_id));
  if (!after) return Error::Internal("case " + std::to_string(case_id) + " disappeared");
  return *after;
}

}  // namespace ks::cases
