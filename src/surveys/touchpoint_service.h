// Touchpoints: a customer contact (a purchase, a delivery, a support call, a visit) recorded through
// the API, and the invitations it schedules by the triggers of the active surveys — each at the
// contact's time plus the trigger's delay, out of the organisation's quiet hours. The touchpoint, its
// customer and its invitations are written in one transaction; a repeated idempotency_key records
// nothing new. Whether an invitation is really sent is decided at send time (invitation_sender.h).
//
// Thread-safe; `done` runs on the writer thread.
#pragma once

#include <functional>
#include <nlohmann/json.hpp>

#include "customers/customer_store.h"
#include "customers/unit_directory.h"
#include "db/connection_pool.h"
#include "db/group_commit_writer.h"

namespace ks::surveys {

struct TouchpointInput {
  CustomerUpsert customer;
  std::string type;  // purchase, delivery, support-call, visit, … (lowercase key)
  std::string unit;  // unit code, may be empty
  std::string employee;
  Micros occurred_at = 0;
  std::string idempotency_key;  // empty: none
};

// {"customer": {…}, "type": "delivery", "unit": "…", "employee": "…", "occurred_at": "…",
//  "idempotency_key": "…"}; occurred_at defaults to `now` and may not lie more than a day ahead.
Result<TouchpointInput> ParseTouchpointJson(const nlohmann::json& body, Micros now);

struct ScheduledInvitation {
  std::int64_t id = 0;
  std::string survey, channel;
  Micros scheduled_at = 0;
};

struct RecordedTouchpoint {
  std::int64_t id = 0;
  bool created = true;  // false: the idempotency_key was seen before; nothing new was scheduled
  std::vector<ScheduledInvitation> invitations;
};

// Touchpoints klantstem records itself, for the surveys that follow up on them: a case closed (the
// recovery survey, issue 7 §6) and a customer marked lost (the exit survey, §7). The invitations they
// schedule are exempt from the fatigue rule: they follow an event of the customer's own.
inline constexpr std::string_view kCaseClosedTouchpoint = "case-closed";
inline constexpr std::string_view kCustomerLostTouchpoint = "customer-lost";
bool IsFollowUpTouchpoint(std::string_view type);

// An invitation a touchpoint schedules, with its INSERT (which finds the touchpoint by its idempotency
// key and creation time, so it inserts nothing for a repeated key).
struct InvitationStatement {
  ScheduledInvitation invitation;
  db::Statement statement;
};
// One per trigger on `type` of an active survey, sent at occurred_at plus the trigger's delay, out of
// the organisation's quiet hours.
Result<std::vector<InvitationStatement>> InvitationStatements(db::Connection& c, const std::string& type,
                                                              Micros occurred_at, const std::string& key, Micros now);

// A follow-up touchpoint of a known customer, now: the statements that record it and schedule its
// invitations, to be written in the caller's transaction, and the slugs of the surveys it invites to
// (none when no active survey has a trigger on `type`). A touchpoint recorded under `idempotency_key`
// before gives nothing at all (and a concurrent one is not written twice: the key is unique).
struct FollowUpTouchpoint {
  std::vector<db::Statement> statements;
  std::vector<std::string> surveys;
};
Result<FollowUpTouchpoint> FollowUpTouchpointStatements(db::Connection& c, std::int64_t customer_id,
                                                        std::optional<std::int64_t> unit_id, std::string_view type,
                                                        const std::string& idempotency_key, Micros now);

class TouchpointService {
 public:
  TouchpointService(db::GroupCommitWriter& writer, db::ConnectionPool& pool, UnitDirectory& units, const Clock& clock)
      : writer_(writer), pool_(pool), units_(units), clock_(clock) {}

  using Done = std::function<void(Result<RecordedTouchpoint>)>;
  // kInvalidArgument (field "unit") for an unknown unit, before anything is written.
  void Record(TouchpointInput touchpoint, Done done);
  // Called after a touchpoint scheduled invitations (wakes the sender).
  void OnScheduled(std::function<void()> callback) { on_scheduled_ = std::move(callback); }

 private:
  db::GroupCommitWriter& writer_;
  db::ConnectionPool& pool_;
  UnitDirectory& units_;
  const Clock& clock_;
  std::function<void()> on_scheduled_;
};

}  // namespace ks::surveys
