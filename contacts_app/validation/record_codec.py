"""A record's outcome (its values and findings) as plain values marshal can write, and back.

marshal writes and reads plain values (text, numbers, tuples, dicts) many times faster than pickle
writes objects, and runs no code when it reads. The model's few value classes are written as a list:
the class's number in CLASSES, then its fields in order; a list of the data itself as LIST first. A
value of any other class is Unknown: its record is not remembered.
"""

from __future__ import annotations

from dataclasses import fields

from contacts_app.model.contact import Photo, Source, Texts
from contacts_app.model.finding import Finding, Severity
from contacts_app.model.phone import Phone

#: The classes a record's values and findings are made of; a new one goes at the end.
CLASSES = (Texts, Phone, Source, Photo, Finding)
_NUMBER = {cls: number for number, cls in enumerate(CLASSES)}
_FIELDS = tuple(tuple(f.name for f in fields(cls)) for cls in CLASSES)
LIST, _SEVERITY = -1, -2
_PLAIN = (str, int, type(None), bool, float)


class Unknown(ValueError):
    """A value the codec cannot write (or read back)."""


def flat(value):
    """`value` in plain values."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple:
        return tuple(flat(item) for item in value)
    if kind is dict:
        return {key: flat(item) for key, item in value.items()}
    if kind is Severity:
        return [_SEVERITY, value.value]
    if kind is list:
        return [LIST, *(flat(item) for item in value)]
    number = _NUMBER.get(kind)
    if number is None:
        raise Unknown(kind.__name__)
    return [number, *(flat(getattr(value, name)) for name in _FIELDS[number])]


def unflat(value):
    """The value `flat` was given."""
    kind = type(value)
    if kind in _PLAIN:
        return value
    if kind is tuple:
        return tuple(unflat(item) for item in value)
    if kind is dict:
        return {key: unflat(item) for key, item in value.items()}
    if kind is not list or not value or type(value[0]) is not int:
        raise Unknown(kind.__name__)
    number = value[0]
    if number == _SEVERITY:
        return Severity(value[1])
    if number == LIST:
        return [unflat(item) for item in value[1:]]
    if not 0 <= number < len(CLASSES):
        raise Unknown(str(number))
    return CLASSES[number](*(unflat(item) for item in value[1:]))
