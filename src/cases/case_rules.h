// The closed-loop rules that open cases (issue 7, item 1): which feedback is a call for help, how urgent
// it is, who owns the case and by when the customer must be contacted. An admin edits the rule set as
// JSON on a page; the rules job evaluates it for every new feedback item, and the preview counts what a
// rule would have opened over past items. Pure logic — no database: the caller passes the item, the
// customer's attributes and the unit's ancestors, and decides what to do with an open case of the same
// customer (ShouldJoin). Plain values; pure functions; thread-safe.
//
// A rule matches when all of its conditions hold; within one condition any listed value suffices:
//   classes, scores     the item's score is in one of the classes ("unhappy", "detractor", "fail",
//                       "negative", …; see ParseClassFilter) or in one of the ranges ("nps 0–6"); classes
//                       and ranges together are one condition, so "detractor" + grade10 1–5 means either
//   sources             the item's source ("complaint", "letter", …)
//   topics              the text analysis found one of these topic keys
//   sentiment_labels    the text's sentiment label ("negative", "neutral", "positive")
//   max_sentiment       the text's sentiment is at most this (-1..+1)
//   words               one of these words or phrases is in the text, ignoring case and diacritics. A single
//                       word matches by its Snowball stem in the item's language — the analysis's, else the
//                       item's, else Dutch and English both ("opzeggen" also finds "Opzegging" and "OPZEGGEN",
//                       not "opgezegd"; "cancel" finds "cancelled" and "cancellation");
//                       a phrase of several words matches those exact folded words next to each other
//                       ("ik zeg op" finds "Ik zeg op!" but not "ik zeg mijn abonnement op" or "ik zeg het op").
//                       Neither looks inside compounds ("abonnementsopzegging" does not match "opzeggen").
//   customer_attributes for each key, the customer's attribute is one of the values (ignoring case
//                       and diacritics)
//   units               the item's unit or one of its ancestors is listed (a rule on a region covers its stores)
//   brands              the item's brand (ignoring case); "own" unless the rule says otherwise, "*" for any
// Conditions that need a score or a text analysis do not hold for an item without one.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/result.h"
#include "feedback/feedback.h"
#include "feedback/scale.h"
#include "text/analyzer.h"

namespace ks::cases {

// Most urgent first: a lower value wins.
enum class Priority { kCritical, kHigh, kNormal, kLow };
std::string_view PriorityName(Priority priority);  // "critical", "high", "normal", "low"
std::optional<Priority> ParsePriority(std::string_view name);

// The brand value of "any brand" in CaseConditions::brands.
inline constexpr std::string_view kAnyBrand = "*";

// An inclusive range of values on one scale ("nps 0–6").
struct ScoreRange {
  Scale scale = Scale::kNps;
  int min = 0;
  int max = 0;
};

// What an item must be for a rule to match (see the file comment). Empty lists do not restrict.
struct CaseConditions {
  std::vector<std::string> classes;  // class filter names, see ParseClassFilter
  std::vector<ScoreRange> scores;
  std::vector<std::string> sources;  // of kSources
  std::vector<std::string> topics;   // topic keys
  std::vector<std::string> sentiment_labels;
  std::optional<double> max_sentiment;
  std::vector<std::string> words;  // words and phrases as written
  std::map<std::string, std::vector<std::string>> customer_attributes;
  std::vector<std::string> units;                          // unit codes
  std::vector<std::string> brands = {std::string("own")};  // never empty; kAnyBrand for any
};

// Who works the case: the manager of the item's unit (the default; the case service falls back to its
// own default when the item has no unit), a named user, or a shared queue.
struct CaseOwner {
  enum class Kind { kUnitManager, kUser, kQueue };
  Kind kind = Kind::kUnitManager;
  std::string name;  // the user's e-mail address or the queue's name; empty for kUnitManager
};
// "unit_manager", "user:<email>" or "queue:<name>", the form the JSON uses.
std::string OwnerSpec(const CaseOwner& owner);

// Deadlines in working hours (the SLA clock turns them into times with business hours and holidays).
struct SlaHours {
  int first_contact = 0;
  int resolution = 0;
};
// The SLA of a priority when the rule does not set one (working hours):
//   critical  first contact 4,  resolution 40
//   high      first contact 24, resolution 80
//   normal    first contact 48, resolution 120
//   low       first contact 48, resolution 160
SlaHours DefaultSla(Priority priority);

struct CaseRule {
  std::string key;   // [a-z0-9_]{1,40}, unique in its set; recorded in the case's history
  std::string name;  // for people, 1..100 characters
  bool enabled = true;
  Priority priority = Priority::kNormal;
  CaseConditions conditions;  // at least one besides the brand
  CaseOwner owner;
  // Overrides of DefaultSla(priority), each 1..kMaxSlaHours.
  std::optional<int> first_contact_hours;
  std::optional<int> resolution_hours;
};

inline constexpr int kMaxSlaHours = 2000;

// When a customer's new case-worthy item joins their open case instead of opening another one.
struct JoinPolicy {
  // The item joins when it came in at most this long before or after the case opened; 0 never joins.
  // Default 7 days; 0..90 days in the JSON form.
  Micros window = kMicrosPerSecond * 3600 * 24 * 7;
};

// True when an item that came in at `item_at` joins the customer's open case opened at `case_opened_at`.
// An item older than the case (a late import) joins as well when it is within the window.
bool ShouldJoin(const JoinPolicy& policy, Micros case_opened_at, Micros item_at);

// When an active customer counts as gone quiet (issue 7 §7): no feedback and no recorded contact for this
// many days; per value of the customer's `segment` attribute, else the default.
struct QuietPolicy {
  int default_days = 90;
  std::map<std::string, int> days_by_segment;  // segment value → days
  int DaysFor(const std::string& segment) const;
};
inline constexpr int kMaxQuietDays = 730;

struct RuleSet {
  std::vector<CaseRule> rules;  // in the admin's order, which breaks ties between equal priorities
  JoinPolicy join;
  QuietPolicy quiet;
};

// Parses and validates the JSON form:
//   {"join_window_days":7, "quiet_days":{"default":90,"segments":{"B2B":60}},
//    "rules":[{"key":"cancellation","name":"Cancellation or legal action","enabled":true,"priority":"high",
//              "conditions":{"classes":["unhappy"],"scores":[{"scale":"nps","min":0,"max":6}],
//                            "sources":["complaint"],"topics":["price"],"sentiment_labels":["negative"],
//                            "max_sentiment":-0.5,"words":["opzeggen","ik zeg op"],
//                            "customer_attributes":{"tier":["gold"]},"units":["north"],"brands":["own"]},
//              "owner":"queue:retention","sla":{"first_contact_hours":4,"resolution_hours":40}}]}
// Only "key", "name" and one condition are required; quiet days are 1..kMaxQuietDays. Errors (kInvalidArgument) name
// the field, e.g. "rules[2].conditions.scores[0].max" (outside the scale), "rules[1].key" (malformed or duplicate),
// "rules[0].conditions" (no condition), "rules[3].owner" (not one of the three forms).
Result<RuleSet> ParseRuleSet(std::string_view json);

// The JSON form that ParseRuleSet reads (pretty-printed, stable order). Enabled, priority, owner and
// brands are always written; the SLA only when the rule overrides it, so it keeps following its priority.
std::string RuleSetToJson(const RuleSet& rule_set);

// The rules klantstem starts with:
//   worst_scores           critical  nps 0–3, grade10 1–3, csat5 1, stars5 1 (the customers executives call)
//   cancellation_or_legal  high      words of cancellation or legal action, Dutch and English
//   complaint_or_letter    normal    every complaint and complaint letter
//   unhappy_answer         normal    an unhappy survey answer on any scale
// All own brand only, owned by the unit's manager, with the default SLA of their priority.
const RuleSet& DefaultRuleSet();

// What the rules see of one feedback item.
struct RuleInput {
  FeedbackInput feedback;
  std::optional<text::TextAnalysis> analysis;  // none for an item without text; its language wins for words
  std::map<std::string, std::string> customer_attributes;
  std::vector<std::string> unit_ancestors;  // codes of feedback.unit's parent, its parent, … to the root
};

// What to open for an item that matched.
struct CaseDecision {
  Priority priority = Priority::kNormal;
  CaseOwner owner;
  SlaHours sla;
  // Keys of every enabled rule that matched, most urgent first (ties in rule set order); the first one
  // decided priority, owner and SLA.
  std::vector<std::string> matched_rules;
};

// The case `input` calls for under the enabled rules of `rule_set`, or none when no rule matches.
std::optional<CaseDecision> Evaluate(const RuleSet& rule_set, const RuleInput& input);

// For the preview: per rule of `rule_set` (in its order, disabled ones too), how many of `inputs` it
// matches on its own. Joining is not modelled, so this is the most cases the rule would have opened.
std::vector<size_t> CountMatches(const RuleSet& rule_set, const std::vector<RuleInput>& inputs);

}  // namespace ks::cases
