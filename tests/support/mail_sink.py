"""A real SMTP server for end-to-end tests: tests/support/smtp_sink.py (python3-aiosmtpd) run on a free
port of 127.0.0.1 in its own process, writing every mail it accepts as an .eml file into a folder. It
stops by itself after `max_seconds`, so a crashed test leaves nothing running.

    sink = MailSink(folder)            # started; sink.port is the SMTP port
    sink.wait_for("a@example.com", 1)  # the mails to that address (email.message.EmailMessage), oldest first
    sink.close()
"""
import email
import email.policy
import glob
import os
import signal
import subprocess
import time

SUPPORT = os.path.dirname(os.path.abspath(__file__))


class MailSink:
    def __init__(self, folder, max_seconds=900, timeout=20):
        self.folder = folder
        self._parsed = {}
        os.makedirs(folder, exist_ok=True)
        port_file = os.path.join(folder, "smtp.port")
        self.process = subprocess.Popen(["/usr/bin/python3", os.path.join(SUPPORT, "smtp_sink.py"), "--port", "0",
                                         "--port-file", port_file, "--dir", folder,
                                         "--max-seconds", str(max_seconds)])
        deadline = time.monotonic() + timeout
        while not os.path.exists(port_file):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.close()
                raise AssertionError("the SMTP sink did not start")
            time.sleep(0.05)
        with open(port_file) as f:
            self.port = int(f.read().strip())

    def url(self, sender="klantstem@stroomlijn.example"):
        """The KLANTSTEM_SMTP_URL that sends to this sink."""
        return "smtp://127.0.0.1:%d?from=%s" % (self.port, sender)

    def mails(self):
        """Every mail received so far, oldest first."""
        out = []
        for path in sorted(glob.glob(os.path.join(self.folder, "*.eml"))):
            if path not in self._parsed:
                with open(path, "rb") as f:
                    self._parsed[path] = email.message_from_bytes(f.read(), policy=email.policy.default)
            out.append(self._parsed[path])
        return out

    def mails_to(self, address):
        return [m for m in self.mails() if any(a.addr_spec == address for a in m["To"].addresses)]

    def wait_for(self, address, count, timeout=60):
        """Waits until `count` mails reached `address`; returns them, oldest first."""
        deadline = time.monotonic() + timeout
        while True:
            found = self.mails_to(address)
            if len(found) >= count:
                return found
            if time.monotonic() > deadline:
                raise AssertionError("%d mail(s) to %s expected within %d s, got %d" %
                                     (count, address, timeout, len(found)))
            time.sleep(0.1)

    def close(self):
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
