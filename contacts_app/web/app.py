"""The Flask app: settings, the store of the data, the blueprint, error pages, headers and caches, put together."""

from __future__ import annotations


def _data_version(store) -> tuple:
    """What identifies one load of the data: the file's hash and the moment it was loaded."""
    directory = store.snapshot.directory
    return directory.version, directory.loaded_at


def _flag(name: str) -> bool:
    """Whether the environment variable `name` is set to 1, true or yes."""
    import os

    return os.environ.get(name, "").strip().lower() in ("1", "true", "yes")


def create_app(config: dict | None = None):
    """The Flask app serving the directory.

    Settings (in `config`, else from the environment): CONTACTS_FILE (the contacts file; default
    data/contacts.yaml, else the bundled data), PUBLIC_URL (the site's address as the public sees it, for
    the absolute links in vCards, QR codes and JSON-LD; default SERVER_URL, the address `contacts serve`
    listens on, else http://localhost: never the Host a request names), STATUS_TOKEN (the password of
    the staff status page; without it the page is closed), STATUS_LOCAL (CONTACTS_STATUS_LOCAL=1: without
    a token, let direct requests from this machine see the status page: only for a server on loopback
    with no proxy in front), FOLLOW_LINKS (CONTACTS_FOLLOW_LINKS=1: follow a link at the file's path out
    of its folder), RELOAD_SETTLE (seconds a changed file must stand still before it is taken; default
    1), CONFIRM_DROP_AFTER (seconds a version that drops more than half the contacts waits for staff to
    confirm it before it is taken anyway; CONTACTS_CONFIRM_DROP_AFTER; default 600), RELOAD_INTERVAL (seconds
    between the store's background checks of the file for changes; default 1; 0, None or infinity: no
    watcher, the file is read once and again only when told to, as `store.check()`), RESPONSE_CACHE (keep finished public answers
    per version of the data, see microcache.py; default on), KEEP_LAST_GOOD (keep the records published
    beside the file, so a restart serves a record with errors in its last good version too; default on,
    except for the bundled data), MESSAGE_LANGUAGE (en or sv: of the reload log's lines; default en),
    CARDDAV_FOLDER (serve the address books at
    /carddav/ from this folder, see carddav.py; default none: `contacts serve` chooses one), CARDDAV_SITE_URL
    (the site's address for the links in the books' cards when PUBLIC_URL is not set),
    LOAD_IN_CHILD (read and validate the file in a
    child process: default for big files, see store.load; False for a short-lived process such as a build),
    RECORD_CACHE (the validation.record_cache.RecordCache the store starts from: a build's, kept between builds).
    SEARCH_TEXTS (False: the search texts are made at the first search, not with each snapshot; a build never
    searches).
    """
    import os

    from flask import Flask

    from contacts_app.contactsfile.locations import contacts_file, is_fallback, resource_path
    from contacts_app.web import errors, links, presenters, security, views
    from contacts_app.web.reload_guard import ReloadGuard
    from contacts_app.web.serving import compression
    from contacts_app.web.serving.limits import MAX_BODY_BYTES
    from contacts_app.web.serving.microcache import ResponseCache
    from contacts_app.web.store import DirectoryStore, attach
    from contacts_app.web.views.common import answer_key

    app = Flask(
        __name__,
        template_folder=str(resource_path("templates")),
        static_folder=str(resource_path("static")),
    )
    app.config.from_mapping(
        CONTACTS_FILE=None,  # None: resources.contacts_file decides ($CONTACTS_FILE, data/, bundled)
        PUBLIC_URL=os.environ.get("CONTACTS_PUBLIC_URL") or None,
        STATUS_TOKEN=os.environ.get("CONTACTS_STATUS_TOKEN") or None,
        STATUS_LOCAL=_flag("CONTACTS_STATUS_LOCAL"),
        FOLLOW_LINKS=_flag("CONTACTS_FOLLOW_LINKS"),
        SERVER_URL=None,
        RELOAD_INTERVAL=1.0,
        CARDDAV_FOLDER=None,
        CARDDAV_SITE_URL=None,
        RELOAD_SETTLE=1.0,
        CONFIRM_DROP_AFTER=float(os.environ.get("CONTACTS_CONFIRM_DROP_AFTER") or 600),
        MAX_CONTENT_LENGTH=MAX_BODY_BYTES,
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
    keep = app.config.get("KEEP_LAST_GOOD")
    keep = not is_fallback(path) if keep is None else bool(keep)
    guard = ReloadGuard(float(app.config["RELOAD_SETTLE"]), float(app.config["CONFIRM_DROP_AFTER"]))
    store = attach(app, DirectoryStore(
        path, interval=float(interval or 0), watch=True, keep_last_good=keep,
        lang=app.config.get("MESSAGE_LANGUAGE") or "en", guard=guard, confine=not app.config["FOLLOW_LINKS"],
        isolate=app.config.get("LOAD_IN_CHILD"), records=app.config.get("RECORD_CACHE"),
        search_texts=app.config.get("SEARCH_TEXTS", True),
    ))

    views.init_app(app)
    links.init_app(app)
    presenters.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    compression.init_app(app)
    if app.config.get("RESPONSE_CACHE", True):
        app.wsgi_app = ResponseCache(app.wsgi_app, lambda: _data_version(store), answer_key)
    if app.config["CARDDAV_FOLDER"]:
        from contacts_app.web import carddav

        carddav.init_app(app, app.config["CARDDAV_FOLDER"], app.config["CARDDAV_SITE_URL"])
    return app
