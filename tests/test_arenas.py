"""`contacts serve` caps glibc's malloc arenas, which keeps a threaded server's memory near what its data needs."""

from __future__ import annotations

import os
import platform
import re
import subprocess
import sys
import textwrap

import pytest

from contacts_app.web.serving import arenas

PROBE = textwrap.dedent(
    """
    import ctypes, os, sys, threading, zlib
    if sys.argv[1] == "cap":
        from contacts_app.web.serving.arenas import limit_arenas
        print(limit_arenas(), flush=True)
    data = os.urandom(1 << 18)
    def work():
        for _ in range(6):
            zlib.compress(data, 1)  # releases the GIL and allocates in C, as the server's threads do
    threads = [threading.Thread(target=work) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    ctypes.CDLL(None).malloc_stats()  # glibc: one "Arena N:" block per arena, on stderr
    """
)

glibc = pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc arenas are glibc's")


def arenas_used(mode: str, **env: str) -> tuple[str, int]:
    environment = {k: v for k, v in os.environ.items() if k != "MALLOC_ARENA_MAX"} | env
    run = subprocess.run([sys.executable, "-c", PROBE, mode], capture_output=True, text=True, env=environment, check=True)
    return run.stdout.strip(), len(re.findall(r"^Arena \d+:", run.stderr, re.M))


@glibc
def test_eight_busy_threads_share_two_arenas_with_the_cap_and_not_without():
    assert arenas_used("nocap")[1] > arenas.ARENAS  # what the cap is for: glibc hands out more
    assert arenas_used("cap") == ("True", arenas.ARENAS)


@glibc
def test_the_operators_malloc_arena_max_stands():
    printed, used = arenas_used("cap", MALLOC_ARENA_MAX="4")
    assert printed == "False" and used <= 4


def test_serve_sets_the_cap_before_its_threads_start(monkeypatch, cli, contacts_file):
    calls = []
    monkeypatch.setattr(arenas, "limit_arenas", lambda: calls.append("cap"))
    import waitress

    class Server:
        effective_port = 1

        def run(self):
            calls.append("serve")

    monkeypatch.setattr(waitress, "create_server", lambda *a, **k: calls.append("threads") or Server())
    code, _, _ = cli("serve", contacts_file, "--port", "1")
    assert code == 0 and calls == ["cap", "threads", "serve"]
