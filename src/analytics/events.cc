#include "analytics/events.h"

#include "base/strings.h"

namespace ks::analytics {
namespace {

Event EventFrom(const std::vector<db::Value>& r) {
  Event e;
  e.id = db::AsInt(r[0]);
  e.title = db::AsText(r[1]);
  e.description = db::AsText(r[2]);
  e.happened_at = db::AsInt(r[3]);
  if (!db::IsNull(r[4])) e.unit_id = db::AsInt(r[4]);
  e.unit_code = db::AsText(r[5]);
  e.created_at = db::AsInt(r[6]);
  return e;
}

constexpr std::string_view kSelect =
    "SELECT e.id, e.title, e.description, e.happened_at, e.unit_id, u.code, e.created_at FROM events e "
    "LEFT JOIN units u ON u.id = e.unit_id";

}  // namespace

Result<Event> CreateEvent(db::Connection& c, const EventInput& in, Micros now) {
  const std::string title(Trim(in.title));
  if (title.empty() || title.size() > 200 || !IsValidUtf8(title)) {
    return Error::Invalid("title", "an event needs a title of 1 to 200 bytes");
  }
  if (in.description.size() > 2000 || !IsValidUtf8(in.description)) {
    return Error::Invalid("description", "at most 2,000 bytes of UTF-8 text");
  }
  if (in.happened_at <= 0) return Error::Invalid("happened_at", "when did it happen? (an RFC 3339 time)");
  if (in.happened_at > now) return Error::Invalid("happened_at", "is in the future; record an event once it happened");
  db::Value unit = nullptr;
  if (!in.unit.empty()) {
    KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT id FROM units WHERE code = $1", {in.unit}));
    if (rows.empty()) return Error::Invalid("unit", "no unit with code '" + in.unit + "'");
    unit = rows.rows[0][0];
  }
  KS_ASSIGN_OR_RETURN(
      db::Rows inserted,
      c.Query("INSERT INTO events (title, description, happened_at, unit_id, created_by, created_at) VALUES ($1, $2, "
              "$3, $4, $5, $6) RETURNING id",
              {title, in.description, in.happened_at, unit,
               in.created_by ? db::Value(*in.created_by) : db::Value(nullptr), now}));
  KS_ASSIGN_OR_RETURN(db::Rows rows,
                      c.Query(std::string(kSelect) + " WHERE e.id = $1", {db::AsInt(inserted.rows.at(0)[0])}));
  return EventFrom(rows.rows.at(0));
}

Result<std::vector<Event>> ListEvents(db::Connection& c, Micros from, Micros to) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(std::string(kSelect) + " WHERE e.happened_at >= $1 AND e.happened_at < $2 "
                                                                    "ORDER BY e.happened_at, e.id",
                                             {from, to}));
  std::vector<Event> out;
  out.reserve(rows.size());
  for (const auto& r : rows.rows) out.push_back(EventFrom(r));
  return out;
}

Result<EventEffect> MeasureEvent(const Columns& columns, SummaryQuery query, LocalDate day, int weeks) {
  const int d = DayNumberOf(day);
  query.group_by = GroupBy::kNone;
  EventEffect effect;
  query.filter.from = DateOf(static_cast<DayNumber>(d - 7 * weeks));
  query.filter.to = DateOf(static_cast<DayNumber>(d - 1));
  KS_ASSIGN_OR_RETURN(Summary before, RunSummary(columns, query));
  query.filter.from = DateOf(static_cast<DayNumber>(d + 1));
  query.filter.to = DateOf(static_cast<DayNumber>(d + 7 * weeks));
  KS_ASSIGN_OR_RETURN(Summary after, RunSummary(columns, query));
  effect.scale = before.scale;
  effect.before = std::move(before.total);
  effect.after = std::move(after.total);
  const GroupSummary& a = effect.before;
  const GroupSummary& b = effect.after;
  if (a.n > 0 && b.n > 0) {
    effect.change = before.scale == Scale::kNps
                        ? stats::NpsChange({a.happy, a.neutral, a.unhappy}, {b.happy, b.neutral, b.unhappy})
                        : stats::ProportionChange(a.unhappy, a.n, b.unhappy, b.n);
  }
  return effect;
}

}  // namespace ks::analytics
