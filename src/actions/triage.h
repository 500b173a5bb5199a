// Coordinator triage (issue 8 §4): the queue of feedback nobody has looked at yet, and what a
// coordinator does with it — in bulk, for many items at once:
//   - link items to an existing action plan, or create a plan for them (ActionService::Link / Create;
//     they write the item's feedback_triage row "linked" themselves);
//   - close items with a reason ("no action: a one-off", 1..500 bytes);
//   - merge duplicates into one item: the kept item stays in the queue (it is what gets linked or
//     closed later), the others get outcome "merged" with merged_into, and their themes move to it;
//   - tag items with themes (free words, lower case, 1..40 bytes; idempotent) and untag them.
//
// The queue is every feedback item with text that has no feedback_triage row (and is linked to no
// plan), newest first. Writes are one transaction each: an unknown or already-triaged item refuses the
// whole operation (kInvalidArgument naming `ids[i]`) and nothing is written. Only those who may manage
// actions (admins and coordinators, Action::kManageActions) may triage: the others get
// kPermissionDenied.
//
// Stateless functions on the caller's connection (which must not be inside a transaction for the
// writes); the pure parts (theme and reason rules, the bulk form) need no database. Thread-safe.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "accounts/policy.h"
#include "base/clock.h"
#include "base/result.h"
#include "db/database.h"
#include "feedback/feedback.h"

namespace ks::actions {

inline constexpr size_t kMaxCloseReason = 500;  // bytes
inline constexpr size_t kMaxTheme = 40;         // bytes
inline constexpr size_t kMaxThemesAtOnce = 10;  // themes in one tag operation ("delivery, price")
inline constexpr size_t kMaxBulkItems = 500;    // items in one operation
inline constexpr int kDefaultQueuePage = 50;
inline constexpr int kMaxQueuePage = 200;

// ---- pure rules

// A theme as stored: trimmed, inner white space collapsed to one space, lower case (ASCII and the
// Latin-1 letters "À".."Þ"), 1..40 bytes of valid UTF-8 without control characters. Field "theme".
Result<std::string> NormaliseTheme(std::string_view theme);
// Comma-separated themes ("Delivery, price"), each normalised, without repeats, 1..kMaxThemesAtOnce.
Result<std::vector<std::string>> NormaliseThemes(std::string_view list);
// A closing reason: trimmed, 1..500 bytes of valid UTF-8. Field "reason".
Result<std::string> CheckCloseReason(std::string_view reason);

// ---- the bulk form (POST /actions/triage)

enum class TriageOp { kLink, kCreate, kClose, kMerge, kTag, kUntag };
inline constexpr TriageOp kTriageOps[] = {TriageOp::kLink,  TriageOp::kCreate, TriageOp::kClose,
                                          TriageOp::kMerge, TriageOp::kTag,    TriageOp::kUntag};
std::string_view TriageOpName(TriageOp op);  // "link", "create", "close", "merge", "tag", "untag"
std::optional<TriageOp> ParseTriageOp(std::string_view name);

// One bulk operation as the form asked for it, checked as far as it can be without the database.
struct TriageCommand {
  TriageOp op = TriageOp::kClose;
  std::vector<std::int64_t> ids;    // the selected items: distinct, in the order sent
  std::int64_t action_id = 0;       // link: the plan
  std::string title;                // create: the new plan's title (ActionService checks it)
  std::string reason;               // close: checked and trimmed
  std::int64_t into = 0;            // merge: the item to keep (left out of `ids` when it was selected too)
  std::vector<std::string> themes;  // tag, untag: normalised
};

using FormFields = std::multimap<std::string, std::string>;  // = web::Form

// Fields: op; ids (repeated; each a positive integer, at least one, at most kMaxBulkItems); action_id
// (link); title (create); reason (close); into (merge); theme (tag, untag; comma-separated). Errors name
// the field: "op", "ids", "ids[i]" (the i-th value sent), "action_id", "reason", "into", "theme".
Result<TriageCommand> ParseTriageForm(const FormFields& form);

// ---- the queue

struct QueueFilter {
  std::string source;  // one of kSources, or empty
  std::string unit;    // a unit code: that unit and every unit below it; empty: all
  std::string theme;   // items tagged with this (normalised) theme
  std::string query;   // full-text words, as the inbox searches (stemmed; all must match)
  std::string cursor;  // a next_cursor from the previous page, or empty
  int limit = kDefaultQueuePage;
};

struct QueueEntry {
  FeedbackItem item;
  std::vector<std::string> themes;  // alphabetical
};

struct QueuePage {
  std::vector<QueueEntry> items;
  std::string next_cursor;    // empty on the last page
  std::int64_t matching = 0;  // items in the queue that match the filter (all pages)
};

// Newest first (received_at, then id). kInvalidArgument for a malformed cursor (field "cursor"); an
// unknown unit or source matches nothing.
Result<QueuePage> ListQueue(db::Connection& c, const QueueFilter& filter);

struct QueueCounts {
  std::int64_t waiting = 0;  // items in the queue
  std::int64_t linked = 0, closed = 0, merged = 0;
  std::vector<std::pair<std::string, std::int64_t>> themes;  // theme → items in the queue with it, by name
};
Result<QueueCounts> CountQueue(db::Connection& c);

// What happened to an item, when it left the queue.
struct TriageRecord {
  std::int64_t feedback_id = 0;
  std::string outcome;  // "linked", "closed" or "merged"
  std::string reason;   // closed
  std::optional<std::int64_t> merged_into;
  std::optional<std::int64_t> user_id;
  Micros at = 0;
};
Result<std::optional<TriageRecord>> GetTriage(db::Connection& c, std::int64_t feedback_id);
// The item's themes, alphabetical.
Result<std::vector<std::string>> ThemesOf(db::Connection& c, std::int64_t feedback_id);

// ---- the operations (each one transaction; see the header comment)

// Closes `ids` with `reason` (CheckCloseReason). Returns how many items were closed.
Result<std::int64_t> CloseItems(db::Connection& c, const Actor& actor, const std::vector<std::int64_t>& ids,
                                const std::string& reason, Micros now);
// Merges `ids` into `into`: refused (field "into") when `into` does not exist or was itself merged into
// another item, and (field ids[i]) when an item is `into` itself, does not exist or was triaged already.
// Items merged earlier into one of `ids` now point at `into` too, so a chain never forms. Returns how
// many items were merged.
Result<std::int64_t> MergeItems(db::Connection& c, const Actor& actor, std::int64_t into,
                                const std::vector<std::int64_t>& ids, Micros now);
// Tags every item of `ids` with every theme of `themes` (normalised again; field "theme"); items already
// tagged stay as they are. Any existing item may be tagged, in the queue or not. Returns the tags added.
Result<std::int64_t> TagItems(db::Connection& c, const Actor& actor, const std::vector<std::int64_t>& ids,
                              const std::vector<std::string>& themes);
// Removes the themes from the items. Returns the tags removed.
Result<std::int64_t> UntagItems(db::Connection& c, const Actor& actor, const std::vector<std::int64_t>& ids,
                                const std::vector<std::string>& themes);

}  // namespace ks::actions
