#!/usr/bin/env bash
# Install the directory into .venv (the versions in requirements/serve.lock) and serve it:
#   bash scripts/serve.sh                       # data/contacts.yaml on http://127.0.0.1:8000/
#   bash scripts/serve.sh FILE --port 8080      # any arguments of `contacts serve`
# Afterwards .venv/bin/contacts is the `contacts` command (validate, fmt, import, export, build).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
source scripts/lib.sh

ensure_venv .venv requirements/serve.lock
exec .venv/bin/contacts serve "$@"
