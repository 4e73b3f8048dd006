"""How fast is the web directory, next to baselines on the same server? `python3 benchmarks/bench_web.py [--big]`.

For generated directories of 1k and 10k contacts (and 100k with --big):

- vCard generation per contact (vobject, uncached) and a cached card, in one process;
- `/contacts.vcf` (warm) against the same bytes served as a file (Flask send_file) by the same waitress;
- requests per second of `/people/<id>.vcf`, `/people/<id>` and `/?q=…` against a minimal route on the same
  server, with wrk on loopback (paths rotate over 200 people and a handful of searches);
- the real `contacts serve`: seconds from start to its first answered request, and its RSS after start and
  after warm-up.

The baselines exist only in benchmarks/bench_server.py (never in the product). Pairs are interleaved
(baseline, target, baseline, target) and medians taken: shared machines are noisy. Results are printed
and written to the web section of benchmarks/RESULTS.md. Needs wrk (apt-get install -y wrk).
"""

from __future__ import annotations

import argparse
import datetime
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
import urllib.request
from pathlib import Path
from urllib.parse import quote

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402

TARGETS = {"vcf": 1.2, "rps": 0.8, "rss": 150.0}
BROWSER_ENCODING = "Accept-Encoding: gzip, deflate, br, zstd"  # what Chromium and Firefox send


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def wait_up(url: str, proc: subprocess.Popen, timeout: float = 600) -> float:
    start = time.perf_counter()
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                r.read()
                return time.perf_counter() - start
        except OSError:
            if proc.poll() is not None:
                raise SystemExit(f"server exited: {proc.args}")
            if time.perf_counter() - start > timeout:
                raise SystemExit("server did not start")
            time.sleep(0.02)


def get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=600) as r:
        return r.read()


def wrk(url: str, paths: list[str], seconds: int, script_dir: Path, headers: tuple[str, ...] = ()) -> float:
    """Requests per second of wrk rotating over `paths` (with `headers`); fails on any non-2xx/3xx answer."""
    script = script_dir / "rotate.lua"
    quoted = ",".join('"' + p.replace("\\", "\\\\").replace('"', '\\"') + '"' for p in paths)
    script.write_text(
        f"local paths = {{{quoted}}}\nlocal i = 0\n"
        "request = function() i = i % #paths + 1; return wrk.format('GET', paths[i]) end\n"
    )
    extra = [arg for header in headers for arg in ("-H", header)]
    out = subprocess.run(
        ["wrk", "-t2", "-c16", f"-d{seconds}s", "--timeout", "30s", *extra, "-s", str(script), url],
        capture_output=True, text=True, check=True,
    ).stdout
    if "Non-2xx" in out or "Socket errors" in out and "timeout" in out:
        raise SystemExit(f"wrk saw errors on {paths[0]}…:\n{out}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))


def paired(base: str, baseline: list[str], target: list[str], seconds: int, runs: int, tmp: Path,
           headers: tuple[str, ...] = ()) -> tuple[float, float, list[float]]:
    """Median requests/s of baseline and target, interleaved, and each run's target/baseline ratio."""
    a, b = [], []
    for i in range(runs):
        order = [(a, baseline), (b, target)] if i % 2 == 0 else [(b, target), (a, baseline)]
        for sink, paths in order:
            sink.append(wrk(base, paths, seconds, tmp, headers))
    return statistics.median(a), statistics.median(b), [y / x for x, y in zip(a, b)]


def card_times(path: Path) -> tuple[float, float, float]:
    """(load s, ms per uncached vCard, µs per cached vCard) in this process."""
    from contacts_app.outputs.vcard import vcard
    from contacts_app.validation.validate import load_directory

    t = time.perf_counter()
    contacts = load_directory(path).contacts[:1000]
    loaded = time.perf_counter() - t
    raw = vcard.__wrapped__
    t = time.perf_counter()
    for c in contacts:
        raw(c, lang="sv", url="https://example.se/people/" + c.id)
    uncached = (time.perf_counter() - t) / len(contacts) * 1000
    for c in contacts:
        vcard(c, lang="sv", url="https://example.se/people/" + c.id)
    t = time.perf_counter()
    for c in contacts:
        vcard(c, lang="sv", url="https://example.se/people/" + c.id)
    cached = (time.perf_counter() - t) / len(contacts) * 1e6
    return loaded, uncached, cached


def serve_figures(path: Path) -> dict:
    """The real `contacts serve`: start to first answer, RSS after start and after warm-up."""
    port = free_port()
    exe = shutil.which("contacts")
    cmd = [exe, "serve"] if exe else [sys.executable, "-m", "contacts_app.cli", "serve"]
    proc = subprocess.Popen([*cmd, str(path), "--port", str(port)], stderr=subprocess.DEVNULL, cwd=ROOT)
    try:
        base = f"http://127.0.0.1:{port}"
        first = wait_up(base + "/", proc)
        start_rss = rss_mb(proc.pid)
        t = time.perf_counter()
        get(base + "/contacts.vcf")
        bulk_cold = time.perf_counter() - t
        for lang in ("sv", "en"):
            get(f"{base}/?lang={lang}")
            get(f"{base}/contacts.vcf?lang={lang}")
            get(f"{base}/api/contacts?lang={lang}")
            get(f"{base}/?q=kommun&lang={lang}")
        ids = re.findall(r'"id":\s*"([^"]+)"', get(base + "/api/contacts").decode())[:200]
        for cid in ids:
            get(f"{base}/people/{cid}")
            get(f"{base}/people/{cid}.vcf")
        return {"first": first, "rss_start": start_rss, "rss_warm": rss_mb(proc.pid), "bulk_cold": bulk_cold}
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def web_figures(path: Path, seconds: int, runs: int, tmp: Path) -> dict:
    """wrk figures against benchmarks/bench_server.py (the app plus baseline routes) under waitress."""
    port = free_port()
    static = tmp / "contacts.vcf"
    env = {**os.environ, "BENCH_STATIC_FILE": str(static)}
    proc = subprocess.Popen(
        [sys.executable, str(HERE / "bench_server.py"), str(path), str(port)], env=env, stderr=subprocess.DEVNULL
    )
    try:
        base = f"http://127.0.0.1:{port}"
        wait_up(base + "/_bench/ok", proc)
        static.write_bytes(get(base + "/contacts.vcf"))  # the identical bytes, now as a file
        assert get(base + "/_bench/contacts.vcf") == static.read_bytes()
        ids = re.findall(r'"id":\s*"([^"]+)"', get(base + "/api/contacts").decode())[:200]
        people = [f"/people/{i}" for i in ids]
        cards = [f"/people/{i}.vcf" for i in ids]
        searches = ["/?q=" + quote(q) for q in ("kommun", "region", "andersson", "press", "ö", "länsstyrelsen", "chef")]
        for p in people + cards + searches:
            get(base + p)
        size = round(statistics.mean(len(get(base + p)) for p in searches))
        out = {"search_bytes": size}
        out["vcf"] = paired(base, ["/_bench/contacts.vcf"], ["/contacts.vcf"], seconds, runs, tmp)
        for name, paths in (("person_vcf", cards), ("person", people), ("search", searches)):
            out[name] = paired(base, ["/_bench/ok"], paths, seconds, runs, tmp)
        out["floor"] = paired(base, ["/_bench/ok"], [f"/_bench/bytes/{size}"], seconds, runs, tmp)
        for name, paths in (("person_gzip", people), ("search_gzip", searches)):
            out[name] = paired(base, ["/_bench/ok"], paths, seconds, runs, tmp, (BROWSER_ENCODING,))
        return out
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def machine() -> str:
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines() if l.startswith("model name")), "?")
    return f"{os.cpu_count()} CPU(s) (`nproc`), {cpu}; {platform.platform()}; Python {platform.python_version()}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help="also 100k contacts")
    parser.add_argument("--seconds", type=int, default=5, help="length of each wrk run (default 5)")
    parser.add_argument("--runs", type=int, default=3, help="interleaved runs of each pair (default 3)")
    parser.add_argument("--sizes", type=lambda v: [int(n) for n in v.split(",")], default=None,
                        help="comma-separated numbers of contacts instead (e.g. 10000); implies --no-write")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md alone")
    args = parser.parse_args(argv)
    if not shutil.which("wrk"):
        raise SystemExit("bench_web: wrk is missing; install it with: apt-get install -y wrk")
    sizes = args.sizes or [1000, 10000] + ([100000] if args.big else [])
    rows = []
    with tempfile.TemporaryDirectory() as tmpdir:
        tmp = Path(tmpdir)
        for n in sizes:
            path = tmp / f"contacts-{n}.yaml"
            path.write_text(generate.generate(n, seed=1), encoding="utf-8")
            print(f"bench_web: {n:,} contacts…", file=sys.stderr)
            row = {"n": n, "mb": path.stat().st_size / 1e6}
            row["load"], row["card_ms"], row["card_cached_us"] = card_times(path)
            row |= serve_figures(path)
            row |= web_figures(path, args.seconds, args.runs, tmp)
            rows.append(row)
    text = report(rows, args, machine())
    print(text)
    if not (args.no_write or args.sizes):
        write_section(HERE / "RESULTS.md", text)
    return 0


def verdict(ok: bool) -> str:
    return "met" if ok else "**missed**"


def report(rows: list[dict], args, where: str) -> str:
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    command = "python3 benchmarks/bench_web.py" + (" --big" if args.big else "")
    lines = [
        "# Web benchmark results",
        "",
        f"Produced by `{command}` (`--seconds {args.seconds} --runs {args.runs}`) on {now}.",
        "",
        f"- machine: {where}",
        "- server: waitress, 8 threads (as `contacts serve`); load: `wrk -t2 -c16` on loopback, each run "
        f"{args.seconds} s, baseline and target interleaved, medians of {args.runs} runs each",
        "- baselines (benchmarks/bench_server.py only): `/_bench/ok` returns two bytes; `/_bench/contacts.vcf` "
        "sends the very bytes of `/contacts.vcf` from a file (Flask send_file)",
        "- files from `benchmarks/generate.py N FILE --seed 1`; people pages rotate over 200 people, searches over 7 queries",
        f"- rows marked gzip send `{BROWSER_ENCODING}` (to the minimal route too), as every browser does; the others send no",
        "  Accept-Encoding and get the plain answer (a search page: about 80 KB plain, 9 KB gzipped)",
        "- floor: the minimal route with a body as big as the average plain search page, against the two-byte route:",
        "  what sending that many bytes costs on this machine, whatever the app does",
        "",
        "## Side by side",
        "",
        "| contacts | what | baseline | target | ratio | each run | goal |",
        "|---:|:--|---:|---:|---:|:--|:--|",
    ]
    for r in rows:
        n = f"{r['n']:,}"
        s, d, each = r["vcf"]
        spread = ", ".join(f"{1 / x:.2f}" for x in each)
        lines.append(f"| {n} | `/contacts.vcf` warm, req/s (vs. same bytes as a file) | {s:,.1f} | {d:,.1f} | {s / d:.2f}x time | {spread} | ≤ {TARGETS['vcf']}x: {verdict(s / d <= TARGETS['vcf'])} |")
        for key, label in (
            ("person_vcf", "`/people/<id>.vcf`"), ("person", "`/people/<id>`"), ("search", "`/?q=…`"),
            ("floor", f"floor: {r['search_bytes'] / 1000:.0f} KB (a search page's size) from the minimal route,"),
            ("person_gzip", "`/people/<id>`, gzip as browsers ask,"), ("search_gzip", "`/?q=…`, gzip as browsers ask,"),
        ):
            b, t, each = r[key]
            spread = ", ".join(f"{x:.2f}" for x in each)
            goal = "reference" if key == "floor" else f"≥ {TARGETS['rps']}x: {verdict(t / b >= TARGETS['rps'])}"
            lines.append(f"| {n} | {label} req/s (vs. minimal route) | {b:,.0f} | {t:,.0f} | {t / b:.2f}x | {spread} | {goal} |")
    lines += [
        "",
        "## `contacts serve` and growth",
        "",
        "| contacts | file MB | validate+load s (in process) | start → first answer s | RSS after start MB | RSS warm MB | first `/contacts.vcf` s | vCard uncached ms | vCard cached µs |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        lines.append(
            f"| {r['n']:,} | {r['mb']:.1f} | {r['load']:.2f} | {r['first']:.2f} | {r['rss_start']:.0f} | "
            f"{r['rss_warm']:.0f} ({verdict(r['rss_warm'] <= TARGETS['rss']) if r['n'] == 10000 else '–'}) | "
            f"{r['bulk_cold']:.2f} | {r['card_ms']:.2f} | {r['card_cached_us']:.1f} |"
        )
    lines += [
        "",
        "RSS target: ≤ 150 MB with 10k contacts after warm-up (both languages' pages and bulk files, 200 people).",
        "Warm-up: `/`, `/contacts.vcf`, `/api/contacts` and a search in both languages, and 200 people's pages and cards.",
    ]
    return "\n".join(lines) + "\n"


def write_section(results: Path, text: str) -> None:
    """Put the web section into RESULTS.md, replacing an earlier one (the other scripts write the rest)."""
    import sections

    sections.write(results, "web", text)


if __name__ == "__main__":
    sys.exit(main())
