#include "surveys/touchpoint_service.h"

#include "accounts/organisation_settings.h"
#include "base/json_helpers.h"
#include "base/random.h"
#include "base/time.h"
#include "surveys/invitation_rules.h"
#include "surveys/survey_store.h"

namespace ks::surveys {
namespace {

using db::Value;
using nlohmann::json;

constexpr Micros kDay = 24LL * 3600 * kMicrosPerSecond;

// The triggers of active surveys for `type`, with the send time of each.
Result<std::vector<std::pair<Survey, Trigger>>> TriggersFor(db::Connection& c, const std::string& type) {
  KS_ASSIGN_OR_RETURN(auto surveys, ListSurveys(c));
  std::vector<std::pair<Survey, Trigger>> out;
  for (const auto& survey : surveys) {
    if (!survey.active) continue;
    for (const auto& trigger : survey.definition.triggers) {
      if (trigger.touchpoint == type) out.emplace_back(survey, trigger);
    }
  }
  return out;
}

}  // namespace

Result<TouchpointInput> ParseTouchpointJson(const json& body, Micros now) {
  if (!body.is_object()) return Error::Invalid("", "a touchpoint must be a JSON object");
  KS_RETURN_IF_ERROR(
      RejectUnknownFields(body, {"customer", "type", "unit", "employee", "occurred_at", "idempotency_key"}));
  TouchpointInput t;
  if (!body.contains("customer")) return Error::Invalid("customer", "a touchpoint needs its customer");
  auto customer = ParseCustomerJson(body["customer"]);
  if (!customer.ok()) return customer.error().WithFieldPrefix("customer");
  t.customer = std::move(customer).value();
  KS_ASSIGN_OR_RETURN(t.type, JsonString(body, "type", true, 40));
  const bool type_ok = !t.type.empty() && std::all_of(t.type.begin(), t.type.end(), [](char ch) {
    return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '-' || ch == '_';
  });
  if (!type_ok) {
    return Error::Invalid("type", "'" + t.type + "' must be lowercase a-z, 0-9, - or _ (like support-call)");
  }
  if (IsFollowUpTouchpoint(t.type)) {
    return Error::Invalid("type", "'" + t.type +
                                      "' is recorded by klantstem itself (when a case closes or a customer "
                                      "is marked lost)");
  }
  KS_ASSIGN_OR_RETURN(t.unit, JsonString(body, "unit", false, 100));
  KS_ASSIGN_OR_RETURN(t.employee, JsonString(body, "employee", false, 200));
  KS_ASSIGN_OR_RETURN(t.idempotency_key, JsonString(body, "idempotency_key", false, 200));
  KS_ASSIGN_OR_RETURN(std::string occurred, JsonString(body, "occurred_at", false, 40));
  t.occurred_at = now;
  if (!occurred.empty()) {
    auto at = ParseRfc3339(occurred);
    if (!at.ok()) return Error::Invalid("occurred_at", "'" + occurred + "' is not an RFC 3339 time");
    if (*at > now + kDay) return Error::Invalid("occurred_at", "lies more than a day in the future");
    t.occurred_at = *at;
  }
  return t;
}

Result<std::vector<InvitationStatement>> InvitationStatements(db::Connection& c, const std::string& type,
                                                              Micros occurred_at, const std::string& key, Micros now) {
  KS_ASSIGN_OR_RETURN(auto triggers, TriggersFor(c, type));
  std::vector<InvitationStatement> out;
  if (triggers.empty()) return out;
  KS_ASSIGN_OR_RETURN(auto settings, LoadSettings(c));
  auto zone = TimeZone::Find(settings.time_zone);
  if (!zone.ok()) zone = TimeZone::Find(kDefaultTimeZone);
  const QuietHours quiet = ParseQuietHours(settings.quiet_hours_start, settings.quiet_hours_end);
  for (const auto& [survey, trigger] : triggers) {
    const Micros at =
        OutOfQuietHours(occurred_at + Micros{trigger.delay_minutes} * 60 * kMicrosPerSecond, quiet, *zone);
    out.push_back(
        {{0, survey.slug, trigger.channel, at},
         {"INSERT INTO invitations (survey_id, survey_version, customer_id, touchpoint_id, unit_id, channel, state, "
          "scheduled_at, created_at) SELECT $1, $2, t.customer_id, t.id, t.unit_id, $3, 'scheduled', $4, $5 FROM "
          "touchpoints t WHERE t.idempotency_key = $6 AND t.created_at = $5 AND NOT EXISTS (SELECT 1 FROM "
          "invitations i WHERE i.touchpoint_id = t.id AND i.survey_id = $1) RETURNING id",
          {survey.id, std::int64_t{survey.version}, trigger.channel, at, now, key}}});
  }
  return out;
}

bool IsFollowUpTouchpoint(std::string_view type) {
  return type == kCaseClosedTouchpoint || type == kCustomerLostTouchpoint;
}

Result<FollowUpTouchpoint> FollowUpTouchpointStatements(db::Connection& c, std::int64_t customer_id,
                                                        std::optional<std::int64_t> unit_id, std::string_view type,
                                                        const std::string& idempotency_key, Micros now) {
  FollowUpTouchpoint out;
  KS_ASSIGN_OR_RETURN(db::Rows seen,
                      c.Query("SELECT 1 FROM touchpoints WHERE idempotency_key = $1", {idempotency_key}));
  if (!seen.empty()) return out;
  out.statements.push_back(
      {"INSERT INTO touchpoints (customer_id, type, unit_id, employee, occurred_at, idempotency_key, created_at) "
       "VALUES ($1, $2, $3, '', $4, $5, $4) ON CONFLICT (idempotency_key) DO NOTHING",
       {customer_id, std::string(type), unit_id ? Value(*unit_id) : Value(nullptr), now, idempotency_key}});
  KS_ASSIGN_OR_RETURN(auto invitations, InvitationStatements(c, std::string(type), now, idempotency_key, now));
  for (auto& [scheduled, statement] : invitations) {
    out.surveys.push_back(scheduled.survey);
    out.statements.push_back(std::move(statement));
  }
  return out;
}

void TouchpointService::Record(TouchpointInput t, Done done) {
  if (!t.unit.empty()) {
    auto exists = units_.Exists(t.unit);
    if (!exists.ok()) return done(exists.error());
    if (!*exists)
      return done(Error::Invalid("unit", "unknown unit '" + t.unit + "' (create it first: POST /api/v1/units)"));
  }
  auto connection = pool_.Acquire();
  if (!connection.ok()) return done(connection.error());
  const Micros now = clock_.Now();
  const std::string key = t.idempotency_key.empty() ? "auto:" + RandomHex(16) : t.idempotency_key;
  auto invitations = InvitationStatements(**connection, t.type, t.occurred_at, key, now);
  if (!invitations.ok()) return done(invitations.error());

  std::vector<db::Statement> statements = UpsertCustomerStatements(t.customer, now);
  statements.push_back(
      {"INSERT INTO touchpoints (customer_id, type, unit_id, employee, occurred_at, idempotency_key, created_at) "
       "VALUES ((SELECT id FROM customers WHERE external_ref = $1), $2, (SELECT id FROM units WHERE code = $3), $4, "
       "$5, $6, $7) ON CONFLICT (idempotency_key) DO NOTHING RETURNING id",
       {t.customer.customer.external_ref, t.type, t.unit.empty() ? Value(nullptr) : Value(t.unit), t.employee,
        t.occurred_at, key, now}});
  std::vector<ScheduledInvitation> scheduled;
  for (auto& [invitation, statement] : *invitations) {
    scheduled.push_back(invitation);
    statements.push_back(std::move(statement));
  }
  constexpr size_t touchpoint_at = 2;  // after the customer upsert's two statements
  writer_.Submit(std::move(statements), [this, key, scheduled = std::move(scheduled),
                                         done = std::move(done)](Result<std::vector<db::Rows>> result) mutable {
    if (!result.ok()) return done(result.error());
    RecordedTouchpoint out;
    const db::Rows& inserted = (*result)[touchpoint_at];
    if (inserted.empty()) {
      // A repeated idempotency_key: answer with the touchpoint recorded the first time.
      out.created = false;
      auto c = pool_.Acquire();
      if (!c.ok()) return done(c.error());
      auto rows = (*c)->Query("SELECT id FROM touchpoints WHERE idempotency_key = $1", {key});
      if (!rows.ok()) return done(rows.error());
      out.id = rows->empty() ? 0 : db::AsInt(rows->rows[0][0]);
      return done(std::move(out));
    }
    out.id = db::AsInt(inserted.rows[0][0]);
    for (size_t i = 0; i < scheduled.size(); ++i) {
      const db::Rows& rows = (*result)[touchpoint_at + 1 + i];
      if (rows.empty()) continue;
      scheduled[i].id = db::AsInt(rows.rows[0][0]);
      out.invitations.push_back(scheduled[i]);
    }
    if (!out.invitations.empty() && on_scheduled_) on_scheduled_();
    done(std::move(out));
  });
}

}  // namespace ks::surveys
