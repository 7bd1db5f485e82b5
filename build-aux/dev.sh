#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Jalons developer entry point: the README's two commands.
#   build-aux/dev.sh run   [-- APP-ARGS…]  install what is missing, build, start on the demo database
#   build-aux/dev.sh test                  install what is missing, build, run every test headless
#   build-aux/dev.sh bench                 build, then print the benchmarks' figures
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cd "$here"
builddir=${JALONS_BUILDDIR:-build}

# Debian 12 packages needed to build, run and test.
packages=(
  build-essential meson ninja-build pkg-config gettext
  libglib2.0-dev libgtk-4-dev libadwaita-1-dev libjson-glib-dev libsqlite3-dev
  libsodium-dev librsvg2-dev libqrencode-dev libspeechd-dev
  desktop-file-utils appstream xvfb xauth dbus dbus-x11 at-spi2-core
  python3-gi gir1.2-atspi-2.0 gir1.2-gtk-4.0 libxml2-utils poppler-utils
  speech-dispatcher espeak-ng
  clang libclang-rt-14-dev
)

ensure_packages () {
  local missing=()
  for p in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$(id -u)" -eq 0 ]; then
    echo "Installing: ${missing[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
  else
    echo "Missing Debian packages. Install them with:" >&2
    echo "  sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
}

configure () {
  local werror=false
  [ "${1:-}" = strict ] && werror=true
  if [ ! -f "$builddir/build.ninja" ]; then
    meson setup "$builddir" -Dwerror=$werror
  elif [ $werror = true ]; then
    # Tests always build with warnings as errors; running keeps whatever
    # the folder has, so switching between the two does not rebuild it all.
    meson configure "$builddir" -Dwerror=true >/dev/null
  fi
  ninja -C "$builddir"
}

# The differential test (tests/differential) compares with jsonld.js: node
# (Debian's nodejs unless one is installed) and the pinned npm packages.
ensure_node_modules () {
  if ! command -v node >/dev/null && ! command -v nodejs >/dev/null; then
    local packages=(nodejs npm)
    ensure_packages
  fi
  npm ci --prefix tests/differential --prefer-offline --no-audit --no-fund --loglevel=error
}

uninstalled_env () {
  export GSETTINGS_SCHEMA_DIR="$here/$builddir/data"
  export JALONS_LOCALEDIR="$here/$builddir/po"
}

cmd=${1:-run}
shift || true
case "$cmd" in
  run)
    ensure_packages
    configure
    uninstalled_env
    db=${JALONS_DATABASE:-$here/$builddir/demo/jalons-demo.db}
    if [ ! -f "$db" ]; then
      mkdir -p "$(dirname "$db")"
      echo "Creating the demo database: $db"
      "$builddir/src/jalons-cli" demo --with-accounts --database "$db"
    fi
    # The demo is in French unless the caller chose a language.
    export LANG=${LANG:-C.UTF-8}
    [ "$LANG" = C ] && export LANG=C.UTF-8
    export LANGUAGE=${LANGUAGE:-fr}
    [ "${1:-}" = "--" ] && shift
    exec "$builddir/src/jalons" --database "$db" "$@"
    ;;
  test)
    ensure_packages
    ensure_node_modules
    configure strict
    build-aux/headless.sh meson test -C "$builddir" --print-errorlogs --num-processes 2 "$@"
    # Then under clang with ASan+UBSan, and each fuzzer for a minute
    # (build-aux/sanitize.sh): evaluation-order and memory bugs that gcc
    # lets pass fail here. JALONS_SANITIZERS=0 skips them for a quick run.
    if [ "${JALONS_SANITIZERS:-1}" != 0 ]; then
      build-aux/sanitize.sh asan "$@"
      [ $# -gt 0 ] || build-aux/sanitize.sh fuzz 60
    fi
    ;;
  bench)
    ensure_packages
    configure
    uninstalled_env
    build-aux/headless.sh meson test -C "$builddir" --benchmark --verbose "$@"
    ;;
  *)
    echo "usage: $0 run|test|bench" >&2
    exit 2
    ;;
esac
