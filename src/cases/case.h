// A case as stored (migrations/0007_cases.*.sql, 0010): one customer's call for help with its owner, deadlines
// and timeline. Plain values.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/clock.h"
#include "cases/case_rules.h"
#include "cases/case_state.h"

namespace ks::cases {

struct Case {
  std::int64_t id = 0;
  std::optional<std::int64_t> customer_id;
  std::string customer_ref;   // the organisation's reference; empty for an anonymous item
  std::string customer_name;  // may be empty
  std::optional<std::int64_t> unit_id;
  std::string unit_code, unit_name;
  CaseState state = CaseState::kNew;
  Priority priority = Priority::kNormal;
  std::string rule_key;                  // the rule that opened it
  std::int64_t opening_feedback_id = 0;  // 0 for an exit case
  std::string kind = "feedback";         // or "exit": the customer was marked lost (exit_cases.h)
  std::optional<std::int64_t> owner_user_id;
  std::string owner_name, owner_email;
  std::string owner_queue;  // when no user owns it
  Micros opened_at = 0;
  Micros first_contact_due = 0;  // kNoDeadline when the calendar never reaches it
  Micros resolution_due = 0;
  std::optional<Micros> first_contact_at, resolved_at, closed_at;
  std::string root_cause, resolution;
  std::string not_contacted_reason;  // "no consent" when closed without contact for that reason
  int escalation_level = 0;          // see escalation.h
  Micros updated_at = 0;
  std::int64_t item_count = 0;
  bool customer_consents = false;  // the customer agreed to be contacted about their feedback

  bool open() const { return IsOpen(state); }
  // The deadline that matters now: first contact until then, resolution after.
  Micros due() const { return first_contact_at ? resolution_due : first_contact_due; }
  bool overdue(Micros now) const { return open() && state != CaseState::kResolved && now > due(); }
};

// One entry of a case's timeline.
struct CaseEvent {
  std::int64_t id = 0;
  std::int64_t case_id = 0;
  // opened, joined, state, note, call, email, escalated, assigned, not_contacted
  std::string kind;
  std::optional<std::int64_t> user_id;  // none: klantstem itself
  std::string user_name;
  std::string detail;  // a JSON object, its fields depending on the kind
  Micros at = 0;
};

}  // namespace ks::cases
