"""What each file of `contacts build` is made of, as a key: a file whose key the current site already has
cannot have changed, and is kept without being rendered (site_build.py).

A key is a digest of the program and its templates and static files, the site's address (`build_key`),
the file's route and place, and the fingerprint and revision of every record the file shows (static_site
EXPORTS' `inputs`), with the directory-wide facts for the pages that show them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import contacts_app
from contacts_app.contactsfile.locations import resource_path
from contacts_app.model.contact import LANGUAGES
from contacts_app.web.site_render import Job
from contacts_app.web.static_site import EXPORTS

#: The endpoints of a person's own files, rendered first so the bulk files can be made of their cards.
PERSONAL = tuple(endpoint for endpoint, export in EXPORTS.items() if export.of_person)


def build_key(base_url: str | None) -> str:
    """What every file depends on besides its records: this program, its templates and static files, the address."""
    digest = hashlib.blake2b(f"{contacts_app.__version__}\0{base_url}".encode(), digest_size=16)
    package = Path(contacts_app.__file__).parent
    for folder, pattern in ((package, "*.py"), (resource_path("templates"), "*"), (resource_path("static"), "*")):
        for path in sorted(folder.rglob(pattern)):
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def site_jobs(snap, static: list[str], key: str, records: dict) -> list[Job]:
    """Every file of the site with its key: each person's files together, in the file's order, then the pages
    and bulk files. (A national site has a hundred thousand: the file's place stands for its route's
    arguments in the key, one string the job has already.)"""
    prints = {cid: f"{p}@{rev}" for cid, (p, rev) in records.items()}
    jobs = _personal_jobs(snap, key, prints)
    shared = _directory_facts(snap)
    blake2b = hashlib.blake2b
    for endpoint, export in EXPORTS.items():
        if export.of_person:
            continue
        extra = shared if export.shared else b""
        for values in export.every(snap, static):
            target = export.file(values)
            inputs = "\0".join([prints[c.id] for c in export.inputs(snap, values)])
            digest = blake2b(f"{key}\0{endpoint}\0{target}\0{inputs}".encode() + extra, digest_size=16)
            jobs.append(Job(endpoint, tuple(sorted(values.items())), target, digest.hexdigest()))
    return jobs


def _personal_jobs(snap, key: str, prints: dict[str, str]) -> list[Job]:
    """Each person's own files, person by person: what a kind of file is made of is found once a person,
    not once a file (their page and card in two languages show the same records)."""
    exports = [(endpoint, EXPORTS[endpoint]) for endpoint in PERSONAL]
    blake2b = hashlib.blake2b
    jobs = []
    for contact in snap.contacts:
        made_of: dict = {}
        for endpoint, export in exports:
            inputs = made_of.get(export.inputs)
            if inputs is None:
                shown = export.inputs(snap, {"contact_id": contact.id})
                inputs = made_of[export.inputs] = "\0".join([prints[c.id] for c in shown])
            for values in export.of_person(contact):
                target = export.file(values)
                digest = blake2b(f"{key}\0{endpoint}\0{target}\0{inputs}".encode(), digest_size=16)
                jobs.append(Job(endpoint, tuple(sorted(values.items())), target, digest.hexdigest()))
    return jobs


def _directory_facts(snap) -> bytes:
    """What every page of the directory shows of the whole: how many contacts, the organisations and their sizes."""
    sizes: dict[str, int] = {}
    for org in snap.search.org_keys:
        sizes[org] = sizes.get(org, 0) + 1
    facts = (len(snap.contacts), [snap.search.organisations(lang) for lang in LANGUAGES], sorted(sizes.items()))
    return repr(facts).encode()
