// The mails of the case work, rendered from notify/templates/cases.*.mustache in the recipient's language
// (Dutch or English): a new case to its owner, an escalation of an overdue case, and a message written in
// a case to its customer. Pure rendering; the callers put the mails in the outbox within their
// transaction. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "cases/case.h"
#include "cases/case_store.h"
#include "cases/sla_clock.h"
#include "feedback/feedback.h"
#include "notify/mail.h"

namespace ks::cases {

// "Critical" / "Kritiek", …
std::string PriorityLabel(Priority priority, std::string_view language);

// To the owner of a new case opened for `item` (the link finds the case by the item: /cases/feedback/ID).
Result<notify::Mail> OpenedMail(const OwnerUser& owner, const FeedbackItem& item, const CaseDecision& decision,
                                Micros first_contact_due, const BusinessCalendar& calendar,
                                const std::string& base_url);

// To the owner of a new exit case (exit_cases.h) for the customer `name`/`external_ref`, who was marked
// lost; `surveys` are the exit surveys they were invited to; `link` finds the case (/cases/exit/ID).
Result<notify::Mail> ExitCaseMail(const OwnerUser& owner, const std::string& name, const std::string& external_ref,
                                  const std::vector<std::string>& surveys, Micros first_contact_due,
                                  const BusinessCalendar& calendar, const std::string& link);

// To `recipient` about an overdue case; `level` is the escalation step (escalation.h), `text` the
// customer's words (may be empty).
Result<notify::Mail> EscalationMail(const OwnerUser& recipient, const Case& overdue, int level, const std::string& text,
                                    const BusinessCalendar& calendar, const std::string& base_url);

// To the owner of a case whose first-contact deadline is near (see case_notices.h).
Result<notify::Mail> DueSoonMail(const OwnerUser& owner, const Case& due_soon, const std::string& text,
                                 const BusinessCalendar& calendar, const std::string& base_url);

// The daily digest of `owner`'s open cases (most urgent first, as ListCases gives them).
Result<notify::Mail> DigestMail(const OwnerUser& owner, const std::vector<Case>& open, Micros now,
                                const BusinessCalendar& calendar, const std::string& base_url);

// A message written in a case, to its customer, in `language`. `body` is plain text (paragraphs separated
// by blank lines); `sender` signs it.
Result<notify::Mail> CustomerMail(const std::string& to_address, const std::string& to_name, std::string_view language,
                                  const std::string& subject, const std::string& body, const std::string& sender,
                                  const std::string& organisation);

}  // namespace ks::cases
