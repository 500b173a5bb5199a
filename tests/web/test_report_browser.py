#!/usr/bin/python3
"""Runs the employee report's browser tests (report_browser.test.mjs, Playwright driving Debian's
chromium on a phone-sized viewport) against a real klantstem on 127.0.0.1 with demo data (the demo
users, password "Demo-wachtwoord-2026"). Screenshots go to --artifacts (report-*.png).

Run: test_report_browser.py --binary build/release/src/app/klantstem --artifacts DIR
"""
import argparse
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))
sys.path.insert(0, os.path.join(ROOT, "tests", "support"))
sys.path.insert(0, HERE)
import klantstem_server as ks  # noqa: E402
from web_client import PASSWORD  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--binary", required=True)
    parser.add_argument("--artifacts", required=True)
    args = parser.parse_args()
    for tool in ["/usr/bin/chromium", shutil.which("node") or ""]:
        if not tool or not os.access(tool, os.X_OK):
            print("missing %s: run scripts/setup" % (tool or "node"), file=sys.stderr)
            return 1
    work = tempfile.mkdtemp(prefix="klantstem-report-browser-")
    os.makedirs(args.artifacts, exist_ok=True)
    try:
        db = ks.sqlite_url(work)
        port = ks.free_port()
        server = ks.KlantstemServer(os.path.abspath(args.binary), db, work,
                                    env={"KLANTSTEM_PUBLIC_URL": "http://127.0.0.1:%d" % port})
        server.cli("demo", "--db", db, "--customers", "100", "--feedback", "600", "--seed", "7",
                   "--user-password", PASSWORD)
        key = server.create_key("report browser tests", "admin")
        server.start(port=port)
        env = dict(os.environ, KS_BASE_URL="http://127.0.0.1:%d" % port, KS_API_KEY=key,
                   KS_ARTIFACTS=os.path.abspath(args.artifacts), KS_NODE_MODULES=os.path.join(ROOT, "node_modules"),
                   KS_PASSWORD=PASSWORD)
        result = subprocess.run(["node", "--test", os.path.join(HERE, "report_browser.test.mjs")], env=env, timeout=280)
        print("screenshots: %s" % os.path.abspath(args.artifacts))
        if result.returncode != 0:
            print(server.log_tail(), file=sys.stderr)
        server.stop()
        return result.returncode
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
