// "Invite a colleague": the statements that create an invitation token, its mail (through the
// outbox) and the audit entry, to run in one transaction with the user's creation. Shared by the
// admin page and `klantstem user add`.
#pragma once

#include <string>
#include <vector>

#include "accounts/user.h"
#include "db/database.h"

namespace ks {

struct Invitation {
  std::string link;  // base_url + "/invite/" + token
  std::vector<db::Statement> statements;
};

// `inviter` is a name for the mail ("Anouk Vermeer"); `actor` is the audit log's actor.
Result<Invitation> InviteStatements(const User& user, const std::string& inviter, const std::string& organisation,
                                    const std::string& base_url, const std::string& actor, const std::string& ip,
                                    Micros now);

}  // namespace ks
