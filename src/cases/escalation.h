// Escalation of overdue cases (issue 7 §3). A case is overdue when the deadline that matters now (first
// contact, then resolution; Case::due) has passed. Each step is recorded in the case's timeline and on
// the case (escalation_level), and mailed through the outbox:
//   1  at the deadline                          a reminder to the owner
//   2  `step` working hours past the deadline   the owner's manager (the nearest manager above the
//                                               owner's unit; for a case without a user owner, the
//                                               manager of the case's unit)
//   3  2 × `step` working hours past it         every executive
// A case found several steps behind (the server was down) takes the highest one at once. Recording the
// first contact starts the count again for the resolution deadline. Resolved and closed cases never
// escalate.
//
// Nothing here sleeps: EscalateOnce takes the time from its Clock, so tests drive it with a ManualClock.
// Each case's step is one transaction, conditional on the level it was read with, so two nodes never
// send the same escalation twice.
#pragma once

#include <string>

#include "base/background_loop.h"
#include "base/clock.h"
#include "db/connection_pool.h"

namespace ks::cases {

struct EscalationOptions {
  int step_working_hours = 8;  // one working day between escalation steps
  int batch = 500;             // cases per run at most
  std::string base_url = "http://127.0.0.1:8080";
};

struct EscalationStats {
  size_t checked = 0;    // overdue cases looked at
  size_t escalated = 0;  // cases that took a step
};

Result<EscalationStats> EscalateOnce(db::ConnectionPool& pool, const Clock& clock, const EscalationOptions& options);

// The background worker of a server: EscalateOnce and SendNotices (case_notices.h) every `interval` (a
// minute by default).
class Escalator {
 public:
  Escalator(db::ConnectionPool& pool, const Clock& clock, EscalationOptions options,
            Micros interval = 60 * kMicrosPerSecond);
  void Start() { loop_.Start(); }
  void Stop() { loop_.Stop(); }

 private:
  bool Step();

  db::ConnectionPool& pool_;
  const Clock& clock_;
  EscalationOptions options_;
  BackgroundLoop loop_;  // last: stopped before the members it uses go
};

}  // namespace ks::cases
