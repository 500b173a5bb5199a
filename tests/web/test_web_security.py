#!/usr/bin/python3
"""Security of the web application, end to end: a real `klantstem serve` with demo data on
127.0.0.1, driven over HTTP like a browser (tests/web/web_client.py).

Covers: CSRF (missing, wrong, foreign origin → 403 and nothing changes), session rotation at login,
disabled users logged out at once, SQL meta-characters in every filter (200 or 400, never 500, and
the right rows), login throttling, security headers and cookie flags, HTML escaping of feedback
text, reporter privacy and the manager's unit scope, admin pages refused to other roles, and the case
pages (issue 7): each role sees and works only the cases it may, employees see counts only, the step
forms are CSRF-protected, filters and ids never cause a 500, and case texts are shown as text.

Run: test_web_security.py --binary build/release/src/app/klantstem [--engine sqlite|postgres]
"""
import json
import os
import re
import sys
import tempfile
import time
import unittest
import urllib.parse

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
sys.path.insert(0, os.path.dirname(__file__))
import klantstem_server as ks  # noqa: E402
from web_client import WebClient  # noqa: E402

ADMIN = "beheer@stroomlijn.example"
COORDINATOR = "coordinator@stroomlijn.example"
EXECUTIVE = "directie@stroomlijn.example"
MANAGER = "manager.utrecht@stroomlijn.example"
EMPLOYEE = "medewerker@stroomlijn.example"
REPORTERS = ["Daan Jansen", "Lisa Bakker", "Tom Visser", "Noor Smit"]
ITEM_LINK = re.compile(r'href="/feedback/(\d+)"')
CASE_LINK = re.compile(r'class="case-link" href="(?:/|&#x2F;)cases(?:/|&#x2F;)(\d+)"')  # mustache escapes "/"


class WebSecurityTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="klantstem-websec-")
        cls.database = ks.Database(ARGS.engine, cls.dir)
        cls.db = cls.database.url
        cls.server = ks.KlantstemServer(ARGS.binary, cls.db, cls.dir)
        cls.server.cli("demo", "--db", cls.db, "--customers", "300", "--feedback", "3000", "--seed", "7",
                       "--user-password", "Demo-wachtwoord-2026")
        cls.key = cls.server.create_key("websec", "admin")
        cls.server.start()

    @classmethod
    def tearDownClass(cls):
        cls.server.stop()
        cls.database.cleanup()

    def client(self, email=None):
        c = WebClient(self.server.port)
        if email:
            r = c.login(email)
            self.assertEqual(r.status, 303, r)
        return c

    def api(self, method, path, body=None):
        return self.server.request(method, path, body=body, key=self.key)

    # ---- CSRF
    def test_posts_without_a_valid_csrf_token_or_from_another_origin_are_refused_and_change_nothing(self):
        admin = self.client(ADMIN)
        form = admin.get("/admin/settings")
        self.assertEqual(form.status, 200)
        token = form.csrf()
        fields = {"name": "Overgenomen", "time_zone": "UTC", "default_language": "en"}
        attempts = [
            ("no token", dict(fields), True, {}),
            ("wrong token", dict(fields, _csrf="0" * 64), True, {}),
            ("right token, foreign origin", dict(fields, _csrf=token), "http://evil.example", {}),
            ("right token, lookalike origin", dict(fields, _csrf=token), admin.origin + ".evil.example", {}),
            ("right token, no origin or referer", dict(fields, _csrf=token), False, {}),
            ("wrong header token", dict(fields), True, {"X-CSRF-Token": "f" * 64}),
        ]
        for what, data, origin, headers in attempts:
            with self.subTest(what):
                r = admin.post_form("/admin/settings", data, origin=origin, headers=headers)
                self.assertEqual(r.status, 403, r)
        after = admin.get("/admin/settings").text
        self.assertIn('value="Stroomlijn"', after)
        self.assertNotIn("Overgenomen", after)
        # The same change with the token from the page and our own origin goes through.
        ok = admin.post_form("/admin/settings", dict(fields, name="Stroomlijn", _csrf=token))
        self.assertEqual(ok.status, 303, ok)
        htmx = admin.post_form("/admin/settings", dict(fields, name="Stroomlijn", default_language="nl"),
                               headers={"X-CSRF-Token": token, "HX-Request": "true"})
        self.assertEqual(htmx.status, 303, htmx)

    def test_login_form_is_protected_too(self):
        c = WebClient(self.server.port)
        form = c.get("/login")
        r = c.post_form("/login", {"_csrf": "1" * 64, "email": ADMIN, "password": "Demo-wachtwoord-2026"})
        self.assertEqual(r.status, 403)
        r = c.post_form("/login", {"_csrf": form.csrf(), "email": ADMIN, "password": "Demo-wachtwoord-2026"},
                        origin="http://evil.example")
        self.assertEqual(r.status, 403)
        self.assertNotIn("ks_session", c.cookies)

    # ---- sessions
    def test_the_session_token_changes_at_login_and_the_old_one_stops_working(self):
        c = self.client(EXECUTIVE)
        first = c.cookies["ks_session"]
        self.assertEqual(len(first), 64)
        self.assertEqual(c.login(EXECUTIVE).status, 303)
        second = c.cookies["ks_session"]
        self.assertNotEqual(first, second)
        self.assertEqual(c.get("/inbox").status, 200)
        stale = WebClient(self.server.port)
        stale.cookies["ks_session"] = first
        r = stale.get("/inbox")
        self.assertEqual(r.status, 303)
        self.assertTrue(r.header("Location").startswith("/login"), r.header("Location"))

    def test_a_disabled_users_sessions_stop_working_at_once(self):
        self.server.cli("user", "add", "--db", self.db, "--email", "tijdelijk@stroomlijn.example", "--name",
                        "Tijdelijke Kracht", "--role", "employee", "--password-stdin",
                        input_text="Tijdelijk-wachtwoord-1\n")
        c = WebClient(self.server.port)
        self.assertEqual(c.login("tijdelijk@stroomlijn.example", "Tijdelijk-wachtwoord-1").status, 303)
        self.assertEqual(c.get("/inbox").status, 200)
        self.server.cli("user", "disable", "--db", self.db, "tijdelijk@stroomlijn.example")
        r = c.get("/inbox")
        self.assertEqual(r.status, 303)
        self.assertTrue(r.header("Location").startswith("/login"))
        again = WebClient(self.server.port).login("tijdelijk@stroomlijn.example", "Tijdelijk-wachtwoord-1")
        self.assertEqual(again.status, 401)

    def test_logout_ends_the_session(self):
        c = self.client(COORDINATOR)
        token = c.cookies["ks_session"]
        page = c.get("/inbox")
        self.assertEqual(c.post_form("/logout", {"_csrf": page.csrf()}).status, 303)
        stale = WebClient(self.server.port)
        stale.cookies["ks_session"] = token
        self.assertEqual(stale.get("/inbox").status, 303)

    # ---- injection
    def test_sql_meta_characters_in_every_filter_give_correct_results_or_400_never_500(self):
        evil = ["'", '"', ";", "--", "%", "_", "\\", "' OR 1=1 --", "x') OR ('1'='1", ")", "*", "日本語", "\u00e9'",
                "1; DROP TABLE feedback", "NEAR(", "\"a\" OR \"b\"", "{{t.logout}}"]
        fields = ["q", "unit", "source", "channel", "scale", "score", "class", "brand", "language", "topic",
                  "sentiment", "from", "to", "cursor"]
        c = self.client(ADMIN)
        for field in fields:
            for value in evil:
                query = urllib.parse.urlencode({field: value})
                with self.subTest(field=field, value=value):
                    page = c.get("/inbox?" + query)
                    self.assertIn(page.status, (200, 400), page)
                    api = self.api("GET", "/api/v1/feedback?" + query)
                    self.assertIn(api.status, (200, 400), api)
                    if api.status == 200 and field in ("unit", "brand", "channel", "language", "topic"):
                        # No such unit/brand/…: nothing may match (an injected OR would match everything).
                        self.assertEqual(api.json()["items"], [], api)
        # A nonsense word with an injected OR matches nothing; the table is still there.
        r = self.api("GET", "/api/v1/feedback?" + urllib.parse.urlencode({"q": "zzqxw' OR 'a'='a"}))
        self.assertEqual(r.status, 200)
        self.assertEqual(r.json()["items"], [])
        self.assertEqual(len(self.api("GET", "/api/v1/feedback?limit=5").json()["items"]), 5)

    def test_feedback_text_is_shown_as_text(self):
        hostile = ['<script>window.__pwned=1</script>', '"><img src=x onerror="window.__pwned=1">',
                   "{{t.logout}} {{{x}}} {{> layout}}"]
        ids = []
        for i, text in enumerate(hostile):
            r = self.api("POST", "/api/v1/feedback", {"source": "complaint", "channel": "web", "text": text,
                                                      "customer": {"external_ref": "XSS-%d" % i,
                                                                   "name": "<b>Mallory</b>"},
                                                      "idempotency_key": "websec-xss-%d" % i})
            self.assertIn(r.status, (200, 201), r)
            ids.append(r.json()["id"])
        c = self.client(ADMIN)
        for item_id, text in zip(ids, hostile):
            page = c.get("/feedback/%d" % item_id)
            self.assertEqual(page.status, 200)
            self.assertNotIn(text, page.text)
            self.assertNotIn("<script>window", page.text)
            self.assertNotIn("<img src=x", page.text)
            self.assertNotIn("<b>Mallory</b>", page.text)
            self.assertIn("&lt;b&gt;Mallory&lt;&#x2F;b&gt;", page.text)
        self.assertIn("{{t.logout}} {{{x}}} {{&gt; layout}}", c.get("/feedback/%d" % ids[2]).text)

    # ---- throttling
    def test_login_is_paused_after_five_failures_for_an_account(self):
        c = WebClient(self.server.port)
        for i in range(5):
            r = c.login("tom.visser@stroomlijn.example", "wrong password %d" % i)
            self.assertEqual(r.status, 401, r)
        r = c.login("tom.visser@stroomlijn.example")  # the right password, too late
        self.assertEqual(r.status, 429, r)
        self.assertIn("Te veel mislukte pogingen", r.text)
        self.assertTrue(int(r.header("Retry-After")) > 0)
        # Another account from the same address is not locked by these five.
        self.assertEqual(WebClient(self.server.port).login("noor.smit@stroomlijn.example").status, 303)

    # ---- headers
    def test_security_headers_and_cookie_flags(self):
        c = WebClient(self.server.port)
        login = c.get("/login")
        r = c.post_form("/login", {"_csrf": login.csrf(), "email": ADMIN, "password": "Demo-wachtwoord-2026"})
        cookie = [v for v in r.header_all("Set-Cookie") if v.startswith("ks_session=")][0]
        self.assertIn("HttpOnly", cookie)
        self.assertIn("SameSite=Lax", cookie)
        for path in ["/login", "/inbox", "/admin/users"]:
            page = c.get(path)
            with self.subTest(path=path):
                csp = page.header("Content-Security-Policy")
                self.assertIsNotNone(csp)
                self.assertNotIn("unsafe-inline", csp)
                self.assertNotIn("unsafe-eval", csp)
                self.assertIn("frame-ancestors 'none'", csp)
                self.assertIn("script-src 'self'", csp)
                self.assertEqual(page.header("X-Content-Type-Options"), "nosniff")
                self.assertEqual(page.header("Referrer-Policy"), "same-origin")
                self.assertNotIn("<script>", page.text)  # only <script src=…>
                self.assertNotIn(" style=", page.text)

    # ---- who sees what
    def employee_item_ids(self, c):
        page = c.get("/inbox?source=employee")
        self.assertEqual(page.status, 200)
        ids = ITEM_LINK.findall(page.text)
        self.assertGreater(len(ids), 5)
        return ids[:8]

    def test_only_coordinators_admins_and_the_reporter_see_who_reported(self):
        # Each user with their own name: a reporter may see that they reported an item themselves.
        for email, own in [(EMPLOYEE, "Daan Jansen"), (EXECUTIVE, None), ("noor.smit@stroomlijn.example", "Noor Smit")]:
            c = self.client(email)
            for path in ["/inbox?source=employee"] + ["/feedback/" + i for i in self.employee_item_ids(c)]:
                page = c.get(path)
                with self.subTest(user=email, path=path):
                    self.assertEqual(page.status, 200)
                    for name in REPORTERS:
                        if name != own:
                            self.assertFalse("Gemeld door " + name in page.text, "%s sees %s" % (email, name))
                    if "/feedback/" in path and (own is None or "Gemeld door " + own not in page.text):
                        self.assertIn("Gemeld door een collega", page.text)
        coordinator = self.client(COORDINATOR)
        pages = [coordinator.get("/feedback/" + i).text for i in self.employee_item_ids(coordinator)]
        self.assertTrue(any(re.search("Gemeld door (%s)" % "|".join(REPORTERS), p) for p in pages))
        # The JSON API never carries the reporter.
        items = self.api("GET", "/api/v1/feedback?source=employee&limit=50").json()["items"]
        self.assertTrue(items)
        for item in items:
            self.assertFalse({"reporter", "reported_by", "reporter_name"} & set(item), item)

    def test_employees_see_customer_names_only_when_the_organisation_allows_it(self):
        employee = self.client(EMPLOYEE)
        ref = self.api("GET", "/api/v1/feedback?limit=1&source=survey").json()["items"][0]["customer"]["external_ref"]
        customer = self.api("GET", "/api/v1/customers/" + urllib.parse.quote(ref)).json()
        page = employee.get("/customers/" + urllib.parse.quote(ref))
        self.assertEqual(page.status, 200)
        self.assertIn("Een klant", page.text)
        if customer.get("email"):
            self.assertNotIn(customer["email"], page.text)
        admin = self.client(ADMIN)
        form = admin.get("/admin/settings")
        r = admin.post_form("/admin/settings", {"_csrf": form.csrf(), "name": "Stroomlijn",
                                                "time_zone": "Europe/Amsterdam", "default_language": "nl",
                                                "employees_see_customer_names": "1"})
        self.assertEqual(r.status, 303)
        try:
            self.assertIn(customer["name"], employee.get("/customers/" + urllib.parse.quote(ref)).text)
        finally:
            admin.post_form("/admin/settings", {"_csrf": form.csrf(), "name": "Stroomlijn",
                                                "time_zone": "Europe/Amsterdam", "default_language": "nl"})

    def test_a_manager_sees_only_their_own_units(self):
        manager = self.client(MANAGER)
        page = manager.get("/inbox")
        self.assertEqual(page.status, 200)
        ids = ITEM_LINK.findall(page.text)
        self.assertTrue(ids)
        for item_id in ids[:20]:
            unit = self.api("GET", "/api/v1/feedback/" + item_id).json().get("unit")
            self.assertEqual(unit, "utrecht-centrum")
        other = self.api("GET", "/api/v1/feedback?unit=klantenservice&limit=1").json()["items"][0]["id"]
        self.assertEqual(manager.get("/feedback/%d" % other).status, 403)
        self.assertEqual(len(ITEM_LINK.findall(manager.get("/inbox?unit=klantenservice").text)), 0)

    def test_admin_pages_are_refused_to_every_other_role(self):
        for email in [COORDINATOR, EXECUTIVE, MANAGER, EMPLOYEE]:
            c = self.client(email)
            for path in ["/admin/users", "/admin/units", "/admin/api-keys", "/admin/settings", "/admin/audit",
                         "/admin/outbox", "/admin/topics", "/admin/topics/progress"]:
                with self.subTest(user=email, path=path):
                    self.assertEqual(c.get(path).status, 403)
            page = c.get("/inbox")
            r = c.post_form("/admin/users", {"_csrf": page.csrf(), "email": "x@stroomlijn.example", "name": "X",
                                             "role": "admin", "language": "nl"})
            self.assertEqual(r.status, 403)
        self.assertNotIn("x@stroomlijn.example", self.server.cli("user", "list", "--db", self.db).stdout)

    # ---- cases (issue 7)
    def open_case(self, ref, unit, text, source="complaint"):
        """Posts an unhappy item of a new customer in `unit`; returns the id of the case the rule runner
        opens for it (found through /cases/feedback/{id}, the link the mails carry) and the item's id."""
        customer = {"external_ref": ref, "name": "Klant " + ref, "email": ref.lower() + "@klant.example",
                    "consent_contact": True, "language": "nl"}
        self.assertIn(self.api("POST", "/api/v1/customers", customer).status, (200, 201))
        r = self.api("POST", "/api/v1/feedback", {"source": source, "channel": "web", "unit": unit, "text": text,
                                                  "customer": {"external_ref": ref},
                                                  "idempotency_key": "websec-" + ref})
        self.assertIn(r.status, (200, 201), r)
        admin = self.client(ADMIN)
        for _ in range(100):
            page = admin.get("/cases/feedback/%d" % r.json()["id"])
            if page.status == 303:
                return int(page.header("Location").rsplit("/", 1)[1]), r.json()["id"]
            self.assertEqual(page.status, 404, page)
            time.sleep(0.1)
        self.fail("no case opened for %s within 10 s" % ref)

    def note_form(self, c, case_id):
        page = c.get("/cases/%d" % case_id)
        self.assertEqual(page.status, 200, page)
        return {"_csrf": page.csrf(), "version": re.search(r'name="version" value="(\d+)"', page.text).group(1)}

    def test_each_role_sees_and_works_only_the_cases_it_may(self):
        utrecht, utrecht_item = self.open_case("WEBSEC-CASE-U", "utrecht-centrum", "Pakket kwijt, niemand helpt mij.")
        other, other_item = self.open_case("WEBSEC-CASE-K", "klantenservice", "Drie keer gebeld zonder antwoord.")
        visible = {ADMIN: {utrecht, other}, COORDINATOR: {utrecht, other}, EXECUTIVE: {utrecht, other},
                   MANAGER: {utrecht}, EMPLOYEE: set()}
        for email, cases in visible.items():
            c = self.client(email)
            with self.subTest(user=email):
                shown, text = set(), ""
                for unit in ["utrecht-centrum", "klantenservice"]:
                    listed = c.get("/cases?status=all&unit=" + unit)
                    self.assertEqual(listed.status, 200)
                    # Everybody sees the counts of open and overdue cases per unit and per owner.
                    self.assertIn('id="counts-by-unit"', listed.text)
                    self.assertIn('id="counts-by-owner"', listed.text)
                    shown |= set(int(i) for i in CASE_LINK.findall(listed.text))
                    text += listed.text
                self.assertEqual(shown & {utrecht, other}, cases, "the list shows exactly the visible cases")
                if email == EMPLOYEE:
                    self.assertEqual(shown, set(), "employees see counts, not case contents")
                for case_id, item, ref in [(utrecht, utrecht_item, "WEBSEC-CASE-U"),
                                           (other, other_item, "WEBSEC-CASE-K")]:
                    page = c.get("/cases/%d" % case_id)
                    if case_id in cases:
                        self.assertEqual(page.status, 200, (email, case_id))
                    else:
                        # Not there and not allowed look the same.
                        self.assertEqual(page.status, 404, (email, case_id))
                        self.assertEqual(c.get("/cases/999999").text, page.text)
                        self.assertNotIn(ref, page.text)
                        self.assertNotIn(ref, text)
                        self.assertEqual(c.get("/cases/feedback/%d" % item).status, 404)
        # Steps on a case one may not see are refused as if it did not exist, and change nothing.
        admin = self.client(ADMIN)
        form = self.note_form(admin, other)
        for email in [MANAGER, EMPLOYEE]:
            c = self.client(email)
            token = c.get("/cases").csrf()
            for step, fields in [("note", {"text": "websec: niet van mij"}), ("call", {"outcome": "reached"}),
                                 ("close", {"root_cause": "other", "resolution": "weg ermee"}),
                                 ("assign", {"assign_to": "1"}), ("start_work", {})]:
                with self.subTest(user=email, step=step):
                    r = c.post_form("/cases/%d/%s" % (other, step), dict(fields, _csrf=token))
                    self.assertEqual(r.status, 404, r)
        after = admin.get("/cases/%d" % other).text
        self.assertNotIn("websec: niet van mij", after)
        self.assertIn('data-state="new"', after)
        self.assertEqual(self.note_form(admin, other)["version"], form["version"], "the case did not change")
        # The manager works their own unit's case.
        manager = self.client(MANAGER)
        r = manager.post_form("/cases/%d/note" % utrecht, dict(self.note_form(manager, utrecht), text="websec: gebeld"))
        self.assertEqual(r.status, 303, r)
        self.assertEqual(r.header("Location"), "/cases/%d" % utrecht)
        self.assertIn("websec: gebeld", manager.get("/cases/%d" % utrecht).text)

    def test_case_steps_need_the_csrf_token_and_a_fresh_case(self):
        case_id, _ = self.open_case("WEBSEC-CASE-CSRF", "utrecht-centrum", "Factuur klopt niet.")
        admin = self.client(ADMIN)
        form = self.note_form(admin, case_id)
        attempts = [
            ("no token", {"text": "csrf-proef"}, True),
            ("wrong token", {"text": "csrf-proef", "_csrf": "0" * 64}, True),
            ("foreign origin", dict(form, text="csrf-proef"), "http://evil.example"),
        ]
        for what, data, origin in attempts:
            with self.subTest(what):
                self.assertEqual(admin.post_form("/cases/%d/note" % case_id, data, origin=origin).status, 403)
        self.assertNotIn("csrf-proef", admin.get("/cases/%d" % case_id).text)
        # A step on the case as it was before someone else's step is refused (409), not taken.
        self.assertEqual(admin.post_form("/cases/%d/note" % case_id, dict(form, text="eerste")).status, 303)
        stale = admin.post_form("/cases/%d/note" % case_id, dict(form, text="tweede"))
        self.assertEqual(stale.status, 409, stale)
        page = admin.get("/cases/%d" % case_id).text
        self.assertIn("eerste", page)
        self.assertNotIn("tweede", page)
        # Incomplete steps: 400 with the reason, nothing written.
        for step, fields in [("note", {"text": "   "}), ("call", {"outcome": "maybe"}), ("email", {"subject": "x"}),
                             ("close", {"root_cause": "' OR 1=1 --", "resolution": "x"}),
                             ("assign", {"assign_to": "x"})]:
            with self.subTest(step=step):
                r = admin.post_form("/cases/%d/%s" % (case_id, step), dict(self.note_form(admin, case_id), **fields))
                self.assertEqual(r.status, 400, r)
                self.assertIn('class="field-error"', r.text)

    def test_case_filters_and_ids_give_200_400_or_404_never_500(self):
        evil = ["'", '"', ";", "--", "%", "_", "\\", "' OR 1=1 --", "x') OR ('1'='1", "-1", "99999999999999999999",
                "日本語", "{{t.logout}}", "<script>"]
        c = self.client(ADMIN)
        for field in ["status", "state", "priority", "unit", "owner", "overdue", "view", "limit", "offset"]:
            for value in evil:
                with self.subTest(field=field, value=value):
                    page = c.get("/cases?" + urllib.parse.urlencode({field: value}))
                    self.assertIn(page.status, (200, 400), page)
                    self.assertNotIn("<script>", page.text.split("<main", 1)[1])
        for value in evil + ["0", "1.5", "1e3"]:
            quoted = urllib.parse.quote(value, safe="")
            with self.subTest(id=value):
                self.assertEqual(c.get("/cases/" + quoted).status, 404)
                self.assertEqual(c.get("/cases/feedback/" + quoted).status, 404)
                token = c.get("/cases").csrf()
                self.assertEqual(c.post_form("/cases/%s/note" % quoted, {"_csrf": token, "text": "x"}).status, 404)

    def test_case_texts_are_shown_as_text(self):
        hostile = '<script>window.__pwned=1</script> "><img src=x onerror=alert(1)> {{t.logout}} {{{x}}}'
        case_id, _ = self.open_case("WEBSEC-CASE-XSS", "utrecht-centrum", hostile)
        admin = self.client(ADMIN)
        r = admin.post_form("/cases/%d/note" % case_id, dict(self.note_form(admin, case_id), text=hostile))
        self.assertEqual(r.status, 303, r)
        for path in ["/cases/%d" % case_id, "/cases?limit=200", "/cases?view=board&limit=200"]:
            page = admin.get(path)
            with self.subTest(path=path):
                self.assertEqual(page.status, 200)
                self.assertNotIn("<script>window", page.text)
                self.assertNotIn("<img src=x", page.text)
        page = admin.get("/cases/%d" % case_id).text
        self.assertIn("&lt;script&gt;window.__pwned=1&lt;&#x2F;script&gt;", page)
        self.assertIn("{{t.logout}} {{{x}}}", page)

    def test_pages_need_a_login(self):
        c = WebClient(self.server.port)
        for path in ["/inbox", "/feedback/1", "/customers/x", "/admin/users", "/account", "/cases", "/cases/1",
                     "/cases/feedback/1"]:
            r = c.get(path)
            with self.subTest(path=path):
                self.assertEqual(r.status, 303)
                self.assertEqual(r.header("Location"), "/login?next=" + urllib.parse.quote(path, safe="/"))


if __name__ == "__main__":
    ARGS, rest = ks.parse_args()
    unittest.main(argv=rest, verbosity=2)
