#include "actions/weekly_digest.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include "accounts/organisation_settings.h"
#include "actions/action_mail.h"
#include "actions/action_store.h"
#include "base/time.h"
#include "notify/outbox.h"

namespace ks::actions {
namespace {

constexpr int kMaxEntries = 50;

}  // namespace

Result<size_t> SendWeeklyDigests(db::ConnectionPool& pool, const Clock& clock, const std::string& base_url) {
  KS_ASSIGN_OR_RETURN(auto c, pool.Acquire());
  const Micros now = clock.Now();
  KS_ASSIGN_OR_RETURN(OrganisationSettings settings, LoadSettings(*c));
  KS_ASSIGN_OR_RETURN(TimeZone zone, TimeZone::Find(settings.time_zone));
  const LocalWeek this_week = WeekContaining(zone, now);
  // Monday before 08:00 is still the weekend for the readers.
  if (zone.LocalDay(now) == this_week.monday && zone.LocalMinuteOfDay(now) < kWeeklyDigestMinuteOfDay) return 0;
  const LocalWeek last_week = WeeksLater(zone, this_week, -1);
  const std::string week = fmt::format("{}-W{:02}", last_week.iso_year, last_week.iso_week);
  KS_ASSIGN_OR_RETURN(std::vector<FeedEntry> entries, ListFeed(*c, last_week.start, kMaxEntries + 100));
  std::erase_if(entries, [&](const FeedEntry& e) { return e.event.at >= last_week.end; });
  if (entries.size() > kMaxEntries) entries.resize(kMaxEntries);
  if (entries.empty()) return 0;
  KS_ASSIGN_OR_RETURN(db::Rows readers,
                      c->Query("SELECT u.id, u.email, u.name, u.language FROM users u WHERE u.active = 1 "
                               "AND NOT EXISTS (SELECT 1 FROM action_digests d WHERE d.user_id = u.id "
                               "AND d.week = $1) ORDER BY u.id",
                               {week}));
  size_t sent = 0;
  for (const auto& r : readers.rows) {
    const std::int64_t user_id = db::AsInt(r[0]);
    const Addressee to{db::AsText(r[1]), db::AsText(r[2]), db::AsText(r[3])};
    KS_ASSIGN_OR_RETURN(notify::Mail mail, DigestMail(to, entries, week, base_url));
    KS_ASSIGN_OR_RETURN(
        bool written, c->TransactIfFirstReturns({{"INSERT INTO action_digests (user_id, week, sent_at) VALUES ($1, $2, "
                                                  "$3) ON CONFLICT (user_id, week) DO NOTHING RETURNING user_id",
                                                  {user_id, week, now}},
                                                 notify::OutboxInsertStatement(mail, now)}));
    sent += written ? 1 : 0;
  }
  return sent;
}

DigestSender::DigestSender(db::ConnectionPool& pool, const Clock& clock, std::string base_url, Micros interval)
    : pool_(pool), clock_(clock), base_url_(std::move(base_url)), loop_(interval, [this] { return Step(); }) {}

bool DigestSender::Step() {
  auto sent = SendWeeklyDigests(pool_, clock_, base_url_);
  if (!sent.ok()) {
    spdlog::warn("actions: sending the weekly digest failed: {}", sent.error().message);
  } else if (*sent > 0) {
    spdlog::info("actions: {} weekly digests queued", *sent);
  }
  return false;
}

}  // namespace ks::actions
