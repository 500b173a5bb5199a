// SQL for the feedback table: the statements that write an item (run by the group-commit writer),
// and the queries that read items back with their customer and unit. Stateless; thread-safe.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"
#include "db/where_clause.h"
#include "feedback/feedback.h"

namespace ks {

// The statements that store one item: an upsert of its customer (when given), then the item itself
// `INSERT … ON CONFLICT (idempotency_key) DO NOTHING RETURNING id` — no row back means a duplicate.
// The unit must exist (checked before). `analysis` is what text analysis found (null when the item has no
// text), with the taxonomy revision it used. `now` is created_at.
std::vector<db::Statement> InsertFeedbackStatements(const FeedbackInput& item, const text::TextAnalysis* analysis,
                                                    std::int64_t text_revision, Micros now);

struct FeedbackFilter {
  std::optional<Micros> from;  // received_at >= from
  std::optional<Micros> to;    // received_at < to
  std::string unit;            // unit code; includes the unit's children
  std::string source, channel, brand;
  std::optional<Scale> scale;
  std::optional<ClassFilter> klass;
  std::string language;      // ISO 639-1
  std::string topic;         // a topic key: items text analysis found it in
  std::string sentiment;     // negative, neutral or positive: the text's sentiment label
  std::optional<int> score;  // exactly this score value (on whatever scale; combine with scale)
  std::string customer;      // external_ref
  std::string query;         // full-text words
  // When set, only items of these units (the permission policy's scope for a manager).
  std::optional<std::vector<std::int64_t>> unit_scope;
};

struct FeedbackPage {
  std::vector<FeedbackItem> items;
  std::string next_cursor;  // empty on the last page
};

// The conditions of `filter` on feedback rows named `f` (for features that list feedback with conditions of
// their own). kInvalidArgument for a malformed value.
Result<db::WhereClause> FeedbackWhere(db::Connection& c, const FeedbackFilter& filter);
// A next_cursor ("<received_at>_<id>") back into its position; kInvalidArgument naming "cursor".
Result<std::pair<Micros, std::int64_t>> ParseFeedbackCursor(const std::string& cursor);

// Newest first (received_at, then id). `cursor` is a next_cursor from a previous page, or empty.
// kInvalidArgument for a malformed cursor.
Result<FeedbackPage> ListFeedback(db::Connection& c, const FeedbackFilter& filter, const std::string& cursor,
                                  int limit);
// How many items of each unit match `filter` (the wall's counts per team; never per reporter), by unit
// name; items without a unit have an empty code and name.
struct UnitCount {
  std::string code, name;
  std::int64_t items = 0;
};
Result<std::vector<UnitCount>> CountFeedbackByUnit(db::Connection& c, const FeedbackFilter& filter);
Result<FeedbackItem> GetFeedback(db::Connection& c, std::int64_t id);
// The items of `ids` that exist, by id, in one query (for workers that handle many at once).
Result<std::map<std::int64_t, FeedbackItem>> GetFeedbackItems(db::Connection& c, const std::vector<std::int64_t>& ids);
Result<FeedbackItem> GetFeedbackByIdempotencyKey(db::Connection& c, const std::string& key);

}  // namespace ks
