#include "accounts/passwords.h"

#include <sodium.h>

#include <algorithm>
#include <string>
#include <unordered_set>

#include "base/embedded_file.h"
#include "base/strings.h"

namespace ks {

const std::vector<EmbeddedFile>& EmbeddedCommonPasswords();

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char ch) { return std::tolower(ch); });
  return out;
}

const std::unordered_set<std::string_view>& CommonPasswords() {
  // Views into the embedded list (static storage), built once on first use.
  static const std::unordered_set<std::string_view> kSet = [] {
    std::unordered_set<std::string_view> set;
    std::string_view all = EmbeddedCommonPasswords().at(0).content;
    set.reserve(120'000);
    while (!all.empty()) {
      const size_t end = all.find('\n');
      std::string_view line = all.substr(0, end);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (!line.empty()) set.insert(line);
      if (end == std::string_view::npos) break;
      all.remove_prefix(end + 1);
    }
    return set;
  }();
  return kSet;
}

size_t CodePoints(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char ch) { return (ch & 0xC0) != 0x80; }));
}

}  // namespace

bool IsCommonPassword(std::string_view password) {
  const std::string lower = Lower(password);
  const auto& set = CommonPasswords();
  // The list is mixed-case; most entries are lowercase, so try both spellings.
  return set.count(password) > 0 || set.count(lower) > 0;
}

Result<void> CheckNewPassword(std::string_view password, std::string_view email, std::string_view name) {
  if (!IsValidUtf8(password)) return Error::Invalid("password", "must be UTF-8 text");
  if (CodePoints(password) < kMinPasswordLength) {
    return Error::Invalid("password", "must be at least " + std::to_string(kMinPasswordLength) + " characters long");
  }
  if (password.size() > 200) return Error::Invalid("password", "must be at most 200 bytes long");
  const std::string lower = Lower(password);
  if ((!email.empty() && lower == Lower(email)) || (!name.empty() && lower == Lower(name))) {
    return Error::Invalid("password", "must not be your e-mail address or name");
  }
  if (IsCommonPassword(password)) {
    return Error::Invalid("password", "is one of the most common passwords; choose another one");
  }
  return Ok();
}

Result<std::string> HashPassword(std::string_view password) {
  if (sodium_init() < 0) return Error::Internal("libsodium could not be initialised");
  std::string hash(crypto_pwhash_STRBYTES, '\0');
  if (crypto_pwhash_str(hash.data(), password.data(), password.size(), crypto_pwhash_OPSLIMIT_INTERACTIVE,
                        crypto_pwhash_MEMLIMIT_INTERACTIVE) != 0) {
    return Error::Unavailable("not enough memory to hash a password");
  }
  hash.resize(hash.find('\0'));
  return hash;
}

bool VerifyPassword(std::string_view password, const std::string& hash) {
  if (hash.empty() || sodium_init() < 0) return false;
  return crypto_pwhash_str_verify(hash.c_str(), password.data(), password.size()) == 0;
}

}  // namespace ks
