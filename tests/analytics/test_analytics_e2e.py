#!/usr/bin/python3
"""Analytics (issue 5), end to end: a real `klantstem serve` on 127.0.0.1; feedback goes in through the
API and the summary comes out of GET /api/v1/analytics/summary, computed by the in-memory index.

Covers: an acknowledged item is in the summary at once (SQLite) or within the poll interval (PostgreSQL);
the index is loaded again at a restart; units with their children; group-bys by unit, attribute and
month; warnings; refused parameters and keys (400/401/403, with the field); events recorded and listed,
refused ones changing nothing; on PostgreSQL, two nodes on one database see each other's writes, each
item counted once.

Run: test_analytics_e2e.py --binary build/release/src/app/klantstem [--engine sqlite|postgres] [-k name]
PostgreSQL needs the `postgres` ctest fixture (KLANTSTEM_TEST_POSTGRES_URL_FILE).
"""
import argparse
import os
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
import klantstem_server as ks  # noqa: E402

ARGS = None

UNITS = [
    {"code": "noord", "name": "Regio Noord", "kind": "region"},
    {"code": "groningen", "name": "Groningen", "kind": "location", "parent": "noord"},
    {"code": "zwolle", "name": "Zwolle", "kind": "location", "parent": "noord"},
    {"code": "zuid", "name": "Regio Zuid", "kind": "region"},
]


def item(key, unit, score, scale="nps", segment="B2C", when="2026-03-10T10:00:00Z", source="survey"):
    body = {"source": source, "channel": "email", "unit": unit, "received_at": when,
            "attributes": {"segment": segment}, "idempotency_key": key, "text": "x"}
    if score is not None:
        body["score"] = {"value": score, "scale": scale}
    return body


class AnalyticsApi(unittest.TestCase):
    def setUp(self):
        self.fx = ks.ServerFixture(ARGS.binary, ARGS.engine,
                                   keys={"admin": "admin", "reader": "feedback:read", "writer": "feedback:write"})
        self.server = self.fx.server
        self.admin = self.fx.keys["admin"]
        for u in UNITS:
            r = self.server.post("/api/v1/units", u, key=self.admin)
            self.assertEqual(r.status, 201, r)

    def tearDown(self):
        self.fx.close()

    def post_items(self, items, server=None, status=201):
        r = (server or self.server).post("/api/v1/feedback", {"items": items}, key=self.admin)
        self.assertEqual(r.status, status, r)

    def summary(self, query, server=None, key=None):
        r = (server or self.server).get("/api/v1/analytics/summary?" + query, key=key or self.fx.keys["reader"])
        self.assertEqual(r.status, 200, r)
        return r.json()

    def wait_for_n(self, query, n, server=None):
        """SQLite: the summary has the items at once. PostgreSQL: within the poll interval."""
        deadline = time.time() + (0.001 if ARGS.engine == "sqlite" else 10)
        while True:
            s = self.summary(query, server)
            if s["total"]["n"] == n or time.time() > deadline:
                return s
            time.sleep(0.1)

    def test_an_acknowledged_item_is_in_the_summary_and_stays_after_a_restart(self):
        items = ([item("g%d" % i, "groningen", 10) for i in range(162)] +
                 [item("z%d" % i, "zwolle", 8) for i in range(108)] +
                 [item("d%d" % i, "zwolle", 3, segment="B2B") for i in range(54)])
        self.post_items(items[:300])
        self.post_items(items[300:])
        query = "from=2026-03-01&to=2026-03-31&scale=nps&interval=wald"
        s = self.wait_for_n(query, 324)
        self.assertEqual(s["total"]["n"], 324)
        nps = s["total"]["nps"]
        self.assertAlmostEqual(nps["value"], 33.33, places=1)
        self.assertAlmostEqual(nps["standard_error"], 4.14, places=2)
        self.assertAlmostEqual(nps["low"], 25.2, places=1)
        self.assertAlmostEqual(nps["high"], 41.4, places=1)
        counts = {h["value"]: h["count"] for h in s["total"]["histogram"]}
        self.assertEqual((counts[10], counts[8], counts[3], counts[0]), (162, 108, 54, 0))
        # A repeated idempotency key is not counted again.
        self.post_items(items[:10], status=200)
        self.assertEqual(self.summary(query)["total"]["n"], 324)

        self.server.stop()
        self.server.start()
        self.assertIn("analytics index: 324 items loaded", open(self.server.log_path).read())
        self.assertEqual(self.summary(query)["total"], s["total"])

    def test_units_include_their_children_and_groups_name_them(self):
        self.post_items([item("g1", "groningen", 9), item("z1", "zwolle", 2), item("s1", "zuid", 6)])
        s = self.wait_for_n("unit=noord&from=2026-03-01", 2)
        self.assertEqual(s["total"]["n"], 2)
        s = self.summary("from=2026-03-01&group_by=unit")
        self.assertEqual([(g["key"], g["label"], g["n"]) for g in s["groups"]],
                         [("groningen", "Groningen", 1), ("zuid", "Regio Zuid", 1), ("zwolle", "Zwolle", 1)])
        s = self.summary("from=2026-03-01&group_by=segment&class=detractor")
        self.assertEqual([(g["key"], g["n"]) for g in s["groups"]], [("B2C", 2)])

    def test_the_hidden_seven_is_flagged(self):
        self.post_items([item("f%d" % i, "zuid", 5, scale="grade10") for i in range(20)] +
                        [item("p%d" % i, "zuid", 9, scale="grade10") for i in range(20)])
        s = self.wait_for_n("scale=grade10&from=2026-03-01", 40)
        self.assertEqual(s["total"]["mean"], 7.0)
        self.assertEqual(s["total"]["fail_share"], 0.5)
        self.assertEqual([w["code"] for w in s["total"]["warnings"]], ["hidden_seven"])

    def test_refused_parameters_and_keys(self):
        cases = [
            ("bogus=1", "bogus"),
            ("from=2026-13-01", "from"),
            ("from=2026-03-10&to=2026-03-01", "to"),
            ("unit=atlantis", "unit"),
            ("scale=stars10", "scale"),
            ("class=furious", "class"),
            ("group_by=colour", "group_by"),
            ("sentiment=angry", "sentiment"),
            ("interval=exact", "interval"),
            ("months=0", "months"),
        ]
        for query, field in cases:
            r = self.server.get("/api/v1/analytics/summary?" + query, key=self.fx.keys["reader"])
            self.assertEqual(r.status, 400, query)
            self.assertEqual(r.error()["field"], field, query)
        self.assertEqual(self.server.get("/api/v1/analytics/summary").status, 401)
        self.assertEqual(self.server.get("/api/v1/analytics/summary", key=self.fx.keys["writer"]).status, 403)

    def test_events_are_recorded_and_refused_ones_change_nothing(self):
        writer = self.fx.keys["writer"]
        ok = self.server.post("/api/v1/events", {"title": "Nieuwe bezorgpartner", "happened_at": "2026-03-01T08:00:00Z",
                                                 "unit": "noord"}, key=writer)
        self.assertEqual(ok.status, 201, ok)
        self.assertEqual(ok.json()["unit"], "noord")
        refused = [
            ({"title": "", "happened_at": "2026-03-01T08:00:00Z"}, "title"),
            ({"title": "x", "happened_at": "gisteren"}, "happened_at"),
            ({"title": "x", "happened_at": "2099-01-01T00:00:00Z"}, "happened_at"),
            ({"title": "x", "happened_at": "2026-03-01T08:00:00Z", "unit": "atlantis"}, "unit"),
            ({"title": "x", "happened_at": "2026-03-01T08:00:00Z", "colour": "red"}, "colour"),
        ]
        for body, field in refused:
            r = self.server.post("/api/v1/events", body, key=writer)
            self.assertEqual(r.status, 400, body)
            self.assertEqual(r.error()["field"], field, body)
        self.assertEqual(self.server.post("/api/v1/events", {"title": "x", "happened_at": "2026-03-01T08:00:00Z"},
                                          key=self.fx.keys["reader"]).status, 403)
        listed = self.server.get("/api/v1/events?from=2026-01-01T00:00:00Z", key=self.fx.keys["reader"]).json()
        self.assertEqual([e["title"] for e in listed["items"]], ["Nieuwe bezorgpartner"])

    def test_two_nodes_see_each_others_writes_once(self):
        if ARGS.engine != "postgres":
            self.skipTest("two nodes share one database only on PostgreSQL")
        other = ks.KlantstemServer(ARGS.binary, self.fx.db.url, self.fx.tmp)
        other.start()
        try:
            self.post_items([item("a%d" % i, "groningen", 9) for i in range(50)])
            self.post_items([item("b%d" % i, "zuid", 2) for i in range(30)], server=other)
            for server in (self.server, other):
                s = self.wait_for_n("from=2026-03-01", 80, server=server)
                self.assertEqual(s["total"]["n"], 80)
            time.sleep(2.5)  # several more catch-ups: nothing is counted twice
            for server in (self.server, other):
                self.assertEqual(self.summary("from=2026-03-01", server=server)["total"]["n"], 80)
        finally:
            other.stop()


def main():
    global ARGS
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--engine", default="sqlite", choices=["sqlite", "postgres"])
    ARGS, rest = parser.parse_known_args()
    unittest.main(argv=[sys.argv[0]] + rest, verbosity=2)


if __name__ == "__main__":
    main()
