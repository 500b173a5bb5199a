// Executive callbacks in the database (issue 7, items 4 and 5; migrations/0008_callbacks.*.sql): the
// weekly plan of customers each executive calls personally, the calls they record, the executives'
// weekly quotas, the report of what they heard, and the raw words of the unhappiest customers ("the
// client seat"). Which customers qualify and who calls whom is decided by callback_rotation.h; this file
// gathers its input from the cases and stores its output.
//
// A week's plan is made when it is first needed (the first look at the list) and topped up later: a
// customer who qualifies during the week goes to an executive who still has room, or is kept as "could
// not be given to anyone". Planning takes a lock on the week's row in callback_plans, so several nodes
// planning at once take turns and a customer is never given twice in one week.
//
// Candidates for a week: customers who agreed to be contacted, with a case that qualifies
// (QualifiesForExecutiveCallback on the case's opening item and its priority) and that is still open or
// was opened in this week or the week before (so a case opened and closed between two plans is not
// missed), unless an executive already reached the customer about that case (or skipped it) in any week.
// A case whose earlier callback was never made, or did not reach the customer, is offered again (to the
// same executive when they tried, by continuity).
//
// Stateless functions on the caller's connection (one thread at a time, as every Connection).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/policy.h"
#include "base/result.h"
#include "base/time.h"
#include "cases/callback_rotation.h"
#include "cases/case_rules.h"
#include "cases/case_service.h"
#include "cases/case_state.h"
#include "db/database.h"
#include "feedback/feedback.h"

namespace ks::cases {

// How many weeks before this one count for fair rotation and continuity.
inline constexpr int kCallbackHistoryWeeks = 8;
// Callbacks an executive takes a week when no quota was set.
inline constexpr int kDefaultWeeklyQuota = 5;
inline constexpr int kMaxWeeklyQuota = 50;
// At most this many bytes of what an executive heard.
inline constexpr size_t kMaxHeardBytes = 10'000;

// One customer to call in one week (or one who could not be given to anyone: no executive_id).
struct CallbackAssignment {
  std::int64_t id = 0;
  int iso_year = 0;
  int iso_week = 0;
  Micros week_start = 0;
  std::optional<std::int64_t> executive_id;  // none: beyond the week's capacity
  std::string executive_name;
  std::int64_t customer_id = 0;
  std::string customer_ref, customer_name, customer_phone, customer_email;  // name, phone, e-mail may be empty
  std::int64_t case_id = 0;                                                 // the customer's most severe case
  std::vector<std::int64_t> other_case_ids;  // the customer's other cases the same call covers, ascending
  Priority case_priority = Priority::kNormal;
  CaseState case_state = CaseState::kNew;
  std::int64_t feedback_id = 0;  // the case's opening item: the words that made the customer qualify
  std::optional<Score> score;
  std::string text;
  Micros received_at = 0;
  bool continuity = false;             // given to the executive who called this customer before
  int position = 0;                    // the order to call in, per executive (0 first)
  std::string status;                  // "open", "called" (an attempt was recorded), "skipped" or "unassigned"
  std::optional<CallOutcome> outcome;  // of the last recorded attempt
  std::string heard;                   // what the executive heard, verbatim; may be empty unless reached
  std::optional<Micros> called_at;
  Micros created_at = 0;
};

struct WeekPlan {
  LocalWeek week;
  std::optional<Micros> planned_at;  // none: nobody qualified this week so far
  // Assigned ones by executive name and position, then those nobody could take (most severe first).
  std::vector<CallbackAssignment> assignments;
  std::int64_t unassigned = 0;  // customers who could not be given to anyone this week
  std::int64_t added = 0;       // customers this call added to the plan (0: the plan was complete)
};

// This week's plan (the local week holding `now` in `zone`), made or topped up as described above.
// Planning twice without anything new gives the same plan and writes nothing.
Result<WeekPlan> PlanWeek(db::Connection& c, Micros now, const TimeZone& zone);

// The assignments of `week` as stored (without planning), of one executive or of everybody.
Result<std::vector<CallbackAssignment>> ListAssignments(db::Connection& c, const LocalWeek& week,
                                                        std::optional<std::int64_t> executive_id = std::nullopt);
Result<std::optional<CallbackAssignment>> GetAssignment(db::Connection& c, std::int64_t id);

// Records an attempt to call: the outcome and what the executive heard (verbatim; required when the
// customer was reached). Only the assigned executive or an admin records it. Each attempt is an
// `executive_call` entry on the timeline of every case the call covers (detail: outcome, heard,
// executive, assignment_id and, for the timeline's generic view, text = heard). Errors: kNotFound for an
// unknown assignment; kPermissionDenied for anyone else; kInvalidArgument naming "heard" (missing, too
// long, not UTF-8) or "assignment" (nobody was given this customer); kConflict when the customer was
// already reached.
Result<CallbackAssignment> RecordCallback(db::Connection& c, std::int64_t assignment_id, const Actor& actor,
                                          CallOutcome outcome, const std::string& heard, Micros now);

// Active executives with their weekly quota (kDefaultWeeklyQuota when none was set), by name.
Result<std::vector<Executive>> ListExecutives(db::Connection& c);
// Sets an active executive's weekly quota (0..kMaxWeeklyQuota; 0 means away). kInvalidArgument naming
// "weekly_quota"; kNotFound when `executive_id` is not an active executive.
Result<void> SetWeeklyQuota(db::Connection& c, std::int64_t executive_id, int weekly_quota,
                            std::optional<std::int64_t> set_by, Micros now);

// The report over the weeks from `from` to `to`, both included (stored plans only; nothing is planned).
struct ExecutiveCallbackCounts {
  std::int64_t executive_id = 0;
  std::string name;
  int weekly_quota = kDefaultWeeklyQuota;  // now
  bool active = true;                      // still an active executive
  std::int64_t planned = 0, called = 0, reached = 0, voicemail = 0, no_answer = 0, open = 0;
};
struct WeekCallbackCounts {
  int iso_year = 0;
  int iso_week = 0;
  Micros week_start = 0;
  std::int64_t planned = 0, called = 0, reached = 0, unassigned = 0;
};
// What one executive heard on one call, as they wrote it down.
struct HeardEntry {
  std::int64_t assignment_id = 0;
  std::string executive_name;
  std::string customer_ref, customer_name;
  std::int64_t case_id = 0;
  CallOutcome outcome = CallOutcome::kReached;
  std::string heard;
  Micros called_at = 0;
  int iso_year = 0;
  int iso_week = 0;
};
struct CallbackReport {
  std::vector<ExecutiveCallbackCounts> executives;  // active executives and anyone planned in the range, by name
  std::vector<WeekCallbackCounts> weeks;            // weeks that have a plan, newest first
  std::vector<HeardEntry> heard;                    // everything heard, newest first (at most kMaxHeardEntries)
  std::int64_t unassigned = 0;                      // customers nobody could take, over the range
};
inline constexpr size_t kMaxHeardEntries = 2000;
Result<CallbackReport> ReportCallbacks(db::Connection& c, const LocalWeek& from, const LocalWeek& to);

// The client seat: feedback of our own brand with words, received at or after `from`, whose score is in
// the unhappy class or that is in a critical case; newest first (received_at, then id). `cursor` is a
// next_cursor of an earlier page or empty; kInvalidArgument naming "cursor" for a malformed one.
struct ClientSeatEntry {
  std::int64_t feedback_id = 0;
  std::optional<std::int64_t> case_id;
  bool critical = false;  // the case is critical
};
struct ClientSeatPage {
  std::vector<ClientSeatEntry> entries;
  std::string next_cursor;  // empty on the last page
};
Result<ClientSeatPage> ListClientSeat(db::Connection& c, Micros from, const std::string& cursor, int limit);
Result<std::int64_t> CountClientSeat(db::Connection& c, Micros from);

}  // namespace ks::cases
