// Working on action plans (issue 8 §5–§7): creating and editing a plan, linking feedback to it, the
// mandatory decision, starting and finishing the work, progress notes — and feeding every decision back.
//
// Feeding back happens in the transaction of the decision (and again of the completion): for each linked
// item whose customer may be contacted (the customer's consent, or for an employee report the consent
// the customer gave the colleague) and has an e-mail address, a mail in the customer's language goes
// into the outbox; when an employee report's customer agreed but has no known address, the colleague who
// reported it gets a task to tell them personally; otherwise nobody can be told, and the plan says so.
// One message per item and milestone (action_messages), so a decision is never told twice. A finished
// plan becomes an analytics event (a marker on the trend charts).
//
// Who may do what: creating, editing, linking and deciding is for those who may manage actions (admins
// and coordinators, Action::kManageActions); the owner may also start, finish and add notes; everyone
// may read plans. Each call is one transaction on a pool connection; a plan changed by someone else
// since it was read is refused (kConflict). Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "accounts/policy.h"
#include "actions/action.h"
#include "base/clock.h"
#include "db/connection_pool.h"

namespace ks::actions {

struct ActionInput {
  std::string title;                          // 1..200 bytes
  std::string description;                    // at most 10,000 bytes
  std::optional<std::int64_t> owner_user_id;  // an active user, or none yet
  std::string unit;                           // a unit code, or empty for the whole organisation
  std::string due_date;                       // YYYY-MM-DD, or empty
};

// The person (or API key, user_id 0) doing it.
struct ActionWorker {
  Actor actor;
  std::string name;
};

inline constexpr size_t kMaxTitle = 200;
inline constexpr size_t kMaxActionText = 10'000;

class ActionService {
 public:
  // `base_url` is for links in mails. The customers' mails are signed with the organisation's name and
  // written in its default language when the customer's is unknown (organisation settings).
  ActionService(db::ConnectionPool& pool, const Clock& clock, std::string base_url)
      : pool_(pool), clock_(clock), base_url_(std::move(base_url)) {}

  // A new plan (status proposed) with `feedback_ids` linked to it. kInvalidArgument naming the field
  // (title, description, owner_user_id, unit, due_date, feedback_ids[i]); kPermissionDenied; kConflict
  // when an item is already linked to another plan.
  Result<ActionPlan> Create(const ActionWorker& worker, const ActionInput& input,
                            const std::vector<std::int64_t>& feedback_ids);
  Result<ActionPlan> Edit(const ActionWorker& worker, std::int64_t action_id, const ActionInput& input);
  // Links items (any source) to the plan and takes them out of the triage queue. Items already linked to
  // this plan are skipped; one linked to another plan is kConflict naming both. Linking to a decided plan
  // tells the new items' customers the decision at once.
  Result<ActionPlan> Link(const ActionWorker& worker, std::int64_t action_id,
                          const std::vector<std::int64_t>& feedback_ids);
  Result<ActionPlan> Unlink(const ActionWorker& worker, std::int64_t action_id, std::int64_t feedback_id);
  // The decision, with a reason customers can read (1..2,000 bytes, field "reason"), told to every linked
  // customer. Changing a decision (before work starts) tells them again.
  Result<ActionPlan> Decide(const ActionWorker& worker, std::int64_t action_id, Decision decision,
                            const std::string& reason);
  Result<ActionPlan> Start(const ActionWorker& worker, std::int64_t action_id);
  // Done: told to every linked customer, and a marker on the analytics trend from now on.
  Result<ActionPlan> Finish(const ActionWorker& worker, std::int64_t action_id, const std::string& note);
  Result<ActionPlan> AddNote(const ActionWorker& worker, std::int64_t action_id, const std::string& text);
  // The colleague's task is done: they told the customer personally.
  Result<void> MarkTold(const ActionWorker& worker, std::int64_t action_id, std::int64_t feedback_id,
                        const std::string& milestone);

 private:
  db::ConnectionPool& pool_;
  const Clock& clock_;
  std::string base_url_;
};

inline constexpr size_t kMaxReason = 2'000;

}  // namespace ks::actions
