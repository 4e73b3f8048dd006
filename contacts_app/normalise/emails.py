"""Email addresses: checked with email-validator, by syntax unless DNS checks are asked for."""

from __future__ import annotations

from functools import lru_cache

import email_validator

from contacts_app.model.errors import ContactsError


class EmailError(ContactsError, ValueError):
    """An address that cannot receive mail; the message says what is wrong with it."""


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
        raise EmailError(f"{address!r} cannot receive mail: {exc}") from None
    except email_validator.EmailNotValidError as exc:
        raise EmailError(f"{address!r} is not a valid email address: {exc}") from None
    return result.normalized
