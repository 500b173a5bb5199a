// Reading action plans (tables of migrations/0011_actions.*.sql): one plan, lists, the items linked to a
// plan with whether their customers were told, the timeline, the "you said, we did" feed and the
// colleagues' open tasks. Changes go through ActionService. Stateless functions on the caller's
// connection; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "actions/action.h"
#include "base/result.h"
#include "db/database.h"

namespace ks::actions {

Result<std::optional<ActionPlan>> GetAction(db::Connection& c, std::int64_t id);

struct ActionFilter {
  std::optional<ActionStatus> status;
  std::optional<std::int64_t> unit_id;
  int limit = 200;
};
// Most recently changed first.
Result<std::vector<ActionPlan>> ListActions(db::Connection& c, const ActionFilter& filter);

// How a linked item's customer hears about a milestone (action_messages).
struct Message {
  std::string milestone;                // "decided" or "done"
  std::string how;                      // "mail", "colleague" or "nobody"
  std::optional<std::int64_t> user_id;  // how = colleague
  std::optional<Micros> informed_at;
};

struct LinkedItem {
  std::int64_t feedback_id = 0;
  std::string source, text, language;
  std::optional<std::int64_t> unit_id, customer_id, reported_by;
  Micros received_at = 0, linked_at = 0;
  std::vector<Message> messages;  // oldest first
};
Result<std::vector<LinkedItem>> ListLinkedItems(db::Connection& c, std::int64_t action_id);

// A timeline entry: created, edited, linked, unlinked, decided, started, done, note, told.
struct ActionEvent {
  std::int64_t id = 0, action_id = 0;
  std::string kind;
  std::optional<std::int64_t> user_id;
  std::string user_name;
  std::string detail;  // JSON
  Micros at = 0;
};
Result<std::vector<ActionEvent>> ListActionEvents(db::Connection& c, std::int64_t action_id);

// "You said, we did": decisions and completions, newest first, with the plan as it is now.
struct FeedEntry {
  ActionEvent event;
  ActionPlan plan;
};
// Entries at or after `since`, at most `limit`.
Result<std::vector<FeedEntry>> ListFeed(db::Connection& c, Micros since, int limit);

// A colleague's task: tell the customer of item `feedback_id` about plan `action_id`'s milestone.
struct TellTask {
  std::int64_t action_id = 0, feedback_id = 0;
  std::string milestone, action_title, text, customer_name;
  std::optional<Decision> decision;
  std::string decision_reason;
  Micros created_at = 0;
};
Result<std::vector<TellTask>> OpenTellTasks(db::Connection& c, std::int64_t user_id);

}  // namespace ks::actions
