// The organisation's settings (table `settings`, one row per key): its name, time zone, default UI
// language, whether employees see customers' names, and how customers are invited to surveys. Stateless functions;
// thread-safe.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "base/result.h"
#include "db/database.h"

namespace ks {

struct OrganisationSettings {
  std::string name = "klantstem";              // shown in the header and in mails
  std::string time_zone = "Europe/Amsterdam";  // days and times are shown in this zone
  std::string default_language = "nl";         // UI language when neither user nor browser says
  bool employees_see_customer_names = false;   // employees see "a customer" by default
  std::string brand_colour = "#1d4ed8";        // #rrggbb: buttons and headings of the survey pages and mails
  std::string quiet_hours_start = "21:00";     // no survey invitations between start and end (local time);
  std::string quiet_hours_end = "09:00";       // equal times: no quiet hours
  int survey_fatigue_days = 30;                // at most one invitation per customer per this many days
  std::string logo_version;                    // digest of the logo (GET /logo?v=…); empty: no logo
  // The dashboards estimate the unhappy customers who never complain as complaints × this ratio (TARP:
  // about 1 in 26 unhappy customers complains); 0 switches the estimate off.
  int silent_majority_ratio = 26;
};

// The organisation's logo, shown on the survey pages and in invitation mails.
struct Logo {
  std::string content_type;  // image/png, image/jpeg or image/svg+xml
  std::string bytes;
};
inline constexpr size_t kMaxLogoBytes = size_t{200} * 1024;

// Validates (kInvalidArgument, field "logo": the type, the size up to 200 KB, and that the bytes are
// such an image) and stores the logo; its version changes with its bytes.
Result<void> SaveLogo(db::Connection& c, const Logo& logo);
Result<void> RemoveLogo(db::Connection& c);
// The stored logo, or nullopt.
Result<std::optional<Logo>> LoadLogo(db::Connection& c);

// The stored settings, with defaults for keys never set.
Result<OrganisationSettings> LoadSettings(db::Connection& c);
// Validates (kInvalidArgument naming the field: unknown time zone, language, empty name) and stores.
Result<void> SaveSettings(db::Connection& c, const OrganisationSettings& settings);

// How often this process has saved settings or the logo: caches of the settings reload when it
// changes, so a change shows at once on this node (other nodes see it when their cache expires).
std::uint64_t SettingsSavesInThisProcess();

}  // namespace ks
