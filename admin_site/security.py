"""HTTP hardening that applies to every response."""

from flask import Flask, abort, request

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


def register(app: Flask) -> None:
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
        return response
