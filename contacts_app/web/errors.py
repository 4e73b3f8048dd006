"""One error handler for the whole app: an HTML page, or JSON for the API; never a traceback."""

from __future__ import annotations

from flask import Flask, Response, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException, InternalServerError

from contacts_app.web.i18n import STRINGS, request_language


def wants_json() -> bool:
    """True for the API, and for clients that prefer JSON to HTML."""
    if request.path.startswith("/api/"):
        return True
    best = request.accept_mimetypes.best_match(["text/html", "application/json"])
    return best == "application/json"


def handle_error(error: Exception) -> Response:
    """Turn any error into a short page in the visitor's language (or a JSON object) with its status."""
    if not isinstance(error, HTTPException):
        current_app.logger.exception("unhandled error on %s", request.path)
        error = InternalServerError()
    code = error.code or 500
    try:
        lang, _ = request_language()
    except Exception:  # a malformed Accept-Language must not turn a 404 into a 500
        lang = "sv"
    t = STRINGS[lang]
    title, message = (t["not_found_title"], t["not_found"]) if code in (404, 405) else (t["error_title"], t["error"])
    if code == 400:
        message = error.description or message
    if wants_json():
        response = jsonify({"error": {"status": code, "title": title, "message": message}})
    else:
        response = Response(render_template("error.html", lang=lang, t=t, title=title, message=message, code=code))
    response.status_code = code
    response.headers["Cache-Control"] = "no-store"
    if error.response is not None and "WWW-Authenticate" in error.response.headers:
        response.headers["WWW-Authenticate"] = error.response.headers["WWW-Authenticate"]
    if isinstance(error, HTTPException) and code == 405:
        response.headers["Allow"] = ", ".join(getattr(error, "valid_methods", None) or ("GET", "HEAD"))
    return response


def init_app(app: Flask) -> None:
    """Register the handler for every HTTP error and every unexpected exception."""
    app.register_error_handler(HTTPException, handle_error)
    app.register_error_handler(Exception, handle_error)
