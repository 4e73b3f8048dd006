"""The commands of `contacts`, one function each: they return an exit status or raise a ContactsError.

Heavy libraries (Flask, vobject, ruamel) are imported only by the commands that need them, so
`contacts validate` stays quick.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import Sequence

from contacts_app.cli.formats import formatted
from contacts_app.contactsfile.locations import LOCAL_FILE, contacts_file, is_fallback
from contacts_app.model.errors import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, ContactsError, SourceError
from contacts_app.model.finding import Finding
from contacts_app.model.messages import default_language, say
from contacts_app.validation.publish import publication_notes


def cmd_validate(args: argparse.Namespace) -> int:
    """`contacts validate`: every finding of every file; the exit status is the worst file's (1 on
    errors, or on warnings with --strict; 2 for a file that cannot be read)."""
    findings: list[Finding] = []
    summaries: list[str] = []
    status = EXIT_OK
    for path in _files(args.files):
        try:
            if args.fix:
                _fix(path)
            directory = _published(path, check_dns=args.check_dns, stale_after=args.stale_after)
        except SourceError as exc:
            findings.append(exc.finding)
            summaries.append(f"{_named(path)}: {say(args.lang, 'unreadable-file')}")
            status = max(status, EXIT_UNREADABLE)
            continue
        findings.extend(directory.findings)
        summaries.extend(f"{_named(path)}: {note}" for note in publication_notes(directory, args.lang))
        summaries.append(f"{_named(path)}: {_summary(directory, args.lang)}")
        if directory.findings if args.strict else directory.errors:
            status = max(status, EXIT_FINDINGS)
    sys.stdout.write(formatted(findings, args.format, args.lang))
    for line in summaries:
        print(line, file=sys.stderr)
    return status


def cmd_fmt(args: argparse.Namespace) -> int:
    """`contacts fmt`: rewrite each file in canonical form, or with --check report whether it already is."""
    from contacts_app.contactsfile.canonical import format_file

    status = EXIT_OK
    for path in _files(args.files):
        try:
            result = format_file(path, check=args.check)
        except SourceError as exc:
            sys.stderr.write(formatted([exc.finding], lang=args.lang))
            status = max(status, EXIT_UNREADABLE)
            continue
        if not args.check:
            print(say(args.lang, "fmt:reformatted" if result.changed else "fmt:already", path=path), file=sys.stderr)
        elif result.changed:
            sys.stdout.write(result.diff)
            print(say(args.lang, "fmt:not-canonical", path=path), file=sys.stderr)
            status = max(status, EXIT_FINDINGS)
        else:
            print(say(args.lang, "fmt:canonical", path=path), file=sys.stderr)
    return status


def cmd_import(args: argparse.Namespace) -> int:
    """`contacts import`: merge the releases' contacts into the file; print findings and conflicts."""
    from contacts_app.importing.importer import import_releases

    into = contacts_file(args.into, writing=True)
    if into == LOCAL_FILE:
        into.parent.mkdir(exist_ok=True)  # a first import in a new folder starts its data/
    args.into = str(into)
    result = import_releases(args.releases, args.into, dry_run=args.dry_run)
    if args.dry_run:
        sys.stdout.write(result.diff)
    sys.stdout.write(formatted(sorted([*result.report.conflicts, *result.findings]), lang=args.lang))
    for extraction in result.extractions:
        names = ", ".join(c.name or "?" for c in extraction.candidates)
        print(say(args.lang, "import:release", location=extraction.release.location,
                  count=len(extraction.candidates), names=names), file=sys.stderr)
    report = result.report
    print(
        say(args.lang, "import:report", into=args.into, added=len(report.added), filled=len(report.filled),
            conflicts=len(report.conflicts))
        + ("" if result.changed else say(args.lang, "import:unchanged"))
        + (say(args.lang, "import:dry-run") if args.dry_run and result.changed else ""),
        file=sys.stderr,
    )
    return EXIT_FINDINGS if any(f.is_error for f in result.findings) else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """`contacts export`: the records that pass validation, in the chosen format."""
    from contacts_app.contactsfile.lastgood import write_last_good
    from contacts_app.outputs.export import EXPORTERS

    path = contacts_file(args.file)
    directory = _published(path)
    if directory.errors:
        print(f"contacts: {len(directory.errors)} error(s) in {path} (see: contacts validate {path})", file=sys.stderr)
    for note in publication_notes(directory, default_language()):
        print(f"contacts: {note}", file=sys.stderr)
    text = EXPORTERS[args.format](directory.contacts, lang=args.lang)
    if not is_fallback(path):
        write_last_good(path, directory.contacts)
    if args.output:
        from contacts_app.contactsfile.writing import write_atomic

        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """`contacts serve`: check the file, then serve it with waitress until interrupted."""
    from contacts_app.web.app import create_app
    from contacts_app.web.security import status_access
    from contacts_app.web.serving.arenas import limit_arenas
    from contacts_app.web.store import store_of

    limit_arenas()  # before waitress starts its threads
    _log_reloads()
    path = contacts_file(args.file)
    config = {"CONTACTS_FILE": str(path), "MESSAGE_LANGUAGE": args.lang}
    if not args.no_carddav:
        config["CARDDAV_FOLDER"] = args.carddav_folder or os.environ.get("CONTACTS_CARDDAV_FOLDER") or str(
            _state_folder(path)
        )
        if args.host not in ("0.0.0.0", "::", "") and args.port:
            config["CARDDAV_SITE_URL"] = f"http://{_url_host(args.host)}:{args.port}"
    app = create_app(config)  # reads the file once (a big one in a child process)
    store = store_of(app)
    if store.failed:
        sys.stderr.write(formatted(store.failed.findings, lang=args.lang))
        if store.failed.unreadable:
            raise ContactsError(f"{path} cannot be served", EXIT_UNREADABLE)
        raise ContactsError(f"{path} has no valid contact to serve", EXIT_FINDINGS)
    server = _listen(app, args.host, args.port)
    app.config["SERVER_URL"] = f"http://{_url_host(args.host)}:{server.effective_port}"
    directory = store.snapshot.directory
    print(
        f"contacts: serving {len(directory.contacts)} contact(s) from {_named(path)} on "
        f"http://{_url_host(args.host)}:{server.effective_port}/ "
        f"({len(directory.errors)} error(s), {len(directory.findings) - len(directory.errors)} warning(s); "
        "see /_status)",
        file=sys.stderr,
    )
    for note in publication_notes(directory, args.lang):
        print(f"contacts: {note}", file=sys.stderr)
    print(f"contacts: {status_access(app.config)}", file=sys.stderr)
    print(f"contacts: links in pages and vCards point to {app.config['PUBLIC_URL'] or app.config['SERVER_URL']}"
          + ("" if app.config["PUBLIC_URL"] else " (set CONTACTS_PUBLIC_URL to the public address)"), file=sys.stderr)
    if not args.no_carddav:
        print(
            f"contacts: address books (CardDAV) at http://{_url_host(args.host)}:{server.effective_port}/carddav/, "
            f"kept in {config['CARDDAV_FOLDER']}; how to subscribe: /subscribe/",
            file=sys.stderr,
        )
    server.run()
    return EXIT_OK


def _log_reloads() -> None:
    """Print the store's one line per reload (and a failed one) to standard error, as `contacts: …`."""
    import logging

    class Stderr(logging.StreamHandler):
        """Writes to standard error as it is when a line is logged (a test may have replaced it since)."""

        stream = property(lambda self: sys.stderr, lambda self, value: None)

    logger = logging.getLogger("contacts_app")
    if not any(type(h).__name__ == "Stderr" for h in logger.handlers):
        handler = Stderr()
        handler.setFormatter(logging.Formatter("contacts: %(message)s"))
        logger.addHandler(handler)
    logger.setLevel(logging.INFO)
    logger.propagate = False


def _listen(app, host: str, port: int):
    """A waitress server bound to host:port, or a ContactsError that says what to do when it cannot be."""
    import errno

    import waitress

    from contacts_app.web.serving.limits import WAITRESS_OPTIONS

    try:
        return waitress.create_server(app, host=host, port=port, **WAITRESS_OPTIONS)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            raise ContactsError(
                f"port {port} on {host} is already in use (another `contacts serve`?); "
                f"stop that program or choose another port, for example: --port {port + 1}"
            ) from None
        if exc.errno == errno.EACCES:
            raise ContactsError(f"not allowed to listen on port {port}; choose one above 1023 with --port") from None
        if exc.errno == errno.EADDRNOTAVAIL:
            raise ContactsError(f"{host} is not an address of this machine; choose another with --host") from None
        raise


def _state_folder(path: Path) -> Path:
    """The default folder of a contacts file's address books: one per file, under the user's state folder."""
    import hashlib

    state = Path(os.environ.get("XDG_STATE_HOME") or Path.home() / ".local" / "state")
    digest = hashlib.sha256(str(Path(path).resolve()).encode()).hexdigest()[:12]
    return state / "contacts" / "carddav" / f"{Path(path).stem}-{digest}"


def _url_host(host: str) -> str:
    """The host as it goes into a URL (an IPv6 address in brackets)."""
    return f"[{host}]" if ":" in host else host


def cmd_build(args: argparse.Namespace) -> int:
    """`contacts build`: the static site, brought up to date aside and swapped into OUTDIR when complete."""
    from contacts_app.cli.progress import BuildProgress
    from contacts_app.web.site_build import build_site

    if args.base_url and not args.base_url.startswith(("https://", "http://")):
        raise ContactsError(f"--base-url must be an http(s) address, not {args.base_url!r}")
    if args.jobs is not None and args.jobs < 1:
        raise ContactsError(f"--jobs must be 1 or more, not {args.jobs}")
    path = contacts_file(args.file)
    with BuildProgress(sys.stderr) as progress:
        report = build_site(args.out_dir, path, base_url=args.base_url, workers=args.jobs, progress=progress,
                            lang=args.lang)
    if args.carddav:
        from contacts_app.web.carddav import write_books

        changed = write_books(args.carddav, path, base_url=args.base_url)
        print(f"{args.carddav}: address books for Radicale ({changed} card(s) changed); "
              f"serve them with: radicale --config {Path(args.carddav) / 'config'}", file=sys.stderr)
    if report.errors:
        print(f"contacts: {report.errors} error(s) in {path} (see: contacts validate {path})", file=sys.stderr)
    for note in report.notes:
        print(f"contacts: {note}", file=sys.stderr)
    print(
        f"{report.out_dir}: {report.contacts} contact(s), {report.files} file(s): {report.written} written "
        f"({_megabytes(report.bytes_written)}), {report.unchanged} unchanged, {report.removed} removed; "
        f"{_megabytes(report.site_bytes)} in all; {report.seconds:.1f} s",
        file=sys.stderr,
    )
    return EXIT_OK


def _megabytes(count: int) -> str:
    """A byte count for people: MB with one decimal (kB below a tenth of a megabyte)."""
    return f"{count / 1e6:.1f} MB" if count >= 100_000 else f"{count / 1e3:.1f} kB"


def _files(given: Sequence[str]) -> list[Path]:
    """The files named on the command line, else the one every command uses (see contacts_file)."""
    return [Path(name) for name in given] or [contacts_file()]


def _named(path: Path) -> str:
    """A file's name for a summary line, saying so when it is the bundled data."""
    return f"{path} (the bundled data)" if is_fallback(path) else str(path)


def _fix(path: Path) -> None:
    """Make a file's safe fixes in place (what `contacts fmt` does), saying so when there were any."""
    from contacts_app.contactsfile.canonical import format_file

    if format_file(path).changed:
        print(f"{path}: fixed", file=sys.stderr)


def _published(path: Path, *, check_dns: bool = False, stale_after: int | None = None):
    """The file's Directory as it would be published: a record with errors in its last good version."""
    from contacts_app.contactsfile.lastgood import read_last_good
    from contacts_app.validation.publish import publish
    from contacts_app.validation.validate import load_directory

    return publish(load_directory(path, check_dns=check_dns, stale_after=stale_after), read_last_good(path))


def _summary(directory, lang: str) -> str:
    """One line: how many errors and warnings, and how many contacts pass."""
    errors = len(directory.errors)
    warnings = len(directory.findings) - errors
    return say(lang, "summary", errors=errors, warnings=warnings, valid=len(directory.contacts) - len(directory.kept))


