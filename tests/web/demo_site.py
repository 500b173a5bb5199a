"""The base of the web tests that run against one `klantstem serve` with the demo organisation on
127.0.0.1, started once per test class, on SQLite or on the PostgreSQL of the `postgres` ctest fixture.

    class MyTest(DemoSiteTest):
        DEMO = ("--customers", "40", "--feedback", "200", "--seed", "11")
        KEYS = {"key": "admin"}   # API keys made before the server starts: attribute → scopes
        WITH_MAIL = True          # a real SMTP server (tests/support/mail_sink.py) receives the mails: cls.sink

    if __name__ == "__main__":
        main()                    # reads --binary and --engine, runs the tests

Subclasses may add `prepare(cls)` (after the demo is loaded, before the server starts) and `started(cls)`
(once it runs). Every demo
user's password is web_client.PASSWORD; `client(email)` is a logged-in browser-like client.
"""
import os
import re
import shutil
import sys
import tempfile
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "support"))
import klantstem_server as ks  # noqa: E402
from mail_sink import MailSink  # noqa: E402
from web_client import PASSWORD, WebClient  # noqa: E402

ARGS = None  # set by main()
REPORT_KEY = re.compile(r'name="report_key" value="([0-9a-f]+)"')


class DemoSiteTest(unittest.TestCase):
    DEMO = ("--customers", "60", "--feedback", "300", "--seed", "7")
    KEYS = {"key": "admin"}
    WITH_MAIL = False

    @classmethod
    def setUpClass(cls):
        cls.dir = tempfile.mkdtemp(prefix="klantstem-%s-" % cls.__name__.lower())
        cls.sink = cls.database = cls.server = None
        try:
            port = ks.free_port()
            env = {"KLANTSTEM_PUBLIC_URL": "http://%s:%d" % (ks.HOST, port)}
            if cls.WITH_MAIL:
                cls.sink = MailSink(os.path.join(cls.dir, "mail"))
                env["KLANTSTEM_SMTP_URL"] = cls.sink.url()
            cls.database = ks.Database(ARGS.engine, cls.dir)
            cls.db = cls.database.url
            cls.server = ks.KlantstemServer(ARGS.binary, cls.db, cls.dir, env=env)
            cls.server.cli("demo", "--db", cls.db, *cls.DEMO, "--user-password", PASSWORD)
            for attribute, scopes in cls.KEYS.items():
                setattr(cls, attribute, cls.server.create_key(attribute, scopes))
            cls.prepare()
            cls.server.start(port=port)
            cls.started()
        except BaseException:
            cls.tearDownClass()
            raise

    @classmethod
    def prepare(cls):
        """More set-up before the server starts (users, settings); nothing by default."""

    @classmethod
    def started(cls):
        """More set-up once the server runs (through the API); nothing by default."""

    @classmethod
    def tearDownClass(cls):
        if cls.server is not None:
            cls.server.stop()
        if cls.database is not None:
            cls.database.cleanup()
        if cls.sink is not None:
            cls.sink.close()
        shutil.rmtree(cls.dir, ignore_errors=True)

    @staticmethod
    def engine():
        return ARGS.engine

    def client(self, email):
        """A browser-like client logged in as `email`."""
        c = WebClient(self.server.port)
        r = c.login(email)
        self.assertEqual(r.status, 303, r)
        return c


class EmployeeReports:
    """Filing employee reports through /report as a browser does (a mixin for DemoSiteTest classes)."""

    def report_form(self, c):
        """A fresh report form: the fields a browser would send with it (CSRF token, report_key)."""
        page = c.get("/report")
        self.assertEqual(page.status, 200, page)
        m = REPORT_KEY.search(page.text)
        self.assertIsNotNone(m, "no report_key on the form")
        return {"_csrf": page.csrf(), "report_key": m.group(1)}

    def submit(self, c, fields, form=None):
        return c.post_form("/report", dict(form or self.report_form(c), **fields))

    def sent_id(self, r):
        self.assertEqual(r.status, 303, r)
        location = r.header("Location")
        m = re.fullmatch(r"/report\?sent=(\d+)", location or "")
        self.assertIsNotNone(m, location)
        return int(m.group(1))


def main():
    global ARGS
    ARGS, rest = ks.parse_args()
    unittest.main(argv=rest, verbosity=2)
