#!/usr/bin/python3
"""Text analytics (issue 6), end to end: a real `klantstem serve` on 127.0.0.1. Feedback texts go in
through the API and come back with their language, sentiment, topics (each with its own sentiment) and
key phrases; the analytics summary filters and groups by them; an admin changes the topic taxonomy on
/admin/topics, tries it on a text, and stored feedback is re-analysed in the background (with progress)
while new feedback keeps coming in; a refused taxonomy changes nothing; the inbox search suggests key
phrases, only from feedback the viewer may see; `klantstem text reanalyze` re-analyses from the command
line.

Run: test_text_e2e.py --binary build/release/src/app/klantstem [--engine sqlite|postgres] [-k name]
PostgreSQL needs the `postgres` ctest fixture (KLANTSTEM_TEST_POSTGRES_URL_FILE).
"""
import html
import os
import re
import sys
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "support"))
sys.path.insert(0, os.path.join(HERE, "..", "web"))
import klantstem_server as ks  # noqa: E402
from web_client import WebClient  # noqa: E402

ARGS = None
ADMIN = "beheer@voorbeeld.example"
PASSWORD = "Tekst-analyse-2026"
MIXED_NL = "De bezorging was veel te laat, maar de chauffeur was erg vriendelijk."
MIXED_EN = "The delivery was very late but the driver was really friendly and helpful."
PARKING_NL = "Parkeren bij de winkel is een ramp, nergens een plekje te vinden."


def item(key, text, language=None, score=3):
    body = {"source": "complaint", "channel": "email", "received_at": "2026-11-02T10:00:00Z",
            "idempotency_key": key, "text": text}
    if language:
        body["language"] = language
    if score is not None:
        body["score"] = {"value": score, "scale": "nps"}
    return body


def topics_of(feedback):
    return {t["key"]: t["sentiment"] for t in feedback["analysis"]["topics"]}


class TextAnalysisEndToEnd(unittest.TestCase):
    def setUp(self):
        self.fx = ks.ServerFixture(ARGS.binary, ARGS.engine, keys={"admin": "admin"})
        self.server = self.fx.server
        self.key = self.fx.keys["admin"]

    def tearDown(self):
        self.fx.close()

    def post(self, items):
        r = self.server.post("/api/v1/feedback", {"items": items}, key=self.key)
        self.assertEqual(r.status, 201, r)
        return r.json()["items"]

    def get_item(self, item_id):
        r = self.server.get("/api/v1/feedback/%d" % item_id, key=self.key)
        self.assertEqual(r.status, 200, r)
        return r.json()

    def admin_client(self):
        self.server.cli("user", "add", "--db", self.server.db_url, "--email", ADMIN, "--name", "Beheerder",
                        "--role", "admin", "--password-stdin", input_text=PASSWORD + "\n")
        c = WebClient(self.server.port)
        self.assertEqual(c.login(ADMIN, PASSWORD).status, 303)
        return c

    def wait_for_reanalysis(self, client):
        deadline = time.time() + 60
        while time.time() < deadline:
            page = client.get("/admin/topics/progress")
            self.assertEqual(page.status, 200, page)
            if "hx-trigger" not in page.text:  # no longer polling: finished
                return page.text
            time.sleep(0.2)
        self.fail("the re-analysis did not finish within 60 s")

    def test_every_text_gets_language_sentiment_topics_and_key_phrases(self):
        nl, en, empty = self.post([item("nl", MIXED_NL), item("en", MIXED_EN, language="en"),
                                   item("no-text", "", score=9)])
        # The language is detected when the sender gave none.
        self.assertEqual(nl["language"], "nl")
        self.assertEqual(nl["analysis"]["language"], "nl")
        for created in (nl, en):
            topics = topics_of(created)
            self.assertLess(topics["delivery"], 0, created)
            self.assertGreater(topics["staff"], 0, created)
            self.assertIn(created["analysis"]["sentiment_label"], ("negative", "neutral", "positive"))
            self.assertTrue(-1 <= created["analysis"]["sentiment"] <= 1)
            self.assertIsInstance(created["analysis"]["key_phrases"], list)
        self.assertIsNone(empty["analysis"])
        # What the write returned is what was stored.
        stored = self.get_item(nl["id"])
        self.assertEqual(stored["analysis"]["topics"], nl["analysis"]["topics"])
        self.assertEqual(stored["analysis"]["sentiment_label"], nl["analysis"]["sentiment_label"])
        # The inbox and the API filter by topic and sentiment; bad values are refused with the field.
        r = self.server.get("/api/v1/feedback?topic=delivery", key=self.key)
        self.assertEqual(sorted(i["id"] for i in r.json()["items"]), sorted([nl["id"], en["id"]]))
        r = self.server.get("/api/v1/feedback?sentiment=" + nl["analysis"]["sentiment_label"], key=self.key)
        self.assertIn(nl["id"], [i["id"] for i in r.json()["items"]])
        for bad in ("topic=Delivery!", "topic=deliver_", "sentiment=angry"):
            r = self.server.get("/api/v1/feedback?" + bad, key=self.key)
            if bad == "topic=deliver_":  # a well-formed key no item has; "_" is not a wildcard
                self.assertEqual((r.status, r.json()["items"]), (200, []), r)
            else:
                self.assertEqual(r.status, 400, r)
                self.assertEqual(r.error()["field"], bad.split("=")[0])
        # The analytics index has the topics and the sentiment.
        r = self.server.get("/api/v1/analytics/summary?from=2026-11-01&to=2026-11-30&topic=delivery", key=self.key)
        self.assertEqual(r.status, 200, r)
        self.assertEqual(r.json()["total"]["n"], 2)
        r = self.server.get("/api/v1/analytics/summary?from=2026-11-01&to=2026-11-30&group_by=topic", key=self.key)
        self.assertEqual(r.status, 200, r)
        groups = {g["key"]: g["n"] for g in r.json()["groups"]}
        self.assertEqual(groups.get("delivery"), 2, groups)
        self.assertEqual(groups.get("staff"), 2, groups)

    def test_an_admin_changes_the_taxonomy_and_stored_feedback_is_reanalysed(self):
        first = self.post([item("p%d" % i, PARKING_NL) for i in range(30)])
        self.assertNotIn("parking", topics_of(first[0]))
        admin = self.admin_client()
        page = admin.get("/admin/topics")
        self.assertEqual(page.status, 200, page)
        count = int(re.search(r'name="count" value="(\d+)"', page.text).group(1))
        new = count - 1  # the empty row for a new topic
        fields = self.form_fields(page.text)
        # A malformed key is refused with the field, and nothing changes.
        refused = admin.post_form("/admin/topics", dict(fields, **{"t%d_key" % new: "Parkeren!",
                                                                   "t%d_keywords_nl" % new: "parkeren"}))
        self.assertEqual(refused.status, 400, refused)
        self.assertIn("topics[%d].key" % new, html.unescape(refused.text))
        self.assertIn('data-revision="0"', admin.get("/admin/topics").text)
        self.assertNotIn("parking", topics_of(self.get_item(first[0]["id"])))
        # A good one is saved as a new revision; stored feedback is re-analysed in the background.
        saved = admin.post_form("/admin/topics", dict(fields, reanalyse="1", **{
            "t%d_key" % new: "parking", "t%d_name_nl" % new: "Parkeren", "t%d_name_en" % new: "Parking",
            "t%d_keywords_nl" % new: "parkeren\nparkeerplaats", "t%d_keywords_en" % new: "parking, car park"}))
        self.assertEqual(saved.status, 303, saved)
        self.assertIn('data-revision="1"', admin.get("/admin/topics").text)
        # New feedback uses the new taxonomy at once, while the run goes on.
        during = self.post([item("during", "Parking was impossible near the shop.", language="en")])[0]
        self.assertIn("parking", topics_of(during))
        progress = self.wait_for_reanalysis(admin)
        self.assertRegex(progress, r'id="reanalysis-done">3[0-9]<')
        for created in first:
            self.assertIn("parking", topics_of(self.get_item(created["id"])))
        r = self.server.get("/api/v1/analytics/summary?from=2026-11-01&to=2026-11-30&topic=parking", key=self.key)
        self.assertEqual(r.json()["total"]["n"], 31, r)
        # Trying a text shows its analysis with the saved taxonomy.
        page = admin.get("/admin/topics")
        tried = admin.post_form("/admin/topics/try", {"_csrf": page.csrf(), "sample": PARKING_NL})
        self.assertEqual(tried.status, 200, tried)
        self.assertIn("Parkeren", tried.text)
        self.assertIn('id="topics-analysis"', tried.text)
        # The change is in the audit log.
        audit = admin.get("/admin/audit")
        self.assertIn("topics.saved", audit.text)
        self.assertIn("topics.reanalysis_started", audit.text)

    def test_the_inbox_search_suggests_key_phrases_the_viewer_may_see(self):
        for unit in ("noord", "zuid"):
            r = self.server.post("/api/v1/units", {"code": unit, "name": unit.title(), "kind": "location"},
                                 key=self.key)
            self.assertEqual(r.status, 201, r)
        noord = [dict(item("n%d" % i, "Een lange wachttijd aan de telefoon, erg vervelend."), unit="noord")
                 for i in range(3)]
        zuid = [dict(item("z%d" % i, "Een lange wachtrij bij de kassa en een onvriendelijke caissière."),
                     unit="zuid") for i in range(2)]
        created = self.post(noord + zuid)
        phrases = set(p for c in created for p in c["analysis"]["key_phrases"])
        self.assertIn("lange wachttijd", phrases)
        admin = self.admin_client()
        r = admin.get("/inbox/suggestions?q=lange+wacht")
        self.assertEqual(r.status, 200, r)
        options = re.findall(r'<option value="([^"]*)">', r.text)
        self.assertEqual(options[0], "lange wachttijd")  # the most frequent first
        self.assertIn("lange wachtrij", options)
        self.assertEqual(re.findall(r'<option', admin.get("/inbox/suggestions?q=l").text), [])  # too short
        # A manager of Noord is never shown what was written about Zuid.
        self.server.cli("user", "add", "--db", self.server.db_url, "--email", "noord@voorbeeld.example", "--name",
                        "Noord", "--role", "manager", "--unit", "noord", "--password-stdin",
                        input_text=PASSWORD + "\n")
        manager = WebClient(self.server.port)
        self.assertEqual(manager.login("noord@voorbeeld.example", PASSWORD).status, 303)
        options = re.findall(r'<option value="([^"]*)">', manager.get("/inbox/suggestions?q=lange").text)
        self.assertIn("lange wachttijd", options)
        self.assertNotIn("lange wachtrij", options)

    def test_the_cli_reanalyses_stored_feedback_with_progress(self):
        created = self.post([item("c%d" % i, MIXED_NL) for i in range(600)])
        created += self.post([item("d%d" % i, MIXED_EN) for i in range(600)])
        self.server.stop()
        result = self.server.cli("text", "reanalyze", "--db", self.server.db_url)
        self.assertIn("re-analysed 1200 texts with taxonomy revision 0", result.stderr)
        self.assertIn("(100%)", result.stderr)
        self.server.start()
        stored = self.get_item(created[-1]["id"])
        self.assertEqual(stored["analysis"]["topics"], created[-1]["analysis"]["topics"])

    @staticmethod
    def form_fields(page):
        """The taxonomy form's current fields, as a browser would post them."""
        form = page[page.index('action="/admin/topics"'):]
        form = form[:form.index("</form>")]
        fields = {}
        for name, value in re.findall(r'<input type="(?:hidden|text)"[^>]*name="([^"]+)" value="([^"]*)"', form):
            fields[name] = html.unescape(value)
        for m in re.finditer(r'<input type="text" id="[^"]*" name="([^"]+)" value="([^"]*)"', form):
            fields[m.group(1)] = html.unescape(m.group(2))
        for name, value in re.findall(r'<textarea id="[^"]*" name="([^"]+)"[^>]*>([^<]*)</textarea>', form):
            fields[name] = html.unescape(value)
        return fields


if __name__ == "__main__":
    ARGS, rest = ks.parse_args()
    unittest.main(argv=rest, verbosity=2)
