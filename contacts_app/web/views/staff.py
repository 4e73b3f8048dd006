"""For staff only: the status page (findings, when the data was loaded, a failed reload) and its JSON twin."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, jsonify, redirect, render_template, request

from contacts_app.web.i18n import STRINGS
from contacts_app.web.links import href
from contacts_app.web.security import may_see_status
from contacts_app.web.views.common import snapshot, store

bp = Blueprint("staff", __name__)


def staff_only() -> None:
    """Refuse the staff pages to anyone but staff: 401 asking for the token, or 404 without one."""
    if may_see_status(current_app):
        return
    if current_app.config.get("STATUS_TOKEN"):
        abort(Response("", 401, {"WWW-Authenticate": 'Basic realm="staff", charset="UTF-8"'}))
    abort(404)


def status_data() -> dict:
    """What the status page shows: the file, when it was loaded, and the current findings."""
    s = store()
    snap = snapshot()
    directory = snap.directory
    return {
        "file": s.path,
        "loaded_at": directory.loaded_at.isoformat(),
        "modified": snap.modified.isoformat(),
        "version": directory.version,
        "contacts": len(directory.contacts),
        "errors": len(directory.errors),
        "warnings": len(directory.findings) - len(directory.errors),
        "findings": [f.as_dict() for f in directory.findings],
        "failed_reload": (
            {"at": s.failed.at.isoformat(), "findings": [f.as_dict() for f in s.failed.findings]}
            if s.failed
            else None
        ),
        "held": s.guard.held.as_dict() if s.guard.held else None,
    }


@bp.get("/_status")
def status() -> Response:
    """For staff: the current findings, when the data was loaded, and a failed reload if there was one."""
    staff_only()
    response = Response(render_template("status.html", lang="en", t=STRINGS["en"], status=status_data()))
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.get("/api/status")
def api_status() -> Response:
    """The JSON twin of the status page."""
    staff_only()
    response = jsonify(status_data())
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.post("/_status/confirm")
def confirm() -> Response:
    """For staff: put the held version named by the form's `version` into service (a large drop confirmed)."""
    staff_only()
    if request.headers.get("Sec-Fetch-Site", "same-origin") not in ("same-origin", "none"):
        abort(403)  # a form posted from another site with the browser's stored credentials
    if not store().confirm(request.form.get("version", "")):
        abort(409, description="no such version is held back; reload the status page")
    return redirect(href("staff.status"), 303)
