"""The address books of a directory and how they are written in Radicale's storage layout."""

from __future__ import annotations

import fcntl
import json
import re
import threading
import time
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

import pytest

from contacts_app.model.contact import Texts
from contacts_app.model.errors import ContactsError
from contacts_app.outputs.addressbooks import DIRECTORY_USER, books, card_href, organisation_user
from contacts_app.outputs.book_storage import BookWriter, radicale_config
from contacts_app.outputs.vcard import vcard
from contacts_app.validation.validate import load_directory

from .conftest import ROOT

WEB_CONTACTS = Path(__file__).resolve().parent / "data" / "web-contacts.yaml"
REV = datetime(2026, 11, 20, 9, 30, tzinfo=timezone.utc)


@pytest.fixture(scope="module")
def contacts():
    """The web test contacts that pass validation."""
    return load_directory(WEB_CONTACTS).contacts


def cards(contacts, rev=REV):
    """The books of `contacts`, every card with the same REV."""
    return books(contacts, lambda c: vcard(c, rev=rev))


def test_one_book_for_everyone_and_one_per_organisation(contacts):
    made = cards(contacts)
    whole, *organisations = made
    assert whole.user == DIRECTORY_USER and whole.path == "press/contacts"
    assert sorted(whole.cards) == sorted(f"{c.id}.vcf" for c in contacts)
    assert [(b.user, b.name("sv"), b.name("en")) for b in organisations] == [
        ("region-vasterbotten", "Region Västerbotten", "Region Västerbotten"),
        ("skelleftea-kommun", "Skellefteå kommun", "Skellefteå Municipality"),
        ("umea-kommun", "Umeå kommun", "Umeå Municipality"),
        ("lansstyrelsen-vasterbotten", "Länsstyrelsen Västerbotten", "Länsstyrelsen Västerbotten"),
    ]
    by_org = {b.user: sorted(b.cards) for b in organisations}
    assert by_org["skelleftea-kommun"] == ["lorents-burman.vcf"]
    # the card in a book is the card the site offers for download
    assert whole.cards["asa-oberg-linden.vcf"] == vcard(contacts[0], rev=REV)


def test_an_organisation_never_takes_the_whole_directorys_user_name():
    assert organisation_user("Umeå kommun") == "umea-kommun"
    assert organisation_user("Press") == "press-org"


def test_a_card_whose_id_is_no_safe_file_name_is_named_by_its_uid(contacts):
    odd = replace(contacts[0], id="Åsa/../x")
    assert card_href(odd).endswith(".vcf") and "/" not in card_href(odd) and not card_href(odd).startswith(".")
    assert card_href(contacts[0]) == "asa-oberg-linden.vcf"


def test_the_books_are_written_in_radicales_layout(tmp_path, contacts):
    folder = tmp_path / "books"
    assert BookWriter(folder).write(cards(contacts)) == len(contacts) * 2
    book = folder / "collection-root" / "press" / "contacts"
    assert json.loads((book / ".Radicale.props").read_text()) == {
        "tag": "VADDRESSBOOK", "D:displayname": "Presskontakter", "CR:addressbook-description": "Press contacts",
    }
    assert (book / "asa-oberg-linden.vcf").read_bytes() == vcard(contacts[0], rev=REV).encode()
    assert (folder / "collection-root" / "umea-kommun" / "contacts" / "pressjouren-umea.vcf").is_file()
    assert "filesystem_folder = " + str(folder.resolve()) in (folder / "config").read_text()
    assert "permissions: Rr" in (folder / "rights").read_text()
    assert radicale_config(folder) == (folder / "config").read_text()


def test_only_what_changed_is_written(tmp_path, contacts):
    folder = tmp_path / "books"
    writer = BookWriter(folder)
    writer.write(cards(contacts))
    card = folder / "collection-root" / "press" / "contacts" / "lorents-burman.vcf"
    before = card.stat().st_mtime_ns
    # a restarted server gives every record a new REV: not a change a client needs to fetch
    assert BookWriter(folder).write(cards(contacts, rev=datetime.now(timezone.utc))) == 0
    assert card.stat().st_mtime_ns == before
    changed = replace(contacts[0], title=Texts((("sv", "Presschef"),)))
    assert writer.write(cards([changed, *contacts[1:]])) == 2  # the card in the whole book and in its organisation's
    assert "TITLE:Presschef" in (folder / "collection-root" / "press" / "contacts" / "asa-oberg-linden.vcf").read_text()
    assert card.stat().st_mtime_ns == before


def test_removed_cards_and_books_are_removed_and_nothing_else(tmp_path, contacts):
    folder = tmp_path / "books"
    writer = BookWriter(folder)
    writer.write(cards(contacts))
    foreign = folder / "collection-root" / "someone" / "calendar"
    foreign.mkdir(parents=True)
    without_lorents = [c for c in contacts if c.id != "lorents-burman"]
    assert writer.write(cards(without_lorents)) == 2
    assert not (folder / "collection-root" / "press" / "contacts" / "lorents-burman.vcf").exists()
    assert not (folder / "collection-root" / "skelleftea-kommun").exists()
    assert foreign.is_dir()  # a collection this program did not write is left alone
    # a new writer (a restarted server) finds what is there and removes what went meanwhile
    assert BookWriter(folder).write(cards([c for c in without_lorents if c.id != "asa-oberg-linden"])) == 2


def test_a_new_version_waits_for_radicales_lock(tmp_path, contacts):
    folder = tmp_path / "books"
    writer = BookWriter(folder)
    writer.write(cards(contacts))
    done = threading.Event()
    with open(folder / ".Radicale.lock", "w+") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_SH)  # what Radicale holds while it answers a request
        thread = threading.Thread(target=lambda: (writer.write(cards(contacts[1:])), done.set()))
        thread.start()
        time.sleep(0.3)
        assert not done.is_set()
        assert (folder / "collection-root" / "press" / "contacts" / "asa-oberg-linden.vcf").exists()
    thread.join(timeout=10)
    assert done.is_set()
    assert not (folder / "collection-root" / "press" / "contacts" / "asa-oberg-linden.vcf").exists()


def test_a_folder_that_cannot_be_written_is_a_clear_error(tmp_path, contacts):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(ContactsError, match=r"cannot write the address books in .*file.*--carddav-folder"):
        BookWriter(blocker / "books").write(cards(contacts))


def test_contacts_build_writes_the_books_for_a_radicale_of_its_own(cli, tmp_path, contacts):
    books_folder = tmp_path / "books"
    code, _, err = cli("build", tmp_path / "site", WEB_CONTACTS, "--base-url", "https://kontakter.example.se/",
                       "--carddav", books_folder)
    assert code == 0, err
    assert f"radicale --config {books_folder / 'config'}" in err
    card = (books_folder / "collection-root" / "press" / "contacts" / "asa-oberg-linden.vcf").read_text()
    assert "URL:https://kontakter.example.se/people/asa-oberg-linden.html" in card  # the static site's page
    assert (tmp_path / "site" / "people" / "asa-oberg-linden.html").is_file()
    code, _, err = cli("build", tmp_path / "site", WEB_CONTACTS, "--base-url", "https://kontakter.example.se/",
                       "--carddav", books_folder)
    assert code == 0 and "(0 card(s) changed)" in err  # a build of the same file changes no card


def test_radicale_is_an_extra_that_the_default_install_brings():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert not any(d.lower().startswith("radicale") for d in project["dependencies"])  # the MIT package alone
    assert project["optional-dependencies"]["carddav"] == ["radicale>=3.9"]
    for lock in ("serve.lock", "test.lock"):  # bash scripts/serve.sh and the tests install it
        assert re.search(r"^radicale==3\.9\.", (ROOT / "requirements" / lock).read_text(encoding="utf-8"), re.M), lock
