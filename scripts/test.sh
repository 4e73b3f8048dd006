#!/usr/bin/env bash
# Install everything the tests need (Debian packages, the package with its test extras, npm packages)
# and run the whole pytest suite. Extra arguments go to pytest. Run as root on Debian, as CI does.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

bash .ci/install-vcard-readers
bash scripts/install-browser-test-deps
bash scripts/install-load-test-deps
python3 -m pip install --quiet --disable-pip-version-check --root-user-action=ignore -e '.[test]'

set +e
python3 -m pytest "$@"
status=$?
set -e
if [ "$status" -eq 5 ]; then
    echo "scripts/test.sh: pytest collected no tests; that is a failure, not a pass" >&2
    exit 1
fi
exit "$status"
