#include "surveys/response_report.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <tuple>

namespace ks::surveys {
namespace {

using nlohmann::json;

// The Monday on or before `day`.
LocalDate WeekStart(LocalDate day) {
  using namespace std::chrono;
  const sys_days d = year{day.year} / month{static_cast<unsigned>(day.month)} / static_cast<unsigned>(day.day);
  const sys_days monday = d - (weekday{d} - Monday);
  const year_month_day ymd{monday};
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

json OptionalTime(const std::optional<Micros>& t) { return t ? json(FormatRfc3339(*t)) : json(); }

}  // namespace

std::string DateText(LocalDate d) { return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day); }

Result<std::vector<ResponseRow>> ResponseRates(db::Connection& c, const TimeZone& zone, const ResponseFilter& f) {
  std::string sql =
      "SELECT s.slug, i.channel, COALESCE(u.code, ''), i.scheduled_at, i.state, i.skip_reason, i.sent_at IS NOT NULL, "
      "i.delivered_at IS NOT NULL OR o.sent_at IS NOT NULL, i.opened_at IS NOT NULL, i.answered_at IS NOT NULL "
      "FROM invitations i JOIN surveys s ON s.id = i.survey_id LEFT JOIN units u ON u.id = i.unit_id "
      "LEFT JOIN outbox o ON o.id = i.outbox_id WHERE i.scheduled_at >= $1 AND i.scheduled_at < $2";
  std::vector<db::Value> params = {f.from, f.to};
  if (!f.survey.empty()) {
    sql += " AND s.slug = $3";
    params.emplace_back(f.survey);
  }
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql, params));
  std::map<std::tuple<std::string, std::string, std::string, std::string>, ResponseRow> groups;
  for (const auto& r : rows.rows) {
    const LocalDate week = WeekStart(zone.LocalDay(db::AsInt(r[3])));
    ResponseRow& g = groups[{DateText(week), db::AsText(r[0]), db::AsText(r[1]), db::AsText(r[2])}];
    g.survey = db::AsText(r[0]);
    g.channel = db::AsText(r[1]);
    g.unit = db::AsText(r[2]);
    g.week = week;
    ++g.invited;
    const std::string state = db::AsText(r[4]);
    if (state == "scheduled") ++g.scheduled;
    if (state == "failed") ++g.failed;
    if (state == "skipped") {
      ++g.skipped;
      ++g.skip_reasons[db::AsText(r[5])];
    }
    g.sent += db::AsInt(r[6]) != 0;
    g.delivered += db::AsInt(r[7]) != 0;
    g.opened += db::AsInt(r[8]) != 0;
    g.answered += db::AsInt(r[9]) != 0;
  }
  std::vector<ResponseRow> out;
  out.reserve(groups.size());
  for (auto& [key, row] : groups) out.push_back(std::move(row));
  std::stable_sort(out.begin(), out.end(), [](const ResponseRow& a, const ResponseRow& b) {
    return std::tie(b.week.year, b.week.month, b.week.day) < std::tie(a.week.year, a.week.month, a.week.day);
  });
  return out;
}

json ResponseRowToJson(const ResponseRow& r) {
  return {{"week", DateText(r.week)},
          {"survey", r.survey},
          {"channel", r.channel},
          {"unit", r.unit.empty() ? json() : json(r.unit)},
          {"invited", r.invited},
          {"scheduled", r.scheduled},
          {"sent", r.sent},
          {"delivered", r.delivered},
          {"opened", r.opened},
          {"answered", r.answered},
          {"skipped", r.skipped},
          {"failed", r.failed},
          {"skip_reasons", r.skip_reasons},
          {"response_rate", r.sent > 0 ? json(static_cast<double>(r.answered) / r.sent) : json()}};
}

Result<std::vector<CustomerInvitation>> ListCustomerInvitations(db::Connection& c, const std::string& external_ref,
                                                                int limit) {
  KS_ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("SELECT i.id, s.slug, i.channel, i.state, i.skip_reason, i.scheduled_at, i.sent_at, i.opened_at, "
              "i.answered_at FROM invitations i JOIN surveys s ON s.id = i.survey_id JOIN customers c ON c.id = "
              "i.customer_id WHERE c.external_ref = $1 ORDER BY i.scheduled_at DESC, i.id DESC LIMIT $2",
              {external_ref, std::int64_t{limit}}));
  std::vector<CustomerInvitation> out;
  for (const auto& r : rows.rows) {
    CustomerInvitation inv{db::AsInt(r[0]),
                           db::AsText(r[1]),
                           db::AsText(r[2]),
                           db::AsText(r[3]),
                           db::AsText(r[4]),
                           db::AsInt(r[5]),
                           {},
                           {},
                           {}};
    if (!db::IsNull(r[6])) inv.sent_at = db::AsInt(r[6]);
    if (!db::IsNull(r[7])) inv.opened_at = db::AsInt(r[7]);
    if (!db::IsNull(r[8])) inv.answered_at = db::AsInt(r[8]);
    out.push_back(std::move(inv));
  }
  return out;
}

std::string InvitationState(const CustomerInvitation& i) { return i.answered_at ? "answered" : i.state; }

json CustomerInvitationToJson(const CustomerInvitation& i) {
  return {{"id", i.id},
          {"survey", i.survey},
          {"channel", i.channel},
          {"state", InvitationState(i)},
          {"skip_reason", i.skip_reason.empty() ? json() : json(i.skip_reason)},
          {"scheduled_at", FormatRfc3339(i.scheduled_at)},
          {"sent_at", OptionalTime(i.sent_at)},
          {"opened_at", OptionalTime(i.opened_at)},
          {"answered_at", OptionalTime(i.answered_at)}};
}

}  // namespace ks::surveys
