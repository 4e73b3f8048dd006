"""Every file of a build is the body the server's routed request for it gets: the build calls the views
without routing each address or making a request context per file, and that must change no byte."""

from __future__ import annotations

import pytest

from .conftest import generated

BASE = "https://press.example.se/kontakter/"


def routed(app, site, snap, job) -> bytes | None:
    """A file as a routed request makes it: a request context of its own, routing, hooks, dispatch."""
    from flask import g
    from werkzeug.exceptions import HTTPException

    address = app.url_map.bind("localhost").build(job.endpoint, dict(job.values))
    path, _, query = address.partition("?")
    site.current = job.target
    with app.test_request_context(path, query_string=query, headers={"Accept-Language": ""}):
        g.links, g.snapshot = site, snap
        try:
            response = app.make_response(app.preprocess_request() or app.dispatch_request())
        except HTTPException as exc:
            assert exc.code == 404 and job.endpoint == "downloads.person_qr"
            return None
        response.direct_passthrough = False
        return response.get_data()


def jobs_of(source, base_url):
    """The app, a fresh snapshot (memos of its own) and every job of a build of `source`."""
    from contacts_app.contactsfile.locations import resource_path
    from contacts_app.web import site_build
    from contacts_app.web.site_keys import site_jobs
    from contacts_app.web.site_revisions import revisions_of

    app, served = site_build._load(source)
    records, revisions = revisions_of(served.directory, served.modified, None)
    static = sorted(item.name for item in resource_path("static").iterdir() if item.is_file())
    snap = site_build._snapshot(served, revisions)
    return app, lambda: site_build._snapshot(served, revisions), site_jobs(snap, static, "key", records)


@pytest.mark.parametrize("base_url", [BASE, None])
def test_every_file_is_the_body_of_the_routed_request(tmp_path, contacts_file, base_url):
    from contacts_app.web.site_render import Renderer
    from contacts_app.web.static_links import StaticLinks

    for source in (contacts_file, generated(tmp_path / "many.yaml", 120, seed=7)):
        app, fresh, jobs = jobs_of(source, base_url)
        assert {j.endpoint for j in jobs} >= {"pages.index", "pages.person", "downloads.person_vcard",
                                              "downloads.person_qr", "downloads.all_vcards", "api.contacts",
                                              "api.contact", "static"}
        site = StaticLinks(base_url)
        with Renderer(app, fresh(), site) as renderer:
            fast = {job.target: renderer.render(job) for job in jobs}
        snap = fresh()
        with app.app_context():
            slow = {job.target: routed(app, site, snap, job) for job in jobs}
        assert fast == slow
        assert sum(body is not None for body in fast.values()) > len(jobs) // 2


def test_links_between_files_are_what_posixpath_relpath_gives():
    import posixpath
    from urllib.parse import quote

    from hypothesis import given
    from hypothesis import strategies as st

    from contacts_app.web.static_links import _relative

    segment = st.sampled_from(["en", "people", "org", "page", "a b", "å.html", "index.html"])
    path = st.lists(segment, min_size=1, max_size=4).map("/".join)

    @given(path, st.one_of(st.just("."), path))
    def same(target, folder):
        assert _relative.__wrapped__(target, folder) == quote(posixpath.relpath(target, folder))

    same()
