#!/usr/bin/python3
"""End-to-end tests of klantstem's HTTP API (DESIGN §4), against a real `klantstem serve`.

    /usr/bin/python3 tests/http/test_api.py --binary build/main/src/app/klantstem [--engine postgres] [-v] [-k name]

One server per run (migrated database, API keys with each scope). Every test asserts what a user of
the API meets: status codes, error documents naming the field, what is stored afterwards. After every
test the server process must still be alive: a server that dies on any input is a failure.
PostgreSQL (`--engine postgres`) needs the `postgres` ctest fixture (KLANTSTEM_TEST_POSTGRES_URL_FILE).
"""

import datetime as dt
import json
import os
import random
import re
import string
import sys
import threading
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import klantstem_server as ks  # noqa: E402

OPTIONS = None  # set in main
MIB = 1024 * 1024
UTC = dt.timezone.utc

# Every route the contract promises; the OpenAPI test checks each is documented.
ROUTES = [
    ("GET", "/healthz"),
    ("GET", "/readyz"),
    ("GET", "/metrics"),
    ("GET", "/api/v1/openapi.json"),
    ("POST", "/api/v1/units"),
    ("GET", "/api/v1/units"),
    ("GET", "/api/v1/units/{code}"),
    ("POST", "/api/v1/customers"),
    ("GET", "/api/v1/customers"),
    ("GET", "/api/v1/customers/{external_ref}"),
    ("POST", "/api/v1/feedback"),
    ("GET", "/api/v1/feedback"),
    ("GET", "/api/v1/feedback/{id}"),
]
EXERCISED = set()  # (method, route template) of every request the tests made


def _route_of(method, path):
    path = path.split("?", 1)[0]
    for m, template in ROUTES:
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", re.escape(template).replace(r"\{", "{").replace(r"\}", "}")) + "$"
        if m == method and re.match(pattern, path):
            return (m, template)
    return None


def tok(n=10):
    """A random lowercase token (valid as channel, unit code, idempotency key...)."""
    return "".join(random.choice(string.ascii_lowercase) for _ in range(n))


def iso(t):
    return t.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def parse_time(s):
    t = dt.datetime.fromisoformat(s.replace("Z", "+00:00"))
    if t.tzinfo is None:
        raise AssertionError("time without offset: %r" % s)
    return t


CLASSES = {
    "nps": [(0, 6, "detractor", "unhappy"), (7, 8, "passive", "neutral"), (9, 10, "promoter", "happy")],
    "grade10": [(1, 5, "fail", "unhappy"), (6, 7, "pass", "neutral"), (8, 10, "good", "happy")],
    "csat5": [(1, 2, "negative", "unhappy"), (3, 3, "neutral", "neutral"), (4, 5, "positive", "happy")],
    "stars5": [(1, 2, "negative", "unhappy"), (3, 3, "neutral", "neutral"), (4, 5, "positive", "happy")],
}
RANGES = {"nps": (0, 10), "grade10": (1, 10), "csat5": (1, 5), "stars5": (1, 5)}


def classify(scale, value):
    for lo, hi, cls, mood in CLASSES[scale]:
        if lo <= value <= hi:
            return cls, mood
    raise ValueError((scale, value))


ITEM_KEYS = {"id", "source", "channel", "customer", "unit", "brand", "score", "text", "language", "received_at",
             "attributes", "idempotency_key", "created_at"}


class ApiTest(unittest.TestCase):
    maxDiff = 4000

    @classmethod
    def setUpClass(cls):
        cls.fx = ks.ServerFixture(OPTIONS.binary, OPTIONS.engine, keys={
            "admin": "admin",
            "all": "feedback:write,feedback:read,admin",
            "writer": "feedback:write",
            "reader": "feedback:read",
        })
        cls.server = cls.fx.server
        cls.admin = cls.fx.keys["all"]
        cls.admin_only = cls.fx.keys["admin"]
        cls.writer = cls.fx.keys["writer"]
        cls.reader = cls.fx.keys["reader"]
        cls.unit_a = "utrecht-" + tok(6)
        cls.unit_b = "amsterdam-" + tok(6)
        for code, name in ((cls.unit_a, "Utrecht Centrum"), (cls.unit_b, "Amsterdam Zuid")):
            r = cls.req("POST", "/api/v1/units", {"code": code, "name": name, "kind": "location"}, key=cls.admin)
            if r.status != 201:
                cls.fx.close()
                raise AssertionError("creating unit %s: %r" % (code, r))
        cls._datasets = {}

    @classmethod
    def tearDownClass(cls):
        alive = cls.server.alive()
        log = cls.server.log_tail()
        status = cls.fx.close()
        if not alive:
            sys.stderr.write("server had died during the tests\n%s\n" % log)
        elif status != 0:
            sys.stderr.write("FAIL: SIGTERM did not stop the server with status 0 (got %r)\n%s\n" % (status, log))
            raise AssertionError("graceful shutdown exit status %r, expected 0" % status)

    def tearDown(self):
        if not self.server.alive():
            self.fail("the server died during this test (exit %r)\n%s"
                      % (self.server.proc.returncode, self.server.log_tail()))

    # ---------------------------------------------------------------- helpers
    @classmethod
    def req(cls, method, path, body=None, **kw):
        route = _route_of(method, path)
        if route:
            EXERCISED.add(route)
        return cls.server.request(method, path, body, **kw)

    def get(self, path, key=None, **kw):
        return self.req("GET", path, key=key if key is not None else self.admin, **kw)

    def post(self, path, body, key=None, **kw):
        return self.req("POST", path, body, key=key if key is not None else self.admin, **kw)

    def assertStatus(self, resp, status, msg=""):
        self.assertEqual(resp.status, status, "%s expected HTTP %d, got %r" % (msg, status, resp))

    def assertError(self, resp, status, code, field=None, field_prefix=None, msg=""):
        self.assertStatus(resp, status, msg)
        err = resp.error()
        self.assertEqual(err.get("code"), code, "%s error code in %r" % (msg, err))
        self.assertIsInstance(err.get("message"), str, "%s message in %r" % (msg, err))
        self.assertTrue(err["message"], "%s empty message" % msg)
        if field is not None:
            self.assertEqual(err.get("field"), field, "%s field in %r" % (msg, err))
        if field_prefix is not None:
            self.assertTrue(str(err.get("field", "")).startswith(field_prefix),
                            "%s field should start with %r: %r" % (msg, field_prefix, err))
        return err

    def item(self, **overrides):
        it = {"source": "survey", "channel": "web", "text": "Prima service " + tok(4)}
        for k, v in overrides.items():
            if v is None:
                it.pop(k, None)
            else:
                it[k] = v
        return it

    def post_item(self, item, expect=201, key=None):
        r = self.post("/api/v1/feedback", item, key=key)
        self.assertStatus(r, expect, "POST %r" % (item,))
        return r.json()

    def list_all(self, query, limit=500, key=None):
        """Follows next_cursor; returns every item (asserts no page repeats an id)."""
        items, seen, cursor = [], set(), None
        for _ in range(10000):
            q = dict(query)
            q["limit"] = limit
            if cursor:
                q["cursor"] = cursor
            r = self.get("/api/v1/feedback", key=key, query=q)
            self.assertStatus(r, 200, "GET /api/v1/feedback %r" % (q,))
            page = r.json()
            self.assertIn("items", page)
            self.assertIn("next_cursor", page)
            self.assertLessEqual(len(page["items"]), limit)
            for it in page["items"]:
                self.assertNotIn(it["id"], seen, "item %r returned twice while paging %r" % (it["id"], query))
                seen.add(it["id"])
                items.append(it)
            cursor = page["next_cursor"]
            if cursor is None:
                return items
            self.assertIsInstance(cursor, str)
            self.assertTrue(page["items"], "a page with a next_cursor has no items")
        self.fail("paging never ended")

    def check_item_shape(self, it):
        self.assertTrue(ITEM_KEYS <= set(it), "item lacks %s: %r" % (ITEM_KEYS - set(it), it))
        self.assertIn(it["source"], ("survey", "complaint", "review", "social", "employee", "letter", "exit"))
        parse_time(it["received_at"])
        parse_time(it["created_at"])
        self.assertIsInstance(it["attributes"], dict)
        if it["score"] is not None:
            s = it["score"]
            cls_, mood = classify(s["scale"], s["value"])
            self.assertEqual(s["class"], cls_, "class of %r" % s)
            self.assertEqual(s["mood"], mood, "mood of %r" % s)
        if it["customer"] is not None:
            self.assertIn("external_ref", it["customer"])

    # ---------------------------------------------------------------- system routes
    def test_healthz(self):
        r = self.req("GET", "/healthz")
        self.assertStatus(r, 200)

    def test_readyz(self):
        r = self.req("GET", "/readyz")
        self.assertStatus(r, 200)
        doc = r.json()
        self.assertIsInstance(doc, dict)
        flat = json.dumps(doc).lower()
        self.assertIn("database", flat, doc)
        self.assertIn("migration", flat, doc)

    def test_version_cli(self):
        out = self.server.cli("version").stdout
        self.assertIn("klantstem", out)

    def test_unknown_route_is_404(self):
        r = self.get("/api/v1/nope")
        self.assertEqual(r.status, 404, r)
        r = self.get("/api/v1/feedback/1/extra")
        self.assertEqual(r.status, 404, r)

    # ---------------------------------------------------------------- auth
    def test_auth_missing_or_bad_key_is_401(self):
        protected = [("GET", "/api/v1/feedback"), ("POST", "/api/v1/feedback"), ("GET", "/api/v1/feedback/1"),
                     ("GET", "/api/v1/units"), ("POST", "/api/v1/units"), ("GET", "/api/v1/units/x"),
                     ("GET", "/api/v1/customers"), ("POST", "/api/v1/customers"), ("GET", "/api/v1/customers/x")]
        bad_headers = [
            {},
            {"Authorization": "Bearer ks_000000_wrongsecret"},
            {"Authorization": "Bearer " + self.admin[:-2] + ("aa" if not self.admin.endswith("aa") else "bb")},
            {"Authorization": "Bearer "},
            {"Authorization": "Bearer garbage"},
            {"Authorization": "Basic " + self.admin},
            {"Authorization": self.admin},
        ]
        body = self.item()
        for method, path in protected:
            for headers in bad_headers:
                with self.subTest(method=method, path=path, headers=headers):
                    r = self.req(method, path, body if method == "POST" else None, headers=headers)
                    self.assertError(r, 401, "unauthenticated", msg="%s %s with %r:" % (method, path, headers))

    def test_auth_scopes_403(self):
        cases = [
            (self.writer, "GET", "/api/v1/feedback", None),
            (self.reader, "POST", "/api/v1/feedback", self.item()),
            (self.writer, "POST", "/api/v1/units", {"code": "x" + tok(), "name": "X", "kind": "team"}),
            (self.reader, "POST", "/api/v1/units", {"code": "x" + tok(), "name": "X", "kind": "team"}),
            (self.reader, "POST", "/api/v1/customers", {"external_ref": "c-" + tok()}),
            (self.writer, "GET", "/api/v1/customers", None),
            (self.writer, "GET", "/api/v1/customers/x", None),
            (self.writer, "GET", "/api/v1/feedback/1", None),
        ]
        for key, method, path, body in cases:
            with self.subTest(method=method, path=path):
                r = self.req(method, path, body, key=key)
                self.assertError(r, 403, "permission_denied", msg="%s %s:" % (method, path))
        # The 403s wrote nothing.
        r = self.get("/api/v1/units")
        self.assertStatus(r, 200)

    def test_admin_scope_implies_others(self):
        r = self.post("/api/v1/feedback", self.item(), key=self.admin_only)
        self.assertStatus(r, 201)
        r = self.get("/api/v1/feedback", key=self.admin_only, query={"limit": 1})
        self.assertStatus(r, 200)

    def test_revoked_key_stops_working(self):
        name = "revoke-me-" + tok(5)
        key = self.server.create_key(name, "feedback:read")
        self.assertStatus(self.get("/api/v1/feedback", key=key, query={"limit": 1}), 200)
        listing = self.server.cli("apikey", "list", "--db", self.server.db_url).stdout
        self.assertIn(name, listing)
        self.assertNotIn(key, listing, "apikey list must never show a secret")
        prefix = key.split("_")[1]
        self.server.cli("apikey", "revoke", "--db", self.server.db_url, prefix)
        # The server may cache a verified key for a few seconds; it must stop working soon.
        deadline = time.monotonic() + 20
        while True:
            r = self.get("/api/v1/feedback", key=key, query={"limit": 1})
            if r.status == 401:
                self.assertEqual(r.error()["code"], "unauthenticated")
                break
            self.assertStatus(r, 200)
            self.assertLess(time.monotonic(), deadline, "revoked key still accepted after 20 s")
            time.sleep(0.5)
        r = self.server.cli("apikey", "revoke", "--db", self.server.db_url, "ffffffffffff", check=False)
        self.assertNotEqual(r.returncode, 0, "revoking an unknown key must fail")

    # ---------------------------------------------------------------- HTTP itself
    def test_keep_alive_connection_survives_errors(self):
        conn = self.server.connection()
        try:
            steps = [
                ("POST", "/api/v1/feedback", b"{broken", 400),
                ("POST", "/api/v1/feedback", json.dumps(self.item()).encode(), 201),
                ("GET", "/api/v1/feedback/987654321", None, 404),
                ("POST", "/api/v1/feedback", json.dumps(self.item(score={"value": 11, "scale": "nps"})).encode(), 400),
                ("GET", "/api/v1/units", None, 200),
                ("GET", "/api/v1/nope", None, 404),
                ("POST", "/api/v1/feedback", json.dumps(self.item()).encode(), 201),
                ("GET", "/healthz", None, 200),
            ]
            for method, path, body, status in steps:
                r = self.req(method, path, body, key=self.admin, conn=conn)
                self.assertEqual(r.status, status, "%s %s on a reused connection: %r" % (method, path, r))
        finally:
            conn.close()

    def test_wrong_method_is_405_with_allow(self):
        # RFC 9110 §15.5.6: a 405 response MUST carry Allow with the methods the resource supports.
        for method, path, allowed in (("DELETE", "/api/v1/feedback", {"GET", "POST"}),
                                      ("PUT", "/api/v1/units", {"GET", "POST"}),
                                      ("POST", "/api/v1/feedback/1", {"GET"})):
            with self.subTest(method=method, path=path):
                r = self.req(method, path, b"{}", key=self.admin)
                self.assertEqual(r.status, 405, r)
                allow = {m.strip().upper() for m in r.headers.get("allow", "").split(",") if m.strip()}
                self.assertTrue(allowed <= allow, "Allow header %r should list %s" % (r.headers.get("allow"), allowed))

    def test_malformed_http_does_not_crash(self):
        raw = [
            b"GARBAGE\r\n\r\n",
            b"GET / HTTP/9.9\r\n\r\n",
            (b"POST /api/v1/feedback HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{\"a\":", "close"),
            b"POST /api/v1/feedback HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
            b"POST /api/v1/feedback HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999\r\n\r\n",
            b"POST /api/v1/feedback HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n",
            b"GET /api/v1/feedback?" + b"q=" + b"x" * 200000 + b" HTTP/1.1\r\nHost: x\r\n\r\n",
            b"GET /api/v1/feedback HTTP/1.1\r\nHost: x\r\nX-Big: " + b"y" * 200000 + b"\r\n\r\n",
            b"GET /api/v1/feedback?limit=%ZZ&q=%00 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer "
            + self.admin.encode() + b"\r\nConnection: close\r\n\r\n",
            b"GET /api/v1/units/%C0%AF HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + self.admin.encode()
            + b"\r\nConnection: close\r\n\r\n",
            b"GET /healthz HTTP/1.0\r\n\r\n",
        ]
        for data in raw:
            data, close = data if isinstance(data, tuple) else (data, None)
            with self.subTest(request=data[:60]):
                status, _, body, _ = self.server.raw_exchange(data, timeout=10, shutdown_write=bool(close))
                self.assertTrue(status is None or status < 500, "%r -> %r %r" % (data[:60], status, body[:200]))
                self.assertTrue(self.server.alive(), "server died on %r" % (data[:80],))
                self.assertStatus(self.req("GET", "/healthz"), 200)

    # ---------------------------------------------------------------- units
    def test_units_create_get_list(self):
        code = "region-" + tok(6)
        r = self.post("/api/v1/units", {"code": code, "name": "Regio Midden", "kind": "region",
                                        "manager": "Anouk Jansen"})
        self.assertStatus(r, 201)
        u = r.json()
        for k in ("id", "code", "name", "kind", "parent", "manager", "created_at"):
            self.assertIn(k, u)
        self.assertEqual((u["code"], u["name"], u["kind"], u["parent"], u["manager"]),
                         (code, "Regio Midden", "region", None, "Anouk Jansen"))
        parse_time(u["created_at"])

        child = "team-" + tok(6)
        r = self.post("/api/v1/units", {"code": child, "name": "Team Zuid", "kind": "team", "parent": code})
        self.assertStatus(r, 201)
        self.assertEqual(r.json()["parent"], code)

        for kind in ("location", "brand"):
            c = kind + "-" + tok(6)
            self.assertStatus(self.post("/api/v1/units", {"code": c, "name": kind.title(), "kind": kind}), 201)

        r = self.get("/api/v1/units/" + code)
        self.assertStatus(r, 200)
        self.assertEqual(r.json()["id"], u["id"])
        self.assertEqual(r.json()["name"], "Regio Midden")
        r = self.get("/api/v1/units/" + child)
        self.assertStatus(r, 200)
        self.assertEqual(r.json()["parent"], code)

        r = self.get("/api/v1/units")
        self.assertStatus(r, 200)
        codes = [x["code"] for x in r.json()["items"]]
        for c in (code, child, self.unit_a, self.unit_b):
            self.assertEqual(codes.count(c), 1, "unit %s in list %r" % (c, codes))

        self.assertError(self.get("/api/v1/units/nope-" + tok()), 404, "not_found")

        # A readable key (feedback:read) may list units.
        self.assertStatus(self.get("/api/v1/units", key=self.reader), 200)

    def test_units_conflict_and_bad_input(self):
        code = "dup-" + tok(6)
        self.assertStatus(self.post("/api/v1/units", {"code": code, "name": "Eerste", "kind": "team"}), 201)
        r = self.post("/api/v1/units", {"code": code, "name": "Tweede", "kind": "team"})
        self.assertError(r, 409, "conflict")
        self.assertEqual(self.get("/api/v1/units/" + code).json()["name"], "Eerste")

        self.assertError(self.post("/api/v1/units", {"code": "k-" + tok(), "name": "X", "kind": "planet"}),
                         400, "invalid_argument", field="kind")
        self.assertError(self.post("/api/v1/units", {"name": "X", "kind": "team"}), 400, "invalid_argument",
                         field="code")
        self.assertError(self.post("/api/v1/units", {"code": "n-" + tok(), "kind": "team"}), 400,
                         "invalid_argument", field="name")
        orphan = "o-" + tok()
        self.assertError(self.post("/api/v1/units", {"code": orphan, "name": "X", "kind": "team",
                                                     "parent": "no-such-" + tok()}),
                         400, "invalid_argument", field="parent")
        self.assertEqual(self.get("/api/v1/units/" + orphan).status, 404)
        self.assertError(self.post("/api/v1/units", "{not json"), 400, "invalid_argument")
        self.assertError(self.post("/api/v1/units", {"code": "c-" + tok(), "name": "X", "kind": "team"},
                                   content_type="text/plain"), 415, "unsupported_media_type")

    # ---------------------------------------------------------------- customers
    def test_customers_upsert_and_get(self):
        ref = "K-" + tok(8)
        body = {"external_ref": ref, "name": "Sanne de Vries", "email": "sanne@example.nl", "phone": "+31612345678",
                "language": "nl", "attributes": {"segment": "B2C", "stores": 2}, "consent_contact": True,
                "status": "active"}
        r = self.post("/api/v1/customers", body, key=self.writer)
        self.assertStatus(r, 201)
        c = r.json()
        for k in ("external_ref", "name", "email", "phone", "language", "consent_contact", "status"):
            self.assertEqual(c.get(k), body[k], "field %s of %r" % (k, c))
        self.assertIn(c.get("attributes"), ({"segment": "B2C", "stores": 2}, {"segment": "B2C", "stores": "2"}))

        body2 = dict(body, name="Sanne de Vries-Bakker", status="lost", consent_contact=False)
        r = self.post("/api/v1/customers", body2, key=self.writer)
        self.assertStatus(r, 200, "second upsert of the same external_ref")
        self.assertEqual(r.json()["name"], "Sanne de Vries-Bakker")

        r = self.get("/api/v1/customers/" + urllib.parse.quote(ref), key=self.reader)
        self.assertStatus(r, 200)
        got = r.json()
        self.assertEqual(got["external_ref"], ref)
        self.assertEqual(got["name"], "Sanne de Vries-Bakker")
        self.assertEqual(got["status"], "lost")
        self.assertEqual(got["consent_contact"], False)
        self.assertEqual(got["email"], "sanne@example.nl")

        self.assertError(self.get("/api/v1/customers/nobody-" + tok()), 404, "not_found")

    def test_customers_ref_with_space_and_accent(self):
        ref = "klant %s é" % tok(5)
        r = self.post("/api/v1/customers", {"external_ref": ref, "name": "Zoë"})
        self.assertStatus(r, 201)
        r = self.get("/api/v1/customers/" + urllib.parse.quote(ref, safe=""))
        self.assertStatus(r, 200)
        self.assertEqual(r.json()["external_ref"], ref)

    def test_customers_bad_input(self):
        self.assertError(self.post("/api/v1/customers", {"name": "Zonder ref"}), 400, "invalid_argument",
                         field="external_ref")
        self.assertError(self.post("/api/v1/customers", {"external_ref": "c-" + tok(), "status": "sleeping"}),
                         400, "invalid_argument", field="status")
        self.assertError(self.post("/api/v1/customers", {"external_ref": "c-" + tok(), "attributes": [1, 2]}),
                         400, "invalid_argument", field="attributes")
        self.assertError(self.post("/api/v1/customers", {"external_ref": "c-" + tok(), "consent_contact": "ja"}),
                         400, "invalid_argument", field="consent_contact")
        self.assertError(self.post("/api/v1/customers", b"[1,2", key=self.writer), 400, "invalid_argument")
        self.assertError(self.post("/api/v1/customers", {"external_ref": "c-" + tok()}, content_type=None),
                         415, "unsupported_media_type")

    def test_customers_list_pagination(self):
        prefix = "P-" + tok(6) + "-"
        refs = {prefix + str(i) for i in range(23)}
        for ref in sorted(refs):
            self.assertStatus(self.post("/api/v1/customers", {"external_ref": ref, "name": ref}), 201)
        seen, cursor = [], None
        for _ in range(1000):
            q = {"limit": 5}
            if cursor:
                q["cursor"] = cursor
            r = self.get("/api/v1/customers", key=self.reader, query=q)
            self.assertStatus(r, 200)
            page = r.json()
            self.assertLessEqual(len(page["items"]), 5)
            seen += [c["external_ref"] for c in page["items"]]
            cursor = page["next_cursor"]
            if cursor is None:
                break
        self.assertEqual(len(seen), len(set(seen)), "a customer was listed twice")
        self.assertTrue(refs <= set(seen), "customers never listed: %s" % sorted(refs - set(seen)))
        self.assertError(self.get("/api/v1/customers", query={"limit": "many"}), 400, "invalid_argument",
                         field="limit")
        self.assertError(self.get("/api/v1/customers", query={"cursor": "%%%not-a-cursor"}), 400,
                         "invalid_argument", field="cursor")

    # ---------------------------------------------------------------- feedback: creating
    def test_feedback_single_full_item(self):
        ref = "K-" + tok(8)
        item = {"source": "complaint", "channel": "email",
                "customer": {"external_ref": ref, "name": "Jan Bakker", "email": "jan@example.nl",
                             "phone": "+31201234567", "language": "nl"},
                "unit": self.unit_a, "brand": "own", "score": {"value": 4, "scale": "grade10"},
                "text": "Mijn pakket is beschadigd aangekomen en niemand belt terug.", "language": "nl",
                "received_at": "2025-11-02T10:00:00Z", "attributes": {"segment": "B2C", "orders": 3, "vip": False},
                "idempotency_key": "full-" + tok()}
        r = self.post("/api/v1/feedback", item, key=self.writer)
        self.assertStatus(r, 201)
        it = r.json()
        self.check_item_shape(it)
        self.assertEqual(it["source"], "complaint")
        self.assertEqual(it["channel"], "email")
        self.assertEqual(it["customer"]["external_ref"], ref)
        self.assertEqual(it["customer"]["name"], "Jan Bakker")
        self.assertEqual(it["customer"]["email"], "jan@example.nl")
        self.assertEqual(it["unit"], self.unit_a)
        self.assertEqual(it["brand"], "own")
        self.assertEqual(it["score"], {"value": 4, "scale": "grade10", "class": "fail", "mood": "unhappy"})
        self.assertEqual(it["text"], item["text"])
        self.assertEqual(it["language"], "nl")
        self.assertEqual(parse_time(it["received_at"]), dt.datetime(2025, 11, 2, 10, tzinfo=UTC))
        self.assertEqual(it["idempotency_key"], item["idempotency_key"])
        self.assertEqual(it["attributes"].get("segment"), "B2C")
        self.assertIn(it["attributes"].get("orders"), (3, "3"))
        self.assertIn(it["attributes"].get("vip"), (False, "false"))

        r = self.get("/api/v1/feedback/%s" % it["id"], key=self.reader)
        self.assertStatus(r, 200)
        self.assertEqual(r.json(), it, "GET by id differs from what POST returned")

        # The customer given with the feedback exists afterwards.
        r = self.get("/api/v1/customers/" + urllib.parse.quote(ref, safe=""))
        self.assertStatus(r, 200, "customer created by feedback")
        self.assertEqual(r.json()["name"], "Jan Bakker")

        r = self.get("/api/v1/feedback", query={"customer": ref})
        self.assertEqual([x["id"] for x in r.json()["items"]], [it["id"]])

    def test_feedback_minimal_item_defaults(self):
        before = dt.datetime.now(UTC)
        it = self.post_item({"source": "survey", "channel": "sms", "score": {"value": 9, "scale": "nps"}})
        after = dt.datetime.now(UTC)
        self.check_item_shape(it)
        self.assertEqual(it["brand"], "own")
        self.assertIsNone(it["customer"])
        self.assertIsNone(it["unit"])
        self.assertEqual(it["score"]["class"], "promoter")
        self.assertEqual(it["score"]["mood"], "happy")
        received = parse_time(it["received_at"])
        self.assertTrue(before - dt.timedelta(minutes=10) <= received <= after + dt.timedelta(minutes=10),
                        "received_at defaults to now: %s" % it["received_at"])
        it2 = self.post_item({"source": "social", "channel": "app", "text": "Top app!"})
        self.assertIsNone(it2["score"])
        self.assertNotEqual(it["id"], it2["id"])
        # Without an idempotency key the same body twice is two items.
        body = {"source": "letter", "channel": "post", "text": "Brief " + tok()}
        a = self.post_item(body)
        b = self.post_item(body)
        self.assertNotEqual(a["id"], b["id"])

    def test_feedback_every_source_and_competitor_brand(self):
        ch = tok()
        for source in ("survey", "complaint", "review", "social", "employee", "letter", "exit"):
            it = self.post_item(self.item(source=source, channel=ch))
            self.assertEqual(it["source"], source)
        it = self.post_item(self.item(source="review", channel=ch, brand="concurrent-x",
                                      score={"value": 2, "scale": "stars5"}))
        self.assertEqual(it["brand"], "concurrent-x")
        self.assertEqual(len(self.list_all({"channel": ch})), 8)

    def test_feedback_score_classes_at_every_boundary(self):
        ch = tok()
        for scale, (lo, hi) in RANGES.items():
            for value in range(lo, hi + 1):
                it = self.post_item(self.item(channel=ch, score={"value": value, "scale": scale}))
                cls_, mood = classify(scale, value)
                self.assertEqual(it["score"], {"value": value, "scale": scale, "class": cls_, "mood": mood})

    def test_feedback_received_at_with_offset_and_fraction(self):
        it = self.post_item(self.item(received_at="2025-11-02T11:00:00+01:00"))
        self.assertEqual(parse_time(it["received_at"]), dt.datetime(2025, 11, 2, 10, tzinfo=UTC))
        it = self.post_item(self.item(received_at="2025-11-02T10:00:00.250Z"))
        self.assertEqual(parse_time(it["received_at"]).replace(microsecond=0), dt.datetime(2025, 11, 2, 10, tzinfo=UTC))

    def test_feedback_text_limit_counts_characters(self):
        text = "ë" * 20000  # 20,000 characters, 40,000 bytes: allowed
        it = self.post_item(self.item(text=text))
        self.assertEqual(it["text"], text)
        self.assertEqual(self.get("/api/v1/feedback/%s" % it["id"]).json()["text"], text)
        r = self.post("/api/v1/feedback", self.item(text="a" * 20001))
        self.assertError(r, 400, "invalid_argument", field="text")
        r = self.post("/api/v1/feedback", {"items": [self.item(), self.item(text="€" * 20001)]})
        self.assertError(r, 400, "invalid_argument", field="items[1].text")

    def test_feedback_unicode_round_trip(self):
        text = "Zoë's ‘bestelling’ 📦 kwam niet — 日本語 \u00a0ok"
        it = self.post_item(self.item(text=text, customer={"external_ref": "K-" + tok(), "name": "Zoë Ångström"}))
        got = self.get("/api/v1/feedback/%s" % it["id"]).json()
        self.assertEqual(got["text"], text)
        self.assertEqual(got["customer"]["name"], "Zoë Ångström")

    def test_feedback_get_unknown_id(self):
        self.assertError(self.get("/api/v1/feedback/987654321"), 404, "not_found")
        r = self.get("/api/v1/feedback/abc")
        self.assertIn(r.status, (400, 404), r)
        r = self.get("/api/v1/feedback/99999999999999999999999")
        self.assertIn(r.status, (400, 404), r)

    # ---------------------------------------------------------------- feedback: bad input
    def test_bad_scores(self):
        cases = [
            ({"value": 11, "scale": "nps"}, "score.value"),
            ({"value": -1, "scale": "nps"}, "score.value"),
            ({"value": 0, "scale": "grade10"}, "score.value"),
            ({"value": 11, "scale": "grade10"}, "score.value"),
            ({"value": 0, "scale": "csat5"}, "score.value"),
            ({"value": 6, "scale": "csat5"}, "score.value"),
            ({"value": 0, "scale": "stars5"}, "score.value"),
            ({"value": 6, "scale": "stars5"}, "score.value"),
            ({"value": 5, "scale": "percent"}, "score.scale"),
            ({"value": 5, "scale": "NPS"}, "score.scale"),
            ({"value": 5}, "score.scale"),
            ({"scale": "nps"}, "score.value"),
            ({"value": "7", "scale": "nps"}, "score.value"),
            ({"value": 7.5, "scale": "nps"}, "score.value"),
            ({"value": None, "scale": "nps"}, "score.value"),
            ({"value": 10 ** 30, "scale": "nps"}, "score.value"),
        ]
        ch = tok()
        for score, field in cases:
            with self.subTest(score=score):
                r = self.post("/api/v1/feedback", self.item(channel=ch, score=score))
                self.assertError(r, 400, "invalid_argument", field=field, msg="score %r:" % (score,))
        r = self.post("/api/v1/feedback", self.item(channel=ch, score="7"))
        self.assertError(r, 400, "invalid_argument", field_prefix="score", msg="score as a string:")
        # nps 11 says what was wrong
        err = self.post("/api/v1/feedback", self.item(channel=ch, score={"value": 11, "scale": "nps"})).error()
        self.assertIn("11", err["message"])
        self.assertEqual(self.list_all({"channel": ch}), [])

    def test_bad_fields(self):
        ch = tok()
        cases = [
            (self.item(channel=ch, source=None), "source"),
            (self.item(channel=ch, source="tweet"), "source"),
            (self.item(channel=ch, source=7), "source"),
            (self.item(channel=None), "channel"),
            (self.item(channel="Web"), "channel"),
            (self.item(channel="web shop"), "channel"),
            (self.item(channel=""), "channel"),
            (self.item(channel=ch, unit="no-such-unit-" + tok()), "unit"),
            (self.item(channel=ch, customer={"name": "Zonder ref"}), "customer.external_ref"),
            (self.item(channel=ch, customer={"external_ref": ""}), "customer.external_ref"),
            (self.item(channel=ch, received_at="yesterday"), "received_at"),
            (self.item(channel=ch, received_at="2026-13-01T10:00:00Z"), "received_at"),
            (self.item(channel=ch, received_at="2026-02-30T10:00:00Z"), "received_at"),
            (self.item(channel=ch, received_at="2025-11-02T25:00:00Z"), "received_at"),
            (self.item(channel=ch, received_at="2025-11-02T10:00:00"), "received_at"),
            (self.item(channel=ch, received_at="02-11-2026"), "received_at"),
            (self.item(channel=ch, received_at=""), "received_at"),
            (self.item(channel=ch, received_at=1762077600), "received_at"),
            (self.item(channel=ch, text=12), "text"),
            (self.item(channel=ch, attributes=["B2C"]), "attributes"),
            (self.item(channel=ch, attributes="B2C"), "attributes"),
            (self.item(channel=ch, idempotency_key=12), "idempotency_key"),
        ]
        for body, field in cases:
            with self.subTest(field=field, value=body.get(field, "(missing)")):
                r = self.post("/api/v1/feedback", body)
                self.assertError(r, 400, "invalid_argument", field=field, msg="%r:" % (body,))
        # neither a score nor a text
        r = self.post("/api/v1/feedback", {"source": "survey", "channel": ch})
        self.assertError(r, 400, "invalid_argument", msg="no score, no text:")
        r = self.post("/api/v1/feedback", {"source": "survey", "channel": ch, "text": ""})
        self.assertError(r, 400, "invalid_argument", msg="empty text, no score:")
        # nested attribute values are not scalars
        r = self.post("/api/v1/feedback", self.item(channel=ch, attributes={"a": {"b": 1}}))
        self.assertError(r, 400, "invalid_argument", field_prefix="attributes", msg="nested attribute:")
        r = self.post("/api/v1/feedback", self.item(channel=ch, attributes={"a": [1]}))
        self.assertError(r, 400, "invalid_argument", field_prefix="attributes", msg="array attribute:")
        self.assertEqual(self.list_all({"channel": ch}), [], "a rejected item was stored")

    def test_malformed_json(self):
        bodies = [b"{\"source\": \"survey\",", b"", b"null", b"[]", b"[1,2]", b"\"text\"", b"42", b"true",
                  b"{\"source\":\"survey\",\"channel\":\"web\",\"text\":\"a\"} trailing",
                  b"{'source':'survey'}", b"{\"items\": \"nope\"}", b"{\"items\": null}",
                  b"{\"source\":\"survey\",\"channel\":\"web\",\"text\":\"a\",}",
                  b"\xef\xbb\xbf"]
        for body in bodies:
            with self.subTest(body=body):
                r = self.post("/api/v1/feedback", body)
                self.assertError(r, 400, "invalid_argument", msg="body %r:" % (body,))
        r = self.post("/api/v1/feedback", {"items": [1, self.item()]})
        self.assertError(r, 400, "invalid_argument", field="items[0]")
        r = self.post("/api/v1/feedback", {"items": [self.item(), "x"]})
        self.assertError(r, 400, "invalid_argument", field="items[1]")

    def test_deeply_nested_json_does_not_crash(self):
        for body in (b"[" * 200000, b"{\"a\":" * 100000, b"{\"items\":" + b"[" * 100000,
                     b"{\"source\":\"survey\",\"channel\":\"web\",\"text\":\"x\",\"attributes\":{\"a\":"
                     + b"[" * 100000 + b"]" * 100000 + b"}}"):
            with self.subTest(body=body[:20]):
                r = self.post("/api/v1/feedback", body)
                self.assertError(r, 400, "invalid_argument", msg="nested body of %d bytes:" % len(body))
                self.assertTrue(self.server.alive())

    def test_non_utf8_body(self):
        ch = tok()
        for body in (b'{"source":"survey","channel":"' + ch.encode() + b'","text":"caf\xe9 was dicht"}',
                     b'{"source":"survey","channel":"' + ch.encode() + b'","text":"\xc0\xaf overlong"}',
                     b'{"source":"survey","channel":"' + ch.encode() + b'","text":"\xed\xa0\x80 surrogate"}',
                     b'{"source":"survey","channel":"' + ch.encode() + b'","text":"cut \xe2\x82"}',
                     b'{"source":"survey","channel":"' + ch.encode() + b'","text":"lone \\ud800 escape"}'):
            with self.subTest(body=body):
                r = self.post("/api/v1/feedback", body)
                self.assertError(r, 400, "invalid_argument", msg="body %r:" % (body,))
        self.assertEqual(self.list_all({"channel": ch}), [])

    def test_wrong_content_type_is_415(self):
        body = json.dumps(self.item()).encode()
        for ct in (None, "text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
                   "application/jsonx", "json"):
            with self.subTest(content_type=ct):
                r = self.post("/api/v1/feedback", body, content_type=ct)
                self.assertError(r, 415, "unsupported_media_type", msg="Content-Type %r:" % (ct,))
        for ct in ("application/json", "application/json; charset=utf-8", "application/json;charset=UTF-8",
                   "Application/JSON"):
            with self.subTest(content_type=ct):
                r = self.post("/api/v1/feedback", self.item(), content_type=ct)
                self.assertStatus(r, 201, "Content-Type %r:" % ct)

    def test_body_over_1_mib_is_413(self):
        ch = tok()
        big = json.dumps({"source": "survey", "channel": ch, "text": "a" * (MIB + 10)}).encode()
        head = ("POST /api/v1/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
                "Content-Type: application/json\r\nContent-Length: %d\r\nConnection: close\r\n\r\n"
                % (self.admin, len(big))).encode()
        status, headers, body, _ = self.server.raw_exchange(head + big)
        self.assertEqual(status, 413, "a body over 1 MiB: got %r %r" % (status, body[:300]))
        self.assertEqual(json.loads(body)["error"]["code"], "payload_too_large")
        # A batch just under the limit (1,000 items of ~900 bytes) is fine.
        items = [self.item(channel=ch, text="x" * 900 + " %d" % i) for i in range(1000)]
        raw = json.dumps({"items": items}).encode()
        self.assertLess(len(raw), MIB)
        r = self.post("/api/v1/feedback", raw)
        self.assertStatus(r, 201, "a 1,000-item batch under 1 MiB")
        self.assertEqual(r.json()["created"], 1000)
        self.assertEqual(len(self.list_all({"channel": ch})), 1000)

    def test_chunked_body_over_1_mib_is_refused(self):
        ch = tok()
        big = json.dumps({"source": "survey", "channel": ch, "text": "b" * (MIB + MIB // 2)}).encode()
        chunks = b""
        for i in range(0, len(big), 65536):
            part = big[i:i + 65536]
            chunks += b"%x\r\n" % len(part) + part + b"\r\n"
        chunks += b"0\r\n\r\n"
        head = ("POST /api/v1/feedback HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer %s\r\n"
                "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n"
                % self.admin).encode()
        status, _, body, _ = self.server.raw_exchange(head + chunks)
        self.assertIn(status, (400, 411, 413), "a chunked body over 1 MiB: got %r %r" % (status, body[:200]))
        self.assertEqual(self.list_all({"channel": ch}), [])

    def test_batch_too_many_items(self):
        ch = tok()
        items = [{"source": "survey", "channel": ch, "text": "t%d" % i} for i in range(1001)]
        r = self.post("/api/v1/feedback", {"items": items})
        self.assertError(r, 400, "invalid_argument", field="items")
        self.assertEqual(self.list_all({"channel": ch}), [])

    def test_empty_batch(self):
        r = self.post("/api/v1/feedback", {"items": []})
        self.assertIn(r.status, (200, 400), r)
        if r.status == 400:
            self.assertEqual(r.error()["code"], "invalid_argument")
        else:
            self.assertEqual(r.json()["created"], 0)

    def test_odd_but_valid_inputs_do_not_crash(self):
        """Inputs at the edges: each gets a 2xx or a 4xx error document, never a 5xx or a crash."""
        ch = tok()
        odd = [
            self.item(channel=ch, text="nul \u0000 byte"),
            self.item(channel=ch, text="'; DROP TABLE feedback; --"),
            self.item(channel=ch, text="\"quoted\" AND OR NOT NEAR( * ^ -"),
            self.item(channel=ch, idempotency_key=""),
            self.item(channel=ch, idempotency_key="k" * 5000),
            self.item(channel=ch, customer={"external_ref": "r" * 5000}),
            self.item(channel=ch, customer=None, unit=None, language="xx-YY-zz"),
            self.item(channel=ch, attributes={"": "empty name", "n": None, "big": 10 ** 20, "f": 1.5}),
            self.item(channel=ch, attributes={("k%d" % i): i for i in range(2000)}),
            self.item(channel=ch, score={"value": 7.0, "scale": "nps"}),
            self.item(channel=ch, extra_unknown_field=True),
            self.item(channel=ch, received_at="1970-01-01T00:00:00Z"),
            self.item(channel=ch, received_at="9999-12-31T23:59:59Z"),
            self.item(channel=ch, received_at="0001-01-01T00:00:00Z"),
            self.item(channel=ch, brand=""),
            self.item(channel=ch, customer={"external_ref": "x", "email": 5}),
            self.item(channel="a" * 10000),
        ]
        for body in odd:
            with self.subTest(body=str(body)[:120]):
                r = self.post("/api/v1/feedback", body)
                self.assertLess(r.status, 500, "POST %r -> %r" % (str(body)[:200], r))
                if r.status >= 400:
                    r.error()
                self.assertTrue(self.server.alive(), "server died on %r" % (str(body)[:200],))
        r = self.get("/api/v1/feedback", query={"channel": ch, "limit": 500})
        self.assertStatus(r, 200)
        for it in r.json()["items"]:
            self.check_item_shape(it)

    # ---------------------------------------------------------------- batches
    def test_batch_created(self):
        ch = tok()
        items = [self.item(channel=ch, idempotency_key="b-" + tok(), score={"value": i % 11, "scale": "nps"})
                 for i in range(5)]
        r = self.post("/api/v1/feedback", {"items": items}, key=self.writer)
        self.assertStatus(r, 201)
        doc = r.json()
        self.assertEqual(doc["created"], 5)
        self.assertEqual(doc["duplicates"], 0)
        self.assertEqual(len(doc["items"]), 5)
        for sent, got in zip(items, doc["items"]):
            self.check_item_shape(got)
            self.assertEqual(got["idempotency_key"], sent["idempotency_key"], "batch reply keeps the order")
        self.assertEqual(sorted(x["id"] for x in self.list_all({"channel": ch})), sorted(x["id"] for x in doc["items"]))

    def test_batch_with_one_bad_item_writes_nothing(self):
        ch = tok()
        keys = ["atomic-" + tok() for _ in range(5)]
        cases = [
            (3, {"score": {"value": 11, "scale": "nps"}}, "items[3].score.value"),
            (2, {"unit": "no-such-unit-" + tok()}, "items[2].unit"),
            (0, {"source": "fax"}, "items[0].source"),
            (4, {"received_at": "2026-02-30T00:00:00Z"}, "items[4].received_at"),
            (1, {"score": {"value": 3, "scale": "percent"}}, "items[1].score.scale"),
            (3, {"text": "a" * 20001}, "items[3].text"),
            (2, {"customer": {"name": "no ref"}}, "items[2].customer.external_ref"),
        ]
        for index, bad, field in cases:
            with self.subTest(field=field):
                items = [self.item(channel=ch, idempotency_key=k, unit=self.unit_a) for k in keys]
                items[index].update(bad)
                r = self.post("/api/v1/feedback", {"items": items})
                self.assertError(r, 400, "invalid_argument", field=field, msg="batch with bad %s:" % field)
                self.assertEqual(self.list_all({"channel": ch}), [],
                                 "part of a rejected batch was stored (%s)" % field)
        # A value the validator may let through but a database may refuse (NUL in text is not storable
        # in PostgreSQL text): the batch is stored whole or refused whole, never in part, never a 5xx.
        ch2 = tok()
        items = [self.item(channel=ch2, idempotency_key="nul-" + tok()) for _ in range(4)]
        items[2]["text"] = "nul \u0000 byte"
        r = self.post("/api/v1/feedback", {"items": items})
        self.assertLess(r.status, 500, "batch with a NUL character: %r" % r)
        stored = self.list_all({"channel": ch2})
        if r.status >= 400:
            self.assertEqual(r.error().get("field"), "items[2].text", r)
            self.assertEqual(stored, [], "part of a rejected batch was stored (NUL)")
        else:
            self.assertEqual(len(stored), 4)
        # The keys of the rejected batches were not consumed: posting them now creates items.
        r = self.post("/api/v1/feedback", {"items": [self.item(channel=ch, idempotency_key=k) for k in keys]})
        self.assertStatus(r, 201)
        self.assertEqual(r.json()["created"], 5)

    # ---------------------------------------------------------------- idempotency
    def test_idempotent_single(self):
        key = "idem-" + tok()
        first = self.post_item(self.item(idempotency_key=key, text="Eerste versie",
                                         score={"value": 3, "scale": "nps"}), expect=201)
        again = self.post("/api/v1/feedback", self.item(idempotency_key=key, text="Eerste versie",
                                                          score={"value": 3, "scale": "nps"}))
        self.assertStatus(again, 200, "repeat with the same idempotency_key")
        self.assertEqual(again.json()["id"], first["id"])
        # A different body with a seen key returns the ORIGINAL item.
        changed = self.post("/api/v1/feedback", self.item(idempotency_key=key, text="Andere tekst",
                                                            score={"value": 10, "scale": "nps"}))
        self.assertStatus(changed, 200)
        self.assertEqual(changed.json()["id"], first["id"])
        self.assertEqual(changed.json()["text"], "Eerste versie")
        self.assertEqual(changed.json()["score"]["value"], 3)
        self.assertEqual(self.get("/api/v1/feedback/%s" % first["id"]).json()["text"], "Eerste versie")

    def test_idempotent_batch(self):
        ch = tok()
        seen_key = "seen-" + tok()
        original = self.post_item(self.item(channel=ch, idempotency_key=seen_key, text="origineel"))
        k1, k2 = "n1-" + tok(), "n2-" + tok()
        items = [self.item(channel=ch, idempotency_key=k1), self.item(channel=ch, idempotency_key=seen_key),
                 self.item(channel=ch, idempotency_key=k2)]
        r = self.post("/api/v1/feedback", {"items": items})
        self.assertStatus(r, 201)
        doc = r.json()
        self.assertEqual((doc["created"], doc["duplicates"]), (2, 1))
        self.assertEqual(doc["items"][1]["id"], original["id"])
        self.assertEqual(doc["items"][1]["text"], "origineel")
        # The whole batch again: nothing new → 200, same ids.
        r2 = self.post("/api/v1/feedback", {"items": items})
        self.assertStatus(r2, 200, "a batch with only seen keys")
        doc2 = r2.json()
        self.assertEqual((doc2["created"], doc2["duplicates"]), (0, 3))
        self.assertEqual([x["id"] for x in doc2["items"]], [x["id"] for x in doc["items"]])
        self.assertEqual(len(self.list_all({"channel": ch})), 3)

    def test_same_key_twice_in_one_batch(self):
        ch = tok()
        key = "twice-" + tok()
        items = [self.item(channel=ch, idempotency_key=key, text="een"), self.item(channel=ch, text="ander"),
                 self.item(channel=ch, idempotency_key=key, text="twee")]
        r = self.post("/api/v1/feedback", {"items": items})
        self.assertStatus(r, 201)
        doc = r.json()
        self.assertEqual((doc["created"], doc["duplicates"]), (2, 1))
        self.assertEqual(doc["items"][0]["id"], doc["items"][2]["id"])
        self.assertEqual(doc["items"][2]["text"], "een")
        stored = self.list_all({"channel": ch})
        self.assertEqual(len(stored), 2)
        self.assertEqual([x["idempotency_key"] for x in stored].count(key), 1)

    def test_idempotency_under_concurrent_retries(self):
        ch = tok()
        key = "race-" + tok()
        body = self.item(channel=ch, idempotency_key=key)
        results = []

        def send():
            try:
                r = self.post("/api/v1/feedback", body)
                results.append((r.status, r.json().get("id")))
            except Exception as e:  # noqa: BLE001
                results.append(("error", repr(e)))

        threads = [threading.Thread(target=send) for _ in range(12)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(60)
        statuses = sorted(s for s, _ in results)
        self.assertEqual(statuses.count(201), 1, "exactly one 201 among concurrent retries: %r" % results)
        self.assertEqual(statuses.count(200), 11, results)
        self.assertEqual(len({i for _, i in results}), 1, results)
        self.assertEqual(len(self.list_all({"channel": ch})), 1)

    # ---------------------------------------------------------------- listing and filters
    T0 = dt.datetime(2025, 3, 3, 12, 0, tzinfo=UTC)

    def filter_dataset(self):
        """One shared dataset (its own channel) with known values for every filter."""
        if "filters" in self._datasets:
            return self._datasets["filters"]
        ch = tok()
        c1, c2 = "C1-" + tok(6), "C2-" + tok(6)
        hour, day = dt.timedelta(hours=1), dt.timedelta(days=1)
        ua, ub = self.unit_a, self.unit_b
        rows = [  # source, scale, value, unit, customer, brand, text, lang, received_at
            ("survey", "nps", 3, ua, c1, "own", "Mijn pakket kwam drie dagen te laat", "nl", self.T0),
            ("survey", "nps", 8, ua, c2, "own", "Vriendelijke medewerker aan de telefoon", "nl", self.T0 + hour),
            ("survey", "nps", 10, ub, c1, "own", "Great service, quick answer", "en", self.T0 + day),
            ("complaint", None, None, ub, c2, "own", "Niemand belde terug", "nl", self.T0 + 2 * day),
            ("review", "stars5", 2, None, None, "rivaal", "Always late and rude", "en", self.T0 + 3 * day),
            ("review", "stars5", 5, None, None, "own", "Snelle levering, top", "nl", self.T0 + 4 * day),
            ("survey", "grade10", 4, ua, None, "own", "Slecht geholpen in de winkel", "nl", self.T0 + 5 * day),
            ("survey", "grade10", 6, ub, None, "own", "Het was wel oké", "nl", self.T0 + 6 * day),
            ("survey", "grade10", 9, ua, c1, "own", "Prima geregeld", "nl", self.T0 + 7 * day),
            ("survey", "csat5", 3, None, c2, "own", None, None, self.T0 + 8 * day),
            ("employee", "csat5", 1, ub, None, "own", "Customer said the invoices were wrong", "en", self.T0 + 9 * day),
            ("exit", "nps", 0, ua, c2, "own", "Overgestapt naar de concurrent", "nl", self.T0 + 10 * day),
            ("social", None, None, None, None, "rivaal", "Their app crashed again", "en", self.T0 + 11 * day),
            ("survey", "nps", 7, ub, c1, "own", "Ging wel", "nl", self.T0 + 12 * day),
        ]
        items, meta = [], []
        for source, scale, value, unit, cust, brand, text, lang, t in rows:
            it = {"source": source, "channel": ch, "brand": brand, "received_at": iso(t)}
            if scale:
                it["score"] = {"value": value, "scale": scale}
            if unit:
                it["unit"] = unit
            if cust:
                it["customer"] = {"external_ref": cust}
            if text:
                it["text"] = text
            if lang:
                it["language"] = lang
            items.append(it)
            cls_, mood = classify(scale, value) if scale else (None, None)
            meta.append({"source": source, "scale": scale, "class": cls_, "mood": mood, "unit": unit,
                         "customer": cust, "brand": brand, "t": t})
        r = self.post("/api/v1/feedback", {"items": items})
        self.assertStatus(r, 201)
        for m, got in zip(meta, r.json()["items"]):
            m["id"] = got["id"]
        ds = {"channel": ch, "meta": meta, "c1": c1, "c2": c2}
        self._datasets["filters"] = ds
        return ds

    def check_filter(self, ds, query, pred, msg=None):
        q = dict(query, channel=ds["channel"])
        got = self.list_all(q)
        expected = sorted((m for m in ds["meta"] if pred(m)), key=lambda m: m["t"], reverse=True)
        self.assertEqual([x["id"] for x in got], [m["id"] for m in expected],
                         msg or "filter %r (newest received_at first)" % (query,))
        return got

    def test_filter_channel_and_order(self):
        ds = self.filter_dataset()
        got = self.check_filter(ds, {}, lambda m: True)
        for it in got:
            self.check_item_shape(it)
            self.assertEqual(it["channel"], ds["channel"])
        times = [parse_time(x["received_at"]) for x in got]
        self.assertEqual(times, sorted(times, reverse=True))

    def test_filter_time_range(self):
        ds = self.filter_dataset()
        lo = self.T0 + dt.timedelta(days=2, hours=6)
        hi = self.T0 + dt.timedelta(days=9, hours=6)
        self.check_filter(ds, {"from": iso(lo)}, lambda m: m["t"] >= lo)
        self.check_filter(ds, {"to": iso(hi)}, lambda m: m["t"] < hi)
        self.check_filter(ds, {"from": iso(lo), "to": iso(hi)}, lambda m: lo <= m["t"] < hi)
        # Same instant with an offset.
        self.check_filter(ds, {"from": lo.astimezone(dt.timezone(dt.timedelta(hours=2))).isoformat()},
                          lambda m: m["t"] >= lo)
        # from after to: nothing, or a 400 naming one of them.
        r = self.get("/api/v1/feedback", query={"channel": ds["channel"], "from": iso(hi), "to": iso(lo)})
        if r.status == 400:
            self.assertIn(r.error().get("field"), ("from", "to"))
        else:
            self.assertStatus(r, 200)
            self.assertEqual(r.json()["items"], [])

    def test_filter_unit_source_brand_customer_scale(self):
        ds = self.filter_dataset()
        self.check_filter(ds, {"unit": self.unit_a}, lambda m: m["unit"] == self.unit_a)
        self.check_filter(ds, {"unit": self.unit_b}, lambda m: m["unit"] == self.unit_b)
        for source in ("survey", "complaint", "review", "social", "employee", "exit", "letter"):
            self.check_filter(ds, {"source": source}, lambda m, s=source: m["source"] == s)
        self.check_filter(ds, {"brand": "rivaal"}, lambda m: m["brand"] == "rivaal")
        self.check_filter(ds, {"brand": "own"}, lambda m: m["brand"] == "own")
        self.check_filter(ds, {"customer": ds["c1"]}, lambda m: m["customer"] == ds["c1"])
        self.check_filter(ds, {"customer": ds["c2"]}, lambda m: m["customer"] == ds["c2"])
        for scale in RANGES:
            self.check_filter(ds, {"scale": scale}, lambda m, s=scale: m["scale"] == s)
        self.check_filter(ds, {"source": "survey", "scale": "nps", "unit": self.unit_a},
                          lambda m: m["source"] == "survey" and m["scale"] == "nps" and m["unit"] == self.unit_a)

    def test_filter_class(self):
        ds = self.filter_dataset()
        for mood in ("unhappy", "happy", "neutral"):
            self.check_filter(ds, {"class": mood}, lambda m, x=mood: m["mood"] == x, "class=%s (a mood)" % mood)
        for cls_ in ("detractor", "passive", "promoter", "fail", "pass", "good", "negative", "positive"):
            self.check_filter(ds, {"class": cls_}, lambda m, x=cls_: m["class"] == x, "class=%s" % cls_)
        self.check_filter(ds, {"class": "unhappy", "unit": self.unit_a},
                          lambda m: m["mood"] == "unhappy" and m["unit"] == self.unit_a)

    def test_filter_bad_values_are_400(self):
        cases = [("from", "yesterday"), ("from", "2025-13-01T00:00:00Z"), ("to", "2025-02-30T00:00:00Z"),
                 ("to", "not a date"), ("source", "tweet"), ("scale", "percent"), ("class", "angry"),
                 ("limit", "abc"), ("limit", "-1"), ("limit", "1.5"), ("cursor", "garbage!!"),
                 ("cursor", "eyJ4IjoxfQ")]
        for name, value in cases:
            with self.subTest(name=name, value=value):
                r = self.get("/api/v1/feedback", query={name: value})
                self.assertError(r, 400, "invalid_argument", field=name, msg="%s=%r:" % (name, value))

    def test_filter_unknown_unit_or_customer(self):
        for name in ("unit", "customer"):
            r = self.get("/api/v1/feedback", query={name: "no-such-" + tok()})
            if r.status == 400:
                self.assertEqual(r.error().get("field"), name)
            else:
                self.assertStatus(r, 200, "%s filter with an unknown value" % name)
                self.assertEqual(r.json()["items"], [])

    def test_limit_default_and_max(self):
        ch = tok()
        items = [self.item(channel=ch, text="x%d" % i) for i in range(520)]
        self.assertStatus(self.post("/api/v1/feedback", {"items": items}), 201)
        r = self.get("/api/v1/feedback", query={"channel": ch})
        self.assertStatus(r, 200)
        self.assertEqual(len(r.json()["items"]), 50, "default limit")
        self.assertIsNotNone(r.json()["next_cursor"])
        r = self.get("/api/v1/feedback", query={"channel": ch, "limit": 500})
        self.assertEqual(len(r.json()["items"]), 500)
        r = self.get("/api/v1/feedback", query={"channel": ch, "limit": 501})
        if r.status == 400:
            self.assertEqual(r.error().get("field"), "limit")
        else:
            self.assertStatus(r, 200)
            self.assertLessEqual(len(r.json()["items"]), 500, "limit is at most 500")
        r = self.get("/api/v1/feedback", query={"channel": ch, "limit": 1})
        self.assertEqual(len(r.json()["items"]), 1)

    def test_cursor_pagination_visits_every_item_once(self):
        ch = tok()
        base = dt.datetime(2024, 6, 1, 8, 0, tzinfo=UTC)
        items = []
        for i in range(130):
            # 40 items share one received_at, others are spread: the cursor must break ties.
            t = base + dt.timedelta(minutes=(0 if i < 40 else i))
            items.append(self.item(channel=ch, received_at=iso(t), idempotency_key="pg-" + ch + "-%d" % i))
        r = self.post("/api/v1/feedback", {"items": items})
        self.assertStatus(r, 201)
        created = {x["id"] for x in r.json()["items"]}
        for limit in (1, 7, 40, 65, 130, 500):
            got = self.list_all({"channel": ch}, limit=limit)
            self.assertEqual(len(got), 130, "limit=%d" % limit)
            self.assertEqual({x["id"] for x in got}, created, "limit=%d" % limit)
            times = [parse_time(x["received_at"]) for x in got]
            self.assertEqual(times, sorted(times, reverse=True), "newest first, limit=%d" % limit)

    def test_cursor_pagination_while_new_items_arrive(self):
        ch = tok()
        base = dt.datetime(2024, 7, 1, 8, 0, tzinfo=UTC)
        items = [self.item(channel=ch, received_at=iso(base + dt.timedelta(minutes=i % 10))) for i in range(60)]
        r = self.post("/api/v1/feedback", {"items": items})
        self.assertStatus(r, 201)
        created = {x["id"] for x in r.json()["items"]}
        seen, cursor = [], None
        while True:
            q = {"channel": ch, "limit": 9}
            if cursor:
                q["cursor"] = cursor
            page = self.get("/api/v1/feedback", query=q).json()
            seen += [x["id"] for x in page["items"]]
            # Newer feedback arrives between pages (as in production).
            self.post_item(self.item(channel=ch))
            cursor = page["next_cursor"]
            if not cursor:
                break
        self.assertEqual(len(seen), len(set(seen)), "an item was listed twice while new items arrived")
        self.assertTrue(created <= set(seen), "items skipped: %s" % (created - set(seen)))

    def test_search_stemming_dutch_and_english(self):
        ch = tok()
        texts = {
            "a": ("Mijn pakket kwam drie dagen te laat", "nl"),
            "b": ("De pakketten waren beschadigd", "nl"),
            "c": ("The delivery was late again", "en"),
            "d": ("Two deliveries went missing last week", "en"),
            "e": ("Friendly staff and quick help", "en"),
            "f": ("Het pakket is nooit aangekomen bij ons thuis, heel vervelend", None),
        }
        ids = {}
        for name, (text, lang) in texts.items():
            body = self.item(channel=ch, text=text)
            if lang:
                body["language"] = lang
            ids[name] = self.post_item(body)["id"]
        cases = [
            ("pakketten", "abf"), ("pakket", "abf"), ("Pakketten", "abf"), ("PAKKET", "abf"),
            ("deliveries", "cd"), ("delivery", "cd"), ("Delivery", "cd"),
            ("staff", "e"), ("beschadigd", "b"), ("zzqqxxunknownword", ""),
        ]
        for q, expect in cases:
            with self.subTest(q=q):
                got = {x["id"] for x in self.list_all({"channel": ch, "q": q})}
                self.assertEqual(got, {ids[n] for n in expect}, "q=%r should find %r" % (q, sorted(expect)))
                paged = {x["id"] for x in self.list_all({"channel": ch, "q": q}, limit=1)}
                self.assertEqual(paged, got, "q=%r paged one by one" % q)

    def test_search_odd_queries_do_not_fail(self):
        for q in ('"', "pakket OR", "*", "NEAR(", "a AND", "-", "pakket\"", "(((", "'", "\\", "😀", "é",
                  "column:x", "^", "x" * 5000, " "):
            with self.subTest(q=q[:40]):
                r = self.get("/api/v1/feedback", query={"q": q, "limit": 5})
                self.assertIn(r.status, (200, 400), "q=%r -> %r" % (q[:40], r))
                if r.status == 400:
                    self.assertEqual(r.error().get("field"), "q")

    # ---------------------------------------------------------------- metrics
    @staticmethod
    def parse_metrics(text):
        samples = {}
        for line in text.splitlines():
            if not line or line.startswith("#"):
                continue
            m = re.match(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})?\s+(\S+)', line)
            if not m:
                continue
            labels = tuple(sorted(re.findall(r'([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"', m.group(3) or "")))
            samples[(m.group(1), labels)] = float(m.group(4))
        return samples

    def requests_total(self, samples, route, status):
        total = 0.0
        for (name, labels), value in samples.items():
            d = dict(labels)
            if name == "klantstem_http_requests_total" and d.get("route") == route and d.get("status") == str(status):
                total += value
        return total

    def test_metrics_count_requests(self):
        r = self.req("GET", "/metrics")
        self.assertStatus(r, 200)
        self.assertTrue(r.headers.get("content-type", "").startswith("text/plain"), r.headers)
        before = self.parse_metrics(r.text)
        code = self.unit_a
        for _ in range(3):
            self.assertStatus(self.get("/api/v1/units/" + code), 200)
        for _ in range(2):
            self.assertStatus(self.get("/api/v1/units/missing-" + tok()), 404)
        self.post_item(self.item())
        expected = [("/api/v1/units/{code}", 200, 3), ("/api/v1/units/{code}", 404, 2), ("/api/v1/feedback", 201, 1)]
        deadline = time.monotonic() + 10
        while True:
            text = self.req("GET", "/metrics").text
            after = self.parse_metrics(text)
            missing = [(route, st, n) for route, st, n in expected
                       if self.requests_total(after, route, st) - self.requests_total(before, route, st) < n]
            if not missing or time.monotonic() > deadline:
                break
            time.sleep(0.2)
        self.assertEqual(missing, [], "klantstem_http_requests_total did not count these (route, status, n)")
        for needle in ("# TYPE klantstem_http_requests_total counter",
                       "# TYPE klantstem_http_request_duration_seconds histogram",
                       "klantstem_http_request_duration_seconds_bucket{", "klantstem_http_request_duration_seconds_sum",
                       "klantstem_http_request_duration_seconds_count", "klantstem_writer_queue_depth",
                       "# TYPE klantstem_writer_batch_size histogram", "klantstem_writer_batch_size_bucket"):
            self.assertIn(needle, text)
        # The route label is the pattern, never the raw path.
        self.assertNotIn('route="/api/v1/units/%s"' % code, text)
        self.assertGreater(after.get(("klantstem_writer_batch_size_count", ()), 0), 0,
                           "klantstem_writer_batch_size counts the writer's transactions")
        inf = [v for (n, labels), v in after.items() if n == "klantstem_http_request_duration_seconds_bucket"
               and ("le", "+Inf") in labels]
        self.assertTrue(inf and max(inf) > 0, "duration histogram has a +Inf bucket with counts")

    # ---------------------------------------------------------------- OpenAPI (runs last: zz)
    def test_zz_openapi_lists_every_route(self):
        r = self.req("GET", "/api/v1/openapi.json")  # no key needed
        self.assertStatus(r, 200)
        doc = r.json()
        self.assertTrue(str(doc.get("openapi", "")).startswith("3.1"), "openapi version %r" % doc.get("openapi"))
        self.assertIn("info", doc)
        paths = doc.get("paths")
        self.assertIsInstance(paths, dict)
        prefixes = [""]
        for srv in doc.get("servers", []) or []:
            p = urllib.parse.urlsplit(srv.get("url", "")).path.rstrip("/")
            if p:
                prefixes.append(p)
        documented = set()
        for path, ops in paths.items():
            for prefix in prefixes:
                norm = re.sub(r"\{[^}]+\}", "{}", prefix + path)
                for method in ops:
                    documented.add((method.upper(), norm))
        unknown = EXERCISED - set(ROUTES)
        self.assertEqual(unknown, set(), "routes exercised but missing from the test's ROUTES list")
        missing = [(m, t) for m, t in sorted(set(ROUTES) | EXERCISED)
                   if (m, re.sub(r"\{[^}]+\}", "{}", t)) not in documented]
        self.assertEqual(missing, [], "routes the server serves but the OpenAPI document lacks")


class ShutdownTest(unittest.TestCase):
    """SIGTERM while clients write: exit 0, and every acknowledged item is there after a restart."""

    def test_graceful_shutdown_keeps_acknowledged_writes(self):
        fx = ks.ServerFixture(OPTIONS.binary, OPTIONS.engine, keys={"k": "feedback:write,feedback:read"})
        try:
            server, key = fx.server, fx.keys["k"]
            ch = tok()
            acked, lock, stop = [], threading.Lock(), threading.Event()

            def writer(n):
                i = 0
                while not stop.is_set():
                    k = "%s-%d-%d" % (ch, n, i)
                    i += 1
                    try:
                        r = server.request("POST", "/api/v1/feedback", {"source": "survey", "channel": ch,
                                                                        "text": "t", "idempotency_key": k},
                                           key=key, timeout=10)
                    except OSError:
                        return
                    if 200 <= r.status < 300:
                        with lock:
                            acked.append(k)
                    elif r.status != 503:
                        return

            threads = [threading.Thread(target=writer, args=(n,)) for n in range(8)]
            for t in threads:
                t.start()
            deadline = time.monotonic() + 20
            while len(acked) < 50 and time.monotonic() < deadline and server.alive():
                time.sleep(0.05)
            status = server.stop(timeout=30)
            stop.set()
            for t in threads:
                t.join(30)
            self.assertEqual(status, 0, "exit status after SIGTERM\n%s" % server.log_tail())
            self.assertTrue(acked, "no write was acknowledged before SIGTERM")
            server.start()
            stored = {}
            cursor = None
            while True:
                q = {"channel": ch, "limit": 500}
                if cursor:
                    q["cursor"] = cursor
                page = server.request("GET", "/api/v1/feedback", key=key, query=q).json()
                for it in page["items"]:
                    stored[it["idempotency_key"]] = stored.get(it["idempotency_key"], 0) + 1
                cursor = page["next_cursor"]
                if not cursor:
                    break
            lost = [k for k in acked if stored.get(k) != 1]
            self.assertEqual(lost, [], "acknowledged writes lost or duplicated across a graceful shutdown")
        finally:
            fx.close()


def main():
    global OPTIONS
    OPTIONS, rest = ks.parse_args()
    random.seed()
    unittest.main(argv=rest, verbosity=2)


if __name__ == "__main__":
    main()
