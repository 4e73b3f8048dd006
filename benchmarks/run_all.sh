#!/usr/bin/env bash
# Every benchmark, one command: validate vs. PyYAML, then the web server vs. its baselines.
# Both print their tables; RESULTS.md gets the validate results and the web section. Pass --big for 100k.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
command -v wrk >/dev/null || { echo "run_all: installing wrk (apt-get install -y wrk)" >&2; apt-get install -y wrk >/dev/null; }
python3 benchmarks/bench_validate.py "$@"
python3 benchmarks/bench_web.py "$@"
