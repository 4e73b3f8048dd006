"""The `contacts` command's arguments: every subcommand, its options and their help."""

from __future__ import annotations

import argparse

from contacts_app import __version__
from contacts_app.cli import commands, freshness
from contacts_app.cli.formats import FORMATTERS
from contacts_app.model.messages import MESSAGE_LANGUAGES, default_language

#: How the help names the file a command uses when none is given (contactsfile.locations decides).
DEFAULT_HELP = "default $CONTACTS_FILE, else data/contacts.yaml, else the bundled data"


def _lang_option(parser: argparse.ArgumentParser) -> None:
    """--lang: the language of the command's messages to staff (default from the locale)."""
    parser.add_argument(
        "--lang", choices=MESSAGE_LANGUAGES, default=default_language(),
        help="language of messages: en or sv (default from the locale: LC_ALL, LC_MESSAGES, LANG)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser for every subcommand."""
    parser = argparse.ArgumentParser(
        prog="contacts",
        description="Keep the press-room contact directory: validate, tidy, export, import and serve it.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    subcommands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = subcommands.add_parser("validate", help="check the contacts file and print findings")
    validate.add_argument("files", nargs="*", metavar="FILE", help=f"contacts files to check ({DEFAULT_HELP})")
    validate.add_argument("--format", choices=sorted(FORMATTERS), default="text", help="how to print findings")
    validate.add_argument("--strict", action="store_true", help="fail on warnings too")
    validate.add_argument("--check-dns", action="store_true", help="also check that email domains accept mail")
    validate.add_argument("--fix", action="store_true", help="first make the safe fixes in the file, as contacts fmt does")
    _stale_option(validate)
    _lang_option(validate)
    validate.set_defaults(handler=commands.cmd_validate)

    fmt = subcommands.add_parser("fmt", help="rewrite the contacts file in canonical form, comments kept")
    fmt.add_argument("files", nargs="*", metavar="FILE", help=f"contacts files to tidy ({DEFAULT_HELP})")
    fmt.add_argument("--check", action="store_true", help="write nothing; print a diff and exit 1 if not canonical")
    _lang_option(fmt)
    fmt.set_defaults(handler=commands.cmd_fmt)

    imp = subcommands.add_parser("import", help="pull spokespeople out of press releases into the contacts file")
    imp.add_argument("releases", nargs="+", metavar="RELEASE", help="press releases as .txt or .html files")
    imp.add_argument(
        "--into", help="the contacts file to merge into (default $CONTACTS_FILE, else data/contacts.yaml)"
    )
    imp.add_argument("--dry-run", action="store_true", help="print the diff; write nothing")
    _lang_option(imp)
    imp.set_defaults(handler=commands.cmd_import)

    export = subcommands.add_parser("export", help="print the normalised records as JSON, CSV or vCards")
    export.add_argument("file", nargs="?", help=f"the contacts file ({DEFAULT_HELP})")
    export.add_argument("--format", choices=("json", "csv", "vcf"), default="json", help="output format")
    export.add_argument("--lang", choices=("sv", "en"), default="sv", help="language of titles in vCards")
    export.add_argument("--output", "-o", help="write to this file instead of standard output")
    export.set_defaults(handler=commands.cmd_export)

    serve = subcommands.add_parser("serve", help="serve the directory on the web (waitress, a production WSGI server)")
    serve.add_argument("file", nargs="?", help=f"the contacts file ({DEFAULT_HELP})")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    _lang_option(serve)
    serve.add_argument(
        "--carddav-folder", metavar="DIR",
        help="where the CardDAV address books (/carddav/) are kept (default $CONTACTS_CARDDAV_FOLDER, else "
             "a folder per contacts file under ~/.local/state/contacts/carddav)",
    )
    serve.add_argument("--no-carddav", action="store_true", help="serve no address books at /carddav/")
    serve.set_defaults(handler=commands.cmd_serve)

    build = subcommands.add_parser("build", help="write the directory as a static site for any web host or CDN")
    build.add_argument("out_dir", metavar="OUTDIR", help="the folder to write (new, empty, or an earlier build)")
    build.add_argument("file", nargs="?", help=f"the contacts file ({DEFAULT_HELP})")
    build.add_argument(
        "--base-url", metavar="URL",
        help="the site's public address (https://host/path/), for the links in vCards, QR codes and JSON-LD",
    )
    _lang_option(build)
    build.add_argument(
        "--carddav", metavar="DIR",
        help="also write the CardDAV address books into DIR, for a Radicale of its own (radicale --config DIR/config)",
    )
    build.add_argument(
        "--jobs", "-j", type=int, metavar="N", help="processes rendering side by side (default: one per CPU)"
    )
    build.set_defaults(handler=commands.cmd_build)

    verify = subcommands.add_parser("verify", help="stamp today's date as verified: on contacts just checked")
    verify.add_argument("ids", nargs="+", metavar="ID", help="the ids of the contacts checked")
    verify.add_argument("--file", help="the contacts file to edit (default $CONTACTS_FILE, else data/contacts.yaml)")
    verify.set_defaults(handler=freshness.cmd_verify)

    report = subcommands.add_parser("report", help="reports for staff: stale lists the contacts to check again")
    report.add_argument("report", choices=("stale",), help="stale: stale or never verified, or unreachable")
    report.add_argument("file", nargs="?", help=f"the contacts file ({DEFAULT_HELP})")
    report.add_argument("--format", choices=("text", "json"), default="text", help="how to print the list")
    report.add_argument("--check-dns", action="store_true", help="also list addresses whose domain takes no mail")
    _stale_option(report)
    report.set_defaults(handler=freshness.cmd_report)
    return parser


def _stale_option(parser: argparse.ArgumentParser) -> None:
    """--stale-after: the days after which a verification is stale (else $CONTACTS_STALE_AFTER, else 180)."""
    parser.add_argument(
        "--stale-after", type=int, metavar="DAYS",
        help="days after which a verified: date is stale (default $CONTACTS_STALE_AFTER, else 180)",
    )
