"""The `contacts` command: validate, fmt, import, export, serve and build the contacts file.

Library code returns findings or raises a ContactsError; `main` alone turns them into text and an exit
status, in one place.
"""

from __future__ import annotations

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
    args = build_parser().parse_args(argv)
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
