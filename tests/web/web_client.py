"""A browser-like HTTP client for the web tests (standard library only): keeps cookies, reads the
CSRF token out of forms, sends same-origin form POSTs, and logs in."""

import http.client
import re
import urllib.parse

CSRF_FIELD = re.compile(r'name="_csrf" value="([0-9a-f]*)"')
PASSWORD = "Demo-wachtwoord-2026"


class Page:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers  # list of (name, value)
        self.text = body.decode("utf-8", errors="replace")

    def header(self, name):
        for n, v in self.headers:
            if n.lower() == name.lower():
                return v
        return None

    def header_all(self, name):
        return [v for n, v in self.headers if n.lower() == name.lower()]

    def csrf(self):
        m = CSRF_FIELD.search(self.text)
        if not m:
            raise AssertionError("no _csrf field on the page:\n" + self.text[:500])
        return m.group(1)

    def __repr__(self):
        return "<Page %d %r>" % (self.status, self.text[:200])


class WebClient:
    def __init__(self, port):
        self.port = port
        self.origin = "http://127.0.0.1:%d" % port
        self.cookies = {}

    def request(self, method, path, body=None, headers=None):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)
        h = {"Host": "127.0.0.1:%d" % self.port}
        if self.cookies:
            h["Cookie"] = "; ".join("%s=%s" % kv for kv in self.cookies.items())
        h.update(headers or {})
        conn.request(method, path, body=body, headers=h)
        resp = conn.getresponse()
        page = Page(resp.status, resp.getheaders(), resp.read())
        conn.close()
        for value in page.header_all("Set-Cookie"):
            name, _, rest = value.partition("=")
            cookie_value = rest.split(";", 1)[0]
            if "Max-Age=0" in value:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = cookie_value
        return page

    def get(self, path):
        return self.request("GET", path)

    def post_form(self, path, fields, origin=True, headers=None):
        h = {"Content-Type": "application/x-www-form-urlencoded"}
        if origin is True:
            h["Origin"] = self.origin
        elif origin:
            h["Origin"] = origin
        h.update(headers or {})
        return self.request("POST", path, urllib.parse.urlencode(fields), h)

    def login(self, email, password=PASSWORD, next_path="/inbox"):
        form = self.get("/login")
        return self.post_form("/login", {"_csrf": form.csrf(), "email": email, "password": password,
                                         "next": next_path})
