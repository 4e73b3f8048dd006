#!/usr/bin/env bash
# Install everything the tests need and run the whole pytest suite; extra arguments go to pytest.
#   bash scripts/test.sh            # the versions in requirements/test.lock, in .venv (what CI runs)
#   bash scripts/test.sh --latest   # the newest release of every dependency, in .venv-latest
#   bash scripts/test.sh --lowest   # each dependency at the lower bound pyproject.toml gives, in .venv-lowest
# Debian packages and npm packages come from scripts/install-test-deps (root, or sudo).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

# everything is installed above, so a missing tool fails its tests rather than skipping them
export VCARD_READERS_REQUIRED=${VCARD_READERS_REQUIRED:-1}
mode=locked
case "${1:-}" in
    --latest | --lowest) mode=${1#--}; shift ;;
esac

bash scripts/install-test-deps
case $mode in
    locked)
        ensure_venv .venv requirements/test.lock
        venv=.venv
        ;;
    latest | lowest)
        ensure_python
        venv=.venv-$mode
        rm -rf "$venv"
        python3 -m venv "$venv"
        constraints=$(mktemp)
        trap 'rm -f "$constraints"' EXIT
        if [[ $mode == lowest ]]; then
            # the package's own dependencies pinned at their lower bounds; the test tools as new as they come
            "$venv/bin/python" scripts/dependency_versions.py lower-bounds pyproject.toml > "$constraints"
        fi
        log "installing the $mode releases into $venv"
        "$venv/bin/python" -m pip install --disable-pip-version-check --quiet --upgrade pip
        "$venv/bin/python" -m pip install --disable-pip-version-check --quiet --upgrade --upgrade-strategy eager \
            --constraint "$constraints" --editable '.[test]'
        differences=$("$venv/bin/python" scripts/dependency_versions.py differences requirements/test.lock | sed 's/^/  /')
        log "versions that differ from requirements/test.lock:${differences:+$'\n'}${differences:-" none"}"
        ;;
esac

set +e
"$venv/bin/python" -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
    log "pytest collected no tests; that is a failure, not a pass"
    exit 1
fi
exit "$status"
