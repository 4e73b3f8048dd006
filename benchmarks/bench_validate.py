"""How fast is `contacts validate`, next to just loading the YAML? `python3 benchmarks/bench_validate.py [--big]`.

Generates files of 1k and 10k contacts (and 100k with --big) into a temporary folder, then times
two whole commands, each in a fresh interpreter, interleaved so machine noise hits both alike:

    contacts validate FILE
    python3 -c "import yaml,sys; yaml.load(open(sys.argv[1],'rb'), Loader=yaml.CSafeLoader)" FILE

and prints the medians and their ratio (target: validate at most 2.0x the baseline). It also times
`contacts validate data/contacts.yaml` (target: under 0.5 s), and, inside one process (no interpreter
start, no imports), where the time goes: reading, parsing, and validation, with
Python's garbage collector on (as the command runs) and off. Results go to benchmarks/RESULTS.md.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
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

BASELINE_CODE = "import yaml,sys; yaml.load(open(sys.argv[1],'rb'), Loader=yaml.CSafeLoader)"
TARGET_RATIO = 2.0
TARGET_SMALL = 0.5


def validate_command() -> list[str]:
    """The `contacts` command as installed, or the module when it is not on PATH."""
    exe = shutil.which("contacts")
    return [exe, "validate"] if exe else [sys.executable, "-m", "contacts_app.cli", "validate"]


def run(cmd: list[str]) -> float:
    """Wall time of one command; it must succeed (exit 0)."""
    start = time.perf_counter()
    result = subprocess.run(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, cwd=ROOT)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise SystemExit(f"failed ({result.returncode}): {' '.join(cmd)}\n{result.stderr.decode()[-2000:]}")
    return elapsed


def interleaved(a: list[str], b: list[str], repeats: int) -> tuple[list[float], list[float]]:
    """Time two commands `repeats` times each, alternating which goes first: ab ba ab ..."""
    times_a, times_b = [], []
    for i in range(repeats):
        if i % 2 == 0:
            times_a.append(run(a))
            times_b.append(run(b))
        else:
            times_b.append(run(b))
            times_a.append(run(a))
    return times_a, times_b


SPLIT_CODE = r"""
import gc, json, sys, time
if sys.argv[2] == "off":
    gc.disable()
from contacts_app.contactsfile.reading import Document, read_text
from contacts_app.validation.validate import validate_document
import yaml
path = sys.argv[1]
t0 = time.perf_counter()
text, version = read_text(path)
t1 = time.perf_counter()
for _ in yaml.parse(text, Loader=yaml.CSafeLoader):
    pass
t2 = time.perf_counter()
directory = validate_document(Document(path, text, version))
t3 = time.perf_counter()
print(json.dumps({"read": t1 - t0, "parse": t2 - t1, "validate": t3 - t2}))
"""

LOAD_CODE = r"""
import gc, json, sys, time
if sys.argv[2] == "off":
    gc.disable()
import yaml
t0 = time.perf_counter()
yaml.load(open(sys.argv[1], "rb"), Loader=yaml.CSafeLoader)
print(json.dumps({"baseline_load": time.perf_counter() - t0}))
"""


def split(path: Path, gc_mode: str) -> dict[str, float]:
    """After the imports, in fresh processes: read, parse events, validate; and, alone, the baseline's yaml.load."""
    out = {}
    for code in (SPLIT_CODE, LOAD_CODE):
        result = subprocess.run(
            [sys.executable, "-c", code, str(path), gc_mode], capture_output=True, text=True, cwd=ROOT, check=True
        )
        out.update(json.loads(result.stdout))
    return out


def machine() -> dict[str, str]:
    """What the numbers were measured on."""
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    import yaml

    return {
        "nproc": str(os.cpu_count()),
        "cpu": cpu,
        "python": platform.python_version(),
        "pyyaml": f"{yaml.__version__} (libyaml: {yaml.__with_libyaml__})",
        "os": platform.platform(),
        "date": datetime.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z"),
    }


def main(argv: list[str] | None = None) -> int:
    """Generate, time, print the table and write RESULTS.md."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--big", action="store_true", help="also 100k contacts (takes several minutes)")
    parser.add_argument("--repeats", type=int, default=5, help="runs of each command per size (default 5)")
    parser.add_argument("--seed", type=int, default=1, help="seed for the generated files (default 1)")
    parser.add_argument("--results", default=str(HERE / "RESULTS.md"), help="where to write the results")
    parser.add_argument("--keep", metavar="DIR", help="generate into DIR and keep the files")
    args = parser.parse_args(argv)

    sizes = [1_000, 10_000] + ([100_000] if args.big else [])
    folder = Path(args.keep) if args.keep else Path(tempfile.mkdtemp(prefix="contacts-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    validate = validate_command()
    rows, splits = [], []
    try:
        for n in sizes:
            path = folder / f"contacts-{n}.yaml"
            t = time.perf_counter()
            path.write_text(generate.generate(n, args.seed), encoding="utf-8")
            print(f"generated {n} contacts in {time.perf_counter() - t:.1f} s: {path}", file=sys.stderr)
            repeats = args.repeats if n <= 10_000 else max(3, args.repeats // 2)
            base, val = interleaved([sys.executable, "-c", BASELINE_CODE, str(path)], [*validate, str(path)], repeats)
            row = {
                "n": n, "mb": path.stat().st_size / 1e6, "repeats": repeats,
                "baseline": statistics.median(base), "validate": statistics.median(val),
                "baseline_all": base, "validate_all": val,
            }
            row["ratio"] = row["validate"] / row["baseline"]
            rows.append(row)
            print(f"{n:>7} contacts: baseline {row['baseline']:.2f} s, validate {row['validate']:.2f} s, "
                  f"ratio {row['ratio']:.2f}", file=sys.stderr)
            splits.append((n, split(path, "on"), split(path, "off")))

        small = ROOT / "data" / "contacts.yaml"
        small_base, small_val = interleaved(
            [sys.executable, "-c", BASELINE_CODE, str(small)], [*validate, str(small)], max(args.repeats, 7)
        )
        startup = [run([sys.executable, "-c", "pass"]) for _ in range(5)]
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)

    report = render(rows, splits, small_base, small_val, startup, machine(), validate, args)
    print(report)
    import sections  # next to this file

    results = Path(args.results)
    kept = sections.others(results.read_text(encoding="utf-8")) if results.exists() else ""
    results.write_text(report + ("\n" + kept if kept else ""), encoding="utf-8")  # the other scripts' sections stay
    print(f"written to {args.results}", file=sys.stderr)
    return 0


def render(rows, splits, small_base, small_val, startup, info, validate, args) -> str:
    """The results as Markdown."""
    command = "python3 benchmarks/bench_validate.py" + (" --big" if args.big else "")
    if args.repeats != 5:
        command += f" --repeats {args.repeats}"
    lines = [
        "# `contacts validate` benchmark results",
        "",
        f"Produced by `{command}` on {info['date']}.",
        "",
        f"- machine: {info['nproc']} CPU(s) (`nproc`), {info['cpu']}; {info['os']}",
        f"- Python {info['python']}, PyYAML {info['pyyaml']}",
        f"- validate command: `{' '.join(os.path.basename(c) if i == 0 else c for i, c in enumerate(validate))} FILE`",
        f"- baseline command: `python3 -c \"{BASELINE_CODE}\" FILE`",
        "- whole commands (interpreter start and imports included), interleaved, median of the runs;",
        f"  files from `benchmarks/generate.py N FILE --seed {args.seed}` (zero findings)",
        "",
        "## Whole commands",
        "",
        f"| contacts | file MB | runs | baseline s | validate s | ratio | target ≤ {TARGET_RATIO:.1f}x |",
        "|---:|---:|---:|---:|---:|---:|:--|",
    ]
    for r in rows:
        verdict = "met" if r["ratio"] <= TARGET_RATIO else "**missed**"
        lines.append(
            f"| {r['n']:,} | {r['mb']:.1f} | {r['repeats']} | {r['baseline']:.2f} | {r['validate']:.2f} "
            f"| {r['ratio']:.2f}x | {verdict} |"
        )
    small = statistics.median(small_val)
    lines += [
        "",
        f"`contacts validate data/contacts.yaml` (3 contacts): median **{small:.3f} s** over {len(small_val)} runs "
        f"(target < {TARGET_SMALL} s: {'met' if small < TARGET_SMALL else '**missed**'}); "
        f"the baseline on the same file {statistics.median(small_base):.3f} s; "
        f"`python3 -c pass` {statistics.median(startup):.3f} s.",
        "",
        "All runs (s):",
        "",
    ]
    for r in rows:
        lines.append(f"- {r['n']:,}: baseline {_list(r['baseline_all'])}; validate {_list(r['validate_all'])}")
    lines.append(f"- data/contacts.yaml: baseline {_list(small_base)}; validate {_list(small_val)}")
    lines += [
        "",
        "## Where the time goes (in one process, after imports)",
        "",
        "`read` is reading and decoding the file, `parse` is only iterating PyYAML's C parser's events (the",
        "floor of any YAML reading), `validate` is `validate.validate_document`: its own pass over the events,",
        "building each contact's nodes in turn, and the rules (shapes, phones, emails, names, cross-checks).",
        "`yaml.load` is the baseline's work, timed the same way in a process of its own. Fresh processes each time, with",
        "the garbage collector on (as `contacts validate` runs) and off (`gc.disable()`).",
        "",
        "| contacts | gc | read s | parse s | validate s | validate − parse s | baseline yaml.load s |",
        "|---:|:--|---:|---:|---:|---:|---:|",
    ]
    for n, on, off in splits:
        for mode, s in (("on", on), ("off", off)):
            lines.append(
                f"| {n:,} | {mode} | {s['read']:.2f} | {s['parse']:.2f} | {s['validate']:.2f} "
                f"| {s['validate'] - s['parse']:.2f} | {s['baseline_load']:.2f} |"
            )
    lines.append("")
    return "\n".join(lines)


def _list(values: list[float]) -> str:
    """Run times, two decimals."""
    return ", ".join(f"{v:.2f}" for v in values)


if __name__ == "__main__":
    sys.exit(main())
