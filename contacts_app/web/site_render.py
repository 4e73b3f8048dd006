"""The files of `contacts build`, each the server's own answer to one GET, rendered by processes side by side.

A `Job` is one file: the endpoint and arguments of the server route that answers it, and where it goes. The
`Renderer` asks the app for it in a request context of its own, with the build's Links and snapshot on `g`
(the same views, templates and memos as the server). `render_jobs` spreads the jobs over worker processes
forked from the build (they share the loaded snapshot without copying it) and gives back each file's bytes
to the caller, in order of completion; with one worker, or few jobs, everything runs in this process.
"""

from __future__ import annotations

import multiprocessing
import os
from dataclasses import dataclass
from typing import Callable, Iterator, Sequence

from flask import Flask, g

from contacts_app.web.store import Snapshot

#: Fewer jobs than this are rendered in the build's own process: forking would cost more than it saves.
FORK_THRESHOLD = 200
#: Jobs handed to a worker at a time: big enough that the hand-over costs little, small enough to share out.
CHUNK = 64


@dataclass(frozen=True)
class Job:
    """One file of the site: the route that answers it, its arguments and its place in the site."""

    endpoint: str
    values: tuple[tuple[str, object], ...]
    target: str
    key: str


class Renderer:
    """Asks the app for the files of the site, with the build's Links and snapshot (a context manager: one
    application context, and so one `g`, for the whole build; each file gets a request context of its own)."""

    def __init__(self, app: Flask, snap: Snapshot, site) -> None:
        self.app, self.snap, self.site = app, snap, site
        self.addresses = app.url_map.bind("localhost")  # the server's address of each file, as url_for makes it
        with app.test_request_context("/", headers={"Accept-Language": ""}) as ctx:
            self.environ = dict(ctx.request.environ)
        self._context = app.app_context()

    def __enter__(self) -> "Renderer":
        self._context.push()
        g.links = self.site
        g.snapshot = self.snap
        return self

    def __exit__(self, *exc) -> None:
        self._context.pop()

    def render(self, job: Job) -> bytes | None:
        """The body of the server's answer for one file (None for a QR code its card is too big for); a
        BuildError when it is not a 200.

        The view answers as it does on the server (before-request hooks, view, error handlers); the
        after-request hooks are left out: they only add headers (security, compression for clients that
        ask), and a file keeps only the body."""
        from werkzeug.exceptions import HTTPException

        from contacts_app.web.site_folder import BuildError

        path, _, query = self.addresses.build(job.endpoint, dict(job.values)).partition("?")
        self.site.current = job.target
        with self.app.request_context({**self.environ, "PATH_INFO": path, "QUERY_STRING": query}):
            try:
                response = self.app.make_response(self.app.preprocess_request() or self.app.dispatch_request())
            except HTTPException as exc:
                if exc.code == 404 and job.endpoint == "downloads.person_qr":
                    return None  # a card too big for a QR code (a card-too-big finding): its page shows none
                raise BuildError(f"{path} answered {exc.code} while building {job.target}") from None
            response.direct_passthrough = False  # a file-wrapped download is read like any other answer
            body = response.get_data()
            response.close()
        if response.status_code != 200:
            raise BuildError(f"{path} answered {response.status_code} while building {job.target}")
        return body


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
        with context.Pool(min(workers, len(chunks))) as pool:
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
