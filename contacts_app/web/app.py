"""The Flask app: settings, the store of the data, the blueprint, error pages, headers and caches, put together."""

from __future__ import annotations


def _data_version(store) -> tuple:
    """What identifies one load of the data: the file's hash and the moment it was loaded."""
    directory = store.snapshot.directory
    return directory.version, directory.loaded_at


def create_app(config: dict | None = None):
    """The Flask app serving the directory.

    Settings (in `config`, else from the environment): CONTACTS_FILE (the contacts file; default
    data/contacts.yaml, else the bundled data), PUBLIC_URL (the site's address as the public sees it,
    for the links in vCards; default the address each request came to), STATUS_TOKEN (the password of
    the staff status page; without it the page answers only on this machine), RELOAD_INTERVAL (seconds
    between the store's background checks of the file for changes; default 1; 0, None or infinity: no
    watcher, the file is read once and again only when told to, as `store.check()`), RESPONSE_CACHE (keep finished public answers
    per version of the data, see microcache.py; default on), LOAD_IN_CHILD (read and validate the file in a
    child process: default for big files, see store.load; False for a short-lived process such as a build).
    """
    import os

    from flask import Flask

    from contacts_app.contactsfile.locations import contacts_file, resource_path
    from contacts_app.web import errors, links, security, views
    from contacts_app.web.serving import compression
    from contacts_app.web.serving.microcache import ResponseCache
    from contacts_app.web.store import DirectoryStore, attach

    app = Flask(
        __name__,
        template_folder=str(resource_path("templates")),
        static_folder=str(resource_path("static")),
    )
    app.config.from_mapping(
        CONTACTS_FILE=None,  # None: resources.contacts_file decides ($CONTACTS_FILE, data/, bundled)
        PUBLIC_URL=os.environ.get("CONTACTS_PUBLIC_URL") or None,
        STATUS_TOKEN=os.environ.get("CONTACTS_STATUS_TOKEN") or None,
        RELOAD_INTERVAL=1.0,
        MAX_CONTENT_LENGTH=16 * 1024,
    )
    if config:
        app.config.update(config)
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.jinja_env.trim_blocks = True
    app.jinja_env.lstrip_blocks = True

    path = contacts_file(app.config["CONTACTS_FILE"])
    app.config["CONTACTS_FILE"] = str(path)
    interval = app.config["RELOAD_INTERVAL"]
    store = attach(app, DirectoryStore(path, interval=float(interval or 0), watch=True,
                                       isolate=app.config.get("LOAD_IN_CHILD")))

    views.init_app(app)
    links.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    compression.init_app(app)
    if app.config.get("RESPONSE_CACHE", True):
        app.wsgi_app = ResponseCache(app.wsgi_app, lambda: _data_version(store))
    return app
