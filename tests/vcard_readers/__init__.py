"""Read .vcf files with the parsers real clients use, for tests.

* ical.js  (npm "ical.js"; the parser in Thunderbird)      -> read_with_icaljs()
* ez-vcard (Debian libez-vcard-java; the parser in DAVx5)  -> read_with_ezvcard()
* libebook (Debian gir1.2-ebookcontacts-1.2; Evolution)    -> read_with_libebook()

Both return ``list[dict]``, one dict per card, with the keys
``version fn n org title note url uid rev tel email`` (see icaljs_read.mjs /
EzRead.java for the exact shape). Values are what the parser decoded, with
no clean-up on our side, so parser quirks stay visible (e.g. ical.js leaves
``\\;`` undecoded in FN/TITLE/NOTE; see tests/test_vcard_readers_harness.py).

Install the tools with ``scripts/install-test-deps`` (root, or a user who may sudo).
``icaljs_available()`` / ``ezvcard_available()`` say whether a reader can run;
the ``read_with_*`` functions raise ``ReaderUnavailable`` (with the reason and
the install hint) when it cannot, and ``ReaderFailed`` (a
``subprocess.CalledProcessError`` whose message includes the tool's stderr)
when the tool ran and failed.

Environment overrides: ``VCARD_READERS_NODE`` (node binary),
``VCARD_READERS_JAVA`` (java binary), ``VCARD_READERS_EZVCARD_CLASSPATH``
(classpath holding ez-vcard and vinnie).
"""

from __future__ import annotations

import functools
import json
import os
import shutil
import subprocess
from pathlib import Path

__all__ = [
    "HERE",
    "ReaderFailed",
    "ReaderUnavailable",
    "available",
    "ezvcard_available",
    "ezvcard_unavailable_reason",
    "icaljs_available",
    "icaljs_unavailable_reason",
    "read_with_ezvcard",
    "read_with_icaljs",
    "read_with_libebook",
    "libebook_unavailable_reason",
]

HERE = Path(__file__).resolve().parent
ICALJS_SCRIPT = HERE / "icaljs_read.mjs"
EZVCARD_SOURCE = HERE / "EzRead.java"
INSTALL_HINT = "run scripts/install-test-deps to install the vCard readers"

DEFAULT_EZVCARD_JARS = ("/usr/share/java/ez-vcard.jar", "/usr/share/java/vinnie.jar")

# Timeouts are generous: a cold JVM compiling EzRead.java takes ~1 s.
TIMEOUT_S = 120


class ReaderUnavailable(RuntimeError):
    """The reader's runtime or library is not installed."""


class ReaderFailed(subprocess.CalledProcessError):
    """The reader ran but exited non-zero; str() includes its stderr."""

    def __str__(self) -> str:  # pragma: no cover - message formatting
        base = super().__str__()
        err = (self.stderr or "").strip()
        return f"{base}\n--- stderr ---\n{err}" if err else base


# --------------------------------------------------------------------- ical.js


def _which(env_var: str, default: str) -> str | None:
    """The binary named by $env_var (a path or a name on PATH), else *default* on PATH."""
    return shutil.which(os.environ.get(env_var) or default)


def _node() -> str | None:
    return _which("VCARD_READERS_NODE", "node")


def icaljs_unavailable_reason() -> str | None:
    """None if the ical.js reader can run, else why not."""
    if not _node():
        return "node not found (" + (os.environ.get("VCARD_READERS_NODE") or "not on PATH") + ")"
    if not (HERE / "node_modules" / "ical.js" / "package.json").is_file():
        return f"ical.js is not installed in {HERE / 'node_modules'} (npm ci not run)"
    return None


def icaljs_available() -> bool:
    return icaljs_unavailable_reason() is None


def read_with_icaljs(path: str | os.PathLike[str]) -> list[dict]:
    """Parse every card in *path* with ical.js; return the decoded cards."""
    reason = icaljs_unavailable_reason()
    if reason:
        raise ReaderUnavailable(f"ical.js reader unavailable: {reason}; {INSTALL_HINT}")
    cards, _stderr = _run([_node(), str(ICALJS_SCRIPT), os.fspath(path)])
    return cards


# -------------------------------------------------------------------- ez-vcard


def _java() -> str | None:
    return _which("VCARD_READERS_JAVA", "java")


def _ezvcard_classpath() -> str:
    return os.environ.get("VCARD_READERS_EZVCARD_CLASSPATH") or os.pathsep.join(
        DEFAULT_EZVCARD_JARS
    )


@functools.lru_cache(maxsize=None)
def _java_can_run_source_files(java: str) -> bool:
    # The single-file source launcher needs the jdk.compiler module, which a
    # plain JRE (e.g. openjdk-17-jre-headless) does not ship.
    try:
        out = subprocess.run(
            [java, "--list-modules"],
            capture_output=True,
            text=True,
            timeout=TIMEOUT_S,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return False
    return any(line.startswith("jdk.compiler@") for line in out.splitlines())


def ezvcard_unavailable_reason() -> str | None:
    """None if the ez-vcard reader can run, else why not."""
    java = _java()
    if not java:
        return "java not found (" + (os.environ.get("VCARD_READERS_JAVA") or "not on PATH") + ")"
    missing = [p for p in _ezvcard_classpath().split(os.pathsep) if p and not Path(p).is_file()]
    if missing:
        return "missing jar(s): " + ", ".join(missing)
    if not _java_can_run_source_files(java):
        return f"{java} has no jdk.compiler module (a JRE, not a JDK): cannot run EzRead.java"
    return None


def ezvcard_available() -> bool:
    return ezvcard_unavailable_reason() is None


def read_with_ezvcard(
    path: str | os.PathLike[str],
    *,
    warnings: list[str] | None = None,
) -> list[dict]:
    """Parse every card in *path* with ez-vcard; return the decoded cards.

    If *warnings* is a list, ez-vcard's parse warnings (one line each, e.g.
    "ez-vcard warning (card 0): Line 5 (TEL property): ...") are appended to it.

    The JVM runs with -Dfile.encoding=UTF-8 because Ezvcard.parse(File)
    decodes the file with the JVM default charset (locale-dependent on Java
    17); EzRead.java refuses to run with any other default.
    """
    reason = ezvcard_unavailable_reason()
    if reason:
        raise ReaderUnavailable(f"ez-vcard reader unavailable: {reason}; {INSTALL_HINT}")
    cards, stderr = _run(
        [
            _java(),
            # C1 only: roughly halves start-up + compile time of the launcher.
            "-XX:TieredStopAtLevel=1",
            "-Dfile.encoding=UTF-8",
            "-cp",
            _ezvcard_classpath(),
            str(EZVCARD_SOURCE),
            os.fspath(path),
        ]
    )
    if warnings is not None:
        warnings.extend(
            line for line in stderr.splitlines() if line.startswith("ez-vcard warning")
        )
    return cards


# ------------------------------------------------------------------ helpers


def available() -> dict[str, bool]:
    """Which readers can run here: {"icaljs": bool, "ezvcard": bool}."""
    return {"icaljs": icaljs_available(), "ezvcard": ezvcard_available()}


def _run(cmd: list[str]) -> tuple[list[dict], str]:
    try:
        proc = subprocess.run(
            cmd,
            capture_output=True,
            encoding="utf-8",
            errors="strict",
            timeout=TIMEOUT_S,
            check=True,
        )
    except FileNotFoundError as exc:  # binary vanished between check and run
        raise ReaderUnavailable(f"{cmd[0]}: {exc}; {INSTALL_HINT}") from exc
    except subprocess.CalledProcessError as exc:
        raise ReaderFailed(exc.returncode, exc.cmd, exc.output, exc.stderr) from None
    cards = json.loads(proc.stdout)
    if not isinstance(cards, list):
        raise ValueError(f"{cmd[0]} printed {type(cards).__name__}, expected a JSON list")
    return cards, proc.stderr


# -------------------------------------------------------------------- libebook

#: Debian's python3, which has PyGObject; libebook comes as the EBookContacts typelib.
SYSTEM_PYTHON = "/usr/bin/python3"
EBOOK_SCRIPT = HERE / "ebook_read.py"


def libebook_unavailable_reason() -> str | None:
    """None if the libebook reader (Evolution, GNOME Contacts) can run, else why not."""
    if not Path(SYSTEM_PYTHON).is_file():
        return f"{SYSTEM_PYTHON} is missing"
    probe = "import gi; gi.require_version('EBookContacts', '1.2'); from gi.repository import EBookContacts"
    try:
        subprocess.run([SYSTEM_PYTHON, "-c", probe], capture_output=True, timeout=TIMEOUT_S, check=True)
    except (OSError, subprocess.SubprocessError):
        return "PyGObject or the EBookContacts typelib is missing (python3-gi, gir1.2-ebookcontacts-1.2)"
    return None


def read_with_libebook(path: str | os.PathLike[str]) -> list[dict]:
    """Parse every card in *path* with libebook; return the decoded cards (the shape of the others)."""
    reason = libebook_unavailable_reason()
    if reason:
        raise ReaderUnavailable(f"libebook reader unavailable: {reason}; {INSTALL_HINT}")
    cards, _stderr = _run([SYSTEM_PYTHON, str(EBOOK_SCRIPT), os.fspath(path)])
    return cards
