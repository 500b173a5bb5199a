#include "cases/case_store.h"

#include <fmt/format.h>

#include <algorithm>

#include "db/id_list.h"

namespace ks::cases {
namespace {

using db::AsInt;
using db::AsText;
using db::Value;

constexpr std::string_view kCaseColumns = R"(
SELECT c.id, c.customer_id, cu.external_ref, cu.name, c.unit_id, un.code, un.name, c.state, c.priority, c.rule_key,
       c.opening_feedback_id, c.owner_user_id, us.name, us.email, c.owner_queue, c.opened_at, c.first_contact_due,
       c.resolution_due, c.first_contact_at, c.resolved_at, c.closed_at, c.root_cause, c.resolution,
       c.not_contacted_reason, c.escalation_level, c.updated_at,
       (SELECT COUNT(*) FROM case_items ci WHERE ci.case_id = c.id), cu.consent_contact, c.kind
FROM cases c LEFT JOIN customers cu ON cu.id = c.customer_id LEFT JOIN units un ON un.id = c.unit_id
     LEFT JOIN users us ON us.id = c.owner_user_id)";

// The deadline that matters now (Case::due) in SQL.
constexpr std::string_view kDue =
    "(CASE WHEN c.first_contact_at IS NULL THEN c.first_contact_due ELSE c.resolution_due END)";
constexpr std::string_view kOverdue = "(c.state NOT IN ('resolved', 'closed') AND {} < {})";

Case ToCase(const std::vector<Value>& r) {
  Case k;
  k.id = AsInt(r[0]);
  k.customer_id = db::AsOptionalInt(r[1]);
  k.customer_ref = AsText(r[2]);
  k.customer_name = AsText(r[3]);
  k.unit_id = db::AsOptionalInt(r[4]);
  k.unit_code = AsText(r[5]);
  k.unit_name = AsText(r[6]);
  k.state = ParseCaseState(AsText(r[7])).value_or(CaseState::kNew);
  k.priority = ParsePriority(AsText(r[8])).value_or(Priority::kNormal);
  k.rule_key = AsText(r[9]);
  k.opening_feedback_id = AsInt(r[10]);
  k.owner_user_id = db::AsOptionalInt(r[11]);
  k.owner_name = AsText(r[12]);
  k.owner_email = AsText(r[13]);
  k.owner_queue = AsText(r[14]);
  k.opened_at = AsInt(r[15]);
  k.first_contact_due = AsInt(r[16]);
  k.resolution_due = AsInt(r[17]);
  k.first_contact_at = db::AsOptionalInt(r[18]);
  k.resolved_at = db::AsOptionalInt(r[19]);
  k.closed_at = db::AsOptionalInt(r[20]);
  k.root_cause = AsText(r[21]);
  k.resolution = AsText(r[22]);
  k.not_contacted_reason = AsText(r[23]);
  k.escalation_level = static_cast<int>(AsInt(r[24]));
  k.updated_at = AsInt(r[25]);
  k.item_count = AsInt(r[26]);
  k.customer_consents = AsInt(r[27]) != 0;
  k.kind = AsText(r[28]);
  return k;
}

// The WHERE clause of a filter, with its parameters appended to `params`.
std::string Where(const CaseFilter& f, Micros now, std::vector<Value>& params) {
  std::vector<std::string> conditions;
  const auto param = [&params](Value v) {
    params.push_back(std::move(v));
    return fmt::format("${}", params.size());
  };
  switch (f.status) {
    case CaseFilter::Status::kOpen: conditions.emplace_back("c.closed_at IS NULL"); break;
    case CaseFilter::Status::kClosed: conditions.emplace_back("c.closed_at IS NOT NULL"); break;
    case CaseFilter::Status::kAll: break;
  }
  if (f.state) conditions.push_back("c.state = " + param(std::string(CaseStateName(*f.state))));
  if (f.priority) conditions.push_back("c.priority = " + param(std::string(PriorityName(*f.priority))));
  if (f.owner_user_id) conditions.push_back("c.owner_user_id = " + param(*f.owner_user_id));
  if (f.unit_id) conditions.push_back("c.unit_id = " + param(*f.unit_id));
  if (f.unit_scope || f.visible_owner) {
    // Integers from the session, never from the request: safe to write into the SQL.
    const std::string ids = f.unit_scope ? db::IdList(*f.unit_scope) : std::string();
    std::string visible = ids.empty() ? "1 = 0" : "c.unit_id IN (" + ids + ")";
    if (f.visible_owner) visible += " OR c.owner_user_id = " + std::to_string(*f.visible_owner);
    conditions.push_back("(" + visible + ")");
  }
  if (f.overdue_only) conditions.push_back(fmt::format(kOverdue, kDue, param(now)));
  std::string out;
  for (const auto& condition : conditions) out += (out.empty() ? " WHERE " : " AND ") + condition;
  return out;
}

Result<std::vector<CaseCount>> Counts(db::Connection& c, Micros now, std::string_view group) {
  KS_ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query(fmt::format("SELECT COALESCE({0}, ''), COUNT(*), SUM(CASE WHEN {1} THEN 1 ELSE 0 END) FROM cases c "
                          "LEFT JOIN units un ON un.id = c.unit_id LEFT JOIN users us ON us.id = c.owner_user_id "
                          "WHERE c.closed_at IS NULL GROUP BY COALESCE({0}, '') ORDER BY 3 DESC, 2 DESC, 1",
                          group, fmt::format(kOverdue, kDue, "$1")),
              {now}));
  std::vector<CaseCount> out;
  for (const auto& r : rows.rows) out.push_back({AsText(r[0]), AsInt(r[1]), AsInt(r[2])});
  return out;
}

}  // namespace

Result<std::vector<Case>> ListCases(db::Connection& c, const CaseFilter& filter, Micros now) {
  std::vector<Value> params;
  std::string sql = std::string(kCaseColumns) + Where(filter, now, params);
  sql += fmt::format(
      " ORDER BY CASE WHEN c.closed_at IS NULL THEN 0 ELSE 1 END, {}, CASE c.priority WHEN 'critical' THEN 0 "
      "WHEN 'high' THEN 1 WHEN 'normal' THEN 2 ELSE 3 END, c.id LIMIT {} OFFSET {}",
      kDue, std::clamp(filter.limit, 1, 1000), std::max(filter.offset, 0));
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql, params));
  std::vector<Case> out;
  out.reserve(rows.size());
  for (const auto& r : rows.rows) out.push_back(ToCase(r));
  return out;
}

Result<std::int64_t> CountCases(db::Connection& c, const CaseFilter& filter, Micros now) {
  std::vector<Value> params;
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT COUNT(*) FROM cases c" + Where(filter, now, params), params));
  return AsInt(rows.rows.at(0)[0]);
}

Result<std::optional<Case>> GetCase(db::Connection& c, std::int64_t id) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(std::string(kCaseColumns) + " WHERE c.id = $1", {id}));
  if (rows.empty()) return std::optional<Case>();
  return std::optional<Case>(ToCase(rows.rows[0]));
}

Result<std::vector<CaseEvent>> ListCaseEvents(db::Connection& c, std::int64_t case_id) {
  KS_ASSIGN_OR_RETURN(db::Rows rows,
                      c.Query("SELECT e.id, e.case_id, e.kind, e.user_id, u.name, e.detail, e.at FROM case_events e "
                              "LEFT JOIN users u ON u.id = e.user_id WHERE e.case_id = $1 ORDER BY e.id",
                              {case_id}));
  std::vector<CaseEvent> out;
  for (const auto& r : rows.rows) {
    out.push_back(
        {AsInt(r[0]), AsInt(r[1]), AsText(r[2]), db::AsOptionalInt(r[3]), AsText(r[4]), AsText(r[5]), AsInt(r[6])});
  }
  return out;
}

Result<std::vector<std::int64_t>> CaseFeedbackIds(db::Connection& c, std::int64_t case_id) {
  KS_ASSIGN_OR_RETURN(db::Rows rows,
                      c.Query("SELECT feedback_id FROM case_items WHERE case_id = $1 ORDER BY feedback_id", {case_id}));
  std::vector<std::int64_t> out;
  for (const auto& r : rows.rows) out.push_back(AsInt(r[0]));
  return out;
}

Result<std::string> OpeningText(db::Connection& c, const Case& k) {
  if (k.opening_feedback_id == 0) return std::string();
  KS_ASSIGN_OR_RETURN(db::Rows rows,
                      c.Query("SELECT COALESCE(text, '') FROM feedback WHERE id = $1", {k.opening_feedback_id}));
  return rows.empty() ? std::string() : AsText(rows.rows[0][0]);
}

Result<std::vector<std::int64_t>> LaterAnswerIds(db::Connection& c, const Case& k, int limit) {
  std::vector<std::int64_t> out;
  if (!k.customer_id) return out;
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT f.id FROM feedback f WHERE f.customer_id = $1 AND f.received_at "
                                             ">= $2 AND NOT EXISTS (SELECT 1 FROM case_items ci WHERE ci.feedback_id "
                                             "= f.id AND ci.case_id = $3) ORDER BY f.received_at DESC, f.id DESC "
                                             "LIMIT $4",
                                             {*k.customer_id, k.opened_at, k.id, std::int64_t{limit}}));
  for (const auto& r : rows.rows) out.push_back(AsInt(r[0]));
  return out;
}

Result<std::optional<std::int64_t>> CaseOfFeedback(db::Connection& c, std::int64_t feedback_id) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT case_id FROM case_items WHERE feedback_id = $1", {feedback_id}));
  if (rows.empty()) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(AsInt(rows.rows[0][0]));
}

Result<std::optional<std::int64_t>> ExitCaseOfCustomer(db::Connection& c, std::int64_t customer_id) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT id FROM cases WHERE customer_id = $1 AND kind = 'exit' "
                                             "ORDER BY opened_at DESC, id DESC LIMIT 1",
                                             {customer_id}));
  if (rows.empty()) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(AsInt(rows.rows[0][0]));
}

Result<std::vector<CaseCount>> OpenCasesByUnit(db::Connection& c, Micros now) { return Counts(c, now, "un.name"); }

Result<std::vector<CaseCount>> OpenCasesByOwner(db::Connection& c, Micros now) {
  return Counts(c, now, "COALESCE(us.name, c.owner_queue)");
}

namespace {

constexpr std::string_view kUserColumns = "SELECT id, name, email, language FROM users ";

OwnerUser ToOwner(const std::vector<Value>& r) { return {AsInt(r[0]), AsText(r[1]), AsText(r[2]), AsText(r[3]), {}}; }

}  // namespace

Result<OwnerUser> ResolveOwner(db::Connection& c, const CaseOwner& owner, std::optional<std::int64_t> unit_id) {
  if (owner.kind == CaseOwner::Kind::kQueue) return OwnerUser{{}, {}, {}, "nl", owner.name};
  if (owner.kind == CaseOwner::Kind::kUser) {
    KS_ASSIGN_OR_RETURN(db::Rows rows,
                        c.Query(std::string(kUserColumns) + "WHERE email = $1 AND active = 1", {owner.name}));
    if (!rows.empty()) return ToOwner(rows.rows[0]);
  }
  if (unit_id) {
    KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(R"(
WITH RECURSIVE up(id, depth) AS (
  SELECT id, 0 FROM units WHERE id = $1
  UNION ALL SELECT u.parent_id, up.depth + 1 FROM units u JOIN up ON u.id = up.id
  WHERE u.parent_id IS NOT NULL AND up.depth < 50)
SELECT users.id, users.name, users.email, users.language FROM up
JOIN users ON users.unit_id = up.id AND users.role = 'manager' AND users.active = 1
ORDER BY up.depth, users.id LIMIT 1)",
                                               {*unit_id}));
    if (!rows.empty()) return ToOwner(rows.rows[0]);
  }
  return OwnerUser{{}, {}, {}, "nl", std::string(kUnassignedQueue)};
}

Result<std::optional<OwnerUser>> FindUser(db::Connection& c, std::int64_t user_id) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(std::string(kUserColumns) + "WHERE id = $1 AND active = 1", {user_id}));
  if (rows.empty()) return std::optional<OwnerUser>();
  return std::optional<OwnerUser>(ToOwner(rows.rows[0]));
}

Result<std::vector<CaseTiming>> LoadCaseTimings(db::Connection& c, Micros from, Micros to) {
  KS_ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("SELECT COALESCE(un.code, ''), COALESCE(us.email, c.owner_queue, ''), c.opened_at, c.first_contact_at, "
              "COALESCE(c.resolved_at, c.closed_at), c.first_contact_due, c.resolution_due FROM cases c "
              "LEFT JOIN units un ON un.id = c.unit_id LEFT JOIN users us ON us.id = c.owner_user_id "
              "WHERE c.opened_at >= $1 AND c.opened_at < $2",
              {from, to}));
  std::vector<CaseTiming> out;
  out.reserve(rows.size());
  for (const auto& r : rows.rows) {
    out.push_back({AsText(r[0]), AsText(r[1]), AsInt(r[2]), db::AsOptionalInt(r[3]), db::AsOptionalInt(r[4]),
                   AsInt(r[5]), AsInt(r[6])});
  }
  return out;
}

Result<SpeedMetrics> LoadSpeedMetrics(db::Connection& c, Micros from, Micros to, SpeedGrouping grouping, Micros now) {
  KS_ASSIGN_OR_RETURN(StoredRules rules, LoadCaseRules(c));
  KS_ASSIGN_OR_RETURN(std::vector<CaseTiming> timings, LoadCaseTimings(c, from, to));
  return ComputeSpeedMetrics(timings, grouping, rules.calendar, now);
}

Result<StoredRules> LoadCaseRules(db::Connection& c) {
  KS_ASSIGN_OR_RETURN(db::Rows rows,
                      c.Query("SELECT r.revision, r.rules, r.calendar, u.name, r.created_at FROM case_rule_sets r "
                              "LEFT JOIN users u ON u.id = r.created_by ORDER BY r.revision DESC LIMIT 1"));
  StoredRules out;
  out.rules = DefaultRuleSet();
  if (rows.empty()) return out;
  const auto& r = rows.rows[0];
  out.revision = AsInt(r[0]);
  KS_ASSIGN_OR_RETURN(out.rules, ParseRuleSet(AsText(r[1])));
  const auto calendar_json = nlohmann::json::parse(AsText(r[2]), nullptr, false);
  if (calendar_json.is_discarded()) return Error::Internal("case_rule_sets.calendar is not JSON");
  KS_ASSIGN_OR_RETURN(out.calendar, BusinessCalendar::FromJson(calendar_json));
  out.saved_by = AsText(r[3]);
  out.saved_at = AsInt(r[4]);
  return out;
}

Result<std::int64_t> SaveCaseRules(db::Connection& c, const RuleSet& rules, const BusinessCalendar& calendar,
                                   std::optional<std::int64_t> user, Micros now) {
  // The next revision is computed in the INSERT, so two admins saving at once get two revisions (or
  // one fails on the primary key) rather than one overwriting the other silently.
  KS_ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query(
          "INSERT INTO case_rule_sets (revision, rules, calendar, created_by, created_at) "
          "SELECT COALESCE(MAX(revision), 0) + 1, $1, $2, CAST($3 AS BIGINT), CAST($4 AS BIGINT) FROM case_rule_sets "
          "RETURNING revision",
          {RuleSetToJson(rules), calendar.ToJson().dump(), user ? Value(*user) : Value(nullptr), now}));
  return AsInt(rows.rows.at(0)[0]);
}

}  // namespace ks::cases
