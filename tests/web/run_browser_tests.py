#!/usr/bin/python3
"""Runs the browser tests (browser.test.mjs, Playwright driving Debian's chromium) against a real
klantstem on 127.0.0.1 with demo data and a real SMTP server (tests/support/smtp_sink.py) that
catches the invitation mails. Screenshots go to --artifacts.

Run: run_browser_tests.py --binary build/release/src/app/klantstem --artifacts DIR
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--artifacts", required=True)
    args = parser.parse_args()
    for tool in ["/usr/bin/chromium", shutil.which("node") or ""]:
        if not tool or not os.access(tool, os.X_OK):
            print("missing %s: run scripts/setup" % (tool or "node"), file=sys.stderr)
            return 1
    work = tempfile.mkdtemp(prefix="klantstem-browser-")
    os.makedirs(args.artifacts, exist_ok=True)
    port_file = os.path.join(work, "smtp.port")
    mail_dir = os.path.join(work, "mail")
    sink = subprocess.Popen(["/usr/bin/python3", os.path.join(ROOT, "tests", "support", "smtp_sink.py"), "--port", "0",
                             "--port-file", port_file, "--dir", mail_dir, "--max-seconds", "600"])
    try:
        for _ in range(200):
            if os.path.exists(port_file):
                break
            time.sleep(0.05)
        smtp_port = open(port_file).read().strip()
        db = ks.sqlite_url(work)
        port = ks.free_port()
        server = ks.KlantstemServer(os.path.abspath(args.binary), db, work, env={
            "KLANTSTEM_SMTP_URL": "smtp://127.0.0.1:%s?from=klantstem@stroomlijn.example" % smtp_port,
            "KLANTSTEM_PUBLIC_URL": "http://127.0.0.1:%d" % port})
        server.cli("demo", "--db", db, "--customers", "300", "--feedback", "3000", "--seed", "7",
                   "--user-password", "Demo-wachtwoord-2026")
        key = server.create_key("browser tests", "admin")
        server.start(port=port)
        env = dict(os.environ, KS_BASE_URL="http://127.0.0.1:%d" % port, KS_MAIL_DIR=mail_dir, KS_API_KEY=key,
                   KS_ARTIFACTS=os.path.abspath(args.artifacts), KS_NODE_MODULES=os.path.join(ROOT, "node_modules"))
        result = subprocess.run(["node", "--test", os.path.join(HERE, "browser.test.mjs")], env=env, timeout=540)
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
