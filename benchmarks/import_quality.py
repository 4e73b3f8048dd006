"""How well `contacts import` reads real press releases, scored per fact.

    python3 benchmarks/import_quality.py [--part dev|test|all] [--errors N] [--releases] [FOLDER ...]

The corpus is tests/data/real-releases/{dev,test}: real releases (first line "# source: URL") with hand-checked
ground truth (NAME.expected.yaml). Tune the extractor on dev only; the test part is for measuring. Each release is
imported into an empty file and exported as JSON through the `contacts` command's own code, exactly as the
independent sets are, then scored by fact_score.py. Prints F1, precision and recall per part, per language and
per layout (where the contacts sit), the releases that yield nothing though a person sees a contact, the slowest
import, and the most common errors.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import io
import json
import sys
import tempfile
import time
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))

from benchmarks.fact_score import NON_PERSON_KINDS, expected_facts, predicted_facts, score_release, totals  # noqa: E402
from contacts_app.cli import main as contacts  # noqa: E402

CORPUS = ROOT / "tests" / "data" / "real-releases"


def releases(folder: Path) -> list[Path]:
    """The releases of a folder that have ground truth."""
    return sorted(p for p in folder.iterdir() if p.suffix in (".txt", ".html") and truth_of(p).exists())


def truth_of(release: Path) -> Path:
    return release.with_name(release.stem + ".expected.yaml")


def imported(release: Path) -> tuple[list[dict], str, float]:
    """The people `contacts import` finds in a release, how the command ended, and the seconds it took."""
    with tempfile.TemporaryDirectory() as tmp:
        into = Path(tmp) / "contacts.yaml"
        out, err = io.StringIO(), io.StringIO()
        start = time.perf_counter()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = contacts(["import", str(release), "--into", str(into)])
        seconds = time.perf_counter() - start
        if "Traceback" in out.getvalue() + err.getvalue():
            return [], "traceback", seconds
        if not into.exists():
            return [], f"exit {status}, nothing written", seconds
        out = io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(io.StringIO()):
            contacts(["export", "--format", "json", str(into)])
    people = json.loads(out.getvalue())
    people = [p for p in people if str(p.get("kind", "person")).lower() not in NON_PERSON_KINDS]
    return people, f"exit {status}", seconds


def layout_of(truth: dict) -> str:
    """Where a release's contacts sit: the locations of its people, or 'no person'."""
    places = sorted({str(c.get("location") or "contact_block") for c in truth.get("contacts") or []})
    return "+".join(places) or "no person"


class Tally:
    """Summed counts for one group of releases."""

    def __init__(self) -> None:
        self.tp = self.fp = self.fn = self.releases = self.empty = 0

    def add(self, score, empty: bool) -> None:
        self.tp, self.fp, self.fn = self.tp + score.tp, self.fp + score.fp, self.fn + score.fn
        self.releases += 1
        self.empty += empty

    def row(self, label: str) -> str:
        if not self.tp + self.fp + self.fn:
            return f"| {label} | {self.releases} | - | - | - | {self.empty} |"  # nothing expected, nothing found
        f1, precision, recall = totals(self.tp, self.fp, self.fn)
        return f"| {label} | {self.releases} | {f1:.2f} | {precision:.2f} | {recall:.2f} | {self.empty} |"


def run(part: str, folders: list[Path], show_releases: bool) -> tuple[dict[str, Tally], collections.Counter, list]:
    """Import and score every release of the folders; tallies per group, error counts, slowest imports."""
    groups: dict[str, Tally] = collections.defaultdict(Tally)
    errors: collections.Counter = collections.Counter()
    timings = []
    for folder in folders:
        for release in releases(folder):
            truth = yaml.safe_load(truth_of(release).read_text(encoding="utf-8")) or {}
            expected = truth.get("contacts") or []
            people, how, seconds = imported(release)
            timings.append((seconds, release.name))
            score = score_release(expected, [predicted_facts(p) for p in people])
            empty = not people and any(not expected_facts(e)["optional"] for e in expected)
            for group in (part, f"{part} · {truth.get('language', '?')}", f"{part} · {layout_of(truth)}"):
                groups[group].add(score, empty)
            errors.update(kind for kind, _ in score.errors)
            if show_releases:
                print(f"{folder.name}/{release.name}: {len(people)} people ({how}); tp {score.tp} fp {score.fp} fn {score.fn}")
                for kind, detail in score.errors:
                    print(f"    {kind}: {detail}")
    return groups, errors, timings


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, help="folders of releases with ground truth (default: the corpus)")
    parser.add_argument("--part", choices=("dev", "test", "all"), default="dev", help="which part of the corpus (default: dev)")
    parser.add_argument("--errors", type=int, default=10, metavar="N", help="list the N most common errors")
    parser.add_argument("--releases", action="store_true", help="print every release's score and errors")
    args = parser.parse_args(argv)
    if args.folders:
        parts = {"given": args.folders}
    else:
        parts = {p: [CORPUS / p] for p in (("dev", "test") if args.part == "all" else (args.part,))}
    print("| releases | count | F1 | precision | recall | nothing found |")
    print("|---|---|---|---|---|---|")
    all_errors: collections.Counter = collections.Counter()
    slowest = []
    warm = next((r for folders in parts.values() for f in folders for r in releases(f)), None)
    if warm:
        imported(warm)  # the first import pays for loading phonenumbers' metadata: not a release's cost
    for part, folders in parts.items():
        groups, errors, timings = run(part, folders, args.releases)
        all_errors += errors
        slowest += timings
        for label in sorted(groups, key=lambda g: (g != part, g)):
            print(groups[label].row(label))
    if slowest:
        seconds, name = max(slowest)
        print(f"\nslowest import: {seconds:.3f} s ({name}); median {sorted(slowest)[len(slowest) // 2][0]:.3f} s")
    if args.errors:
        print("\nmost common errors:")
        for kind, n in all_errors.most_common(args.errors):
            print(f"  {n:4d}  {kind}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
