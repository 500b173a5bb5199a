"""A stand-in for an SMS provider's HTTP API (standard library only): a threaded HTTP server on
127.0.0.1 that answers every POST with 200 and a JSON message id, and keeps what it received.

    provider = SmsProvider().start()        # provider.url == "http://127.0.0.1:PORT/send"
    message = provider.wait_for("+31612345678")
    message.headers["authorization"], message.json()["text"]
    provider.stop()
"""

import http.server
import json
import threading
import time

HOST = "127.0.0.1"


class ReceivedSms:
    def __init__(self, method, path, headers, body):
        self.method = method
        self.path = path
        self.headers = headers  # dict with lower-case names
        self.body = body  # bytes

    def json(self):
        return json.loads(self.body.decode("utf-8"))

    def __repr__(self):
        return "<ReceivedSms %s %s %r>" % (self.method, self.path, self.body[:200])


class SmsProvider:
    def __init__(self, path="/send"):
        self.path = path
        self.received = []
        self._lock = threading.Lock()
        self._server = None
        self._thread = None

    @property
    def url(self):
        return "http://%s:%d%s" % (HOST, self._server.server_address[1], self.path)

    def start(self):
        provider = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):  # noqa: N802 - http.server's naming
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                message = ReceivedSms("POST", self.path, {k.lower(): v for k, v in self.headers.items()}, body)
                with provider._lock:
                    provider.received.append(message)
                    number = len(provider.received)
                answer = json.dumps({"id": "sms-%d" % number, "status": "accepted"}).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

            def log_message(self, *_args):  # quiet
                pass

        self._server = http.server.ThreadingHTTPServer((HOST, 0), Handler)
        self._server.daemon_threads = True
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)
        self._thread.start()
        return self

    def stop(self):
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def messages(self):
        with self._lock:
            return list(self.received)

    def messages_to(self, phone):
        out = []
        for m in self.messages():
            try:
                if m.json().get("to") == phone:
                    out.append(m)
            except ValueError:
                pass
        return out

    def wait_for(self, phone, timeout=20):
        """The first message to `phone`; fails after `timeout` seconds."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.messages_to(phone)
            if found:
                return found[0]
            if time.monotonic() > deadline:
                raise AssertionError("no SMS to %s within %ds (received: %r)" % (phone, timeout, self.messages()))
            time.sleep(0.1)
