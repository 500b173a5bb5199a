#include "feedback/feedback_store.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/json_helpers.h"
#include "base/strings.h"
#include "db/id_list.h"
#include "feedback/feedback_json.h"
#include "feedback/text_columns.h"
#include "text/search_terms.h"

namespace ks {
namespace {

using db::Value;

constexpr std::string_view kUpsertCustomer = R"(
INSERT INTO customers (external_ref, name, email, phone, language, created_at, updated_at, last_contact_at)
VALUES ($1, $2, $3, $4, $5, $6, $6, $7)
ON CONFLICT (external_ref) DO UPDATE SET
  name = COALESCE(excluded.name, customers.name),
  email = COALESCE(excluded.email, customers.email),
  phone = COALESCE(excluded.phone, customers.phone),
  language = COALESCE(excluded.language, customers.language),
  updated_at = excluded.updated_at,
  last_contact_at = CASE WHEN customers.last_contact_at IS NULL OR customers.last_contact_at < excluded.last_contact_at
                         THEN excluded.last_contact_at ELSE customers.last_contact_at END)";

const std::string& InsertFeedback() {
  static const std::string kSql = fmt::format(R"(
INSERT INTO feedback (source, channel, customer_id, unit_id, brand, score_value, score_scale, score_class, text,
                      received_at, attributes, idempotency_key, search_text, created_at, {}, reported_by)
VALUES ($1, $2, (SELECT id FROM customers WHERE external_ref = $3), (SELECT id FROM units WHERE code = $4), $5, $6,
        $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24)
ON CONFLICT (idempotency_key) DO NOTHING
RETURNING id)",
                                              kTextColumnNames);
  return kSql;
}

constexpr std::string_view kFeedbackColumns = R"(
SELECT f.id, f.source, f.channel, c.external_ref, c.name, c.email, u.code, f.brand, f.score_value, f.score_scale,
       f.text, f.language, f.received_at, f.attributes, f.idempotency_key, f.created_at, f.customer_id, f.unit_id,
       f.reported_by, r.name, u.name, f.language, f.sentiment, f.sentiment_label, f.topics, f.topic_sentiments,
       f.key_phrases, f.language_confidence, f.text_revision)";
constexpr std::string_view kFeedbackJoins = R"(
LEFT JOIN customers c ON c.id = f.customer_id LEFT JOIN units u ON u.id = f.unit_id
LEFT JOIN users r ON r.id = f.reported_by)";
const std::string& SelectFeedback() {
  static const std::string kSql = fmt::format("{} FROM feedback f {}", kFeedbackColumns, kFeedbackJoins);
  return kSql;
}

Value OptionalText(const std::optional<std::string>& s) { return s ? Value(*s) : Value(nullptr); }
Value TextOrNull(const std::string& s) { return s.empty() ? Value(nullptr) : Value(s); }

FeedbackItem RowToItem(const std::vector<Value>& r) {
  FeedbackItem item;
  FeedbackInput& in = item.input;
  item.id = db::AsInt(r[0]);
  in.source = db::AsText(r[1]);
  in.channel = db::AsText(r[2]);
  if (!db::IsNull(r[3])) {
    CustomerRef c{db::AsText(r[3]), {}, {}, {}, {}};
    if (!db::IsNull(r[4])) c.name = db::AsText(r[4]);
    if (!db::IsNull(r[5])) c.email = db::AsText(r[5]);
    in.customer = std::move(c);
  }
  in.unit = db::AsText(r[6]);
  in.brand = db::AsText(r[7]);
  if (!db::IsNull(r[8])) {
    if (auto scale = ParseScale(db::AsText(r[9]))) in.score = Score{*scale, static_cast<int>(db::AsInt(r[8]))};
  }
  in.text = db::AsText(r[10]);
  in.language = db::AsText(r[11]);
  in.received_at = db::AsInt(r[12]);
  in.attributes = AttributesFromText(db::AsText(r[13]));
  in.idempotency_key = db::AsText(r[14]);
  item.created_at = db::AsInt(r[15]);
  if (!db::IsNull(r[16])) item.customer_id = db::AsInt(r[16]);
  if (!db::IsNull(r[17])) item.unit_id = db::AsInt(r[17]);
  if (!db::IsNull(r[18])) in.reported_by = db::AsInt(r[18]);
  item.reporter_name = db::AsText(r[19]);
  item.unit_name = db::AsText(r[20]);
  if (text::TextAnalysis analysis; TextAnalysisFromColumns(r, 21, analysis)) item.analysis = std::move(analysis);
  return item;
}

using Where = db::WhereClause;

// On SQLite, where a page of the newest items is found two ways and the planner cannot tell which is
// cheaper: driven by a small set (the rows of one unit, the matches of a rare word) and sorted, or by
// walking the received_at index newest first and stopping after a page (best when the set is large,
// since matches are then dense). A unary + keeps SQLite from driving by a condition's index.
constexpr std::int64_t kDriveBySetBelow = 5000;

// The full-text condition: every query word must match one of its stems.
Result<void> AddTextSearch(Where& where, db::Connection& c, const std::string& query) {
  const auto terms = text::QueryStems(query);
  if (terms.empty()) return Ok();
  const db::Engine engine = c.engine();
  std::string expression;
  for (const auto& alternatives : terms) {
    std::string group;
    for (const auto& stem : alternatives) {
      if (engine == db::Engine::kSqlite) {
        group += (group.empty() ? "" : " OR ") + ("\"" + stem + "\"");
      } else {
        group += (group.empty() ? "" : " | ") + ("'" + stem + "'");
      }
    }
    expression += (expression.empty() ? "" : (engine == db::Engine::kSqlite ? " AND " : " & ")) + ("(" + group + ")");
  }
  if (engine == db::Engine::kSqlite) {
    KS_ASSIGN_OR_RETURN(db::Rows count,
                        c.Query("SELECT count(*) FROM feedback_fts WHERE feedback_fts MATCH $1", {expression}));
    const bool many = db::AsInt(count.rows[0][0]) >= kDriveBySetBelow;
    where.Add(std::string(many ? "+" : "") + "f.id IN (SELECT rowid FROM feedback_fts WHERE feedback_fts MATCH ?)",
              {expression});
  } else {
    where.Add("to_tsvector('simple', f.search_text) @@ to_tsquery('simple', ?)", {expression});
  }
  return Ok();
}

// The units an item may belong to: the filter's unit with everything below it, within the viewer's
// scope. nullopt: no restriction.
Result<std::optional<std::vector<std::int64_t>>> UnitSet(db::Connection& c, const FeedbackFilter& filter) {
  std::optional<std::vector<std::int64_t>> units = filter.unit_scope;
  if (!filter.unit.empty()) {
    KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("WITH RECURSIVE tree(id) AS (SELECT id FROM units WHERE code = $1 "
                                               "UNION ALL SELECT u.id FROM units u JOIN tree ON u.parent_id = tree.id) "
                                               "SELECT id FROM tree",
                                               {filter.unit}));
    std::vector<std::int64_t> tree;
    for (const auto& r : rows.rows) {
      const std::int64_t id = db::AsInt(r[0]);
      if (!filter.unit_scope ||
          std::find(filter.unit_scope->begin(), filter.unit_scope->end(), id) != filter.unit_scope->end()) {
        tree.push_back(id);
      }
    }
    units = std::move(tree);
  }
  return units;
}

void AddUnitCondition(Where& where, db::Engine engine, const std::vector<std::int64_t>& units) {
  if (units.empty()) {
    where.Add("1 = 0", {});  // an unknown unit, or one outside the viewer's scope: nothing
  } else if (units.size() == 1) {
    where.Add("f.unit_id = ?", {units[0]});  // the (unit_id, received_at) index gives the page in order
  } else {
    std::string in;
    std::vector<Value> ids;
    for (std::int64_t id : units) {
      in += in.empty() ? "?" : ", ?";
      ids.emplace_back(id);
    }
    // Several units (a region) hold many items: walk the received_at index (see kDriveBySetBelow).
    where.Add(std::string(engine == db::Engine::kSqlite ? "+" : "") + "f.unit_id IN (" + in + ")", std::move(ids));
  }
}

}  // namespace

std::vector<db::Statement> InsertFeedbackStatements(const FeedbackInput& in, const text::TextAnalysis* analysis,
                                                    std::int64_t text_revision, Micros now) {
  std::vector<db::Statement> statements;
  Value customer_ref = nullptr;
  if (in.customer) {
    const CustomerRef& c = *in.customer;
    customer_ref = c.external_ref;
    statements.push_back({std::string(kUpsertCustomer),
                          {c.external_ref, OptionalText(c.name), OptionalText(c.email), OptionalText(c.phone),
                           OptionalText(c.language), now, in.received_at}});
  }
  Value score = nullptr, scale = nullptr, klass = nullptr;
  if (in.score) {
    score = std::int64_t{in.score->value};
    scale = std::string(ScaleName(in.score->scale));
    klass = std::string(MoodName(in.score->mood()));
  }
  std::vector<Value> values = {in.source,
                               in.channel,
                               customer_ref,
                               TextOrNull(in.unit),
                               in.brand,
                               score,
                               scale,
                               klass,
                               in.text,
                               in.received_at,
                               AttributesToText(in.attributes),
                               TextOrNull(in.idempotency_key),
                               text::SearchStems(in.text, analysis != nullptr && !analysis->language.empty()
                                                              ? std::string_view(analysis->language)
                                                              : std::string_view(in.language)),
                               now};
  for (Value& v : TextColumnValues(analysis, in.language, text_revision)) values.push_back(std::move(v));
  values.push_back(in.reported_by ? Value(*in.reported_by) : Value(nullptr));
  statements.push_back({InsertFeedback(), std::move(values)});
  return statements;
}

Result<std::pair<Micros, std::int64_t>> ParseFeedbackCursor(const std::string& cursor) {
  const auto parts = Split(cursor, '_');
  try {
    if (parts.size() == 2) return std::pair<Micros, std::int64_t>{std::stoll(parts[0]), std::stoll(parts[1])};
  } catch (const std::exception&) {
  }
  return Error::Invalid("cursor", "'" + cursor + "' is not a cursor from a previous page's next_cursor");
}

Result<db::WhereClause> FeedbackWhere(db::Connection& c, const FeedbackFilter& filter) {
  Where where;
  if (filter.from) where.Add("f.received_at >= ?", {*filter.from});
  if (filter.to) where.Add("f.received_at < ?", {*filter.to});
  KS_ASSIGN_OR_RETURN(auto units, UnitSet(c, filter));
  if (units) AddUnitCondition(where, c.engine(), *units);
  if (!filter.source.empty()) where.Add("f.source = ?", {filter.source});
  if (!filter.channel.empty()) where.Add("f.channel = ?", {filter.channel});
  if (!filter.brand.empty()) where.Add("f.brand = ?", {filter.brand});
  if (!filter.language.empty()) where.Add("f.language = ?", {filter.language});
  if (!filter.topic.empty()) {
    // Keys are [a-z0-9_]: "_" is escaped so that it is not LIKE's any-character.
    std::string pattern = "%,";
    for (char ch : filter.topic) {
      if (ch == '_') pattern += '\\';
      pattern += ch;
    }
    pattern += ",%";
    where.Add("(',' || f.topics || ',') LIKE ? ESCAPE '\\'", {pattern});
  }
  if (!filter.sentiment.empty()) where.Add("f.sentiment_label = ?", {filter.sentiment});
  if (filter.score) where.Add("f.score_value = ?", {std::int64_t{*filter.score}});
  if (filter.scale) where.Add("f.score_scale = ?", {std::string(ScaleName(*filter.scale))});
  if (filter.klass) {
    where.Add("f.score_class = ?", {std::string(MoodName(filter.klass->mood))});
    if (filter.klass->scale) where.Add("f.score_scale = ?", {std::string(ScaleName(*filter.klass->scale))});
    if (filter.klass->five_point_scales) where.Add("f.score_scale IN ('csat5', 'stars5')", {});
  }
  if (!filter.customer.empty()) {
    where.Add("f.customer_id = (SELECT id FROM customers WHERE external_ref = ?)", {filter.customer});
  }
  if (!filter.query.empty()) KS_RETURN_IF_ERROR(AddTextSearch(where, c, filter.query));
  return where;
}

Result<FeedbackPage> ListFeedback(db::Connection& c, const FeedbackFilter& filter, const std::string& cursor,
                                  int limit) {
  KS_ASSIGN_OR_RETURN(Where where, FeedbackWhere(c, filter));
  if (!cursor.empty()) {
    KS_ASSIGN_OR_RETURN(auto position, ParseFeedbackCursor(cursor));
    where.Add("(f.received_at < ? OR (f.received_at = ? AND f.id < ?))",
              {position.first, position.first, position.second});
  }
  where.params().push_back(std::int64_t{limit + 1});
  // The page's ids first, from the indexes alone; only then its rows with their customer, unit and
  // reporter (joining before the sort would fetch every matching row).
  const std::string sql = fmt::format(
      "{} FROM (SELECT f.id AS page_id FROM feedback f{} ORDER BY f.received_at DESC, f.id DESC LIMIT ${}) page "
      "JOIN feedback f ON f.id = page.page_id {} ORDER BY f.received_at DESC, f.id DESC",
      kFeedbackColumns, where.Sql(), where.params().size(), kFeedbackJoins);
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(sql, where.params()));
  FeedbackPage page;
  for (const auto& row : rows.rows) {
    if (static_cast<int>(page.items.size()) == limit) {
      const FeedbackItem& last = page.items.back();
      page.next_cursor = std::to_string(last.input.received_at) + "_" + std::to_string(last.id);
      break;
    }
    page.items.push_back(RowToItem(row));
  }
  return page;
}

Result<std::vector<UnitCount>> CountFeedbackByUnit(db::Connection& c, const FeedbackFilter& filter) {
  KS_ASSIGN_OR_RETURN(Where where, FeedbackWhere(c, filter));
  KS_ASSIGN_OR_RETURN(
      db::Rows rows,
      c.Query("SELECT u.code, u.name, n.items FROM (SELECT f.unit_id, COUNT(*) AS items FROM feedback f" + where.Sql() +
                  " GROUP BY f.unit_id) n LEFT JOIN units u ON u.id = n.unit_id ORDER BY u.name, u.code",
              where.params()));
  std::vector<UnitCount> out;
  for (const auto& r : rows.rows) out.push_back(UnitCount{db::AsText(r[0]), db::AsText(r[1]), db::AsInt(r[2])});
  return out;
}

Result<FeedbackItem> GetFeedback(db::Connection& c, std::int64_t id) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(SelectFeedback() + " WHERE f.id = $1", {id}));
  if (rows.empty()) return Error::NotFound("no feedback item with id " + std::to_string(id));
  return RowToItem(rows.rows[0]);
}

Result<std::map<std::int64_t, FeedbackItem>> GetFeedbackItems(db::Connection& c, const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, FeedbackItem> out;
  if (ids.empty()) return out;
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(SelectFeedback() + " WHERE f.id IN (" + db::IdList(ids) + ")"));
  for (const auto& row : rows.rows) {
    FeedbackItem item = RowToItem(row);
    const std::int64_t id = item.id;
    out.emplace(id, std::move(item));
  }
  return out;
}

Result<FeedbackItem> GetFeedbackByIdempotencyKey(db::Connection& c, const std::string& key) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(SelectFeedback() + " WHERE f.idempotency_key = $1", {key}));
  if (rows.empty()) return Error::NotFound("no feedback item with idempotency_key " + key);
  return RowToItem(rows.rows[0]);
}

}  // namespace ks
