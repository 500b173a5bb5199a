#include "cases/escalation.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>

#include "cases/case_mail.h"
#include "cases/case_notices.h"
#include "cases/case_store.h"
#include "notify/outbox.h"
#include "notify/webhooks.h"

namespace ks::cases {
namespace {

using db::AsInt;

// The manager above the owner: the nearest active manager from the parent of the owner's unit up; for a
// case without a user owner (or an owner without a unit) the manager of the case's unit. Never the owner.
Result<std::optional<OwnerUser>> OwnersManager(db::Connection& c, const Case& k) {
  std::optional<std::int64_t> start = k.unit_id;
  if (k.owner_user_id) {
    KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT un.parent_id FROM users us JOIN units un ON un.id = us.unit_id "
                                               "WHERE us.id = $1",
                                               {*k.owner_user_id}));
    if (!rows.empty()) start = db::AsOptionalInt(rows.rows[0][0]);
  }
  if (!start) return std::optional<OwnerUser>();
  KS_ASSIGN_OR_RETURN(OwnerUser manager, ResolveOwner(c, CaseOwner{}, start));
  if (!manager.user_id || manager.user_id == k.owner_user_id) return std::optional<OwnerUser>();
  return std::optional<OwnerUser>(manager);
}

Result<std::vector<OwnerUser>> Recipients(db::Connection& c, const Case& k, int level) {
  std::vector<OwnerUser> out;
  if (level == 1) {
    if (k.owner_user_id) {
      KS_ASSIGN_OR_RETURN(auto owner, FindUser(c, *k.owner_user_id));
      if (owner) out.push_back(*owner);
    } else {
      KS_ASSIGN_OR_RETURN(OwnerUser manager, ResolveOwner(c, CaseOwner{}, k.unit_id));
      if (manager.user_id) out.push_back(manager);
    }
  } else if (level == 2) {
    KS_ASSIGN_OR_RETURN(auto manager, OwnersManager(c, k));
    if (manager) out.push_back(*manager);
  } else {
    KS_ASSIGN_OR_RETURN(db::Rows rows,
                        c.Query("SELECT id FROM users WHERE role = 'executive' AND active = 1 ORDER BY id"));
    for (const auto& r : rows.rows) {
      KS_ASSIGN_OR_RETURN(auto user, FindUser(c, AsInt(r[0])));
      if (user) out.push_back(*user);
    }
  }
  return out;
}

// Takes the case to `level` with its mails, unless another node did first. True when it did.
Result<bool> Escalate(db::Connection& c, const Case& k, int level, const StoredRules& rules,
                      const EscalationOptions& options, Micros now) {
  KS_ASSIGN_OR_RETURN(std::vector<OwnerUser> recipients, Recipients(c, k, level));
  KS_ASSIGN_OR_RETURN(const std::string text, OpeningText(c, k));
  std::vector<notify::Mail> mails;
  nlohmann::json to = nlohmann::json::array();
  for (const OwnerUser& recipient : recipients) {
    if (recipient.email.empty()) continue;
    KS_ASSIGN_OR_RETURN(notify::Mail mail, EscalationMail(recipient, k, level, text, rules.calendar, options.base_url));
    mails.push_back(std::move(mail));
    to.push_back(recipient.name);
  }
  std::vector<db::Statement> statements = {
      {"UPDATE cases SET escalation_level = $1 WHERE id = $2 AND escalation_level = $3 AND updated_at = $4 "
       "RETURNING id",
       {std::int64_t{level}, k.id, std::int64_t{k.escalation_level}, k.updated_at}},
      {"INSERT INTO case_events (case_id, kind, detail, at) VALUES ($1, 'escalated', $2, $3)",
       {k.id, nlohmann::json{{"level", level}, {"to", to}, {"due", k.due()}}.dump(), now}}};
  for (const notify::Mail& mail : mails) statements.push_back(notify::OutboxInsertStatement(mail, now));
  const nlohmann::json data = {
      {"case_id", k.id},
      {"url", fmt::format("{}/cases/{}", options.base_url, k.id)},
      {"level", level},
      {"to", to},
      {"priority", PriorityName(k.priority)},
      {"overdue", k.first_contact_at ? "resolution" : "first_contact"},
      {"due", FormatRfc3339(k.due())},
      {"owner", k.owner_user_id ? nlohmann::json{{"user_id", *k.owner_user_id}, {"name", k.owner_name}}
                                : nlohmann::json{{"queue", k.owner_queue}}}};
  for (db::Statement& s : notify::WebhookEventStatements("case.escalated", data, now))
    statements.push_back(std::move(s));
  return c.TransactIfFirstReturns(statements);
}

}  // namespace

Result<EscalationStats> EscalateOnce(db::ConnectionPool& pool, const Clock& clock, const EscalationOptions& options) {
  KS_ASSIGN_OR_RETURN(auto c, pool.Acquire());
  const Micros now = clock.Now();
  KS_ASSIGN_OR_RETURN(StoredRules rules, LoadCaseRules(*c));
  CaseFilter filter;
  filter.overdue_only = true;
  filter.limit = options.batch;
  KS_ASSIGN_OR_RETURN(std::vector<Case> overdue, ListCases(*c, filter, now));
  EscalationStats stats;
  const Micros step = Micros{options.step_working_hours} * 3600 * kMicrosPerSecond;
  for (const Case& k : overdue) {
    if (k.escalation_level >= 3) continue;
    ++stats.checked;
    const Micros late = WorkingTimeBetween(rules.calendar, k.due(), now);
    const int level = late >= 2 * step ? 3 : late >= step ? 2 : 1;
    if (level <= k.escalation_level) continue;
    KS_ASSIGN_OR_RETURN(bool escalated, Escalate(*c, k, level, rules, options, now));
    if (escalated) ++stats.escalated;
  }
  return stats;
}

Escalator::Escalator(db::ConnectionPool& pool, const Clock& clock, EscalationOptions options, Micros interval)
    : pool_(pool), clock_(clock), options_(std::move(options)), loop_(interval, [this] { return Step(); }) {}

bool Escalator::Step() {
  auto stats = EscalateOnce(pool_, clock_, options_);
  if (!stats.ok()) {
    spdlog::warn("cases: escalating overdue cases failed: {}", stats.error().message);
  } else if (stats->escalated > 0) {
    spdlog::info("cases: {} overdue cases escalated", stats->escalated);
  }
  auto notices = SendNotices(pool_, clock_, options_.base_url);
  if (!notices.ok()) {
    spdlog::warn("cases: sending due-soon reminders and digests failed: {}", notices.error().message);
  } else if (notices->due_soon + notices->digests > 0) {
    spdlog::info("cases: {} due-soon reminders and {} digests queued", notices->due_soon, notices->digests);
  }
  return false;
}

}  // namespace ks::cases
