#include "cases/exit_cases.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "base/time.h"
#include "cases/case_mail.h"
#include "cases/case_webhooks.h"
#include "notify/outbox.h"
#include "surveys/touchpoint_service.h"

namespace ks::cases {
namespace {

using db::AsInt;
using db::AsText;
using db::Value;

constexpr Priority kExitPriority = Priority::kHigh;

// The unit of the customer's latest feedback or touchpoint: where they were last served.
Result<std::optional<std::int64_t>> LastUnit(db::Connection& c, std::int64_t customer_id) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(R"(
SELECT unit_id FROM (
  SELECT unit_id, received_at AS at FROM feedback WHERE customer_id = $1 AND unit_id IS NOT NULL
  UNION ALL SELECT unit_id, occurred_at AS at FROM touchpoints WHERE customer_id = $1 AND unit_id IS NOT NULL
) latest ORDER BY at DESC LIMIT 1)",
                                             {customer_id}));
  if (rows.empty()) return std::optional<std::int64_t>();
  return std::optional<std::int64_t>(AsInt(rows.rows[0][0]));
}

}  // namespace

Result<std::vector<db::Statement>> ExitCaseStatements(db::Connection& c, const StoredRules& rules,
                                                      std::int64_t customer_id, std::int64_t job_id,
                                                      const std::string& base_url, Micros now) {
  std::vector<db::Statement> out;
  KS_ASSIGN_OR_RETURN(db::Rows customer,
                      c.Query("SELECT external_ref, COALESCE(name, ''), status, (SELECT COUNT(*) FROM cases WHERE "
                              "customer_id = $1 AND kind = 'exit' AND closed_at IS NULL) FROM customers WHERE id = $1",
                              {customer_id}));
  if (customer.empty() || AsText(customer.rows[0][2]) != "lost" || AsInt(customer.rows[0][3]) > 0) return out;
  const std::string external_ref = AsText(customer.rows[0][0]);
  const std::string name = AsText(customer.rows[0][1]);

  KS_ASSIGN_OR_RETURN(auto unit_id, LastUnit(c, customer_id));
  KS_ASSIGN_OR_RETURN(OwnerUser owner, ResolveOwner(c, CaseOwner{}, unit_id));
  const SlaHours sla = DefaultSla(kExitPriority);
  const Micros first = Deadline(rules.calendar, now, sla.first_contact);
  const Micros resolution = Deadline(rules.calendar, now, sla.resolution);
  KS_ASSIGN_OR_RETURN(auto survey,
                      surveys::FollowUpTouchpointStatements(c, customer_id, unit_id, surveys::kCustomerLostTouchpoint,
                                                            fmt::format("customer-lost:job-{}", job_id), now));
  out.push_back(
      {"INSERT INTO cases (kind, customer_id, unit_id, state, priority, rule_key, owner_user_id, owner_queue, "
       "opened_at, first_contact_due, resolution_due, updated_at) VALUES ('exit', $1, $2, 'new', $3, $4, $5, $6, $7, "
       "$8, $9, $7)",
       {customer_id, unit_id ? Value(*unit_id) : Value(nullptr), std::string(PriorityName(kExitPriority)),
        std::string(kExitRuleKey), owner.user_id ? Value(*owner.user_id) : Value(nullptr),
        owner.queue.empty() ? Value(nullptr) : Value(owner.queue), now, first, resolution}});
  const std::string ref =
      fmt::format("(SELECT id FROM cases WHERE customer_id = {} AND kind = 'exit' AND closed_at IS NULL)", customer_id);
  const nlohmann::json detail = {{"exit", true},
                                 {"rules", {kExitRuleKey}},
                                 {"priority", PriorityName(kExitPriority)},
                                 {"owner", owner.user_id ? owner.name : owner.queue},
                                 {"exit_surveys", survey.surveys}};
  out.push_back({"INSERT INTO case_events (case_id, kind, detail, at) VALUES (" + ref + ", 'opened', $1, $2)",
                 {detail.dump(), now}});
  for (db::Statement& s : survey.statements) out.push_back(std::move(s));

  // case.opened, as for any case, with kind "exit" and no feedback; no names leave klantstem.
  OpenedCase opened{fmt::format("{}/cases/exit/{}", base_url, customer_id),
                    "exit",
                    kExitPriority,
                    std::string(kExitRuleKey),
                    "",
                    "",
                    owner,
                    external_ref,
                    nullptr,
                    now,
                    first,
                    resolution};
  if (unit_id) {
    KS_ASSIGN_OR_RETURN(db::Rows unit, c.Query("SELECT code, name FROM units WHERE id = $1", {*unit_id}));
    if (!unit.empty()) {
      opened.unit_code = db::AsText(unit.rows[0][0]);
      opened.unit_name = db::AsText(unit.rows[0][1]);
    }
  }
  for (db::Statement& s : CaseOpenedWebhook(opened, ref)) out.push_back(std::move(s));
  if (owner.user_id && !owner.email.empty()) {
    KS_ASSIGN_OR_RETURN(notify::Mail mail,
                        ExitCaseMail(owner, name, external_ref, survey.surveys, first, rules.calendar,
                                     fmt::format("{}/cases/exit/{}", base_url, customer_id)));
    out.push_back(notify::OutboxInsertStatement(mail, now));
  }
  return out;
}

}  // namespace ks::cases
