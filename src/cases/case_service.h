// Working a case (issue 7 §2): who may see and work which case, and the steps a person takes on it —
// a note, a call with its outcome, an e-mail to the customer (through the outbox, in the customer's
// language), starting work, resolving, closing with root cause and resolution, reopening, and handing
// the case to someone else. Every step is an entry of the case's timeline with who and when.
//
// The customer's consent is respected: without it (or without a known customer) calls and e-mails are
// refused, and a case closed without contact records "not contacted: no consent".
//
// A step is one transaction on a pool connection; a case changed by someone else since it was read is
// refused (kConflict), so two people never overwrite each other's step. Thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "accounts/policy.h"
#include "base/clock.h"
#include "cases/case.h"
#include "cases/case_store.h"
#include "db/connection_pool.h"

namespace ks::cases {

// Who may see and work a case: admins, coordinators and executives all; managers the cases of their
// units and those they own; employees only those they own. Everybody sees the counts.
bool CanSeeCase(const Actor& actor, const Case& c);
// Restricts `filter` to the cases `actor` may see (CanSeeCase).
void RestrictToVisible(const Actor& actor, CaseFilter& filter);

enum class CallOutcome { kReached, kVoicemail, kNoAnswer };
std::string_view CallOutcomeName(CallOutcome outcome);  // "reached", "voicemail", "no_answer"
std::optional<CallOutcome> ParseCallOutcome(std::string_view name);

struct CaseStep {
  enum class Kind { kNote, kCall, kEmail, kStartWork, kResolve, kClose, kReopen, kAssign };
  Kind kind = Kind::kNote;
  std::string text;  // the note, the call's summary, the e-mail's body, or why it was reopened
  CallOutcome outcome = CallOutcome::kReached;
  std::string subject;         // e-mail
  std::string resolution;      // resolve, close
  std::string root_cause;      // close: one of kRootCauses
  std::int64_t assign_to = 0;  // assign: an active user's id
  // close: invite the customer to the surveys triggered by a closed case (the recovery survey: "How
  // satisfied are you with how we handled this?"), once per case; nothing when no survey has that trigger.
  bool recovery_survey = true;
};
std::string_view StepKindName(CaseStep::Kind kind);  // "note", "call", "email", "start_work", …
std::optional<CaseStep::Kind> ParseStepKind(std::string_view name);

// Root-cause categories offered on closing.
inline constexpr std::string_view kRootCauses[] = {"product", "service", "delivery", "price",       "communication",
                                                   "staff",   "process", "billing",  "expectation", "other"};
inline constexpr size_t kMaxStepText = 10'000;

// The person taking a step.
struct CaseWorker {
  Actor actor;
  std::string name;
};

class CaseService {
 public:
  // `base_url` is for the links in webhooks (case.closed).
  CaseService(db::ConnectionPool& pool, const Clock& clock, std::string base_url = "http://127.0.0.1:8080")
      : pool_(pool), clock_(clock), base_url_(std::move(base_url)) {}

  // Takes `step` on case `case_id` and returns the case afterwards. kNotFound for an unknown case or one
  // the worker may not see; kPermissionDenied when they may see but not work it; kInvalidArgument
  // (naming the field) for a step that is incomplete or not allowed now (closing without root cause,
  // calling without consent, …); kConflict when the case changed meanwhile.
  Result<Case> Take(const CaseWorker& worker, std::int64_t case_id, const CaseStep& step,
                    const std::string& organisation_name);

 private:
  db::ConnectionPool& pool_;
  const Clock& clock_;
  std::string base_url_;
};

}  // namespace ks::cases
