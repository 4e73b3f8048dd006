"""The per-record cache of validation: a cached validation says exactly what a fresh one says (every finding at
its file:line:col, its message, the contacts and the held records), after lines are inserted, records edited,
moved or removed, and options changed; a damaged cache file is ignored."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from contacts_app.contactsfile.reading import parse_document
from contacts_app.validation import record_cache
from contacts_app.validation.record_cache import RecordCache
from contacts_app.validation.validate import load_directory, validate_document
from tests.conftest import SHIPPED, generated

TODAY = date(2026, 3, 1)

# Records with errors and warnings of every family; some name lines in their messages (phone-duplicate,
# duplicate-key), some keep nodes for the later rules (duplicates across records, acknowledgements).
RECORDS = [
    """\
  - id: asa-oberg
    name: Åsa Öberg
    title: {sv: Presschef, en: Head of press}
    organisation: Umeå kommun
    phones:
      - number: 090-16 10 00
        label: switchboard
      - 090 16 10 00
    emails: [asa.oberq@umea.se]
    verified: 2025-01-05
    acknowledged:
      email-name-mismatch: she spells it so
      party-unknown: nothing to acknowledge
""",
    """\
  - id: Bo Ek
    name: Bo Ek 🙂 Ekström\u200b
    name: Bo Ek
    kind: robot
    phones: [070-123 45 67]
    emails: [asa.oberq@umea.se]
    verified: 2027-01-01
""",
    """\
  - id: asa-oberg
    name: Åsa Öberg
    organisation: Umeå kommun
    party: Socialdemokraterna
    phones:
      - number: 0771-11 11 11
        label: mobile
    source: {url: ftp://x, date: 2025-13-01, languages: [sv, xx]}
    verified: 2025-12-24
""",
    "  - just a line of text\n",
    "  - {id: flow-one, name: Flödet Ett, emails: [flode.ett@example.se], verified: '2026-02-01'}\n",
    """\
  - id: ulla-lind
    name: Ulla Lind
    emial: ulla.lind@example.se
    phones:
      - number: 8-123 45 67
      - number: 08-123 45 67
        label: växel
""",
]


def text_of(records: list[str], above: str = "") -> str:
    """A contacts file of these records, with `above` between the file's first line and the list."""
    return "# the directory\ncontacts:\n" + above + "".join(records)


def outcome(directory) -> tuple:
    """All a validation says: each finding in full (with its message's values), the contacts, the held records."""
    findings = [(*f.as_dict().values(), f.key, f.args) for f in directory.findings]
    return findings, directory.contacts, directory.held


def check(text: str, cache: RecordCache, today: date = TODAY, stale_after: int = 180):
    """Validate `text` with and without the cache; they must say the same."""
    doc = parse_document(text, "contacts.yaml", "v")
    fresh = validate_document(doc, today=today, stale_after=stale_after)
    cached = validate_document(doc, today=today, stale_after=stale_after, cache=cache)
    assert outcome(cached) == outcome(fresh)
    return cached


def test_the_bundled_file_cached_is_the_bundled_file_validated():
    cache = RecordCache()
    fresh = load_directory(SHIPPED)
    assert outcome(load_directory(SHIPPED, cache=cache)) == outcome(fresh)
    assert cache.hits == 0 and cache.misses == len(fresh.contacts) + len(fresh.held)
    assert outcome(load_directory(SHIPPED, cache=cache)) == outcome(fresh)
    assert cache.misses == 0 and cache.hits == len(fresh.contacts) + len(fresh.held)


def test_errors_and_warnings_are_the_same_from_the_cache():
    cache = RecordCache()
    first = check(text_of(RECORDS), cache)
    assert {"phone-duplicate", "duplicate-key", "id-duplicate", "email-duplicate", "ack-unused", "contact-stale",
            "text-hidden-character", "date-invalid"} <= {f.code for f in first.findings}
    check(text_of(RECORDS), cache)
    assert cache.hits == len(RECORDS) and cache.misses == 0


def test_lines_inserted_above_a_record_move_its_findings_and_the_lines_they_name():
    cache = RecordCache()
    check(text_of(RECORDS), cache)
    moved = check(text_of(RECORDS[:1] + ["  # a comment\n\n  - id: new-one\n    name: Ny Person\n"] + RECORDS[1:],
                          above="\n\n"), cache)
    assert cache.hits == len(RECORDS) and cache.misses == 1
    duplicate = next(f for f in moved.findings if f.code == "phone-duplicate")
    assert (duplicate.line, duplicate.col) == (12, 9) and "line 10" in duplicate.message


def test_an_edited_record_is_read_again_and_only_it():
    cache = RecordCache()
    check(text_of(RECORDS), cache)
    edited = [RECORDS[0].replace("Presschef", "Pressansvarig"), *RECORDS[1:]]
    check(text_of(edited), cache)
    assert cache.misses == 1 and cache.hits == len(RECORDS) - 1


def test_the_same_text_at_another_indentation_is_another_record():
    cache = RecordCache()
    check(text_of(RECORDS), cache)
    check("contacts:\n" + "".join(r.replace("\n  ", "\n    ").replace("  - ", "    - ", 1) for r in RECORDS), cache)


@pytest.mark.parametrize("today, stale_after", [(date(2026, 9, 1), 180), (TODAY, 30), (date(2024, 1, 1), 180)])
def test_another_day_or_allowed_age_is_validated_afresh(today, stale_after):
    cache = RecordCache()
    check(text_of(RECORDS), cache)
    check(text_of(RECORDS), cache, today=today, stale_after=stale_after)
    assert cache.hits == 0


def test_a_finding_with_a_number_that_is_not_a_line_is_not_remembered(monkeypatch):
    cache = RecordCache()
    monkeypatch.setattr(record_cache, "LINE_ARGS", frozenset({"line"}))  # as if `first` were not known a line
    check(text_of(RECORDS), cache)
    assert cache.misses == len(RECORDS)
    check(text_of(RECORDS), cache)
    assert cache.misses == 1  # the record with a duplicate key


def test_a_photo_changed_beside_the_file_is_checked_again(tmp_path):
    photos = tmp_path / "photos"
    photos.mkdir()
    path = tmp_path / "contacts.yaml"
    path.write_text(text_of([RECORDS[5].replace("    emial:", "    photo: {file: ulla.jpg, credit: Foto}\n    emial:")]),
                    encoding="utf-8")
    cache = RecordCache()
    assert outcome(load_directory(path, cache=cache)) == outcome(load_directory(path))
    (photos / "ulla.jpg").write_bytes(b"not an image")
    assert outcome(load_directory(path, cache=cache)) == outcome(load_directory(path))
    assert "photo-invalid" in {f.code for f in load_directory(path, cache=cache).findings}


def test_the_cache_file_round_trips_and_a_damaged_or_foreign_one_is_ignored(tmp_path):
    path = generated(tmp_path / "contacts.yaml", 40, seed=3, warnings=True)
    file = tmp_path / "records"
    cache = RecordCache()
    fresh = outcome(load_directory(path, cache=cache))
    cache.write(file)
    again = RecordCache.read(file)
    assert outcome(load_directory(path, cache=again)) == fresh and again.misses == 0
    data = file.read_bytes()
    for damaged in (b"", data[:100], data[:-1], data[:60] + bytes([data[60] ^ 1]) + data[61:], b"\x80\x04pickle",
                    data.replace(b"contacts-record-cache", b"contacts-record-cachf", 1)):
        file.write_bytes(damaged)
        ignored = RecordCache.read(file)
        assert outcome(load_directory(path, cache=ignored)) == fresh and ignored.hits == 0
    assert outcome(load_directory(path, cache=RecordCache.read(tmp_path / "missing"))) == fresh
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_an_entry_this_program_cannot_read_is_read_afresh():
    cache = RecordCache()
    check(text_of(RECORDS), cache)
    cache.entries = {key: ("not", "an", "outcome") for key in cache.entries}
    check(text_of(RECORDS), cache)
    assert cache.hits == 0


def test_validate_uses_no_cache(cli, tmp_path, monkeypatch):
    path = tmp_path / "contacts.yaml"
    path.write_text(text_of(RECORDS), encoding="utf-8")

    def refuse(*args, **kwargs):
        raise AssertionError("contacts validate read a cache")

    monkeypatch.setattr(RecordCache, "read", refuse)
    monkeypatch.setattr(RecordCache, "reader", refuse)
    assert cli("validate", str(path))[0] == 1


_EDITS = st.lists(
    st.tuples(st.sampled_from(["insert", "replace", "remove", "swap", "blank"]), st.integers(0, 20),
              st.integers(0, len(RECORDS) - 1)),
    min_size=1, max_size=6,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_EDITS)
def test_any_sequence_of_edits_validates_the_same_with_the_cache(edits):
    records, cache = list(RECORDS), RecordCache()
    check(text_of(records), cache)
    for action, where, which in edits:
        at = where % (len(records) + 1)
        if action == "insert":
            records.insert(at, RECORDS[which])
        elif action == "replace" and records:
            records[at % len(records)] = RECORDS[which]
        elif action == "remove" and len(records) > 1:
            records.pop(at % len(records))
        elif action == "swap" and len(records) > 1:
            i, j = at % len(records), which % len(records)
            records[i], records[j] = records[j], records[i]
        elif action == "blank":
            records.insert(at, "\n  # moved\n" * (which + 1))
        check(text_of(records), cache)


def test_the_store_validates_only_the_changed_record_on_a_reload(tmp_path):
    from contacts_app.web.store import DirectoryStore

    path = generated(tmp_path / "contacts.yaml", 30, seed=5)
    for isolate in (False, True):
        path.write_text(path.read_text(encoding="utf-8").replace("\n  - id:", "\n\n  - id:", 1), encoding="utf-8")
        store = DirectoryStore(path, interval=0, isolate=isolate, confine=False)
        path.write_text("# edited\n" + path.read_text(encoding="utf-8"), encoding="utf-8")
        assert store.reload()
        assert outcome(store.snapshot.directory) == outcome(load_directory(path))
        if not isolate:
            assert store.records.hits == 30
        assert len(RecordCache.from_bytes(store.records.to_bytes()).entries) == 30


def test_a_build_keeps_its_cache_beside_the_site_never_in_it(cli, tmp_path):
    path = generated(tmp_path / "contacts.yaml", 12, seed=7)
    out = tmp_path / "site"
    assert cli("build", str(out), str(path))[0] == 0
    records = tmp_path / ".site.records"
    assert len(RecordCache.read(records).entries) == 12
    assert not any(p.name.endswith(".records") for p in out.rglob("*"))
    records.write_bytes(b"garbage")
    assert cli("build", str(out), str(path))[0] == 0
    assert len(RecordCache.read(Path(records)).entries) == 12


# -- the known records stood in for, so the parser reads only the others (record_spans.py) --------------


def parser_spans(text: str) -> list[tuple[int, int]]:
    """Where the YAML parser puts each record of the contacts list: its first line's start to its last value's end."""
    from contacts_app.contactsfile.reading import ContactNodes

    spans = []
    for node in ContactNodes(text, "contacts.yaml", lazy=True):
        start = node.start_mark.index
        spans.append((text.rfind("\n", 0, start) + 1, node.end_mark.index))
    return spans


def same_or_same_error(text: str, cache: RecordCache):
    """`check`, or the very same syntax error with and without the cache."""
    from contacts_app.model.errors import SourceError

    doc = parse_document(text, "contacts.yaml", "v")
    try:
        validate_document(doc, today=TODAY)
    except SourceError as exc:
        with pytest.raises(SourceError) as cached:
            validate_document(doc, today=TODAY, cache=cache)
        assert cached.value.finding == exc.finding
        return None
    return check(text, cache)


def test_the_records_are_cut_where_the_parser_cuts_them(tmp_path):
    from contacts_app.validation.record_spans import record_spans

    for text in (text_of(RECORDS), SHIPPED.read_text(encoding="utf-8"),
                 generated(tmp_path / "c.yaml", 300, seed=3).read_text(encoding="utf-8"),
                 "contacts:\n- id: at-the-margin\n  name: Vid Kanten\n- id: two\n  name: Två\nother: 1\n"):
        assert record_spans(text) == parser_spans(text)


def test_known_records_are_not_parsed_again(monkeypatch):
    import contacts_app.validation.validate as validate

    parsed = []
    real = validate.ContactNodes

    def recording(text, name, **kwargs):
        parsed.append(text)
        return real(text, name, **kwargs)

    monkeypatch.setattr(validate, "ContactNodes", recording)
    cache = RecordCache()
    check(text_of(RECORDS), cache)
    edited = [RECORDS[0].replace("Presschef", "Pressansvarig"), *RECORDS[1:]]
    parsed.clear()
    check(text_of(edited), cache)
    assert cache.misses == 1 and cache.hits == len(RECORDS) - 1
    reduced = parsed[-1]  # the cached validation's text (the fresh one parsed the file as it is)
    stand_ins = re.findall(r"^  - 0$", reduced, re.M)
    assert len(stand_ins) == len(RECORDS) - 1 and "Pressansvarig" in reduced and "Ulla Lind" not in reduced
    assert reduced.count("\n") == text_of(edited).count("\n")  # every line keeps its number


@pytest.mark.parametrize("edit", [
    # a quote left open swallows the next record: a syntax error, the same with the cache
    lambda records: [records[0].replace("name: Åsa Öberg", 'name: "Åsa Öberg'), *records[1:]],
    # ... and closed in a record further down, past records the cache knows
    lambda records: [records[0].replace("name: Åsa Öberg", 'name: "Åsa Öberg'), *records[1:4],
                     records[4].replace("name: Flödet Ett", 'name: Flödet" Ett'), *records[5:]],
    # a quoted name whose next line looks like a record of its own
    lambda records: [records[0].replace("name: Åsa Öberg", 'name: "Åsa Öberg'),
                     '  - id: bo-ek"\n', *records[1:]],
    # a record's first value on the line after its dash
    lambda records: [records[0].replace("  - id: asa-oberg", "  -\n    id: asa-oberg"), *records[1:]],
    # a block scalar, a tab, a document marker: the text is read whole
    lambda records: [records[0] + "    notes: |\n      a note\n\n", *records[1:]],
    lambda records: [records[0].replace("title:", "title:\t"), *records[1:]],
    lambda records: [*records, "...\n"],
    # comments between the records, and a record commented out
    lambda records: [records[0], "  # - id: old-one\n  #   name: Gammal\n", *records[1:]],
])
def test_a_text_not_cut_as_the_parser_cuts_it_is_read_whole(edit):
    cache = RecordCache()
    check(text_of(RECORDS), cache)
    same_or_same_error(text_of(edit(list(RECORDS))), cache)
    same_or_same_error(text_of(RECORDS), cache)
