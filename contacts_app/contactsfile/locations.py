"""Where the contacts file is (the one rule every command follows), and the folders bundled with the product
(templates, static, data), from a checkout and from an installed wheel."""

from __future__ import annotations

import os
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent.parent  # contacts_app/


def resource_path(name: str) -> Path:
    """The folder `name` (templates, static or data): inside the installed package, else in the checkout.

    A wheel carries the top-level folders as contacts_app/_bundled/<name> (pyproject's force-include);
    a checkout (or an editable install) has them next to the package.
    """
    bundled = _PACKAGE / "_bundled" / name
    return bundled if bundled.is_dir() else _PACKAGE.parent / name


#: The contacts file in the working folder that every command uses when none is named.
LOCAL_FILE = Path("data") / "contacts.yaml"


def contacts_file(given: str | os.PathLike | None = None, *, writing: bool = False) -> Path:
    """The contacts file a command works on: `given`, else $CONTACTS_FILE, else data/contacts.yaml in
    the working folder, else the data bundled with the product.

    A command that writes (`import`) never falls back on the bundled data, which lives inside the
    installed package: it gets data/contacts.yaml in the working folder, to be created there.
    """
    named = given or os.environ.get("CONTACTS_FILE")
    if named:
        return Path(named)
    if writing or LOCAL_FILE.is_file():
        return LOCAL_FILE
    return resource_path("data") / "contacts.yaml"


def is_fallback(path: str | os.PathLike) -> bool:
    """Whether `path` is the bundled data that contacts_file falls back on (no file named, none in the
    working folder), so a command can say it is not the user's own file."""
    bundled = resource_path("data") / "contacts.yaml"
    return not os.environ.get("CONTACTS_FILE") and not LOCAL_FILE.is_file() and Path(path).resolve() == bundled.resolve()
