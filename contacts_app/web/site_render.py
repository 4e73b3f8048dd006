"""The files of `contacts build`, each the server's own answer to one GET, rendered by processes side by side.

A `Job` is one file: the endpoint and arguments of the server route that answers it, and where it goes. The
`Renderer` asks the app's view for it with a request of its own, the build's Links and snapshot on `g`
(the same views, templates and memos as the server). `render_jobs` spreads the jobs over worker processes
forked from the build (they share the loaded snapshot without copying it) and gives back each file's bytes
to the caller, in order of completion; with one worker, or few jobs, everything runs in this process.
"""

from __future__ import annotations

import gc
import multiprocessing
import os
from typing import Callable, Iterator, NamedTuple, Sequence
from urllib.parse import urlencode

from flask import Flask, g

from contacts_app.web.store import Snapshot

#: Fewer jobs than this are rendered in the build's own process: forking would cost more than it saves.
FORK_THRESHOLD = 200
#: Jobs handed to a worker at a time: big enough that the hand-over costs little, small enough to share out.
CHUNK = 64


class Job(NamedTuple):
    """One file of the site: the route that answers it, its arguments and its place in the site (a tuple: a
    national site has a hundred thousand)."""

    endpoint: str
    values: tuple[tuple[str, object], ...]
    target: str
    key: str


class Renderer:
    """Asks the app's views for the files of the site, with the build's Links and snapshot (a context manager:
    one application context, and so one `g`, and one request context for the whole build; each file gets a
    request of its own in it)."""

    def __init__(self, app: Flask, snap: Snapshot, site) -> None:
        self.app, self.snap, self.site = app, snap, site
        self.rules = {rule.endpoint: rule for rule in app.url_map.iter_rules()}
        with app.test_request_context("/", headers={"Accept-Language": ""}) as ctx:
            self.environ = dict(ctx.request.environ)
        self._app_context = app.app_context()
        self._request_context = app.test_request_context("/", headers={"Accept-Language": ""})

    def __enter__(self) -> "Renderer":
        self._app_context.push()
        g.links = self.site
        g.snapshot = self.snap
        self._request_context.push()
        return self

    def __exit__(self, *exc) -> None:
        self._request_context.pop()
        self._app_context.pop()

    def render(self, job: Job) -> bytes | None:
        """The body of the server's answer for one file (None for a QR code its card is too big for); a
        BuildError when it is not a 200.

        The view answers as it does on the server (before-request hooks, the view itself, its abort); what
        is left out costs a build more than the views themselves and does not change a body: the routing
        of an address to its view (the route is known), a request context per file (the request alone is
        new), and the after-request hooks (they only add headers: security, compression for clients that
        ask; a file keeps only the body). tests/test_build_render.py shows every file is the body the
        routed request gets."""
        from werkzeug.exceptions import HTTPException

        from contacts_app.web.site_folder import BuildError

        rule = self.rules[job.endpoint]
        path_values = {k: v for k, v in job.values if k in rule.arguments}
        query = urlencode([(k, v) for k, v in job.values if k not in rule.arguments])
        request = self.app.request_class({**self.environ, "QUERY_STRING": query})
        request.url_rule, request.view_args = rule, path_values
        self._request_context.request = request
        self.site.current = job.target
        try:
            answer = self.app.preprocess_request()
            if answer is None:
                answer = self.app.view_functions[job.endpoint](**path_values)
            response = self.app.make_response(answer)
        except HTTPException as exc:
            if exc.code == 404 and job.endpoint == "downloads.person_qr":
                return None  # a card too big for a QR code (a card-too-big finding): its page shows none
            raise BuildError(f"{self._address(job)} answered {exc.code} while building {job.target}") from None
        response.direct_passthrough = False  # a file-wrapped download is read like any other answer
        body = response.get_data()
        response.close()
        if response.status_code != 200:
            raise BuildError(f"{self._address(job)} answered {response.status_code} while building {job.target}")
        return body

    def _address(self, job: Job) -> str:
        """The server's address of a file (for a message)."""
        return self.app.url_map.bind("localhost").build(job.endpoint, dict(job.values))


_WORKER: dict = {}


def _run_chunk(chunk: Sequence[Job]) -> list[tuple[Job, object]]:
    """In a worker: render a chunk of jobs and hand each to the build's `handle` (it writes the file)."""
    render, handle = _WORKER["render"], _WORKER["handle"]
    return [(job, handle(job, render(job))) for job in chunk]


def render_jobs(
    jobs: Sequence[Job],
    render: Callable[[Job], bytes | None],
    handle: Callable[[Job, bytes | None], object],
    workers: int,
) -> Iterator[tuple[Job, object]]:
    """(job, what `handle` made of its body) for every job, rendered by up to `workers` processes."""
    if workers <= 1 or len(jobs) < FORK_THRESHOLD or "fork" not in multiprocessing.get_all_start_methods():
        for job in jobs:
            yield job, handle(job, render(job))
        return
    _WORKER.update(render=render, handle=handle)  # the forked workers find them here
    chunks = [jobs[i : i + CHUNK] for i in range(0, len(jobs), CHUNK)]
    context = multiprocessing.get_context("fork")
    try:
        with context.Pool(min(workers, len(chunks)), initializer=gc.enable) as pool:  # the build has it off
            for done in pool.imap_unordered(_run_chunk, chunks):
                yield from done
    finally:
        _WORKER.clear()


def cpu_count() -> int:
    """The processors this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1
