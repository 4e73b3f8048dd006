"""The attacks of the hardening review, measured against `contacts serve` with 2,000 contacts on loopback:

- RSS before and after 20,000 distinct Host headers (a person's page and vCard for each), and how long
  `/contacts.vcf` takes for a new Host against its first making;
- RSS before and after 3,000 requests with a distinct 200 KB query argument (refused at the header limit),
  and 3,000 with a 60 KB one (under it: answered, never part of a cache key);
- the latency of a normal request during a 200-socket slowloris, directly and through nginx, each as a
  ratio to the same request without the attack, measured in the same run.

    python benchmarks/bench_hardening.py [--hosts 20000] [--queries 3000] [--out benchmarks/HARDENING.md]
"""

from __future__ import annotations

import argparse
import json
import platform
import statistics
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import datetime, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks import generate  # noqa: E402
from benchmarks.live import (  # noqa: E402
    contacts_serve,
    drip,
    fetch,
    nginx_in_front,
    rss_mb,
    slowloris,
    timed_get,
)


def flood(requests, workers: int = 8) -> dict:
    """Send every (url, headers) of `requests` with `workers` at a time; how many of each status came back."""
    statuses: dict[int, int] = {}

    def one(item):
        return fetch(*item, timeout=60)[0]

    with ThreadPoolExecutor(workers) as pool:
        for status in pool.map(one, requests):
            statuses[status] = statuses.get(status, 0) + 1
    return statuses


def host_flood(url: str, pid: int, hosts: int, person: str) -> list[str]:
    """RSS around a flood of distinct Hosts, and the cost of the whole directory's file for new ones."""
    first = timed_get(url + "/contacts.vcf")
    before = rss_mb(pid)
    statuses = flood((url + path, {"Host": f"h{n}.example"}) for n in range(hosts)
                     for path in (f"/people/{person}", f"/people/{person}.vcf"))
    after = rss_mb(pid)
    new_hosts = []
    for n in range(8):
        started = time.perf_counter()
        fetch(url + "/contacts.vcf", {"Host": f"bulk{n}.example"})
        new_hosts.append(time.perf_counter() - started)
    return [
        f"| {hosts:,} distinct Host headers (page + vCard each; statuses {statuses}) | {before:.1f} | {after:.1f} | {after - before:+.1f} |",
        f"\n`/contacts.vcf`: first making {first:.3f} s; for 8 new Hosts after the flood: median "
        f"{statistics.median(new_hosts):.3f} s, worst {max(new_hosts):.3f} s (ratio to the first {max(new_hosts) / first:.2f}x).",
    ]


def query_flood(url: str, pid: int, queries: int, size: int, person: str, round_: int) -> str:
    """RSS around `queries` requests each with a distinct query argument of `size` bytes (round `round_`:
    the first also grows the server's buffers; a second tells that apart from what a cache keeps)."""
    filler = "x" * size
    before = rss_mb(pid)
    statuses = flood((url + f"/api/contacts/{person}?z{round_}={n}{filler}", {}) for n in range(queries))
    after = rss_mb(pid)
    return (f"| {queries:,} requests with a distinct {size // 1000} KB `?z=`, round {round_} (statuses {statuses}) "
            f"| {before:.1f} | {after:.1f} | {after - before:+.1f} |")


def slowloris_latency(url: str, person: str, sockets: int = 200, repeats: int = 5) -> tuple[float, float]:
    """(median latency without, median latency during a `sockets`-socket slowloris) of a normal request."""
    target = url + f"/api/contacts/{person}"
    calm = statistics.median(timed_get(target) for _ in range(repeats))
    with slowloris(url, sockets) as held:
        time.sleep(0.5)
        during = []
        for _ in range(repeats):
            drip(held)
            try:
                during.append(timed_get(target, timeout=120))
            except OSError:  # no answer within 120 s: stalled
                during.append(float("inf"))
    return calm, statistics.median(during)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--hosts", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=3_000)
    parser.add_argument("--repeats", type=int, default=5, help="normal requests timed with and without slowloris")
    parser.add_argument("--out", default=str(Path(__file__).with_name("HARDENING.md")))
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-hardening-"))
    path = folder / "contacts.yaml"
    path.write_text(generate.generate(2000, seed=16), encoding="utf-8")
    lines = [
        "# Hardening benchmarks",
        "",
        f"Produced by `python benchmarks/bench_hardening.py --hosts {args.hosts} --queries {args.queries} "
        f"--repeats {args.repeats}` on "
        f"{datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC; Python {platform.python_version()}, "
        f"{platform.platform()}; `contacts serve` of 2,000 generated contacts on loopback (Debian nginx in front "
        "where said, configured as `benchmarks/live.py` NGINX_CONF, the README's production settings).",
        "",
        "| flood | RSS before MB | RSS after MB | change |",
        "|---|---:|---:|---:|",
    ]
    print("\n".join(lines), flush=True)
    env = {"CONTACTS_STATUS_TOKEN": "", "CONTACTS_PUBLIC_URL": ""}
    with contacts_serve(path, env) as (url, proc):
        person = json.loads(fetch(url + "/api/contacts")[2])[0]["id"]
        host_lines = host_flood(url, proc.pid, args.hosts, person)
        lines.append(host_lines[0])
        print(host_lines[0], flush=True)
        for size in (200_000, 60_000):
            for n in (1, 2):
                lines.append(query_flood(url, proc.pid, args.queries, size, person, n))
                print(lines[-1], flush=True)
        lines.append(host_lines[1])
        print(host_lines[1], flush=True)
        calm, during = slowloris_latency(url, person, repeats=args.repeats)
        with nginx_in_front(url, folder / "nginx") as proxied:
            calm_nginx, during_nginx = slowloris_latency(proxied, person, repeats=args.repeats)
    lines += [
        "",
        f"| normal request (`/api/contacts/ID`), median of {args.repeats} | without attack s | during 200-socket slowloris s | ratio |",
        "|---|---:|---:|---:|",
        f"| directly | {calm:.4f} | {during:.4f} | {during / calm:.2f}x |",
        f"| through nginx | {calm_nginx:.4f} | {during_nginx:.4f} | {during_nginx / calm_nginx:.2f}x |",
        "",
    ]
    text = "\n".join(lines)
    print("\n".join(lines[-5:]))
    Path(args.out).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
