#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Takes a screenshot of Jalons under a virtual X display, in French.
#   build-aux/screenshot.sh DATABASE OUT.png [--view participants|badges|workshop|reports]
#                           [--large-icons] [--size WxH] [--delay SECONDS]
#                           [--participant ID]
# Uses the memory GSettings backend, so your own preferences are untouched.
# Environment: JALONS_BUILDDIR (default: build), JALONS_LANGUAGE (default: fr).
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
builddir=${JALONS_BUILDDIR:-build}
case "$builddir" in /*) ;; *) builddir="$here/$builddir" ;; esac

db=${1:?usage: $0 DATABASE OUT.png [--view V] [--large-icons] [--size WxH] [--delay S]}
out=${2:?usage: $0 DATABASE OUT.png [--view V] [--large-icons] [--size WxH] [--delay S]}
shift 2
view=participants
large=()
extra=()
size=1400x900
delay=3
while [ $# -gt 0 ]; do
  case "$1" in
    --view) view=$2; shift 2 ;;
    --large-icons) large=(--large-icons); shift ;;
    --participant) extra+=(--participant "$2"); shift 2 ;;
    --size) size=$2; shift 2 ;;
    --delay) delay=$2; shift 2 ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
done
width=${size%x*}
height=${size#*x}

out=$(cd "$(dirname "$out")" && pwd)/$(basename "$out")

# The inner script runs inside the virtual display.
inner=$(mktemp)
trap 'rm -f "$inner"' EXIT
cat > "$inner" <<'INNER'
set -u
"$JLN_APP" --database "$JLN_DB" --view "$JLN_VIEW" "$@" &
pid=$!
sleep "$JLN_DELAY"
if command -v xdotool >/dev/null; then
  xdotool search --sync --onlyvisible --class jalons windowsize %@ "$JLN_W" "$JLN_H" windowmove %@ 0 0 || true
  sleep 1
fi
# Capture the Jalons window itself (no window manager runs here); fall back
# to the whole screen.
win=$(xwininfo -root -tree 2>/dev/null | awk '/"Jalons"/ { print $1; exit }')
if [ -n "$win" ]; then
  import -window "$win" "$JLN_OUT"
else
  import -window root "$JLN_OUT"
fi
status=$?
kill "$pid" 2>/dev/null
wait "$pid" 2>/dev/null
exit $status
INNER

export LANG=C.UTF-8
export LANGUAGE=${JALONS_LANGUAGE:-fr}
export GSETTINGS_SCHEMA_DIR="$builddir/data"
export GSETTINGS_BACKEND=memory
export JALONS_LOCALEDIR="$builddir/po"
export GSK_RENDERER=${GSK_RENDERER:-cairo}
export NO_AT_BRIDGE=1
export JLN_APP="$builddir/src/jalons" JLN_DB="$db" JLN_VIEW="$view" JLN_DELAY="$delay"
export JLN_OUT="$out" JLN_W="$width" JLN_H="$height"

# A screen as large as the window: the window fills it (size from GSettings
# defaults is 1100x760; a maximised window would look unlike a desktop).
xvfb-run -a -s "-screen 0 ${width}x${height}x24" \
  dbus-run-session -- bash "$inner" "${large[@]}" "${extra[@]}"
echo "$out"
