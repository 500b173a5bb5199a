#!/usr/bin/python3
"""Crash test of closing the loop (issue 7): a case that should be opened is never lost and never
opened twice, whenever the server dies.

Every feedback item gets a "cases.rules" job in the transaction that stores it; the rule runner opens
the case, its timeline entry and the owner's mail and deletes the job in one transaction. Two rounds:

  1. kill between the commit and the rule run: a batch of unhappy items (one per customer, so none join
     another's case) is acknowledged, and the server gets SIGKILL at once — before the runner (a round
     every 0.5 s, 200 jobs a round) got to most of them; the jobs table shows how many were pending;
  2. kill during the rule run: another batch, SIGKILL as soon as the runner has claimed jobs of it; and
     once more as soon as the first of its cases are written.
     On PostgreSQL a run is one transaction that holds its jobs locked; the database rolls it back when
     the killed process's connection drops, so the restarted server runs those jobs at once — no lease
     is waited out, and the test does not touch the jobs table.

After each restart the test waits until no cases.rules job is left, then checks straight from the
database (sqlite3 module, or psql) and through the API that every acknowledged item is in exactly one
case, that there are as many cases as items (each opened by its item), and that each case has one
"opened" entry and one mail to its owner.

    /usr/bin/python3 tests/crash/test_case_crash.py --binary build/release/src/app/klantstem [--engine postgres]

Bounded: well under 60 s per engine.
"""

import os
import sqlite3
import sys
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import klantstem_server as ks  # noqa: E402

OPTIONS = None
ROUND_ITEMS = 800
DRAIN_TIMEOUT = 40  # seconds for the rule runner to handle every job after a restart
MANAGER = "crash.manager@stroomlijn.example"
TEXTS = ["Twee weken gewacht op mijn pakket.", "Niemand belde terug.", "De monteur kwam niet opdagen.",
         "Factuur klopt weer niet.", "Onvriendelijk behandeld aan de balie."]


class CaseCrashTest(unittest.TestCase):
    def setUp(self):
        self.fx = ks.ServerFixture(OPTIONS.binary, OPTIONS.engine,
                                   keys={"load": "feedback:write,feedback:read", "admin": "admin"})
        self.server = self.fx.server
        self.key = self.fx.keys["load"]
        r = self.server.post("/api/v1/units", {"code": "crash-winkel", "name": "Crash Winkel", "kind": "location"},
                             key=self.fx.keys["admin"])
        self.assertEqual(r.status, 201, r)
        self.server.cli("user", "add", "--db", self.server.db_url, "--email", MANAGER, "--name", "Crash Manager",
                        "--role", "manager", "--unit", "crash-winkel", "--language", "nl", "--password-stdin",
                        input_text="Crash-test-wachtwoord-2026\n")

    def tearDown(self):
        self.fx.close()

    # ---- the database, read directly (every value as text)
    def rows(self, sql):
        if OPTIONS.engine == "sqlite":
            con = sqlite3.connect(self.fx.db.path, timeout=30)
            try:
                result = con.execute(sql).fetchall()
                con.commit()
            finally:
                con.close()
            return [tuple("" if v is None else str(v) for v in row) for row in result]
        out = ks.psql(self.fx.db.url, sql)
        return [tuple(line.split("|")) for line in out.splitlines() if line]

    def scalar(self, sql):
        [(value,)] = self.rows(sql)
        return int(value or 0)

    def jobs(self):
        """(pending, held) cases.rules jobs: not done, and of those the ones a run holds now — on
        PostgreSQL locked by a run's open transaction, on SQLite (whose runs claim nothing) leased."""
        pending_sql = "FROM jobs WHERE kind = 'cases.rules' AND done_at IS NULL"
        if OPTIONS.engine == "postgres":
            held_sql = "COUNT(*) - (SELECT COUNT(*) FROM (SELECT id %s FOR UPDATE SKIP LOCKED) free)" % pending_sql
        else:
            held_sql = "COALESCE(SUM(CASE WHEN locked_until > %d THEN 1 ELSE 0 END), 0)" % int(time.time() * 1e6)
        [(pending, held)] = self.rows("SELECT COUNT(*), %s %s" % (held_sql, pending_sql))
        return int(pending), int(held)

    def in_cases(self, ids):
        return self.scalar("SELECT COUNT(*) FROM case_items WHERE feedback_id IN (%s)" % ",".join(map(str, ids)))

    # ---- load
    def post_batch(self, tag):
        """One batch of ROUND_ITEMS unhappy items, each of its own customer; returns their ids (acknowledged)."""
        items = [{"source": "survey", "channel": "email", "unit": "crash-winkel", "idempotency_key": "%s-%d" % (tag, i),
                  "customer": {"external_ref": "%s-klant-%d" % (tag, i), "name": "Klant %s %d" % (tag, i)},
                  "score": {"value": i % 7, "scale": "nps"}, "text": TEXTS[i % len(TEXTS)]}
                 for i in range(ROUND_ITEMS)]
        r = self.server.post("/api/v1/feedback", {"items": items}, key=self.key, timeout=120)
        self.assertEqual(r.status, 201, r)
        doc = r.json()
        self.assertEqual(doc["created"], ROUND_ITEMS)
        return [it["id"] for it in doc["items"]]

    def restart_and_drain(self):
        self.server.start(port=ks.free_port())
        deadline = time.monotonic() + DRAIN_TIMEOUT
        while True:
            pending, held = self.jobs()
            if pending == 0:
                return
            if time.monotonic() > deadline:
                self.fail("%d cases.rules jobs still pending (%d held by a run) %ds after the restart\n%s"
                          % (pending, held, DRAIN_TIMEOUT, self.server.log_tail()))
            time.sleep(0.2)

    # ---- the test
    def test_every_acknowledged_unhappy_item_is_in_exactly_one_case_after_sigkill(self):
        # Round 1: SIGKILL right after the acknowledgement, before the rules ran for most items.
        first = self.post_batch("r1")
        self.server.kill()
        pending, held = self.jobs()
        done = self.in_cases(first)
        sys.stderr.write("round 1 (kill after the ack): %d items acknowledged; at the kill %d cases.rules jobs "
                         "pending (%d held by a run), %d items already in a case\n" % (len(first), pending, held, done))
        self.assertGreater(pending, 0, "the rules had run for every item before the kill: nothing was tested")
        self.restart_and_drain()
        self.check(first, "round 1")

        # Rounds 2 and 3: SIGKILL while the runner works through a batch — as soon as it has claimed jobs of
        # it, and as soon as the first of its cases are written.
        acknowledged = list(first)
        for round_, (tag, moment) in enumerate([("r2", "claimed"), ("r3", "written")], start=2):
            batch = self.post_batch(tag)
            acknowledged += batch
            deadline = time.monotonic() + 20
            while True:
                pending, held = self.jobs()
                if moment == "claimed" and (held > 0 or pending < len(batch)):
                    break
                if moment == "written" and self.in_cases(batch) > 0:
                    break
                if time.monotonic() > deadline:
                    self.fail("round %d: the rule runner did not start on the batch within 20 s\n%s"
                              % (round_, self.server.log_tail()))
                time.sleep(0.005)
            self.server.kill()
            pending, held = self.jobs()
            done = self.in_cases(batch)
            sys.stderr.write("round %d (kill during the rule run, once jobs were %s): %d items acknowledged; at the "
                             "kill %d jobs pending, %d of them held by the dead process's run, %d items already in a "
                             "case\n" % (round_, moment, len(batch), pending, held, done))
            self.assertGreater(pending, 0, "the rules had run for every item before the kill: nothing was tested")
            self.restart_and_drain()
            self.check(acknowledged, "rounds 1 to %d" % round_)

        self.assertEqual(self.server.stop(), 0, "graceful stop after the crash rounds\n%s" % self.server.log_tail())

    def check(self, ids, where):
        id_list = ",".join(map(str, ids))
        # Every item in exactly one case (case_items' key allows no more; none may be missing).
        per_item = dict(self.rows("SELECT feedback_id, COUNT(*) FROM case_items WHERE feedback_id IN (%s) "
                                  "GROUP BY feedback_id" % id_list))
        missing = sorted(i for i in ids if str(i) not in per_item)
        self.assertEqual(missing, [], "%s: acknowledged unhappy items in no case" % where)
        self.assertEqual({k: v for k, v in per_item.items() if v != "1"}, {}, "%s: items in several cases" % where)
        # As many cases as items, each opened by its own item and holding only it.
        cases = self.rows("SELECT c.id, c.opening_feedback_id, (SELECT COUNT(*) FROM case_items ci WHERE "
                          "ci.case_id = c.id), (SELECT COUNT(*) FROM case_events e WHERE e.case_id = c.id AND "
                          "e.kind = 'opened') FROM cases c WHERE c.opening_feedback_id IN (%s)" % id_list)
        self.assertEqual(len(cases), len(ids), "%s: cases for the items" % where)
        self.assertEqual(self.scalar("SELECT COUNT(*) FROM cases"), len(ids), "%s: cases in all" % where)
        self.assertEqual(sorted(int(c[1]) for c in cases), sorted(ids))
        self.assertEqual([c for c in cases if c[2] != "1" or c[3] != "1"], [],
                         "%s: cases with other than one item and one 'opened' entry (id, item, items, opened)" % where)
        # One new-case mail to the owner per case, never two (it is written with the case).
        mails = self.scalar("SELECT COUNT(*) FROM outbox WHERE kind = 'cases.opened' AND to_address = '%s'" % MANAGER)
        self.assertEqual(mails, len(ids), "%s: new-case mails in the outbox" % where)
        # The API agrees.
        r = self.server.get("/api/v1/cases", key=self.key, query={"status": "all", "unit": "crash-winkel", "limit": 1})
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["total"], len(ids), "%s: cases the API counts" % where)
        sys.stderr.write("%s: %d items, %d cases, each item in exactly one case, %d mails\n"
                         % (where, len(ids), len(cases), mails))


def main():
    global OPTIONS
    OPTIONS, rest = ks.parse_args()
    unittest.main(argv=rest, verbosity=2)


if __name__ == "__main__":
    main()
