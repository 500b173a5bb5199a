#!/usr/bin/python3
"""Continuous listening (issue 4), end to end: a real `klantstem serve` on 127.0.0.1 with a real SMTP
server (tests/support/smtp_sink.py) catching the invitation mails and a local HTTP server standing in
for the SMS provider (sms_provider.py). Everything a customer meets is driven over HTTP: the mail or
SMS arrives, its links are followed, the survey pages are answered like a browser without JavaScript
answers them; what klantstem then shows through its API (and, for driver answers, its database) is
asserted.

Covers: e-mail and SMS invitations answered in two steps (one feedback item), SMS consent,
unsubscribing (the page and RFC 8058 one-click), survey fatigue, tampered/unknown/expired/reused
links, rejected form posts (nothing changes), the anonymous QR link and its flood protection.

Run: test_surveys.py --binary build/release/src/app/klantstem [--engine sqlite|postgres] [-k name]
PostgreSQL needs the `postgres` ctest fixture (KLANTSTEM_TEST_POSTGRES_URL_FILE).
"""
import concurrent.futures
import email
import email.policy
import glob
import html
import http.client
import os
import re
import secrets
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
import unittest
import urllib.parse
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
SUPPORT = os.path.join(HERE, "..", "support")
sys.path.insert(0, SUPPORT)
sys.path.insert(0, HERE)
import klantstem_server as ks  # noqa: E402
from sms_provider import SmsProvider  # noqa: E402

ARGS = None  # set in main
ORGANISATION = "Stroomlijn"
SMS_AUTH = "Bearer sms-test-key-7f3a"
TOKEN = r"[A-Za-z0-9_-]{22}"
HOUR_US = 3600 * 1000 * 1000

# No quiet hours (the tests run at any time of day); at most one invitation per customer per 30 days.
SETTINGS = {"name": ORGANISATION, "quiet_hours_start": "00:00", "quiet_hours_end": "00:00",
            "survey_fatigue_days": "30"}

SURVEY = {
    "name": "Na levering", "slug": "levering", "default_language": "nl", "scale": "nps",
    "question": {"nl": "Hoe waarschijnlijk is het dat u ons aanbeveelt?", "en": "How likely are you to recommend us?"},
    "open_question": {"unhappy": {"nl": "Wat ging er mis?", "en": "What went wrong?"}},
    "drivers": [{"key": "delivery", "max": 5, "label": {"nl": "Bezorging", "en": "Delivery"}},
                {"key": "friendliness", "max": 5, "label": {"nl": "Vriendelijkheid", "en": "Friendliness"}}],
    "choices": [{"key": "reason", "label": {"nl": "Waarom?", "en": "Why?"},
                 "options": [{"key": "price", "label": {"en": "Price"}},
                             {"key": "quality", "label": {"en": "Quality"}}]}],
    "triggers": [{"touchpoint": "delivery", "channel": "email", "delay_minutes": 0},
                 {"touchpoint": "support-call", "channel": "sms", "delay_minutes": 0}],
    "reminder_days": 0,
}


class Listening:
    """The setup every test shares: an SMTP sink, an SMS provider, a migrated database with the
    organisation settings, a server that sends through both, API keys, and the helpers to reach all
    of it (API calls, survey pages from any loopback address, mails, SQL). `close()` stops everything."""

    def __init__(self, binary, engine):
        self.engine = engine
        self.tmp = tempfile.mkdtemp(prefix="klantstem-surveys-")
        self.mail_dir = os.path.join(self.tmp, "mail")
        self.sink = self.sms = self.database = self.server = None
        self._mails = {}  # path -> parsed message
        try:
            self._start_mail_sink()
            self.sms = SmsProvider().start()
            self.database = ks.Database(engine, self.tmp)
            port = ks.free_port()
            self.base = "http://%s:%d" % (ks.HOST, port)
            self.server = ks.KlantstemServer(binary, self.database.url, self.tmp, env={
                "KLANTSTEM_SMTP_URL": "smtp://127.0.0.1:%d?from=klantstem@stroomlijn.example" % self.smtp_port,
                "KLANTSTEM_PUBLIC_URL": self.base,
                "KLANTSTEM_SMS_URL": self.sms.url,
                "KLANTSTEM_SMS_AUTH": SMS_AUTH})
            self.server.migrate()
            for key, value in SETTINGS.items():
                self.execute("INSERT INTO settings (key, value) VALUES ('%s', '%s') ON CONFLICT (key) DO UPDATE "
                             "SET value = excluded.value" % (key, value))
            self.admin = self.server.create_key("surveys admin", "admin")
            self.writer = self.server.create_key("touchpoints", "feedback:write")
            self.reader = self.server.create_key("reports", "feedback:read")
            self.server.start(port=port)
        except BaseException:
            self.close()
            raise

    def _start_mail_sink(self):
        port_file = os.path.join(self.tmp, "smtp.port")
        self.sink = subprocess.Popen(["/usr/bin/python3", os.path.join(SUPPORT, "smtp_sink.py"), "--port", "0",
                                      "--port-file", port_file, "--dir", self.mail_dir, "--max-seconds", "900"])
        deadline = time.monotonic() + 20
        while not os.path.exists(port_file):
            if self.sink.poll() is not None or time.monotonic() > deadline:
                raise AssertionError("the SMTP sink did not start")
            time.sleep(0.05)
        with open(port_file) as f:
            self.smtp_port = int(f.read().strip())

    def close(self):
        if self.server is not None:
            self.server.stop()
        if self.database is not None:
            self.database.cleanup()
        if self.sms is not None:
            self.sms.stop()
        if self.sink is not None and self.sink.poll() is None:
            self.sink.send_signal(signal.SIGTERM)
            try:
                self.sink.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.sink.kill()
                self.sink.wait()
        shutil.rmtree(self.tmp, ignore_errors=True)

    # ---- waiting
    def eventually(self, probe, what, timeout=20):
        """Polls `probe()` until it returns something truthy, which it returns; fails after `timeout`."""
        deadline = time.monotonic() + timeout
        while True:
            value = probe()
            if value:
                return value
            if time.monotonic() > deadline:
                raise AssertionError("%s: not within %ds\n%s" % (what, timeout, self.server.log_tail(30)))
            time.sleep(0.1)

    # ---- SQL (both engines; every value comes back as text, NULL as "")
    def rows(self, sql):
        if self.engine == "postgres":
            out = ks.psql(self.database.url, sql)
            return [tuple(line.split("|")) for line in out.splitlines() if line]
        with sqlite3.connect(self.database.path, timeout=30) as conn:
            result = conn.execute(sql).fetchall()
        conn.close()
        return [tuple("" if v is None else str(v) for v in row) for row in result]

    def execute(self, sql):
        self.rows(sql)

    def answers(self, feedback_id):
        """The driver and choice answers stored with a feedback item: {question: value}."""
        return dict(self.rows("SELECT question, value FROM feedback_answers WHERE feedback_id = %d" % feedback_id))

    # ---- API
    def api(self, method, path, body=None, key=None, expect=200):
        r = self.server.request(method, path, body=body, key=key or self.admin)
        if expect is not None and r.status != expect:
            raise AssertionError("%s %s: expected %d, got %r\n%s" % (method, path, expect, r, self.server.log_tail(20)))
        return r

    def create_survey(self, **overrides):
        r = self.api("POST", "/api/v1/surveys", dict(SURVEY, **overrides), expect=201)
        return r.json()

    def create_unit(self, code):
        self.api("POST", "/api/v1/units", {"code": code, "name": code.title(), "kind": "location"}, expect=201)

    def touchpoint(self, ref, kind, expect=201, unit=None, idempotency_key=None, **customer):
        person = {"external_ref": ref, "name": "Anna de Vries", "email": ref + "@example.nl",
                  "phone": "+316%08d" % (zlib.crc32(ref.encode()) % 10 ** 8), "language": "en",
                  "survey_channels": {"email": True, "sms": True}}
        person.update(customer)
        person = {k: v for k, v in person.items() if v is not None}
        body = {"customer": person, "type": kind}
        if unit:
            body["unit"] = unit
        if idempotency_key:
            body["idempotency_key"] = idempotency_key
        return self.api("POST", "/api/v1/touchpoints", body, key=self.writer, expect=expect).json()

    def customer(self, ref):
        return self.api("GET", "/api/v1/customers/" + urllib.parse.quote(ref), key=self.reader).json()

    def invitations(self, ref):
        """The customer's invitations, oldest first."""
        items = self.api("GET", "/api/v1/invitations?customer=" + urllib.parse.quote(ref), key=self.reader).json()
        return sorted(items["items"], key=lambda i: i["id"])

    def handled_invitations(self, ref, count):
        """Waits until the customer has `count` invitations, none still scheduled; returns them."""
        def probe():
            items = self.invitations(ref)
            return items if len(items) == count and all(i["state"] != "scheduled" for i in items) else None
        return self.eventually(probe, "%d handled invitations for %s" % (count, ref))

    def feedback(self, **query):
        r = self.api("GET", "/api/v1/feedback?" + urllib.parse.urlencode(dict(query, limit=100)), key=self.reader)
        return r.json()["items"]

    def report(self, unit, channel):
        """Sums the response report's rows of survey `levering` for one unit and channel."""
        doc = self.api("GET", "/api/v1/invitations/report?survey=levering", key=self.reader).json()
        total = {}
        for row in doc["items"]:
            if row["unit"] == unit and row["channel"] == channel:
                for field in ("invited", "scheduled", "sent", "delivered", "opened", "answered", "skipped", "failed"):
                    total[field] = total.get(field, 0) + row[field]
                total["response_rate"] = row["response_rate"]
        return total

    # ---- mail
    def mails_to(self, address):
        out = []
        for path in sorted(glob.glob(os.path.join(self.mail_dir, "*.eml"))):
            if path not in self._mails:
                with open(path, "rb") as f:
                    self._mails[path] = email.message_from_bytes(f.read(), policy=email.policy.default)
            mail = self._mails[path]
            if any(a.addr_spec == address for a in mail["To"].addresses):
                out.append(mail)
        return out

    def wait_for_mail(self, address):
        return self.eventually(lambda: (self.mails_to(address) or [None])[0], "a mail to " + address)

    # ---- pages, as a browser on `source` (any 127.x.y.z address is this machine) sees them
    def page(self, method, target, form=None, raw=None, origin=True, source="127.0.0.1", language="en",
             headers=None):
        """GET or POST a public page. `target`: a path or a full link (which must point at this server).
        `form`: fields (dict or pairs) sent URL-encoded; `raw`: the body as bytes. `origin`: True for our own
        origin, a string for another, False for none."""
        if target.startswith("http"):
            assert target.startswith(self.base + "/"), "link %s does not point at %s" % (target, self.base)
            target = target[len(self.base):]
        hdrs = {"Accept-Language": language} if language else {}
        body = None
        if form is not None or raw is not None:
            body = raw if raw is not None else urllib.parse.urlencode(form).encode()
            hdrs["Content-Type"] = "application/x-www-form-urlencoded"
            if origin:
                hdrs["Origin"] = self.base if origin is True else origin
        hdrs.update(headers or {})
        conn = http.client.HTTPConnection(ks.HOST, self.server.port, timeout=30, source_address=(source, 0))
        try:
            conn.request(method, target, body=body, headers=hdrs)
            resp = conn.getresponse()
            return ks.Response(resp.status, {k.lower(): v for k, v in resp.getheaders()}, resp.read())
        finally:
            conn.close()

    # ---- a customer with a fresh invitation mail
    def invited_by_mail(self, ref, **customer):
        """Records a delivery for `ref`, waits for the mail; returns (mail, token, invitation id)."""
        self.touchpoint(ref, "delivery", **customer)
        mail = self.wait_for_mail(ref + "@example.nl")
        token = re.fullmatch(r"<%s/u/(%s)>" % (re.escape(self.base), TOKEN), mail["List-Unsubscribe"]).group(1)
        return mail, token, self.invitations(ref)[-1]["id"]


class ContinuousListeningTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.s = Listening(ARGS.binary, ARGS.engine)
        cls.survey = cls.s.create_survey()

    @classmethod
    def tearDownClass(cls):
        cls.s.close()

    def tearDown(self):
        self.assertTrue(self.s.server.alive(), "klantstem serve died\n" + self.s.server.log_tail())

    def assertPage(self, r, status, *texts):
        """An HTML page with `status` that shows each of `texts` (compared with the page's entities decoded)."""
        self.assertEqual(r.status, status, r)
        self.assertTrue(r.headers.get("content-type", "").startswith("text/html"), r.headers)
        page = html.unescape(r.text)
        for text in texts:
            self.assertIn(text, page)

    def only_item(self, ref):
        items = self.s.feedback(customer=ref)
        self.assertEqual(len(items), 1, items)
        return items[0]

    # ---- 1. e-mail
    def test_an_email_invitation_is_answered_in_two_steps_into_one_feedback_item(self):
        s = self.s
        self.assertEqual((self.survey["slug"], self.survey["version"]), ("levering", 1))
        s.create_unit("mail-e2e")
        recorded = s.touchpoint("mail-anna", "delivery", unit="mail-e2e")
        self.assertTrue(recorded["created"])
        self.assertEqual([(i["survey"], i["channel"]) for i in recorded["invitations"]], [("levering", "email")])

        mail = s.wait_for_mail("mail-anna@example.nl")
        self.assertEqual(mail["Subject"], ORGANISATION + " would like your opinion")  # the customer's language
        self.assertEqual(mail["To"].addresses[0].display_name, "Anna de Vries")
        self.assertEqual(mail["List-Unsubscribe-Post"], "List-Unsubscribe=One-Click")
        m = re.fullmatch(r"<%s/u/(%s)>" % (re.escape(s.base), TOKEN), mail["List-Unsubscribe"])
        self.assertIsNotNone(m, mail["List-Unsubscribe"])
        token = m.group(1)
        plain = mail.get_body(("plain",)).get_content()
        rich = html.unescape(mail.get_body(("html",)).get_content())
        self.assertIn("Dear Anna de Vries,", plain)
        self.assertIn("How likely are you to recommend us?", plain)
        self.assertIn('lang="en"', rich)
        for part in (plain, rich):
            for score in range(11):
                self.assertIn("%s/s/%s?score=%d" % (s.base, token, score), part)
            self.assertIn("%s/u/%s" % (s.base, token), part)

        # The customer clicks 3 in the mail: the score counts at once.
        link = re.search(r"(http://\S+/s/%s\?score=3)(?!\d)" % token, plain).group(1)
        step_two = s.page("GET", link)
        self.assertPage(step_two, 200, "What went wrong?", 'name="consent" value="yes"', 'name="consent" value="no"')
        for driver in ("delivery", "friendliness"):
            for value in range(1, 6):
                self.assertIn('name="d_%s" value="%d"' % (driver, value), step_two.text)
        item = self.only_item("mail-anna")
        self.assertEqual((item["source"], item["channel"], item["language"], item["unit"]),
                         ("survey", "email", "en", "mail-e2e"))
        self.assertEqual((item["score"]["value"], item["score"]["scale"]), (3, "nps"))
        self.assertEqual(item["customer"]["external_ref"], "mail-anna")
        [invitation] = s.invitations("mail-anna")
        self.assertEqual(invitation["state"], "answered")
        self.assertIsNotNone(invitation["opened_at"])

        # Then the second step on the page: the same item gets the rest.
        thanks = s.page("POST", link.split("?")[0], {"step": "details", "score": "4",
                                                     "text": "The parcel came two hours late.", "d_delivery": "2",
                                                     "d_friendliness": "5", "consent": "yes"})
        self.assertPage(thanks, 200, "We are sorry it did not go well")
        after = self.only_item("mail-anna")
        self.assertEqual(after["id"], item["id"])
        self.assertEqual(after["score"]["value"], 4)
        self.assertEqual(after["text"], "The parcel came two hours late.")
        # The open answer is analysed like any feedback text (the score alone had no text to analyse).
        self.assertIsNone(item["analysis"])
        self.assertEqual(after["analysis"]["language"], "en")
        self.assertIn("delivery", [t["key"] for t in after["analysis"]["topics"]])
        self.assertEqual(s.answers(item["id"]), {"delivery": "2", "friendliness": "5"})
        self.assertEqual(s.invitations("mail-anna")[0]["state"], "answered")
        self.assertIs(s.customer("mail-anna")["consent_contact"], True)
        want = {"invited": 1, "scheduled": 0, "sent": 1, "delivered": 1, "opened": 1, "answered": 1, "skipped": 0,
                "failed": 0, "response_rate": 1.0}
        s.eventually(lambda: s.report("mail-e2e", "email") == want, "report %r" % want)

    # ---- 2. SMS
    def test_an_sms_invitation_goes_through_the_provider_and_is_answered(self):
        s = self.s
        s.create_unit("sms-e2e")
        phone = "+31612345002"
        recorded = s.touchpoint("sms-bram", "support-call", unit="sms-e2e", phone=phone, name="Bram Jansen")
        self.assertEqual([(i["survey"], i["channel"]) for i in recorded["invitations"]], [("levering", "sms")])

        sms = s.sms.wait_for(phone)
        self.assertEqual((sms.method, sms.path), ("POST", "/send"))
        self.assertEqual(sms.headers.get("authorization"), SMS_AUTH)
        self.assertTrue(sms.headers.get("content-type", "").startswith("application/json"), sms.headers)
        body = sms.json()
        self.assertEqual(set(body), {"to", "text"})
        self.assertEqual(body["to"], phone)
        m = re.fullmatch(r"%s would like to know how it went: (\S+/s/(%s)) \(stop: (\S+)/u/(%s)\)"
                         % (ORGANISATION, TOKEN, TOKEN), body["text"])
        self.assertIsNotNone(m, body["text"])
        link, token = m.group(1), m.group(2)
        self.assertEqual(m.group(4), token)
        self.assertEqual(m.group(3), s.base)

        step_one = s.page("GET", link)
        self.assertPage(step_one, 200, "How likely are you to recommend us?")
        for score in range(11):
            self.assertIn('<button type="submit" name="score" value="%d"' % score, step_one.text)
        step_two = s.page("POST", link, {"score": "9"})
        self.assertPage(step_two, 200, "What did we do well?", 'name="step" value="details"')
        item = self.only_item("sms-bram")
        self.assertEqual((item["channel"], item["score"]["value"], item["unit"]), ("sms", 9, "sms-e2e"))
        thanks = s.page("POST", link, {"step": "details", "score": "9", "text": "Quick and friendly help.",
                                       "d_friendliness": "5"})
        self.assertPage(thanks, 200, "We are glad you are happy")
        after = self.only_item("sms-bram")
        self.assertEqual((after["id"], after["text"], after["score"]["value"]),
                         (item["id"], "Quick and friendly help.", 9))
        self.assertEqual(s.answers(item["id"]), {"friendliness": "5"})
        self.assertEqual(s.invitations("sms-bram")[0]["state"], "answered")
        want = {"invited": 1, "scheduled": 0, "sent": 1, "delivered": 1, "opened": 1, "answered": 1, "skipped": 0,
                "failed": 0, "response_rate": 1.0}
        s.eventually(lambda: s.report("sms-e2e", "sms") == want, "report %r" % want)

    def test_no_sms_without_consent_or_phone_number(self):
        cases = [  # (what, customer fields, skip reason)
            ("never asked", {"survey_channels": {"email": True}}, "no_consent"),
            ("refused", {"survey_channels": {"email": True, "sms": False}}, "no_consent"),
            ("no phone number", {"phone": None}, "no_address"),
        ]
        for i, (what, customer, reason) in enumerate(cases):
            with self.subTest(what):
                ref = "sms-skip-%d" % i
                phone = "+3161234510%d" % i
                self.s.touchpoint(ref, "support-call", **dict({"phone": phone}, **customer))
                [invitation] = self.s.handled_invitations(ref, 1)
                self.assertEqual((invitation["channel"], invitation["state"], invitation["skip_reason"]),
                                 ("sms", "skipped", reason))
                self.assertIsNone(invitation["sent_at"])
                self.assertEqual(self.s.sms.messages_to(phone), [])
        # Every skip is counted in /metrics by its reason.
        metrics = self.s.server.request("GET", "/metrics").text
        for reason in ("no_consent", "no_address"):
            m = re.search(r'klantstem_invitations_total\{outcome="skipped",reason="%s"\} (\d+)' % reason, metrics)
            self.assertIsNotNone(m, metrics)
            self.assertGreaterEqual(int(m.group(1)), 1)

    # ---- 3. unsubscribe
    def test_unsubscribing_from_the_mail_stops_every_later_invitation(self):
        s = self.s
        cases = [  # (what, body, origin): the page's button in a browser, and a mail client's RFC 8058 POST
            ("the page's button", b"", True),
            ("one-click from the mail client", b"List-Unsubscribe=One-Click", False),
        ]
        for i, (what, body, origin) in enumerate(cases):
            with self.subTest(what):
                ref = "unsub-%d" % i
                mail, token, _ = s.invited_by_mail(ref)
                link = "%s/u/%s" % (s.base, token)
                self.assertIn(link, mail.get_body(("plain",)).get_content())
                page = s.page("GET", link)
                self.assertPage(page, 200, '<form method="post" action="/u/%s">' % token, "Unsubscribe")
                self.assertEqual(page.text.count("<button"), 1)
                self.assertIsNone(s.customer(ref)["opted_out_at"], "a GET (a link scanner) must not unsubscribe")

                done = s.page("POST", link, raw=body, origin=origin)
                self.assertPage(done, 200, "You are unsubscribed")
                opted_out_at = s.customer(ref)["opted_out_at"]
                self.assertIsNotNone(opted_out_at)
                self.assertPage(s.page("POST", link, raw=body, origin=origin), 200, "You are unsubscribed")
                self.assertEqual(s.customer(ref)["opted_out_at"], opted_out_at)

                s.touchpoint(ref, "delivery")
                first, second = s.handled_invitations(ref, 2)
                self.assertEqual(first["state"], "sent")
                self.assertEqual((second["state"], second["skip_reason"]), ("skipped", "opted_out"))
                time.sleep(3)
                self.assertEqual(len(s.mails_to(ref + "@example.nl")), 1)

    # ---- 4. fatigue
    def test_a_second_touchpoint_within_the_fatigue_period_sends_nothing(self):
        s = self.s
        ref = "fatigue-dirk"
        s.touchpoint(ref, "delivery", idempotency_key="fatigue-dirk-1")
        s.wait_for_mail(ref + "@example.nl")
        s.handled_invitations(ref, 1)
        s.touchpoint(ref, "delivery", idempotency_key="fatigue-dirk-2")
        first, second = s.handled_invitations(ref, 2)
        self.assertEqual(first["state"], "sent")
        self.assertEqual((second["state"], second["skip_reason"]), ("skipped", "fatigue"))
        # The same touchpoint again (a retry by the caller) records nothing new.
        again = s.touchpoint(ref, "delivery", idempotency_key="fatigue-dirk-2", expect=200)
        self.assertFalse(again["created"])
        self.assertEqual(again["invitations"], [])
        time.sleep(3)
        self.assertEqual(len(s.invitations(ref)), 2)
        self.assertEqual(len(s.mails_to(ref + "@example.nl")), 1)

    def test_fatigue_holds_for_invitations_that_fall_due_together(self):
        # Two surveys after a shop visit: the customer gets one invitation, not two at once.
        s = self.s
        for slug in ("bezoek-a", "bezoek-b"):
            s.create_survey(slug=slug, name="Na bezoek " + slug[-1],
                            triggers=[{"touchpoint": "visit", "channel": "email", "delay_minutes": 0}])
        ref = "fatigue-eva"
        recorded = s.touchpoint(ref, "visit")
        self.assertEqual(sorted(i["survey"] for i in recorded["invitations"]), ["bezoek-a", "bezoek-b"])
        invitations = s.handled_invitations(ref, 2)
        self.assertEqual(sorted((i["state"], i["skip_reason"] or "") for i in invitations),
                         [("sent", ""), ("skipped", "fatigue")], invitations)
        time.sleep(3)
        self.assertEqual(len(s.mails_to(ref + "@example.nl")), 1)

    # ---- 5. links
    def test_one_reminder_goes_out_when_the_invitation_is_not_answered(self):
        s = self.s
        s.create_survey(name="Na een bezoek", slug="herinnering", reminder_days=2,
                        triggers=[{"touchpoint": "reminder-visit", "channel": "email", "delay_minutes": 0}])
        s.touchpoint("remind-rob", "reminder-visit")
        first = s.wait_for_mail("remind-rob@example.nl")
        # Two days pass without an answer (the reminder falls due).
        s.execute("UPDATE invitations SET reminder_due_at = 1 WHERE customer_id = "
                  "(SELECT id FROM customers WHERE external_ref = 'remind-rob')")
        second = s.eventually(lambda: (s.mails_to("remind-rob@example.nl")[1:] or [None])[0], "a reminder")
        self.assertEqual(second["Subject"], "Reminder: " + first["Subject"])
        token = re.search(r"/u/(%s)>" % TOKEN, second["List-Unsubscribe"]).group(1)
        self.assertNotIn(token, first["List-Unsubscribe"])  # a link of its own; the first one keeps working
        self.assertPage(s.page("GET", "/s/" + token), 200, "How likely are you to recommend us?")
        time.sleep(2.5)  # one reminder only
        self.assertEqual(len(s.mails_to("remind-rob@example.nl")), 2)

    def test_an_embedded_survey_may_be_framed_only_by_its_sites(self):
        s = self.s
        s.create_survey(name="Op de website", slug="website", embed_origins=["https://www.example.com"], triggers=[])
        framed = s.page("GET", "/f/website?embed=1")
        self.assertPage(framed, 200, "How likely are you to recommend us?")
        self.assertIn("frame-ancestors https://www.example.com", framed.headers["content-security-policy"])
        self.assertNotIn("x-frame-options", framed.headers)
        self.assertIn('action="/f/website?embed=1"', html.unescape(framed.text))
        plain = s.page("GET", "/f/website")
        self.assertIn("frame-ancestors 'none'", plain.headers["content-security-policy"])
        self.assertEqual(plain.headers["x-frame-options"], "DENY")

    def test_editing_an_answered_survey_makes_a_new_version_and_old_answers_keep_theirs(self):
        s = self.s
        s.create_survey(name="Versies", slug="versies", triggers=[{"touchpoint": "version-visit", "channel": "email"}])
        s.touchpoint("version-vera", "version-visit")
        mail = s.wait_for_mail("version-vera@example.nl")
        token = re.search(r"/u/(%s)>" % TOKEN, mail["List-Unsubscribe"]).group(1)
        self.assertEqual(s.page("GET", "/s/%s?score=9" % token).status, 200)
        changed = dict(SURVEY, name="Versies", slug="versies", triggers=[],
                       question={"nl": "Hoe tevreden bent u?", "en": "How satisfied are you?"})
        updated = s.api("PUT", "/api/v1/surveys/versies", changed).json()
        self.assertEqual(updated["version"], 2)
        self.assertEqual(updated["question"]["en"], "How satisfied are you?")
        [item] = s.feedback(customer="version-vera")
        self.assertEqual(s.rows("SELECT survey_version FROM feedback WHERE id = %d" % item["id"]), [("1",)])
        # The customer's link still shows the questions they were asked.
        self.assertPage(s.page("GET", "/s/" + token), 200, "How likely are you to recommend us?")
        # Editing again, with no answers to version 2 yet, changes version 2 itself.
        self.assertEqual(s.api("PUT", "/api/v1/surveys/versies", dict(changed, name="Versies 2")).json()["version"], 2)

    def test_tampered_and_unknown_links_get_a_friendly_404(self):
        s = self.s
        ref = "token-femke"
        _, token, _ = s.invited_by_mail(ref)
        tampered = token[:10] + ("B" if token[10] == "A" else "A") + token[11:]
        cases = [  # (what, method, target, form)
            ("tampered", "GET", "/s/" + tampered, None),
            ("tampered score link", "GET", "/s/%s?score=5" % tampered, None),
            ("tampered, posted", "POST", "/s/" + tampered, {"score": "5"}),
            ("tampered, details posted", "POST", "/s/" + tampered, {"step": "details", "score": "5", "text": "x"}),
            ("unknown", "GET", "/s/" + secrets.token_urlsafe(16), None),
            ("too short", "GET", "/s/" + token[:21], None),
            ("too long", "GET", "/s/" + token + "x", None),
            ("tampered unsubscribe link", "GET", "/u/" + tampered, None),
            ("tampered unsubscribe, posted", "POST", "/u/" + tampered, {"List-Unsubscribe": "One-Click"}),
        ]
        for what, method, target, form in cases:
            with self.subTest(what):
                self.assertPage(s.page(method, target, form), 404, "We do not recognise this link")
        self.assertPage(s.page("GET", "/s/" + tampered, language=None), 404, "Deze link kennen we niet")
        self.assertEqual(s.feedback(customer=ref), [])
        self.assertIsNone(s.customer(ref)["opted_out_at"])
        self.assertEqual(s.invitations(ref)[0]["state"], "sent")

    def test_an_expired_link_says_so_and_stores_nothing(self):
        s = self.s
        ref = "token-gijs"
        _, token, invitation_id = s.invited_by_mail(ref)
        past = int(time.time() * 1e6) - HOUR_US
        s.execute("UPDATE invitations SET expires_at = %d WHERE id = %d" % (past, invitation_id))
        link = "/s/" + token
        for method, target, form in [("GET", link, None), ("GET", link + "?score=5", None),
                                     ("POST", link, {"score": "5"}),
                                     ("POST", link, {"step": "details", "score": "5", "text": "Too late?"})]:
            with self.subTest(method=method, target=target, form=form):
                self.assertPage(s.page(method, target, form), 410, "This link has expired")
        self.assertEqual(s.feedback(customer=ref), [])
        [invitation] = s.invitations(ref)
        self.assertEqual(invitation["state"], "sent")
        self.assertIsNone(invitation["answered_at"])

    def test_a_link_answers_again_for_a_day_then_keeps_the_answer(self):
        s = self.s
        ref = "token-hanna"
        _, token, invitation_id = s.invited_by_mail(ref)
        link = "/s/" + token
        self.assertPage(s.page("GET", link + "?score=7"), 200, "What could we do better?")
        first = self.only_item(ref)
        self.assertPage(s.page("POST", link, {"step": "details", "score": "7", "text": "First thoughts.",
                                              "d_delivery": "3"}), 200, "Thank you for your answer.")
        # Back in the browser, a changed answer within 24 hours updates the same item.
        self.assertPage(s.page("POST", link, {"step": "details", "score": "8", "text": "Second thoughts.",
                                              "d_delivery": "4", "c_reason": "quality"}), 200)
        item = self.only_item(ref)
        self.assertEqual((item["id"], item["score"]["value"], item["text"]), (first["id"], 8, "Second thoughts."))
        self.assertEqual(s.answers(item["id"]), {"delivery": "4", "reason": "quality"})

        s.execute("UPDATE invitations SET answered_at = answered_at - %d WHERE id = %d" % (25 * HOUR_US, invitation_id))
        # A node keeps what it knows of a link for up to 5 s (as other nodes would see this change).
        time.sleep(5.5)
        for method, target, form in [("GET", link, None), ("GET", link + "?score=2", None),
                                     ("POST", link, {"score": "2"}),
                                     ("POST", link, {"step": "details", "score": "2", "text": "Third thoughts."})]:
            with self.subTest(method=method, target=target, form=form):
                self.assertPage(s.page(method, target, form), 200, "You have already answered this survey")
        after = self.only_item(ref)
        self.assertEqual((after["score"]["value"], after["text"]), (8, "Second thoughts."))
        self.assertEqual(s.answers(item["id"]), {"delivery": "4", "reason": "quality"})

    # ---- 6. bad posts
    def test_bad_answers_are_refused_and_change_nothing(self):
        s = self.s
        ref = "bad-ivo"
        _, token, _ = s.invited_by_mail(ref)
        link = "/s/" + token
        good = {"step": "details", "score": "6", "text": "Original answer.", "d_delivery": "3", "c_reason": "price",
                "consent": "no"}
        self.assertPage(s.page("POST", link, good), 200)
        before = self.only_item(ref)
        stored = s.answers(before["id"])
        self.assertEqual(stored, {"delivery": "3", "reason": "price"})

        def unchanged(what):
            item = self.only_item(ref)
            self.assertEqual((item["id"], item["score"]["value"], item["text"]),
                             (before["id"], 6, "Original answer."), what)
            self.assertEqual(s.answers(before["id"]), stored, what)

        details = dict(good, text="Changed answer.")
        cases = [  # (what, method, target, form, status)
            ("score above the scale", "POST", link, {"score": "11"}, 400),
            ("negative score", "POST", link, {"score": "-1"}, 400),
            ("score not a number", "POST", link, {"score": "abc"}, 400),
            ("score with decimals", "POST", link, {"score": "6.5"}, 400),
            ("no score", "POST", link, {"step": "details", "text": "Changed answer."}, 400),
            ("score above the scale on step two", "POST", link, dict(details, score="11"), 400),
            ("driver above its range", "POST", link, dict(details, d_delivery="9"), 400),
            ("driver zero", "POST", link, dict(details, d_delivery="0"), 400),
            ("driver not a number", "POST", link, dict(details, d_friendliness="much"), 400),
            ("unknown choice", "POST", link, dict(details, c_reason="cheapness"), 400),
            ("consent neither yes nor no", "POST", link, dict(details, consent="maybe"), 400),
            ("text over 5000 characters", "POST", link, dict(details, text="x" * 5001), 400),
            ("score link above the scale", "GET", link + "?score=11", None, 400),
            ("score link not a number", "GET", link + "?score=abc", None, 400),
            ("empty score link", "GET", link + "?score=", None, 400),
        ]
        for what, method, target, form, status in cases:
            with self.subTest(what):
                r = s.page(method, target, form)
                self.assertPage(r, status, 'role="alert"', '<form method="post" action="%s">' % link)
                unchanged(what)

        with self.subTest("a form over 64 KB"):
            r = s.page("POST", link, dict(details, text="y" * (70 * 1024)))
            self.assertEqual(r.status, 413, r)
            unchanged("a form over 64 KB")
        for what, origin in [("another site", "http://evil.example"), ("a lookalike", s.base + ".evil.example")]:
            with self.subTest("posted from " + what):
                self.assertEqual(s.page("POST", link, details, origin=origin).status, 403)
                self.assertEqual(s.page("POST", link, {"score": "0"}, origin=origin).status, 403)
                unchanged("posted from " + what)
                r = s.page("POST", "/f/levering", {"score": "0"}, origin=origin, source="127.0.0.4")
                self.assertEqual(r.status, 403, r)

        # Broken percent-encoding: refused or read leniently, never a server error; still one item.
        malformed = [  # (body, statuses allowed)
            (b"score=%", {400}),
            (b"score=%ZZ", {400}),
            (b"score=%3", {400}),
            (b"score=%E0%A4", {400}),
            (b"%%%&&&===&score", {400}),
            (b"step=details&score=6&text=%E0%A4%A", {200, 400}),
            (b"step=details&score=6&text=caf\xff\xfe", {200, 400}),
            (b"step=details&score=%36&text=%&d_delivery=%", {200, 400}),
        ]
        for body, statuses in malformed:
            with self.subTest(body=body):
                r = s.page("POST", link, raw=body)
                self.assertIn(r.status, statuses, r)
                self.assertTrue(s.server.alive())
        self.assertEqual(len(s.feedback(customer=ref)), 1)

    # ---- 7. the anonymous link
    def test_the_anonymous_qr_link_records_one_item_in_two_steps(self):
        s = self.s
        s.create_unit("winkel-qr")
        visitor = "127.0.0.3"
        step_one = s.page("GET", "/f/levering?unit=winkel-qr&channel=qr", source=visitor)
        self.assertPage(step_one, 200, "How likely are you to recommend us?",
                        '<form method="post" action="/f/levering?unit=winkel-qr&channel=qr">')
        k = re.search(r'<input type="hidden" name="k" value="(%s)">' % TOKEN, step_one.text).group(1)
        action = "/f/levering?unit=winkel-qr&channel=qr"
        step_two = s.page("POST", action, {"k": k, "score": "8"}, source=visitor)
        self.assertPage(step_two, 200, "What could we do better?", 'name="k" value="%s"' % k)
        self.assertNotIn('name="consent"', step_two.text)  # nobody to contact
        thanks = s.page("POST", action, {"step": "details", "k": k, "score": "8", "text": "More parking, please.",
                                         "d_delivery": "4"}, source=visitor)
        self.assertPage(thanks, 200, "Thank you for your answer.")
        [item] = s.feedback(unit="winkel-qr")
        self.assertEqual((item["source"], item["channel"], item["customer"], item["score"]["value"], item["text"],
                          item["language"]), ("survey", "qr", None, 8, "More parking, please.", "en"))
        self.assertEqual(s.answers(item["id"]), {"delivery": "4"})

    def test_a_flood_on_the_anonymous_link_is_throttled_per_address_and_loses_nothing(self):
        s = self.s
        survey_id = s.create_survey(slug="flood", name="Flood", triggers=[])["id"]
        statuses = {"127.0.0.1": [], "127.0.0.2": []}
        throttled_pages = []

        def post(source):
            r = s.page("POST", "/f/flood?channel=qr", {"score": "9"}, source=source)
            if r.status == 429:
                throttled_pages.append(r)
            return r.status

        def other_visitor():
            for _ in range(10):
                statuses["127.0.0.2"].append(post("127.0.0.2"))
                time.sleep(0.05)

        neighbour = threading.Thread(target=other_visitor)
        neighbour.start()
        with concurrent.futures.ThreadPoolExecutor(max_workers=8) as pool:
            statuses["127.0.0.1"] = list(pool.map(lambda _: post("127.0.0.1"), range(60)))
        neighbour.join()

        flood = statuses["127.0.0.1"]
        self.assertLessEqual(set(flood), {200, 429}, flood)
        self.assertGreaterEqual(flood.count(200), 20, flood)  # the burst is honoured
        self.assertGreater(flood.count(429), 0, flood)
        self.assertEqual(statuses["127.0.0.2"], [200] * 10)
        self.assertPage(throttled_pages[0], 429, "Please wait a moment")
        acknowledged = flood.count(200) + statuses["127.0.0.2"].count(200)
        [(stored,)] = s.rows("SELECT COUNT(*) FROM feedback WHERE survey_id = %d AND source = 'survey' AND "
                             "customer_id IS NULL AND channel IN ('web', 'qr')" % survey_id)
        self.assertEqual(int(stored), acknowledged)


if __name__ == "__main__":
    ARGS, rest = ks.parse_args()
    unittest.main(argv=rest, verbosity=2)
