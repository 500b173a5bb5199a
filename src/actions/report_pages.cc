#include "actions/report_pages.h"

#include "actions/employee_report.h"
#include "base/random.h"
#include "base/strings.h"
#include "web/forms.h"

namespace ks::actions {
namespace {

constexpr int kMaxSuggestions = 8;
constexpr size_t kMinQuery = 2;  // characters typed before suggestions are looked up

std::string Param(const http::Request& request, const std::string& name) { return request.Query(name).value_or(""); }

class ReportPages {
 public:
  ReportPages(WebAuth& auth, FeedbackService& feedback, const Clock& clock)
      : auth_(auth), feedback_(feedback), clock_(clock) {}

  http::Response Form(WebRequest& r) {
    mstch::map body = FormBody(r, EmployeeReport{}, "", "");
    // Only a real item id shows the notice: "?sent=abc" would otherwise link to "/feedback/".
    const auto sent = ParseId(Param(r.http, "sent"));
    body["sent"] = sent.has_value();
    body["sent_href"] = "/feedback/" + std::to_string(sent.value_or(0));
    return auth_.Render(r, r.T("report_title"), "report", std::move(body));
  }

  http::Response Suggestions(WebRequest& r) {
    mstch::array customers;
    const std::string q(Trim(Param(r.http, "customer_name")));
    if (Can(r.actor, Action::kViewCustomerIdentity) && q.size() >= kMinQuery) {
      auto c = auth_.pool().Acquire();
      if (!c.ok()) return auth_.Unavailable(r);
      // LIKE's wildcards in what was typed are matched literally.
      std::string pattern = "%";
      for (char ch : ToLowerAscii(q)) {
        if (ch == '%' || ch == '_' || ch == '\\') pattern += '\\';
        pattern += ch;
      }
      pattern += '%';
      auto rows = (*c)->Query(
          "SELECT external_ref, name FROM customers WHERE name IS NOT NULL AND LOWER(name) LIKE $1 "
          "ESCAPE '\\' ORDER BY name, external_ref LIMIT $2",
          {pattern, std::int64_t{kMaxSuggestions}});
      if (!rows.ok()) return auth_.Unavailable(r);
      for (const auto& row : rows->rows) {
        customers.push_back(mstch::map{{"ref", db::AsText(row[0])}, {"name", db::AsText(row[1])}});
      }
    }
    return auth_.Fragment(r, "report_customers",
                          mstch::map{{"customers", customers}, {"has_customers", !customers.empty()}});
  }

  http::Response Submit(WebRequest& r) {
    EmployeeReport report;
    report.customer_ref = web::FormValue(r.form, "customer_ref");
    report.customer_name = web::FormValue(r.form, "customer_name");
    report.text = web::FormValue(r.form, "text");
    report.kind = web::FormValue(r.form, "kind");
    report.customer_consents = web::FormValue(r.form, "consent") == "1";
    const std::string key = web::FormValue(r.form, "report_key");
    const auto refuse = [&](const Error& e) {
      // An unknown customer is not kept in the form's hidden field, or sending it again would fail again.
      if (e.field == "customer_ref") report.customer_ref.clear();
      const std::string label =
          r.messages.messages().contains("report_field_" + e.field) ? r.T("report_field_" + e.field) : e.field;
      return auth_.Render(r, r.T("report_title"), "report", FormBody(r, report, e.field, label + ": " + e.message),
                          400);
    };
    auto c = auth_.pool().Acquire();
    if (!c.ok()) return auth_.Unavailable(r);
    auto reporter = ReporterOf(**c, r);
    if (!reporter.ok()) return auth_.Unavailable(r);
    auto item = ReportToFeedback(report, *reporter, clock_.Now());
    if (!item.ok()) return refuse(item.error());
    if (!report.customer_ref.empty()) {
      auto known = (*c)->Query("SELECT 1 FROM customers WHERE external_ref = $1", {report.customer_ref});
      if (!known.ok()) return auth_.Unavailable(r);
      if (known->empty()) return refuse(Error::Invalid("customer_ref", "that customer no longer exists"));
    }
    // Per reporter, without naming them: the API and the export show the idempotency key.
    if (!key.empty()) item->idempotency_key = "report:" + DigestHex(std::to_string(reporter->user_id) + ":" + key);
    auto stored = feedback_.IngestAndWait({std::move(*item)});
    if (!stored.ok()) {
      if (stored.error().code == ErrorCode::kInvalidArgument) return refuse(stored.error());
      return auth_.Unavailable(r);
    }
    return web::Redirect(r.http, "/report?sent=" + std::to_string(stored->front().item.id));
  }

 private:
  // The signed-in user as a reporter: their unit and language.
  static Result<Reporter> ReporterOf(db::Connection& c, const WebRequest& r) {
    KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT COALESCE(u.code, '') FROM users us LEFT JOIN units u ON "
                                               "u.id = us.unit_id WHERE us.id = $1",
                                               {r.actor.user_id}));
    return Reporter{r.actor.user_id, rows.empty() ? std::string() : db::AsText(rows.rows[0][0]), r.language()};
  }

  static mstch::map FormBody(const WebRequest& r, const EmployeeReport& report, const std::string& error_field,
                             const std::string& error) {
    mstch::array kinds;
    for (std::string_view kind : kReportKinds) {
      kinds.push_back(mstch::map{{"value", std::string(kind)},
                                 {"label", r.T("report_kind_" + std::string(kind))},
                                 {"checked", report.kind == kind}});
    }
    return mstch::map{{"customer_name", report.customer_name},
                      {"customer_ref", report.customer_ref},
                      {"text", report.text},
                      {"kinds", kinds},
                      {"consent", report.customer_consents},
                      {"suggest", Can(r.actor, Action::kViewCustomerIdentity)},
                      {"report_key", RandomHex(12)},
                      {"error", error},
                      {"error_field", error_field}};
  }

  WebAuth& auth_;
  FeedbackService& feedback_;
  const Clock& clock_;
};

}  // namespace

void AddReportPages(http::Router& router, WebAuth& auth, FeedbackService& feedback, const Clock& clock) {
  auto pages = std::make_shared<ReportPages>(auth, feedback, clock);
  router.Add("GET", "/report", auth.Page([pages](WebRequest& r) { return pages->Form(r); }));
  router.Add("GET", "/report/customers", auth.Page([pages](WebRequest& r) { return pages->Suggestions(r); }));
  router.Add("POST", "/report", auth.Page([pages](WebRequest& r) { return pages->Submit(r); }));
}

}  // namespace ks::actions
