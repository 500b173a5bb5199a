// Executive callbacks (issue 7, item 4): which customers are unhappy enough that a top manager calls them
// personally, and the weekly plan that shares those calls fairly among the executives. Pure logic — no
// database: the caller passes this week's executives, the candidates and what the previous weeks looked
// like, and stores the plan. Plain values; pure functions; thread-safe.
//
// The plan for a week is decided in three steps, so that each concern has one place:
//   1. Severity decides WHO is called. Candidates are ranked most severe first (critical cases, then the
//      lowest score relative to its scale, then the oldest); a customer with several candidates is one
//      call, ranked by their most severe one. The top `capacity` customers (the sum of this week's
//      quotas) are called; the rest are reported as unassigned, never dropped silently.
//   2. Continuity decides who calls a customer an executive called before: in severity order, such a
//      customer goes to that executive while the executive has room this week.
//   3. Fair rotation places the others, in severity order: each goes to the executive with the fewest
//      callbacks (the history window plus this week so far) who still has room; ties go to the lower id.
// Continuity never makes a customer unassigned (step 1 already chose who is called), and continuity calls
// count towards fairness, so rotation gives the next calls to the others. With equal quotas, no returning
// customers and a history window that covers every earlier week, the executives' totals never differ by
// more than one; an executive back from an absence gets the next calls until they have caught up.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "base/time.h"
#include "feedback/feedback.h"

namespace ks::cases {

// True for the most unhappy customers: nps 0–3, grade10 1–3, csat5 1 and stars5 1 (the worst mark of a
// five-point scale, as csat5: scale.h treats the two alike), and any case marked critical whatever its
// score. Unlike the default worst_scores rule (case_rules.h), stars5 1 qualifies here too.
bool QualifiesForExecutiveCallback(const std::optional<Score>& score, bool critical);

struct Executive {
  std::int64_t id = 0;  // the user id; unique among the executives of one plan
  std::string name;
  // Callbacks this executive takes this week; 0 when away. Default 5; never negative.
  int weekly_quota = 5;
};

// A customer who qualified (see QualifiesForExecutiveCallback) through one of their cases.
struct CallbackCandidate {
  std::int64_t customer_id = 0;
  std::int64_t case_id = 0;
  Micros qualified_at = 0;     // when the qualifying feedback item came in
  bool critical = false;       // the case is marked critical
  std::optional<Score> score;  // the qualifying item's score; none for, e.g., a critical complaint letter
};

// Severity order, most severe first: critical before not critical; then the lower score relative to its
// scale ((value − min) / (max − min): nps 0, grade10 1 and csat5 1 are all 0; nps 3 is 0.3, grade10 3 is
// 0.22), a candidate without a score after those with one; then the older qualified_at; then the lower
// customer id and case id, so the order is total.
bool MoreSevere(const CallbackCandidate& a, const CallbackCandidate& b);

// What the previous weeks of the history window looked like (the caller chooses the window, typically
// the N weeks before this one; see WeeksLater). Executives and customers missing here had none.
struct CallbackHistory {
  std::map<std::int64_t, int> callbacks_by_executive;               // executive id → callbacks given in the window
  std::map<std::int64_t, std::int64_t> last_executive_by_customer;  // customer id → who last called them
};

// One customer to call.
struct PlannedCallback {
  CallbackCandidate candidate;  // the customer's most severe candidate
  // The customer's other candidate cases, ascending: the same call covers them.
  std::vector<std::int64_t> other_case_ids;
  bool continuity = false;  // given to the executive who called this customer before
};

struct ExecutiveCallbacks {
  Executive executive;
  std::vector<PlannedCallback> callbacks;  // most severe first: the order to call in
};

struct CallbackPlan {
  // Every executive of the input, away ones too (with no callbacks), by ascending id.
  std::vector<ExecutiveCallbacks> executives;
  // Customers beyond this week's capacity, most severe first; unassigned.size() is how many.
  std::vector<PlannedCallback> unassigned;
};

// This week's callbacks. The same input (in any order) gives the same plan. kInvalidArgument for a
// negative quota ("executives[1].weekly_quota") or an executive id listed twice ("executives[3].id").
Result<CallbackPlan> PlanWeeklyCallbacks(const std::vector<Executive>& executives,
                                         const std::vector<CallbackCandidate>& candidates,
                                         const CallbackHistory& history);

}  // namespace ks::cases
