"""`python -m contacts_app.cli`: the `contacts` command."""

from contacts_app.cli import run

run()
