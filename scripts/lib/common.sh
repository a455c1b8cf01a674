# Shared by scripts/run and scripts/test: idempotent set-up of a Debian 12 machine
# (as root) and an incremental build of server and web client.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD_DIR="${VP_BUILD_DIR:-$ROOT/build}"
export DEBIAN_FRONTEND=noninteractive

step() { printf '\n==> %s (%s s into the run)\n' "$*" "$SECONDS"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# Debian packages the project needs, one per line in scripts/deps/apt-packages.txt.
install_debian_packages() {
  local wanted missing=()
  mapfile -t wanted < <(grep -Ev '^\s*(#|$)' "$ROOT/scripts/deps/apt-packages.txt")
  for pkg in "${wanted[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "ok installed" || missing+=("$pkg")
  done
  if ! command -v node >/dev/null 2>&1; then missing+=(nodejs npm); fi
  if [ ${#missing[@]} -eq 0 ]; then
    echo "All Debian packages are present."
    return
  fi
  step "Installing Debian packages: ${missing[*]}"
  [ "$(id -u)" -eq 0 ] || die "installing packages needs root; run as root or install: ${missing[*]}"
  apt-get update -qq
  apt-get install -y -q --no-install-recommends "${missing[@]}"
}

# npm packages of the web client, installed only when package-lock.json changed.
install_npm_packages() {
  [ -f "$ROOT/web/package.json" ] || return 0
  local stamp="$ROOT/web/node_modules/.videopro-lock-stamp"
  if [ -f "$stamp" ] && cmp -s "$stamp" "$ROOT/web/package-lock.json"; then
    echo "npm packages are up to date."
    return
  fi
  step "Installing npm packages for web/"
  (cd "$ROOT/web" && npm ci --no-audit --no-fund --loglevel=error)
  cp "$ROOT/web/package-lock.json" "$stamp"
}

cmake_configure() {  # cmake_configure <build-dir> [extra cmake args...]
  local dir="$1"; shift
  local launcher=()
  command -v ccache >/dev/null 2>&1 && launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
  if [ ! -f "$dir/build.ninja" ]; then
    cmake -S "$ROOT" -B "$dir" -G Ninja "${launcher[@]}" "$@" >"$dir.configure.log" 2>&1 ||
      { cat "$dir.configure.log" >&2; return 1; }
  fi
}

build_server() {  # build_server [targets...] (default: everything, tests included)
  step "Building the server (incremental)"
  cmake_configure "$BUILD_DIR" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DVP_WERROR=ON
  local targets=()
  [ $# -gt 0 ] && targets=(--target "$@")
  cmake --build "$BUILD_DIR" --parallel "$(nproc)" "${targets[@]}"
}

build_web() {
  [ -f "$ROOT/web/package.json" ] || return 0
  step "Building the web client"
  (cd "$ROOT/web" && npm run --silent build)
}

setup_all() {  # setup_all [server targets...]
  step "Checking Debian packages"
  install_debian_packages
  install_npm_packages
  build_server "$@"
  build_web
}
