"""Whether a contact's card fits in a QR code: the person's page shows its vCard as one.

A QR code holds at most 2,331 bytes (version 40, error correction M). The card holds the name (twice: FN
and N), a title and an organisation, the numbers and addresses, and about 300 bytes of its own (UID, REV,
the page's address); folding and escapes add a few per cent. A card estimated over QR_BUDGET bytes is a
warning: its page is served without a QR code (outputs.qr gives none for what does not fit).
"""

from __future__ import annotations

from contacts_app.validation.fields import Draft

#: The estimated card size above which the QR code is not expected to fit (2,331 bytes, less a margin).
QR_BUDGET = 2000
_OVERHEAD = 300


def estimated_card_bytes(values: dict, lang: str) -> int:
    """About how many bytes the contact's vCard in `lang` takes."""
    def size(text: str | None) -> int:
        return len((text or "").encode("utf-8"))

    body = (
        2 * size(values["name"]) + size(values["title"].pick(lang)) + size(values["organisation"].pick(lang))
        + sum(60 + size(p.label) for p in values["phones"]) + sum(30 + size(e) for e in values["emails"])
        + size(values["id"]) + _OVERHEAD
    )
    return body * 105 // 100


def check_card_size(draft: Draft) -> None:
    """A card-too-big warning on a contact whose card is not expected to fit in a QR code."""
    biggest = max(estimated_card_bytes(draft.values, lang) for lang in ("sv", "en"))
    if biggest > QR_BUDGET:
        node = draft.nodes.get("name")
        draft.report(node, "card-too-big", size=f"{biggest:,}", limit=f"{QR_BUDGET:,}")
