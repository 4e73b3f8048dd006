"""Email addresses: checked with email-validator, by syntax unless DNS checks are asked for."""

from __future__ import annotations

from functools import lru_cache

import email_validator

from contacts_app.model.errors import ContactsError
from contacts_app.model.rule_messages import render


class EmailError(ContactsError, ValueError):
    """An address that cannot receive mail; the message says what is wrong with it, in English, and `key` and
    `args` name it in the messages catalogue (model/rule_messages.py) to say it in Swedish too."""

    def __init__(self, key: str, **args):
        self.key, self.values = key, args
        super().__init__(render(key, "en", tuple(args.items())))


#: email-validator's reasons (English only) by their opening words, in Swedish; else a general hint.
_REASONS_SV = (
    ("An email address must have an @-sign", "adressen saknar @"),
    ("There must be something before the @-sign", "det måste stå något före @"),
    ("There must be something after the @-sign", "det måste stå något efter @"),
    ("An email address cannot have two periods in a row", "två punkter i rad är inte tillåtet"),
    ("An email address cannot end with a period", "adressen får inte sluta med en punkt"),
    ("An email address cannot start with a period", "adressen får inte börja med en punkt"),
    ("An email address cannot have a period immediately", "en punkt får inte stå direkt före eller efter @"),
    ("The part after the @-sign is not valid. It should have a period", "delen efter @ saknar punkt (som i umea.se)"),
    ("The part after the @-sign is not valid. It is not within a valid top-level domain",
     "delen efter @ slutar inte på en giltig toppdomän (som .se)"),
    ("The part after the @-sign is a special-use or reserved name", "delen efter @ är ett reserverat namn"),
    ("The email address contains invalid characters before the @-sign", "otillåtna tecken före @"),
    ("The part after the @-sign contains invalid characters", "otillåtna tecken efter @"),
    ("The email address is too long", "adressen är för lång"),
    ("There can't be anything after the email address", "det får inte stå något efter adressen"),
    ("The domain name", "domänen tar inte emot e-post"),
)
_GENERAL_SV = "kontrollera @, punkterna och att inga mellanslag eller otillåtna tecken finns med"


def reason_sv(reason: str) -> str:
    """email-validator's reason, in Swedish."""
    return next((sv for en, sv in _REASONS_SV if reason.startswith(en)), _GENERAL_SV)


#: The DNS resolver of the deliverability checks: None for dnspython's default (see use_resolver).
_RESOLVER: list = [None]


def use_resolver(resolver) -> None:
    """Ask `resolver` (a dns.resolver.Resolver, or an object with its `resolve`) in the DNS checks from now on;
    None for the system's. Answers checked before are forgotten."""
    _RESOLVER[0] = resolver
    check_email.cache_clear()


@lru_cache(maxsize=65536)
def check_email(address: str, check_dns: bool = False) -> str:
    """The address in normalised form (domain lower-cased); raise EmailError when it is not valid.

    DNS is off by default: the check must work offline, and in CI.
    """
    try:
        result = email_validator.validate_email(
            address, check_deliverability=check_dns, allow_smtputf8=True,
            **({"dns_resolver": _RESOLVER[0]} if check_dns and _RESOLVER[0] is not None else {}),
        )
    except email_validator.EmailUndeliverableError as exc:
        raise EmailError("email-invalid:undeliverable", address=address, detail=str(exc), detail_sv=reason_sv(str(exc))) from None
    except email_validator.EmailNotValidError as exc:
        raise EmailError("email-invalid:syntax", address=address, detail=str(exc), detail_sv=reason_sv(str(exc))) from None
    return result.normalized
