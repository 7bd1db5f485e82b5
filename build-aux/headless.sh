#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Runs a command headless: a private D-Bus session bus and a virtual X display.
#   build-aux/headless.sh COMMAND [ARGS…]
# dev.sh (test, bench) and sanitize.sh run the suites through here.
#
# -noreset: by default an X server resets when its last client disconnects,
# and refuses connections while it does. Between two tests running in
# parallel there are moments with no client, so a test starting then failed
# with "cannot open display" (seen in CI under ASan, where start-up is slow).
set -euo pipefail
exec dbus-run-session -- xvfb-run -a -s '-screen 0 1600x1000x24 -noreset' "$@"
