"""Runs a real `klantstem` binary for end-to-end tests (standard library only; /usr/bin/python3).

What it offers:
  * KlantstemServer: `migrate`, `create_key`, `start` (serve on a free 127.0.0.1 port, wait until
    "listening on" is logged and /healthz answers), request helpers built on http.client, `stop`
    (SIGTERM, then SIGKILL) and `kill` (SIGKILL, for crash tests). Every server started here is
    killed at interpreter exit and also when this Python process dies (PR_SET_PDEATHSIG), so a
    failing or killed test never leaves a server behind.
  * Databases: `sqlite_url(dir)`, and for PostgreSQL `PostgresDatabase` which creates a fresh
    database on the server named by the `postgres` ctest fixture (the admin URL is in the file
    named by $KLANTSTEM_TEST_POSTGRES_URL_FILE) and drops it afterwards.
  * `parse_args()`: the command line every e2e test takes (`--binary PATH [--engine sqlite|postgres]`),
    the remaining arguments go to unittest.

All traffic is to 127.0.0.1.
"""

import atexit
import ctypes
import http.client
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

HOST = "127.0.0.1"
PSQL = "/usr/bin/psql"

_live_processes = []  # every serve process started and not yet reaped
_live_lock = threading.Lock()


def _kill_all_live():
    with _live_lock:
        procs = list(_live_processes)
    for proc in procs:
        if proc.poll() is None:
            try:
                proc.kill()
                proc.wait(timeout=10)
            except Exception:  # noqa: BLE001 - best effort at exit
                pass


atexit.register(_kill_all_live)


def _on_fatal_signal(signum, _frame):
    _kill_all_live()
    # Re-raise with the default action so the exit status still says what happened.
    signal.signal(signum, signal.SIG_DFL)
    os.kill(os.getpid(), signum)


for _sig in (signal.SIGTERM, signal.SIGHUP):
    try:
        signal.signal(_sig, _on_fatal_signal)
    except (ValueError, OSError):  # not the main thread (imported lazily); atexit still helps
        pass


def _die_with_parent():
    """preexec_fn: the child gets SIGKILL when this Python process dies (even by SIGKILL)."""
    try:
        libc = ctypes.CDLL("libc.so.6", use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
    except Exception:  # noqa: BLE001 - not fatal; atexit and stop() still clean up
        pass


def free_port():
    """A TCP port on 127.0.0.1 that was free a moment ago (bind to port 0 and ask)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def parse_args(argv=None):
    """Parses `--binary PATH [--engine sqlite|postgres]`; returns (options, rest for unittest)."""
    import argparse

    parser = argparse.ArgumentParser(add_help=False)
    parser.add_argument("--binary", required=True, help="path of the klantstem binary")
    parser.add_argument("--engine", choices=["sqlite", "postgres"],
                        default=os.environ.get("KLANTSTEM_TEST_ENGINE", "sqlite"))
    options, rest = parser.parse_known_args(argv if argv is not None else sys.argv[1:])
    options.binary = os.path.abspath(options.binary)
    if not os.access(options.binary, os.X_OK):
        parser.error("--binary %s is not an executable file" % options.binary)
    return options, [sys.argv[0]] + rest


def sqlite_url(directory, name="klantstem.db"):
    return "sqlite:" + os.path.join(directory, name)


# --------------------------------------------------------------------------------------------
# PostgreSQL


def postgres_admin_url():
    """The admin URL written by the `postgres` ctest fixture; raises when it is not available."""
    path = os.environ.get("KLANTSTEM_TEST_POSTGRES_URL_FILE")
    if not path:
        raise RuntimeError("KLANTSTEM_TEST_POSTGRES_URL_FILE is not set (run through ctest, which "
                           "starts the `postgres` fixture)")
    deadline = time.monotonic() + 30
    while True:
        try:
            with open(path, encoding="utf-8") as f:
                url = f.read().strip()
            if url:
                return url
        except FileNotFoundError:
            pass
        if time.monotonic() > deadline:
            raise RuntimeError("no PostgreSQL URL in %s" % path)
        time.sleep(0.2)


def _with_database(url, database):
    parts = urllib.parse.urlsplit(url)
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, "/" + database, parts.query, parts.fragment))


def psql(url, sql, *, check=True):
    """Runs one SQL string with psql (unaligned, tuples only); returns stdout as text."""
    result = subprocess.run([PSQL, "-X", "-q", "-A", "-t", "-v", "ON_ERROR_STOP=1", "-d", url, "-c", sql],
                            stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=60)
    if check and result.returncode != 0:
        raise RuntimeError("psql failed (%d): %s\n%s" % (result.returncode, sql, result.stderr))
    return result.stdout


class PostgresDatabase:
    """A fresh database on the fixture's server; `url` is what `--db` takes. Drop with `drop()`."""

    def __init__(self, prefix="ks_e2e"):
        self.admin_url = postgres_admin_url()
        self.name = "%s_%d_%s" % (prefix, os.getpid(), os.urandom(4).hex())
        psql(self.admin_url, 'DROP DATABASE IF EXISTS "%s"' % self.name)
        psql(self.admin_url, 'CREATE DATABASE "%s"' % self.name)
        self.url = _with_database(self.admin_url, self.name)

    def query(self, sql):
        return psql(self.url, sql)

    def drop(self):
        psql(self.admin_url, 'DROP DATABASE IF EXISTS "%s" WITH (FORCE)' % self.name, check=False)


class Database:
    """Either engine behind one interface: `url`, `cleanup()`."""

    def __init__(self, engine, directory):
        self.engine = engine
        self._pg = None
        if engine == "postgres":
            self._pg = PostgresDatabase()
            self.url = self._pg.url
        else:
            self.path = os.path.join(directory, "klantstem.db")
            self.url = "sqlite:" + self.path

    def cleanup(self):
        if self._pg is not None:
            self._pg.drop()


# --------------------------------------------------------------------------------------------
# HTTP


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # dict with lower-case names
        self.body = body  # bytes
        self._json = None

    def json(self):
        if self._json is None:
            try:
                self._json = json.loads(self.body.decode("utf-8"))
            except (UnicodeDecodeError, ValueError) as e:
                raise AssertionError("response %d is not JSON (%s): %r" % (self.status, e, self.body[:500]))
        return self._json

    @property
    def text(self):
        return self.body.decode("utf-8", errors="replace")

    def error(self):
        """The {"error":{...}} object of an error response (asserts that shape)."""
        doc = self.json()
        if not isinstance(doc, dict) or not isinstance(doc.get("error"), dict):
            raise AssertionError("not an error document: %r" % (self.body[:500],))
        return doc["error"]

    def __repr__(self):
        return "<Response %d %r>" % (self.status, self.body[:300])


class KlantstemServer:
    """One `klantstem serve` process on one database; reusable across restarts (same port if free)."""

    def __init__(self, binary, db_url, workdir, env=None):
        self.binary = binary
        self.db_url = db_url
        self.workdir = workdir
        self.env = dict(os.environ)
        self.env.update(env or {})
        self.proc = None
        self.port = None
        self.log_path = None
        self._starts = 0

    # ---- CLI
    def cli(self, *args, check=True, timeout=120, input_text=None):
        """Runs `klantstem ARGS...`; returns CompletedProcess (text)."""
        result = subprocess.run([self.binary] + [str(a) for a in args], capture_output=True, text=True,
                                cwd=self.workdir, env=self.env, timeout=timeout,
                                input=input_text, stdin=None if input_text is not None else subprocess.DEVNULL)
        if check and result.returncode != 0:
            raise AssertionError("klantstem %s exited %d\nstdout: %s\nstderr: %s"
                                 % (" ".join(map(str, args)), result.returncode, result.stdout, result.stderr))
        return result

    def migrate(self):
        return self.cli("migrate", "--db", self.db_url)

    def create_key(self, name, scopes):
        """Creates an API key with `scopes` (list or comma string); returns the secret."""
        if not isinstance(scopes, str):
            scopes = ",".join(scopes)
        result = self.cli("apikey", "create", "--db", self.db_url, "--name", name, "--scopes", scopes)
        lines = result.stdout.splitlines()
        if not lines or not lines[0].strip():
            raise AssertionError("apikey create printed no key: %r" % result.stdout)
        return lines[0].strip()

    # ---- process
    def start(self, timeout=30, port=None):
        if self.proc is not None and self.proc.poll() is None:
            raise RuntimeError("already running")
        self._starts += 1
        self.port = port or self.port or free_port()
        self.log_path = os.path.join(self.workdir, "serve-%d.log" % self._starts)
        log = open(self.log_path, "wb")
        try:
            self.proc = subprocess.Popen(
                [self.binary, "serve", "--db", self.db_url, "--listen", "%s:%d" % (HOST, self.port)],
                stdin=subprocess.DEVNULL, stdout=log, stderr=log, cwd=self.workdir, env=self.env,
                preexec_fn=_die_with_parent)
        finally:
            log.close()
        with _live_lock:
            _live_processes.append(self.proc)
        deadline = time.monotonic() + timeout
        while True:
            if self.proc.poll() is not None:
                raise AssertionError("klantstem serve exited with %s before it was ready\n%s"
                                     % (self.proc.returncode, self.log_tail()))
            if self._log_says_listening():
                try:
                    if self.request("GET", "/healthz", timeout=2).status == 200:
                        return self
                except OSError:
                    pass
            if time.monotonic() > deadline:
                self.kill()
                raise AssertionError("klantstem serve not ready within %ds\n%s" % (timeout, self.log_tail()))
            time.sleep(0.05)

    def _log_says_listening(self):
        try:
            with open(self.log_path, "rb") as f:
                return b"listening on" in f.read()
        except FileNotFoundError:
            return False

    def alive(self):
        return self.proc is not None and self.proc.poll() is None

    def log_tail(self, lines=60):
        if not self.log_path:
            return "(no log)"
        try:
            with open(self.log_path, "rb") as f:
                data = f.read().decode("utf-8", errors="replace").splitlines()
            return "---- %s (last %d lines)\n%s" % (self.log_path, lines, "\n".join(data[-lines:]))
        except FileNotFoundError:
            return "(no log)"

    def _forget(self):
        with _live_lock:
            if self.proc in _live_processes:
                _live_processes.remove(self.proc)

    def stop(self, timeout=20):
        """Graceful stop (SIGTERM); SIGKILL after `timeout`. Returns the exit status (None if never started)."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._forget()
        return self.proc.returncode

    def kill(self):
        """SIGKILL, as a crash would; waits for the process to be gone."""
        if self.proc is None:
            return None
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait()
        self._forget()
        return self.proc.returncode

    # ---- HTTP
    def connection(self, timeout=30):
        return http.client.HTTPConnection(HOST, self.port, timeout=timeout)

    def request(self, method, path, body=None, *, key=None, headers=None, content_type="application/json",
                query=None, timeout=30, conn=None):
        """One HTTP request. `body`: dict/list (sent as JSON), str or bytes (sent as is) or None.
        `key`: API key for the Bearer header. `query`: dict or list of pairs, URL-encoded onto `path`.
        Uses a fresh connection unless `conn` is given. Returns a Response."""
        hdrs = {}
        if body is not None:
            if isinstance(body, (dict, list)):
                body = json.dumps(body).encode("utf-8")
            elif isinstance(body, str):
                body = body.encode("utf-8")
            if content_type is not None:
                hdrs["Content-Type"] = content_type
        elif method in ("POST", "PUT", "PATCH") and content_type is not None:
            hdrs["Content-Type"] = content_type
        if key is not None:
            hdrs["Authorization"] = "Bearer " + key
        hdrs.update(headers or {})
        if query:
            path = path + ("&" if "?" in path else "?") + urllib.parse.urlencode(query)
        own = conn is None
        if own:
            conn = self.connection(timeout)
        try:
            conn.request(method, path, body=body, headers=hdrs)
            resp = conn.getresponse()
            data = resp.read()
            return Response(resp.status, {k.lower(): v for k, v in resp.getheaders()}, data)
        finally:
            if own:
                conn.close()

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body, **kw):
        return self.request("POST", path, body, **kw)

    def raw_exchange(self, data, timeout=30, shutdown_write=False):
        """Sends raw bytes on a fresh socket (a sender thread, so a server answering early does not
        block us) and returns (status or None, headers dict, body bytes, send_error).
        `shutdown_write`: close our sending side after the data (a client that gives up mid-request)."""
        sock = socket.create_connection((HOST, self.port), timeout=timeout)
        send_error = []

        def sender():
            try:
                sock.sendall(data)
                if shutdown_write:
                    sock.shutdown(socket.SHUT_WR)
            except OSError as e:  # the server may answer and close before reading everything
                send_error.append(e)

        t = threading.Thread(target=sender, daemon=True)
        t.start()
        buf = b""
        try:
            while True:
                head_end = buf.find(b"\r\n\r\n")
                if head_end >= 0:
                    head = buf[:head_end].decode("latin-1")
                    m = re.search(r"(?im)^content-length:\s*(\d+)", head)
                    if m and len(buf) >= head_end + 4 + int(m.group(1)):
                        break
                try:
                    chunk = sock.recv(65536)
                except (ConnectionResetError, socket.timeout):
                    break
                if not chunk:
                    break
                buf += chunk
        finally:
            t.join(timeout)
            sock.close()
        head_end = buf.find(b"\r\n\r\n")
        if head_end < 0:
            return None, {}, buf, (send_error[0] if send_error else None)
        lines = buf[:head_end].decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        headers = {}
        for line in lines[1:]:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
        return status, headers, buf[head_end + 4:], (send_error[0] if send_error else None)


class ServerFixture:
    """A temp dir + database + migrated server + keys; `close()` stops everything (always call it)."""

    def __init__(self, binary, engine="sqlite", keys=None):
        self.tmp = tempfile.mkdtemp(prefix="klantstem-e2e-")
        self.db = None
        self.server = None
        try:
            self.db = Database(engine, self.tmp)
            self.server = KlantstemServer(binary, self.db.url, self.tmp)
            self.server.migrate()
            self.keys = {}
            for name, scopes in (keys or {}).items():
                self.keys[name] = self.server.create_key(name, scopes)
            self.server.start()
        except BaseException:
            self.close()
            raise

    def close(self, keep_dir_on_error=False):
        status = None
        if self.server is not None:
            status = self.server.stop()
        if self.db is not None:
            self.db.cleanup()
        if not keep_dir_on_error:
            shutil.rmtree(self.tmp, ignore_errors=True)
        return status
