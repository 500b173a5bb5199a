// Cryptographically secure random tokens (libsodium). Thread-safe.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace ks {

// `bytes` random bytes as lowercase hex (2 × bytes characters).
std::string RandomHex(size_t bytes);
// `bytes` random bytes as unpadded base64url (short enough for a link in an SMS: 16 bytes → 22 characters).
std::string RandomToken(size_t bytes);
// SHA-256-strength keyed-free digest of `data` as hex (BLAKE2b-256), for storing secrets hashed.
std::string DigestHex(std::string_view data);
// Constant-time comparison of two equal-length strings.
bool ConstantTimeEquals(std::string_view a, std::string_view b);

}  // namespace ks
