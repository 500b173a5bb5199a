#!/usr/bin/python3
"""Browser test of the executive callbacks and the client seat (issue 7, items 4 and 5): a real klantstem
on 127.0.0.1 with a fresh database, people added through the CLI and unhappy feedback sent through the
real API; once the rule runner has opened the cases, test_callbacks_browser.mjs (Playwright driving
Debian's chromium, like browser.test.mjs) logs in as an executive, opens /callbacks (the week is
planned on that first look), reads the customer's words and history, records the call with what was
heard, finds it on the case's timeline and in the report, reads the raw words on /client-seat, and
checks that a manager and an employee get 403. Screenshots go to --artifacts; axe-core checks each page.

Run: test_callbacks_browser.py --binary build/release/src/app/klantstem --artifacts DIR
"""
import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "support"))
import klantstem_server as ks  # noqa: E402

PASSWORD = "Terugbellen-2026"
CASE_WAIT = 30  # seconds: the rule runner polls every 0.5 s
# e-mail -> (name, role, unit). Eva is added before Evert: of equals, the lower id gets the first call.
USERS = {
    "eva@stroomlijn.example": ("Eva Directeur", "executive", None),
    "evert@stroomlijn.example": ("Evert Directeur", "executive", None),
    "ada@stroomlijn.example": ("Ada Beheer", "admin", None),
    "cor@stroomlijn.example": ("Cor Coördinator", "coordinator", None),
    "maarten@stroomlijn.example": ("Maarten Manager", "manager", "winkel-centrum"),
    "emma@stroomlijn.example": ("Emma Medewerker", "employee", "winkel-centrum"),
}
# Unhappy customers, most severe first: Bram (nps 1) goes to Eva, Sanne (nps 2) to Evert, and the
# customer whose words try to run a script (nps 3) to Eva again. Bram also has older, happier feedback.
CUSTOMERS = [
    {"external_ref": "klant-bram", "name": "Bram Boos", "phone": "+31 6 1111 2222", "text":
     "De monteur kwam drie keer niet opdagen. Ik zeg mijn abonnement op.", "score": 1},
    {"external_ref": "klant-sanne", "name": "Sanne Stil", "phone": "+31 6 3333 4444", "text":
     "Niemand belt ooit terug.", "score": 2},
    {"external_ref": "klant-xss", "name": "<img src=x onerror=\"window.__pwned=1\">", "phone": "+31 6 5555 6666",
     "text": "Slecht <script>window.__pwned=1</script> geholpen.", "score": 3},
]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--artifacts", required=True)
    args = parser.parse_args()
    for tool in ["/usr/bin/chromium", shutil.which("node") or ""]:
        if not tool or not os.access(tool, os.X_OK):
            print("missing %s: run scripts/setup" % (tool or "node"), file=sys.stderr)
            return 1
    work = tempfile.mkdtemp(prefix="klantstem-callbacks-")
    os.makedirs(args.artifacts, exist_ok=True)
    server = None
    try:
        db = ks.sqlite_url(work)
        server = ks.KlantstemServer(os.path.abspath(args.binary), db, work)
        server.migrate()
        key = server.create_key("callbacks browser test", "admin")
        server.start()
        api = Api(server, key)
        api.call("POST", "/api/v1/units", {"code": "winkel-centrum", "name": "Winkel Centrum", "kind": "location"}, 201)
        for email, (name, role, unit) in USERS.items():
            command = ["user", "add", "--db", db, "--email", email, "--name", name, "--role", role, "--language", "nl",
                       "--password-stdin"]
            if unit:
                command += ["--unit", unit]
            server.cli(*command, input_text=PASSWORD + "\n")
        feedback = {}
        for customer in CUSTOMERS:
            ref = customer["external_ref"]
            api.call("POST", "/api/v1/customers", {"external_ref": ref, "name": customer["name"],
                                                   "email": ref + "@example.nl", "phone": customer["phone"],
                                                   "language": "nl", "consent_contact": True}, 201)
        # Bram's earlier, happier visit: part of the history the executive reads before calling.
        api.call("POST", "/api/v1/feedback", {
            "source": "survey", "channel": "email", "customer": {"external_ref": "klant-bram"}, "unit": "winkel-centrum",
            "score": {"value": 8, "scale": "nps"}, "text": "Vorige keer werd ik prima geholpen.",
            "received_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(time.time() - 3 * 86400)),
            "idempotency_key": "callbacks-browser-history"}, 201)
        for customer in CUSTOMERS:
            ref = customer["external_ref"]
            item = api.call("POST", "/api/v1/feedback", {
                "source": "survey", "channel": "email", "customer": {"external_ref": ref}, "unit": "winkel-centrum",
                "score": {"value": customer["score"], "scale": "nps"}, "text": customer["text"],
                "idempotency_key": "callbacks-browser-" + ref}, 201)
            feedback[ref] = item["id"]
        # The rule runner opens the cases in the background: wait until each item is in one.
        cases = {}
        deadline = time.monotonic() + CASE_WAIT
        while len(cases) < len(feedback):
            listed = api.call("GET", "/api/v1/cases?status=all&limit=100", None, 200)["items"]
            cases = {ref: c["id"] for c in listed for ref, fid in feedback.items() if c["opening_feedback_id"] == fid}
            if time.monotonic() > deadline:
                raise AssertionError("no cases for %r within %ds\n%s" % (feedback, CASE_WAIT, server.log_tail()))
            time.sleep(0.2)
        env = dict(os.environ, KS_BASE_URL="http://127.0.0.1:%d" % server.port, KS_PASSWORD=PASSWORD,
                   KS_FIXTURE=json.dumps({"feedback": feedback, "cases": cases, "customers": CUSTOMERS}),
                   KS_ARTIFACTS=os.path.abspath(args.artifacts), KS_NODE_MODULES=os.path.join(ROOT, "node_modules"))
        result = subprocess.run(["node", "--test", os.path.join(HERE, "test_callbacks_browser.mjs")], env=env,
                                timeout=540)
        print("screenshots: %s" % os.path.abspath(args.artifacts))
        if result.returncode != 0:
            print(server.log_tail(), file=sys.stderr)
        return result.returncode
    finally:
        if server is not None:
            server.stop()
        shutil.rmtree(work, ignore_errors=True)


class Api:
    def __init__(self, server, key):
        self.server = server
        self.key = key

    def call(self, method, path, body, expect):
        r = self.server.request(method, path, body, key=self.key)
        if r.status != expect:
            raise AssertionError("%s %s: expected %d, got %r\n%s" % (method, path, expect, r, self.server.log_tail(20)))
        return r.json()


if __name__ == "__main__":
    sys.exit(main())
