"""Phone numbers: parsing with phonenumbers, the line type it reports, and Swedish display forms."""

from __future__ import annotations

import re
from functools import lru_cache

import phonenumbers
from phonenumbers import PhoneNumberFormat, PhoneNumberType

from contacts_app.model.errors import ContactsError
from contacts_app.model.phone import Phone
from contacts_app.model.rule_messages import render

DEFAULT_REGION = "SE"

#: The labels staff give a number: what it is for, as opposed to what kind of line it is.
LABELS = ("switchboard", "direct", "mobile", "press line")

#: Words people write around numbers, in Swedish and English, and the label each implies.
LABEL_WORDS = {
    "växel": "switchboard",
    "vxl": "switchboard",
    "vx": "switchboard",
    "växeln": "switchboard",
    "switchboard": "switchboard",
    "exchange": "switchboard",
    "direkt": "direct",
    "direktnummer": "direct",
    "dir": "direct",
    "direct": "direct",
    "mobil": "mobile",
    "mobilnummer": "mobile",
    "mobiltelefon": "mobile",
    "mob": "mobile",
    "mobile": "mobile",
    "cell": "mobile",
    "presstelefon": "press line",
    "pressjour": "press line",
    "pressjouren": "press line",
    "presslinje": "press line",
    "press": "press line",
}

#: Words that only say "this is a phone number".
PHONE_WORDS = {"tel", "tfn", "telefon", "telefonnummer", "phone", "ph", "nr", "nummer"}

_TYPE_NAMES = {
    PhoneNumberType.FIXED_LINE: "fixed_line",
    PhoneNumberType.MOBILE: "mobile",
    PhoneNumberType.FIXED_LINE_OR_MOBILE: "fixed_line_or_mobile",
    PhoneNumberType.TOLL_FREE: "toll_free",
    PhoneNumberType.PREMIUM_RATE: "premium_rate",
    PhoneNumberType.SHARED_COST: "shared_cost",
    PhoneNumberType.VOIP: "voip",
    PhoneNumberType.PERSONAL_NUMBER: "personal_number",
    PhoneNumberType.PAGER: "pager",
    PhoneNumberType.UAN: "uan",
    PhoneNumberType.VOICEMAIL: "voicemail",
}

#: Swedish service numbers (020x, 077x, 090x...) are written with a four-digit prefix: 0771-56 77 77.
_SE_SERVICE_TYPES = {PhoneNumberType.TOLL_FREE, PhoneNumberType.PREMIUM_RATE, PhoneNumberType.SHARED_COST}

_WORD = re.compile(r"[^\W\d_]+\.?")
_EMPTY_BRACKETS = re.compile(r"\(\s*[.:]?\s*\)")
_EDGE_PUNCTUATION = " \t:;,.-–/"


class PhoneError(ContactsError, ValueError):
    """A number that cannot be read or does not exist; the message says why and how to fix it, in English, and
    `key` and `values` name it in the messages catalogue (model/rule_messages.py) to say it in Swedish too."""

    def __init__(self, key: str, **args):
        self.key, self.values = key, args
        super().__init__(render(key, "en", tuple(args.items())))


def split_label(raw: str) -> tuple[str, str | None]:
    """Separate label words ("växel", "mobil", "tel.") from the digits; return (number, implied label)."""
    label = None

    def drop(match: re.Match) -> str:
        nonlocal label
        word = match.group().rstrip(".").lower()
        if word in LABEL_WORDS:
            label = label or LABEL_WORDS[word]
            return " "
        if word in PHONE_WORDS:
            return " "
        return match.group()

    text = _WORD.sub(drop, raw)
    text = _EMPTY_BRACKETS.sub(" ", text)
    return text.strip(_EDGE_PUNCTUATION), label


def display_forms(number: phonenumbers.PhoneNumber, line_type: int) -> tuple[str, str]:
    """The national and international display forms, with Swedish service numbers as 0771-56 77 77.

    phonenumbers groups them as 077-156 77 77, which is not how anyone in Sweden writes them.
    """
    if number.country_code == 46 and line_type in _SE_SERVICE_TYPES:
        nsn = phonenumbers.national_significant_number(number)
        if len(nsn) == 9:
            prefix, rest = nsn[:3], f"{nsn[3:5]} {nsn[5:7]} {nsn[7:]}"
            return f"0{prefix}-{rest}", f"+46 {prefix} {rest}"
    return (
        phonenumbers.format_number(number, PhoneNumberFormat.NATIONAL),
        phonenumbers.format_number(number, PhoneNumberFormat.INTERNATIONAL),
    )


@lru_cache(maxsize=65536)
def parse_phone(raw: str, label: str | None = None, region: str = DEFAULT_REGION) -> Phone:
    """Parse a number as people write it; raise PhoneError when it is not a real number."""
    digits, implied = split_label(raw)
    if not digits:
        raise PhoneError("phone-invalid:empty")
    try:
        number = phonenumbers.parse(digits, region)
    except phonenumbers.NumberParseException as exc:
        reason, reason_sv = _reason(exc)
        raise PhoneError("phone-invalid:unreadable", raw=raw, reason=reason, reason_sv=reason_sv) from None
    if not phonenumbers.is_possible_number(number):
        raise PhoneError("phone-invalid:length", raw=raw, region=phonenumbers.region_code_for_number(number) or region)
    line_type = phonenumbers.number_type(number)  # UNKNOWN exactly when is_valid_number would say no
    if line_type == PhoneNumberType.UNKNOWN:
        raise PhoneError("phone-invalid:unused", raw=raw, region=phonenumbers.region_code_for_number(number) or region)
    national, international = display_forms(number, line_type)
    return Phone(
        e164=f"+{number.country_code}{phonenumbers.national_significant_number(number)}",
        national=national,
        international=international,
        type=_TYPE_NAMES.get(line_type, "unknown"),
        label=label or implied,
    )


def _reason(exc: phonenumbers.NumberParseException) -> tuple[str, str]:
    """A short human reason for a phonenumbers parse failure, in English and Swedish."""
    return {
        phonenumbers.NumberParseException.INVALID_COUNTRY_CODE: ("unknown country code", "okänt landsnummer"),
        phonenumbers.NumberParseException.NOT_A_NUMBER: ("it is not a number", "det är inget nummer"),
        phonenumbers.NumberParseException.TOO_SHORT_AFTER_IDD: ("too short", "för kort"),
        phonenumbers.NumberParseException.TOO_SHORT_NSN: ("too short", "för kort"),
        phonenumbers.NumberParseException.TOO_LONG: ("too long", "för långt"),
    }.get(exc.error_type, ("unreadable", "oläsligt"))


#: What a search for a number may hold besides digits: the ways people group and write them.
_NUMBER_QUERY = re.compile(r"\+?[\d\s\-‐–()./]{5,}")


def query_number(text: str, region: str = DEFAULT_REGION) -> str | None:
    """A number as a search gives it, in any written form (`0910-73 50 00`, `+46 910 73 50 00`), as E.164;
    its bare digits when it is no whole number in use (part of one); None when it is not a number."""
    text = text.strip()
    if not _NUMBER_QUERY.fullmatch(text) or sum(ch.isdigit() for ch in text) < 5:
        return None
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is not None and phonenumbers.is_valid_number(number):
        return f"+{number.country_code}{phonenumbers.national_significant_number(number)}"
    return ("+" if text.startswith("+") else "") + "".join(ch for ch in text if ch.isdigit())
