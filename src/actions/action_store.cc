#include "actions/action_store.h"

#include <fmt/format.h>

#include <map>
#include <nlohmann/json.hpp>

namespace ks::actions {
namespace {

using db::AsInt;
using db::AsOptionalInt;
using db::AsText;
using db::Value;

constexpr std::string_view kActionColumns = R"(
SELECT a.id, a.title, a.description, a.owner_user_id, us.name, a.unit_id, un.code, un.name, a.due_date, a.status,
       a.decision, a.decision_reason, a.decided_at, a.done_at, a.event_id, a.created_at, a.updated_at,
       (SELECT COUNT(*) FROM action_items ai WHERE ai.action_id = a.id)
FROM actions a LEFT JOIN users us ON us.id = a.owner_user_id LEFT JOIN units un ON un.id = a.unit_id)";

ActionPlan ToPlan(const std::vector<Value>& r) {
  ActionPlan p;
  p.id = AsInt(r[0]);
  p.title = AsText(r[1]);
  p.description = AsText(r[2]);
  p.owner_user_id = AsOptionalInt(r[3]);
  p.owner_name = AsText(r[4]);
  p.unit_id = AsOptionalInt(r[5]);
  p.unit_code = AsText(r[6]);
  p.unit_name = AsText(r[7]);
  p.due_date = AsText(r[8]);
  p.status = ParseStatus(AsText(r[9])).value_or(ActionStatus::kProposed);
  p.decision = ParseDecision(AsText(r[10]));
  p.decision_reason = AsText(r[11]);
  p.decided_at = AsOptionalInt(r[12]);
  p.done_at = AsOptionalInt(r[13]);
  p.event_id = AsOptionalInt(r[14]);
  p.created_at = AsInt(r[15]);
  p.updated_at = AsInt(r[16]);
  p.item_count = AsInt(r[17]);
  return p;
}

ActionEvent ToEvent(const std::vector<Value>& r) {
  return ActionEvent{AsInt(r[0]),  AsInt(r[1]),  AsText(r[2]), AsOptionalInt(r[3]),
                     AsText(r[4]), AsText(r[5]), AsInt(r[6])};
}

constexpr std::string_view kEventColumns =
    "SELECT e.id, e.action_id, e.kind, e.user_id, COALESCE(u.name, ''), e.detail, e.at FROM action_events e "
    "LEFT JOIN users u ON u.id = e.user_id";

// The customer's name of an item: the known customer's, else the one a colleague typed in the report.
std::string CustomerName(const Value& known, const Value& attributes) {
  if (std::string name = AsText(known); !name.empty()) return name;
  const auto json = nlohmann::json::parse(AsText(attributes), nullptr, false);
  if (json.is_object() && json.contains("customer_name") && json["customer_name"].is_string()) {
    return json["customer_name"].get<std::string>();
  }
  return "";
}

}  // namespace

Result<std::optional<ActionPlan>> GetAction(db::Connection& c, std::int64_t id) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(std::string(kActionColumns) + " WHERE a.id = $1", {id}));
  if (rows.empty()) return std::optional<ActionPlan>();
  return std::optional<ActionPlan>(ToPlan(rows.rows[0]));
}

Result<std::vector<ActionPlan>> ListActions(db::Connection& c, const ActionFilter& filter) {
  std::vector<Value> params;
  std::vector<std::string> conditions;
  if (filter.status) {
    params.emplace_back(std::string(StatusName(*filter.status)));
    conditions.push_back(fmt::format("a.status = ${}", params.size()));
  }
  if (filter.unit_id) {
    params.emplace_back(*filter.unit_id);
    conditions.push_back(fmt::format("a.unit_id = ${}", params.size()));
  }
  params.emplace_back(std::int64_t{filter.limit});
  std::string sql(kActionColumns);
  if (!conditions.empty()) sql += " WHERE " + fmt::format("{}", fmt::join(conditions, " AND "));
  sql += fmt::format(" ORDER BY a.updated_at DESC, a.id DESC LIMIT ${}", params.size());
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql, params));
  std::vector<ActionPlan> plans;
  for (const auto& r : rows.rows) plans.push_back(ToPlan(r));
  return plans;
}

Result<std::vector<LinkedItem>> ListLinkedItems(db::Connection& c, std::int64_t action_id) {
  KS_ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query(
          "SELECT f.id, f.source, COALESCE(f.text, ''), COALESCE(f.language, ''), f.unit_id, f.customer_id, "
          "f.reported_by, f.received_at, ai.linked_at FROM action_items ai JOIN feedback f ON f.id = ai.feedback_id "
          "WHERE ai.action_id = $1 ORDER BY f.received_at DESC, f.id DESC",
          {action_id}));
  std::vector<LinkedItem> items;
  std::map<std::int64_t, size_t> index;
  for (const auto& r : rows.rows) {
    index[AsInt(r[0])] = items.size();
    items.push_back(LinkedItem{AsInt(r[0]),
                               AsText(r[1]),
                               AsText(r[2]),
                               AsText(r[3]),
                               AsOptionalInt(r[4]),
                               AsOptionalInt(r[5]),
                               AsOptionalInt(r[6]),
                               AsInt(r[7]),
                               AsInt(r[8]),
                               {}});
  }
  KS_ASSIGN_OR_RETURN(db::Rows messages,
                      c.Query("SELECT feedback_id, milestone, how, user_id, informed_at FROM action_messages "
                              "WHERE action_id = $1 ORDER BY created_at, milestone",
                              {action_id}));
  for (const auto& r : messages.rows) {
    const auto found = index.find(AsInt(r[0]));
    if (found == index.end()) continue;  // unlinked since
    items[found->second].messages.push_back(
        Message{AsText(r[1]), AsText(r[2]), AsOptionalInt(r[3]), AsOptionalInt(r[4])});
  }
  return items;
}

Result<std::vector<ActionEvent>> ListActionEvents(db::Connection& c, std::int64_t action_id) {
  KS_ASSIGN_OR_RETURN(db::Rows rows,
                      c.Query(std::string(kEventColumns) + " WHERE e.action_id = $1 ORDER BY e.id", {action_id}));
  std::vector<ActionEvent> events;
  for (const auto& r : rows.rows) events.push_back(ToEvent(r));
  return events;
}

Result<std::vector<FeedEntry>> ListFeed(db::Connection& c, Micros since, int limit) {
  KS_ASSIGN_OR_RETURN(db::Rows rows,
                      c.Query(std::string(kEventColumns) +
                                  " WHERE e.kind IN ('decided', 'done') AND e.at >= $1 ORDER BY e.at DESC, e.id DESC "
                                  "LIMIT $2",
                              {since, std::int64_t{limit}}));
  std::vector<FeedEntry> feed;
  std::map<std::int64_t, ActionPlan> plans;
  for (const auto& r : rows.rows) {
    ActionEvent event = ToEvent(r);
    auto plan = plans.find(event.action_id);
    if (plan == plans.end()) {
      KS_ASSIGN_OR_RETURN(auto found, GetAction(c, event.action_id));
      if (!found) continue;
      plan = plans.emplace(event.action_id, *found).first;
    }
    feed.push_back(FeedEntry{std::move(event), plan->second});
  }
  return feed;
}

Result<std::vector<TellTask>> OpenTellTasks(db::Connection& c, std::int64_t user_id) {
  KS_ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query(
          "SELECT m.action_id, m.feedback_id, m.milestone, a.title, COALESCE(f.text, ''), cu.name, f.attributes, "
          "a.decision, COALESCE(a.decision_reason, ''), m.created_at FROM action_messages m "
          "JOIN actions a ON a.id = m.action_id JOIN feedback f ON f.id = m.feedback_id "
          "LEFT JOIN customers cu ON cu.id = f.customer_id "
          "WHERE m.user_id = $1 AND m.how = 'colleague' AND m.informed_at IS NULL ORDER BY m.created_at, m.action_id",
          {user_id}));
  std::vector<TellTask> tasks;
  for (const auto& r : rows.rows) {
    tasks.push_back(TellTask{AsInt(r[0]), AsInt(r[1]), AsText(r[2]), AsText(r[3]), AsText(r[4]),
                             CustomerName(r[5], r[6]), ParseDecision(AsText(r[7])), AsText(r[8]), AsInt(r[9])});
  }
  return tasks;
}

}  // namespace ks::actions
