"""For staff only: the status page (findings, when the data was loaded, a failed reload) and its JSON twin."""

from __future__ import annotations

from datetime import datetime, timezone

from flask import Blueprint, Response, abort, current_app, jsonify, redirect, render_template, request

from contacts_app.model.contact import Held
from contacts_app.model.messages import local_time, say
from contacts_app.validation.publish import publication_notes
from contacts_app.web.i18n import STRINGS, request_language
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


def status_data(lang: str = "en") -> dict:
    """What the status page shows: the file, when it was loaded, and the current findings (messages in `lang`)."""
    s = store()
    snap = snapshot()
    directory = snap.directory
    return {
        "file": s.path,
        "loaded_at": _moment(directory.loaded_at),
        "modified": _moment(snap.modified),
        "version": directory.version,
        "contacts": len(directory.contacts),
        "errors": len(directory.errors),
        "warnings": len(directory.findings) - len(directory.errors),
        "findings": [f.in_language(lang).as_dict() for f in directory.findings],
        "kept": [_held(h, lang) for h in directory.kept],
        "unpublished": [_held(h, lang) for h in directory.unpublished],
        "publication": publication_notes(directory, lang),
        "failed_reload": (
            {"at": _moment(s.failed.at), "findings": [f.in_language(lang).as_dict() for f in s.failed.findings]}
            if s.failed
            else None
        ),
        "held": s.guard.held.as_dict() if s.guard.held else None,
    }


def _held(held: Held, lang: str) -> dict:
    """A record with errors as the status JSON lists it: id, name, line, and its errors."""
    errors = [f.in_language(lang).as_dict() for f in held.reasons]
    return {"id": held.id, "name": held.name, "line": held.line, "errors": errors}


def _moment(moment: datetime) -> str:
    """A moment for the JSON: ISO 8601 in UTC, to the second."""
    return moment.astimezone(timezone.utc).replace(microsecond=0).isoformat()


@bp.get("/_status")
def status() -> Response:
    """For staff: the current findings, when the data was loaded, and a failed reload if there was one."""
    staff_only()
    lang, _ = request_language()
    t = STRINGS[lang]
    data = status_data(lang)
    response = Response(render_template(
        "status.html", lang=lang, t=t, status=data, other_href=f"?lang={t['other_language_code']}",
        say=lambda name, **values: say(lang, name, **values),
        when=lambda iso: local_time(datetime.fromisoformat(iso), lang),
    ))
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Robots-Tag"] = "noindex"
    return response


@bp.get("/api/status")
def api_status() -> Response:
    """The JSON twin of the status page."""
    staff_only()
    response = jsonify(status_data(request.args.get("lang") if request.args.get("lang") in ("sv", "en") else "en"))
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
