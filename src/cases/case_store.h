// Reading cases, their items and timelines, the counts of open and overdue cases, and the stored rule
// set with its business calendar (migrations/0007_cases.*.sql). Writes go through the rule runner
// (rule_runner.h), the case service (case_service.h) and the escalation worker (escalation.h).
// Stateless functions on the caller's connection; thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "base/result.h"
#include "cases/case.h"
#include "cases/sla_clock.h"
#include "cases/speed_metrics.h"
#include "db/database.h"

namespace ks::cases {

struct CaseFilter {
  enum class Status { kOpen, kClosed, kAll };
  Status status = Status::kOpen;
  std::optional<CaseState> state;
  std::optional<Priority> priority;
  std::optional<std::int64_t> owner_user_id;
  std::optional<std::int64_t> unit_id;
  // Visibility: when either is set, only cases of these units or owned by this user.
  std::optional<std::vector<std::int64_t>> unit_scope;
  std::optional<std::int64_t> visible_owner;
  bool overdue_only = false;  // past the deadline that matters now (see Case::due)
  int limit = 200;            // 1..1000
  int offset = 0;
};

// Most urgent first: by the deadline that matters now, then priority, then id.
Result<std::vector<Case>> ListCases(db::Connection& c, const CaseFilter& filter, Micros now);
// Cases matching the filter (limit and offset ignored).
Result<std::int64_t> CountCases(db::Connection& c, const CaseFilter& filter, Micros now);
Result<std::optional<Case>> GetCase(db::Connection& c, std::int64_t id);
// Oldest first.
Result<std::vector<CaseEvent>> ListCaseEvents(db::Connection& c, std::int64_t case_id);
// The case's feedback items, oldest first.
Result<std::vector<std::int64_t>> CaseFeedbackIds(db::Connection& c, std::int64_t case_id);
// What the customer said in the item that opened the case, as it reads now (an open answer given after
// the score included); empty for an exit case or an item without words.
Result<std::string> OpeningText(db::Connection& c, const Case& k);
// The customer's answers since the case opened that are not among its items (a recovery or exit survey's
// answer, a happy word later), newest first, at most `limit`.
Result<std::vector<std::int64_t>> LaterAnswerIds(db::Connection& c, const Case& k, int limit);
// The case an item is in, if any.
Result<std::optional<std::int64_t>> CaseOfFeedback(db::Connection& c, std::int64_t feedback_id);
// The customer's newest exit case, if any.
Result<std::optional<std::int64_t>> ExitCaseOfCustomer(db::Connection& c, std::int64_t customer_id);

// Who a new case goes to. kUnitManager: the active manager of the item's unit, else of the nearest unit
// above it that has one; kUser: that active user (else as kUnitManager); kQueue: the queue. Without a
// user it falls to the queue "unassigned", which admins, coordinators and executives see.
struct OwnerUser {
  std::optional<std::int64_t> user_id;
  std::string name, email, language = "nl";
  std::string queue;  // when no user
};
inline constexpr std::string_view kUnassignedQueue = "unassigned";
Result<OwnerUser> ResolveOwner(db::Connection& c, const CaseOwner& owner, std::optional<std::int64_t> unit_id);
// An active user by id (for escalations and reassignment); none when there is no such active user.
Result<std::optional<OwnerUser>> FindUser(db::Connection& c, std::int64_t user_id);

// Open and overdue cases of one unit or owner, for the counts everybody sees.
struct CaseCount {
  std::string name;  // unit name or owner name ("" for cases without one)
  std::int64_t open = 0;
  std::int64_t overdue = 0;
};
Result<std::vector<CaseCount>> OpenCasesByUnit(db::Connection& c, Micros now);
Result<std::vector<CaseCount>> OpenCasesByOwner(db::Connection& c, Micros now);

// The timings of the cases opened in [from, to), for the speed metrics (owner: the user's e-mail address
// or the queue's name).
Result<std::vector<CaseTiming>> LoadCaseTimings(db::Connection& c, Micros from, Micros to);
// The speed metrics of the cases opened in [from, to) on the calendar in force, judged at `now`.
Result<SpeedMetrics> LoadSpeedMetrics(db::Connection& c, Micros from, Micros to, SpeedGrouping grouping, Micros now);

// The rule set and business calendar in force: the newest saved revision, or the defaults (revision 0).
struct StoredRules {
  std::int64_t revision = 0;
  RuleSet rules;
  BusinessCalendar calendar = BusinessCalendar::Default();
  std::string saved_by;  // name of who saved it; empty for the defaults
  Micros saved_at = 0;
};
Result<StoredRules> LoadCaseRules(db::Connection& c);
// Stores a new revision and returns it.
Result<std::int64_t> SaveCaseRules(db::Connection& c, const RuleSet& rules, const BusinessCalendar& calendar,
                                   std::optional<std::int64_t> user, Micros now);

}  // namespace ks::cases
