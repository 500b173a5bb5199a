// SQL for touchpoints and invitations: scheduling (in the touchpoint's transaction), the sender's
// claims with leases (FOR UPDATE SKIP LOCKED on PostgreSQL, so several nodes never send one
// invitation twice), the facts the send-time rules need, and the outcome of each attempt.
// Stateless functions; thread-safe; each uses the caller's connection.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "base/clock.h"
#include "db/database.h"

namespace ks::surveys {

// A claimed invitation with what sending it needs to know.
struct DueInvitation {
  std::int64_t id = 0;
  std::int64_t survey_id = 0;
  int survey_version = 1;
  std::string channel;    // email | sms
  bool reminder = false;  // a reminder of an invitation sent before
  std::int64_t attempts = 0;
  std::int64_t customer_id = 0;
  std::string customer_name, email, phone, customer_language;
  bool lost = false, opted_out = false, survey_email = true, survey_sms = false;
  std::string survey_slug;
  bool survey_active = true;
  Micros expires_at = 0;        // for reminders: the invitation's expiry
  std::string touchpoint_type;  // of the touchpoint that scheduled it; empty for none
};

// Claims up to `limit` scheduled invitations due at `now`, and reminders due at `now`, for `lease`.
Result<std::vector<DueInvitation>> ClaimDueInvitations(db::Connection& c, Micros now, int limit, Micros lease);
// When the customer was last sent an invitation other than `except_id` (read just before sending, so
// two invitations of one customer due in the same pass see each other).
Result<std::optional<Micros>> LastInvitedAt(db::Connection& c, std::int64_t customer_id, std::int64_t except_id);
// Invitations of `survey_id` sent since `since`.
Result<int> CountSentSince(db::Connection& c, std::int64_t survey_id, Micros since);

// A skipped invitation records `reason`; a reminder that may not go out is simply not sent.
Result<void> MarkSkipped(db::Connection& c, const DueInvitation& invitation, std::string_view reason, Micros now);
// A failed attempt: retried at `retry_at`, or given up (state failed) when `give_up`.
Result<void> MarkAttemptFailed(db::Connection& c, const DueInvitation& invitation, const std::string& error,
                               Micros retry_at, bool give_up);
// The statements that record a sent invitation (or reminder) with its new link token; run them with the
// outbox mail's INSERT in one transaction. `outbox_id` is null for SMS; `delivered` is set for SMS.
std::vector<db::Statement> MarkSentStatements(const DueInvitation& invitation, const std::string& token,
                                              const std::string& language, std::optional<std::int64_t> outbox_id,
                                              Micros now, int expires_days, int reminder_days, bool delivered);

// An invitation found by its link token, for the public pages.
struct InvitationByToken {
  std::int64_t id = 0;
  std::int64_t survey_id = 0;
  int survey_version = 1;
  Micros version_written_at = 0;  // the survey version's created_at (for caches)
  std::string channel, language, unit;
  std::int64_t customer_id = 0;
  std::string customer_ref;
  Micros expires_at = 0;  // 0 until the invitation is recorded as sent
  std::optional<Micros> opened_at, answered_at;
  std::optional<std::int64_t> feedback_id;
};
// kNotFound for an unknown token (its digest is looked up, never the token itself).
Result<InvitationByToken> FindInvitationByToken(db::Connection& c, std::string_view token);

}  // namespace ks::surveys
