"""How fast is `contacts build`, next to `contacts validate` on the same file? `python3 benchmarks/bench_build.py`.

For files of 1k and 10k contacts (100k with --big; `--sizes N,N` for others), in one run, as whole commands
(a fresh interpreter each, interleaved so the noise of a shared machine hits both alike):

    contacts validate FILE
    contacts build OUT FILE --base-url https://kontakter.example.se/     (a full build into a new folder)
    contacts build OUT FILE --base-url ...   after a one-contact edit    (the incremental rebuild)

and the ratio of the full build to validate (target ≤ 10x; 10k contacts in ≤ 60 s; a one-contact rebuild
of 10k in ≤ 5 s). Then, of the server (waitress on loopback, 10k contacts): a person's page the first time
(nothing made yet: no card, no QR code, no page) against the same page again, over `--people` people
(target: cold at most 10 ms more than warm). Results go to the build section of RESULTS.md.
"""

from __future__ import annotations

import argparse
import http.client
import os
import shutil
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT))

import bench_validate  # noqa: E402  (next to this file: run, machine, the validate command)
import generate  # noqa: E402
import sections  # noqa: E402

BASE_URL = "https://kontakter.example.se/"
TARGET_RATIO, TARGET_10K_S, TARGET_REBUILD_S, TARGET_COLD_MS = 10.0, 60.0, 5.0, 10.0


def build_command(out: Path, source: Path) -> list[str]:
    """`contacts build OUT FILE --base-url …` as installed."""
    return [*bench_validate.validate_command()[:-1], "build", str(out), str(source), "--base-url", BASE_URL]


def timed(command: list[str]) -> float:
    """Wall time of one command, started once the system has written out every file the last one wrote or
    removed (a build leaves hundreds of megabytes for the kernel to write back: whichever command came next
    would pay for it)."""
    os.sync()
    return bench_validate.run(command)


def fresh(out: Path) -> None:
    """No site and no build before it: the next build is a full one."""
    shutil.rmtree(out, ignore_errors=True)
    shutil.rmtree(out.parent / f".{out.name}.previous", ignore_errors=True)


def toggle_one_contact(source: Path, n: int) -> None:
    """Change one contact's Swedish title (back and forth), as an editor would: words the search finds."""
    text = source.read_text(encoding="utf-8")
    old, new = ("    title:\n      sv: ", "    title:\n      sv: Tillförordnad ") if n % 2 == 0 else (
        "    title:\n      sv: Tillförordnad ", "    title:\n      sv: ")
    source.write_text(text.replace(old, new, 1), encoding="utf-8")


def toggle_verified(source: Path, n: int) -> None:
    """Stamp one contact verified today, as `contacts verify` does, and take the stamp away again: its pages
    and card change, no word a search finds does."""
    text = source.read_text(encoding="utf-8")
    stamp = f"    verified: {time.strftime('%Y-%m-%d')}\n"
    middle = text.index("\n  - id: ", len(text) // 2) + 1
    line_end = text.index("\n", middle) + 1
    if n % 2 == 0:
        text = text[:line_end] + stamp + text[line_end:]
    else:
        text = text[:line_end] + text[line_end:].replace(stamp, "", 1)
    source.write_text(text, encoding="utf-8")


def measure_size(n: int, folder: Path, repeats: int) -> dict:
    """Validate, full build and one-contact rebuild of a generated file of n contacts, side by side."""
    source = folder / f"contacts-{n}.yaml"
    source.write_text(generate.generate(n, seed=1), encoding="utf-8")
    out = folder / f"site-{n}"
    validate = [*bench_validate.validate_command(), str(source)]
    validates, builds, rebuilds, stamps = [], [], [], []
    for i in range(repeats):
        fresh(out)
        pair = [(validates, validate), (builds, build_command(out, source))]
        for times, command in pair if i % 2 == 0 else reversed(pair):
            times.append(timed(command))
        for edit in range(2):
            toggle_one_contact(source, edit)
            rebuilds.append(timed(build_command(out, source)))
        for edit in range(2):
            toggle_verified(source, edit)
            stamps.append(timed(build_command(out, source)))
    files = sum(1 for p in out.rglob("*") if p.is_file())
    megabytes = sum(p.stat().st_size for p in out.rglob("*") if p.is_file()) / 1e6
    fresh(out)
    return {"n": n, "validate": validates, "build": builds, "rebuild": rebuilds, "stamp": stamps, "files": files,
            "mb": megabytes}


def cold_and_warm(n: int, folder: Path, people: int) -> tuple[list[float], list[float]]:
    """Milliseconds of a person's page the first time and the second, from waitress on loopback."""
    import waitress

    from contacts_app import create_app

    source = folder / f"contacts-{n}.yaml"
    if not source.exists():
        source.write_text(generate.generate(n, seed=1), encoding="utf-8")
    app = create_app({"CONTACTS_FILE": str(source), "PUBLIC_URL": BASE_URL.rstrip("/")})
    server = waitress.create_server(app, host="127.0.0.1", port=0, threads=8)
    threading.Thread(target=server.run, daemon=True).start()
    connection = http.client.HTTPConnection("127.0.0.1", server.effective_port)
    from contacts_app.web.store import store_of

    ids = [c.id for c in store_of(app).snapshot.contacts[:: max(1, n // people)]][:people]
    cold, warm = [], []
    for cid in ids:
        for times in (cold, warm):
            start = time.perf_counter()
            connection.request("GET", f"/people/{cid}")
            response = connection.getresponse()
            assert response.status == 200 and response.read()
            times.append((time.perf_counter() - start) * 1000)
    connection.close()
    server.close()  # (the serving thread may print that its sockets went away: it is a daemon, and done)
    return cold, warm


def render(rows: list[dict], cold: list[float], warm: list[float], info: dict, args) -> str:
    """The build section as Markdown."""
    command = "python3 benchmarks/bench_build.py" + (" --big" if args.big else "")
    lines = [
        "# `contacts build` benchmark results",
        "",
        f"Produced by `{command}` on {info['date']}.",
        "",
        f"- machine: {info['nproc']} CPU(s), {info['cpu']}; {info['os']}; Python {info['python']}",
        f"- whole commands, interleaved, medians, each started after `sync`; `contacts build OUT FILE --base-url {BASE_URL}`, a full build"
        " into a new folder, next to `contacts validate FILE`; the rebuilds build into the site just made after"
        " one edit of one contact, two of each kind per run: **title**, its Swedish title (words the search"
        " finds, so the search index is made again), **verified**, a `verified:` stamp put in and taken out"
        " (what `contacts verify` does: the pages and card change, no searched word)",
        "- files from `benchmarks/generate.py N FILE --seed 1`; the machine is shared, so read the ratio",
        f"- load average (1 min) at the start and the end: {args.load[0]:.1f}, {os.getloadavg()[0]:.1f}"
        f" on {info['nproc']} CPU(s)",
        "",
        "| contacts | files | MB | validate s | full build s | ratio | rebuild s: title | rebuild s: verified"
        " | goals |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|:--|",
    ]
    for row in rows:
        v, b, r, st = (statistics.median(row[k]) for k in ("validate", "build", "rebuild", "stamp"))
        goals = [f"≤ {TARGET_RATIO:.0f}x: {'met' if b / v <= TARGET_RATIO else 'not met'}"]
        if row["n"] == 10_000:
            goals.append(f"≤ {TARGET_10K_S:.0f} s: {'met' if b <= TARGET_10K_S else 'not met'}")
            for kind, seconds in (("title", r), ("verified", st)):
                goals.append(f"{kind} rebuild ≤ {TARGET_REBUILD_S:.0f} s: "
                             f"{'met' if seconds <= TARGET_REBUILD_S else 'not met'}")
        lines.append(f"| {row['n']:,} | {row['files']:,} | {row['mb']:.0f} | {v:.2f} | {b:.1f} | {b / v:.1f}x | "
                     f"{r:.2f} | {st:.2f} | {'; '.join(goals)} |")
    lines += ["", "All runs (s):", ""]
    for row in rows:
        lines.append(f"- {row['n']:,}: validate {_list(row['validate'])}; build {_list(row['build'])}; "
                     f"rebuild, title {_list(row['rebuild'])}; rebuild, verified {_list(row['stamp'])}")
    if cold:
        extra = statistics.median(cold) - statistics.median(warm)
        lines += [
            "",
            f"A person's page from the server (waitress, {args.server_size:,} contacts, {len(cold)} people): cold"
            f" (first view: card, QR code and page made) median **{statistics.median(cold):.2f} ms**, warm"
            f" {statistics.median(warm):.2f} ms: **{extra:.2f} ms** more (target ≤ {TARGET_COLD_MS:.0f} ms:"
            f" {'met' if extra <= TARGET_COLD_MS else 'not met'}); slowest cold {max(cold):.1f} ms.",
        ]
    return "\n".join(lines) + "\n"


def _list(values: list[float]) -> str:
    return ", ".join(f"{v:.2f}" for v in values)


def main(argv: list[str] | None = None) -> int:
    """Generate, time, print the table and write the build section of RESULTS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help="also 100,000 contacts")
    parser.add_argument("--sizes", help="comma-separated sizes instead of 1000,10000 (prints without writing)")
    parser.add_argument("--repeats", type=int, default=3, help="full builds per size (default 3; 1 for 100k)")
    parser.add_argument("--people", type=int, default=200, help="person pages for cold/warm (default 200)")
    parser.add_argument("--server-size", type=int, default=10_000, help="contacts for cold/warm (default 10000)")
    args = parser.parse_args(argv)
    args.load = os.getloadavg()
    sizes = [int(s) for s in args.sizes.split(",")] if args.sizes else [1000, 10_000] + ([100_000] if args.big else [])
    with tempfile.TemporaryDirectory(prefix="bench-build-") as name:
        folder = Path(name)
        rows = [measure_size(n, folder, 1 if n >= 100_000 else args.repeats) for n in sizes]
        cold, warm = cold_and_warm(args.server_size, folder, args.people) if args.people else ([], [])
    text = render(rows, cold, warm, bench_validate.machine(), args)
    print(text)
    if not args.sizes:
        sections.write(HERE / "RESULTS.md", "build", text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
