#include "demo/demo_users.h"

#include "demo/demo_generator.h"

namespace ks::demo {

Result<void> LoadDemoUsers(db::Connection& c, const std::string& password_hash, Micros now) {
  std::vector<db::Statement> statements;
  for (const auto& u : kDemoUsers) {
    statements.push_back(
        {"INSERT INTO users (email, name, language, unit_id, role, active, password_hash, password_changed_at, "
         "created_at, updated_at) VALUES ($1, $2, $3, (SELECT id FROM units WHERE code = $4), $5, 1, $6, $7, $7, $7) "
         "ON CONFLICT (email) DO NOTHING",
         {std::string(u.email), std::string(u.name), std::string(u.language), std::string(u.unit), std::string(u.role),
          password_hash, now}});
  }
  statements.push_back({"INSERT INTO settings (key, value) VALUES ('name', $1) ON CONFLICT (key) DO NOTHING",
                        {std::string(kCompanyName)}});
  // Spread the reports over the four employees, the same way on both engines.
  statements.push_back(
      {"UPDATE feedback SET reported_by = (SELECT id FROM users WHERE email = CASE feedback.id % 4 "
       "WHEN 0 THEN 'medewerker@stroomlijn.example' WHEN 1 THEN 'lisa.bakker@stroomlijn.example' "
       "WHEN 2 THEN 'tom.visser@stroomlijn.example' ELSE 'noor.smit@stroomlijn.example' END) "
       "WHERE source = 'employee' AND reported_by IS NULL",
       {}});
  KS_RETURN_IF_ERROR(c.Transact(statements));
  return Ok();
}

}  // namespace ks::demo
