"""How much of a build's load does the record cache save? `python3 benchmarks/bench_record_cache.py [N]`.

Generates a file of N contacts (default 10,000), builds a record cache of it, edits one record, then times
the load phase of `contacts build` (site_build: read the cache, create the app whose store validates the
file, write the cache) in fresh interpreters, interleaved so machine noise hits both alike:

    cold:   no cache (as the first build, or `contacts validate`)
    cached: the cache of the file before the edit

and prints the medians and their ratio cached/cold, for the validation alone (target: at most 0.4) and for
the whole load phase, whose search index and last good records the cache does not make (target: 0.6).
"""

from __future__ import annotations

import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py, next to this file)

REPEATS = 5
#: (phase, what it is, the largest ratio cached/cold that meets the target)
PHASES = (
    ("validate", "validation alone (read the cache, load_directory, write the cache)", 0.4),
    ("build", "the build's load phase (site_build._load: the store's snapshot, search index, last good records)", 0.6),
)

LOAD_CODE = r"""
import json, sys, time
from contacts_app.validation.record_cache import RecordCache
from contacts_app.validation.validate import load_directory
from contacts_app.web import site_build
path, cache_file, phase = sys.argv[1:4]
t0 = time.perf_counter()
records = RecordCache.read(cache_file) if cache_file != "-" else RecordCache()
if phase == "build":
    site_build._load(path, records)
else:
    load_directory(path, cache=records)
if cache_file != "-":
    site_build._keep_records(records, cache_file)
t1 = time.perf_counter()
print(json.dumps({"seconds": t1 - t0, "hits": records.hits, "misses": records.misses}))
"""


def load_phase(path: Path, cache_file: str, phase: str) -> dict:
    """One load in a fresh interpreter (`phase`: the build's, or validation alone): seconds, hits, misses."""
    done = subprocess.run([sys.executable, "-c", LOAD_CODE, str(path), cache_file, phase], capture_output=True,
                          cwd=ROOT, check=False)
    if done.returncode != 0:
        raise SystemExit(done.stderr.decode()[-2000:])
    return json.loads(done.stdout)


def main() -> None:
    """Time the load phase cold and cached after a one-record edit; print the medians and the ratio."""
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 10_000
    folder = Path(tempfile.mkdtemp(prefix="bench-record-cache-"))
    try:
        path = folder / "contacts.yaml"
        path.write_text(generate.generate(count, seed=1), encoding="utf-8")
        before = folder / "before.records"
        load_phase(path, str(before), "build")  # the cache of the file as it was
        text = path.read_text(encoding="utf-8")
        first = text.index("\n    name: ") + len("\n    name: ")
        path.write_text(text[:first] + "Edited " + text[first:], encoding="utf-8")  # one record changed
        missed = []
        print(f"{count:,} contacts, one record edited; median of {REPEATS} fresh interpreters each")
        for phase, what, target in PHASES:
            cold, cached, last = [], [], {}
            for i in range(REPEATS):
                runs = [("cold", "-"), ("cached", str(folder / "run.records"))]
                for name, cache_file in runs if i % 2 == 0 else runs[::-1]:
                    if name == "cached":
                        shutil.copyfile(before, cache_file)
                    last[name] = load_phase(path, cache_file, phase)
                    (cold if name == "cold" else cached).append(last[name]["seconds"])
            ratio = statistics.median(cached) / statistics.median(cold)
            print(f"{what}:\n  cold (no cache)   {statistics.median(cold):6.2f} s")
            print(f"  cached            {statistics.median(cached):6.2f} s   "
                  f"({last['cached']['hits']:,} records from the cache, {last['cached']['misses']:,} validated)")
            print(f"  ratio cached/cold {ratio:6.2f}   (target: at most {target})")
            if ratio > target:
                missed.append(what)
        if missed:
            raise SystemExit(f"the record cache saves less than its target: {', '.join(missed)}")
    finally:
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
