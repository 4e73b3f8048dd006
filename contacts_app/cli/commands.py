"""The commands of `contacts`, one function each: they return an exit status or raise a ContactsError.

Heavy libraries (Flask, vobject, ruamel) are imported only by the commands that need them, so
`contacts validate` stays quick.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Sequence

from contacts_app.cli.formats import FORMATTERS
from contacts_app.contactsfile.locations import LOCAL_FILE, contacts_file, is_fallback
from contacts_app.model.errors import EXIT_FINDINGS, EXIT_OK, EXIT_UNREADABLE, ContactsError, SourceError
from contacts_app.model.finding import Finding


def cmd_validate(args: argparse.Namespace) -> int:
    """`contacts validate`: every finding of every file; the exit status is the worst file's (1 on
    errors, or on warnings with --strict; 2 for a file that cannot be read)."""
    from contacts_app.validation.validate import load_directory

    findings: list[Finding] = []
    summaries: list[str] = []
    status = EXIT_OK
    for path in _files(args.files):
        try:
            directory = load_directory(path, check_dns=args.check_dns)
        except SourceError as exc:
            findings.append(exc.finding)
            summaries.append(f"{_named(path)}: cannot be read as a contacts file")
            status = max(status, EXIT_UNREADABLE)
            continue
        findings.extend(directory.findings)
        summaries.append(f"{_named(path)}: {_summary(directory.findings, len(directory.contacts))}")
        if directory.findings if args.strict else directory.errors:
            status = max(status, EXIT_FINDINGS)
    _print_findings(findings, args.format)
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
            sys.stderr.write(FORMATTERS["text"]([exc.finding]))
            status = max(status, EXIT_UNREADABLE)
            continue
        if not args.check:
            print(f"{path}: {'reformatted' if result.changed else 'already canonical'}", file=sys.stderr)
        elif result.changed:
            sys.stdout.write(result.diff)
            print(f"{path} is not in canonical form; run: contacts fmt {path}", file=sys.stderr)
            status = max(status, EXIT_FINDINGS)
        else:
            print(f"{path} is in canonical form", file=sys.stderr)
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
    sys.stdout.write(FORMATTERS["text"](sorted([*result.report.conflicts, *result.findings])))
    for extraction in result.extractions:
        names = ", ".join(c.name or "?" for c in extraction.candidates)
        print(f"{extraction.release.location}: {len(extraction.candidates)} contact(s): {names}", file=sys.stderr)
    report = result.report
    print(
        f"{args.into}: {len(report.added)} added, {len(report.filled)} filled in, "
        f"{len(report.conflicts)} conflict(s) kept as in the file"
        + ("" if result.changed else "; nothing to change")
        + (" (--dry-run: nothing written)" if args.dry_run and result.changed else ""),
        file=sys.stderr,
    )
    return EXIT_FINDINGS if any(f.is_error for f in result.findings) else EXIT_OK


def cmd_export(args: argparse.Namespace) -> int:
    """`contacts export`: the records that pass validation, in the chosen format."""
    from contacts_app.outputs.export import EXPORTERS
    from contacts_app.validation.validate import load_directory

    path = contacts_file(args.file)
    directory = load_directory(path)
    if directory.errors:
        print(
            f"contacts: {len(directory.errors)} error(s) in {path}; records with errors are left out "
            f"(see: contacts validate {path})",
            file=sys.stderr,
        )
    text = EXPORTERS[args.format](directory.contacts, lang=args.lang)
    if args.output:
        from contacts_app.contactsfile.writing import write_atomic

        write_atomic(args.output, text)
    else:
        sys.stdout.write(text)
    return EXIT_OK


def cmd_serve(args: argparse.Namespace) -> int:
    """`contacts serve`: check the file, then serve it with waitress until interrupted."""
    from contacts_app.web.app import create_app
    from contacts_app.web.serving.arenas import limit_arenas
    from contacts_app.web.store import store_of

    limit_arenas()  # before waitress starts its threads
    path = contacts_file(args.file)
    app = create_app({"CONTACTS_FILE": str(path)})  # reads the file once (a big one in a child process)
    store = store_of(app)
    if store.failed:
        sys.stderr.write(FORMATTERS["text"](store.failed.findings))
        if store.failed.unreadable:
            raise ContactsError(f"{path} cannot be served", EXIT_UNREADABLE)
        raise ContactsError(f"{path} has no valid contact to serve", EXIT_FINDINGS)
    server = _listen(app, args.host, args.port)
    directory = store.snapshot.directory
    print(
        f"contacts: serving {len(directory.contacts)} contact(s) from {_named(path)} on "
        f"http://{_url_host(args.host)}:{server.effective_port}/ "
        f"({len(directory.errors)} error(s), {len(directory.findings) - len(directory.errors)} warning(s); "
        "see /_status)",
        file=sys.stderr,
    )
    server.run()
    return EXIT_OK


def _listen(app, host: str, port: int):
    """A waitress server bound to host:port, or a ContactsError that says what to do when it cannot be."""
    import errno

    import waitress

    try:
        return waitress.create_server(app, host=host, port=port, threads=8, ident="contacts")
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
        report = build_site(args.out_dir, path, base_url=args.base_url, workers=args.jobs, progress=progress)
    if report.errors:
        print(
            f"contacts: {report.errors} error(s) in {path}; records with errors are left out "
            f"(see: contacts validate {path})",
            file=sys.stderr,
        )
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


def _print_findings(findings: Sequence[Finding], fmt: str) -> None:
    """Findings to standard output in the chosen format."""
    sys.stdout.write(FORMATTERS[fmt](findings))


def _summary(findings: Sequence[Finding], served: int) -> str:
    """One line: how many errors and warnings, and how many contacts pass."""
    errors = sum(f.is_error for f in findings)
    warnings = len(findings) - errors
    return f"{errors} error(s), {warnings} warning(s); {served} contact(s) valid"


