"""When a changed contacts file may go into service, and what time it then carries.

An editor that writes in place leaves half a file on disk for a moment; a bad deploy can leave a file
with most records gone. The watcher therefore takes a new version only once it has stood still (same
size, mtime and inode) for `settle` seconds; a version that drops more than half the contacts served is
held until staff confirm it on /_status, or until it has stood still for `confirm_after` seconds. The
data's Last-Modified never goes backwards, whatever mtime a deployed file carries.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from contacts_app.model.contact import Directory


@dataclass(frozen=True)
class Held:
    """A version of the file held back because it drops more than half the contacts served."""

    directory: Directory
    stamp: tuple | None
    since: float  # time.monotonic() when first held
    at: datetime
    served: int
    confirm_after: float

    def as_dict(self) -> dict:
        """What the status page says about it."""
        return {
            "at": self.at.isoformat(), "version": self.directory.version,
            "contacts": len(self.directory.contacts), "served": self.served,
            "message": (
                f"this version has {len(self.directory.contacts)} contact(s) where {self.served} are served: "
                f"it goes into service when confirmed here, or once the file has stayed unchanged for "
                f"{self.confirm_after:g} s"
            ),
        }


class ReloadGuard:
    """The watcher's patience: a file taken once still, a large drop held (see the module's docstring)."""

    def __init__(self, settle: float = 1.0, confirm_after: float = 600.0):
        self.settle = settle
        self.confirm_after = confirm_after
        self.held: Held | None = None
        self._seen: tuple[tuple | None, float] = (None, 0.0)

    def settled(self, stamp: tuple | None) -> bool:
        """Whether the file, as `stamp` describes it, has stood still for `settle` seconds (polled)."""
        now = time.monotonic()
        if stamp != self._seen[0]:
            self._seen = (stamp, now)
            return self.settle <= 0
        return now - self._seen[1] >= self.settle

    def hold(self, directory: Directory, served: int, stamp: tuple | None) -> bool:
        """True when `directory` must wait because it drops more than half of the `served` contacts."""
        if not served or len(directory.contacts) * 2 >= served:
            self.held = None
            return False
        if self.held is None or self.held.directory.version != directory.version:
            self.held = Held(directory, stamp, time.monotonic(), datetime.now(timezone.utc), served,
                             self.confirm_after)
        return True

    def ripe(self, stamp: tuple | None) -> Held | None:
        """The held version once the file has stood still `confirm_after` seconds (and it is let go)."""
        held = self.held
        if held is None or held.stamp != stamp or time.monotonic() - held.since < self.confirm_after:
            return None
        self.held = None
        return held

    def confirm(self, version: str) -> Held | None:
        """The held version when `version` names it (and it is let go): staff confirmed it."""
        held = self.held
        if held is None or held.directory.version != version:
            return None
        self.held = None
        return held


def forward(previous: datetime, candidate: datetime) -> datetime:
    """The modification time of a new version: `candidate` (the file's mtime), unless that is not after
    `previous` (a file deployed with an older mtime): then now, and always after `previous`."""
    if candidate > previous:
        return candidate
    now = datetime.now(timezone.utc).replace(microsecond=0)
    return max(now, previous + timedelta(seconds=1))
