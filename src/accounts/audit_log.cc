#include "accounts/audit_log.h"

namespace ks {

db::Statement AuditStatement(const AuditEntry& e) {
  return {"INSERT INTO audit_log (at, actor, action, target, detail, ip) VALUES ($1, $2, $3, $4, $5, $6)",
          {e.at, e.actor, e.action, e.target, e.detail, e.ip}};
}

Result<void> Audit(db::Connection& c, const AuditEntry& entry) {
  const db::Statement s = AuditStatement(entry);
  return c.Exec(s.sql, s.params);
}

Result<std::vector<AuditEntry>> ListAudit(db::Connection& c, const std::string& action_prefix, std::int64_t before_id,
                                          int limit) {
  std::string sql = "SELECT id, at, actor, action, target, detail, ip FROM audit_log WHERE 1 = 1";
  std::vector<db::Value> params;
  if (!action_prefix.empty()) {
    params.emplace_back(action_prefix);
    sql += " AND substr(action, 1, length(CAST($1 AS TEXT))) = CAST($1 AS TEXT)";
  }
  if (before_id > 0) {
    params.emplace_back(before_id);
    sql += " AND id < $" + std::to_string(params.size());
  }
  params.emplace_back(std::int64_t{limit});
  sql += " ORDER BY id DESC LIMIT $" + std::to_string(params.size());
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql, params));
  std::vector<AuditEntry> entries;
  for (const auto& r : rows.rows) {
    entries.push_back({db::AsInt(r[0]), db::AsInt(r[1]), db::AsText(r[2]), db::AsText(r[3]), db::AsText(r[4]),
                       db::AsText(r[5]), db::AsText(r[6])});
  }
  return entries;
}

}  // namespace ks
