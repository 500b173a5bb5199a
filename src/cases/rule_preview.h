// The preview of a rule set (issue 7 §1): "this rule would have opened N cases last month". Runs the
// rules over the feedback of a period as the rule runner would see each item — its text analysis, its
// customer's attributes and its unit's ancestors — loading customers and units in bulk rather than per
// item. Joining is not modelled, so a count is the most cases a rule would have opened. Stateless;
// thread-safe.
#pragma once

#include <cstddef>
#include <vector>

#include "base/result.h"
#include "cases/case_rules.h"
#include "db/database.h"

namespace ks::cases {

struct RulePreview {
  std::vector<size_t> matches;  // per rule of the set, in its order (disabled ones too)
  size_t would_open = 0;        // items at least one enabled rule matches
  size_t items = 0;             // items looked at
  bool capped = false;          // the period held more than `max_items`: the newest were looked at
};

// Items received in [from, to), newest first, at most `max_items`.
Result<RulePreview> PreviewRules(db::Connection& c, const RuleSet& rules, Micros from, Micros to,
                                 size_t max_items = 20'000);

}  // namespace ks::cases
