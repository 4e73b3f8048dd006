"""How `contacts build` shows its progress: a bar on a terminal (tqdm), plain lines now and then otherwise.

A log (CI, cron, a pipe) gets a line every PLAIN_EVERY seconds, "files done of all", rather than the
carriage returns a bar is drawn with.
"""

from __future__ import annotations

import time
from typing import TextIO

#: Seconds between two progress lines when the output is not a terminal.
PLAIN_EVERY = 5.0


class BuildProgress:
    """A progress callback for build_site, (files done, files in all), shown on `stream`."""

    def __init__(self, stream: TextIO):
        self.stream = stream
        self.terminal = hasattr(stream, "isatty") and stream.isatty()
        self._bar = None
        self._last_line = time.monotonic()

    def __enter__(self) -> "BuildProgress":
        return self

    def __exit__(self, *exc) -> None:
        if self._bar is not None:
            self._bar.close()

    def __call__(self, done: int, total: int) -> None:
        """Show that `done` of `total` files are in place."""
        if self.terminal:
            self._draw(done, total)
        elif done < total and time.monotonic() - self._last_line >= PLAIN_EVERY:
            self._last_line = time.monotonic()
            print(f"contacts build: {done} of {total} files ({100 * done // max(total, 1)} %)", file=self.stream)

    def _draw(self, done: int, total: int) -> None:
        """The bar, made on first use (worker processes are forked before it, never with its thread)."""
        if self._bar is None:
            import tqdm

            tqdm.tqdm.monitor_interval = 0  # no monitor thread in a process that forks workers
            self._bar = tqdm.tqdm(total=total, unit="file", file=self.stream, desc="contacts build", leave=False)
        self._bar.total = total
        self._bar.update(done - self._bar.n)
