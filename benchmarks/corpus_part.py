"""Which part of the real-release corpus a release belongs to, decided by its address alone.

    python3 benchmarks/corpus_part.py RELEASE.txt ...   (moves each release and its ground truth into its part)

A third of the releases (by a hash of the `# source:` URL) are the test part, never tuned on; the rest are the dev
part. The rule depends on nothing a person chooses, so a release cannot be moved to the part where it scores best;
tests/test_import_corpus.py checks every release sits where the rule puts it.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "data" / "real-releases"


def source_of(release: Path) -> str:
    """The URL on a release's first line ("# source: URL")."""
    first = release.read_text(encoding="utf-8").split("\n", 1)[0]
    if not first.lower().startswith("# source:"):
        raise SystemExit(f"{release}: the first line must be '# source: URL'")
    return first.split(":", 1)[1].strip()


def part_of(url: str) -> str:
    """'test' for a third of all addresses, 'dev' for the rest."""
    return "test" if int(hashlib.sha256(url.encode("utf-8")).hexdigest(), 16) % 3 == 0 else "dev"


def main(paths: list[str]) -> int:
    for name in paths:
        release = Path(name)
        truth = release.with_name(release.stem + ".expected.yaml")
        folder = CORPUS / part_of(source_of(release))
        folder.mkdir(parents=True, exist_ok=True)
        for path in (release, truth):
            shutil.copyfile(path, folder / path.name)
        print(f"{folder.name}: {release.name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
