#!/usr/bin/python3
"""Read every vCard in a .vcf file with libebook (Evolution's and GNOME Contacts' parser) and print what it
decoded as JSON, in the shape of icaljs_read.mjs and EzRead.java.

Runs under Debian's own python3, which has PyGObject and the EBookContacts typelib
(gir1.2-ebookcontacts-1.2, from scripts/install-test-deps); not under the project's virtual environment.
libebook parses one card at a time (e_vcard_new_from_string), so the file is cut at END:VCARD lines first.

Usage: /usr/bin/python3 ebook_read.py FILE.vcf
"""

import json
import sys

import gi

gi.require_version("EBookContacts", "1.2")
from gi.repository import EBookContacts  # noqa: E402

SINGLE = ("version", "fn", "title", "note", "url", "uid", "rev")


def cards(text):
    """The cards of a file, each as its own text (libebook reads one at a time)."""
    current = []
    for line in text.splitlines(keepends=True):
        current.append(line)
        if line.rstrip("\r\n").upper() == "END:VCARD":
            yield "".join(current)
            current = []


def as_json(vcard):
    """One card as libebook decoded it."""
    attributes = vcard.get_attributes()
    labels = {a.get_group(): a.get_values()[0] for a in attributes if a.get_name().upper() == "X-ABLABEL" and a.get_group()}
    card = {name: None for name in SINGLE}
    card.update(n=None, org=None, tel=[], email=[])
    for attribute in attributes:
        name = attribute.get_name().lower()
        values = attribute.get_values()
        if name in SINGLE and card[name] is None:
            card[name] = values[0] if len(values) == 1 else values
        elif name in ("n", "org") and card[name] is None:
            card[name] = list(values)
        elif name in ("tel", "email"):
            types = [v.lower() for p in attribute.get_params() if p.get_name().upper() == "TYPE" for v in p.get_values()]
            entry = {"value": values[0] if len(values) == 1 else values, "types": types}
            if name == "tel" and attribute.get_group() in labels:
                entry["label"] = labels[attribute.get_group()]
            card[name].append(entry)
    return card


def main():
    """Print the cards of the file named as JSON."""
    if len(sys.argv) != 2:
        sys.exit("usage: ebook_read.py FILE.vcf")
    with open(sys.argv[1], encoding="utf-8", newline="") as handle:
        text = handle.read()
    print(json.dumps([as_json(EBookContacts.VCard.new_from_string(card)) for card in cards(text)], ensure_ascii=False))


main()
