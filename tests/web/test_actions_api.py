#!/usr/bin/python3
"""The actions resource of the JSON API (issue 8 §5–§6) end to end: a real `klantstem serve` with demo data
on 127.0.0.1, driven with API keys over HTTP.

Covers: a plan created with feedback items, decided "not now" (each item says how its customer hears of it:
a consenting customer by mail, an employee report's customer through the colleague), then "do", started,
noted and finished, with its timeline and the "you said, we did" feed; start refused before "do" (400, field
status); bad bodies and parameters refused with a 400 naming the field and nothing changed; linking and
unlinking, an item linked to another plan (409); unknown plans (404); a read-only key cannot write (403)
and no key is a 401; the plan's JSON never carries who reported an employee's item.

Run: test_actions_api.py --binary build/release/src/app/klantstem [--engine sqlite|postgres]
"""
import json
import os
import random
import string
import sys
import sqlite3

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "support"))
sys.path.insert(0, os.path.dirname(__file__))
import klantstem_server as ks  # noqa: E402
from demo_site import DemoSiteTest, EmployeeReports, main  # noqa: E402
from test_report_e2e import EMPLOYEE, REPORTER_KEYS, REPORTER_NAME, keys_anywhere  # noqa: E402

UNKNOWN_ID = 987654321


def word():
    """A made-up word that only this test's items contain."""
    return "actie" + "".join(random.choice(string.ascii_lowercase) for _ in range(8))


class ActionsApiTest(EmployeeReports, DemoSiteTest):
    DEMO = ("--customers", "30", "--feedback", "100", "--seed", "5")
    KEYS = {"admin": "admin", "writer": "feedback:write,feedback:read", "reader": "feedback:read"}

    # ---- helpers
    def api(self, method, path, body=None, key=None, expect=200, **kw):
        r = self.server.request(method, path, body=body, key=key or self.writer, **kw)
        self.assertEqual(r.status, expect, r)
        return r

    def refused(self, method, path, body, field, status=400, key=None):
        """A refusal: `status`, the error document, and the field it names."""
        r = self.api(method, path, body, key=key, expect=status)
        error = r.error()
        if field is not None:
            self.assertEqual(error.get("field"), field, error)
        self.assertTrue(error.get("message"), error)
        return error

    def plan(self, plan_id, key=None):
        return self.api("GET", "/api/v1/actions/%d" % plan_id, key=key or self.reader).json()

    def create(self, title, feedback_ids=(), **fields):
        body = dict(fields, title=title, feedback_ids=list(feedback_ids))
        return self.api("POST", "/api/v1/actions", body, expect=201).json()

    def plan_ids(self, **query):
        r = self.api("GET", "/api/v1/actions", key=self.reader, query=dict(query, limit="1000"))
        return [p["id"] for p in r.json()["items"]]

    def complaint(self, text, email=True):
        """A complaint of a consenting customer (with an e-mail address unless not `email`); its id."""
        ref = "actions-api-" + word()
        customer = {"external_ref": ref, "name": "Klant " + ref, "language": "nl", "consent_contact": True}
        if email:
            customer["email"] = ref + "@klant.example"
        r = self.server.post("/api/v1/customers", customer, key=self.admin)
        self.assertIn(r.status, (200, 201), r)
        r = self.server.post("/api/v1/feedback", {"source": "complaint", "channel": "email", "unit": "utrecht-centrum",
                                                  "language": "nl", "text": text, "customer": {"external_ref": ref},
                                                  "score": {"value": 3, "scale": "grade10"}}, key=self.admin)
        self.assertEqual(r.status, 201, r)
        return r.json()["id"]

    def employee_report(self, text):
        """An employee report by Daan Jansen, whose customer agreed to hear back; its id."""
        return self.sent_id(self.submit(self.client(EMPLOYEE), {"customer_name": "Mevrouw Plan-Test", "text": text,
                                                                  "kind": "problem", "consent": "1"}))

    # ---- the life of a plan
    def test_a_plan_with_items_is_decided_not_now_then_done_and_each_customer_hears_of_it(self):
        w = word()
        mailed = self.complaint("De wachttijd aan de telefoon is veel te lang " + w)
        reported = self.employee_report("Klant wacht te lang op de telefoon " + w)
        created = self.create("Kortere wachttijd telefoon " + w, [mailed, reported],
                              description="Extra bezetting in de ochtend", unit="utrecht-centrum",
                              due_date="2027-03-31")
        self.assertEqual(created["status"], "proposed")
        self.assertIsNone(created["decision"])
        self.assertEqual(created["unit"], "utrecht-centrum")
        self.assertEqual(created["due_date"], "2027-03-31")
        self.assertEqual(created["item_count"], 2)
        self.assertEqual(sorted(i["id"] for i in created["items"]), sorted([mailed, reported]))
        for item in created["items"]:
            self.assertEqual(item["told"], {"decided": None, "done": None}, item)
        self.assertEqual([e["kind"] for e in created["timeline"]], ["created"])
        self.assertEqual(created["timeline"][0]["user"], "API key writer")
        plan_id = created["id"]
        self.assertEqual(self.plan(plan_id), created, "GET answers what POST did")

        decided = self.api("POST", "/api/v1/actions/%d/decision" % plan_id,
                           {"decision": "not_now", "reason": "Eerst de nieuwe telefooncentrale, in het voorjaar"}).json()
        self.assertEqual(decided["status"], "decided")
        self.assertEqual(decided["decision"], "not_now")
        self.assertEqual(decided["decision_reason"], "Eerst de nieuwe telefooncentrale, in het voorjaar")
        self.assertIsNotNone(decided["decided_at"])
        told = {i["id"]: i["told"] for i in decided["items"]}
        self.assertEqual(told[mailed]["decided"]["how"], "mail")
        self.assertIsNotNone(told[mailed]["decided"]["informed_at"], "a queued mail is told")
        self.assertEqual(told[reported]["decided"]["how"], "colleague")
        self.assertIsNone(told[reported]["decided"]["informed_at"], "until the colleague ticks it")
        self.assertEqual(self.plan(plan_id), decided)
        self.assertIn(plan_id, self.plan_ids(status="decided"))
        self.assertNotIn(plan_id, self.plan_ids(status="proposed"))
        self.assertIn(plan_id, self.plan_ids(unit="utrecht-centrum"))

        # "Not now" is not "do": no work starts, and nothing changes.
        error = self.refused("POST", "/api/v1/actions/%d/start" % plan_id, None, "status")
        self.assertIn("do", error["message"])
        self.assertEqual(self.plan(plan_id), decided)

        self.api("POST", "/api/v1/actions/%d/decision" % plan_id, {"decision": "do", "reason": "Toch nu al"})
        started = self.api("POST", "/api/v1/actions/%d/start" % plan_id).json()
        self.assertEqual(started["status"], "in_progress")
        noted = self.api("POST", "/api/v1/actions/%d/notes" % plan_id, {"text": "Twee extra mensen ingeroosterd"}).json()
        self.assertEqual(noted["timeline"][-1]["kind"], "note")
        self.assertEqual(noted["timeline"][-1]["detail"]["text"], "Twee extra mensen ingeroosterd")
        done = self.api("POST", "/api/v1/actions/%d/finish" % plan_id, {"note": "Wachttijd nu onder de twee minuten"}).json()
        self.assertEqual(done["status"], "done")
        self.assertIsNotNone(done["done_at"])
        self.assertIsNotNone(done["event_id"])
        self.assertEqual({i["id"]: i["told"]["done"]["how"] for i in done["items"]}, {mailed: "mail", reported: "colleague"})
        self.assertEqual([e["kind"] for e in done["timeline"]],
                         ["created", "decided", "decided", "started", "note", "done"])
        self.refused("POST", "/api/v1/actions/%d/finish" % plan_id, {}, "status")

        # You said, we did: both decisions as they were told, and the completion, newest first.
        feed = self.api("GET", "/api/v1/actions/feed", key=self.reader,
                        query={"since": created["created_at"]}).json()["items"]
        mine = [(e["kind"], e["decision"], e["reason"], e["note"]) for e in feed if e["action"]["id"] == plan_id]
        self.assertEqual(mine, [("done", "do", "Toch nu al", "Wachttijd nu onder de twee minuten"),
                                ("decided", "do", "Toch nu al", None),
                                ("decided", "not_now", "Eerst de nieuwe telefooncentrale, in het voorjaar", None)])
        self.assertTrue(all(e["action"]["status"] == "done" for e in feed if e["action"]["id"] == plan_id))
        later = self.api("GET", "/api/v1/actions/feed", key=self.reader,
                         query={"since": "2999-01-01T00:00:00Z"}).json()["items"]
        self.assertEqual(later, [])
        self.assertEqual(len(self.api("GET", "/api/v1/actions/feed", key=self.reader,
                                      query={"limit": "1"}).json()["items"]), 1)

    def test_work_cannot_start_before_a_decision(self):
        plan_id = self.create("Zonder besluit " + word())["id"]
        before = self.plan(plan_id)
        error = self.refused("POST", "/api/v1/actions/%d/start" % plan_id, {}, "status")
        self.assertIn("decide", error["message"])
        self.refused("POST", "/api/v1/actions/%d/finish" % plan_id, None, "status")
        self.assertEqual(self.plan(plan_id), before)

    def test_editing_changes_only_the_fields_given(self):
        plan_id = self.create("Bewerken " + word(), description="Eerste versie", unit="utrecht-centrum",
                              due_date="2027-01-31")["id"]
        edited = self.api("PATCH", "/api/v1/actions/%d" % plan_id, {"description": "Tweede versie"}).json()
        self.assertEqual(edited["description"], "Tweede versie")
        self.assertEqual(edited["unit"], "utrecht-centrum")
        self.assertEqual(edited["due_date"], "2027-01-31")
        cleared = self.api("PATCH", "/api/v1/actions/%d" % plan_id, {"unit": None, "due_date": None}).json()
        self.assertIsNone(cleared["unit"])
        self.assertIsNone(cleared["due_date"])
        self.assertEqual(cleared["title"], edited["title"])
        self.assertEqual([e["kind"] for e in cleared["timeline"]], ["created", "edited", "edited"])

    # ---- links
    def test_items_are_linked_and_unlinked_and_an_item_belongs_to_one_plan(self):
        w = word()
        first, second = self.complaint("Eerste " + w), self.complaint("Tweede " + w)
        plan_id = self.create("Koppelen " + w, [first])["id"]
        linked = self.api("POST", "/api/v1/actions/%d/items" % plan_id, {"feedback_ids": [second, first]}).json()
        self.assertEqual(linked["item_count"], 2)
        other = self.create("Ander plan " + w)["id"]
        error = self.refused("POST", "/api/v1/actions/%d/items" % other, {"feedback_ids": [first]}, None, status=409)
        self.assertIn(str(plan_id), error["message"])
        self.assertEqual(self.plan(other)["item_count"], 0)
        unlinked = self.api("DELETE", "/api/v1/actions/%d/items/%d" % (plan_id, first)).json()
        self.assertEqual([i["id"] for i in unlinked["items"]], [second])
        self.refused("DELETE", "/api/v1/actions/%d/items/%d" % (plan_id, first), None, "feedback_id")
        self.refused("DELETE", "/api/v1/actions/%d/items/x" % plan_id, None, "feedback_id")
        self.assertEqual(self.api("POST", "/api/v1/actions/%d/items" % other, {"feedback_ids": [first]}).json()["item_count"], 1)

    # ---- refusals
    def test_bad_bodies_are_refused_naming_the_field_and_change_nothing(self):
        w = word()
        item = self.complaint("Ongeldige verzoeken " + w)
        plan_id = self.create("Ongeldig " + w, [item])["id"]
        before, plans_before = self.plan(plan_id), self.plan_ids()
        path = "/api/v1/actions/%d" % plan_id
        cases = [
            ("POST", "/api/v1/actions", {"description": "zonder titel"}, "title"),
            ("POST", "/api/v1/actions", {"title": 5}, "title"),
            ("POST", "/api/v1/actions", {"title": "   "}, "title"),
            ("POST", "/api/v1/actions", {"title": "x" * 201}, "title"),
            ("POST", "/api/v1/actions", {"title": "Twee\nregels"}, "title"),
            ("POST", "/api/v1/actions", {"title": "t", "titel": "typo"}, "titel"),
            ("POST", "/api/v1/actions", {"title": "t", "description": ["a"]}, "description"),
            ("POST", "/api/v1/actions", {"title": "t", "owner_user_id": "1"}, "owner_user_id"),
            ("POST", "/api/v1/actions", {"title": "t", "owner_user_id": -3}, "owner_user_id"),
            ("POST", "/api/v1/actions", {"title": "t", "owner_user_id": UNKNOWN_ID}, "owner_user_id"),
            ("POST", "/api/v1/actions", {"title": "t", "unit": "bestaat-niet"}, "unit"),
            ("POST", "/api/v1/actions", {"title": "t", "due_date": "31-03-2027"}, "due_date"),
            ("POST", "/api/v1/actions", {"title": "t", "feedback_ids": str(item)}, "feedback_ids"),
            ("POST", "/api/v1/actions", {"title": "t", "feedback_ids": [item, -1]}, "feedback_ids[1]"),
            ("POST", "/api/v1/actions", {"title": "t", "feedback_ids": [1.5]}, "feedback_ids[0]"),
            ("POST", "/api/v1/actions", {"title": "t", "feedback_ids": [UNKNOWN_ID]}, "feedback_ids[0]"),
            ("POST", "/api/v1/actions", [{"title": "t"}], None),
            ("POST", "/api/v1/actions", '{"title": "t",', None),
            ("PATCH", path, {"title": None}, "title"),
            ("PATCH", path, {"feedback_ids": [item]}, "feedback_ids"),
            ("PATCH", path, {"owner_user_id": 0}, "owner_user_id"),
            ("PATCH", path, {"due_date": 20270331}, "due_date"),
            ("POST", path + "/items", {"feedback_ids": []}, "feedback_ids"),
            ("POST", path + "/items", {}, "feedback_ids"),
            ("POST", path + "/items", {"feedback_ids": [True]}, "feedback_ids[0]"),
            ("POST", path + "/decision", {"decision": "maybe", "reason": "r"}, "decision"),
            ("POST", path + "/decision", {"reason": "r"}, "decision"),
            ("POST", path + "/decision", {"decision": "do"}, "reason"),
            ("POST", path + "/decision", {"decision": "do", "reason": " "}, "reason"),
            ("POST", path + "/decision", {"decision": "do", "reason": 5}, "reason"),
            ("POST", path + "/decision", {"decision": "do", "reason": "r", "when": "now"}, "when"),
            ("POST", path + "/start", {"force": True}, "force"),
            ("POST", path + "/notes", {}, "text"),
            ("POST", path + "/notes", {"text": "  "}, "text"),
            ("POST", path + "/notes", {"text": {"nl": "x"}}, "text"),
            ("POST", path + "/finish", {"note": 7}, "note"),
        ]
        for method, where, body, field in cases:
            with self.subTest(method=method, path=where, body=body):
                error = self.refused(method, where, body, field)
                self.assertEqual(error["code"], "invalid_argument")
        r = self.server.request("POST", path + "/notes", "text=x", key=self.writer,
                                content_type="application/x-www-form-urlencoded")
        self.assertEqual(r.status, 415, r)
        self.assertEqual(self.plan(plan_id), before)
        self.assertEqual(self.plan_ids(), plans_before, "no plan was created")

    def test_bad_parameters_are_refused_naming_them(self):
        for path, query, field in [("/api/v1/actions", {"status": "open"}, "status"),
                                   ("/api/v1/actions", {"unit": "bestaat-niet"}, "unit"),
                                   ("/api/v1/actions", {"limit": "0"}, "limit"),
                                   ("/api/v1/actions", {"limit": "abc"}, "limit"),
                                   ("/api/v1/actions", {"sort": "title"}, "sort"),
                                   ("/api/v1/actions/feed", {"since": "gisteren"}, "since"),
                                   ("/api/v1/actions/feed", {"limit": "1001"}, "limit")]:
            with self.subTest(path=path, query=query):
                r = self.api("GET", path, key=self.reader, query=query, expect=400)
                self.assertEqual(r.error().get("field"), field)

    def test_an_unknown_plan_is_404_and_a_bad_id_400(self):
        base = "/api/v1/actions/%d" % UNKNOWN_ID
        self.refused("GET", base, None, None, status=404, key=self.reader)
        for method, path, body in [("PATCH", base, {"title": "t"}),
                                   ("POST", base + "/items", {"feedback_ids": [1]}),
                                   ("DELETE", base + "/items/1", None),
                                   ("POST", base + "/decision", {"decision": "do", "reason": "r"}),
                                   ("POST", base + "/start", None),
                                   ("POST", base + "/finish", {}),
                                   ("POST", base + "/notes", {"text": "t"})]:
            with self.subTest(method=method, path=path):
                self.assertEqual(self.refused(method, path, body, None, status=404)["code"], "not_found")
        for bad in ["abc", "0", "-1", "1x"]:
            with self.subTest(id=bad):
                self.refused("GET", "/api/v1/actions/" + bad, None, "id", key=self.reader)
        # The lead times are not a plan.
        self.api("GET", "/api/v1/actions/lead-times", key=self.reader)

    def test_a_read_only_key_cannot_write_and_no_key_is_401(self):
        plan_id = self.create("Alleen lezen " + word())["id"]
        before, plans_before = self.plan(plan_id), self.plan_ids()
        path = "/api/v1/actions/%d" % plan_id
        for method, where, body in [("POST", "/api/v1/actions", {"title": "Mag niet"}),
                                    ("PATCH", path, {"title": "Mag niet"}),
                                    ("POST", path + "/items", {"feedback_ids": [1]}),
                                    ("POST", path + "/decision", {"decision": "do", "reason": "r"}),
                                    ("POST", path + "/start", None),
                                    ("POST", path + "/finish", {}),
                                    ("POST", path + "/notes", {"text": "t"})]:
            with self.subTest(method=method, path=where):
                self.refused(method, where, body, None, status=403, key=self.reader)
                r = self.server.request(method, where, body=body)
                self.assertEqual(r.status, 401, r)
        r = self.server.request("GET", "/api/v1/actions")
        self.assertEqual(r.status, 401, r)
        self.assertEqual(self.plan(plan_id), before)
        self.assertEqual(self.plan_ids(), plans_before)

    # ---- privacy
    def test_the_plan_never_shows_who_reported_an_employees_item(self):
        w = word()
        reported = self.employee_report("De klant kon de ingang niet vinden " + w)
        plan_id = self.create("Bewegwijzering " + w, [reported])["id"]
        self.api("POST", "/api/v1/actions/%d/decision" % plan_id, {"decision": "wont", "reason": "Het bord hangt er al"})
        daan_id = self.users_id(EMPLOYEE)
        listed = [p for p in self.api("GET", "/api/v1/actions", key=self.reader,
                                      query={"limit": "1000"}).json()["items"] if p["id"] == plan_id]
        fed = [e for e in self.api("GET", "/api/v1/actions/feed", key=self.reader).json()["items"]
               if e["action"]["id"] == plan_id]
        self.assertEqual((len(listed), len(fed)), (1, 1))
        # Other plans (the demo's) may name Daan as their owner or on their timeline; this one must not.
        for name, doc in [("plan", self.plan(plan_id)), ("list", listed), ("feed", fed)]:
            with self.subTest(doc=name):
                self.assertNotIn(REPORTER_NAME, json.dumps(doc, ensure_ascii=False))
                self.assertFalse(REPORTER_KEYS & keys_anywhere(doc), doc)
                self.assertNotIn("user_id", keys_anywhere(doc))
        doc = self.plan(plan_id)
        self.assertEqual(doc["items"][0]["told"]["decided"]["how"], "colleague")
        self.assertNotIn(daan_id, [v for i in doc["items"] for v in self.values(i)])

    def users_id(self, email):
        """A user's id, read from the database (the API has no users resource)."""
        statement = "SELECT id FROM users WHERE email = '%s'" % email
        if self.engine() == "postgres":
            return int(ks.psql(self.database.url, statement).strip())
        conn = sqlite3.connect(self.database.path, timeout=30)
        try:
            return int(conn.execute(statement).fetchone()[0])
        finally:
            conn.close()

    def values(self, doc):
        """Every scalar in a JSON document except the item's own id."""
        if isinstance(doc, dict):
            return [v for k, x in doc.items() if k != "id" for v in self.values(x)]
        if isinstance(doc, list):
            return [v for x in doc for v in self.values(x)]
        return [doc]


if __name__ == "__main__":
    main()
