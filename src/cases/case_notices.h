// The owners' reminders (issue 7 §8) besides the mails of a new case and of escalations:
//   due soon   once per case, when the first-contact deadline is near: at most max(1, SLA / 5) working
//              hours left (a 48-hour SLA warns about ten working hours ahead, a 4-hour SLA one hour ahead)
//   digest     once per user and working day, from 08:00 in the calendar's time zone: their open cases,
//              most urgent first (not on days without working hours or on holidays)
// Both are recorded in the transaction that puts the mail in the outbox (cases.due_soon_sent_at,
// case_digests), so a mail goes once however many nodes run. Run by the escalation worker.
#pragma once

#include <string>

#include "base/clock.h"
#include "db/connection_pool.h"

namespace ks::cases {

struct NoticeStats {
  size_t due_soon = 0;
  size_t digests = 0;
};

inline constexpr int kDigestMinuteOfDay = 8 * 60;

Result<NoticeStats> SendNotices(db::ConnectionPool& pool, const Clock& clock, const std::string& base_url);

}  // namespace ks::cases
