"""One least-recently-used cache, bounded by a byte budget, an entry count, or both; safe across threads.

Every memo the server keeps (rendered pages, finished responses, vCards, addresses, search words) is one of
these, so none grows without bound however many hosts, languages or searches the requests bring.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable, Generic, Hashable, TypeVar

V = TypeVar("V")


def key_bytes(key: Hashable) -> int:
    """About what a key holds: the length of its texts and bytes, and a word for anything else."""
    if isinstance(key, (str, bytes)):
        return len(key) + 48
    if isinstance(key, tuple):
        return 56 + sum(key_bytes(part) for part in key)
    return 32


class LRU(Generic[V]):
    """Values by key, the least recently used let go first once `max_bytes` (as `size` counts an entry, with
    its key's bytes) or `max_entries` is passed; the newest entry is always kept, however big."""

    def __init__(self, *, max_bytes: int | None = None, max_entries: int | None = None,
                 size: Callable[[V], int] | None = None):
        if max_bytes is not None and size is None:
            raise ValueError("a byte budget needs a size function")
        self.max_bytes = max_bytes
        self.max_entries = max_entries
        self._size = size
        self._entries: OrderedDict[Hashable, tuple[V, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._making: dict[Hashable, threading.Lock] = {}

    def __len__(self) -> int:
        """How many entries are held."""
        return len(self._entries)

    def __contains__(self, key: Hashable) -> bool:
        """Whether `key` is held (without making it the most recently used)."""
        return key in self._entries

    @property
    def bytes(self) -> int:
        """The bytes held, as `size` counts them (0 without a size function)."""
        return self._bytes

    def keys(self) -> list:
        """The keys held, least recently used first."""
        with self._lock:
            return list(self._entries)

    def get(self, key: Hashable) -> V | None:
        """The value of `key`, now the most recently used, or None."""
        with self._lock:
            hit = self._entries.get(key)
            if hit is None:
                return None
            self._entries.move_to_end(key)
            return hit[0]

    def put(self, key: Hashable, value: V) -> V:
        """Keep `value` under `key` (a value already there stays) and return what is kept."""
        size = self._size(value) + key_bytes(key) if self._size else 0
        with self._lock:
            hit = self._entries.get(key)
            if hit is not None:
                return hit[0]
            self._entries[key] = (value, size)
            self._bytes += size
            while len(self._entries) > 1 and (
                (self.max_bytes is not None and self._bytes > self.max_bytes)
                or (self.max_entries is not None and len(self._entries) > self.max_entries)
            ):
                _, (_, old) = self._entries.popitem(last=False)
                self._bytes -= old
        return value

    def get_or_make(self, key: Hashable, make: Callable[[], V], *, once: bool = False) -> V:
        """The value of `key`, made by `make` when missing. With `once`, requests that need it meanwhile
        wait for that one making instead of each making it again (for values that take seconds)."""
        value = self.get(key)
        if value is not None:
            return value
        if not once:
            return self.put(key, make())
        with self._lock:
            lock = self._making.setdefault(key, threading.Lock())
        with lock:
            value = self.get(key)
            if value is None:
                value = self.put(key, make())
        with self._lock:
            if self._making.get(key) is lock:
                del self._making[key]
        return value
