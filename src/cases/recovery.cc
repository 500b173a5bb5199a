#include "cases/recovery.h"

namespace ks::cases {
namespace {

size_t Index(Mood mood) { return static_cast<size_t>(mood); }

std::optional<Mood> MoodOf(const db::Value& v) {
  if (db::IsNull(v)) return std::nullopt;
  return ParseMood(db::AsText(v));
}

}  // namespace

RecoveryReport ComputeRecovery(const std::vector<RecoveredCase>& cases, const MoodCounts& untroubled) {
  RecoveryReport r;
  r.closed = static_cast<std::int64_t>(cases.size());
  r.untroubled = untroubled;
  std::int64_t recovered_happy = 0;
  for (const RecoveredCase& k : cases) {
    if (!k.after) continue;
    ++r.with_follow_up;
    ++r.after[Index(*k.after)];
    if (k.before) ++r.before[Index(*k.before)];
    if (*k.after == Mood::kUnhappy) continue;
    ++r.recovered;
    if (*k.after == Mood::kHappy) ++recovered_happy;
  }
  if (r.with_follow_up > 0) r.rate = stats::WilsonInterval(r.recovered, r.with_follow_up);
  const std::int64_t untroubled_total = untroubled[0] + untroubled[1] + untroubled[2];
  if (r.recovered > 0) r.recovered_happy = stats::WilsonInterval(recovered_happy, r.recovered);
  if (untroubled_total > 0)
    r.untroubled_happy = stats::WilsonInterval(untroubled[Index(Mood::kHappy)], untroubled_total);
  if (r.recovered_happy && r.untroubled_happy) {
    r.paradox =
        stats::ProportionChange(untroubled[Index(Mood::kHappy)], untroubled_total, recovered_happy, r.recovered);
  }
  return r;
}

Result<RecoveryReport> LoadRecovery(db::Connection& c, Micros from, Micros to) {
  // The follow-up: the customer's first scored item received after the case closed.
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(R"(
SELECT f.score_class,
       (SELECT n.score_class FROM feedback n WHERE n.customer_id = c.customer_id AND n.score_class IS NOT NULL
        AND n.received_at > c.closed_at ORDER BY n.received_at, n.id LIMIT 1)
FROM cases c JOIN feedback f ON f.id = c.opening_feedback_id
WHERE c.closed_at >= $1 AND c.closed_at < $2 AND c.customer_id IS NOT NULL)",
                                             {from, to}));
  std::vector<RecoveredCase> cases;
  cases.reserve(rows.size());
  for (const auto& r : rows.rows) cases.push_back({MoodOf(r[0]), MoodOf(r[1])});
  KS_ASSIGN_OR_RETURN(db::Rows untroubled_rows, c.Query(R"(
SELECT f.score_class, COUNT(*) FROM feedback f
WHERE f.received_at >= $1 AND f.received_at < $2 AND f.score_class IS NOT NULL AND f.customer_id IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM cases c WHERE c.customer_id = f.customer_id)
GROUP BY f.score_class)",
                                                        {from, to}));
  MoodCounts untroubled{};
  for (const auto& r : untroubled_rows.rows) {
    if (auto mood = MoodOf(r[0])) untroubled[Index(*mood)] = db::AsInt(r[1]);
  }
  return ComputeRecovery(cases, untroubled);
}

}  // namespace ks::cases
