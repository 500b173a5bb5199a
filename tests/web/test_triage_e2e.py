#!/usr/bin/python3
"""Coordinator triage (issue 8 §4) end to end: a real `klantstem serve` with demo data on 127.0.0.1,
driven over HTTP like a browser (tests/web/web_client.py).

Covers: the queue shows untriaged items with a checkbox, filtered in the URL, with counts; a coordinator
bulk-closes items with a reason, merges duplicates into one (which stays in the queue), tags and untags
themes (then filters by them), makes a new action plan from two items (303 to /actions/{id}) and links
another item to it; each success is a 303 back to the queue with a notice; a refused operation (no
reason, an unknown or already-closed item, a merge into itself, no CSRF token) is a 400 (403 for CSRF)
with the reason shown, the choices kept and nothing changed; employees and managers get 403; the
coordinator sees who reported an employee's item.

Run: test_triage_e2e.py --binary build/release/src/app/klantstem [--engine sqlite|postgres]
"""
import html
import os
import random
import re
import string
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(__file__))
from demo_site import DemoSiteTest, EmployeeReports, main  # noqa: E402
from test_report_e2e import ADMIN, COORDINATOR, EMPLOYEE, MANAGER, REPORTER_NAME  # noqa: E402
from web_client import WebClient  # noqa: E402

IDS = re.compile(r'name="ids" value="(\d+)"')
CHECKED = re.compile(r'name="ids" value="(\d+)" id="pick-\d+" checked')


def unique_word():
    """A made-up word that only this test's items contain (found by the full-text filter)."""
    return "triage" + "".join(random.choice(string.ascii_lowercase) for _ in range(8))


class TriageTest(EmployeeReports, DemoSiteTest):
    DEMO = ("--customers", "40", "--feedback", "200", "--seed", "11")

    # ---- helpers
    def add_items(self, word, texts, customer=None):
        """Complaints holding `word`, newest last; returns their ids in the order given."""
        items = []
        for i, text in enumerate(texts):
            item = {"source": "complaint", "channel": "email", "unit": "utrecht-centrum", "language": "nl",
                    "text": "%s %s" % (text, word), "score": {"value": 3, "scale": "grade10"},
                    "received_at": "2026-11-%02dT10:00:00Z" % (10 + i)}
            if customer:
                item["customer"] = customer
            items.append(item)
        r = self.server.post("/api/v1/feedback", {"items": items}, key=self.key)
        self.assertIn(r.status, (200, 201), r)
        return [i["id"] for i in r.json()["items"]]

    def queue(self, c, **query):
        page = c.get("/actions/triage?" + urllib.parse.urlencode(query))
        self.assertEqual(page.status, 200, page)
        return page

    def queued(self, c, word):
        return [int(i) for i in IDS.findall(self.queue(c, q=word).text)]

    def apply(self, c, word, fields, ids):
        """Posts the bulk form of the queue filtered by `word`, with `ids` checked."""
        page = self.queue(c, q=word)
        form = [("_csrf", page.csrf()), ("filter_q", word)] + [("ids", str(i)) for i in ids] + list(fields.items())
        return c.request("POST", "/actions/triage", urllib.parse.urlencode(form),
                         {"Content-Type": "application/x-www-form-urlencoded", "Origin": c.origin})

    def assert_done(self, r, op, n):
        self.assertEqual(r.status, 303, r)
        location = r.header("Location") or ""
        self.assertTrue(location.startswith("/actions/triage?"), location)
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(location).query)
        self.assertEqual(query.get("done"), [op], location)
        self.assertEqual(query.get("n"), [str(n)], location)
        return location

    def assert_refused(self, r, says, status=400):
        self.assertEqual(r.status, status, r)
        error = re.search(r'id="triage-error">([^<]*)<', r.text)
        self.assertIsNotNone(error, r.text[:3000])
        self.assertIn(says, html.unescape(error.group(1)))
        return r

    # ---- the queue
    def test_the_queue_lists_untriaged_items_with_a_checkbox_filters_and_counts(self):
        cora = self.client(COORDINATOR)
        word = unique_word()
        ids = self.add_items(word, ["De bezorger kwam niet", "Pakket kwijt", "Niemand nam op"],
                             customer={"external_ref": "triage-e2e-" + word, "name": "Truus Triagetest"})
        page = self.queue(cora, q=word)
        self.assertEqual([int(i) for i in IDS.findall(page.text)], list(reversed(ids)), "newest first")
        self.assertIn('id="triage-waiting"', page.text)
        matching = re.search(r'id="triage-matching">([^<]*)<', page.text)
        self.assertIsNotNone(matching)
        self.assertTrue(matching.group(1).startswith("3 "), matching.group(1))
        self.assertIn("Truus Triagetest", page.text, "coordinators see customers' names")
        self.assertIn('href="/feedback/%d"' % ids[0], page.text.replace("&#x2F;", "/"))
        # Filters live in the URL; a bad one is said, not ignored.
        self.assertEqual(IDS.findall(self.queue(cora, q=word, source="review").text), [])
        self.assertEqual(len(IDS.findall(self.queue(cora, q=word, unit="utrecht-centrum").text)), 3)
        bad = cora.get("/actions/triage?source=pigeon")
        self.assertEqual(bad.status, 400, bad)
        self.assertIn('id="triage-filter-error"', bad.text)
        # Pages follow each other.
        first = self.queue(cora, q=word, limit="2")
        self.assertEqual(len(IDS.findall(first.text)), 2)
        more = re.search(r'id="triage-next" class="button secondary" href="([^"]+)"', first.text)
        self.assertIsNotNone(more)
        second = cora.get(html.unescape(more.group(1)))
        self.assertEqual([int(i) for i in IDS.findall(second.text)], [ids[0]])

    def test_the_coordinator_sees_who_reported_an_employees_item(self):
        daan = self.client(EMPLOYEE)
        word = unique_word()
        self.sent_id(self.submit(daan, {"text": "Klant vond de wachtrij te lang " + word, "kind": "problem"}))
        page = self.queue(self.client(COORDINATOR), q=word)
        self.assertEqual(len(IDS.findall(page.text)), 1)
        self.assertIn(REPORTER_NAME, page.text)

    # ---- closing
    def test_a_coordinator_closes_many_items_at_once_with_a_reason(self):
        cora = self.client(COORDINATOR)
        word = unique_word()
        ids = self.add_items(word, ["Eenmalig", "Ook eenmalig", "Blijft staan"])
        r = self.apply(cora, word, {"op": "close", "reason": "Eenmalig voorval, opgelost aan de balie"}, ids[:2])
        location = self.assert_done(r, "close", 2)
        self.assertIn("q=" + word, location, "back to the same view")
        after = cora.get(location)
        self.assertEqual(after.status, 200)
        self.assertIn('id="triage-notice"', after.text)
        self.assertEqual([int(i) for i in IDS.findall(after.text)], [ids[2]])

    def test_a_refused_close_changes_nothing_and_keeps_the_choices(self):
        cora = self.client(COORDINATOR)
        word = unique_word()
        ids = self.add_items(word, ["Een", "Twee"])
        # No reason.
        r = self.assert_refused(self.apply(cora, word, {"op": "close", "reason": "  "}, ids), "Reden")
        self.assertEqual(sorted(int(i) for i in CHECKED.findall(r.text)), sorted(ids), "the checked items stay checked")
        self.assertIn('value="close" selected', r.text)
        # An unknown item among known ones.
        self.assert_refused(self.apply(cora, word, {"op": "close", "reason": "weg"}, ids + [987654321]), "987654321")
        # An item closed already: the other one is not closed either.
        self.assert_done(self.apply(cora, word, {"op": "close", "reason": "weg"}, [ids[0]]), "close", 1)
        self.assert_refused(self.apply(cora, word, {"op": "close", "reason": "weg"}, [ids[1], ids[0]]), str(ids[0]))
        # Too long a reason; no operation; nothing selected.
        self.assert_refused(self.apply(cora, word, {"op": "close", "reason": "x" * 501}, [ids[1]]), "500")
        self.assert_refused(self.apply(cora, word, {"reason": "weg"}, [ids[1]]), "Wat te doen")
        self.assert_refused(self.apply(cora, word, {"op": "close", "reason": "weg"}, []), "Gekozen items")
        self.assertEqual(self.queued(cora, word), [ids[1]])

    def test_posting_needs_the_csrf_token(self):
        cora = self.client(COORDINATOR)
        word = unique_word()
        ids = self.add_items(word, ["Zonder token"])
        form = urllib.parse.urlencode([("op", "close"), ("reason", "weg"), ("ids", str(ids[0]))])
        r = cora.request("POST", "/actions/triage", form, {"Content-Type": "application/x-www-form-urlencoded",
                                                           "Origin": cora.origin})
        self.assertEqual(r.status, 403, r)
        self.assertEqual(self.queued(cora, word), ids)

    # ---- merging
    def test_duplicates_are_merged_into_one_item_that_stays_in_the_queue(self):
        cora = self.client(COORDINATOR)
        word = unique_word()
        ids = self.add_items(word, ["Te laat bezorgd", "Bezorging te laat", "Weer te laat", "Iets anders"])
        self.assert_done(self.apply(cora, word, {"op": "tag", "theme": "Bezorging"}, [ids[1]]), "tag", 1)
        # The kept item is selected too, as a coordinator naturally does.
        r = self.apply(cora, word, {"op": "merge", "into": str(ids[0])}, ids[:3])
        location = self.assert_done(r, "merge", 2)
        self.assertEqual(sorted(self.queued(cora, word)), sorted([ids[0], ids[3]]))
        page = cora.get(location)
        self.assertIn("#%d" % ids[0], html.unescape(page.text))
        kept = re.search(r'id="item-%d".*?</li>' % ids[0], page.text, re.S)
        self.assertIsNotNone(kept)
        self.assertIn("bezorging", kept.group(0), "the duplicate's theme moved to the kept item")
        # Not into itself, and not into a merged item.
        self.assert_refused(self.apply(cora, word, {"op": "merge", "into": str(ids[0])}, [ids[0]]), "itself")
        self.assert_refused(self.apply(cora, word, {"op": "merge", "into": str(ids[1])}, [ids[3]]), str(ids[1]))
        self.assertEqual(sorted(self.queued(cora, word)), sorted([ids[0], ids[3]]))

    # ---- themes
    def test_themes_are_tagged_in_bulk_filtered_on_and_removed(self):
        cora = self.client(COORDINATOR)
        word = unique_word()
        ids = self.add_items(word, ["Prijs te hoog", "Duur en traag", "Vriendelijk"])
        self.assert_done(self.apply(cora, word, {"op": "tag", "theme": " Prijs, Snelheid "}, ids[:2]), "tag", 4)
        self.assert_done(self.apply(cora, word, {"op": "tag", "theme": "prijs"}, ids), "tag", 1)  # idempotent
        by_theme = [int(i) for i in IDS.findall(self.queue(cora, q=word, theme="prijs").text)]
        self.assertEqual(sorted(by_theme), sorted(ids))
        page = self.queue(cora, q=word, theme="snelheid")
        self.assertEqual(sorted(int(i) for i in IDS.findall(page.text)), sorted(ids[:2]))
        self.assertIn('<option value="snelheid" selected>', page.text)
        self.assert_done(self.apply(cora, word, {"op": "untag", "theme": "PRIJS"}, ids), "untag", 3)
        self.assertEqual(IDS.findall(self.queue(cora, q=word, theme="prijs").text), [])
        self.assert_refused(self.apply(cora, word, {"op": "tag", "theme": "x" * 41}, ids), "40")

    # ---- plans
    def test_a_plan_is_made_from_two_items_and_another_is_linked_to_it(self):
        cora = self.client(COORDINATOR)
        word = unique_word()
        ids = self.add_items(word, ["Parkeren is lastig", "Geen parkeerplek", "Ook geen plek", "Anders"])
        r = self.apply(cora, word, {"op": "create", "title": "Meer parkeerplaatsen " + word}, ids[:2])
        self.assertEqual(r.status, 303, r)
        m = re.fullmatch(r"/actions/(\d+)", r.header("Location") or "")
        self.assertIsNotNone(m, r.header("Location"))
        plan = int(m.group(1))
        self.assertEqual(sorted(self.queued(cora, word)), sorted(ids[2:]))
        # The new plan is offered for linking.
        self.assertIn('<option value="%d">' % plan, self.queue(cora, q=word).text)
        r = self.apply(cora, word, {"op": "link", "action_id": str(plan)}, [ids[2]])
        location = self.assert_done(r, "link", 1)
        self.assertIn("action=%d" % plan, location)
        self.assertEqual(self.queued(cora, word), [ids[3]])
        # A plan that does not exist, and no title.
        self.assert_refused(self.apply(cora, word, {"op": "link", "action_id": "987654321"}, [ids[3]]), "Plan")
        self.assert_refused(self.apply(cora, word, {"op": "create", "title": " "}, [ids[3]]), "Titel")
        self.assertEqual(self.queued(cora, word), [ids[3]])

    # ---- who may triage
    def test_employees_and_managers_may_not_triage(self):
        word = unique_word()
        ids = self.add_items(word, ["Niet voor iedereen"])
        for email in [EMPLOYEE, MANAGER]:
            with self.subTest(user=email):
                c = self.client(email)
                self.assertEqual(c.get("/actions/triage").status, 403)
                csrf = c.get("/report").csrf()
                r = c.post_form("/actions/triage", {"_csrf": csrf, "op": "close", "reason": "weg", "ids": str(ids[0])})
                self.assertEqual(r.status, 403, r)
        self.assertEqual(self.queued(self.client(ADMIN), word), ids, "admins triage too; nothing was closed")
        self.assertEqual(WebClient(self.server.port).get("/actions/triage").status, 303, "login first")


if __name__ == "__main__":
    main()
