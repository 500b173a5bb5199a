#include "cases/callback_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <utility>

#include "base/strings.h"

namespace ks::cases {
namespace {

using db::AsInt;
using db::AsText;
using db::IsNull;
using db::Value;

std::optional<Score> ScoreOf(const Value& value, const Value& scale) {
  if (IsNull(value) || IsNull(scale)) return std::nullopt;
  const auto parsed = ParseScale(AsText(scale));
  if (!parsed) return std::nullopt;
  return Score{*parsed, static_cast<int>(AsInt(value))};
}

constexpr std::string_view kAssignmentColumns = R"(
SELECT a.id, a.iso_year, a.iso_week, a.week_start, a.executive_id, u.name, a.customer_id, cu.external_ref, cu.name,
       cu.phone, cu.email, a.case_id, c.priority, c.state, c.opening_feedback_id, f.score_value, f.score_scale, f.text,
       f.received_at, a.continuity, a.position, a.status, a.outcome, a.heard, a.called_at, a.created_at
FROM callback_assignments a
JOIN customers cu ON cu.id = a.customer_id
JOIN cases c ON c.id = a.case_id
JOIN feedback f ON f.id = c.opening_feedback_id
LEFT JOIN users u ON u.id = a.executive_id)";

// Assigned ones by executive name, then the order to call in; those nobody could take last.
constexpr std::string_view kAssignmentOrder =
    " ORDER BY CASE WHEN a.executive_id IS NULL THEN 1 ELSE 0 END, u.name, a.executive_id, a.position, a.id";

CallbackAssignment ToAssignment(const std::vector<Value>& r) {
  CallbackAssignment a;
  a.id = AsInt(r[0]);
  a.iso_year = static_cast<int>(AsInt(r[1]));
  a.iso_week = static_cast<int>(AsInt(r[2]));
  a.week_start = AsInt(r[3]);
  a.executive_id = db::AsOptionalInt(r[4]);
  a.executive_name = AsText(r[5]);
  a.customer_id = AsInt(r[6]);
  a.customer_ref = AsText(r[7]);
  a.customer_name = AsText(r[8]);
  a.customer_phone = AsText(r[9]);
  a.customer_email = AsText(r[10]);
  a.case_id = AsInt(r[11]);
  a.case_priority = ParsePriority(AsText(r[12])).value_or(Priority::kNormal);
  a.case_state = ParseCaseState(AsText(r[13])).value_or(CaseState::kNew);
  a.feedback_id = AsInt(r[14]);
  a.score = ScoreOf(r[15], r[16]);
  a.text = AsText(r[17]);
  a.received_at = AsInt(r[18]);
  a.continuity = AsInt(r[19]) != 0;
  a.position = static_cast<int>(AsInt(r[20]));
  a.status = AsText(r[21]);
  if (!IsNull(r[22])) a.outcome = ParseCallOutcome(AsText(r[22]));
  a.heard = AsText(r[23]);
  a.called_at = db::AsOptionalInt(r[24]);
  a.created_at = AsInt(r[25]);
  return a;
}

// The assignments matching `where` (a condition on `a`, with `params`), with the other cases each covers.
Result<std::vector<CallbackAssignment>> LoadAssignments(db::Connection& c, const std::string& where,
                                                        const std::vector<Value>& params) {
  KS_ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query(std::string(kAssignmentColumns) + " WHERE " + where + std::string(kAssignmentOrder), params));
  std::vector<CallbackAssignment> out;
  out.reserve(rows.size());
  std::map<std::int64_t, size_t> index_by_id;
  for (const auto& r : rows.rows) {
    index_by_id.emplace(AsInt(r[0]), out.size());
    out.push_back(ToAssignment(r));
  }
  if (out.empty()) return out;
  KS_ASSIGN_OR_RETURN(db::Rows covered,
                      c.Query("SELECT ac.assignment_id, ac.case_id FROM callback_assignment_cases ac "
                              "JOIN callback_assignments a ON a.id = ac.assignment_id WHERE " +
                                  where + " AND ac.case_id <> a.case_id ORDER BY ac.assignment_id, ac.case_id",
                              params));
  for (const auto& r : covered.rows) {
    if (auto it = index_by_id.find(AsInt(r[0])); it != index_by_id.end()) {
      out[it->second].other_case_ids.push_back(AsInt(r[1]));
    }
  }
  return out;
}

// Everything planning needs to know about one week, read in one go.
struct WeekState {
  std::vector<CallbackCandidate> candidates;    // of customers not yet given to an executive this week
  std::set<std::int64_t> unassigned_customers;  // this week's customers nobody could take
  std::vector<Executive> executives;            // with the room left this week as their quota
  std::map<std::int64_t, int> next_position;    // executive id → position of their next callback
  CallbackHistory history;                      // the window before this week, and this week so far
};

Result<std::vector<CallbackCandidate>> Candidates(db::Connection& c, const LocalWeek& week, const TimeZone& zone) {
  const LocalWeek previous = WeeksLater(zone, week, -1);
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(R"(
SELECT c.id, c.customer_id, c.priority, f.score_value, f.score_scale, f.received_at
FROM cases c
JOIN feedback f ON f.id = c.opening_feedback_id
JOIN customers cu ON cu.id = c.customer_id
WHERE cu.consent_contact <> 0 AND c.opened_at < $2 AND (c.closed_at IS NULL OR c.opened_at >= $1)
  AND (c.priority = 'critical' OR f.score_value IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM callback_assignment_cases ac JOIN callback_assignments a ON a.id = ac.assignment_id
                  WHERE ac.case_id = c.id AND (a.outcome = 'reached' OR a.status = 'skipped'))
ORDER BY c.id)",
                                             {previous.start, week.end}));
  std::vector<CallbackCandidate> out;
  for (const auto& r : rows.rows) {
    CallbackCandidate candidate;
    candidate.case_id = AsInt(r[0]);
    candidate.customer_id = AsInt(r[1]);
    candidate.critical = AsText(r[2]) == PriorityName(Priority::kCritical);
    candidate.score = ScoreOf(r[3], r[4]);
    candidate.qualified_at = AsInt(r[5]);
    if (QualifiesForExecutiveCallback(candidate.score, candidate.critical)) out.push_back(candidate);
  }
  return out;
}

Result<WeekState> ReadWeek(db::Connection& c, const LocalWeek& week, const TimeZone& zone) {
  WeekState state;
  KS_ASSIGN_OR_RETURN(state.executives, ListExecutives(c));
  // This week so far: who has which customers, and the room that leaves.
  KS_ASSIGN_OR_RETURN(db::Rows this_week,
                      c.Query("SELECT customer_id, executive_id, position FROM callback_assignments "
                              "WHERE iso_year = $1 AND iso_week = $2",
                              {std::int64_t{week.iso_year}, std::int64_t{week.iso_week}}));
  std::set<std::int64_t> assigned_customers;
  std::map<std::int64_t, int> given;
  for (const auto& r : this_week.rows) {
    const auto executive = db::AsOptionalInt(r[1]);
    if (!executive) {
      state.unassigned_customers.insert(AsInt(r[0]));
      continue;
    }
    assigned_customers.insert(AsInt(r[0]));
    ++given[*executive];
    ++state.history.callbacks_by_executive[*executive];
    int& next = state.next_position[*executive];
    next = std::max(next, static_cast<int>(AsInt(r[2])) + 1);
  }
  for (auto& executive : state.executives) {
    executive.weekly_quota = std::max(0, executive.weekly_quota - given[executive.id]);
  }
  // The window before this week: how many each executive was given, and who last called whom.
  const LocalWeek first = WeeksLater(zone, week, -kCallbackHistoryWeeks);
  KS_ASSIGN_OR_RETURN(
      db::Rows window,
      c.Query("SELECT executive_id, customer_id, status FROM callback_assignments WHERE executive_id IS NOT NULL "
              "AND week_start >= $1 AND week_start < $2 ORDER BY week_start, COALESCE(called_at, 0), id",
              {first.start, week.start}));
  for (const auto& r : window.rows) {
    ++state.history.callbacks_by_executive[AsInt(r[0])];
    if (AsText(r[2]) == "called") state.history.last_executive_by_customer[AsInt(r[1])] = AsInt(r[0]);
  }
  KS_ASSIGN_OR_RETURN(auto candidates, Candidates(c, week, zone));
  for (const auto& candidate : candidates) {
    if (!assigned_customers.contains(candidate.customer_id)) state.candidates.push_back(candidate);
  }
  return state;
}

// Whether planning would change anything: a customer not in this week's plan at all, or one nobody
// could take while an executive now has room (a quota raised during the week).
bool NeedsPlanning(const WeekState& state) {
  int room = 0;
  for (const auto& executive : state.executives) room += executive.weekly_quota;
  for (const auto& candidate : state.candidates) {
    if (!state.unassigned_customers.contains(candidate.customer_id) || room > 0) return true;
  }
  return false;
}

Result<std::int64_t> InsertAssignment(db::Connection& c, std::int64_t plan_id, const LocalWeek& week,
                                      std::optional<std::int64_t> executive_id, const PlannedCallback& callback,
                                      int position, Micros now) {
  KS_ASSIGN_OR_RETURN(
      db::Rows inserted,
      c.Query(
          "INSERT INTO callback_assignments (plan_id, iso_year, iso_week, week_start, executive_id, customer_id, "
          "case_id, continuity, position, status, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) "
          "ON CONFLICT (iso_year, iso_week, customer_id) DO NOTHING RETURNING id",
          {plan_id, std::int64_t{week.iso_year}, std::int64_t{week.iso_week}, week.start,
           executive_id ? Value(*executive_id) : Value(nullptr), callback.candidate.customer_id,
           callback.candidate.case_id, std::int64_t{callback.continuity}, std::int64_t{position},
           std::string(executive_id ? "open" : "unassigned"), now}));
  if (inserted.empty()) return std::int64_t{0};  // given by another node meanwhile
  const std::int64_t id = AsInt(inserted.rows[0][0]);
  std::vector<std::int64_t> cases = callback.other_case_ids;
  cases.push_back(callback.candidate.case_id);
  for (std::int64_t case_id : cases) {
    KS_RETURN_IF_ERROR(
        c.Exec("INSERT INTO callback_assignment_cases (case_id, assignment_id) VALUES ($1, $2) ON CONFLICT DO NOTHING",
               {case_id, id}));
  }
  return id;
}

// Plans inside the caller's write transaction; returns how many customers it added.
Result<std::int64_t> PlanLocked(db::Connection& c, const LocalWeek& week, const TimeZone& zone, Micros now) {
  // Taking the week's row first serialises planners: on PostgreSQL a second node waits here until the
  // first commits, then reads what it stored (SQLite's write transaction already runs alone).
  KS_ASSIGN_OR_RETURN(
      db::Rows plan,
      c.Query("INSERT INTO callback_plans (iso_year, iso_week, week_start, week_end, planned_at, updated_at) "
              "VALUES ($1, $2, $3, $4, $5, $5) ON CONFLICT (iso_year, iso_week) DO UPDATE SET updated_at = "
              "excluded.updated_at RETURNING id",
              {std::int64_t{week.iso_year}, std::int64_t{week.iso_week}, week.start, week.end, now}));
  const std::int64_t plan_id = AsInt(plan.rows.at(0)[0]);
  KS_ASSIGN_OR_RETURN(WeekState state, ReadWeek(c, week, zone));
  if (!NeedsPlanning(state)) return std::int64_t{0};
  // Those nobody could take are planned again with the others: an executive may have room now.
  const std::vector<Value> this_week = {std::int64_t{week.iso_year}, std::int64_t{week.iso_week}};
  KS_RETURN_IF_ERROR(
      c.Exec("DELETE FROM callback_assignment_cases WHERE assignment_id IN (SELECT id FROM callback_assignments "
             "WHERE iso_year = $1 AND iso_week = $2 AND executive_id IS NULL)",
             this_week));
  KS_RETURN_IF_ERROR(c.Exec(
      "DELETE FROM callback_assignments WHERE iso_year = $1 AND iso_week = $2 AND executive_id IS NULL", this_week));
  KS_ASSIGN_OR_RETURN(CallbackPlan planned, PlanWeeklyCallbacks(state.executives, state.candidates, state.history));
  std::int64_t added = 0;
  for (const auto& executive : planned.executives) {
    int position = state.next_position[executive.executive.id];
    for (const auto& callback : executive.callbacks) {
      KS_ASSIGN_OR_RETURN(std::int64_t id,
                          InsertAssignment(c, plan_id, week, executive.executive.id, callback, position++, now));
      if (id != 0) ++added;
    }
  }
  int position = 0;
  for (const auto& callback : planned.unassigned) {
    KS_ASSIGN_OR_RETURN(std::int64_t id, InsertAssignment(c, plan_id, week, std::nullopt, callback, position++, now));
    if (id != 0 && !state.unassigned_customers.contains(callback.candidate.customer_id)) ++added;
  }
  return added;
}

Result<std::string> CheckedHeard(const std::string& heard, CallOutcome outcome) {
  std::string text(Trim(heard));
  if (text.empty() && outcome == CallOutcome::kReached) {
    return Error::Invalid("heard", "what the customer told you is required when you reached them");
  }
  if (text.size() > kMaxHeardBytes) {
    return Error::Invalid("heard", fmt::format("is longer than {} bytes", kMaxHeardBytes));
  }
  if (!IsValidUtf8(text)) return Error::Invalid("heard", "is not valid UTF-8");
  return text;
}

Result<void> CommitOrRollBack(db::Connection& c) {
  auto committed = c.Commit();
  if (!committed.ok()) (void)c.Rollback();
  return committed;
}

}  // namespace

Result<WeekPlan> PlanWeek(db::Connection& c, Micros now, const TimeZone& zone) {
  WeekPlan out;
  out.week = WeekContaining(zone, now);
  // Most looks at the list find nothing new: they read and write nothing.
  KS_ASSIGN_OR_RETURN(WeekState state, ReadWeek(c, out.week, zone));
  if (NeedsPlanning(state)) {
    KS_RETURN_IF_ERROR(c.BeginWrite());
    auto added = PlanLocked(c, out.week, zone, now);
    if (!added.ok()) {
      (void)c.Rollback();
      return added.error();
    }
    KS_RETURN_IF_ERROR(CommitOrRollBack(c));
    out.added = *added;
  }
  KS_ASSIGN_OR_RETURN(db::Rows plan,
                      c.Query("SELECT planned_at FROM callback_plans WHERE iso_year = $1 AND iso_week = $2",
                              {std::int64_t{out.week.iso_year}, std::int64_t{out.week.iso_week}}));
  if (!plan.empty()) out.planned_at = AsInt(plan.rows[0][0]);
  KS_ASSIGN_OR_RETURN(out.assignments, ListAssignments(c, out.week));
  out.unassigned = std::count_if(out.assignments.begin(), out.assignments.end(),
                                 [](const CallbackAssignment& a) { return !a.executive_id.has_value(); });
  return out;
}

Result<std::vector<CallbackAssignment>> ListAssignments(db::Connection& c, const LocalWeek& week,
                                                        std::optional<std::int64_t> executive_id) {
  std::vector<Value> params = {std::int64_t{week.iso_year}, std::int64_t{week.iso_week}};
  std::string where = "a.iso_year = $1 AND a.iso_week = $2";
  if (executive_id) {
    params.emplace_back(*executive_id);
    where += " AND a.executive_id = $3";
  }
  return LoadAssignments(c, where, params);
}

Result<std::optional<CallbackAssignment>> GetAssignment(db::Connection& c, std::int64_t id) {
  KS_ASSIGN_OR_RETURN(auto found, LoadAssignments(c, "a.id = $1", {id}));
  if (found.empty()) return std::optional<CallbackAssignment>();
  return std::optional<CallbackAssignment>(std::move(found.front()));
}

Result<CallbackAssignment> RecordCallback(db::Connection& c, std::int64_t assignment_id, const Actor& actor,
                                          CallOutcome outcome, const std::string& heard, Micros now) {
  KS_ASSIGN_OR_RETURN(auto found, GetAssignment(c, assignment_id));
  if (!found) return Error::NotFound(fmt::format("callback {} does not exist", assignment_id));
  const CallbackAssignment& a = *found;
  if (!a.executive_id) {
    return Error::Invalid("assignment", "this customer could not be given to an executive: there is no call to record");
  }
  if (actor.role != Role::kAdmin && actor.user_id != *a.executive_id) {
    return Error::PermissionDenied(
        fmt::format("this callback was given to {}: only they (or an admin) record it", a.executive_name));
  }
  KS_ASSIGN_OR_RETURN(std::string text, CheckedHeard(heard, outcome));
  if (a.outcome == CallOutcome::kReached) {
    return Error::Conflict("this customer was already reached: the call is recorded");
  }
  const std::vector<std::int64_t> cases = [&a] {
    std::vector<std::int64_t> all = {a.case_id};
    all.insert(all.end(), a.other_case_ids.begin(), a.other_case_ids.end());
    return all;
  }();
  const nlohmann::json detail = {{"outcome", CallOutcomeName(outcome)},
                                 {"heard", text},
                                 {"text", text},
                                 {"executive", a.executive_name},
                                 {"assignment_id", a.id}};
  KS_RETURN_IF_ERROR(c.BeginWrite());
  auto written = [&]() -> Result<bool> {
    // Conditional, so that two recordings at once cannot both count as the one that reached the customer.
    KS_ASSIGN_OR_RETURN(
        db::Rows updated,
        c.Query("UPDATE callback_assignments SET status = 'called', outcome = $1, heard = $2, called_at = $3 "
                "WHERE id = $4 AND (outcome IS NULL OR outcome <> 'reached') RETURNING id",
                {std::string(CallOutcomeName(outcome)), text.empty() ? Value(nullptr) : Value(text), now, a.id}));
    if (updated.empty()) return false;
    for (std::int64_t case_id : cases) {
      KS_RETURN_IF_ERROR(c.Exec(
          "INSERT INTO case_events (case_id, kind, user_id, detail, at) VALUES ($1, 'executive_call', $2, $3, $4)",
          {case_id, actor.user_id > 0 ? Value(actor.user_id) : Value(nullptr), detail.dump(), now}));
    }
    return true;
  }();
  if (!written.ok() || !*written) {
    (void)c.Rollback();
    if (!written.ok()) return written.error();
    return Error::Conflict("this customer was already reached: the call is recorded");
  }
  KS_RETURN_IF_ERROR(CommitOrRollBack(c));
  KS_ASSIGN_OR_RETURN(auto after, GetAssignment(c, assignment_id));
  if (!after) return Error::Internal(fmt::format("callback {} disappeared", assignment_id));
  return std::move(*after);
}

Result<std::vector<Executive>> ListExecutives(db::Connection& c) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT u.id, u.name, COALESCE(q.weekly_quota, $1) FROM users u "
                                             "LEFT JOIN executive_quotas q ON q.user_id = u.id "
                                             "WHERE u.role = 'executive' AND u.active = 1 ORDER BY u.name, u.id",
                                             {std::int64_t{kDefaultWeeklyQuota}}));
  std::vector<Executive> out;
  for (const auto& r : rows.rows) out.push_back({AsInt(r[0]), AsText(r[1]), static_cast<int>(AsInt(r[2]))});
  return out;
}

Result<void> SetWeeklyQuota(db::Connection& c, std::int64_t executive_id, int weekly_quota,
                            std::optional<std::int64_t> set_by, Micros now) {
  if (weekly_quota < 0 || weekly_quota > kMaxWeeklyQuota) {
    return Error::Invalid("weekly_quota",
                          fmt::format("{} is outside 0..{} (0 means away this week)", weekly_quota, kMaxWeeklyQuota));
  }
  KS_ASSIGN_OR_RETURN(db::Rows user, c.Query("SELECT id FROM users WHERE id = $1 AND role = 'executive' AND active = 1",
                                             {executive_id}));
  if (user.empty()) return Error::NotFound(fmt::format("user {} is not an active executive", executive_id));
  return c.Exec(
      "INSERT INTO executive_quotas (user_id, weekly_quota, updated_by, updated_at) VALUES ($1, $2, $3, $4) "
      "ON CONFLICT (user_id) DO UPDATE SET weekly_quota = excluded.weekly_quota, updated_by = excluded.updated_by, "
      "updated_at = excluded.updated_at",
      {executive_id, std::int64_t{weekly_quota}, set_by ? Value(*set_by) : Value(nullptr), now});
}

Result<CallbackReport> ReportCallbacks(db::Connection& c, const LocalWeek& from, const LocalWeek& to) {
  CallbackReport out;
  const std::vector<Value> range = {from.start, to.end};
  KS_ASSIGN_OR_RETURN(auto executives, ListExecutives(c));
  std::map<std::int64_t, size_t> index_by_id;
  for (const auto& e : executives) {
    index_by_id.emplace(e.id, out.executives.size());
    ExecutiveCallbackCounts counts;
    counts.executive_id = e.id;
    counts.name = e.name;
    counts.weekly_quota = e.weekly_quota;
    out.executives.push_back(std::move(counts));
  }
  KS_ASSIGN_OR_RETURN(db::Rows per_executive, c.Query(R"(
SELECT a.executive_id, u.name, COUNT(*),
       SUM(CASE WHEN a.status = 'called' THEN 1 ELSE 0 END),
       SUM(CASE WHEN a.outcome = 'reached' THEN 1 ELSE 0 END),
       SUM(CASE WHEN a.outcome = 'voicemail' THEN 1 ELSE 0 END),
       SUM(CASE WHEN a.outcome = 'no_answer' THEN 1 ELSE 0 END),
       SUM(CASE WHEN a.status = 'open' THEN 1 ELSE 0 END)
FROM callback_assignments a JOIN users u ON u.id = a.executive_id
WHERE a.week_start >= $1 AND a.week_start < $2
GROUP BY a.executive_id, u.name)",
                                                      range));
  for (const auto& r : per_executive.rows) {
    const std::int64_t id = AsInt(r[0]);
    auto it = index_by_id.find(id);
    if (it == index_by_id.end()) {
      // No longer an active executive, but planned in the range: still reported.
      ExecutiveCallbackCounts counts;
      counts.executive_id = id;
      counts.name = AsText(r[1]);
      counts.active = false;
      it = index_by_id.emplace(id, out.executives.size()).first;
      out.executives.push_back(std::move(counts));
    }
    ExecutiveCallbackCounts& counts = out.executives[it->second];
    counts.planned = AsInt(r[2]);
    counts.called = AsInt(r[3]);
    counts.reached = AsInt(r[4]);
    counts.voicemail = AsInt(r[5]);
    counts.no_answer = AsInt(r[6]);
    counts.open = AsInt(r[7]);
  }
  std::sort(out.executives.begin(), out.executives.end(), [](const auto& a, const auto& b) {
    return std::tie(a.name, a.executive_id) < std::tie(b.name, b.executive_id);
  });

  KS_ASSIGN_OR_RETURN(db::Rows weeks, c.Query(R"(
SELECT p.iso_year, p.iso_week, p.week_start,
       SUM(CASE WHEN a.executive_id IS NOT NULL THEN 1 ELSE 0 END),
       SUM(CASE WHEN a.status = 'called' THEN 1 ELSE 0 END),
       SUM(CASE WHEN a.outcome = 'reached' THEN 1 ELSE 0 END),
       SUM(CASE WHEN a.id IS NOT NULL AND a.executive_id IS NULL THEN 1 ELSE 0 END)
FROM callback_plans p LEFT JOIN callback_assignments a ON a.plan_id = p.id
WHERE p.week_start >= $1 AND p.week_start < $2
GROUP BY p.iso_year, p.iso_week, p.week_start ORDER BY p.week_start DESC)",
                                              range));
  for (const auto& r : weeks.rows) {
    WeekCallbackCounts w;
    w.iso_year = static_cast<int>(AsInt(r[0]));
    w.iso_week = static_cast<int>(AsInt(r[1]));
    w.week_start = AsInt(r[2]);
    w.planned = AsInt(r[3]);
    w.called = AsInt(r[4]);
    w.reached = AsInt(r[5]);
    w.unassigned = AsInt(r[6]);
    out.unassigned += w.unassigned;
    out.weeks.push_back(w);
  }

  KS_ASSIGN_OR_RETURN(db::Rows heard, c.Query(fmt::format(R"(
SELECT a.id, u.name, cu.external_ref, cu.name, a.case_id, a.outcome, a.heard, a.called_at, a.iso_year, a.iso_week
FROM callback_assignments a JOIN users u ON u.id = a.executive_id JOIN customers cu ON cu.id = a.customer_id
WHERE a.week_start >= $1 AND a.week_start < $2 AND a.heard IS NOT NULL AND a.called_at IS NOT NULL
ORDER BY a.called_at DESC, a.id DESC LIMIT {})",
                                                          kMaxHeardEntries),
                                              range));
  for (const auto& r : heard.rows) {
    HeardEntry e;
    e.assignment_id = AsInt(r[0]);
    e.executive_name = AsText(r[1]);
    e.customer_ref = AsText(r[2]);
    e.customer_name = AsText(r[3]);
    e.case_id = AsInt(r[4]);
    e.outcome = ParseCallOutcome(AsText(r[5])).value_or(CallOutcome::kReached);
    e.heard = AsText(r[6]);
    e.called_at = AsInt(r[7]);
    e.iso_year = static_cast<int>(AsInt(r[8]));
    e.iso_week = static_cast<int>(AsInt(r[9]));
    out.heard.push_back(std::move(e));
  }
  return out;
}

namespace {

constexpr std::string_view kClientSeatWhere = R"(
FROM feedback f LEFT JOIN case_items ci ON ci.feedback_id = f.id LEFT JOIN cases c ON c.id = ci.case_id
WHERE f.received_at >= $1 AND f.brand = 'own' AND f.text IS NOT NULL AND f.text <> ''
  AND (f.score_class = 'unhappy' OR c.priority = 'critical'))";

// "received_at.id" of the last item of a page.
std::optional<std::pair<Micros, std::int64_t>> ParseCursor(std::string_view cursor) {
  const size_t dot = cursor.find('.');
  if (dot == std::string_view::npos) return std::nullopt;
  Micros at = 0;
  std::int64_t id = 0;
  const std::string_view first = cursor.substr(0, dot);
  const std::string_view second = cursor.substr(dot + 1);
  const auto [end1, ec1] = std::from_chars(first.data(), first.data() + first.size(), at);
  const auto [end2, ec2] = std::from_chars(second.data(), second.data() + second.size(), id);
  if (ec1 != std::errc() || end1 != first.data() + first.size() || ec2 != std::errc() ||
      end2 != second.data() + second.size() || id <= 0) {
    return std::nullopt;
  }
  return std::pair{at, id};
}

}  // namespace

Result<ClientSeatPage> ListClientSeat(db::Connection& c, Micros from, const std::string& cursor, int limit) {
  limit = std::clamp(limit, 1, 500);
  std::vector<Value> params = {from};
  std::string sql = "SELECT f.id, f.received_at, ci.case_id, c.priority" + std::string(kClientSeatWhere);
  if (!cursor.empty()) {
    const auto after = ParseCursor(cursor);
    if (!after) return Error::Invalid("cursor", "'" + cursor + "' is not a cursor of this list");
    params.emplace_back(after->first);
    params.emplace_back(after->second);
    sql += " AND (f.received_at < $2 OR (f.received_at = $2 AND f.id < $3))";
  }
  sql += fmt::format(" ORDER BY f.received_at DESC, f.id DESC LIMIT {}", limit + 1);
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql, params));
  ClientSeatPage out;
  for (const auto& r : rows.rows) {
    if (out.entries.size() == static_cast<size_t>(limit)) {
      const auto& last = rows.rows[out.entries.size() - 1];
      out.next_cursor = fmt::format("{}.{}", AsInt(last[1]), AsInt(last[0]));
      break;
    }
    out.entries.push_back({AsInt(r[0]), db::AsOptionalInt(r[2]), AsText(r[3]) == PriorityName(Priority::kCritical)});
  }
  return out;
}

Result<std::int64_t> CountClientSeat(db::Connection& c, Micros from) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT COUNT(*)" + std::string(kClientSeatWhere), {from}));
  return AsInt(rows.rows.at(0)[0]);
}

}  // namespace ks::cases
