#include "actions/employee_report.h"

#include <gtest/gtest.h>

#include "base/strings.h"

namespace ks::actions {
namespace {

constexpr Micros kNow = 1'800'000'000'000'000;
const Reporter kReporter{7, "utrecht", "nl"};

EmployeeReport Report(std::string text, std::string kind) {
  EmployeeReport r;
  r.text = std::move(text);
  r.kind = std::move(kind);
  return r;
}

TEST(EmployeeReport, RefusedReportsNameTheField) {
  struct Case {
    const char* name;
    EmployeeReport report;
    const char* field;
  };
  const Case cases[] = {
      {"no words", Report("", "problem"), "text"},
      {"only spaces", Report("   \n ", "idea"), "text"},
      {"too long", Report(std::string(kMaxReportText + 1, 'a'), "idea"), "text"},
      {"not UTF-8", Report("caf\xe9", "idea"), "text"},
      {"no kind", Report("De kassa was dicht.", ""), "kind"},
      {"unknown kind", Report("De kassa was dicht.", "complaint"), "kind"},
      {"name too long",
       [] {
         auto r = Report("Te duur.", "problem");
         r.customer_name = std::string(kMaxCustomerName + 1, 'x');
         return r;
       }(),
       "customer_name"},
  };
  for (const auto& c : cases) {
    auto item = ReportToFeedback(c.report, kReporter, kNow);
    ASSERT_FALSE(item.ok()) << c.name;
    EXPECT_EQ(item.error().code, ErrorCode::kInvalidArgument) << c.name;
    EXPECT_EQ(item.error().field, c.field) << c.name;
  }
}

TEST(EmployeeReport, AReportBecomesAnEmployeeItemWithItsReporter) {
  struct Case {
    const char* name;
    EmployeeReport report;
    bool known_customer;
    const char* customer_name;  // the attribute; "" when absent
    const char* consent;
  };
  EmployeeReport known = Report("  Ze wil een andere bezorgdag.  ", "idea");
  known.customer_ref = "klant-42";
  known.customer_name = "ignored when picked";
  known.customer_consents = true;
  EmployeeReport unknown = Report("Haar buurman zegt op vanwege de prijs.", "problem");
  unknown.customer_name = " Mevrouw Jansen (buurvrouw) ";
  const Case cases[] = {
      {"a known customer who consents", known, true, "", "yes"},
      {"an unknown customer by name", unknown, false, "Mevrouw Jansen (buurvrouw)", "no"},
      {"nobody named", Report("Iemand op een feestje vond de app geweldig.", "praise"), false, "", "no"},
  };
  for (const auto& c : cases) {
    auto item = ReportToFeedback(c.report, kReporter, kNow);
    ASSERT_TRUE(item.ok()) << c.name << ": " << item.error().ToString();
    EXPECT_EQ(item->source, "employee") << c.name;
    EXPECT_EQ(item->channel, "employee") << c.name;
    EXPECT_EQ(item->reported_by, 7) << c.name;
    EXPECT_EQ(item->unit, "utrecht") << c.name;
    EXPECT_EQ(item->received_at, kNow) << c.name;
    EXPECT_EQ(item->language, "nl") << c.name;
    EXPECT_FALSE(item->score) << c.name;
    EXPECT_EQ(item->text, std::string(Trim(c.report.text))) << c.name;
    EXPECT_EQ(item->attributes.at("report_kind"), c.report.kind) << c.name;
    EXPECT_EQ(item->attributes.at("contact_consent"), c.consent) << c.name;
    EXPECT_EQ(item->customer.has_value(), c.known_customer) << c.name;
    if (item->customer) {
      EXPECT_EQ(item->customer->external_ref, "klant-42") << c.name;
    }
    const auto name = item->attributes.find("customer_name");
    EXPECT_EQ(name == item->attributes.end() ? std::string() : name->second, c.customer_name) << c.name;
  }
}

}  // namespace
}  // namespace ks::actions
