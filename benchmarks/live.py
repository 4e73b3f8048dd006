"""Real servers for tests and benchmarks: `contacts serve` in a process of its own, Debian's nginx in front
of it (configured as README's production section says), raw sockets, and a process's resident memory."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

NGINX = shutil.which("nginx") or "/usr/sbin/nginx"

#: The proxy settings that matter (README: "Running in production"), minus TLS, on loopback.
NGINX_CONF = """\
worker_processes 1;
pid {dir}/nginx.pid;
error_log {dir}/error.log warn;
{user}
events {{ worker_connections 2048; }}
http {{
    access_log off;
    client_body_temp_path {dir}/body;
    proxy_temp_path {dir}/proxy;
    fastcgi_temp_path {dir}/fastcgi;
    uwsgi_temp_path {dir}/uwsgi;
    scgi_temp_path {dir}/scgi;
    client_max_body_size 16k;
    client_header_timeout 10s;
    client_body_timeout 10s;
    keepalive_timeout 15s;
    send_timeout 10s;
    large_client_header_buffers 4 16k;
    upstream contacts {{ server {upstream}; keepalive 16; }}
    server {{
        listen 127.0.0.1:{port};
        location / {{
            proxy_pass http://contacts;
            proxy_http_version 1.1;
            proxy_set_header Connection "";
            proxy_set_header Host $host;
            proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
            proxy_set_header X-Forwarded-Proto $scheme;
            proxy_read_timeout 30s;
        }}
    }}
}}
"""


def free_port() -> int:
    """A TCP port nothing listens on now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str, headers: dict | None = None, *, method: str = "GET", data: bytes | None = None,
          timeout: float = 30):
    """(status, headers, body) of a request, errors included."""
    request = urllib.request.Request(url, headers=headers or {}, method=method, data=data)
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.headers, error.read()


def wait_until_up(url: str, proc: subprocess.Popen | None = None, seconds: float = 60) -> None:
    """Return once `url` answers at all; RuntimeError when it does not in time (or its process ended)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc is not None and proc.poll() is not None:
            raise RuntimeError(f"the server ended with status {proc.returncode}: {proc.stderr.read() if proc.stderr else ''}")
        try:
            fetch(url, timeout=2)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not answer within {seconds} s")


@contextmanager
def contacts_serve(path: str | os.PathLike, env: dict | None = None, *, cwd: str | None = None
                   ) -> Iterator[tuple[str, subprocess.Popen]]:
    """`contacts serve PATH` on 127.0.0.1 at a free port, in a process of its own; yields (base URL, process)."""
    port = free_port()
    environment = {**os.environ, **(env or {})}
    proc = subprocess.Popen(
        [sys.executable, "-m", "contacts_app.cli", "serve", str(path), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=environment, cwd=cwd,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/static/style.css", proc)
        yield url, proc
    finally:
        stop(proc)


def stop(proc: subprocess.Popen) -> None:
    """End a child process: politely, then for good after ten seconds."""
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()


@contextmanager
def nginx_in_front(upstream: str, folder: str | os.PathLike) -> Iterator[str]:
    """Debian's nginx on a free loopback port proxying to `upstream` (http://host:port); yields its URL."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    port = free_port()
    user = "user root;" if os.geteuid() == 0 else ""  # workers must reach the temp folders in `folder`
    conf = folder / "nginx.conf"
    conf.write_text(NGINX_CONF.format(dir=folder, user=user, port=port, upstream=upstream.removeprefix("http://")))
    proc = subprocess.Popen([NGINX, "-c", str(conf), "-p", str(folder), "-g", "daemon off;"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_until_up(url + "/static/style.css", proc, seconds=20)
        yield url
    finally:
        stop(proc)


def rss_mb(pid: int) -> float:
    """A process's resident memory in MB (VmRSS)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError(f"no VmRSS for process {pid}")


def raw(url: str, data: bytes, *, timeout: float = 10) -> bytes:
    """Send `data` on a fresh connection to `url`'s host and port; what comes back until it closes."""
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=timeout) as sock:
        sock.sendall(data)
        chunks = []
        try:
            while chunk := sock.recv(65536):
                chunks.append(chunk)
        except (TimeoutError, ConnectionResetError):
            pass
    return b"".join(chunks)


@contextmanager
def slowloris(url: str, sockets: int) -> Iterator[list[socket.socket]]:
    """`sockets` connections to `url`, each having sent half a request line, left hanging (keep them alive by
    calling `drip` on them); closed at the end."""
    host, port = url.removeprefix("http://").split(":")
    held = []
    try:
        for _ in range(sockets):
            s = socket.create_connection((host, int(port)), timeout=5)
            s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
            held.append(s)
        yield held
    finally:
        for s in held:
            s.close()


def drip(held: list[socket.socket]) -> None:
    """One more header line on every hanging connection (what keeps a slowloris attack alive)."""
    for s in held:
        try:
            s.sendall(b"X-a: b\r\n")
        except OSError:
            pass


def timed_get(url: str, timeout: float = 60) -> float:
    """Seconds one GET of `url` takes (a fresh connection)."""
    started = time.perf_counter()
    status = fetch(url, timeout=timeout)[0]
    if status != 200:
        raise RuntimeError(f"{url} answered {status}")
    return time.perf_counter() - started
