#!/usr/bin/python3
"""Action plans end to end (issue 8 §4–§6): a real `klantstem serve` with demo data on 127.0.0.1, a real
SMTP server (tests/support/mail_sink.py), driven over HTTP like a browser (tests/web/web_client.py).

The story the issue asks for: an employee passes on what a customer said (/report) → the coordinator
takes it from the triage queue into a new action plan → decides "not now" with a reason → the customer's
mail arrives at the SMTP server in their language with that reason and their words, and every employee's
"you said, we did" feed shows the decision. Around it: a colleague who heard a customer we cannot reach
gets a task (and a mail) to tell them in person and ticks it off; a changed decision is told again;
refused steps (no reason, an employee deciding, work before "do", a forged form) change nothing.

Run: test_actions_e2e.py --binary build/release/src/app/klantstem [--engine sqlite|postgres]
"""
import html
import os
import re
import sys

sys.path.insert(0, os.path.dirname(__file__))
import test_report_e2e as report_e2e  # noqa: E402  (its users; its test class is not collected here)
from demo_site import DemoSiteTest, EmployeeReports, main  # noqa: E402

COORDINATOR = report_e2e.COORDINATOR
EMPLOYEE = report_e2e.EMPLOYEE  # Daan Jansen, the reporter
OTHER_EMPLOYEE = report_e2e.OTHER_EMPLOYEE
CUSTOMER = {"external_ref": "actions-e2e-grace", "name": "Grace Hopper", "email": "grace@klant.example",
            "language": "en", "consent_contact": True}
SAID = "The shop closes at five, I can never pick up my parcel after work."
REASON = "We looked at the opening hours: longer hours need two more people, which we cannot hire before summer."
TITLE = "Open until eight on weekdays"
LOCATION = re.compile(r"/actions/(\d+)$")


class ActionPlansTest(EmployeeReports, DemoSiteTest):
    WITH_MAIL = True

    @classmethod
    def started(cls):
        r = cls.server.post("/api/v1/customers", CUSTOMER, key=cls.key)
        if r.status not in (200, 201):
            raise AssertionError("creating the customer: %r" % r)

    # ---- helpers
    def report(self, fields):
        daan = self.client(EMPLOYEE)
        return self.sent_id(self.submit(daan, dict({"kind": "problem", "consent": "1"}, **fields)))

    def triage(self, coordinator, fields):
        """Posts the triage form (op, ids, …) with the page's CSRF token."""
        page = coordinator.get("/actions/triage")
        self.assertEqual(page.status, 200, page)
        return coordinator.post_form("/actions/triage", [("_csrf", page.csrf())] + fields)

    def step(self, c, plan_id, step, fields=None):
        page = c.get("/actions/%d" % plan_id)
        self.assertEqual(page.status, 200, page)
        return c.post_form("/actions/%d/%s" % (plan_id, step), dict({"_csrf": page.csrf()}, **(fields or {})))

    def new_plan_from(self, coordinator, item_ids, title):
        r = self.triage(coordinator, [("op", "create"), ("title", title)] + [("ids", str(i)) for i in item_ids])
        self.assertEqual(r.status, 303, r)
        m = LOCATION.search(r.header("Location") or "")
        self.assertIsNotNone(m, r.header("Location"))
        return int(m.group(1))

    def plan(self, plan_id):
        r = self.server.get("/api/v1/actions/%d" % plan_id, key=self.key)
        self.assertEqual(r.status, 200, r)
        return r.json()

    @staticmethod
    def body(mail):
        return mail.get_body(preferencelist=("plain",)).get_content()

    # ---- the story
    def test_a_report_becomes_a_plan_decided_not_now_and_the_customer_and_every_employee_hear_why(self):
        item_id = self.report({"customer_name": "", "customer_ref": CUSTOMER["external_ref"], "text": SAID})
        cor = self.client(COORDINATOR)
        queue = cor.get("/actions/triage")
        self.assertIn(SAID, html.unescape(queue.text), "the report waits in the triage queue")
        plan_id = self.new_plan_from(cor, [item_id], TITLE)
        self.assertNotIn(SAID, html.unescape(cor.get("/actions/triage").text), "linked: out of the queue")

        page = cor.get("/actions/%d" % plan_id)
        self.assertEqual(page.status, 200, page)
        self.assertIn('id="needs-decision"', page.text)
        self.assertIn(SAID, html.unescape(page.text))
        r = self.step(cor, plan_id, "decide", {"decision": "not_now", "reason": REASON})
        self.assertEqual(r.status, 303, r)

        # The customer's mail, in English (her language), with the reason and her own words.
        mail = self.sink.wait_for(CUSTOMER["email"], 1)[0]
        self.assertIn("Not now", mail["Subject"])
        text = self.body(mail)
        self.assertIn(REASON, text)
        self.assertIn(SAID, text)
        self.assertNotIn("Daan", text, "the customer's mail never names the colleague")

        # Every employee sees it in "you said, we did", with the reason; the plan says who was told.
        lisa = self.client(OTHER_EMPLOYEE)
        feed = lisa.get("/actions/feed")
        self.assertEqual(feed.status, 200, feed)
        feed_text = html.unescape(feed.text)
        self.assertIn(TITLE, feed_text)
        self.assertIn("Nu niet", feed_text)
        self.assertIn(REASON, feed_text)
        plan = self.plan(plan_id)
        self.assertEqual(plan["status"], "decided")
        self.assertEqual(plan["decision"], "not_now")
        told = [i for i in plan["items"] if i["id"] == item_id][0]
        self.assertIsNone(told["told"]["done"])
        self.assertEqual(told["told"]["decided"]["how"], "mail")
        self.assertIsNotNone(told["told"]["decided"]["informed_at"])
        # Colleagues read the plan; the reporter stays "a colleague" for them.
        lisa_page = html.unescape(lisa.get("/actions/%d" % plan_id).text)
        self.assertIn(SAID, lisa_page)
        self.assertNotIn(report_e2e.REPORTER_NAME, lisa_page)
        self.assertNotIn('id="decide-form"', lisa_page, "only coordinators decide")

        # The decision changes ("do"): the customer is told again; then the owner's work can start.
        r = self.step(cor, plan_id, "decide", {"decision": "do", "reason": "Two colleagues start in March."})
        self.assertEqual(r.status, 303, r)
        second = self.sink.wait_for(CUSTOMER["email"], 2)[1]
        self.assertIn("We will do this", second["Subject"])
        self.assertEqual(self.step(cor, plan_id, "start").status, 303)
        self.assertEqual(self.step(cor, plan_id, "finish", {"note": "Since 1 March."}).status, 303)
        done = self.sink.wait_for(CUSTOMER["email"], 3)[2]
        self.assertIn("Done: " + TITLE, done["Subject"])
        # Done: a marker on the analytics trend, and the plan shows the weeks before against after.
        page = cor.get("/actions/%d" % plan_id)
        self.assertIn('id="plan-effect"', page.text)
        events = self.server.get("/api/v1/events", key=self.key).json()
        self.assertIn(TITLE, [e["title"] for e in events["items"]])

    def test_a_colleague_who_heard_an_unknown_customer_gets_a_task_to_tell_them_in_person(self):
        said = "Mijn buurvrouw vindt de nieuwe bezorgtijden onhandig, ze werkt tot zes."
        item_id = self.report({"customer_name": "Buurvrouw Annelies", "text": said})
        cor = self.client(COORDINATOR)
        plan_id = self.new_plan_from(cor, [item_id], "Bezorgen ook 's avonds")
        r = self.step(cor, plan_id, "decide", {"decision": "wont", "reason": "Avondbezorging kost te veel."})
        self.assertEqual(r.status, 303, r)

        daan_mail = self.sink.wait_for("medewerker@stroomlijn.example", 1)
        tell = [m for m in daan_mail if "Buurvrouw Annelies" in m["Subject"]]
        self.assertEqual(len(tell), 1, [m["Subject"] for m in daan_mail])
        daan = self.client(EMPLOYEE)
        actions = daan.get("/actions")
        self.assertIn('id="tell-tasks"', actions.text)
        self.assertIn("Buurvrouw Annelies", html.unescape(actions.text))
        r = daan.post_form("/actions/%d/told" % plan_id, {"_csrf": actions.csrf(), "feedback_id": str(item_id),
                                                          "milestone": "decided"})
        self.assertEqual(r.status, 303, r)
        self.assertNotIn("Buurvrouw Annelies", html.unescape(daan.get("/actions").text))
        told = [i for i in self.plan(plan_id)["items"] if i["id"] == item_id][0]["told"]
        self.assertEqual(told["decided"]["how"], "colleague")
        self.assertIsNotNone(told["decided"]["informed_at"])

    def test_refused_steps_change_nothing(self):
        item_id = self.report({"customer_name": "", "text": "Het parkeerterrein is te klein op zaterdag."})
        cor = self.client(COORDINATOR)
        plan_id = self.new_plan_from(cor, [item_id], "Meer parkeerplaatsen")
        before = self.plan(plan_id)

        r = self.step(cor, plan_id, "decide", {"decision": "not_now", "reason": "   "})
        self.assertEqual(r.status, 400, r)
        self.assertIn('id="action-error"', r.text)
        r = self.step(cor, plan_id, "decide", {"decision": "maybe", "reason": "x"})
        self.assertEqual(r.status, 400, r)
        r = self.step(cor, plan_id, "start")
        self.assertEqual(r.status, 400, r)
        self.assertIn("decide first", html.unescape(r.text))
        lisa = self.client(OTHER_EMPLOYEE)
        r = self.step(lisa, plan_id, "decide", {"decision": "do", "reason": "Ik vind het een goed plan."})
        self.assertEqual(r.status, 403, r)
        # Without the CSRF token: refused before anything is looked at.
        r = cor.post_form("/actions/%d/decide" % plan_id, {"decision": "do", "reason": "Forged."})
        self.assertEqual(r.status, 403, r)
        r = lisa.post_form("/actions", {"_csrf": lisa.get("/actions").csrf(), "title": "Mijn eigen plan"})
        self.assertEqual(r.status, 403, r)
        after = self.plan(plan_id)
        self.assertEqual((after["status"], after.get("decision"), len(after["timeline"])),
                         (before["status"], before.get("decision"), len(before["timeline"])))

    def test_a_new_plan_is_refused_with_the_field_named_and_what_was_typed_kept(self):
        cor = self.client(COORDINATOR)
        page = cor.get("/actions")
        r = cor.post_form("/actions", {"_csrf": page.csrf(), "title": "Nieuwe kassa's", "due_date": "31-12-2027"})
        self.assertEqual(r.status, 400, r)
        self.assertIn("Streefdatum", html.unescape(r.text))
        self.assertIn('value="Nieuwe kassa&#39;s"', r.text)
        r = cor.post_form("/actions", {"_csrf": page.csrf(), "title": "Nieuwe kassa's", "due_date": "2027-12-31"})
        self.assertEqual(r.status, 303, r)
        plan_id = int(LOCATION.search(r.header("Location")).group(1))
        # Editing: a bad unit is refused and changes nothing; then the plan gets its owner's unit and date.
        r = self.step(cor, plan_id, "edit", {"title": "Nieuwe kassa's", "unit": "nergens"})
        self.assertEqual(r.status, 400, r)
        self.assertEqual(self.plan(plan_id)["due_date"], "2027-12-31")
        r = self.step(cor, plan_id, "edit", {"title": "Snellere kassa's", "unit": "utrecht-centrum",
                                             "due_date": "2028-01-31", "description": "Twee extra kassa's."})
        self.assertEqual(r.status, 303, r)
        plan = self.plan(plan_id)
        self.assertEqual((plan["title"], plan["due_date"], plan["description"]),
                         ("Snellere kassa's", "2028-01-31", "Twee extra kassa's."))
        self.assertEqual(self.step(self.client(OTHER_EMPLOYEE), plan_id, "edit", {"title": "x"}).status, 403)

    def test_every_employee_reads_the_wall_with_counts_per_team_and_never_per_reporter(self):
        said = "Een klant op de markt: de nieuwe app logt steeds uit."
        item_id = self.report({"customer_name": "", "text": said})
        lisa = self.client(OTHER_EMPLOYEE)
        wall = lisa.get("/inbox?source=employee")
        self.assertEqual(wall.status, 200, wall)
        self.assertIn(said, html.unescape(wall.text), "every employee reads all feedback")
        self.assertIn('id="inbox-teams"', wall.text)
        teams = lisa.get("/inbox/teams?source=employee")
        self.assertEqual(teams.status, 200, teams)
        rows = re.findall(r"<tr><td>(?:<a href=\"([^\"]*)\">)?([^<]*)(?:</a>)?</td><td>([^<]*)</td></tr>",
                          html.unescape(teams.text))
        self.assertTrue(rows, teams.text)
        by_team = {name: int(count.replace(".", "")) for _, name, count in rows}
        self.assertGreaterEqual(by_team.get("Utrecht Centrum", by_team.get("utrecht-centrum", 0)), 1, by_team)
        self.assertNotIn(report_e2e.REPORTER_NAME, teams.text)
        # A team's count links to the wall of that team with the same filters.
        links = [href for href, _, _ in rows if href]
        self.assertTrue(all("source=employee" in href and "unit=" in href for href in links), links)
        bad = lisa.get("/inbox/teams?from=gisteren")
        self.assertEqual(bad.status, 200)
        self.assertIn('role="alert"', bad.text)
        self.assertIsNotNone(item_id)


if __name__ == "__main__":
    main()
