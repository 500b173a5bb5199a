// Response rates: how many invitations were sent, delivered, opened, answered, skipped (with the
// reasons) and failed, per survey, channel, unit and week (weeks start on Monday in the organisation's
// time zone, bucketed by when the invitation was due). Invitations are operational records, read
// straight from the database for a bounded period. Stateless; thread-safe.
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/time.h"
#include "db/database.h"

namespace ks::surveys {

struct ResponseRow {
  std::string survey, channel, unit;  // unit code, empty for none
  LocalDate week;                     // the Monday the week starts on
  int invited = 0, scheduled = 0, sent = 0, delivered = 0, opened = 0, answered = 0, skipped = 0, failed = 0;
  std::map<std::string, int> skip_reasons;
};

struct ResponseFilter {
  Micros from = 0, to = 0;  // by scheduled_at
  std::string survey;       // slug; empty: all
};

// Sorted by week (newest first), survey, channel, unit.
Result<std::vector<ResponseRow>> ResponseRates(db::Connection& c, const TimeZone& zone, const ResponseFilter& filter);
nlohmann::json ResponseRowToJson(const ResponseRow& row);
// "2026-11-23".
std::string DateText(LocalDate day);

// Invitations of one customer, newest first, for the customer page and the API.
struct CustomerInvitation {
  std::int64_t id = 0;
  std::string survey, channel, state, skip_reason;
  Micros scheduled_at = 0;
  std::optional<Micros> sent_at, opened_at, answered_at;
};
Result<std::vector<CustomerInvitation>> ListCustomerInvitations(db::Connection& c, const std::string& external_ref,
                                                                int limit);
nlohmann::json CustomerInvitationToJson(const CustomerInvitation& invitation);
// scheduled, sent, skipped, failed, or answered once the customer answered.
std::string InvitationState(const CustomerInvitation& invitation);

}  // namespace ks::surveys
