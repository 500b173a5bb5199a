#include "actions/triage.h"

#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "base/strings.h"
#include "db/id_list.h"
#include "db/transaction.h"
#include "feedback/feedback_store.h"

namespace ks::actions {
namespace {

using db::Value;

// The queue: items with text that nobody triaged yet (an item linked to a plan without a triage row,
// written before triage existed, is not waiting either).
constexpr std::string_view kInQueue =
    "f.text IS NOT NULL AND f.text <> '' AND NOT EXISTS (SELECT 1 FROM feedback_triage t WHERE t.feedback_id = "
    "f.id) AND NOT EXISTS (SELECT 1 FROM action_items ai WHERE ai.feedback_id = f.id)";

constexpr std::pair<TriageOp, std::string_view> kOpNames[] = {
    {TriageOp::kLink, "link"},   {TriageOp::kCreate, "create"}, {TriageOp::kClose, "close"},
    {TriageOp::kMerge, "merge"}, {TriageOp::kTag, "tag"},       {TriageOp::kUntag, "untag"},
};

bool IsSpace(char ch) { return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v'; }

std::string First(const FormFields& form, const std::string& name) {
  const auto it = form.find(name);
  return it == form.end() ? std::string() : it->second;
}

Value UserOrNull(const Actor& actor) { return actor.user_id > 0 ? Value(actor.user_id) : Value(nullptr); }

Result<void> RequireTriager(const Actor& actor) {
  if (!Can(actor, Action::kManageActions)) {
    return Error::PermissionDenied("only coordinators and admins may triage feedback");
  }
  return Ok();
}

// The distinct ids, in the order given (with the index each had, for errors naming ids[i]).
std::vector<std::pair<size_t, std::int64_t>> Distinct(const std::vector<std::int64_t>& ids) {
  std::vector<std::pair<size_t, std::int64_t>> out;
  std::set<std::int64_t> seen;
  for (size_t i = 0; i < ids.size(); ++i) {
    if (seen.insert(ids[i]).second) out.emplace_back(i, ids[i]);
  }
  return out;
}

std::vector<std::int64_t> IdsOf(const std::vector<std::pair<size_t, std::int64_t>>& indexed) {
  std::vector<std::int64_t> out;
  out.reserve(indexed.size());
  for (const auto& [i, id] : indexed) out.push_back(id);
  return out;
}

Result<void> CheckCount(const std::vector<std::int64_t>& ids) {
  if (ids.empty()) return Error::Invalid("ids", "select at least one item");
  if (ids.size() > kMaxBulkItems) return Error::Invalid("ids", fmt::format("at most {} items at once", kMaxBulkItems));
  return Ok();
}

// Where an item stands: whether it exists, and what triage did with it.
struct ItemState {
  std::string outcome;  // empty: in the queue (or an item without text)
  std::optional<std::int64_t> merged_into;
  std::optional<std::int64_t> action_id;  // linked to a plan
};

Result<std::map<std::int64_t, ItemState>> States(db::Connection& c, const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, ItemState> out;
  if (ids.empty()) return out;
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT f.id, t.outcome, t.merged_into, ai.action_id FROM feedback f "
                                             "LEFT JOIN feedback_triage t ON t.feedback_id = f.id "
                                             "LEFT JOIN action_items ai ON ai.feedback_id = f.id WHERE f.id IN (" +
                                             db::IdList(ids) + ")"));
  for (const auto& row : rows.rows) {
    out[db::AsInt(row[0])] = ItemState{db::AsText(row[1]), db::AsOptionalInt(row[2]), db::AsOptionalInt(row[3])};
  }
  return out;
}

std::string AlreadyTriaged(std::int64_t id, const ItemState& s) {
  if (s.outcome == "merged" && s.merged_into) {
    return fmt::format("item {} was already merged into item {}", id, *s.merged_into);
  }
  if (s.outcome == "closed") return fmt::format("item {} was already closed", id);
  if (s.action_id) return fmt::format("item {} is already linked to plan {}", id, *s.action_id);
  return fmt::format("item {} was already triaged ({})", id, s.outcome);
}

// Every item exists and is still in the queue (not closed, merged or linked); the first that is not
// names its place in the request.
Result<void> CheckUntriaged(const std::vector<std::pair<size_t, std::int64_t>>& indexed,
                            const std::map<std::int64_t, ItemState>& states) {
  for (const auto& [i, id] : indexed) {
    const auto it = states.find(id);
    const std::string field = fmt::format("ids[{}]", i);
    if (it == states.end()) return Error::Invalid(field, fmt::format("there is no feedback item {}", id));
    if (!it->second.outcome.empty() || it->second.action_id)
      return Error::Invalid(field, AlreadyTriaged(id, it->second));
  }
  return Ok();
}

// Every item exists; the first that does not names its place in the request.
Result<void> CheckExist(db::Connection& c, const std::vector<std::pair<size_t, std::int64_t>>& indexed) {
  KS_ASSIGN_OR_RETURN(auto states, States(c, IdsOf(indexed)));
  for (const auto& [i, id] : indexed) {
    if (!states.contains(id)) {
      return Error::Invalid(fmt::format("ids[{}]", i), fmt::format("there is no feedback item {}", id));
    }
  }
  return Ok();
}

// One feedback_triage row per id: "(id, outcome, $1 reason, $2 merged_into, $3 user, $4 at)".
Result<void> InsertTriage(db::Connection& c, const std::vector<std::int64_t>& ids, std::string_view outcome,
                          Value reason, Value merged_into, const Actor& actor, Micros now) {
  std::string values;
  for (const std::int64_t id : ids) {
    values += fmt::format("{}({}, '{}', $1, $2, $3, $4)", values.empty() ? "" : ", ", id, outcome);
  }
  return c.Exec("INSERT INTO feedback_triage (feedback_id, outcome, reason, merged_into, user_id, at) VALUES " + values,
                {std::move(reason), std::move(merged_into), UserOrNull(actor), now});
}

// The filter's conditions (without the cursor).
Result<db::WhereClause> QueueWhere(db::Connection& c, const QueueFilter& filter) {
  // Source, unit (with the units below it) and words as the inbox filters them.
  FeedbackFilter feedback;
  feedback.source = filter.source;
  feedback.unit = filter.unit;
  feedback.query = filter.query;
  KS_ASSIGN_OR_RETURN(db::WhereClause where, FeedbackWhere(c, feedback));
  where.Add(kInQueue);
  if (!filter.theme.empty()) {
    auto theme = NormaliseTheme(filter.theme);
    if (theme.ok()) {
      where.Add("EXISTS (SELECT 1 FROM feedback_themes th WHERE th.feedback_id = f.id AND th.theme = ?)", {*theme});
    } else {
      where.Add("1 = 0");
    }
  }
  return where;
}

Result<std::map<std::int64_t, std::vector<std::string>>> ThemesOfItems(db::Connection& c,
                                                                       const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, std::vector<std::string>> out;
  if (ids.empty()) return out;
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT feedback_id, theme FROM feedback_themes WHERE feedback_id IN (" +
                                             db::IdList(ids) + ") ORDER BY feedback_id, theme"));
  for (const auto& row : rows.rows) out[db::AsInt(row[0])].push_back(db::AsText(row[1]));
  return out;
}

}  // namespace

// ---- pure rules

Result<std::string> NormaliseTheme(std::string_view theme) {
  if (!IsValidUtf8(theme)) return Error::Invalid("theme", "is not valid UTF-8");
  std::string out;
  bool space = false;
  for (size_t i = 0; i < theme.size(); ++i) {
    const auto ch = static_cast<unsigned char>(theme[i]);
    if (IsSpace(theme[i])) {
      space = true;
      continue;
    }
    if (ch < 0x20 || ch == 0x7f) return Error::Invalid("theme", "may not contain control characters");
    if (ch == ',') return Error::Invalid("theme", "may not contain a comma (commas separate themes)");
    if (space && !out.empty()) out += ' ';
    space = false;
    if (ch >= 'A' && ch <= 'Z') {
      out += static_cast<char>(ch - 'A' + 'a');
    } else if (ch == 0xc3 && i + 1 < theme.size()) {
      // U+00C0..U+00DE (À..Þ, not ×) are C3 80..C3 9E; their lower case letters are 0x20 further.
      const auto next = static_cast<unsigned char>(theme[i + 1]);
      out += theme[i];
      out += static_cast<char>(next >= 0x80 && next <= 0x9e && next != 0x97 ? next + 0x20 : next);
      ++i;
    } else {
      out += theme[i];
    }
  }
  if (out.empty()) return Error::Invalid("theme", "a theme is required");
  if (out.size() > kMaxTheme) return Error::Invalid("theme", fmt::format("is longer than {} bytes", kMaxTheme));
  return out;
}

Result<std::vector<std::string>> NormaliseThemes(std::string_view list) {
  std::vector<std::string> out;
  for (const std::string& part : Split(list, ',')) {
    if (Trim(part).empty()) continue;
    KS_ASSIGN_OR_RETURN(std::string theme, NormaliseTheme(part));
    if (std::find(out.begin(), out.end(), theme) == out.end()) out.push_back(std::move(theme));
  }
  if (out.empty()) return Error::Invalid("theme", "a theme is required");
  if (out.size() > kMaxThemesAtOnce) {
    return Error::Invalid("theme", fmt::format("at most {} themes at once", kMaxThemesAtOnce));
  }
  return out;
}

Result<std::string> CheckCloseReason(std::string_view reason) {
  if (!IsValidUtf8(reason)) return Error::Invalid("reason", "is not valid UTF-8");
  const std::string trimmed(Trim(reason));
  if (trimmed.empty()) return Error::Invalid("reason", "a reason is required to close items");
  if (trimmed.size() > kMaxCloseReason) {
    return Error::Invalid("reason", fmt::format("is longer than {} bytes", kMaxCloseReason));
  }
  return trimmed;
}

std::string_view TriageOpName(TriageOp op) {
  for (const auto& [o, name] : kOpNames) {
    if (o == op) return name;
  }
  return "";
}

std::optional<TriageOp> ParseTriageOp(std::string_view name) {
  for (const auto& [o, n] : kOpNames) {
    if (n == name) return o;
  }
  return std::nullopt;
}

Result<TriageCommand> ParseTriageForm(const FormFields& form) {
  TriageCommand command;
  const std::string op_name(Trim(First(form, "op")));
  if (op_name.empty()) return Error::Invalid("op", "choose what to do with the selected items");
  const auto op = ParseTriageOp(op_name);
  if (!op) {
    return Error::Invalid(
        "op", fmt::format("'{}' is not an operation: link, create, close, merge, tag or untag", Excerpt(op_name, 40)));
  }
  command.op = *op;
  const auto [begin, end] = form.equal_range("ids");
  size_t i = 0;
  for (auto it = begin; it != end; ++it, ++i) {
    const auto id = ParseId(Trim(it->second));
    if (!id) {
      return Error::Invalid(fmt::format("ids[{}]", i),
                            fmt::format("'{}' is not an item number", Excerpt(it->second, 40)));
    }
    if (std::find(command.ids.begin(), command.ids.end(), *id) == command.ids.end()) command.ids.push_back(*id);
  }
  KS_RETURN_IF_ERROR(CheckCount(command.ids));
  switch (command.op) {
    case TriageOp::kLink: {
      const std::string value = First(form, "action_id");
      if (Trim(value).empty()) return Error::Invalid("action_id", "choose the plan to link the items to");
      const auto id = ParseId(Trim(value));
      if (!id) return Error::Invalid("action_id", fmt::format("'{}' is not a plan number", Excerpt(value, 40)));
      command.action_id = *id;
      break;
    }
    case TriageOp::kCreate:
      command.title = std::string(Trim(First(form, "title")));
      if (command.title.empty()) return Error::Invalid("title", "a title is required for the new plan");
      break;
    case TriageOp::kClose: {
      KS_ASSIGN_OR_RETURN(command.reason, CheckCloseReason(First(form, "reason")));
      break;
    }
    case TriageOp::kMerge: {
      const std::string value = First(form, "into");
      if (Trim(value).empty()) return Error::Invalid("into", "give the number of the item to keep");
      const auto into = ParseId(Trim(value));
      if (!into) return Error::Invalid("into", fmt::format("'{}' is not an item number", Excerpt(value, 40)));
      command.into = *into;
      // The kept item is usually selected too: it is the one the others are merged into. Selected alone,
      // it stays, and merging refuses it.
      if (command.ids.size() > 1) std::erase(command.ids, *into);
      break;
    }
    case TriageOp::kTag:
    case TriageOp::kUntag: {
      KS_ASSIGN_OR_RETURN(command.themes, NormaliseThemes(First(form, "theme")));
      break;
    }
  }
  return command;
}

// ---- the queue

Result<QueuePage> ListQueue(db::Connection& c, const QueueFilter& filter) {
  const int limit = std::clamp(filter.limit, 1, kMaxQueuePage);
  KS_ASSIGN_OR_RETURN(db::WhereClause where, QueueWhere(c, filter));
  QueuePage page;
  KS_ASSIGN_OR_RETURN(db::Rows count, c.Query("SELECT count(*) FROM feedback f" + where.Sql(), where.params()));
  page.matching = db::AsInt(count.rows[0][0]);
  if (!filter.cursor.empty()) {
    KS_ASSIGN_OR_RETURN(auto position, ParseFeedbackCursor(filter.cursor));
    where.Add("(f.received_at < ? OR (f.received_at = ? AND f.id < ?))",
              {position.first, position.first, position.second});
  }
  where.params().emplace_back(std::int64_t{limit + 1});
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query(fmt::format("SELECT f.id, f.received_at FROM feedback f{} ORDER BY "
                                                         "f.received_at DESC, f.id DESC LIMIT ${}",
                                                         where.Sql(), where.params().size()),
                                             where.params()));
  std::vector<std::int64_t> ids;
  for (const auto& row : rows.rows) {
    if (static_cast<int>(ids.size()) == limit) {
      const auto& last = rows.rows[ids.size() - 1];
      page.next_cursor = std::to_string(db::AsInt(last[1])) + "_" + std::to_string(db::AsInt(last[0]));
      break;
    }
    ids.push_back(db::AsInt(row[0]));
  }
  KS_ASSIGN_OR_RETURN(auto items, GetFeedbackItems(c, ids));
  KS_ASSIGN_OR_RETURN(auto themes, ThemesOfItems(c, ids));
  for (const std::int64_t id : ids) {
    auto it = items.find(id);
    if (it == items.end()) continue;  // deleted (a GDPR erasure) between the two queries
    QueueEntry entry{std::move(it->second), {}};
    if (auto t = themes.find(id); t != themes.end()) entry.themes = std::move(t->second);
    page.items.push_back(std::move(entry));
  }
  return page;
}

Result<QueueCounts> CountQueue(db::Connection& c) {
  QueueCounts counts;
  KS_ASSIGN_OR_RETURN(db::Rows waiting, c.Query("SELECT count(*) FROM feedback f WHERE " + std::string(kInQueue)));
  counts.waiting = db::AsInt(waiting.rows[0][0]);
  KS_ASSIGN_OR_RETURN(db::Rows outcomes, c.Query("SELECT outcome, count(*) FROM feedback_triage GROUP BY outcome"));
  for (const auto& row : outcomes.rows) {
    const std::string outcome = db::AsText(row[0]);
    const std::int64_t n = db::AsInt(row[1]);
    if (outcome == "linked") counts.linked = n;
    if (outcome == "closed") counts.closed = n;
    if (outcome == "merged") counts.merged = n;
  }
  KS_ASSIGN_OR_RETURN(db::Rows themes, c.Query("SELECT th.theme, count(*) FROM feedback_themes th JOIN feedback f ON "
                                               "f.id = th.feedback_id WHERE " +
                                               std::string(kInQueue) + " GROUP BY th.theme ORDER BY th.theme"));
  for (const auto& row : themes.rows) counts.themes.emplace_back(db::AsText(row[0]), db::AsInt(row[1]));
  return counts;
}

Result<std::optional<TriageRecord>> GetTriage(db::Connection& c, std::int64_t feedback_id) {
  KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("SELECT feedback_id, outcome, COALESCE(reason, ''), merged_into, user_id, "
                                             "at FROM feedback_triage WHERE feedback_id = $1",
                                             {feedback_id}));
  if (rows.empty()) return std::optional<TriageRecord>();
  const auto& r = rows.rows[0];
  return std::optional<TriageRecord>(TriageRecord{db::AsInt(r[0]), db::AsText(r[1]), db::AsText(r[2]),
                                                  db::AsOptionalInt(r[3]), db::AsOptionalInt(r[4]), db::AsInt(r[5])});
}

Result<std::vector<std::string>> ThemesOf(db::Connection& c, std::int64_t feedback_id) {
  KS_ASSIGN_OR_RETURN(auto themes, ThemesOfItems(c, {feedback_id}));
  return themes[feedback_id];
}

// ---- the operations

Result<std::int64_t> CloseItems(db::Connection& c, const Actor& actor, const std::vector<std::int64_t>& ids,
                                const std::string& reason, Micros now) {
  KS_RETURN_IF_ERROR(RequireTriager(actor));
  KS_RETURN_IF_ERROR(CheckCount(ids));
  KS_ASSIGN_OR_RETURN(std::string checked, CheckCloseReason(reason));
  const auto indexed = Distinct(ids);
  return db::InWriteTransaction(c, [&]() -> Result<std::int64_t> {
    KS_ASSIGN_OR_RETURN(auto states, States(c, IdsOf(indexed)));
    KS_RETURN_IF_ERROR(CheckUntriaged(indexed, states));
    KS_RETURN_IF_ERROR(InsertTriage(c, IdsOf(indexed), "closed", checked, nullptr, actor, now));
    return static_cast<std::int64_t>(indexed.size());
  });
}

Result<std::int64_t> MergeItems(db::Connection& c, const Actor& actor, std::int64_t into,
                                const std::vector<std::int64_t>& ids, Micros now) {
  KS_RETURN_IF_ERROR(RequireTriager(actor));
  KS_RETURN_IF_ERROR(CheckCount(ids));
  const auto indexed = Distinct(ids);
  return db::InWriteTransaction(c, [&]() -> Result<std::int64_t> {
    KS_ASSIGN_OR_RETURN(auto kept, States(c, {into}));
    if (!kept.contains(into)) return Error::Invalid("into", fmt::format("there is no feedback item {}", into));
    if (const ItemState& s = kept[into]; s.outcome == "merged") {
      return Error::Invalid("into", fmt::format("item {} was itself merged into item {}: merge into that one instead",
                                                into, s.merged_into.value_or(0)));
    }
    for (const auto& [i, id] : indexed) {
      if (id == into) {
        return Error::Invalid(fmt::format("ids[{}]", i),
                              fmt::format("item {} is the item to keep: it cannot be merged into itself", id));
      }
    }
    const std::vector<std::int64_t> merged = IdsOf(indexed);
    KS_ASSIGN_OR_RETURN(auto states, States(c, merged));
    KS_RETURN_IF_ERROR(CheckUntriaged(indexed, states));
    const std::string list = db::IdList(merged);
    // Duplicates merged into these earlier now point at the kept item: no chains.
    KS_RETURN_IF_ERROR(
        c.Exec("UPDATE feedback_triage SET merged_into = $1 WHERE outcome = 'merged' AND merged_into IN (" + list + ")",
               {into}));
    KS_RETURN_IF_ERROR(InsertTriage(c, merged, "merged", nullptr, into, actor, now));
    // The kept item carries the duplicates' themes.
    KS_RETURN_IF_ERROR(
        c.Exec(fmt::format("INSERT INTO feedback_themes (feedback_id, theme) SELECT DISTINCT {}, theme "
                           "FROM feedback_themes WHERE feedback_id IN ({}) ON CONFLICT (feedback_id, "
                           "theme) DO NOTHING",
                           into, list)));
    return static_cast<std::int64_t>(merged.size());
  });
}

namespace {

// What tagging and untagging check first: the triager, how many items, and the themes (normalised, each once).
Result<std::vector<std::string>> CheckThemeChange(const Actor& actor, const std::vector<std::int64_t>& ids,
                                                  const std::vector<std::string>& themes) {
  KS_RETURN_IF_ERROR(RequireTriager(actor));
  KS_RETURN_IF_ERROR(CheckCount(ids));
  if (themes.empty()) return Error::Invalid("theme", "a theme is required");
  std::vector<std::string> normalised;
  for (const auto& theme : themes) {
    KS_ASSIGN_OR_RETURN(std::string t, NormaliseTheme(theme));
    if (std::find(normalised.begin(), normalised.end(), t) == normalised.end()) normalised.push_back(std::move(t));
  }
  return normalised;
}

}  // namespace

Result<std::int64_t> TagItems(db::Connection& c, const Actor& actor, const std::vector<std::int64_t>& ids,
                              const std::vector<std::string>& themes) {
  KS_ASSIGN_OR_RETURN(std::vector<std::string> normalised, CheckThemeChange(actor, ids, themes));
  const auto indexed = Distinct(ids);
  return db::InWriteTransaction(c, [&]() -> Result<std::int64_t> {
    KS_RETURN_IF_ERROR(CheckExist(c, indexed));
    std::int64_t added = 0;
    for (const auto& theme : normalised) {
      std::string values;
      for (const auto& [i, id] : indexed) values += fmt::format("{}({}, $1)", values.empty() ? "" : ", ", id);
      KS_ASSIGN_OR_RETURN(db::Rows rows,
                          c.Query("INSERT INTO feedback_themes (feedback_id, theme) VALUES " + values +
                                      " ON CONFLICT (feedback_id, theme) DO NOTHING RETURNING feedback_id",
                                  {theme}));
      added += static_cast<std::int64_t>(rows.size());
    }
    return added;
  });
}

Result<std::int64_t> UntagItems(db::Connection& c, const Actor& actor, const std::vector<std::int64_t>& ids,
                                const std::vector<std::string>& themes) {
  KS_ASSIGN_OR_RETURN(std::vector<std::string> normalised, CheckThemeChange(actor, ids, themes));
  const auto indexed = Distinct(ids);
  return db::InWriteTransaction(c, [&]() -> Result<std::int64_t> {
    KS_RETURN_IF_ERROR(CheckExist(c, indexed));
    std::int64_t removed = 0;
    for (const auto& theme : normalised) {
      KS_ASSIGN_OR_RETURN(db::Rows rows, c.Query("DELETE FROM feedback_themes WHERE theme = $1 AND feedback_id IN (" +
                                                     db::IdList(IdsOf(indexed)) + ") RETURNING feedback_id",
                                                 {theme}));
      removed += static_cast<std::int64_t>(rows.size());
    }
    return removed;
  });
}

}  // namespace ks::actions
