"""Does the forgiving search cost its ratio to the minimal route? `python3 benchmarks/bench_search.py [--against REF]`.

Side by side in one run, on a generated directory of 10k contacts: the search of this checkout and the
search of REF (default `main`, taken with `git archive` into a temporary folder), each served by its own
benchmarks/bench_server.py under waitress with the same minimal route (`/_bench/ok`). For each, wrk's
requests per second of `/?q=…` against that server's minimal route, interleaved and medians taken; the
verdict compares this checkout's ratios with REF's on the searches REF knows (the current ratio), so the
noise of a shared machine falls out.

Two sets of searches: the words bench_web.py times (`kommun`, `region`, `andersson`, ...), and what a
journalist has in hand (numbers as written, an address's domain, misspelt names: REF finds none of these,
so its pages are short). Results go to the search section of benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path
from urllib.parse import quote, unquote

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402
import sections  # noqa: E402
from bench_web import free_port, get, machine, paired, wait_up  # noqa: E402

CURRENT = ("kommun", "region", "andersson", "press", "ö", "länsstyrelsen", "chef")
#: Within this share of REF's ratio counts as the same (three 5-second runs on a shared machine).
TOLERANCE = 0.90


def forgiving(base: str) -> list[str]:
    """Searches by what a journalist has: numbers as written and as E.164, a domain, misspelt surnames."""
    records = json.loads(get(base + "/api/contacts"))[:400:40]
    phones = [c["phones"][0] for c in records if c["phones"]][:4]
    queries = [p["national"] for p in phones[:2]] + [p["e164"] for p in phones[2:]]
    queries += [c["emails"][0].split("@")[1] for c in records if c["emails"]][:2]
    surnames = [c["name"].split()[-1] for c in records if len(c["name"].split()[-1]) >= 6][:3]
    queries += [s[:2] + s[3] + s[2] + s[4:] for s in surnames]  # two letters swapped
    return queries


def checkout(ref: str, into: Path) -> Path:
    """The tree of `ref` (git archive), unpacked into `into`."""
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", "--format=tar", ref], capture_output=True, check=True)
    tar = into / "ref.tar"
    tar.write_bytes(archive.stdout)
    with tarfile.open(tar) as t:
        t.extractall(into / "ref", filter="data")
    return into / "ref"


def start(tree: Path, contacts: Path) -> tuple[subprocess.Popen, str]:
    """The bench server of `tree`, importing the package from that tree; its base URL once it answers."""
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(tree)}
    proc = subprocess.Popen(
        [sys.executable, str(tree / "benchmarks" / "bench_server.py"), str(contacts), str(port)],
        env=env, cwd=tree, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    wait_up(base + "/_bench/ok", proc)
    return proc, base


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--against", default="main", help="the git ref to compare with (default main)")
    parser.add_argument("--size", type=int, default=10_000, help="contacts (default 10000)")
    parser.add_argument("--seconds", type=int, default=5, help="length of each wrk run (default 5)")
    parser.add_argument("--runs", type=int, default=3, help="interleaved runs of each pair (default 3)")
    parser.add_argument("--no-write", action="store_true", help="print only; leave RESULTS.md as it is")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        contacts = tmp / "contacts.yaml"
        generate.main([str(args.size), str(contacts), "--seed", "1"])
        ref_tree = checkout(args.against, tmp)
        servers = {"this": start(ROOT, contacts), args.against: start(ref_tree, contacts)}
        try:
            sets = {"current": ["/?q=" + quote(q) for q in CURRENT],
                    "forgiving": ["/?q=" + quote(q) for q in forgiving(servers["this"][1])]}
            rows = []
            for set_name, paths in sets.items():
                for name, (_, base) in servers.items():
                    for p in paths:
                        get(base + p)  # warm: each page rendered once, as a busy server has
                    minimal, search, ratios = paired(base, ["/_bench/ok"], paths, args.seconds, args.runs, tmp)
                    rows.append({"set": set_name, "server": name, "minimal": minimal, "search": search,
                                 "ratio": search / minimal, "runs": ratios})
        finally:
            for proc, _ in servers.values():
                proc.terminate()
                proc.wait(timeout=30)
    text = report(rows, args, sets)
    print(text)
    if not args.no_write:
        sections.write(HERE / "RESULTS.md", "search", text)
    return 0


def report(rows: list[dict], args, sets: dict) -> str:
    """The search section of RESULTS.md."""
    today = datetime.date.today().isoformat()
    lines = [
        f"## Search at {args.size:,} contacts: this checkout against `{args.against}` (`python3 benchmarks/bench_search.py`, {today})",
        "",
        f"- {machine()}; load average {os.getloadavg()[0]:.1f} at the end",
        f"- wrk -t2 -c16, {args.seconds} s a run, {args.runs} interleaved runs of each pair, medians; both servers from the same file",
        f"- current searches: {', '.join(CURRENT)}; forgiving: {', '.join(unquote(p.removeprefix('/?q=')) for p in sets['forgiving'])}",
        f"- verdict: this checkout's ratio against `{args.against}`'s on the current searches, within {TOLERANCE:.0%} of it counts as kept",
        "",
        "| searches | server | minimal route req/s | `/?q=…` req/s | ratio | runs | verdict |",
        "|---|---|---:|---:|---:|---|---|",
    ]
    # the current ratio: REF's on the searches it knows; REF finds none of the forgiving ones (short pages)
    ref = next(r for r in rows if r["set"] == "current" and r["server"] == args.against)
    for row in rows:
        if row["server"] == args.against:
            verdict = "the current ratio" if row is ref else "finds no one (not a reference)"
        else:
            share = row["ratio"] / ref["ratio"]
            verdict = ("within" if share >= TOLERANCE else "slower") + f" ({share:.2f} of the current ratio)"
        runs = ", ".join(f"{r:.2f}" for r in row["runs"])
        lines.append(f"| {row['set']} | {row['server']} | {row['minimal']:,.0f} | {row['search']:,.0f} | "
                     f"{row['ratio']:.2f}x | {runs} | {verdict} |")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    raise SystemExit(main())
