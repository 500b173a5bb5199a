#!/usr/bin/python3
"""The employee report (issue 8 §1) end to end: a real `klantstem serve` with demo data on 127.0.0.1,
driven over HTTP like a browser (tests/web/web_client.py), checked through the JSON API.

Covers: a complete report becomes an employee-sourced feedback item (source and channel "employee",
the reporter's unit, report_kind / contact_consent / customer_name attributes) and the JSON API never
carries the reporter; the same form posted twice stores one item; refused reports (no text, unknown
kind, unknown customer_ref) are a 400 naming the field, with what was typed kept and nothing stored;
a known customer picked links the item to them; customer suggestions follow the organisation setting
"employees see customer names"; the reporter's name on the item page only for the reporter,
coordinators and admins.

Run: test_report_e2e.py --binary build/release/src/app/klantstem [--engine sqlite|postgres]
"""
import html
import os
import re
import sys
import urllib.parse

sys.path.insert(0, os.path.dirname(__file__))
from demo_site import DemoSiteTest, EmployeeReports, main  # noqa: E402
from web_client import WebClient  # noqa: E402

ADMIN = "beheer@stroomlijn.example"
COORDINATOR = "coordinator@stroomlijn.example"
MANAGER = "manager.utrecht@stroomlijn.example"  # manager of the reporter's unit
EMPLOYEE = "medewerker@stroomlijn.example"  # Daan Jansen, utrecht-centrum: the reporter
OTHER_EMPLOYEE = "lisa.bakker@stroomlijn.example"  # Lisa Bakker, klantenservice
REPORTER_NAME = "Daan Jansen"
CUSTOMER = {"external_ref": "report-e2e-wilhelmina", "name": "Wilhelmina Zonnebloem",
            "email": "wilhelmina@klant.example", "language": "nl"}
REPORTER_KEYS = {"reporter", "reported_by", "reporter_name", "reporter_id"}


def keys_anywhere(doc):
    """Every object key in a JSON document, at any depth."""
    if isinstance(doc, dict):
        out = set(doc)
        for v in doc.values():
            out |= keys_anywhere(v)
        return out
    if isinstance(doc, list):
        out = set()
        for v in doc:
            out |= keys_anywhere(v)
        return out
    return set()


class EmployeeReportTest(EmployeeReports, DemoSiteTest):
    @classmethod
    def started(cls):
        r = cls.server.post("/api/v1/customers", CUSTOMER, key=cls.key)
        if r.status not in (200, 201):
            raise AssertionError("creating the customer: %r" % r)

    # ---- helpers
    def api(self, method, path, body=None):
        return self.server.request(method, path, body=body, key=self.key)

    def employee_items(self):
        """All employee-sourced items of channel "employee" through the API (every page)."""
        items, cursor = [], None
        while True:
            query = {"source": "employee", "channel": "employee", "limit": "100"}
            if cursor:
                query["cursor"] = cursor
            r = self.server.get("/api/v1/feedback", key=self.key, query=query)
            self.assertEqual(r.status, 200, r)
            items += r.json()["items"]
            cursor = r.json().get("next_cursor")
            if not cursor:
                return items

    def items_with_text(self, text):
        return [i for i in self.employee_items() if i["text"] == text]

    def assert_refused(self, r, label, text):
        """A 400 with the form again, an alert naming the field, and nothing stored."""
        self.assertEqual(r.status, 400, r)
        self.assertIn('id="report-error"', r.text)
        alert = re.search(r'id="report-error">([^<]*)<', r.text)
        self.assertIsNotNone(alert, r.text[:2000])
        self.assertIn(label, html.unescape(alert.group(1)))
        self.assertIn('id="report-form"', r.text)
        if text:
            self.assertEqual(self.items_with_text(text), [])

    # ---- storing
    def test_a_complete_report_is_stored_as_employee_feedback_and_the_api_never_shows_the_reporter(self):
        daan = self.client(EMPLOYEE)
        text = "De kassa bij de ingang was al een week kapot, zei mevrouw op het schoolplein."
        item_id = self.sent_id(self.submit(daan, {"customer_name": "Mevrouw Onbekend-Schoolplein", "text": text,
                                                  "kind": "problem", "consent": "1"}))
        done = daan.get("/report?sent=%d" % item_id)
        self.assertEqual(done.status, 200)
        self.assertIn('id="report-sent"', done.text)
        # Mustache escapes "/" in attribute values.
        self.assertIn('href="/feedback/%d"' % item_id, done.text.replace("&#x2F;", "/"))

        r = self.api("GET", "/api/v1/feedback/%d" % item_id)
        self.assertEqual(r.status, 200, r)
        item = r.json()
        self.assertEqual(item["source"], "employee")
        self.assertEqual(item["channel"], "employee")
        self.assertEqual(item["unit"], "utrecht-centrum", "the reporter's unit")
        self.assertEqual(item["text"], text)
        self.assertIsNone(item["customer"], "a typed name is not a known customer")
        self.assertEqual(item["attributes"].get("report_kind"), "problem")
        self.assertEqual(item["attributes"].get("contact_consent"), "yes")
        self.assertEqual(item["attributes"].get("customer_name"), "Mevrouw Onbekend-Schoolplein")
        # No reporter anywhere: not as a key at any depth, not as a name or user id value.
        self.assertFalse(REPORTER_KEYS & keys_anywhere(item), item)
        self.assertNotIn(REPORTER_NAME, r.text)
        # Only a real item id shows the notice and its link.
        for bad in ["abc", "0", "-1", "1x", "%d%%3Cscript%%3E" % item_id]:
            with self.subTest(sent=bad):
                page = daan.get("/report?sent=" + bad)
                self.assertEqual(page.status, 200)
                self.assertNotIn('id="report-sent"', page.text)
                self.assertNotIn("<script>", page.text)
        listed = [i for i in self.employee_items() if i["id"] == item_id]
        self.assertEqual(len(listed), 1)
        self.assertFalse(REPORTER_KEYS & keys_anywhere(listed), listed)
        self.assertNotIn(REPORTER_NAME, self.server.get("/api/v1/feedback", key=self.key,
                                                        query={"source": "employee", "limit": "100"}).text)

    def test_without_consent_and_without_a_name_the_report_is_stored_with_consent_no(self):
        daan = self.client(EMPLOYEE)
        text = "Een idee van een klant: zaterdag ook open tot zes uur."
        item_id = self.sent_id(self.submit(daan, {"customer_name": "", "text": text, "kind": "idea"}))
        item = self.api("GET", "/api/v1/feedback/%d" % item_id).json()
        self.assertEqual(item["attributes"].get("report_kind"), "idea")
        self.assertEqual(item["attributes"].get("contact_consent"), "no")
        self.assertNotIn("customer_name", item["attributes"])
        self.assertIsNone(item["customer"])

    def test_the_same_form_posted_twice_stores_one_item(self):
        daan = self.client(EMPLOYEE)
        form = self.report_form(daan)
        text = "Dubbel verstuurd: de bezorger belde niet aan maar liet een briefje achter."
        fields = {"customer_name": "Meneer Dubbel", "text": text, "kind": "problem", "consent": "1"}
        first = self.sent_id(self.submit(daan, fields, form))
        second = self.sent_id(self.submit(daan, fields, form))
        self.assertEqual(first, second)
        self.assertEqual([i["id"] for i in self.items_with_text(text)], [first])
        # A new form (a new report_key) with the same words is a new report.
        third = self.sent_id(self.submit(daan, fields))
        self.assertNotEqual(third, first)
        self.assertEqual(sorted(i["id"] for i in self.items_with_text(text)), sorted([first, third]))

    def test_a_report_without_text_is_refused_naming_the_field_and_keeps_what_was_typed(self):
        daan = self.client(EMPLOYEE)
        r = self.submit(daan, {"customer_name": "Mevrouw Zonder-Tekst", "text": "   ", "kind": "praise",
                               "consent": "1"})
        self.assert_refused(r, "Wat de klant zei", None)
        self.assertIn('value="Mevrouw Zonder-Tekst"', r.text)
        self.assertRegex(r.text, r'value="praise" required checked')
        self.assertIn('id="report-consent" checked', r.text)
        stored = [i for i in self.employee_items() if i["attributes"].get("customer_name") == "Mevrouw Zonder-Tekst"]
        self.assertEqual(stored, [])
        # Missing altogether is the same.
        r = self.submit(daan, {"customer_name": "Mevrouw Zonder-Tekst", "kind": "praise"})
        self.assert_refused(r, "Wat de klant zei", None)

    def test_a_report_with_an_unknown_or_missing_kind_is_refused(self):
        daan = self.client(EMPLOYEE)
        text = "Soort onbekend: de klant wilde graag een factuur per post."
        r = self.submit(daan, {"text": text, "kind": "complaint"})
        self.assert_refused(r, "Probleem, idee of compliment", text)
        self.assertIn(html.escape(text, quote=False), r.text, "what was typed is kept")
        r = self.submit(daan, {"text": text})
        self.assert_refused(r, "Probleem, idee of compliment", text)

    def test_a_report_about_a_customer_that_does_not_exist_is_refused(self):
        daan = self.client(EMPLOYEE)
        text = "Klant bestaat niet: de klant vroeg om een terugbelverzoek."
        r = self.submit(daan, {"customer_ref": "report-e2e-nobody", "text": text, "kind": "problem"})
        self.assert_refused(r, "De klant", text)
        self.assertIn(html.escape(text, quote=False), r.text, "what was typed is kept")
        # The unknown customer is not kept in the form: sending it again (say, after fixing the text) works.
        self.assertNotIn("report-e2e-nobody", r.text)

    def test_a_too_long_text_is_refused(self):
        daan = self.client(EMPLOYEE)
        r = self.submit(daan, {"text": "x" * 5001, "kind": "problem"})
        self.assert_refused(r, "Wat de klant zei", "x" * 5001)

    def test_a_known_customer_picked_links_the_item_to_them(self):
        manager = self.client(MANAGER)
        text = "Mevrouw Zonnebloem vond de nieuwe openingstijden prima."
        item_id = self.sent_id(self.submit(manager, {"customer_name": "Zonneb", "customer_ref": CUSTOMER["external_ref"],
                                                     "text": text, "kind": "praise"}))
        item = self.api("GET", "/api/v1/feedback/%d" % item_id).json()
        self.assertEqual((item["customer"] or {}).get("external_ref"), CUSTOMER["external_ref"])
        self.assertNotIn("customer_name", item["attributes"], "a picked customer needs no typed name")
        self.assertEqual(item["attributes"].get("report_kind"), "praise")
        self.assertFalse(REPORTER_KEYS & keys_anywhere(item), item)
        listed = self.server.get("/api/v1/feedback", key=self.key,
                                 query={"customer": CUSTOMER["external_ref"], "limit": "50"}).json()["items"]
        self.assertIn(item_id, [i["id"] for i in listed])

    def test_posting_needs_the_csrf_token(self):
        daan = self.client(EMPLOYEE)
        form = self.report_form(daan)
        text = "Zonder token: dit mag niet opgeslagen worden."
        r = daan.post_form("/report", {"report_key": form["report_key"], "text": text, "kind": "problem"})
        self.assertEqual(r.status, 403, r)
        r = daan.post_form("/report", dict(form, text=text, kind="problem"), origin="http://evil.example")
        self.assertEqual(r.status, 403, r)
        self.assertEqual(self.items_with_text(text), [])
        anonymous = WebClient(self.server.port)
        self.assertEqual(anonymous.get("/report").status, 303)

    # ---- customer suggestions
    def suggestions(self, c, typed):
        r = c.get("/report/customers?customer_name=" + urllib.parse.quote(typed))
        self.assertEqual(r.status, 200, r)
        return re.findall(r'name="customer_ref" value="([^"]+)"', r.text), r.text

    def test_suggestions_show_known_customers_to_managers_and_coordinators_only(self):
        for email in [MANAGER, COORDINATOR, ADMIN]:
            with self.subTest(user=email):
                c = self.client(email)
                refs, text = self.suggestions(c, "zonnEBL")
                self.assertIn(CUSTOMER["external_ref"], refs)
                self.assertIn(CUSTOMER["name"], text)
                self.assertIn('hx-get="/report/customers"', c.get("/report").text)
                # Fewer than two characters, or LIKE wildcards typed, find nothing.
                self.assertEqual(self.suggestions(c, "z")[0], [])
                self.assertEqual(self.suggestions(c, "%%")[0], [])
                self.assertEqual(self.suggestions(c, "__")[0], [])
        daan = self.client(EMPLOYEE)
        refs, text = self.suggestions(daan, "zonnebl")
        self.assertEqual(refs, [])
        self.assertNotIn(CUSTOMER["name"], text)
        self.assertNotIn('hx-get="/report/customers"', daan.get("/report").text)

    def test_employees_get_suggestions_when_the_organisation_lets_them_see_customer_names(self):
        admin = self.client(ADMIN)
        form = admin.get("/admin/settings")
        on = admin.post_form("/admin/settings", {"_csrf": form.csrf(), "name": "Stroomlijn",
                                                 "time_zone": "Europe/Amsterdam", "default_language": "nl",
                                                 "employees_see_customer_names": "1"})
        self.assertEqual(on.status, 303, on)
        try:
            daan = self.client(EMPLOYEE)
            refs, _ = self.suggestions(daan, "zonnebl")
            self.assertEqual(refs, [CUSTOMER["external_ref"]])
            self.assertIn('hx-get="/report/customers"', daan.get("/report").text)
        finally:
            off = admin.post_form("/admin/settings", {"_csrf": form.csrf(), "name": "Stroomlijn",
                                                      "time_zone": "Europe/Amsterdam", "default_language": "nl"})
            self.assertEqual(off.status, 303, off)
        self.assertEqual(self.suggestions(self.client(EMPLOYEE), "zonnebl")[0], [])

    # ---- the reporter's privacy
    def test_only_the_reporter_coordinators_and_admins_see_who_passed_it_on(self):
        daan = self.client(EMPLOYEE)
        text = "Privacy: de klant zei dat de wachtrij bij de balie te lang was."
        item_id = self.sent_id(self.submit(daan, {"customer_name": "Meneer Wachtrij", "text": text, "kind": "problem"}))
        path = "/feedback/%d" % item_id
        for email, named in [(EMPLOYEE, True), (ADMIN, True), (COORDINATOR, True), (OTHER_EMPLOYEE, False),
                             (MANAGER, False)]:
            with self.subTest(user=email):
                page = self.client(email).get(path)
                self.assertEqual(page.status, 200, page)
                self.assertIn(html.escape(text, quote=False), page.text)
                reporter = re.search(r'<p class="reporter">([^<]*)</p>', page.text)
                self.assertIsNotNone(reporter, "the item page says who reported it")
                if named:
                    self.assertEqual(html.unescape(reporter.group(1)), "Gemeld door " + REPORTER_NAME)
                else:
                    self.assertEqual(html.unescape(reporter.group(1)), "Gemeld door een collega")
                    self.assertNotIn(REPORTER_NAME, page.text)


if __name__ == "__main__":
    main()
