"""HTTP hardening that applies to every request and response."""

import re
from urllib.parse import urlsplit

from flask import Flask, abort, request, url_for
from werkzeug.middleware.proxy_fix import ProxyFix

# Flask-Admin's templates use inline scripts and on* handlers (delete confirmations), so scripts
# may be inline; everything else is locked to this site.
CONTENT_SECURITY_POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=()",
}


# Browsers drop tabs and newlines inside a URL and read a backslash as a slash, so "/\evil.example"
# or "/\t/evil.example" lead off the site: a redirect target holding any of them is not ours.
_UNSAFE_IN_TARGET = re.compile(r"[\x00-\x20\x7f\\]")


def is_local_target(target: str | None) -> bool:
    """Whether a redirect target stays on this site: a path from its root, or an http(s) URL of this host."""
    if not target or _UNSAFE_IN_TARGET.search(target):
        return False
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        return parts.scheme in ("http", "https") and parts.netloc == request.host
    return target.startswith("/") and not target.startswith("//")


def is_static(endpoint: str | None) -> bool:
    """Whether a request's endpoint serves static files (ours, Flask-Admin's): the same for everyone."""
    return endpoint is not None and (endpoint == "static" or endpoint.endswith(".static"))


def register(app: Flask) -> None:
    if app.config["TRUSTED_PROXIES"]:
        # The proxies' headers give the client's address (the login limits and the audit trail use it)
        # and whether it came over HTTPS; a client's own X-Forwarded-For beyond them is not believed.
        proxies = app.config["TRUSTED_PROXIES"]
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=proxies, x_proto=proxies)

    @app.before_request
    def refuse_nul_bytes():
        """No text field takes a NUL byte (PostgreSQL refuses them): say so with 400, not 500."""
        values = [request.path, *request.args.values(), *(request.form.values() if request.form else [])]
        if any("\x00" in value for value in values):
            abort(400)

    @app.after_request
    def add_security_headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if app.config["SESSION_COOKIE_SECURE"]:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        if not is_static(request.endpoint):
            # Pages, exports, papers and API answers carry personal data: no browser or proxy keeps them.
            response.headers["Cache-Control"] = "no-store"
            response.headers["Pragma"] = "no-cache"
        return response

    @app.after_request
    def keep_redirects_on_site(response):
        """Whatever asked for it (a login's ``next``, Flask-Admin's ``url``), a redirect leaves the site
        for nowhere: one that would goes to the panel's home instead."""
        if "Location" in response.headers and not is_local_target(response.headers["Location"]):
            response.headers["Location"] = url_for("admin.index")
        return response
