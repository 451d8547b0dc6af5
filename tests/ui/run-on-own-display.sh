#!/bin/sh
#
# run-on-own-display.sh
#
# Copyright 2026 The Cercle developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs an end-to-end test on an X display and a session bus (with its
# accessibility bus) of its own, whatever session the suite runs in:
# typed keys and clicks reach its own app only, so that the UI tests can
# run side by side.
#
#   run-on-own-display.sh PYTHON SCRIPT [ARGS...]

for tool in xvfb-run dbus-run-session; do
  if ! command -v "$tool" >/dev/null; then
    echo "1..0 # SKIP $tool is missing"
    exit 0
  fi
done

# Tests started at the same moment look for a free display from places
# apart, rather than all from 99, where they would race for the same one
first=$((100 + $$ % 800))

CERCLE_E2E_NESTED=1 exec xvfb-run -a -n "$first" -s '-screen 0 1280x800x24' dbus-run-session -- "$@"
