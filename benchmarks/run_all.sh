#!/usr/bin/env bash
# Every benchmark, one command: validate vs. PyYAML, the web server vs. its baselines, the address books vs. a 2-card book.
# Each prints its tables; RESULTS.md gets the validate results, the web and the CardDAV sections. --big: 100k.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh
apt_install_missing wrk
# the locked versions, in the project's .venv (made as `bash scripts/test.sh` makes it)
ensure_venv .venv requirements/test.lock
export PATH="$PWD/.venv/bin:$PATH"  # the benchmarks time the `contacts` command of this venv
python benchmarks/bench_validate.py "$@"
python benchmarks/bench_fmt.py || echo "bench_fmt: a target was missed (see the table above)" >&2
python benchmarks/bench_import.py
python benchmarks/bench_web.py "$@"
python benchmarks/bench_search.py
python benchmarks/bench_carddav.py
python benchmarks/bench_hardening.py
python benchmarks/bench_build.py "$@"
