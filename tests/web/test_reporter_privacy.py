#!/usr/bin/python3
"""Reporter privacy (issue 8 §2), end to end on a real `klantstem serve` with demo data on 127.0.0.1, a real
SMTP server (tests/support/smtp_sink.py) and a webhook receiver on loopback.

An employee with a distinctive name files a report (/report, as a browser would) about a known customer,
with words of cancellation so that the built-in rules open a case: the case's mail goes to the unit's
manager and its case.opened webhook to the receiver. The reporter (name, e-mail, user id) is then looked
for on every path that shows the item, for every role:

  * pages: the item page, the inbox, the inbox searched by the report's words and by the reporter's name,
    the search suggestions, the customer page, the case page, the case list, every analytics page and its
    CSV download, and every drill-down from the analytics pages to the inbox;
  * the JSON API (the item, the lists, the customer, the case) and the CLI export (JSON Lines and CSV),
    which have no viewer role: never the reporter;
  * the mails and webhooks: never the reporter, and no reporter line other than the neutral one.

Roles: the reporter, admin, coordinator, executive, the manager of the reporter's unit, a manager of
another unit, and a colleague (employee). Only the reporter, coordinators and admins see the name; the
others see "Gemeld door een collega", or not the item at all where they may not see it. The checks are
table-driven: ROWS holds (path, role, expected).

Run: test_reporter_privacy.py --binary build/release/src/app/klantstem [--engine sqlite|postgres]
"""
import html
import http.server
import json
import os
import re
import sqlite3
import sys
import threading
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
SUPPORT = os.path.join(HERE, "..", "support")
sys.path.insert(0, SUPPORT)
sys.path.insert(0, HERE)
import klantstem_server as ks  # noqa: E402
import test_report_e2e as report_e2e  # noqa: E402  (its helpers; its test class is not collected here)
from demo_site import DemoSiteTest, EmployeeReports, main  # noqa: E402
from web_client import PASSWORD  # noqa: E402

WAIT = 30  # seconds for the rule runner, the outbox and the webhook sender

# The reporter: a name that appears nowhere in the demo data.
REPORTER_EMAIL = "quirijn.zwaluwstaart@stroomlijn.example"
REPORTER_NAME = "Quirijn Zwaluwstaart"
REPORTER_UNIT = "utrecht-centrum"
# One user of every role (demo users; see src/demo/demo_users.h), and the reporter.
USERS = {
    "reporter": REPORTER_EMAIL,
    "admin": report_e2e.ADMIN,
    "coordinator": report_e2e.COORDINATOR,
    "executive": "directie@stroomlijn.example",
    "manager": report_e2e.MANAGER,  # manager of the reporter's unit: owns the case
    "other_manager": "manager.klantenservice@stroomlijn.example",  # may not see the unit's feedback
    "employee": report_e2e.OTHER_EMPLOYEE,
}
ROLES = list(USERS)
CASE_OWNER = report_e2e.MANAGER

CUSTOMER = {"external_ref": "privacy-e2e-klant", "name": "Mevrouw Korenbloem-Tulpenhof",
            "email": "korenbloem@klant.example", "language": "nl", "consent_contact": True}
# A word found nowhere else (for the search), and "opzeggen" for the built-in cancellation rule.
MARKER = "pruimenboomgaard"
TEXT = ("De klant wil haar abonnement opzeggen: de %s bij de ingang staat al weken vol afval en "
        "niemand ruimt het op." % MARKER)
SHOWN = "staat al weken vol afval"  # how a page showing the item is recognised (a search box echoes MARKER)
# A report with a score, so that the analytics (which count scored answers) drill down to it: the /report
# form asks none, so it is posted through the API and its reporter set in the database, as a form or an
# import with a score would store it.
SCORED_TEXT = ("Volgens de klant duurde het afrekenen bij de zelfscankassa veel te lang, met een lichtkrant vol "
               "storingen.")
SCORED_SHOWN = "lichtkrant vol storingen"

# What a path shows of the item to a role.
NAMED = "named"  # the item with "Gemeld door <reporter>"
NEUTRAL = "neutral"  # the item with "Gemeld door een collega", the reporter nowhere
NOT_SHOWN = "not shown"  # not the item (a list without it, or 403/404), the reporter nowhere
NEVER = "never"  # a page that names no reporter at all (whether or not the item is on it)

NAMED_LINE = "Gemeld door " + REPORTER_NAME
NEUTRAL_LINE = "Gemeld door een collega"

# Who sees the item where it is listed in full: the reporter, coordinators and admins by name; the others
# neutrally; a manager of another unit not at all.
ITEM = {"reporter": NAMED, "admin": NAMED, "coordinator": NAMED, "executive": NEUTRAL, "manager": NEUTRAL,
        "other_manager": NOT_SHOWN, "employee": NEUTRAL}
# The case page: its owner (the unit's manager), admins, coordinators and executives; not employees.
CASE = dict(ITEM, reporter=NOT_SHOWN, employee=NOT_SHOWN)

# Paths with "{item}", "{case}", "{customer}" and "{marker}" filled in; every role on each.
ITEM_PATHS = ["/feedback/{item}", "/inbox", "/inbox?source=employee", "/inbox?q={marker}",
              "/inbox?unit=%s&source=employee" % REPORTER_UNIT, "/customers/{customer}", "/actions/{plan}"]
NEVER_PATHS = ["/inbox/suggestions?q={marker}", "/inbox/suggestions?q=zwaluw", "/inbox/suggestions?q=quirijn",
               "/cases", "/cases?state=new", "/report", "/report?sent={item}", "/analytics",
               "/analytics?source=employee", "/analytics?format=csv", "/analytics/outliers",
               "/analytics/outliers?dimension=source",
               "/analytics/outliers?dimension=unit&format=csv", "/analytics/words", "/analytics/words?format=csv",
               "/analytics/report", "/analytics/report?format=csv", "/analytics/competitors", "/analytics/drivers",
               "/client-seat", "/inbox/teams", "/inbox/teams?source=employee", "/actions", "/actions/feed",
               "/actions/lead-times", "/actions/lead-times?group=unit"]
ROWS = ([(path, role, ITEM[role]) for path in ITEM_PATHS for role in ROLES]
        + [("/cases/{case}", role, CASE[role]) for role in ROLES]
        + [("/cases/feedback/{item}", role, CASE[role]) for role in ROLES]
        # The search is over the customer's words, never the reporter's name: the item is not found by it.
        + [("/inbox?q=" + urllib.parse.quote(REPORTER_NAME), role, NOT_SHOWN) for role in ROLES]
        + [("/inbox?q=zwaluwstaart", role, NOT_SHOWN) for role in ROLES]
        + [(path, role, NEVER) for path in NEVER_PATHS for role in ROLES])
# The triage queue (coordinators and admins only, who see every reporter) holds the scored report, not yet
# triaged; the first one is linked to an action plan and has left it.
TRIAGERS = ("admin", "coordinator")

# The pages on which the analytics drill down to the inbox; every /inbox link on them is followed.
DRILL_DOWN_PAGES = ["/analytics", "/analytics?source=employee", "/analytics/outliers?dimension=source",
                    "/analytics/outliers?dimension=unit", "/analytics/words", "/analytics/report",
                    "/analytics/report?source=employee", "/analytics/competitors"]

REPORTER_LINE = re.compile(r'<(?:p|div) class="(?:meta )?reporter">([^<]*)</(?:p|div)>')
ITEM_CARD = re.compile(r'<li class="feedback-item">.*?</li>', re.S)
MAIN = re.compile(r'<main id="main"[^>]*>(.*)</main>', re.S)
SEARCH_FORM = re.compile(r'<form[^>]*role="search"[^>]*>.*?</form>', re.S)
TEAM_COUNTS_LINK = re.compile(r'<details[^>]*id="inbox-teams"[^>]*>')  # its hx-get repeats the filters
OPTION = re.compile(r"<option\b[^>]*>[^<]*</option>")


class WebhookReceiver:
    """An HTTP server on 127.0.0.1 that answers 204 to every POST and keeps (headers, body)."""

    def __init__(self):
        self.received = []
        self.lock = threading.Lock()
        receiver = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - the name http.server calls
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with receiver.lock:
                    receiver.received.append(({k.lower(): v for k, v in self.headers.items()}, body))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = http.server.ThreadingHTTPServer((ks.HOST, 0), Handler)
        self.url = "http://%s:%d/hooks/klantstem" % (ks.HOST, self.server.server_address[1])
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def events(self):
        with self.lock:
            return list(self.received)

    def close(self):
        self.server.shutdown()
        self.server.server_close()


class ReporterPrivacyTest(EmployeeReports, DemoSiteTest):
    maxDiff = 4000
    WITH_MAIL = True
    KEYS = {"key": "admin", "reader": "feedback:read"}
    hooks = None

    @classmethod
    def prepare(cls):
        cls.hooks = WebhookReceiver()
        cls.server.cli("user", "add", "--db", cls.db, "--email", REPORTER_EMAIL, "--name", REPORTER_NAME,
                       "--role", "employee", "--unit", REPORTER_UNIT, "--language", "nl", "--password-stdin",
                       input_text=PASSWORD + "\n")

    @classmethod
    def started(cls):
        r = cls.server.post("/api/v1/customers", CUSTOMER, key=cls.key)
        if r.status not in (200, 201):
            raise AssertionError("creating the customer: %r" % r)

    @classmethod
    def tearDownClass(cls):
        if cls.hooks is not None:
            cls.hooks.close()
        super().tearDownClass()

    # ---- the report, filed once for every test
    @classmethod
    def report(cls):
        """Files the report (the first time): the webhook endpoint is added first so that the case's
        case.opened goes to it; waits for the case. Returns the item id."""
        if getattr(cls, "item_id", None):
            return cls.item_id
        self = cls("run")  # an instance for the helpers (any existing method name will do)
        admin = self.client(USERS["admin"])
        form = admin.get("/admin/webhooks")
        r = admin.post_form("/admin/webhooks", {"_csrf": form.csrf(), "url": cls.hooks.url,
                                                "description": "privacy test", "event": "case.opened"})
        self.assertEqual(r.status, 201, r)
        reporter = self.client(REPORTER_EMAIL)
        cls.item_id = self.sent_id(self.submit(reporter, {"customer_name": "", "customer_ref": CUSTOMER["external_ref"],
                                                          "text": TEXT, "kind": "problem", "consent": "1"}))
        cls.case_id = self.eventually(lambda: self.case_of(cls.item_id), "a case for the report")
        r = cls.server.post("/api/v1/feedback", {"source": "employee", "channel": "employee", "unit": REPORTER_UNIT,
                                                 "score": {"value": 5, "scale": "nps"}, "text": SCORED_TEXT,
                                                 "language": "nl"}, key=cls.key)
        self.assertEqual(r.status, 201, r)
        cls.scored_id = r.json()["id"]
        self.sql("UPDATE feedback SET reported_by = %d WHERE id = %d" % (self.reporter_id(), cls.scored_id))
        # An action plan answering the report, decided: its page lists the item, and the customer's mail goes.
        r = cls.server.post("/api/v1/actions", {"title": "Afval bij de ingang", "feedback_ids": [cls.item_id]},
                            key=cls.key)
        self.assertEqual(r.status, 201, r)
        cls.plan_id = r.json()["id"]
        r = cls.server.post("/api/v1/actions/%d/decision" % cls.plan_id,
                            {"decision": "do", "reason": "Elke ochtend wordt de ingang schoongemaakt."}, key=cls.key)
        self.assertEqual(r.status, 200, r)
        return cls.item_id

    def setUp(self):
        self.report()
        self.item_id, self.case_id = type(self).item_id, type(self).case_id

    def eventually(self, probe, what, timeout=WAIT):
        deadline = time.monotonic() + timeout
        while True:
            value = probe()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError("%s: not within %ds\n%s" % (what, timeout, self.server.log_tail(30)))
            time.sleep(0.2)

    def case_of(self, item_id):
        r = self.server.get("/api/v1/cases", key=self.key, query={"limit": "1000"})
        self.assertEqual(r.status, 200, r)
        return next((k["id"] for k in r.json()["items"] if k["opening_feedback_id"] == item_id), None)

    def reporter_id(self):
        if not hasattr(type(self), "_reporter_id"):
            type(self)._reporter_id = int(self.sql("SELECT id FROM users WHERE email = '%s'" % REPORTER_EMAIL))
        return type(self)._reporter_id

    def sql(self, statement):
        """One statement on either engine; the first column of the first row as text ("" for none)."""
        if self.engine() == "postgres":
            out = ks.psql(self.db, statement).strip().splitlines()
            return out[0].split("|")[0] if out else ""
        conn = sqlite3.connect(self.database.path, timeout=30)
        try:
            row = conn.execute(statement).fetchone()
            conn.commit()
            return "" if row is None else str(row[0])
        finally:
            conn.close()

    # ---- what must never be there
    def identifiers(self):
        """Strings that name the reporter: name (also HTML-escaped and as parts), e-mail, and the user id in
        the forms the product writes it (an idempotency key "report:<id>:…", a user link)."""
        uid = self.reporter_id()
        return [REPORTER_NAME, html.escape(REPORTER_NAME), "Zwaluwstaart", "Quirijn", REPORTER_EMAIL,
                "quirijn.zwaluwstaart", "report:%d:" % uid, "/admin/users/%d\"" % uid]

    def assert_no_reporter(self, text, where):
        lower = text.lower()
        for s in self.identifiers():
            at = lower.find(s.lower())
            if at >= 0:
                self.fail("%s shows the reporter (%r): …%s…" % (where, s, text[max(0, at - 150):at + 150]))

    def assert_no_reporter_in_json(self, doc, where):
        self.assertFalse(report_e2e.REPORTER_KEYS & report_e2e.keys_anywhere(doc), "%s: %r" % (where, doc))
        self.assert_no_reporter(json.dumps(doc, ensure_ascii=False), where)

    def fill(self, path):
        return path.format(item=self.item_id, case=self.case_id, customer=CUSTOMER["external_ref"], marker=MARKER,
                           plan=self.plan_id)

    # ---- pages, every role
    @staticmethod
    def get(c, path):
        """GET as a browser would: a redirect within klantstem is followed."""
        for _ in range(3):
            page = c.get(path)
            location = page.header("Location") or ""
            if page.status not in (301, 302, 303, 307) or not location.startswith("/"):
                return page
            path = location
        return page

    @staticmethod
    def body_of(page):
        """What a page says about the item: its <main> (the header names the signed-in user, the reporter
        on their own pages), without the inbox's filter form and its team counts' link (they repeat what
        was searched for) and
        without the options of a choice (the case page's "hand over to" lists every user, the reporter
        among them, as a possible owner). A fragment or a CSV file is all body."""
        m = MAIN.search(page.text)
        body = m.group(1) if m else page.text
        return OPTION.sub("", TEAM_COUNTS_LINK.sub("", SEARCH_FORM.sub("", body)))

    def check_page(self, c, role, path, expected, shown=SHOWN):
        page = self.get(c, path)
        where = "%s as %s" % (path, role)
        self.assertLess(page.status, 500, "%s: %r" % (where, page))
        body = self.body_of(page)
        cards = self.item_cards(body, shown)
        if expected in (NAMED, NEUTRAL):
            self.assertEqual(page.status, 200, where)
            self.assertTrue(cards, "%s: the item is not shown\n%s" % (where, body[:3000]))
            want = NAMED_LINE if expected == NAMED else NEUTRAL_LINE
            for card in cards:
                lines = [html.unescape(x) for x in REPORTER_LINE.findall(card)]
                self.assertEqual(lines, [want], "%s: the reporter line\n%s" % (where, card))
            if expected == NEUTRAL:
                self.assert_no_reporter(body, where)
            else:
                # The name only on reporter lines (this item's, or another of the reporter's): nowhere else.
                self.assert_no_reporter(REPORTER_LINE.sub("", body), where + " (outside the reporter lines)")
        elif expected == NOT_SHOWN:
            self.assertEqual(cards, [], "%s: the item is shown" % where)
            self.assert_no_reporter(body, where)
        else:
            self.assertIn(page.status, (200, 403, 404), where)  # some pages are not for every role
            self.assert_no_reporter(body, where)
        return page

    def item_cards(self, body, shown=SHOWN):
        """The parts of a page that show the item: its card in a list, or the item page's own card."""
        cards = [c for c in ITEM_CARD.findall(body) if shown in c]
        if not cards and shown in body:
            cards = [body]  # the item page: one item, the whole body
        return cards

    def test_every_path_for_every_role(self):
        clients = {role: self.client(email) for role, email in USERS.items()}
        for path, role, expected in ROWS:
            with self.subTest(path=path, role=role, expected=expected):
                self.check_page(clients[role], role, self.fill(path), expected)
        for role in ROLES:
            with self.subTest(path="/actions/triage", role=role):
                if role in TRIAGERS:
                    body = html.unescape(self.body_of(self.get(clients[role], "/actions/triage")))
                    self.assertIn(SCORED_SHOWN, body)
                    self.assertIn(NAMED_LINE, body)
                    self.assertNotIn(SHOWN, body, "the linked report has left the queue")
                else:
                    self.check_page(clients[role], role, "/actions/triage", NOT_SHOWN)

    def test_the_analytics_drill_downs_to_the_inbox_never_name_the_reporter_where_they_may_not(self):
        reached = set()
        for role, address in USERS.items():
            c = self.client(address)
            links = set()
            for page in DRILL_DOWN_PAGES:
                body = self.body_of(self.check_page(c, role, page, NEVER)).replace("&#x2F;", "/")
                links |= {html.unescape(h) for h in re.findall(r'href="(/inbox[^"]*)"', body)}
            self.assertTrue(links, "no drill-down links for %s" % role)
            for link in sorted(links):
                with self.subTest(role=role, link=link):
                    page = self.get(c, link)
                    self.assertEqual(page.status, 200, link)
                    body = self.body_of(page)
                    if self.item_cards(body, SCORED_SHOWN):
                        # The report reached through a drill-down reads as it does in the inbox.
                        reached.add(role)
                        self.check_page(c, role, link, ITEM[role], SCORED_SHOWN)
                    elif self.item_cards(body):
                        self.check_page(c, role, link, ITEM[role])
                    else:
                        self.assert_no_reporter(body, "%s as %s" % (link, role))
        # Every role that sees the unit's feedback and the analytics reaches the scored report.
        self.assertTrue({"admin", "coordinator", "executive", "manager"} <= reached, reached)

    # ---- without a viewer: API, export, mails, webhooks
    def test_the_json_api_never_carries_the_reporter(self):
        item = self.item_id
        paths = ["/api/v1/feedback/%d" % item, "/api/v1/feedback?source=employee&limit=100",
                 "/api/v1/feedback?q=%s" % MARKER, "/api/v1/feedback?customer=%s" % CUSTOMER["external_ref"],
                 "/api/v1/customers/%s" % CUSTOMER["external_ref"], "/api/v1/cases/%d" % self.case_id,
                 "/api/v1/cases?limit=100", "/api/v1/cases/counts", "/api/v1/analytics/summary?source=employee",
                 "/api/v1/actions/%d" % self.plan_id, "/api/v1/actions", "/api/v1/actions/feed",
                 "/api/v1/actions/lead-times?group=unit"]
        for key_name, key in (("admin", self.key), ("feedback:read", self.reader)):
            for path in paths:
                with self.subTest(key=key_name, path=path):
                    r = self.server.get(path, key=key)
                    self.assertEqual(r.status, 200, r)
                    self.assert_no_reporter_in_json(r.json(), path)
        shown = self.server.get("/api/v1/feedback/%d" % item, key=self.key).json()
        self.assertEqual(shown["text"], TEXT, "the right item")

    def test_the_export_never_carries_the_reporter(self):
        for fmt in ("jsonl", "csv"):
            with self.subTest(format=fmt):
                out = self.server.cli("export", "--db", self.db, "--format", fmt).stdout
                self.assertIn(MARKER, out, "the report is exported")
                self.assert_no_reporter(out, "export --format " + fmt)
                if fmt == "jsonl":
                    for line in out.splitlines():
                        self.assert_no_reporter_in_json(json.loads(line), "export line")

    def mails(self):
        return self.sink.mails()

    def test_the_case_mail_never_names_the_reporter(self):
        link = "/cases/feedback/%d" % self.item_id

        def texts(mail):
            return [p.get_content() for p in mail.walk() if p.get_content_type().startswith("text/")]

        def opened_mail():
            return [m for m in self.mails() if any(a.addr_spec == CASE_OWNER for a in m["To"].addresses)
                    and any(link in t for t in texts(m))]

        mine = self.eventually(opened_mail, "the cases.opened mail to " + CASE_OWNER)
        self.assertEqual(len(mine), 1, [m["Subject"] for m in mine])
        for mail in self.mails():  # every mail sent, this one and any other
            parts = [str(mail["Subject"]), str(mail["To"]), str(mail["From"])]
            parts += [p.get_content() for p in mail.walk() if p.get_content_type().startswith("text/")]
            text = "\n".join(parts)
            with self.subTest(subject=str(mail["Subject"]), to=str(mail["To"])):
                self.assertFalse(any(a.addr_spec == REPORTER_EMAIL for a in mail["To"].addresses))
                self.assert_no_reporter(text, "the mail %r" % str(mail["Subject"]))
                # Where a mail describes who passed it on, it is the neutral wording.
                for said in re.findall(r"(?:Gemeld door|Reported by) [^\n<]*", html.unescape(text)):
                    self.assertIn(said, ("Gemeld door een collega", "Reported by a colleague"))
        body = "\n".join(p.get_content() for p in mine[0].walk() if p.get_content_type() == "text/plain")
        self.assertIn(MARKER, body, "the mail quotes the customer's words")

    def test_the_case_opened_webhook_never_names_the_reporter(self):
        def mine():
            found = []
            for headers, body in self.hooks.events():
                doc = json.loads(body)
                if doc.get("event") == "case.opened" and (doc["data"].get("feedback") or {}).get("id") == self.item_id:
                    found.append((headers, doc, body))
            return found

        received = self.eventually(mine, "the case.opened webhook")
        headers, doc, body = received[0]
        self.assertEqual(headers.get("x-klantstem-event"), "case.opened")
        self.assertEqual(doc["data"]["feedback"]["source"], "employee")
        for headers, body in self.hooks.events():  # every delivery
            text = body.decode("utf-8")
            with self.subTest(delivery=headers.get("x-klantstem-delivery")):
                self.assert_no_reporter_in_json(json.loads(text), "webhook")
                self.assertNotIn(MARKER, text, "no customer words in webhooks")
                self.assert_no_reporter("\n".join("%s: %s" % kv for kv in headers.items()), "webhook headers")


if __name__ == "__main__":
    main()
