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
    """Staff only: the right STATUS_TOKEN (as the Basic-auth password or a Bearer token), or, when no
    token is configured, a direct request from this machine (not one forwarded by a proxy)."""
    token = app.config.get("STATUS_TOKEN")
    if token:
        auth = request.authorization
        given = (auth.password if auth and auth.type == "basic" else auth.token if auth else None) or ""
        return hmac.compare_digest(given.encode(), str(token).encode())
    if request.headers.get("X-Forwarded-For") or request.headers.get("Forwarded"):
        return False
    try:
        return ipaddress.ip_address(request.remote_addr or "").is_loopback
    except ValueError:
        return False


def init_app(app: Flask) -> None:
    """Register the security headers on an app."""
    app.after_request(add_security_headers)
