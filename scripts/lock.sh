#!/usr/bin/env bash
# Refresh the lock files in requirements/ from pyproject.toml: exact versions with hashes of every
# file PyPI has for them, resolved for Python 3.11 and later on any platform (uv's universal mode).
#   bash scripts/lock.sh            # re-resolve against today's PyPI, keeping pins where still allowed
#   bash scripts/lock.sh --upgrade  # move every pin to the newest release the ranges allow
# Then run `bash scripts/test.sh` and commit requirements/ with the change that needed it.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

# uv resolves for every platform at once and writes hashes; it is pinned like everything else.
UV_VERSION=0.13.9
tools=.venv-tools
if [[ ! -x $tools/bin/uv ]] || [[ $("$tools/bin/uv" --version | cut -d' ' -f2) != "$UV_VERSION" ]]; then
    python3 -m venv "$tools"
    "$tools/bin/python" -m pip install --quiet --disable-pip-version-check "uv==$UV_VERSION"
fi

compile() {
    "$tools/bin/uv" pip compile --quiet --universal --python-version 3.11 --generate-hashes \
        --no-header --annotation-style line "$@"
}
header() {
    printf '# %s\n# Written by scripts/lock.sh from pyproject.toml: do not edit by hand; run bash scripts/lock.sh.\n' "$1"
}

# hatchling is in both: the checkout is installed without build isolation, from these files alone.
{ header "What the tests install: the package, its test and carddav extras and its build backend."
  compile "$@" pyproject.toml --extra test --extra carddav requirements/build.in; } > requirements/test.lock.new
# The serving lock takes its pins from the test lock, so both install the same versions.
{ header "What \`bash scripts/serve.sh\` installs: the package, its carddav extra and its build backend."
  compile "$@" pyproject.toml --extra carddav requirements/build.in --constraint requirements/test.lock.new; } > requirements/serve.lock.new
mv requirements/test.lock.new requirements/test.lock
mv requirements/serve.lock.new requirements/serve.lock
echo "scripts/lock.sh: wrote requirements/test.lock ($(grep -c '==' requirements/test.lock) pins) and requirements/serve.lock ($(grep -c '==' requirements/serve.lock) pins)" >&2
