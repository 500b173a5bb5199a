#include "accounts/organisation_settings.h"

#include <algorithm>

#include "accounts/user.h"
#include "base/strings.h"
#include "base/time.h"

namespace ks {

Result<OrganisationSettings> LoadSettings(db::Connection& c) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT key, value FROM settings"));
  OrganisationSettings s;
  for (const auto& r : rows.rows) {
    const std::string key = db::AsText(r[0]);
    std::string value = db::AsText(r[1]);
    if (key == "name") {
      s.name = std::move(value);
    } else if (key == "time_zone") {
      s.time_zone = std::move(value);
    } else if (key == "default_language") {
      s.default_language = std::move(value);
    } else if (key == "employees_see_customer_names") {
      s.employees_see_customer_names = value == "true";
    }
  }
  return s;
}

Result<void> SaveSettings(db::Connection& c, const OrganisationSettings& s) {
  const std::string_view name = Trim(s.name);
  if (name.empty() || name.size() > 200 || !IsValidUtf8(name)) {
    return Error::Invalid("name", "the organisation needs a name of 1 to 200 bytes");
  }
  KS_RETURN_IF_ERROR(TimeZone::Find(s.time_zone));
  if (std::find(std::begin(kUiLanguages), std::end(kUiLanguages), s.default_language) == std::end(kUiLanguages)) {
    return Error::Invalid("default_language", "'" + s.default_language + "' is not a UI language (use nl or en)");
  }
  const std::string upsert =
      "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
  KS_RETURN_IF_ERROR(c.Transact({{upsert, {std::string("name"), std::string(name)}},
                                 {upsert, {std::string("time_zone"), s.time_zone}},
                                 {upsert, {std::string("default_language"), s.default_language}},
                                 {upsert,
                                  {std::string("employees_see_customer_names"),
                                   std::string(s.employees_see_customer_names ? "true" : "false")}}}));
  return Ok();
}

}  // namespace ks
