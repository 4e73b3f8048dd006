"""The press-room contact directory: spokespeople from press releases, validated and served.

The package is in rooms, each importing only from those below it (pyproject.toml's import-linter contract):
cli, web, importing, then validation | extraction | outputs, contactsfile, normalise, model.
"""

from __future__ import annotations

__version__ = "0.1.0"


def create_app(config: dict | None = None):
    """The Flask app serving the directory (contacts_app.web.app), importable as contacts_app:create_app."""
    from contacts_app.web.app import create_app as make

    return make(config)
