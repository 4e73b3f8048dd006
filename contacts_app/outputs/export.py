"""Exports of the normalised records: JSON, CSV and vCard, each a pure function of the contacts."""

from __future__ import annotations

import csv
import io
import json
from typing import Sequence

from contacts_app.model.contact import Contact


def to_json(contacts: Sequence[Contact], lang: str = "sv") -> str:
    """A JSON list of records in the shape of the web API."""
    return json.dumps([c.as_dict() for c in contacts], ensure_ascii=False, indent=2) + "\n"


CSV_COLUMNS = (
    "id", "kind", "name", "title_sv", "title_en", "organisation_sv", "organisation_en",
    "party", "phones", "phone_labels", "emails",
)


def to_csv(contacts: Sequence[Contact], lang: str = "sv") -> str:
    """A spreadsheet-friendly table, one row per contact; several phones or emails joined by '; '."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for c in contacts:
        writer.writerow(
            (
                c.id, c.kind, c.name,
                c.title.get("sv") or "", c.title.get("en") or "",
                c.organisation.get("sv") or "", c.organisation.get("en") or "",
                c.party or "",
                "; ".join(p.e164 for p in c.phones),
                "; ".join(p.label or "" for p in c.phones),
                "; ".join(c.emails),
            )
        )
    return out.getvalue()


def to_vcf(contacts: Sequence[Contact], lang: str = "sv") -> str:
    """All contacts as one vCard 3.0 file."""
    from contacts_app.outputs.vcard import vcards

    return vcards(contacts, lang=lang)


EXPORTERS = {"json": to_json, "csv": to_csv, "vcf": to_vcf}
