"""Fewer glibc malloc arenas for the threaded server, so its memory stays near what its data needs.

glibc gives a thread that allocates while another holds the main arena an arena of its own, up to eight
per core. waitress answers on eight threads, and memory freed into one thread's arena is not reused by
another: a warm server with 10,000 contacts held about 142 MB, 118 MB with two arenas (measured with the
warm-up of benchmarks/bench_web.py). MALLOC_ARENA_MAX=2 in the environment is the usual remedy; `mallopt`
sets the same from inside the process, before the threads start. Without glibc this does nothing.
"""

from __future__ import annotations

import ctypes
import os

M_ARENA_MAX = -8  # glibc's <malloc.h>
ARENAS = 2


def limit_arenas(count: int = ARENAS) -> bool:
    """Cap glibc's malloc arenas at `count` unless MALLOC_ARENA_MAX is set; True when the cap was set."""
    if "MALLOC_ARENA_MAX" in os.environ:  # the operator's choice stands
        return False
    try:
        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # not glibc (or no C library to ask)
        return False
    mallopt.argtypes = (ctypes.c_int, ctypes.c_int)
    return mallopt(M_ARENA_MAX, count) == 1
