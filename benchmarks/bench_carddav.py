"""How fast are the CardDAV address books, next to a 2-card book in the same run? `python3 benchmarks/bench_carddav.py`.

Three real `contacts serve` processes (2, 1k and 10k generated contacts; `--sizes` to change the big ones)
answer, in turn and interleaved so machine noise hits all alike, the requests a client makes of the book of
the whole directory (`/carddav/press/contacts/`):

- `PROPFIND` depth 0 (a poll: getctag and sync-token),
- `PROPFIND` depth 1 of every card's getetag (a full listing, as a client without sync-collection does),
- `sync-collection` with the current token (nothing changed),
- `sync-collection` after one change: a title is edited in the YAML, the server reloads and rewrites the
  books, and the client asks with its token from before (the answer must name exactly one card).

Each figure is the median of `--runs` and is shown as a ratio to the same request of the 2-card book.
Then, in this process: the time to rewrite the books for a new version with one change (cards built and
compared, one card written in two books), next to the time to reload that version (read and validate the
file: what the server does anyway); a restart's first write (the folder read back); and a first write
into an empty folder. Results go to the CardDAV section of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime
import http.client
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import generate  # noqa: E402
import sections  # noqa: E402  (benchmarks/sections.py: one section of RESULTS.md per script)

from contacts_app.outputs.book_storage import BookWriter  # noqa: E402
from contacts_app.web.carddav import snapshot_books  # noqa: E402
from contacts_app.web.store import DirectoryStore  # noqa: E402

BOOK = "/carddav/press/contacts/"
LOGIN = {"Authorization": "Basic cHJlc3M6cHJlc3M="}  # press:press
DEPTH0 = '<?xml version="1.0"?><propfind xmlns="DAV:" xmlns:CS="http://calendarserver.org/ns/"><prop><CS:getctag/><sync-token/></prop></propfind>'
DEPTH1 = '<?xml version="1.0"?><propfind xmlns="DAV:"><prop><getetag/></prop></propfind>'
SYNC = ('<?xml version="1.0"?><sync-collection xmlns="DAV:"><sync-token>{}</sync-token><sync-level>1</sync-level>'
        "<prop><getetag/></prop></sync-collection>")
REQUESTS = ("PROPFIND depth 0", "PROPFIND depth 1 (all etags)", "sync-collection, no change", "sync-collection after one change")


class Server:
    """One `contacts serve` of a generated file, with its books in a folder of its own."""

    def __init__(self, work: Path, contacts: int):
        self.contacts = contacts
        self.path = work / f"contacts-{contacts}.yaml"
        self.path.write_text(generate.generate(contacts, seed=1), encoding="utf-8")
        self.folder = work / f"books-{contacts}"
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        contacts_cmd = shutil.which("contacts") or sys.executable
        args = ["serve"] if contacts_cmd.endswith("contacts") else ["-m", "contacts_app.cli", "serve"]
        self.process = subprocess.Popen(
            [contacts_cmd, *args, str(self.path), "--port", str(self.port), "--carddav-folder", str(self.folder)],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT,
        )
        self.token = ""
        self.toggle = 0

    def ready(self) -> bool:
        """Whether the server answers and its book holds every card."""
        try:
            status, body = self.request("PROPFIND", DEPTH1, depth="1")
        except OSError:
            return False
        return status == 207 and body.count(b"<response>") == self.contacts + 1

    def request(self, method: str, body: str, depth: str) -> tuple[int, bytes]:
        """One request to the book on a new connection: (status, body)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=300)
        try:
            connection.request(method, BOOK, body=body, headers={**LOGIN, "Depth": depth, "Content-Type": "application/xml"})
            response = connection.getresponse()
            return response.status, response.read()
        finally:
            connection.close()

    def sync(self) -> tuple[float, int]:
        """(seconds, changes) of a sync-collection with the token of the last sync."""
        start = time.perf_counter()
        status, body = self.request("REPORT", SYNC.format(self.token), "1")
        elapsed = time.perf_counter() - start
        assert status == 207, body[:300]
        self.token = re.search(rb"<sync-token>(.*?)</sync-token>", body).group(1).decode()
        return elapsed, body.count(b"<response>")

    def change_one(self) -> None:
        """Edit one title in the file and wait until its card in the book has changed."""
        text = self.path.read_text(encoding="utf-8")
        first = re.search(r"^  - id: (\S+)", text, re.M).group(1)
        card = self.folder / "collection-root" / "press" / "contacts" / f"{first}.vcf"
        before = card.read_bytes()
        self.toggle += 1
        marker = f" (ändrad {self.toggle})"
        text = _retitle(text, marker)
        self.path.write_text(text, encoding="utf-8")
        deadline = time.monotonic() + 300
        while card.read_bytes() == before:
            assert time.monotonic() < deadline, "the book did not change"
            time.sleep(0.05)
        time.sleep(0.2)  # the writer releases Radicale's lock right after the last card

    def timed(self, kind: str) -> float:
        """Seconds of one request of this kind."""
        if kind.startswith("sync-collection"):
            if kind.endswith("one change"):
                self.sync()
                self.change_one()
                elapsed, changes = self.sync()
                assert changes == 1, f"{changes} changes after one edit"
                return elapsed
            self.sync()
            elapsed, changes = self.sync()
            assert changes == 0
            return elapsed
        body, depth = (DEPTH0, "0") if "depth 0" in kind else (DEPTH1, "1")
        start = time.perf_counter()
        status, _ = self.request("PROPFIND", body, depth)
        assert status == 207
        return time.perf_counter() - start

    def stop(self) -> None:
        """End the server."""
        self.process.terminate()
        self.process.wait(timeout=30)


def _retitle(text: str, marker: str) -> str:
    """The file with the first contact's Swedish title given `marker` (replacing an earlier one)."""
    match = re.search(r"^      sv: (.*?)(?: \(ändrad \d+\))?$", text, re.M)
    return text[: match.start(1)] + match.group(1) + marker + text[match.end():]


def rewrite_times(work: Path, contacts: int, runs: int) -> dict[str, float]:
    """In this process: the store's reload of a new version, and writing its books (warm, after a restart,
    and the first write)."""
    path = work / f"contacts-{contacts}.yaml"
    folder = work / f"rewrite-{contacts}"
    person = lambda c: f"http://127.0.0.1:8000/people/{c.id}"  # noqa: E731
    store = DirectoryStore(path, interval=0)
    writer = BookWriter(folder)
    start = time.perf_counter()
    writer.write(snapshot_books(store.snapshot, person))
    first = time.perf_counter() - start
    reloads, rewrites = [], []
    for run in range(runs):
        path.write_text(_retitle(path.read_text(encoding="utf-8"), f" (ändrad {100 + run})"), encoding="utf-8")
        start = time.perf_counter()
        assert store.check()
        reloads.append(time.perf_counter() - start)
        start = time.perf_counter()
        changed = writer.write(snapshot_books(store.snapshot, person))
        rewrites.append(time.perf_counter() - start)
        assert changed == 2, changed  # the card in the whole book and in its organisation's
    start = time.perf_counter()
    assert BookWriter(folder).write(snapshot_books(store.snapshot, person)) == 0
    restart = time.perf_counter() - start
    store.close()
    return {"first": first, "reload": statistics.median(reloads), "rewrite": statistics.median(rewrites),
            "restart": restart, "runs": rewrites}


def main() -> int:
    """Run the benchmark, print the tables and write them into RESULTS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000", help="the big books' sizes (default 1000,10000)")
    parser.add_argument("--runs", type=int, default=5, help="runs of each request (default 5)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args()
    sizes = [2, *(int(n) for n in args.sizes.split(","))]
    work = Path(tempfile.mkdtemp(prefix="bench-carddav-"))
    os.environ["XDG_STATE_HOME"] = str(work / "state")
    servers = [Server(work, n) for n in sizes]
    try:
        started = time.monotonic()
        for server in servers:
            while not server.ready():
                assert server.process.poll() is None, f"contacts serve of {server.contacts} contacts ended"
                assert time.monotonic() - started < 900, "the servers did not get ready"
                time.sleep(0.5)
        for server in servers:  # warm-up: Radicale's caches of every card, Python's lazy imports
            for kind in REQUESTS:
                server.timed(kind)
        times: dict[tuple[str, int], list[float]] = {}
        for run in range(args.runs):
            for kind in REQUESTS:
                order = servers if run % 2 == 0 else servers[::-1]
                for server in order:
                    times.setdefault((kind, server.contacts), []).append(server.timed(kind))
    finally:
        for server in servers:
            server.stop()
    rewrites = {n: rewrite_times(work, n, args.runs) for n in sizes}
    shutil.rmtree(work, ignore_errors=True)
    text = report(sizes, times, rewrites, args)
    print(text)
    if not args.no_write:
        sections.write(HERE / "RESULTS.md", "carddav", text)
    return 0


def report(sizes: list[int], times: dict, rewrites: dict, args) -> str:
    """The CardDAV section of RESULTS.md."""
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    lines = [
        "# CardDAV benchmark results", "",
        f"Produced by `python3 benchmarks/bench_carddav.py --sizes {args.sizes} --runs {args.runs}` on {now}.", "",
        f"- machine: {os.cpu_count()} CPU(s); {platform.platform()}; Python {platform.python_version()}",
        "- three `contacts serve` processes (Radicale mounted at /carddav/, waitress), generated files "
        "(`benchmarks/generate.py N --seed 1`), the book of the whole directory; a new connection per request;",
        "  one warm-up round, then the requests interleaved over the three servers, median of the runs, ratio to "
        "the 2-card book's median", "",
        "## Requests, side by side with a 2-card book", "",
        "| request | " + " | ".join(f"{n:,} cards s" for n in sizes) + " | " + " | ".join(f"{n:,} ÷ 2" for n in sizes[1:]) + " |",
        "|---|" + "---:|" * (len(sizes) * 2 - 1),
    ]
    for kind in REQUESTS:
        medians = [statistics.median(times[(kind, n)]) for n in sizes]
        ratios = [f"{m / medians[0]:.0f}x" for m in medians[1:]]
        lines.append(f"| {kind} | " + " | ".join(f"{m:.3f}" for m in medians) + " | " + " | ".join(ratios) + " |")
    lines += ["", "All runs (s):", ""]
    for kind in REQUESTS:
        lines.append(f"- {kind}: " + "; ".join(
            f"{n:,}: " + ", ".join(f"{t:.3f}" for t in times[(kind, n)]) for n in sizes))
    lines += [
        "", "## Rewriting the books for a new version (in one process)", "",
        "`reload` is the store's reload of the new version (reading, validating, the search index: what the "
        "server does for it anyway); `rewrite` "
        "is building the books' cards (cached per record) and writing the one changed card into its two books "
        "under Radicale's lock; `restart` the same with a new writer, which reads the folder back first; "
        "`first` the first write into an empty folder (every card built and written).", "",
        "| contacts | reload s | rewrite s | rewrite ÷ reload | restart s | first s |",
        "|---:|---:|---:|---:|---:|---:|",
    ]
    for n in sizes:
        r = rewrites[n]
        lines.append(f"| {n:,} | {r['reload']:.3f} | {r['rewrite']:.3f} | {r['rewrite'] / r['reload']:.2f}x | "
                     f"{r['restart']:.3f} | {r['first']:.2f} |")
    lines.append("")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
