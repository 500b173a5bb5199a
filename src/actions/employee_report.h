// The employee report (issue 8 §1): what an employee heard from a customer — at a party, at the school
// gate, at the counter — passed on in under 30 seconds on a phone. This file is the form's logic: what a
// report must contain and the feedback item it becomes (source "employee", the reporter stored). Pure
// functions; thread-safe. The page is report_pages.h.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "base/result.h"
#include "feedback/feedback.h"

namespace ks::actions {

// What the customer's words are: a problem, an idea or praise.
inline constexpr std::string_view kReportKinds[] = {"problem", "idea", "praise"};
inline constexpr size_t kMaxReportText = 5'000;
inline constexpr size_t kMaxCustomerName = 200;

struct EmployeeReport {
  std::string customer_ref;        // a known customer picked from the search; empty when not picked
  std::string customer_name;       // typed when the customer is unknown to klantstem (or not found); may be empty
  std::string text;                // what the customer said
  std::string kind;                // one of kReportKinds
  bool customer_consents = false;  // the customer agreed to be contacted about it
};

// Who reports: the signed-in employee.
struct Reporter {
  std::int64_t user_id = 0;
  std::string unit_code;  // the reporter's unit; empty when they have none
  std::string language;   // the reporter's language, the text's likely language
};

// The feedback item a report becomes: source and channel "employee", the reporter stored (never shown
// where the privacy policy forbids it), the kind and the consent as attributes ("report_kind",
// "contact_consent": "yes"/"no"), a typed name as "customer_name". kInvalidArgument names the field:
// "text" (missing or too long), "kind", "customer_name" (too long).
Result<FeedbackInput> ReportToFeedback(const EmployeeReport& report, const Reporter& reporter, Micros now);

}  // namespace ks::actions
