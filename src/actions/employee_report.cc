#include "actions/employee_report.h"

#include <algorithm>

#include "base/strings.h"

namespace ks::actions {

Result<FeedbackInput> ReportToFeedback(const EmployeeReport& report, const Reporter& reporter, Micros now) {
  const std::string text(Trim(report.text));
  if (text.empty()) return Error::Invalid("text", "what did the customer say? It is required");
  if (!IsValidUtf8(text) || CodePointCount(text) > kMaxReportText) {
    return Error::Invalid("text", "must be at most " + std::to_string(kMaxReportText) + " characters");
  }
  if (std::find(std::begin(kReportKinds), std::end(kReportKinds), report.kind) == std::end(kReportKinds)) {
    return Error::Invalid("kind", report.kind.empty() ? "choose problem, idea or praise"
                                                      : "'" + report.kind + "' is not problem, idea or praise");
  }
  const std::string name(Trim(report.customer_name));
  if (!IsValidUtf8(name) || CodePointCount(name) > kMaxCustomerName) {
    return Error::Invalid("customer_name", "must be at most " + std::to_string(kMaxCustomerName) + " characters");
  }
  FeedbackInput in;
  in.source = "employee";
  in.channel = "employee";
  in.unit = reporter.unit_code;
  in.text = text;
  in.language = reporter.language;
  in.received_at = now;
  in.reported_by = reporter.user_id;
  in.attributes["report_kind"] = report.kind;
  in.attributes["contact_consent"] = report.customer_consents ? "yes" : "no";
  const std::string ref(Trim(report.customer_ref));
  if (!ref.empty()) {
    in.customer = CustomerRef{ref, std::nullopt, std::nullopt, std::nullopt, std::nullopt};
  } else if (!name.empty()) {
    in.attributes["customer_name"] = name;
  }
  return in;
}

}  // namespace ks::actions
