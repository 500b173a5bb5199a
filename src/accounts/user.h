// A person who logs in to the web application, and the roles that decide what they may see and do
// (DESIGN §1.5, the permission policy in accounts/policy.h). Plain value types.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"

namespace ks {

enum class Role {
  kAdmin,        // everything, including users, API keys and settings
  kCoordinator,  // the neutral person who triages employee feedback; sees reporters
  kExecutive,    // top management: sees all feedback, calls the unhappiest customers
  kManager,      // owns units: sees the feedback of their unit and its children
  kEmployee,     // sees feedback content (the wall) but never who reported it
};

inline constexpr Role kAllRoles[] = {Role::kAdmin, Role::kCoordinator, Role::kExecutive, Role::kManager,
                                     Role::kEmployee};

std::string_view RoleName(Role role);
// "admin", "coordinator", … → Role; kInvalidArgument naming the valid roles otherwise.
Result<Role> ParseRole(std::string_view name);

struct User {
  std::int64_t id = 0;
  std::string email;  // lowercased, unique
  std::string name;
  std::string language = "nl";  // the UI language: "nl" or "en"
  std::optional<std::int64_t> unit_id;
  Role role = Role::kEmployee;
  bool active = true;
  bool has_password = false;  // false until an invited user sets one
  Micros created_at = 0;
};

// The UI languages; a user's preference must be one of these.
inline constexpr std::string_view kUiLanguages[] = {"nl", "en"};

}  // namespace ks
