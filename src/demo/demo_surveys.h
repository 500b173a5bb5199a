// The demo organisation's surveys: an NPS survey after every delivery (e-mail, a day later, with driver
// ratings and a reminder), a school-mark survey for the shops' QR codes, the exit survey for customers
// who cancel or are marked lost, and the recovery survey sent when a case is closed ("herstel": would
// you recommend us now, and how well was your complaint resolved). Written once; an existing slug is
// left as it is.
#pragma once

#include "base/clock.h"
#include "db/database.h"

namespace ks::demo {

Result<void> LoadDemoSurveys(db::Connection& c, Micros now);

}  // namespace ks::demo
