// The demo's survey responses and measures: survey feedback items are attached to the demo surveys
// (levering for nps, winkel for grade10) with driver ratings that behave like real ones — delivery and
// waiting time drive the score and perform badly (the to-do list of the key-driver page), friendliness
// and expertise perform well, price barely matters — and a few dated measures are recorded as events
// for the trend charts. Deterministic from the seed; running it twice changes nothing.
#pragma once

#include <cstdint>

#include "base/clock.h"
#include "db/database.h"

namespace ks::demo {

Result<void> LoadDemoResponses(db::Connection& c, std::uint64_t seed, Micros now);

}  // namespace ks::demo
