"""How fast is `contacts fmt`, next to `contacts validate` on the same file? `python3 benchmarks/bench_fmt.py [--repeats N]`.

Generates files of 1k and 10k contacts into a temporary folder, then times three whole commands on each,
each in a fresh interpreter, interleaved so machine noise hits all alike:

    contacts validate FILE        the baseline
    contacts fmt --check FILE     target: at most 1.5x the baseline
    contacts fmt FILE             target: at most 2.0x the baseline (on a fresh copy each time)

and prints the medians and the ratios. The generated file is made non-canonical first (every phone
number written without spaces), so `fmt` has work to do and `fmt --check` a diff to print.
"""

from __future__ import annotations

import argparse
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

TARGETS = {"fmt --check": 1.5, "fmt": 2.0}
SIZES = (1_000, 10_000)


def contacts() -> list[str]:
    """The `contacts` command as installed, or the module when it is not on PATH."""
    exe = shutil.which("contacts")
    return [exe] if exe else [sys.executable, "-m", "contacts_app.cli"]


def timed(cmd: list[str], ok: tuple[int, ...]) -> float:
    """Wall time of one command, which must exit with one of `ok`."""
    start = time.perf_counter()
    result = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if result.returncode not in ok:
        raise SystemExit(f"failed ({result.returncode}): {' '.join(cmd)}\n{result.stderr.decode()[-2000:]}")
    return elapsed


def untidy(text: str) -> str:
    """The generated file with its phone numbers written without spaces (fmt puts them back)."""
    lines = []
    for line in text.splitlines(keepends=True):
        if line.lstrip().startswith("- number: "):
            head, _, number = line.partition("- number: ")
            line = f"{head}- number: {number.replace(' ', '')}"
            line = line if line.endswith("\n") else line + "\n"
        lines.append(line)
    return "".join(lines)


def measure(folder: Path, size: int, repeats: int) -> dict[str, float]:
    """Median seconds of validate, fmt --check and fmt on one file of `size` contacts."""
    source = folder / f"contacts-{size}.yaml"
    source.write_text(untidy(generate.generate(size, seed=7)), encoding="utf-8")
    work = folder / f"work-{size}.yaml"
    cmd = contacts()
    runs: dict[str, list[float]] = {"validate": [], "fmt --check": [], "fmt": []}
    for i in range(repeats):
        order = list(runs) if i % 2 == 0 else list(reversed(runs))
        for name in order:
            shutil.copyfile(source, work)
            args = {"validate": ["validate", "--lang", "en"], "fmt --check": ["fmt", "--check"], "fmt": ["fmt"]}[name]
            runs[name].append(timed([*cmd, *args, str(work)], ok=(0, 1)))
    return {name: statistics.median(times) for name, times in runs.items()}


def main() -> None:
    """Measure, print a table, and exit 1 when a ratio misses its target."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=3)
    args = parser.parse_args()
    missed = False
    print("| contacts | validate s | fmt --check s | ratio | fmt s | ratio |")
    print("|---:|---:|---:|---:|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for size in SIZES:
            m = measure(Path(tmp), size, args.repeats)
            check, fmt = m["fmt --check"] / m["validate"], m["fmt"] / m["validate"]
            missed |= check > TARGETS["fmt --check"] or fmt > TARGETS["fmt"]
            print(f"| {size} | {m['validate']:.2f} | {m['fmt --check']:.2f} | {check:.2f}x | {m['fmt']:.2f} | {fmt:.2f}x |",
                  flush=True)
    print(f"targets: fmt --check <= {TARGETS['fmt --check']}x, fmt <= {TARGETS['fmt']}x validate")
    sys.exit(1 if missed else 0)


if __name__ == "__main__":
    main()
