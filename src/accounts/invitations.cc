#include "accounts/invitations.h"

#include "accounts/audit_log.h"
#include "accounts/user_tokens.h"
#include "notify/mail_templates.h"
#include "notify/outbox.h"

namespace ks {

Result<Invitation> InviteStatements(const User& user, const std::string& inviter, const std::string& organisation,
                                    const std::string& base_url, const std::string& actor, const std::string& ip,
                                    Micros now) {
  NewUserToken token = NewToken(user.id, TokenPurpose::kInvite, now);
  Invitation invitation;
  invitation.link = base_url + "/invite/" + token.token;
  KS_ASSIGN_OR_RETURN(notify::Mail mail,
                      notify::RenderMail("accounts.invite", user.language,
                                         mstch::map{{"name", user.name},
                                                    {"inviter_name", inviter},
                                                    {"organisation", organisation},
                                                    {"link", invitation.link},
                                                    {"expires_hours", std::to_string(kInviteLifetime / 3'600'000'000)}},
                                         user.email, user.name));
  invitation.statements.push_back(std::move(token.statement));
  invitation.statements.push_back(notify::OutboxInsertStatement(mail, now));
  invitation.statements.push_back(
      AuditStatement({0, now, actor, "user.invited", user.email, std::string(RoleName(user.role)), ip}));
  return invitation;
}

}  // namespace ks
