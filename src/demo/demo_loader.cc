#include "demo/demo_loader.h"

#include <fmt/format.h>

#include <chrono>

#include "customers/customer_store.h"
#include "feedback/feedback_store.h"

namespace ks::demo {
namespace {

constexpr size_t kStatementsPerTransaction = 20'000;

}  // namespace

Result<void> WriteAll(db::Connection& c, std::vector<db::Statement>& statements) {
  for (size_t start = 0; start < statements.size(); start += kStatementsPerTransaction) {
    const size_t end = std::min(statements.size(), start + kStatementsPerTransaction);
    std::vector<db::Statement> chunk;
    chunk.reserve(end - start + 2);
    chunk.push_back({c.engine() == db::Engine::kSqlite ? "BEGIN IMMEDIATE" : "BEGIN", {}});
    std::move(statements.begin() + start, statements.begin() + end, std::back_inserter(chunk));
    chunk.push_back({"COMMIT", {}});
    auto result = c.QueryBatch(chunk);
    if (!result.ok()) {
      (void)c.Rollback();
      return result.error();
    }
  }
  return Ok();
}

Result<DemoSummary> LoadDemo(db::Connection& c, const DemoOptions& options,
                             const std::function<void(std::string_view)>& progress) {
  const auto started = std::chrono::steady_clock::now();
  const DemoData data = GenerateDemo(options);
  progress(fmt::format("generated {} units, {} customers, {} feedback items", data.units.size(), data.customers.size(),
                       data.feedback.size()));
  std::vector<db::Statement> statements;
  for (const DemoUnit& u : data.units) {
    statements.push_back(InsertUnitStatement({0, u.code, u.name, u.kind, u.parent_code, u.manager, 0}, options.now));
  }
  for (const DemoCustomer& dc : data.customers) {
    CustomerUpsert upsert;
    upsert.customer.external_ref = dc.external_ref;
    upsert.customer.name = dc.name;
    upsert.customer.email = dc.email;
    upsert.customer.phone = dc.phone;
    upsert.customer.language = dc.language;
    upsert.customer.attributes = dc.attributes;
    upsert.customer.consent_contact = dc.consent_contact;
    upsert.customer.status = dc.status;
    upsert.has_attributes = upsert.has_consent = upsert.has_status = true;
    auto s = UpsertCustomerStatements(upsert, options.now);
    statements.push_back(std::move(s.back()));  // the upsert itself; the existence check is not needed
  }
  KS_RETURN_IF_ERROR(WriteAll(c, statements));
  progress(fmt::format("stored units and customers"));
  statements.clear();
  const text::TextAnalyzer analyzer;  // the default taxonomy: a demo database is new
  for (const FeedbackInput& item : data.feedback) {
    std::optional<text::TextAnalysis> analysis;
    if (!item.text.empty()) analysis = analyzer.Analyze(item.text, item.language);
    auto s = InsertFeedbackStatements(item, analysis ? &*analysis : nullptr, analyzer.revision(), options.now);
    std::move(s.begin(), s.end(), std::back_inserter(statements));
  }
  KS_RETURN_IF_ERROR(WriteAll(c, statements));
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  progress(fmt::format("stored {} feedback items in {:.1f} s", data.feedback.size(), seconds));
  for (const auto& fact : data.facts) progress("  " + fact);
  return DemoSummary{data.units.size(), data.customers.size(), data.feedback.size()};
}

}  // namespace ks::demo
