// The demo organisation's surveys: an NPS survey after every delivery (e-mail, a day later, with driver
// ratings and a reminder), a school-mark survey for the shops' QR codes, and the exit survey for
// customers who left. Written once; an existing slug is left as it is.
#pragma once

#include "base/clock.h"
#include "db/database.h"

namespace ks::demo {

Result<void> LoadDemoSurveys(db::Connection& c, Micros now);

}  // namespace ks::demo
