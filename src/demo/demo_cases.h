// The demo organisation's case history (issue 7, "closing the loop"): the rule runner opens cases only
// for items of the last 30 days (RuleRunnerOptions::max_item_age), so a fresh demo would show no speed
// metrics, no recovery and no callbacks report. This writes the year before that as it would have gone:
// for every stored demo item received between kDemoCaseHistory and max_item_age before `now` that the
// case rules in force call for (cases::Evaluate on the stored item, its customer's attributes and its
// unit's ancestors), a closed case — or the item joins the customer's case still open then, within the
// rules' join window, as the runner would have done.
//
// Each case is owned as the runner would own it (cases::ResolveOwner), opened a few minutes after its
// item, with deadlines on the business calendar in force (cases::Deadline), and worked by its owner
// step by step with the timeline entries the case service writes: a call reached (sometimes after a
// voicemail) or an e-mail, start of work, resolution, and closing with a root cause (of kRootCauses)
// and a short Dutch resolution. Every unit has its own pace, so some units are visibly fast and some
// slow (most first contacts within the SLA, some late); the turnaround unit speeds up with its new
// manager. A customer without consent (or an anonymous item) is closed without contact ("no consent").
// No mails, webhooks or jobs are written for this history.
//
// Deterministic for a seed on a fresh demo database. Items already in a case are skipped, so running it
// again adds nothing. Run it after the demo's feedback and users are stored (the owners are users).
#pragma once

#include <cstddef>
#include <cstdint>

#include "base/clock.h"
#include "base/result.h"
#include "db/database.h"

namespace ks::demo {

// How far back the case history goes.
inline constexpr Micros kDemoCaseHistory = Micros{365} * 86'400 * kMicrosPerSecond;

struct DemoCasesSummary {
  size_t cases = 0;          // closed cases written
  size_t joined = 0;         // further items that joined one of them
  size_t not_contacted = 0;  // closed without contact: no consent, or nobody to contact
  size_t late = 0;           // first contact after its deadline
};

Result<DemoCasesSummary> LoadDemoCases(db::Connection& c, std::uint64_t seed, Micros now);

}  // namespace ks::demo
