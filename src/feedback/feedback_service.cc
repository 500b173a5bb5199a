#include "feedback/feedback_service.h"

#include <future>
#include <memory>
#include <optional>

#include "feedback/feedback_store.h"

namespace ks {

void FeedbackService::Ingest(std::vector<FeedbackInput> items, bool batch, Done done) {
  for (size_t i = 0; i < items.size(); ++i) {
    if (items[i].unit.empty()) continue;
    auto exists = units_.Exists(items[i].unit);
    const std::string field = batch ? "items[" + std::to_string(i) + "].unit" : "unit";
    if (!exists.ok()) return done(exists.error());
    if (!*exists)
      return done(Error::Invalid(field, "unknown unit '" + items[i].unit + "' (create it first: POST /api/v1/units)"));
  }
  const Micros now = clock_.Now();
  std::vector<db::Statement> statements;
  // Index of each item's feedback INSERT among the statements.
  auto insert_at = std::make_shared<std::vector<size_t>>();
  auto analyses = std::make_shared<std::vector<std::optional<text::TextAnalysis>>>(items.size());
  const std::int64_t text_revision = analyzer_.revision();
  for (size_t i = 0; i < items.size(); ++i) {
    const FeedbackInput& item = items[i];
    auto& analysis = (*analyses)[i];
    if (!item.text.empty()) {
      const std::string_view customer_language =
          item.customer && item.customer->language ? std::string_view(*item.customer->language) : "";
      analysis = analyzer_.Analyze(item.text, item.language, customer_language);
    }
    auto s = InsertFeedbackStatements(item, analysis ? &*analysis : nullptr, text_revision, now);
    insert_at->push_back(statements.size() + s.size() - 1);
    std::move(s.begin(), s.end(), std::back_inserter(statements));
  }
  auto shared_items = std::make_shared<std::vector<FeedbackInput>>(std::move(items));
  writer_.Submit(std::move(statements), [this, shared_items, insert_at, analyses, now,
                                         done = std::move(done)](Result<std::vector<db::Rows>> result) {
    if (!result.ok()) return done(result.error());
    std::vector<IngestedItem> out;
    out.reserve(shared_items->size());
    for (size_t i = 0; i < shared_items->size(); ++i) {
      const db::Rows& rows = result.value()[(*insert_at)[i]];
      FeedbackInput& input = (*shared_items)[i];
      if (!rows.empty()) {
        FeedbackItem item{db::AsInt(rows.rows[0][0]), std::move(input), {}, {}, now, {}, {}, {}};
        item.analysis = std::move((*analyses)[i]);
        if (item.analysis && item.input.language.empty()) item.input.language = item.analysis->language;
        out.push_back({std::move(item), true});
        continue;
      }
      // ON CONFLICT DO NOTHING returned no row: the idempotency_key is known; answer with the original.
      auto connection = pool_.Acquire();
      if (!connection.ok()) return done(connection.error());
      auto original = GetFeedbackByIdempotencyKey(**connection, input.idempotency_key);
      if (!original.ok()) return done(original.error());
      out.push_back({std::move(original).value(), false});
    }
    done(std::move(out));
  });
}

Result<std::vector<IngestedItem>> FeedbackService::IngestAndWait(std::vector<FeedbackInput> items) {
  std::promise<Result<std::vector<IngestedItem>>> promise;
  auto future = promise.get_future();
  Ingest(std::move(items), true, [&promise](Result<std::vector<IngestedItem>> r) { promise.set_value(std::move(r)); });
  return future.get();
}

}  // namespace ks
