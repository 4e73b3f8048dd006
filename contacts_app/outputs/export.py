"""Exports of the normalised records: JSON, CSV and vCard, each a pure function of the contacts."""

from __future__ import annotations

import csv
import io
import json
import re
from typing import Sequence

from contacts_app.model.contact import Contact


def to_json(contacts: Sequence[Contact], lang: str = "sv") -> str:
    """A JSON list of records in the shape of the web API."""
    return json.dumps([c.as_dict() for c in contacts], ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = (
    "id", "kind", "name", "title_sv", "title_en", "organisation_sv", "organisation_en",
    "party", "phones", "phone_labels", "emails",
)


#: What a spreadsheet takes for the start of a formula (and tab and CR, which some strip before looking).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: A cell of E.164 numbers only: no spreadsheet formula can be made of it, so it stays as it is.
_NUMBERS_ONLY = re.compile(r"\+\d+(?:; \+\d+)*\Z")


def cell(value: str) -> str:
    """A CSV cell that a spreadsheet cannot run: one that would start a formula gets a leading apostrophe
    (as OWASP advises), except a list of phone numbers in E.164."""
    if value.startswith(FORMULA_STARTS) and not _NUMBERS_ONLY.match(value):
        return "'" + value
    return value


def to_csv(contacts: Sequence[Contact], lang: str = "sv") -> str:
    """A spreadsheet-friendly table, one row per contact; several phones or emails joined by '; '; a cell
    that would start a formula is escaped (see `cell`)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for c in contacts:
        writer.writerow(map(cell, (
                c.id, c.kind, c.name,
                c.title.get("sv") or "", c.title.get("en") or "",
                c.organisation.get("sv") or "", c.organisation.get("en") or "",
                c.party or "",
                "; ".join(p.e164 for p in c.phones),
                "; ".join(p.label or "" for p in c.phones),
                "; ".join(c.emails),
        )))
    return out.getvalue()


def to_vcf(contacts: Sequence[Contact], lang: str = "sv") -> str:
    """All contacts as one vCard 3.0 file."""
    from contacts_app.outputs.vcard import vcards

    return vcards(contacts, lang=lang)


EXPORTERS = {"json": to_json, "csv": to_csv, "vcf": to_vcf}
