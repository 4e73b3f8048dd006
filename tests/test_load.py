"""Load: `contacts serve` (waitress) on loopback with 2,000 generated contacts, driven by wrk for 30 s at 64
connections over a mix of routes: no failed request at all; p50/p99 latency and requests per second printed
(see SECURITY.md). LOAD_SECONDS shortens or lengthens the run."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GENERATE = ROOT / "benchmarks" / "generate.py"
SECONDS = int(os.environ.get("LOAD_SECONDS", "30"))
CONNECTIONS = 64

pytestmark = pytest.mark.slow

#: wrk rotates through these paths; a response other than 2xx/3xx is counted and reported by `done`.
LUA = r"""
local paths = {%s}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i %% #paths) + 1])
end
done = function(summary, latency, requests)
  io.write(string.format("LOAD connect=%%d read=%%d write=%%d timeout=%%d status=%%d\n",
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.timeout,
    summary.errors.status))
  io.write(string.format("LOAD p50_ms=%%.2f p99_ms=%%.2f requests=%%d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, summary.requests))
end
"""


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_load_on_loopback_fails_no_request(tmp_path):
    wrk = shutil.which("wrk")
    if wrk is None:
        if os.environ.get("VCARD_READERS_REQUIRED") == "1":  # set in CI: everything must be installed there
            pytest.fail("wrk is not installed; run scripts/install-test-deps")
        pytest.skip("wrk is not installed; run scripts/install-test-deps")
    data = tmp_path / "contacts.yaml"
    subprocess.run([sys.executable, str(GENERATE), "2000", str(data)], check=True, timeout=300)
    ids = re.findall(r"^  - id: (\S+)$", data.read_text(encoding="utf-8"), re.M)
    assert len(ids) == 2000
    paths = ["/", "/?q=%C3%A5sa", "/?lang=en", "/api/contacts?q=kommun", "/people/nope", "/contacts.vcf?q=andersson"]
    for i, contact_id in enumerate(ids[:: len(ids) // 40]):
        paths += [f"/people/{contact_id}", f"/people/{contact_id}.vcf", f"/api/contacts/{contact_id}"]
        if i % 4 == 0:
            paths.append(f"/people/{contact_id}.vcf?version=4.0&lang=en")
    script = tmp_path / "mix.lua"
    script.write_text(LUA % ", ".join(f'"{p}"' for p in paths), encoding="utf-8")
    port = free_port()
    # The server's log goes to a file: a pipe nobody reads during the run would fill and stall the server.
    log = (tmp_path / "server.log").open("w", encoding="utf-8")
    server = subprocess.Popen(
        [sys.executable, "-m", "contacts_app.cli", "serve", str(data), "--port", str(port)],
        stdout=subprocess.DEVNULL, stderr=log, text=True, cwd=tmp_path,
    )
    try:
        base = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "/api/contacts/" + ids[0], timeout=10).read()
                break
            except OSError:
                assert server.poll() is None, (tmp_path / "server.log").read_text(encoding="utf-8")
                assert time.monotonic() < deadline, "contacts serve did not start"
                time.sleep(0.2)
        for path in paths:  # warm every page once, so the run measures serving, not first builds
            try:
                urllib.request.urlopen(base + path, timeout=30).read()
            except urllib.error.HTTPError as error:
                assert error.code == 404 and path == "/people/nope", (path, error.code)
        run = subprocess.run(
            [wrk, "-t2", f"-c{CONNECTIONS}", f"-d{SECONDS}s", "--timeout", "10s", "--latency", "-s", str(script), base],
            capture_output=True, text=True, timeout=SECONDS + 120,
        )
    finally:
        server.terminate()
        server.wait(timeout=15)
        log.close()
    err = (tmp_path / "server.log").read_text(encoding="utf-8")
    out = run.stdout
    assert run.returncode == 0, run.stderr
    assert "Traceback" not in err
    print("\n" + out)
    summary = dict(re.findall(r"(\w+)=([\d.]+)", " ".join(line for line in out.splitlines() if line.startswith("LOAD"))))
    # /people/nope is a 404 by design: wrk counts it in "Non-2xx or 3xx responses", so count it apart.
    non2xx = int(re.search(r"Non-2xx or 3xx responses: (\d+)", out).group(1)) if "Non-2xx" in out else 0
    requests = int(summary["requests"])
    expected_404 = requests // len(paths)
    assert summary["connect"] == summary["read"] == summary["write"] == summary["timeout"] == "0", out
    assert abs(non2xx - expected_404) <= 2 * CONNECTIONS, out  # only the deliberate 404s, nothing else
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    print(f"load: {requests} requests in {SECONDS} s at {CONNECTIONS} connections, {rate:.0f} req/s, "
          f"p50 {float(summary['p50_ms']):.1f} ms, p99 {float(summary['p99_ms']):.1f} ms, failed 0")
    assert requests > 0
