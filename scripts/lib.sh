# Shared by scripts/serve.sh and scripts/test.sh (sourced, not run): Debian packages and the project's
# virtual environment. Works as root and as a normal user (apt-get through sudo, or a clear message).

log() { printf '%s: %s\n' "${0##*/}" "$*" >&2; }
die() { log "error: $*"; exit 1; }

# Run a command as root: directly when root, else through sudo; or stop and say what to run.
as_root() {
    if [[ $(id -u) -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        log "asking sudo to run: $*"
        sudo "$@"
    else
        die "this needs root and there is no sudo; ask an administrator to run: $*"
    fi
}

deb_installed() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q '^install ok installed$'; }

# Install the Debian packages given that are not installed yet, in one apt-get call. Package lists are
# refreshed first when apt does not know a package (a new machine has empty lists) or the install fails.
apt_install_missing() {
    local missing=() pkg
    for pkg in "$@"; do deb_installed "$pkg" || missing+=("$pkg"); done
    ((${#missing[@]})) || return 0
    command -v apt-get >/dev/null 2>&1 || die "not a Debian system: install these yourself: ${missing[*]}"
    local known=1
    for pkg in "${missing[@]}"; do apt-cache show "$pkg" >/dev/null 2>&1 || known=0; done
    if ((!known)); then
        log "apt-get update"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    fi
    log "apt-get install ${missing[*]}"
    if ! as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null; then
        log "install failed; retrying after apt-get update"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
    fi
}

# A python3 (3.11 or later) that can make virtual environments with pip: Debian splits venv and
# ensurepip's wheels into python3-venv, which a new machine often lacks.
ensure_python() {
    local ok='import sys, venv, ensurepip; sys.exit(sys.version_info < (3, 11) or not ensurepip.version())'
    if ! command -v python3 >/dev/null 2>&1 || ! python3 -c "$ok" >/dev/null 2>&1; then
        apt_install_missing python3 python3-venv
    fi
    python3 -c "$ok" >/dev/null 2>&1 ||
        die "$(command -v python3 || echo python3) must be Python 3.11 or later with the venv module (Debian: python3-venv)"
}

# Make (or bring up to date) the virtual environment DIR with exactly the versions in LOCK, then the
# checkout itself, editable, so the code and data of this folder are what runs. Skipped when DIR was
# made from the same lock file and pyproject.toml already.
ensure_venv() {
    local dir=$1 lock=$2
    local stamp="$dir/.installed-from" want
    want="$(cat "$lock" pyproject.toml | sha256sum | cut -d' ' -f1) $lock"
    if [[ -x $dir/bin/python && -f $stamp && $(cat "$stamp") == "$want" ]]; then
        return 0
    fi
    ensure_python
    [[ -x $dir/bin/python ]] || { log "python3 -m venv $dir"; python3 -m venv "$dir"; }
    local pip=("$dir/bin/python" -m pip --disable-pip-version-check --quiet)
    log "installing the versions in $lock into $dir"
    "${pip[@]}" install --require-hashes --no-deps -r "$lock"
    "${pip[@]}" install --no-deps --no-build-isolation --editable .
    printf '%s' "$want" > "$stamp"
}
