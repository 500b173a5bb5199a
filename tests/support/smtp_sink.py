#!/usr/bin/python3
"""A real SMTP server for tests (Debian's python3-aiosmtpd; run with /usr/bin/python3).

Listens on 127.0.0.1, writes every received message to DIR/NNNN.eml (atomically: a temporary file,
then a rename), and stops on SIGTERM/SIGINT or by itself after --max-seconds.

  smtp_sink.py --port 0 --port-file F --dir D [--auth-user U --auth-password P] [--fail-first N]

--port 0 picks a free port and writes it to --port-file once the server listens. --fail-first N
answers "451 try again later" to the first N messages (for retry tests). With --auth-user every
message needs AUTH LOGIN/PLAIN with those credentials first.
"""
import argparse
import os
import signal
import socket
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword


class Sink:
    def __init__(self, folder, fail_first):
        self.folder = folder
        self.fail_first = fail_first
        self.count = 0
        self.lock = threading.Lock()

    async def handle_DATA(self, server, session, envelope):
        with self.lock:
            if self.fail_first > 0:
                self.fail_first -= 1
                return "451 4.3.0 try again later (smtp_sink --fail-first)"
            self.count += 1
            number = self.count
        path = os.path.join(self.folder, "%04d.eml" % number)
        temporary = path + ".tmp"
        with open(temporary, "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(temporary, path)
        return "250 OK"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--port-file", required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--auth-user")
    parser.add_argument("--auth-password")
    parser.add_argument("--fail-first", type=int, default=0)
    parser.add_argument("--max-seconds", type=float, default=600)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)

    port = args.port
    if port == 0:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]

    kwargs = {}
    if args.auth_user:
        def authenticate(server, session, envelope, mechanism, auth_data):
            ok = (isinstance(auth_data, LoginPassword) and auth_data.login.decode() == args.auth_user
                  and auth_data.password.decode() == args.auth_password)
            return AuthResult(success=ok)
        kwargs = {"authenticator": authenticate, "auth_required": True, "auth_require_tls": False}

    controller = Controller(Sink(args.dir, args.fail_first), hostname="127.0.0.1", port=port, **kwargs)
    controller.start()
    with open(args.port_file + ".tmp", "w") as f:
        f.write(str(port))
    os.rename(args.port_file + ".tmp", args.port_file)

    done = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: done.set())
    signal.signal(signal.SIGINT, lambda *_: done.set())
    done.wait(args.max_seconds)
    controller.stop()


if __name__ == "__main__":
    main()
