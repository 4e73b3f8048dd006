"""The directory's views, one blueprint per concern: pages, downloads, the JSON api, and the staff pages."""

from __future__ import annotations

from flask import Flask, current_app, g

from contacts_app.web import desks
from contacts_app.web.links import ServerLinks, base_url
from contacts_app.web.views import api, downloads, pages, photos, releases, staff
from contacts_app.web.views.common import snapshot

BLUEPRINTS = (pages.bp, downloads.bp, api.bp, staff.bp, photos.bp, releases.bp)


def prepare() -> None:
    """Before each request: take the data's snapshot and choose the Links, once (a build has chosen its own)."""
    snap = snapshot()
    if "links" not in g:
        g.links = ServerLinks(base_url(current_app.config), snap.memos.urls)


def init_app(app: Flask) -> None:
    """Register the blueprints, and what every request is prepared with."""
    app.before_request(prepare)
    desks.init_app(app)
    for bp in BLUEPRINTS:
        app.register_blueprint(bp)
