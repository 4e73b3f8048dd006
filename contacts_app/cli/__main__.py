"""`python -m contacts_app.cli`: the `contacts` command."""

import sys

from contacts_app.cli import main

sys.exit(main())
