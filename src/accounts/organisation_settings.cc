#include "accounts/organisation_settings.h"

#include <sodium.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <cstdlib>

#include "accounts/user.h"
#include "base/random.h"
#include "base/strings.h"
#include "base/time.h"

namespace ks {
namespace {

std::atomic<std::uint64_t> settings_saves{0};

Result<void> Saved() {
  settings_saves.fetch_add(1, std::memory_order_relaxed);
  return Ok();
}

}  // namespace

std::uint64_t SettingsSavesInThisProcess() { return settings_saves.load(std::memory_order_relaxed); }

Result<OrganisationSettings> LoadSettings(db::Connection& c) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT key, value FROM settings WHERE key <> 'logo'"));
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
    } else if (key == "logo_version") {
      s.logo_version = std::move(value);
    } else if (key == "survey_fatigue_days") {
      s.survey_fatigue_days = std::atoi(value.c_str());
    } else if (key == "silent_majority_ratio") {
      s.silent_majority_ratio = std::atoi(value.c_str());
    }
  }
  return s;
}

Result<void> SaveLogo(db::Connection& c, const Logo& logo) {
  const std::string_view b = logo.bytes;
  const bool png = logo.content_type == "image/png" && b.starts_with("\x89PNG\r\n\x1a\n");
  const bool jpeg = logo.content_type == "image/jpeg" && b.starts_with("\xff\xd8\xff");
  const bool svg = logo.content_type == "image/svg+xml" && IsValidUtf8(b) && b.find("<svg") != std::string_view::npos;
  if (!png && !jpeg && !svg) return Error::Invalid("logo", "the logo must be a PNG, JPEG or SVG image");
  if (b.size() > kMaxLogoBytes) {
    return Error::Invalid("logo", "the logo is " + std::to_string(b.size() / 1024) + " KB; at most 200 KB, please");
  }
  std::string encoded(sodium_base64_ENCODED_LEN(b.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(encoded.data(), encoded.size(), reinterpret_cast<const unsigned char*>(b.data()), b.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  encoded.resize(encoded.find('\0'));
  const std::string upsert =
      "INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value";
  KS_RETURN_IF_ERROR(c.Transact({{upsert, {std::string("logo"), logo.content_type + ";base64," + encoded}},
                                 {upsert, {std::string("logo_version"), DigestHex(b).substr(0, 12)}}}));
  return Saved();
}

Result<void> RemoveLogo(db::Connection& c) {
  KS_RETURN_IF_ERROR(c.Transact({{"DELETE FROM settings WHERE key IN ('logo', 'logo_version')", {}}}));
  return Saved();
}

Result<std::optional<Logo>> LoadLogo(db::Connection& c) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT value FROM settings WHERE key = 'logo'"));
  if (rows.empty()) return std::optional<Logo>();
  const std::string value = db::AsText(rows.rows[0][0]);
  const size_t comma = value.find(";base64,");
  if (comma == std::string::npos) return Error::Internal("the stored logo is damaged");
  const std::string_view encoded = std::string_view(value).substr(comma + 8);
  std::string bytes(encoded.size(), '\0');
  size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(), encoded.data(), encoded.size(),
                        nullptr, &length, nullptr, sodium_base64_VARIANT_ORIGINAL) != 0) {
    return Error::Internal("the stored logo is damaged");
  }
  bytes.resize(length);
  return std::optional<Logo>(Logo{value.substr(0, comma), std::move(bytes)});
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
    if (!ParseMinuteOfDay(value)) return Error::Invalid(field, "'" + value + "' is not a time like 21:00");
  }
  if (s.survey_fatigue_days < 0 || s.survey_fatigue_days > 365) {
    return Error::Invalid("survey_fatigue_days", "must be 0 to 365 days");
  }
  if (s.silent_majority_ratio < 0 || s.silent_majority_ratio > 1000) {
    return Error::Invalid("silent_majority_ratio", "must be 0 (no estimate) to 1000 unhappy customers per complaint");
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
       {upsert, {std::string("survey_fatigue_days"), std::to_string(s.survey_fatigue_days)}},
       {upsert, {std::string("silent_majority_ratio"), std::to_string(s.silent_majority_ratio)}}}));
  return Saved();
}

}  // namespace ks
