"""A small browser for the checks and the load: cookies, forms with their CSRF token, and the
proxy's headers when it talks to an app server directly."""

from __future__ import annotations

import http.client
import time
import urllib.parse
from dataclasses import dataclass, field
from html.parser import HTMLParser
from http.cookies import SimpleCookie

from bench.cluster.launcher import HOST


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: str
    seconds: float

    @property
    def location(self) -> str:
        return self.headers.get("location", "")


@dataclass
class Form:
    action: str
    method: str
    fields: dict[str, str] = field(default_factory=dict)


class _FormParser(HTMLParser):
    """Every form of a page with the values a browser would send by default (hidden and text
    inputs, checked radios, textareas); buttons are left to the caller."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.forms: list[Form] = []
        self._textarea: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        if tag == "form":
            self.forms.append(Form(values.get("action", ""), values.get("method", "get").lower()))
        elif not self.forms:
            return
        elif tag == "input" and values.get("name"):
            kind = values.get("type", "text").lower()
            if kind in ("radio", "checkbox") and "checked" not in values:
                return
            if kind not in ("submit", "button", "image", "file"):
                self.forms[-1].fields[values["name"]] = values.get("value", "")
        elif tag == "textarea" and values.get("name"):
            self._textarea = values["name"]
            self.forms[-1].fields[self._textarea] = ""

    def handle_data(self, data: str) -> None:
        if self._textarea and self.forms:
            self.forms[-1].fields[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea":
            self._textarea = None


def forms_of(html: str) -> list[Form]:
    parser = _FormParser()
    parser.feed(html)
    return parser.forms


def form_posting_to(html: str, action_ending: str) -> Form | None:
    return next((f for f in forms_of(html) if f.action.endswith(action_ending)), None)


class Browser:
    """One visitor. `port` is nginx's, or an app server's with `as_proxy=True`: then it sends
    what nginx would (X-Forwarded-Proto https, X-Forwarded-For), since Django trusts one proxy.
    Cookies are kept by hand because they are Secure and the connection is plain http."""

    def __init__(self, port: int, *, as_proxy: bool = False, timeout: float = 60) -> None:
        self.port = port
        self.as_proxy = as_proxy
        self.timeout = timeout
        self.cookies: dict[str, str] = {}
        self._connections: dict[int, http.client.HTTPConnection] = {}

    def request(
        self,
        method: str,
        path: str,
        form: dict[str, str] | None = None,
        *,
        port: int | None = None,
        headers: dict[str, str] | None = None,
    ) -> Answer:
        """One request on a kept-alive connection; any error closes it and is raised."""
        port = port or self.port
        sent = {"Host": f"{HOST}:{port}", "Accept-Language": "en", **(headers or {})}
        if self.as_proxy or port != self.port:
            sent.update({"X-Forwarded-Proto": "https", "X-Forwarded-For": HOST})
        if self.cookies:
            sent["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form)
            sent["Content-Type"] = "application/x-www-form-urlencoded"
            # Django checks a secure POST's Origin against the host it was sent to.
            sent["Origin"] = f"https://{sent['Host']}"
        connection = self._connections.get(port)
        if connection is None:
            connection = http.client.HTTPConnection(HOST, port, timeout=self.timeout)
            self._connections[port] = connection
        start = time.perf_counter()
        try:
            connection.request(method, path, body=body, headers=sent)
            response = connection.getresponse()
            text = response.read().decode("utf-8", errors="replace")
        except (OSError, http.client.HTTPException):
            self._connections.pop(port).close()
            raise
        seconds = time.perf_counter() - start
        self._keep_cookies(response.headers.get_all("Set-Cookie") or [])
        if response.headers.get("Connection", "").lower() == "close":
            self._connections.pop(port).close()
        answer_headers = {k.lower(): v for k, v in response.headers.items()}
        return Answer(response.status, answer_headers, text, seconds)

    def get(self, path: str, **options) -> Answer:
        return self.request("GET", path, **options)

    def post(self, path: str, form: dict[str, str], **options) -> Answer:
        form = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **form}
        return self.request("POST", path, form, **options)

    def _keep_cookies(self, headers: list[str]) -> None:
        for header in headers:
            cookie = SimpleCookie()
            cookie.load(header)
            for name, morsel in cookie.items():
                if morsel["max-age"] == "0" or morsel.value == "":
                    self.cookies.pop(name, None)
                else:
                    self.cookies[name] = morsel.value

    def close(self) -> None:
        for connection in self._connections.values():
            connection.close()
        self._connections.clear()
