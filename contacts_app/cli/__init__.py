"""The `contacts` command: validate, fmt, import, export, serve and build the contacts file.

Library code returns findings or raises a ContactsError; `main` alone turns them into text and an exit
status, in one place.
"""

from __future__ import annotations

import atexit
import os
import sys
from typing import Sequence

from contacts_app.cli.formats import formatted
from contacts_app.cli.parser import build_parser
from contacts_app.model.errors import EXIT_OK, EXIT_UNREADABLE, ContactsError, SourceError
from contacts_app.model.messages import default_language


def _messages_language(args) -> str:
    """The language of the command's messages: its --lang, except export's, which is the cards' language."""
    return default_language() if args.command == "export" else getattr(args, "lang", None) or default_language()


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit status."""
    return _run(build_parser().parse_args(argv))


def run() -> None:
    """`contacts` as a program: main, then the exit. A build's process ends without freeing its objects.

    A build holds a national directory in memory, millions of objects, which the interpreter would free
    one by one before the process ends: most of a second after the build is done (mypy ends the same way).
    Everything the build wrote is closed and in place by then; the exit handlers still run (temporary
    folders, logging) and the output is flushed. Every other command ends as usual."""
    args = build_parser().parse_args()
    code = _run(args)
    if args.command != "build":
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe: nothing left to say
            pass
    os._exit(code)


def _run(args) -> int:
    """Run a parsed command line; return the exit status."""
    try:
        return args.handler(args)
    except ContactsError as exc:
        if isinstance(exc, SourceError):
            sys.stderr.write(formatted([exc.finding], lang=_messages_language(args)))
        else:
            print(f"contacts: {exc}", file=sys.stderr)
        return exc.code
    except BrokenPipeError:
        return EXIT_OK
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"contacts: {where}{exc.strerror or exc}; nothing was changed", file=sys.stderr)
        return EXIT_UNREADABLE
    except KeyboardInterrupt:
        return 130
