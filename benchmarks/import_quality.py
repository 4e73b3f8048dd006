"""Precision and recall of `contacts import` over the release fixtures, per record and per field.

    python3 benchmarks/import_quality.py [FOLDER ...]

A folder holds NAME.txt / NAME.html releases, each with NAME.expected.yaml. Defaults to
tests/data/releases and the two held-out sets (written without sight of the extractor).
A record counts as right only when every field is right; field scores count each value
(name, each title and organisation language, party, each number with its label, each address).
"""

from __future__ import annotations

import sys
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from contacts_app.extraction.extract import extract
from contacts_app.extraction.release_text import read_release
from contacts_app.normalise.name_match import fold

DEFAULT_FOLDERS = [ROOT / "tests" / "data" / name for name in ("releases", "releases-heldout", "releases-heldout-2")]


def values(record: dict) -> set[tuple]:
    """The record's field values as comparable tuples."""
    out = {("kind", record.get("kind", "person")), ("party", record.get("party"))}
    for key in ("title", "organisation"):
        out |= {(key, lang, text) for lang, text in (record.get(key) or {}).items()}
    out |= {("phone", p["number"], p.get("label")) for p in record.get("phones") or []}
    out |= {("email", e) for e in record.get("emails") or []}
    return out


def score(folder: Path, verbose: bool) -> tuple[int, int, int, int, int, int]:
    """(record tp, fp, fn, field tp, fp, fn) over one folder."""
    rtp = rfp = rfn = ftp = ffp = ffn = 0
    for path in sorted(p for p in folder.glob("*") if p.suffix in (".txt", ".html")):
        got = [c.as_record() for c in extract(read_release(path)).candidates]
        want = yaml.safe_load(path.with_name(path.stem + ".expected.yaml").read_text(encoding="utf-8"))["contacts"]
        got_by_name = {fold(r["name"]): r for r in got}
        want_by_name = {fold(r["name"]): r for r in want}
        for name, expected in want_by_name.items():
            found = got_by_name.get(name)
            if found is None:
                rfn += 1
                ffn += len(values(expected)) + 1
                if verbose:
                    print(f"{path.name}: missed {expected['name']}")
                continue
            ftp += 1  # the name itself
            right, extra, missing = values(found) & values(expected), values(found) - values(expected), values(expected) - values(found)
            ftp += len(right)
            ffp += len(extra)
            ffn += len(missing)
            if extra or missing:
                rfp += 1
                rfn += 1
                if verbose:
                    print(f"{path.name}: {expected['name']}: extra {sorted(map(str, extra))} missing {sorted(map(str, missing))}")
            else:
                rtp += 1
        for name, found in got_by_name.items():
            if name not in want_by_name:
                rfp += 1
                ffp += len(values(found)) + 1
                if verbose:
                    print(f"{path.name}: not a contact: {found['name']}")
    return rtp, rfp, rfn, ftp, ffp, ffn


def ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "-"


def main(argv: list[str]) -> int:
    verbose = "-v" in argv
    folders = [Path(a) for a in argv if a != "-v"] or [f for f in DEFAULT_FOLDERS if f.exists()]
    print("| fixtures | releases | records right | record precision | record recall | field precision | field recall |")
    print("|---|---|---|---|---|---|---|")
    for folder in folders:
        count = len([p for p in folder.glob("*") if p.suffix in (".txt", ".html")])
        rtp, rfp, rfn, ftp, ffp, ffn = score(folder, verbose)
        print(
            f"| {folder.relative_to(ROOT) if folder.is_relative_to(ROOT) else folder} | {count} | {rtp}/{rtp + rfn} | "
            f"{ratio(rtp, rtp + rfp)} | {ratio(rtp, rtp + rfn)} | {ratio(ftp, ftp + ffp)} | {ratio(ftp, ftp + ffn)} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
