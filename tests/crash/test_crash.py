#!/usr/bin/python3
"""Crash test: SIGKILL `klantstem serve` in the middle of a write load, restart it, and check that

  * every item whose POST was acknowledged (2xx) is stored, exactly once, with the id it was given;
  * no idempotency key is stored twice;
  * batches are all-or-nothing: of every batch sent, either all its keys are stored or none;
  * nothing is stored that was never sent;
  * after the restart the idempotency keys still deduplicate (a retry gets 200 and the same id).

    /usr/bin/python3 tests/crash/test_crash.py --binary build/main/src/app/klantstem [--engine postgres]

The stored state is read twice: through the API (listing with a cursor) and straight from the
database (sqlite3 module, or psql) as an independent check. Bounded: the load runs ~1.5 s before the
kill, two kill/restart rounds, well under 60 s per engine.
"""

import http.client
import json
import os
import random
import sqlite3
import sys
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import klantstem_server as ks  # noqa: E402

OPTIONS = None
CLIENTS = 32
ROUNDS = 2


class Load:
    """CLIENTS threads, each POSTing single items and small batches until told to stop or the server is gone."""

    def __init__(self, server, key, channel, tag):
        self.server, self.key, self.channel, self.tag = server, key, channel, tag
        self.lock = threading.Lock()
        self.groups = []      # every request sent: list of keys (a single item is a group of one)
        self.acked = {}       # key -> id from the 2xx reply
        self.unexpected = []  # 4xx/5xx answers other than 503 while the server was up
        self.stop = threading.Event()
        self.threads = [threading.Thread(target=self.run, args=(n,), daemon=True) for n in range(CLIENTS)]

    def start(self):
        for t in self.threads:
            t.start()

    def join(self, timeout=30):
        self.stop.set()
        end = time.monotonic() + timeout
        for t in self.threads:
            t.join(max(0.1, end - time.monotonic()))
        return [t for t in self.threads if t.is_alive()]

    def item(self, k, rnd):
        it = {"source": rnd.choice(["survey", "complaint", "review"]), "channel": self.channel,
              "idempotency_key": k, "text": "crash test %s %s" % (k, "pakket bezorging" * rnd.randint(0, 3))}
        if rnd.random() < 0.8:
            it["score"] = {"value": rnd.randint(0, 10), "scale": "nps"}
        if rnd.random() < 0.3:
            it["customer"] = {"external_ref": "crash-%d" % rnd.randint(0, 50)}
        return it

    def run(self, n):
        rnd = random.Random(n)
        conn = None
        i = 0
        failures = 0
        while not self.stop.is_set():
            size = 1 if rnd.random() < 0.6 else rnd.randint(2, 6)
            keys = ["%s-%d-%d-%d" % (self.tag, n, i, j) for j in range(size)]
            i += 1
            items = [self.item(k, rnd) for k in keys]
            body = json.dumps(items[0] if size == 1 else {"items": items}).encode()
            with self.lock:
                self.groups.append(keys)
            try:
                if conn is None:
                    conn = self.server.connection(timeout=15)
                conn.request("POST", "/api/v1/feedback", body=body,
                             headers={"Content-Type": "application/json", "Authorization": "Bearer " + self.key})
                resp = conn.getresponse()
                data = resp.read()
                failures = 0
            except (OSError, http.client.HTTPException):
                # Sent but not acknowledged (the server died, or the connection dropped): unknown outcome.
                if conn is not None:
                    conn.close()
                conn = None
                failures += 1
                if failures > 3 or not self.server.alive():
                    time.sleep(0.05)
                    if not self.server.alive():
                        return
                continue
            if 200 <= resp.status < 300:
                doc = json.loads(data)
                got = [doc] if size == 1 else doc["items"]
                with self.lock:
                    for k, it in zip(keys, got):
                        self.acked[k] = it["id"]
            elif resp.status != 503:
                with self.lock:
                    self.unexpected.append((resp.status, data[:300]))
        if conn is not None:
            conn.close()


class CrashTest(unittest.TestCase):
    def setUp(self):
        self.fx = ks.ServerFixture(OPTIONS.binary, OPTIONS.engine, keys={"load": "feedback:write,feedback:read"})
        self.server = self.fx.server
        self.key = self.fx.keys["load"]

    def tearDown(self):
        self.fx.close()

    def stored_via_api(self, channel):
        """key -> list of ids, by paging GET /api/v1/feedback?channel=…"""
        stored, cursor, seen_ids = {}, None, set()
        for _ in range(100000):
            q = {"channel": channel, "limit": 500}
            if cursor:
                q["cursor"] = cursor
            r = self.server.request("GET", "/api/v1/feedback", key=self.key, query=q, timeout=60)
            self.assertEqual(r.status, 200, r)
            page = r.json()
            for it in page["items"]:
                self.assertNotIn(it["id"], seen_ids, "listing returned id %s twice" % it["id"])
                seen_ids.add(it["id"])
                stored.setdefault(it["idempotency_key"], []).append(it["id"])
            cursor = page["next_cursor"]
            if not cursor:
                return stored
        self.fail("listing never ended")

    def stored_via_database(self, channel):
        """key -> count, read from the database itself; None when the schema is not the expected one."""
        sql = ("SELECT idempotency_key, count(*) FROM feedback WHERE channel = '%s' GROUP BY idempotency_key"
               % channel.replace("'", "''"))
        try:
            if OPTIONS.engine == "sqlite":
                con = sqlite3.connect(self.fx.db.path, timeout=30)
                try:
                    return {k: n for k, n in con.execute(sql)}
                finally:
                    con.close()
            out = ks.psql(self.fx.db.url, sql.replace("count(*)", "count(*)::text"))
        except (sqlite3.Error, RuntimeError) as e:
            sys.stderr.write("note: could not read the database directly (%s); relying on the API\n" % e)
            return None
        result = {}
        for line in out.splitlines():
            if line:
                k, _, n = line.rpartition("|")
                result[k] = int(n)
        return result

    def test_sigkill_under_load_loses_no_acknowledged_write(self):
        channel = "crash" + "".join(random.choice("abcdefghijklmnopqrstuvwxyz") for _ in range(8))
        all_groups, all_acked = [], {}
        for round_ in range(ROUNDS):
            load = Load(self.server, self.key, channel, "r%d" % round_)
            load.start()
            time.sleep(1.5)
            # Make sure some writes were acknowledged before the crash (a slow start is not a failure).
            deadline = time.monotonic() + 15
            while len(load.acked) < 20 and time.monotonic() < deadline and self.server.alive():
                time.sleep(0.1)
            self.assertTrue(self.server.alive(), "server died under load\n%s" % self.server.log_tail())
            self.assertGreater(len(load.acked), 0, "nothing acknowledged under load\n%s" % self.server.log_tail())
            self.server.kill()  # SIGKILL mid-load
            stuck = load.join()
            self.assertEqual(stuck, [], "client threads did not finish after the kill")
            self.assertEqual(load.unexpected, [], "error answers under load (status, body)")
            all_groups += load.groups
            all_acked.update(load.acked)
            sys.stderr.write("round %d: %d requests sent, %d items acknowledged before SIGKILL\n"
                             % (round_, len(load.groups), len(load.acked)))
            self.server.start(port=ks.free_port())  # same database; a fresh port avoids TIME_WAIT surprises

        stored = self.stored_via_api(channel)
        self.check(stored_counts={k: len(v) for k, v in stored.items()}, groups=all_groups, acked=all_acked,
                   where="API listing")
        for k, id_ in all_acked.items():
            self.assertEqual(stored[k], [id_], "key %s is stored under another id than acknowledged" % k)

        # A retry of an acknowledged write after the restarts is a duplicate with the same id.
        k, id_ = sorted(all_acked.items())[0]
        r = self.server.request("POST", "/api/v1/feedback", {"source": "survey", "channel": channel, "text": "retry",
                                                             "idempotency_key": k}, key=self.key)
        self.assertEqual(r.status, 200, "retry after restart: %r" % r)
        self.assertEqual(r.json()["id"], id_)

        self.assertEqual(self.server.stop(), 0, "graceful stop after the crash rounds\n%s" % self.server.log_tail())
        direct = self.stored_via_database(channel)
        if direct is not None:
            self.check(stored_counts=direct, groups=all_groups, acked=all_acked, where="database")
            self.assertEqual(direct, {k: len(v) for k, v in stored.items()}, "database and API disagree")

    def check(self, stored_counts, groups, acked, where):
        sent = {k for g in groups for k in g}
        lost = sorted(k for k in acked if stored_counts.get(k, 0) == 0)
        self.assertEqual(lost, [], "%s: acknowledged items missing after SIGKILL + restart" % where)
        dup = sorted(k for k, n in stored_counts.items() if n != 1)
        self.assertEqual(dup, [], "%s: keys stored more than once" % where)
        never_sent = sorted(set(stored_counts) - sent)
        self.assertEqual(never_sent, [], "%s: stored items that were never sent" % where)
        torn = [g for g in groups if 0 < sum(1 for k in g if k in stored_counts) < len(g)]
        self.assertEqual(torn, [], "%s: batches stored in part (all-or-nothing violated)" % where)
        sys.stderr.write("%s: %d keys stored, %d acknowledged, %d sent, all consistent\n"
                         % (where, len(stored_counts), len(acked), len(sent)))


def main():
    global OPTIONS
    OPTIONS, rest = ks.parse_args()
    unittest.main(argv=rest, verbosity=2)


if __name__ == "__main__":
    main()
