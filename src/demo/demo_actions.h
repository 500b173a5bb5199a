// The demo organisation's action plans (issue 8): a year of "you said, we did" as coordinators, managers
// and the action service would have written it — plans across the units with Dutch titles and reasons
// customers can read, each answering 2–15 stored demo feedback items whose text is about what the plan
// changes (chosen by words of the text within the plan's units; failing that, by unit).
//
// Every status is there: a few plans still proposed (no decision yet), decided ones with each decision
// ("do", "not now", "won't", each with its reason; one "not now" later became "do"), plans in progress
// and done ones — a done plan has its analytics marker (an `events` row at its done time, its id in
// actions.event_id) as ActionService::Finish writes it. The timeline (action_events: created, linked,
// decided, started, note, done, and "told" when a colleague ticked a task) and the telling of every
// linked item's customer (action_messages, by the rules of ActionService's Tell: a mail when the
// customer consented and has an address — informed at the decision; a task for the colleague who
// reported an employee item whose customer agreed to hear back and has no known address — mostly ticked
// some days later, a few still open; otherwise nobody). No mail is queued for this history.
//
// An employee-reported item linked to a plan gets the "contact_consent" attribute the employee report
// form records (mostly "yes"), which the demo's generated items lack. Coordinator triage: every linked
// item is "linked"; some other items of every unit were closed with a reason, a few duplicates of a
// linked item's customer were merged into it; linked items and some items still in the queue carry
// themes. Units decide at their own pace (some within days, others after weeks), so the lead times of
// /actions/lead-times differ per unit.
//
// Deterministic for a seed on a fresh demo database. Nothing is written when action plans exist already,
// so running it again adds nothing. Run it after the demo's feedback, users and cases are stored.
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/clock.h"
#include "base/result.h"
#include "db/database.h"

namespace ks::demo {

// How far back the plans go (their items may be somewhat older).
inline constexpr Micros kDemoActionHistory = Micros{365} * 86'400 * kMicrosPerSecond;

struct DemoActionsSummary {
  size_t plans = 0;
  size_t proposed = 0, decided = 0, in_progress = 0, done = 0;  // by status now
  size_t linked = 0;                                            // feedback items linked to a plan
  size_t mails = 0, colleague = 0, nobody = 0;                  // action_messages by how
  size_t closed = 0, merged = 0;                                // other triaged items
  size_t themes = 0;                                            // feedback_themes rows
};

Result<DemoActionsSummary> LoadDemoActions(db::Connection& c, std::uint64_t seed, Micros now);

}  // namespace ks::demo
