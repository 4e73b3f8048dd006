"""Where the bundled folders (templates, static, data) are, from a checkout and from an installed wheel."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def resource_path(name: str) -> Path:
    """The folder `name` (templates, static or data): inside the installed package, else in the checkout.

    A wheel carries the top-level folders as contacts_app/_bundled/<name> (pyproject's force-include);
    a checkout (or an editable install) has them next to the package.
    """
    bundled = _PACKAGE / "_bundled" / name
    return bundled if bundled.is_dir() else _PACKAGE.parent / name
