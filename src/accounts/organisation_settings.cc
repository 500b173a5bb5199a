#include "accounts/organisation_settings.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

#include "accounts/user.h"
#include "base/strings.h"
#include "base/time.h"

namespace ks {
namespace {

// "HH:MM", 00:00 to 23:59.
bool IsClockTime(const std::string& t) {
  return t.size() == 5 && t[2] == ':' && std::isdigit(static_cast<unsigned char>(t[0])) &&
         std::isdigit(static_cast<unsigned char>(t[1])) && std::isdigit(static_cast<unsigned char>(t[3])) &&
         std::isdigit(static_cast<unsigned char>(t[4])) && std::stoi(t.substr(0, 2)) < 24 &&
         std::stoi(t.substr(3, 2)) < 60;
}

}  // namespace

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
    } else if (key == "brand_colour") {
      s.brand_colour = std::move(value);
    } else if (key == "quiet_hours_start") {
      s.quiet_hours_start = std::move(value);
    } else if (key == "quiet_hours_end") {
      s.quiet_hours_end = std::move(value);
    } else if (key == "survey_fatigue_days") {
      s.survey_fatigue_days = std::atoi(value.c_str());
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
  const bool colour_ok = s.brand_colour.size() == 7 && s.brand_colour[0] == '#' &&
                         std::all_of(s.brand_colour.begin() + 1, s.brand_colour.end(), [](char ch) {
                           return (ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F');
                         });
  if (!colour_ok) return Error::Invalid("brand_colour", "'" + s.brand_colour + "' is not a colour like #1d4ed8");
  for (const auto& [field, value] :
       {std::pair{"quiet_hours_start", s.quiet_hours_start}, std::pair{"quiet_hours_end", s.quiet_hours_end}}) {
    if (!IsClockTime(value)) return Error::Invalid(field, "'" + value + "' is not a time like 21:00");
  }
  if (s.survey_fatigue_days < 0 || s.survey_fatigue_days > 365) {
    return Error::Invalid("survey_fatigue_days", "must be 0 to 365 days");
  }
  const std::string upsert =
      "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
  KS_RETURN_IF_ERROR(c.Transact(
      {{upsert, {std::string("name"), std::string(name)}},
       {upsert, {std::string("time_zone"), s.time_zone}},
       {upsert, {std::string("default_language"), s.default_language}},
       {upsert,
        {std::string("employees_see_customer_names"), std::string(s.employees_see_customer_names ? "true" : "false")}},
       {upsert, {std::string("brand_colour"), s.brand_colour}},
       {upsert, {std::string("quiet_hours_start"), s.quiet_hours_start}},
       {upsert, {std::string("quiet_hours_end"), s.quiet_hours_end}},
       {upsert, {std::string("survey_fatigue_days"), std::to_string(s.survey_fatigue_days)}}}));
  return Ok();
}

}  // namespace ks
