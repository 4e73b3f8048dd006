"""The limits waitress serves the directory with, sized for what the site is: small GET requests.

waitress's defaults suit an application that takes uploads: a 1 GB request body (spooled to disk before
the app can refuse it), 256 KB of headers, 100 connections, two minutes before an idle connection is
closed. At those, 101 idle or slowly-talking sockets stall every other visitor. Here no route takes a
body, so one over MAX_BODY_BYTES is refused (413) as soon as its headers are read; many more connections
may wait (each costs a few kilobytes, not a thread: waitress's threads only run complete requests); and
one that sends nothing for CHANNEL_TIMEOUT seconds is closed. A proxy in front (README: production)
should still do its own limiting: waitress listens on loopback behind it.
"""

from __future__ import annotations

#: The largest request body read (no route takes one; forms are GET).
MAX_BODY_BYTES = 16 * 1024
#: The largest request line and headers together.
MAX_HEADER_BYTES = 64 * 1024
#: Connections held open at once; more wait in the listen backlog. waitress watches them with poll()
#: (select() could not watch more than 1,024 file descriptors).
CONNECTION_LIMIT = 1000
#: Seconds a connection may send nothing before it is closed.
CHANNEL_TIMEOUT = 20
#: Threads that run requests.
THREADS = 8

WAITRESS_OPTIONS = {
    "threads": THREADS,
    "connection_limit": CONNECTION_LIMIT,
    "channel_timeout": CHANNEL_TIMEOUT,
    "cleanup_interval": 5,
    "max_request_body_size": MAX_BODY_BYTES,
    "max_request_header_size": MAX_HEADER_BYTES,
    "backlog": 2048,
    "asyncore_use_poll": True,
    "ident": "contacts",
}
