#include "actions/action_service.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "accounts/organisation_settings.h"
#include "actions/action_mail.h"
#include "actions/action_store.h"
#include "analytics/events.h"
#include "base/strings.h"
#include "base/time.h"
#include "db/transaction.h"
#include "notify/outbox.h"

namespace ks::actions {
namespace {

using db::AsInt;
using db::AsOptionalInt;
using db::AsText;
using db::Value;

Value UserValue(const ActionWorker& worker) {
  return worker.actor.user_id > 0 ? Value(worker.actor.user_id) : Value(nullptr);
}

Result<std::string> CheckedText(const std::string& value, std::string_view field, size_t max, bool required,
                                std::string_view what) {
  std::string trimmed(Trim(value));
  if (required && trimmed.empty()) return Error::Invalid(std::string(field), std::string(what) + " is required");
  if (trimmed.size() > max) return Error::Invalid(std::string(field), fmt::format("is longer than {} bytes", max));
  if (!IsValidUtf8(trimmed)) return Error::Invalid(std::string(field), "is not valid UTF-8");
  return trimmed;
}

// The columns of a plan as the input sets them, checked.
struct CheckedInput {
  std::string title, description, due_date;
  Value owner = nullptr, unit = nullptr;
};

Result<CheckedInput> Check(db::Connection& c, const ActionInput& in) {
  CheckedInput out;
  KS_ASSIGN_OR_RETURN(out.title, CheckedText(in.title, "title", kMaxTitle, true, "the title"));
  if (out.title.find('\n') != std::string::npos) return Error::Invalid("title", "must be one line");
  KS_ASSIGN_OR_RETURN(out.description,
                      CheckedText(in.description, "description", kMaxActionText, false, "the description"));
  if (in.owner_user_id) {
    KS_ASSIGN_OR_RETURN(db::Rows rows,
                        c.Query("SELECT id FROM users WHERE id = $1 AND active = 1", {*in.owner_user_id}));
    if (rows.empty()) {
      return Error::Invalid("owner_user_id", "no active user has id " + std::to_string(*in.owner_user_id));
    }
    out.owner = *in.owner_user_id;
  }
  if (const std::string unit(Trim(in.unit)); !unit.empty()) {
    KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT id FROM units WHERE code = $1", {unit}));
    if (rows.empty()) return Error::Invalid("unit", "no unit with code '" + Excerpt(unit, 60) + "'");
    out.unit = rows.rows[0][0];
  }
  if (const std::string due(Trim(in.due_date)); !due.empty()) {
    if (due.size() != 10 || !ParseRfc3339(due).ok()) {
      return Error::Invalid("due_date", "'" + Excerpt(due, 40) + "' is not a date like \"2027-03-31\" (YYYY-MM-DD)");
    }
    out.due_date = due;
  }
  return out;
}

bool MayManage(const ActionWorker& worker) { return Can(worker.actor, Action::kManageActions); }

Result<void> RequireManage(const ActionWorker& worker) {
  if (!MayManage(worker)) return Error::PermissionDenied("only coordinators and admins manage action plans");
  return Ok();
}

// Managers of actions and the plan's owner may work on it (start, finish, notes).
Result<void> RequireWork(const ActionWorker& worker, const ActionPlan& plan) {
  if (MayManage(worker)) return Ok();
  if (plan.owner_user_id && *plan.owner_user_id == worker.actor.user_id && worker.actor.user_id > 0) return Ok();
  return Error::PermissionDenied("only the plan's owner, coordinators and admins work on an action plan");
}

Result<ActionPlan> Load(db::Connection& c, std::int64_t id) {
  KS_ASSIGN_OR_RETURN(auto plan, GetAction(c, id));
  if (!plan) return Error::NotFound("action plan " + std::to_string(id) + " does not exist");
  return *plan;
}

Result<void> AddEvent(db::Connection& c, std::int64_t action_id, std::string_view kind, const ActionWorker& worker,
                      nlohmann::json detail, Micros now) {
  if (worker.actor.user_id == 0) detail["by"] = worker.name;  // an API key, not a person
  return c.Exec("INSERT INTO action_events (action_id, kind, user_id, detail, at) VALUES ($1, $2, $3, $4, $5)",
                {action_id, std::string(kind), UserValue(worker), detail.dump(), now});
}

// Marks the plan changed, guarded by the time it was read: false when someone else changed it meanwhile.
Result<void> Touch(db::Connection& c, const ActionPlan& plan, const std::string& set, std::vector<Value> params,
                   Micros now) {
  params.insert(params.begin(), {now, plan.id, plan.updated_at});
  KS_ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("UPDATE actions SET updated_at = $1" + set + " WHERE id = $2 AND updated_at = $3 RETURNING id", params));
  if (rows.empty())
    return Error::Conflict("the action plan was changed by someone else meanwhile: reload it and try again");
  return Ok();
}

// Links `ids` to `plan`: each must exist and be linked to no other plan. Returns how many were new.
Result<size_t> LinkItems(db::Connection& c, const ActionPlan& plan, const std::vector<std::int64_t>& ids,
                         const ActionWorker& worker, Micros now) {
  size_t added = 0;
  std::set<std::int64_t> seen;
  for (size_t i = 0; i < ids.size(); ++i) {
    const std::string field = fmt::format("feedback_ids[{}]", i);
    if (!seen.insert(ids[i]).second) continue;
    KS_ASSIGN_OR_RETURN(
        db::Rows found,
        c.Query("SELECT f.id, ai.action_id FROM feedback f LEFT JOIN action_items ai ON ai.feedback_id = "
                "f.id WHERE f.id = $1",
                {ids[i]}));
    if (found.empty()) return Error::Invalid(field, "feedback item " + std::to_string(ids[i]) + " does not exist");
    if (const auto other = AsOptionalInt(found.rows[0][1])) {
      if (*other == plan.id) continue;
      return Error{ErrorCode::kConflict,
                   fmt::format("feedback item {} is already linked to action plan {}", ids[i], *other), field};
    }
    KS_RETURN_IF_ERROR(
        c.Exec("INSERT INTO action_items (feedback_id, action_id, linked_by, linked_at) VALUES ($1, $2, $3, $4)",
               {ids[i], plan.id, UserValue(worker), now}));
    KS_RETURN_IF_ERROR(
        c.Exec("INSERT INTO feedback_triage (feedback_id, outcome, user_id, at) VALUES ($1, 'linked', $2, $3) "
               "ON CONFLICT (feedback_id) DO UPDATE SET outcome = 'linked', reason = NULL, merged_into = NULL, "
               "user_id = excluded.user_id, at = excluded.at",
               {ids[i], UserValue(worker), now}));
    ++added;
  }
  return added;
}

// One linked item whose customer has not yet been told this milestone of this decision.
struct Untold {
  std::int64_t feedback_id = 0;
  std::string source, said, item_language;
  std::optional<std::int64_t> customer_id, reported_by;
  Addressee customer;
  bool customer_consents = false;  // the customer's own consent
  nlohmann::json attributes;
};

Result<std::vector<Untold>> ReadUntold(db::Connection& c, const ActionPlan& plan, std::string_view milestone) {
  KS_ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query(
          "SELECT f.id, f.source, COALESCE(f.text, ''), COALESCE(f.language, ''), f.customer_id, f.reported_by, "
          "COALESCE(cu.email, ''), COALESCE(cu.name, ''), COALESCE(cu.language, ''), COALESCE(cu.consent_contact, 0), "
          "f.attributes FROM action_items ai JOIN feedback f ON f.id = ai.feedback_id "
          "LEFT JOIN customers cu ON cu.id = f.customer_id WHERE ai.action_id = $1 AND NOT EXISTS (SELECT 1 FROM "
          "action_messages m WHERE m.action_id = ai.action_id AND m.feedback_id = f.id AND m.milestone = $2 AND "
          "m.decision = $3) ORDER BY f.id",
          {plan.id, std::string(milestone), std::string(DecisionName(*plan.decision))}));
  std::vector<Untold> out;
  for (const auto& r : rows.rows) {
    Untold u;
    u.feedback_id = AsInt(r[0]);
    u.source = AsText(r[1]);
    u.said = AsText(r[2]);
    u.item_language = AsText(r[3]);
    u.customer_id = AsOptionalInt(r[4]);
    u.reported_by = AsOptionalInt(r[5]);
    u.customer = Addressee{AsText(r[6]), AsText(r[7]), AsText(r[8])};
    u.customer_consents = AsInt(r[9]) != 0;
    u.attributes = nlohmann::json::parse(AsText(r[10]), nullptr, false);
    out.push_back(std::move(u));
  }
  return out;
}

std::string Attribute(const nlohmann::json& attributes, const char* key) {
  if (!attributes.is_object() || !attributes.contains(key) || !attributes[key].is_string()) return "";
  return attributes[key].get<std::string>();
}

// Tells every linked customer not yet told `milestone` of the plan's decision: a mail when they may be
// contacted and have an address, else a task for the colleague who heard them (when they agreed to
// hear back), else nobody. Returns the counts per way, for the timeline.
Result<nlohmann::json> Tell(db::Connection& c, const ActionPlan& plan, std::string_view milestone, Micros now,
                            const std::string& base_url) {
  KS_ASSIGN_OR_RETURN(std::vector<Untold> untold, ReadUntold(c, plan, milestone));
  std::map<std::string, int> counts;
  if (untold.empty()) return nlohmann::json(counts);
  KS_ASSIGN_OR_RETURN(OrganisationSettings settings, LoadSettings(c));
  for (Untold& u : untold) {
    const bool employee_consent = u.source == "employee" && Attribute(u.attributes, "contact_consent") == "yes";
    const bool may_contact = u.customer_consents || employee_consent;
    std::string how = "nobody";
    Value told_at = nullptr, colleague = nullptr;
    if (may_contact && u.customer_id && !u.customer.email.empty()) {
      if (u.customer.language.empty()) {
        u.customer.language = !u.item_language.empty() ? u.item_language : settings.default_language;
      }
      KS_ASSIGN_OR_RETURN(notify::Mail mail, CustomerMail(u.customer, plan, milestone, u.said, settings.name));
      const db::Statement queued = notify::OutboxInsertStatement(mail, now);
      KS_RETURN_IF_ERROR(c.Query(queued.sql, queued.params));
      how = "mail";
      told_at = now;
    } else if (employee_consent && u.reported_by) {
      KS_ASSIGN_OR_RETURN(db::Rows users, c.Query("SELECT COALESCE(email, ''), name, COALESCE(language, '') FROM users "
                                                  "WHERE id = $1 AND active = 1",
                                                  {*u.reported_by}));
      if (!users.empty()) {
        how = "colleague";
        colleague = *u.reported_by;
        const Addressee to{AsText(users.rows[0][0]), AsText(users.rows[0][1]), AsText(users.rows[0][2])};
        std::string customer = u.customer.name.empty() ? Attribute(u.attributes, "customer_name") : u.customer.name;
        if (!to.email.empty()) {
          KS_ASSIGN_OR_RETURN(notify::Mail mail, TellTaskMail(to, plan, milestone, customer, u.said, base_url));
          const db::Statement queued = notify::OutboxInsertStatement(mail, now);
          KS_RETURN_IF_ERROR(c.Query(queued.sql, queued.params));
        }
      }
    }
    KS_RETURN_IF_ERROR(
        c.Exec("INSERT INTO action_messages (action_id, feedback_id, milestone, decision, how, user_id, "
               "created_at, informed_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
               {plan.id, u.feedback_id, std::string(milestone), std::string(DecisionName(*plan.decision)), how,
                colleague, now, told_at}));
    ++counts[how];
  }
  return nlohmann::json(counts);
}

}  // namespace

Result<ActionPlan> ActionService::Create(const ActionWorker& worker, const ActionInput& input,
                                         const std::vector<std::int64_t>& feedback_ids) {
  KS_RETURN_IF_ERROR(RequireManage(worker));
  KS_ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  const Micros now = clock_.Now();
  KS_ASSIGN_OR_RETURN(
      std::int64_t id, db::InWriteTransaction(*c, [&]() -> Result<std::int64_t> {
        KS_ASSIGN_OR_RETURN(CheckedInput in, Check(*c, input));
        KS_ASSIGN_OR_RETURN(
            db::Rows rows,
            c->Query("INSERT INTO actions (title, description, owner_user_id, unit_id, due_date, "
                     "created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7) "
                     "RETURNING id",
                     {in.title, in.description, in.owner, in.unit,
                      in.due_date.empty() ? Value(nullptr) : Value(in.due_date), UserValue(worker), now}));
        const std::int64_t id = AsInt(rows.rows.at(0)[0]);
        KS_ASSIGN_OR_RETURN(ActionPlan plan, Load(*c, id));
        KS_ASSIGN_OR_RETURN(size_t linked, LinkItems(*c, plan, feedback_ids, worker, now));
        KS_RETURN_IF_ERROR(AddEvent(*c, id, "created", worker, {{"title", in.title}, {"linked", linked}}, now));
        return id;
      }));
  return Load(*c, id);
}

Result<ActionPlan> ActionService::Edit(const ActionWorker& worker, std::int64_t action_id, const ActionInput& input) {
  KS_RETURN_IF_ERROR(RequireManage(worker));
  KS_ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  const Micros now = clock_.Now();
  KS_RETURN_IF_ERROR(db::InWriteTransaction(*c, [&]() -> Result<void> {
    KS_ASSIGN_OR_RETURN(ActionPlan plan, Load(*c, action_id));
    KS_ASSIGN_OR_RETURN(CheckedInput in, Check(*c, input));
    KS_RETURN_IF_ERROR(Touch(
        *c, plan, ", title = $4, description = $5, owner_user_id = $6, unit_id = $7, due_date = $8",
        {in.title, in.description, in.owner, in.unit, in.due_date.empty() ? Value(nullptr) : Value(in.due_date)}, now));
    return AddEvent(*c, action_id, "edited", worker, {{"title", in.title}}, now);
  }));
  return Load(*c, action_id);
}

Result<ActionPlan> ActionService::Link(const ActionWorker& worker, std::int64_t action_id,
                                       const std::vector<std::int64_t>& feedback_ids) {
  KS_RETURN_IF_ERROR(RequireManage(worker));
  if (feedback_ids.empty()) return Error::Invalid("feedback_ids", "choose at least one feedback item to link");
  KS_ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  const Micros now = clock_.Now();
  KS_RETURN_IF_ERROR(db::InWriteTransaction(*c, [&]() -> Result<void> {
    KS_ASSIGN_OR_RETURN(ActionPlan plan, Load(*c, action_id));
    KS_ASSIGN_OR_RETURN(size_t linked, LinkItems(*c, plan, feedback_ids, worker, now));
    if (linked == 0) return Ok();
    KS_RETURN_IF_ERROR(Touch(*c, plan, "", {}, now));
    nlohmann::json detail = {{"linked", linked}};
    // The new items' customers hear what was already decided (and done).
    if (plan.decision) {
      KS_ASSIGN_OR_RETURN(detail["told_decision"], Tell(*c, plan, "decided", now, base_url_));
    }
    if (plan.status == ActionStatus::kDone) {
      KS_ASSIGN_OR_RETURN(detail["told_done"], Tell(*c, plan, "done", now, base_url_));
    }
    return AddEvent(*c, action_id, "linked", worker, detail, now);
  }));
  return Load(*c, action_id);
}

Result<ActionPlan> ActionService::Unlink(const ActionWorker& worker, std::int64_t action_id, std::int64_t feedback_id) {
  KS_RETURN_IF_ERROR(RequireManage(worker));
  KS_ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  const Micros now = clock_.Now();
  KS_RETURN_IF_ERROR(db::InWriteTransaction(*c, [&]() -> Result<void> {
    KS_ASSIGN_OR_RETURN(ActionPlan plan, Load(*c, action_id));
    KS_ASSIGN_OR_RETURN(db::Rows removed, c->Query("DELETE FROM action_items WHERE action_id = $1 AND feedback_id = $2 "
                                                   "RETURNING feedback_id",
                                                   {action_id, feedback_id}));
    if (removed.empty()) {
      return Error::Invalid("feedback_id", fmt::format("feedback item {} is not linked to this plan", feedback_id));
    }
    // Back into the triage queue.
    KS_RETURN_IF_ERROR(
        c->Exec("DELETE FROM feedback_triage WHERE feedback_id = $1 AND outcome = 'linked'", {feedback_id}));
    KS_RETURN_IF_ERROR(Touch(*c, plan, "", {}, now));
    return AddEvent(*c, action_id, "unlinked", worker, {{"feedback_id", feedback_id}}, now);
  }));
  return Load(*c, action_id);
}

Result<ActionPlan> ActionService::Decide(const ActionWorker& worker, std::int64_t action_id, Decision decision,
                                         const std::string& reason) {
  KS_RETURN_IF_ERROR(RequireManage(worker));
  KS_ASSIGN_OR_RETURN(std::string why, CheckedText(reason, "reason", kMaxReason, true, "a reason customers can read"));
  KS_ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  const Micros now = clock_.Now();
  KS_RETURN_IF_ERROR(db::InWriteTransaction(*c, [&]() -> Result<void> {
    KS_ASSIGN_OR_RETURN(ActionPlan plan, Load(*c, action_id));
    const StepCheck step = CheckStep(plan.status, plan.decision, ActionStep::kDecide);
    if (!step.ok) return Error::Invalid("decision", step.why);
    KS_RETURN_IF_ERROR(Touch(
        *c, plan, ", status = $4, decision = $5, decision_reason = $6, decided_at = $7, decided_by = $8",
        {std::string(StatusName(step.next)), std::string(DecisionName(decision)), why, now, UserValue(worker)}, now));
    plan.status = step.next;
    plan.decision = decision;
    plan.decision_reason = why;
    KS_ASSIGN_OR_RETURN(nlohmann::json told, Tell(*c, plan, "decided", now, base_url_));
    return AddEvent(*c, action_id, "decided", worker,
                    {{"decision", DecisionName(decision)}, {"reason", why}, {"told", told}}, now);
  }));
  return Load(*c, action_id);
}

Result<ActionPlan> ActionService::Start(const ActionWorker& worker, std::int64_t action_id) {
  KS_ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  const Micros now = clock_.Now();
  KS_RETURN_IF_ERROR(db::InWriteTransaction(*c, [&]() -> Result<void> {
    KS_ASSIGN_OR_RETURN(ActionPlan plan, Load(*c, action_id));
    KS_RETURN_IF_ERROR(RequireWork(worker, plan));
    const StepCheck step = CheckStep(plan.status, plan.decision, ActionStep::kStart);
    if (!step.ok) return Error::Invalid("status", step.why);
    KS_RETURN_IF_ERROR(Touch(*c, plan, ", status = $4", {std::string(StatusName(step.next))}, now));
    return AddEvent(*c, action_id, "started", worker, nlohmann::json::object(), now);
  }));
  return Load(*c, action_id);
}

Result<ActionPlan> ActionService::Finish(const ActionWorker& worker, std::int64_t action_id, const std::string& note) {
  KS_ASSIGN_OR_RETURN(std::string text, CheckedText(note, "note", kMaxActionText, false, "the note"));
  KS_ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  const Micros now = clock_.Now();
  KS_RETURN_IF_ERROR(db::InWriteTransaction(*c, [&]() -> Result<void> {
    KS_ASSIGN_OR_RETURN(ActionPlan plan, Load(*c, action_id));
    KS_RETURN_IF_ERROR(RequireWork(worker, plan));
    const StepCheck step = CheckStep(plan.status, plan.decision, ActionStep::kFinish);
    if (!step.ok) return Error::Invalid("status", step.why);
    // The completion marks the analytics trend (analytics/events.h) of the plan's unit.
    analytics::EventInput marker{plan.title, Excerpt(plan.decision_reason, 2000), now, plan.unit_code,
                                 worker.actor.user_id > 0 ? std::optional(worker.actor.user_id) : std::nullopt};
    KS_ASSIGN_OR_RETURN(analytics::Event event, analytics::CreateEvent(*c, marker, now));
    KS_RETURN_IF_ERROR(Touch(*c, plan, ", status = $4, done_at = $5, event_id = $6",
                             {std::string(StatusName(step.next)), now, event.id}, now));
    plan.status = step.next;
    KS_ASSIGN_OR_RETURN(nlohmann::json told, Tell(*c, plan, "done", now, base_url_));
    nlohmann::json detail = {{"told", told}};
    if (!text.empty()) detail["text"] = text;
    return AddEvent(*c, action_id, "done", worker, detail, now);
  }));
  return Load(*c, action_id);
}

Result<ActionPlan> ActionService::AddNote(const ActionWorker& worker, std::int64_t action_id, const std::string& text) {
  KS_ASSIGN_OR_RETURN(std::string note, CheckedText(text, "text", kMaxActionText, true, "the note"));
  KS_ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  const Micros now = clock_.Now();
  KS_RETURN_IF_ERROR(db::InWriteTransaction(*c, [&]() -> Result<void> {
    KS_ASSIGN_OR_RETURN(ActionPlan plan, Load(*c, action_id));
    KS_RETURN_IF_ERROR(RequireWork(worker, plan));
    KS_RETURN_IF_ERROR(Touch(*c, plan, "", {}, now));
    return AddEvent(*c, action_id, "note", worker, {{"text", note}}, now);
  }));
  return Load(*c, action_id);
}

Result<void> ActionService::MarkTold(const ActionWorker& worker, std::int64_t action_id, std::int64_t feedback_id,
                                     const std::string& milestone) {
  if (milestone != "decided" && milestone != "done") {
    return Error::Invalid("milestone", "'" + Excerpt(milestone, 40) + "' is not decided or done");
  }
  KS_ASSIGN_OR_RETURN(auto c, pool_.Acquire());
  const Micros now = clock_.Now();
  return db::InWriteTransaction(*c, [&]() -> Result<void> {
    KS_ASSIGN_OR_RETURN(
        db::Rows told, c->Query("UPDATE action_messages SET informed_at = $1 WHERE action_id = $2 AND feedback_id = $3 "
                                "AND milestone = $4 AND how = 'colleague' AND informed_at IS NULL AND (user_id = $5 OR "
                                "$6 = 1) RETURNING feedback_id",
                                {now, action_id, feedback_id, milestone, worker.actor.user_id,
                                 std::int64_t{MayManage(worker) ? 1 : 0}}));
    if (told.empty()) return Error::NotFound("you have no open task to tell this customer");
    return AddEvent(*c, action_id, "told", worker, {{"feedback_id", feedback_id}, {"milestone", milestone}}, now);
  });
}

}  // namespace ks::actions
