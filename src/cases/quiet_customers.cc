#include "cases/quiet_customers.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace ks::cases {
namespace {

constexpr Micros kDay = Micros{24} * 3600 * kMicrosPerSecond;

}  // namespace

Result<std::vector<QuietCustomer>> ListQuietCustomers(db::Connection& c, const QuietPolicy& policy, Micros now,
                                                      const std::optional<std::vector<std::int64_t>>& unit_scope,
                                                      size_t limit) {
  // Candidates are quiet for the shortest period of any segment; each one's own segment decides below.
  int shortest = policy.default_days;
  for (const auto& [segment, days] : policy.days_by_segment) shortest = std::min(shortest, days);
  const Micros threshold = now - shortest * kDay;
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(R"(
SELECT cu.id, cu.external_ref, cu.name, cu.attributes, cu.last_contact_at, q.last_feedback_at,
       (SELECT f.unit_id FROM feedback f WHERE f.customer_id = cu.id ORDER BY f.received_at DESC, f.id DESC LIMIT 1)
FROM (SELECT customer_id, MAX(received_at) AS last_feedback_at FROM feedback WHERE customer_id IS NOT NULL
      GROUP BY customer_id HAVING MAX(received_at) < $1) q
JOIN customers cu ON cu.id = q.customer_id
WHERE cu.status = 'active' AND (cu.last_contact_at IS NULL OR cu.last_contact_at < $1)
ORDER BY q.last_feedback_at, cu.id)",
                                             {threshold}));
  std::map<std::int64_t, std::string> unit_names;
  KS_ASSIGN_OR_RETURN(db::Rows units, c.Query("SELECT id, name FROM units"));
  for (const auto& r : units.rows) unit_names[db::AsInt(r[0])] = db::AsText(r[1]);
  std::vector<QuietCustomer> out;
  for (const auto& r : rows.rows) {
    if (out.size() == limit) break;
    QuietCustomer q;
    q.id = db::AsInt(r[0]);
    q.external_ref = db::AsText(r[1]);
    if (!db::IsNull(r[2])) q.name = db::AsText(r[2]);
    const auto attributes = nlohmann::json::parse(db::AsText(r[3]), nullptr, false);
    if (attributes.is_object() && attributes.contains("segment") && attributes["segment"].is_string()) {
      q.segment = attributes["segment"].get<std::string>();
    }
    q.last_contact_at = db::AsOptionalInt(r[4]);
    q.last_feedback_at = db::AsInt(r[5]);
    q.unit_id = db::AsOptionalInt(r[6]);
    q.quiet_days = policy.DaysFor(q.segment);
    const Micros quiet_since = now - q.quiet_days * kDay;
    if (q.last_feedback_at >= quiet_since || (q.last_contact_at && *q.last_contact_at >= quiet_since)) continue;
    if (unit_scope &&
        (!q.unit_id || std::find(unit_scope->begin(), unit_scope->end(), *q.unit_id) == unit_scope->end())) {
      continue;
    }
    if (q.unit_id) q.unit_name = unit_names[*q.unit_id];
    out.push_back(std::move(q));
  }
  return out;
}

}  // namespace ks::cases
