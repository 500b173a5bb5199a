-- Executive callbacks (issue 7, item 4): the weekly lists of the most unhappy customers that executives
-- call themselves, what each call brought, and how many calls each executive takes a week. The plan is
-- made by cases/callback_store.cc (the rotation itself is cases/callback_rotation.h).
-- Times are microseconds since the epoch; NULL when it has not happened yet.

-- One row per planned local ISO week (Monday 00:00 in the organisation's time zone). Planning a week
-- locks this row, so two nodes planning at once take turns instead of giving one customer twice.
CREATE TABLE callback_plans (
  id INTEGER PRIMARY KEY,
  iso_year INTEGER NOT NULL,
  iso_week INTEGER NOT NULL CHECK (iso_week BETWEEN 1 AND 53),
  week_start INTEGER NOT NULL,  -- UTC instant of Monday 00:00 local, inclusive
  week_end INTEGER NOT NULL,    -- UTC instant of the next Monday 00:00 local, exclusive
  planned_at INTEGER NOT NULL,  -- first planned
  updated_at INTEGER NOT NULL,  -- last topped up with customers who qualified since
  UNIQUE (iso_year, iso_week)
);

-- One customer to call in one week. executive_id is NULL (and status 'unassigned') for a customer beyond
-- the week's capacity: kept so that "N customers could not be given to anyone" is visible.
CREATE TABLE callback_assignments (
  id INTEGER PRIMARY KEY,
  plan_id INTEGER NOT NULL REFERENCES callback_plans(id),
  iso_year INTEGER NOT NULL,
  iso_week INTEGER NOT NULL,
  week_start INTEGER NOT NULL,
  executive_id INTEGER REFERENCES users(id),
  customer_id INTEGER NOT NULL REFERENCES customers(id),
  case_id INTEGER NOT NULL REFERENCES cases(id),  -- the customer's most severe case
  continuity INTEGER NOT NULL DEFAULT 0,          -- 1: given to the executive who called them before
  position INTEGER NOT NULL,                      -- the order to call in, per executive (0 first)
  status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'called', 'skipped', 'unassigned')),
  outcome TEXT CHECK (outcome IN ('reached', 'voicemail', 'no_answer')),
  heard TEXT,  -- what the executive heard, verbatim
  called_at INTEGER,
  created_at INTEGER NOT NULL,
  UNIQUE (iso_year, iso_week, customer_id)
);
CREATE INDEX callback_assignments_by_week ON callback_assignments (week_start, executive_id, position);
CREATE INDEX callback_assignments_by_executive ON callback_assignments (executive_id, week_start);
CREATE INDEX callback_assignments_by_called ON callback_assignments (called_at) WHERE heard IS NOT NULL;

-- Every case one call covers: the most severe one and the customer's other candidate cases. A case
-- whose call reached the customer (or was skipped) is not offered again.
CREATE TABLE callback_assignment_cases (
  case_id INTEGER NOT NULL REFERENCES cases(id),
  assignment_id INTEGER NOT NULL REFERENCES callback_assignments(id),
  PRIMARY KEY (case_id, assignment_id)
);
CREATE INDEX callback_assignment_cases_by_assignment ON callback_assignment_cases (assignment_id);

-- How many callbacks an executive takes a week (0: away). No row: the default, 5.
CREATE TABLE executive_quotas (
  user_id INTEGER PRIMARY KEY REFERENCES users(id),
  weekly_quota INTEGER NOT NULL CHECK (weekly_quota BETWEEN 0 AND 50),
  updated_by INTEGER REFERENCES users(id),
  updated_at INTEGER NOT NULL
);
