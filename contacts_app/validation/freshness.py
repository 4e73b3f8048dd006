"""When a contact was last verified: `verified: YYYY-MM-DD`, a malformed or future date an error, and a
date older than the allowed age a `contact-stale` warning (the fix is `contacts verify ID`)."""

from __future__ import annotations

import os
from datetime import date

import yaml

from contacts_app.validation.shapes import Scope

#: Days after which a verification is stale, unless --stale-after or CONTACTS_STALE_AFTER says otherwise.
DEFAULT_STALE_AFTER = 180
STALE_SETTING = "CONTACTS_STALE_AFTER"


def stale_after_days(given: int | None = None) -> int:
    """The allowed age in days: `given` (a command's --stale-after), else $CONTACTS_STALE_AFTER, else 180."""
    if given is not None:
        return given
    try:
        return max(0, int(os.environ.get(STALE_SETTING, "")))
    except ValueError:
        return DEFAULT_STALE_AFTER


def read_verified(scope: Scope, node: yaml.Node, contact_id: str | None, today: date, stale_after: int) -> str | None:
    """The verified day as YYYY-MM-DD, or None when it is missing or malformed (reported at the node)."""
    text = scope.text(node, "verified")
    if text is None:
        return None
    try:
        if len(text) != 10:  # fromisoformat takes 20260105 too; the file keeps one form
            raise ValueError(text)
        day = date.fromisoformat(text)
    except ValueError:
        scope.report(node, "date-invalid", date=text)
        return None
    if day > today:
        scope.report(node, "date-invalid:future", date=text, today=today.isoformat())
        return None
    age = (today - day).days
    if age > stale_after:
        scope.report(node, "contact-stale", date=text, days=str(age), limit=str(stale_after), id=contact_id or "ID")
    return text

