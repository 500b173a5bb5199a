#!/usr/bin/python3
"""End-to-end tests of the klantstem command line: import, export, apikey, demo, version and the
graceful shutdown of serve, against real databases (SQLite file, or PostgreSQL with --engine postgres).

    /usr/bin/python3 tests/cli/test_cli.py --binary build/release/src/app/klantstem [--engine postgres]
"""

import json
import os
import shutil
import signal
import sys
import tempfile
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import klantstem_server as ks  # noqa: E402

OPTIONS = None


class CliTest(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="klantstem-cli-")
        self.db = ks.Database(OPTIONS.engine, self.tmp)
        self.k = ks.KlantstemServer(OPTIONS.binary, self.db.url, self.tmp)
        self.k.migrate()

    def tearDown(self):
        self.k.stop()
        self.db.cleanup()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def write(self, name, text):
        path = os.path.join(self.tmp, name)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
        return path

    def export(self, *filters):
        args = ["export", "--db", self.db.url, "--format", "jsonl"]
        for f in filters:
            args += ["--filter", f]
        out = self.k.cli(*args).stdout
        return [json.loads(line) for line in out.splitlines() if line.strip()]

    def add_unit(self, code):
        key = self.k.create_key("units", "admin")
        self.k.start()
        r = self.k.post("/api/v1/units", {"code": code, "name": code.title(), "kind": "location"}, key=key)
        self.assertEqual(r.status, 201, r.text)
        self.k.stop()

    def test_import_jsonl_then_export_round_trip(self):
        items = [{"source": "survey", "channel": "email", "score": {"value": i % 11, "scale": "nps"},
                  "text": "Antwoord %d over de bezorging" % i, "language": "nl",
                  "customer": {"external_ref": "C-%d" % (i % 7)},
                  "received_at": "2026-10-%02dT10:00:00Z" % (1 + i % 28), "idempotency_key": "imp-%d" % i}
                 for i in range(2500)]
        path = self.write("in.jsonl", "\n".join(json.dumps(i) for i in items) + "\n")
        r = self.k.cli("import", "--db", self.db.url, path)
        self.assertIn("imported 2500 new items", r.stderr)
        # Importing again doubles nothing: every row carries an idempotency_key.
        r = self.k.cli("import", "--db", self.db.url, path)
        self.assertIn("imported 0 new items, 2500 already present", r.stderr)
        exported = self.export()
        self.assertEqual(len(exported), 2500)
        self.assertEqual(sorted(e["idempotency_key"] for e in exported), sorted(i["idempotency_key"] for i in items))
        detractors = self.export("class=detractor")
        self.assertEqual(len(detractors), sum(1 for i in items if i["score"]["value"] <= 6))
        # The export is itself importable into another database.
        other = ks.Database(OPTIONS.engine, os.path.join(self.tmp, "other")) if OPTIONS.engine == "postgres" else None
        try:
            os.makedirs(os.path.join(self.tmp, "other"), exist_ok=True)
            url = other.url if other else ks.sqlite_url(os.path.join(self.tmp, "other"))
            dump = self.write("dump.jsonl", self.k.cli("export", "--db", self.db.url).stdout)
            r = self.k.cli("import", "--db", url, dump, check=False)
            self.assertEqual(r.returncode, 0, r.stderr)
            self.assertIn("imported 2500 new items", r.stderr)
        finally:
            if other:
                other.cleanup()

    def test_csv_import_with_mapping_and_constants(self):
        self.add_unit("gent")
        path = self.write("enquete.csv",
                          "Klantnummer,Cijfer,Toelichting,Vestiging,Segment\n"
                          "K-1,4,\"Te laat, en niemand belde terug\",gent,B2C\n"
                          "K-2,9,Prima geholpen,gent,B2B\n")
        r = self.k.cli("import", "--db", self.db.url, path, "--map", "Klantnummer=customer.external_ref",
                       "--map", "Cijfer=score.value", "--map", "Toelichting=text", "--map", "Vestiging=unit",
                       "--map", "Segment=attributes.segment", "--set", "score.scale=grade10",
                       "--set", "source=survey", "--set", "channel=email", "--set", "language=nl")
        self.assertIn("imported 2 new items", r.stderr)
        fails = self.export("class=fail", "unit=gent")
        self.assertEqual(len(fails), 1)
        self.assertEqual(fails[0]["text"], "Te laat, en niemand belde terug")
        self.assertEqual(fails[0]["attributes"], {"segment": "B2C"})
        self.assertEqual(fails[0]["customer"]["external_ref"], "K-1")

    def test_bad_rows_name_their_lines_and_nothing_is_written(self):
        good = json.dumps({"source": "review", "channel": "web", "text": "ok"})
        cases = [
            ("bad.jsonl", "\n".join([good, good, "{broken", good,
                                     json.dumps({"source": "review", "channel": "web",
                                                 "score": {"value": 11, "scale": "nps"}})]) + "\n",
             [":3:", ":5: score.value: 11 is outside 0..10"]),
            ("bad.csv", "source,channel,score.value,score.scale\nsurvey,web,5,nps\nsurvey,web,zeven,nps\n",
             [":3: score.value"]),
            ("unit.jsonl", good + "\n" + json.dumps({"source": "review", "channel": "web", "text": "x",
                                                     "unit": "atlantis"}) + "\n",
             [":2: unit: unknown unit 'atlantis'"]),
        ]
        for name, text, messages in cases:
            with self.subTest(name):
                path = self.write(name, text)
                for extra in ([], ["--dry-run"]):
                    r = self.k.cli("import", "--db", self.db.url, path, *extra, check=False)
                    self.assertEqual(r.returncode, 1, r.stderr)
                    for m in messages:
                        self.assertIn(m, r.stderr)
                    self.assertIn("nothing was imported", r.stderr)
                self.assertEqual(self.export(), [])

    def test_dry_run_validates_and_writes_nothing(self):
        path = self.write("ok.jsonl", json.dumps({"source": "letter", "channel": "post", "text": "Geachte heer"}) + "\n")
        r = self.k.cli("import", "--db", self.db.url, path, "--dry-run")
        self.assertIn("1 rows are valid; nothing written", r.stderr)
        self.assertEqual(self.export(), [])

    def test_export_csv_quotes_text(self):
        path = self.write("q.jsonl", json.dumps({"source": "complaint", "channel": "phone",
                                                 "text": "Hij zei: \"nooit meer\", echt"}) + "\n")
        self.k.cli("import", "--db", self.db.url, path)
        out = self.k.cli("export", "--db", self.db.url, "--format", "csv").stdout.splitlines()
        self.assertTrue(out[0].startswith("id,received_at,source,channel"))
        self.assertIn('"Hij zei: ""nooit meer"", echt"', out[1])

    def test_export_rejects_bad_filters(self):
        for flt, field in (("class=angry", "class"), ("from=gisteren", "from"), ("colour=red", "colour")):
            r = self.k.cli("export", "--db", self.db.url, "--filter", flt, check=False)
            self.assertEqual(r.returncode, 1)
            self.assertIn(field + ":", r.stderr)

    def test_apikey_list_and_revoke(self):
        key = self.k.create_key("crm sync", "feedback:read")
        listing = self.k.cli("apikey", "list", "--db", self.db.url).stdout
        self.assertIn("crm sync", listing)
        self.assertNotIn(key, listing)  # the secret is never shown again
        prefix = key.split("_")[1]
        self.k.start()
        self.assertEqual(self.k.get("/api/v1/units", key=key).status, 200)
        self.k.cli("apikey", "revoke", "--db", self.db.url, prefix)
        deadline = time.monotonic() + 15
        status = 200
        while status == 200 and time.monotonic() < deadline:
            status = self.k.get("/api/v1/units", key=key).status
            time.sleep(0.5)
        self.assertEqual(status, 401)
        r = self.k.cli("apikey", "revoke", "--db", self.db.url, "nosuchkey", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("no API key", r.stderr)
        r = self.k.cli("apikey", "create", "--db", self.db.url, "--name", "x", "--scopes", "root", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("unknown scope 'root'", r.stderr)

    def test_demo_has_every_source_and_loading_twice_doubles_nothing(self):
        r = self.k.cli("demo", "--db", self.db.url, "--customers", "200", "--feedback", "3000", "--seed", "7",
                       timeout=300)
        self.assertIn("3000", r.stderr)
        first = self.export()
        self.assertEqual(len(first), 3000)
        self.k.cli("demo", "--db", self.db.url, "--customers", "200", "--feedback", "3000", "--seed", "7",
                   timeout=300)
        second = self.export()
        self.assertEqual(len(second), 3000)
        sources = {e["source"] for e in first}
        self.assertEqual(sources, {"survey", "complaint", "review", "social", "employee", "letter", "exit"})
        self.assertEqual({e["language"] for e in first if e["language"]} >= {"nl", "en"}, True)

    def test_serve_stops_gracefully_on_sigterm(self):
        self.k.start()
        self.assertEqual(self.k.get("/healthz").status, 200)
        self.k.proc.send_signal(signal.SIGTERM)
        self.assertEqual(self.k.proc.wait(timeout=20), 0)
        with open(self.k.log_path, encoding="utf-8", errors="replace") as f:
            self.assertIn("stopped", f.read())

    def test_version_and_usage_errors(self):
        self.assertRegex(self.k.cli("version").stdout, r"^klantstem \d+\.\d+\.\d+")
        r = self.k.cli("import", "--db", self.db.url, os.path.join(self.tmp, "missing.jsonl"), check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("cannot open", r.stderr)
        r = self.k.cli("serve", "--db", "mysql://x", check=False)
        self.assertEqual(r.returncode, 1)
        self.assertIn("unknown database URL", r.stderr)


if __name__ == "__main__":
    OPTIONS, argv = ks.parse_args()
    unittest.main(argv=argv, verbosity=2)
