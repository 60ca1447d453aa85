"""A minimal browser for served-site tests: cookies, forms and CSRF over real HTTP."""

import http.cookiejar
import urllib.error
import urllib.parse
import urllib.request
from html.parser import HTMLParser


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class FormFields(HTMLParser):
    """The values a browser would submit from each form with method POST."""

    def __init__(self):
        super().__init__()
        self.forms = []
        self.fields = None
        self.textarea = None
        self.select = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form" and attrs.get("method", "").lower() == "post":
            self.fields = []
            self.forms.append(self.fields)
        if self.fields is None:
            return
        name = attrs.get("name")
        if tag == "input" and name and "disabled" not in attrs:
            kind = attrs.get("type", "text")
            if kind in ("checkbox", "radio") and "checked" not in attrs:
                return
            if kind not in ("submit", "button", "file"):
                self.fields.append([name, attrs.get("value", "")])
        elif tag == "textarea" and name:
            self.textarea = [name, ""]
            self.fields.append(self.textarea)
        elif tag == "select" and name:
            self.select = name
        elif tag == "option" and self.select and "selected" in attrs:
            self.fields.append([self.select, attrs.get("value", "")])

    def handle_data(self, data):
        if self.textarea is not None:
            self.textarea[1] += data

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        elif tag == "select":
            self.select = None
        elif tag == "form":
            self.fields = None


def form_fields(html):
    """The fields of the page's main form: the POST form with the most fields.

    (An admin page also has a small sign-out form.)
    """
    parser = FormFields()
    parser.feed(html)
    fields = max(parser.forms, key=len, default=[])
    # A textarea's first newline belongs to the markup, not the value.
    return [(name, value.removeprefix("\n")) for name, value in fields]


class WebClient:
    def __init__(self):
        self.cookies = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.cookies), _NoRedirects()
        )

    def request(self, url, data=None, headers=None, timeout=10):
        body = urllib.parse.urlencode(data, doseq=True).encode() if data is not None else None
        request = urllib.request.Request(url, data=body, headers=headers or {})
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, dict(response.headers), response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, dict(error.headers), error.read().decode()

    def get(self, url, **kwargs):
        return self.request(url, **kwargs)

    def submit(self, url, changes=None, **kwargs):
        """GET the page at `url`, then POST its form back with `changes` applied."""
        status, _, html = self.get(url)
        assert status == 200, f"{url} answered {status}"
        fields = form_fields(html)
        changes = dict(changes or {})
        data = [(name, changes.pop(name, value)) for name, value in fields]
        data += list(changes.items())
        origin = "/".join(url.split("/")[:3])
        return self.request(url, data=data, headers={"Origin": origin, "Referer": url}, **kwargs)

    def sign_in(self, base, username, password):
        return self.submit(
            f"{base}/admin/login/?next=/admin/", {"username": username, "password": password}
        )
