// Customers and units (teams, locations, brands, regions): plain value types.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>

#include "base/clock.h"

namespace ks {

struct Customer {
  std::int64_t id = 0;
  std::string external_ref;  // the organisation's own reference; unique
  std::optional<std::string> name, email, phone, language;
  std::map<std::string, std::string> attributes;  // segments: segment → B2B, region → …, tier → …
  bool consent_contact = false;                   // may we contact them about their feedback
  bool survey_email = true;                       // may be invited to surveys by e-mail (unless refused)
  bool survey_sms = false;                        // … by SMS (only with consent)
  std::optional<Micros> opted_out_at;             // unsubscribed from every survey invitation
  std::string status = "active";                  // active | lost
  std::optional<Micros> last_contact_at;
  Micros created_at = 0, updated_at = 0;
};

struct Unit {
  std::int64_t id = 0;
  std::string code;  // stable identifier used in the API ("utrecht-centrum")
  std::string name;
  std::string kind;    // team | location | brand | region
  std::string parent;  // parent unit's code, empty for none
  std::string manager;
  Micros created_at = 0;
};

}  // namespace ks
