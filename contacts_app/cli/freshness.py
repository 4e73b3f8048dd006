"""`contacts verify` (today's date into `verified:`) and `contacts report stale` (the contacts to check again)."""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date

from contacts_app.contactsfile.locations import contacts_file
from contacts_app.model.errors import EXIT_OK, ContactsError


def cmd_verify(args: argparse.Namespace) -> int:
    """`contacts verify ID…`: stamp today in each contact's `verified:`, as an edit of the file's text."""
    from contacts_app.contactsfile.stamping import stamp_file

    path = contacts_file(args.file, writing=True)  # never the bundled data
    today = date.today().isoformat()
    stamp_file(path, args.ids, today)
    print(f"{path}: verified {today}: {', '.join(dict.fromkeys(args.ids))}", file=sys.stderr)
    return EXIT_OK


def cmd_report(args: argparse.Namespace) -> int:
    """`contacts report stale`: who to check again and why, as text or JSON; exit 0 either way."""
    from contacts_app.validation.freshness import stale_after_days
    from contacts_app.validation.recheck import rechecks
    from contacts_app.validation.validate import load_directory

    if args.stale_after is not None and args.stale_after < 0:
        raise ContactsError(f"--stale-after must be 0 or more days, not {args.stale_after}")
    path = contacts_file(args.file)
    days = stale_after_days(args.stale_after)
    directory = load_directory(path, check_dns=args.check_dns, stale_after=days)
    entries = rechecks(directory, date.today(), days)
    if args.format == "json":
        json.dump({"file": str(path), "stale_after_days": days, "checked_dns": args.check_dns,
                   "contacts": [e.as_dict() for e in entries]}, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        for entry in entries:
            print(f"{path}:{entry.line}: {entry.id or '?'} ({entry.name or '?'})")
            for code, detail in entry.reasons:
                print(f"    {code}: {detail}")
    print(f"{path}: {len(entries)} contact(s) to check again (verified more than {days} days ago, never, "
          f"or unreachable{'' if args.check_dns else '; add --check-dns to test the email domains'})", file=sys.stderr)
    return EXIT_OK
