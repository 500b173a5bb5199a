#include "cases/case_notices.h"

#include <fmt/format.h>

#include <algorithm>

#include "cases/case_mail.h"
#include "cases/case_store.h"
#include "notify/outbox.h"

namespace ks::cases {
namespace {

using db::AsInt;

constexpr Micros kHour = Micros{3600} * kMicrosPerSecond;
constexpr Micros kDay = 24 * kHour;

Result<size_t> DueSoon(db::Connection& c, const StoredRules& rules, const std::string& base_url, Micros now) {
  // A week ahead bounds the candidates; the working-time test below decides.
  KS_ASSIGN_OR_RETURN(db::Rows rows,
                      c.Query("SELECT id FROM cases WHERE closed_at IS NULL AND first_contact_at IS NULL AND "
                              "state <> 'resolved' AND escalation_level = 0 AND due_soon_sent_at IS NULL AND "
                              "owner_user_id IS NOT NULL AND first_contact_due > $1 AND first_contact_due <= $2",
                              {now, now + 7 * kDay}));
  size_t sent = 0;
  for (const auto& r : rows.rows) {
    KS_ASSIGN_OR_RETURN(auto k, GetCase(c, AsInt(r[0])));
    if (!k) continue;
    const Micros sla = WorkingTimeBetween(rules.calendar, k->opened_at, k->first_contact_due);
    const Micros left = WorkingTimeBetween(rules.calendar, now, k->first_contact_due);
    if (left > std::max(kHour, sla / 5)) continue;
    KS_ASSIGN_OR_RETURN(auto owner, FindUser(c, *k->owner_user_id));
    if (!owner || owner->email.empty()) continue;
    KS_ASSIGN_OR_RETURN(const std::string text, OpeningText(c, *k));
    KS_ASSIGN_OR_RETURN(notify::Mail mail, DueSoonMail(*owner, *k, text, rules.calendar, base_url));
    KS_ASSIGN_OR_RETURN(
        bool written,
        c.TransactIfFirstReturns(
            {{"UPDATE cases SET due_soon_sent_at = $1 WHERE id = $2 AND due_soon_sent_at IS NULL RETURNING id",
              {now, k->id}},
             notify::OutboxInsertStatement(mail, now)}));
    sent += written ? 1 : 0;
  }
  return sent;
}

Result<size_t> Digests(db::Connection& c, const StoredRules& rules, const std::string& base_url, Micros now) {
  const TimeZone& zone = rules.calendar.zone();
  const LocalDate today = zone.LocalDay(now);
  const Micros midnight = zone.StartOfDay(today);
  if (zone.LocalMinuteOfDay(now) < kDigestMinuteOfDay) return size_t{0};
  if (WorkingTimeBetween(rules.calendar, midnight, midnight + kDay) == 0) return size_t{0};
  const std::string day = fmt::format("{:04}-{:02}-{:02}", today.year, today.month, today.day);
  KS_ASSIGN_OR_RETURN(db::Rows owners,
                      c.Query("SELECT DISTINCT c.owner_user_id FROM cases c WHERE c.closed_at IS NULL AND "
                              "c.owner_user_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM case_digests d "
                              "WHERE d.user_id = c.owner_user_id AND d.day = $1)",
                              {day}));
  size_t sent = 0;
  for (const auto& r : owners.rows) {
    const std::int64_t user_id = AsInt(r[0]);
    KS_ASSIGN_OR_RETURN(auto owner, FindUser(c, user_id));
    if (!owner || owner->email.empty()) continue;
    CaseFilter filter;
    filter.owner_user_id = user_id;
    filter.limit = 50;
    KS_ASSIGN_OR_RETURN(std::vector<Case> open, ListCases(c, filter, now));
    std::erase_if(open, [](const Case& k) { return k.state == CaseState::kResolved; });
    if (open.empty()) continue;
    KS_ASSIGN_OR_RETURN(notify::Mail mail, DigestMail(*owner, open, now, rules.calendar, base_url));
    KS_ASSIGN_OR_RETURN(
        bool written, c.TransactIfFirstReturns({{"INSERT INTO case_digests (user_id, day, sent_at) VALUES ($1, $2, $3) "
                                                 "ON CONFLICT (user_id, day) DO NOTHING RETURNING user_id",
                                                 {user_id, day, now}},
                                                notify::OutboxInsertStatement(mail, now)}));
    sent += written ? 1 : 0;
  }
  return sent;
}

}  // namespace

Result<NoticeStats> SendNotices(db::ConnectionPool& pool, const Clock& clock, const std::string& base_url) {
  KS_ASSIGN_OR_RETURN(auto c, pool.Acquire());
  const Micros now = clock.Now();
  KS_ASSIGN_OR_RETURN(StoredRules rules, LoadCaseRules(*c));
  NoticeStats stats;
  KS_ASSIGN_OR_RETURN(stats.due_soon, DueSoon(*c, rules, base_url, now));
  KS_ASSIGN_OR_RETURN(stats.digests, Digests(*c, rules, base_url, now));
  return stats;
}

}  // namespace ks::cases
