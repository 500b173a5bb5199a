#!/usr/bin/python3
"""Runs the case pages' browser tests (cases_browser.test.mjs, Playwright driving Debian's chromium)
against a real klantstem on 127.0.0.1 with a real SMTP server (tests/support/smtp_sink.py) that
catches the e-mail sent to the customer from the case. Screenshots go to --artifacts (cases-*.png).

The organisation is made here through the CLI and the API, as a customer would: two units
("cases-noord", "cases-zuid"), a manager of the first and an employee of the second; the test itself
creates the customers and the unhappy feedback that makes the rule runner open the cases.

Run: test_cases_browser.py --binary build/release/src/app/klantstem --artifacts DIR
"""
import argparse
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "support"))
import klantstem_server as ks  # noqa: E402

PASSWORD = "Zaken-afhandelen-2026"
UNITS = [{"code": "cases-noord", "name": "Vestiging Noord", "kind": "location"},
         {"code": "cases-zuid", "name": "Vestiging Zuid", "kind": "location"}]
USERS = [("manager.noord@cases.example", "Mira Manager", "manager", "cases-noord"),
         ("medewerker.zuid@cases.example", "Erik Employee", "employee", "cases-zuid")]


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--artifacts", required=True)
    args = parser.parse_args()
    for tool in ["/usr/bin/chromium", shutil.which("node") or ""]:
        if not tool or not os.access(tool, os.X_OK):
            print("missing %s: run scripts/setup" % (tool or "node"), file=sys.stderr)
            return 1
    work = tempfile.mkdtemp(prefix="klantstem-cases-browser-")
    os.makedirs(args.artifacts, exist_ok=True)
    port_file = os.path.join(work, "smtp.port")
    mail_dir = os.path.join(work, "mail")
    sink = subprocess.Popen(["/usr/bin/python3", os.path.join(ROOT, "tests", "support", "smtp_sink.py"), "--port", "0",
                             "--port-file", port_file, "--dir", mail_dir, "--max-seconds", "300"])
    try:
        for _ in range(200):
            if os.path.exists(port_file):
                break
            time.sleep(0.05)
        smtp_port = open(port_file).read().strip()
        db = ks.sqlite_url(work)
        port = ks.free_port()
        server = ks.KlantstemServer(os.path.abspath(args.binary), db, work, env={
            "KLANTSTEM_SMTP_URL": "smtp://127.0.0.1:%s?from=klantstem@cases.example" % smtp_port,
            "KLANTSTEM_PUBLIC_URL": "http://127.0.0.1:%d" % port})
        server.migrate()
        key = server.create_key("cases browser tests", "admin")
        server.start(port=port)
        for unit in UNITS:
            r = server.post("/api/v1/units", unit, key=key)
            if r.status not in (200, 201):
                raise AssertionError("creating unit %s: %r" % (unit["code"], r))
        for email, name, role, unit in USERS:
            server.cli("user", "add", "--db", db, "--email", email, "--name", name, "--role", role, "--unit", unit,
                       "--language", "nl", "--password-stdin", input_text=PASSWORD + "\n")
        env = dict(os.environ, KS_BASE_URL="http://127.0.0.1:%d" % port, KS_MAIL_DIR=mail_dir, KS_API_KEY=key,
                   KS_ARTIFACTS=os.path.abspath(args.artifacts), KS_NODE_MODULES=os.path.join(ROOT, "node_modules"),
                   KS_PASSWORD=PASSWORD)
        result = subprocess.run(["node", "--test", os.path.join(HERE, "cases_browser.test.mjs")], env=env, timeout=280)
        print("screenshots: %s" % os.path.abspath(args.artifacts))
        if result.returncode != 0:
            print(server.log_tail(), file=sys.stderr)
        server.stop()
        return result.returncode
    finally:
        sink.send_signal(signal.SIGTERM)
        sink.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
