"""A signed-in admin for the drills (urllib and a cookie jar): forms posted the way a browser does."""

import http.cookiejar
import re
import secrets
import urllib.error
import urllib.parse
import urllib.request


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None  # a redirect is an answer to look at, not to follow


class AdminSession:
    def __init__(self, base_url):
        self.base_url = base_url
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect)

    def request(self, path, data=None, headers=None):
        """(status, location, body) of one request, redirects not followed."""
        request = urllib.request.Request(self.base_url + path, data=data, headers=headers or {})
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.headers.get("Location", ""), response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.headers.get("Location", ""), error.read().decode("utf-8", "replace")

    def csrf_token(self, body):
        return re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)

    def sign_in(self, username, password):
        _, _, body = self.request("/admin/login/")
        fields = {"csrfmiddlewaretoken": self.csrf_token(body), "username": username, "password": password}
        status, _, _ = self.post("/admin/login/", fields)
        if status != 302:
            raise RuntimeError(f"admin sign-in failed ({status})")

    def post(self, path, fields, files=None):
        """A form posted from its own page (Referer set, as a browser sends it)."""
        boundary = secrets.token_hex(16)
        parts = []
        for name, value in fields.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'.encode())
        for name, (filename, content) in (files or {}).items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                         f"Content-Type: application/octet-stream\r\n\r\n".encode() + content + b"\r\n")  # fmt: skip
        parts.append(f"--{boundary}--\r\n".encode())
        headers = {"Content-Type": f"multipart/form-data; boundary={boundary}", "Referer": self.base_url + path}
        return self.request(path, data=b"".join(parts), headers=headers)

    def form_fields(self, path):
        """The form's CSRF token and the pre-selected collection, read from the page."""
        _, _, body = self.request(path)
        fields = {"csrfmiddlewaretoken": self.csrf_token(body)}
        collection = re.search(r'name="collection"[^>]*>\s*<option value="(\d+)"', body) or re.search(
            r'name="collection" value="(\d+)"', body
        )
        if collection:
            fields["collection"] = collection.group(1)
        return fields
