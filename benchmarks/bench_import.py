"""How fast is `contacts import` into a big file, next to `contacts validate` on the same file?
`python3 benchmarks/bench_import.py [--repeats N] [--before REV]`.

Generates files of 1k and 10k contacts into a temporary folder, then times whole commands on each, each in
a fresh interpreter, interleaved so machine noise hits all alike:

    contacts validate FILE                      the baseline
    contacts import RELEASE --into FILE         two new people appended (on a fresh copy each time)

With `--before REV` (say `main`) the import of that revision is timed too, in the same run, from a
temporary git worktree: the table then shows the import before and after side by side. Prints the
medians and the ratios to validate, and writes them to RESULTS.md (section `import`).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(HERE))

import generate  # noqa: E402  (benchmarks/generate.py, next to this file)
import sections  # noqa: E402

SIZES = (1_000, 10_000)
RELEASE = ROOT / "tests" / "data" / "releases" / "01-umea-kommun-inline.txt"


def timed(cmd: list[str], tree: Path) -> float:
    """Wall time of one command run with the code of `tree`; it must exit 0 or 1 (findings)."""
    env = {**os.environ, "PYTHONPATH": str(tree)}
    start = time.perf_counter()
    result = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT, env=env)
    elapsed = time.perf_counter() - start
    if result.returncode not in (0, 1):
        raise SystemExit(f"failed ({result.returncode}): {' '.join(cmd)}\n{result.stderr.decode()[-2000:]}")
    return elapsed


def measure(folder: Path, size: int, repeats: int, trees: dict[str, Path]) -> dict[str, float]:
    """Median seconds of validate and of each tree's import, on one file of `size` contacts."""
    source = folder / f"contacts-{size}.yaml"
    source.write_text(generate.generate(size, seed=7), encoding="utf-8")
    work = folder / f"work-{size}.yaml"
    cli = [sys.executable, "-m", "contacts_app.cli"]
    runs: dict[str, list[float]] = {"validate": [], **{f"import ({name})": [] for name in trees}}
    for i in range(repeats):
        order = list(runs) if i % 2 == 0 else list(reversed(runs))
        for name in order:
            shutil.copyfile(source, work)
            if name == "validate":
                runs[name].append(timed([*cli, "validate", "--lang", "en", str(work)], trees["now"]))
            else:
                tree = trees[name[len("import (") : -1]]
                runs[name].append(timed([*cli, "import", "--lang", "en", str(RELEASE), "--into", str(work)], tree))
            if name != "validate":
                assert work.read_text(encoding="utf-8").startswith(source.read_text(encoding="utf-8")[:1000])
    return {name: statistics.median(times) for name, times in runs.items()}


def table(results: dict[int, dict[str, float]]) -> str:
    """The results as a Markdown table: seconds and the ratio to validate on the same file."""
    names = [n for n in next(iter(results.values())) if n != "validate"]
    head = "| contacts | validate s | " + " | ".join(f"{n} s | ratio" for n in names) + " |\n"
    rule = "|---:|---:|" + "---:|---:|" * len(names) + "\n"
    rows = "".join(
        f"| {size} | {m['validate']:.2f} | " + " | ".join(f"{m[n]:.2f} | {m[n] / m['validate']:.2f}x" for n in names) + " |\n"
        for size, m in results.items()
    )
    return head + rule + rows


def main() -> None:
    """Measure, print the table and write it to RESULTS.md."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--before", metavar="REV", help="also time the import of this git revision (e.g. main)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        trees = {"now": ROOT}
        if args.before:
            before = Path(tmp) / "before"
            subprocess.run(["git", "-C", str(ROOT), "worktree", "add", "--detach", "-q", str(before), args.before], check=True)
            trees = {f"{args.before}": before, "now": ROOT}
        try:
            results = {size: measure(Path(tmp), size, args.repeats, trees) for size in SIZES}
        finally:
            if args.before:
                subprocess.run(["git", "-C", str(ROOT), "worktree", "remove", "--force", str(trees[args.before])], check=False)
    text = table(results)
    command = "python3 benchmarks/bench_import.py" + (f" --before {args.before}" if args.before else "")
    print(text, end="")
    sections.write(
        HERE / "RESULTS.md", "import",
        f"## import into a big file, next to validate\n\n`{command}` ({time.strftime('%Y-%m-%d')}, "
        f"median of {args.repeats}; two new people appended; load average {os.getloadavg()[0]:.1f} on "
        f"{os.cpu_count()} cores):\n\n{text}",
    )


if __name__ == "__main__":
    main()
