// `klantstem user add|list|disable|set-role`: managing the people who log in, from the command line
// (the first admin of a new installation is made this way). Every change is in the audit log as "cli".
#pragma once

#include <iosfwd>
#include <string>

#include "accounts/user_store.h"

namespace ks {

struct UserAddOptions {
  NewUser user;
  bool password_from_stdin = false;                // read the password from stdin (checked and hashed)
  std::string base_url = "http://127.0.0.1:8080";  // for the invitation link otherwise
};

int UserAddCommand(const std::string& db_url, const UserAddOptions& options, std::istream& in);
int UserListCommand(const std::string& db_url);
int UserDisableCommand(const std::string& db_url, const std::string& email);
int UserSetRoleCommand(const std::string& db_url, const std::string& email, const std::string& role);

}  // namespace ks
