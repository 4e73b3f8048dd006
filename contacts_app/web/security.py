"""Security headers on every response, and who may see the staff status page."""

from __future__ import annotations

import hmac
import ipaddress

from flask import Flask, Response, request

#: Nothing from other hosts, no inline script or style; JSON-LD data blocks are not scripts CSP runs.
CONTENT_SECURITY_POLICY = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; "
    "base-uri 'none'; frame-ancestors 'none'"
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Resource-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def add_security_headers(response: Response) -> Response:
    """Set the security headers on a response (an after_request hook)."""
    for name, value in HEADERS.items():
        response.headers.setdefault(name, value)
    if request.is_secure:
        response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
    return response


def may_see_status(app: Flask) -> bool:
    """Staff only: the right STATUS_TOKEN (as the Basic-auth password or a Bearer token). Without a token the
    page is closed, unless STATUS_LOCAL opens it to direct requests from this machine.

    A proxy on the same machine cannot be told apart: its requests come from loopback too, and waitress
    drops the X-Forwarded-For and Forwarded headers of a proxy it was not told to trust before the app
    sees them. So STATUS_LOCAL is only for a server on loopback with no proxy in front."""
    token = app.config.get("STATUS_TOKEN")
    if token:
        auth = request.authorization
        given = (auth.password if auth and auth.type == "basic" else auth.token if auth else None) or ""
        return hmac.compare_digest(given.encode(), str(token).encode())
    if not app.config.get("STATUS_LOCAL"):
        return False
    if request.headers.get("X-Forwarded-For") or request.headers.get("Forwarded"):
        return False
    try:
        return ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False


def status_access(config) -> str:
    """Who may see the staff status page under these settings, in one sentence for the start-up message."""
    if config.get("STATUS_TOKEN"):
        return "/_status needs the token CONTACTS_STATUS_TOKEN"
    if config.get("STATUS_LOCAL"):
        return ("/_status is open to direct requests from this machine (CONTACTS_STATUS_LOCAL=1): "
                "do not put a proxy in front")
    return "/_status is closed: set CONTACTS_STATUS_TOKEN to open it to staff"


def init_app(app: Flask) -> None:
    """Register the security headers on an app."""
    app.after_request(add_security_headers)
