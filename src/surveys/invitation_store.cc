#include "surveys/invitation_store.h"

#include "base/random.h"

namespace ks::surveys {
namespace {

using db::Value;

constexpr Micros kDay = 24LL * 3600 * kMicrosPerSecond;

constexpr std::string_view kDueColumns = R"(
SELECT i.id, i.survey_id, i.survey_version, i.channel, i.state = 'sent', i.attempts, c.id, COALESCE(c.name, ''),
       COALESCE(c.email, ''), COALESCE(c.phone, ''), COALESCE(c.language, ''), c.status = 'lost',
       c.opted_out_at IS NOT NULL, c.survey_email, c.survey_sms, s.slug, s.active, COALESCE(i.expires_at, 0), COALESCE(t.type, '')
FROM invitations i JOIN customers c ON c.id = i.customer_id JOIN surveys s ON s.id = i.survey_id
LEFT JOIN touchpoints t ON t.id = i.touchpoint_id
WHERE i.id IN )";

DueInvitation RowToDue(const std::vector<Value>& r) {
  DueInvitation d;
  d.id = db::AsInt(r[0]);
  d.survey_id = db::AsInt(r[1]);
  d.survey_version = static_cast<int>(db::AsInt(r[2]));
  d.channel = db::AsText(r[3]);
  d.reminder = db::AsInt(r[4]) != 0;
  d.attempts = db::AsInt(r[5]);
  d.customer_id = db::AsInt(r[6]);
  d.customer_name = db::AsText(r[7]);
  d.email = db::AsText(r[8]);
  d.phone = db::AsText(r[9]);
  d.customer_language = db::AsText(r[10]);
  d.lost = db::AsInt(r[11]) != 0;
  d.opted_out = db::AsInt(r[12]) != 0;
  d.survey_email = db::AsInt(r[13]) != 0;
  d.survey_sms = db::AsInt(r[14]) != 0;
  d.survey_slug = db::AsText(r[15]);
  d.survey_active = db::AsInt(r[16]) != 0;
  d.expires_at = db::AsInt(r[17]);
  d.touchpoint_type = db::AsText(r[18]);
  return d;
}

}  // namespace

Result<std::vector<DueInvitation>> ClaimDueInvitations(db::Connection& c, Micros now, int limit, Micros lease) {
  const std::string lock = c.engine() == db::Engine::kPostgres ? " FOR UPDATE SKIP LOCKED" : "";
  const std::string claim =
      "UPDATE invitations SET locked_until = $2, attempts = attempts + 1 WHERE id IN (SELECT id FROM invitations "
      "WHERE (state = 'scheduled' AND scheduled_at <= $1 OR state = 'sent' AND reminder_due_at <= $1 AND reminded_at "
      "IS NULL AND answered_at IS NULL AND expires_at > $1) AND (locked_until IS NULL OR locked_until <= $1) "
      "ORDER BY scheduled_at, id LIMIT $3" +
      lock + ") RETURNING id";
  KS_RETURN_IF_ERROR(c.BeginWrite());
  auto claimed = c.Query(claim, {now, now + lease, std::int64_t{limit}});
  if (!claimed.ok() || claimed->empty()) {
    (void)c.Rollback();
    if (!claimed.ok()) return claimed.error();
    return std::vector<DueInvitation>{};
  }
  std::string ids = "(";
  for (const auto& r : claimed->rows) ids += (ids.size() > 1 ? "," : "") + std::to_string(db::AsInt(r[0]));
  auto rows = c.Query(std::string(kDueColumns) + ids + ") ORDER BY i.id");
  if (!rows.ok()) {
    (void)c.Rollback();
    return rows.error();
  }
  KS_RETURN_IF_ERROR(c.Commit());
  std::vector<DueInvitation> out;
  for (const auto& r : rows->rows) out.push_back(RowToDue(r));
  return out;
}

Result<std::optional<Micros>> LastInvitedAt(db::Connection& c, std::int64_t customer_id, std::int64_t except_id) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT MAX(sent_at) FROM invitations WHERE customer_id = $1 AND id <> $2",
                                             {customer_id, except_id}));
  if (rows.empty() || db::IsNull(rows.rows[0][0])) return std::optional<Micros>();
  return std::optional<Micros>(db::AsInt(rows.rows[0][0]));
}

Result<int> CountSentSince(db::Connection& c, std::int64_t survey_id, Micros since) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT COUNT(*) FROM invitations WHERE survey_id = $1 AND sent_at >= $2",
                                             {survey_id, since}));
  return static_cast<int>(db::AsInt(rows.rows[0][0]));
}

Result<void> MarkSkipped(db::Connection& c, const DueInvitation& inv, std::string_view reason, Micros now) {
  // A reminder that may not go out is simply not sent; the invitation itself stays sent.
  if (inv.reminder)
    return c.Exec("UPDATE invitations SET reminded_at = $2, locked_until = NULL WHERE id = $1", {inv.id, now});
  return c.Exec("UPDATE invitations SET state = 'skipped', skip_reason = $2, locked_until = NULL WHERE id = $1",
                {inv.id, std::string(reason)});
}

Result<void> MarkAttemptFailed(db::Connection& c, const DueInvitation& inv, const std::string& error, Micros retry_at,
                               bool give_up) {
  if (inv.reminder) {
    // A reminder given up is one not sent.
    return c.Exec(std::string("UPDATE invitations SET last_error = $2, locked_until = NULL, ") +
                      (give_up ? "reminded_at = $3" : "reminder_due_at = $3") + " WHERE id = $1",
                  {inv.id, error, retry_at});
  }
  return c.Exec(std::string("UPDATE invitations SET last_error = $2, locked_until = NULL, scheduled_at = $3") +
                    (give_up ? ", state = 'failed'" : "") + " WHERE id = $1",
                {inv.id, error, retry_at});
}

std::vector<db::Statement> MarkSentStatements(const DueInvitation& inv, const std::string& token,
                                              const std::string& language, std::optional<std::int64_t> outbox_id,
                                              Micros now, int expires_days, int reminder_days, bool delivered) {
  std::vector<db::Statement> out = {
      {"INSERT INTO invitation_tokens (token_hash, invitation_id) VALUES ($1, $2)", {DigestHex(token), inv.id}}};
  if (inv.reminder) {
    out.push_back({"UPDATE invitations SET reminded_at = $2, locked_until = NULL WHERE id = $1", {inv.id, now}});
    return out;
  }
  out.push_back(
      {"UPDATE invitations SET state = 'sent', sent_at = $2, language = $3, outbox_id = $4, expires_at = $5, "
       "reminder_due_at = $6, delivered_at = $7, locked_until = NULL, last_error = '' WHERE id = $1",
       {inv.id, now, language, outbox_id ? Value(*outbox_id) : Value(nullptr), now + expires_days * kDay,
        reminder_days > 0 ? Value(now + reminder_days * kDay) : Value(nullptr),
        delivered ? Value(now) : Value(nullptr)}});
  return out;
}

Result<InvitationByToken> FindInvitationByToken(db::Connection& c, std::string_view token) {
  KS_ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("SELECT i.id, i.survey_id, i.survey_version, v.created_at, i.channel, i.language, COALESCE(u.code, ''), "
              "i.customer_id, cu.external_ref, COALESCE(i.expires_at, 0), i.opened_at, i.answered_at, i.feedback_id "
              "FROM invitation_tokens t JOIN invitations i ON i.id = t.invitation_id JOIN survey_versions v ON "
              "v.survey_id = i.survey_id AND v.version = i.survey_version JOIN customers cu ON cu.id = i.customer_id "
              "LEFT JOIN units u ON u.id = i.unit_id WHERE t.token_hash = $1",
              {DigestHex(token)}));
  if (rows.empty()) return Error::NotFound("unknown survey link");
  const auto& r = rows.rows[0];
  InvitationByToken inv;
  inv.id = db::AsInt(r[0]);
  inv.survey_id = db::AsInt(r[1]);
  inv.survey_version = static_cast<int>(db::AsInt(r[2]));
  inv.version_written_at = db::AsInt(r[3]);
  inv.channel = db::AsText(r[4]);
  inv.language = db::AsText(r[5]);
  inv.unit = db::AsText(r[6]);
  inv.customer_id = db::AsInt(r[7]);
  inv.customer_ref = db::AsText(r[8]);
  inv.expires_at = db::AsInt(r[9]);
  if (!db::IsNull(r[10])) inv.opened_at = db::AsInt(r[10]);
  if (!db::IsNull(r[11])) inv.answered_at = db::AsInt(r[11]);
  if (!db::IsNull(r[12])) inv.feedback_id = db::AsInt(r[12]);
  return inv;
}

}  // namespace ks::surveys
