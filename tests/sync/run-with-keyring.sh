#!/bin/sh
#
# run-with-keyring.sh
#
# Copyright 2026 The Cercle developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs a test in a session bus of its own with an unlocked login keyring,
# as at a desktop login, so that libsecret stores into its default
# collection without a prompt:
#
#   run-with-keyring.sh TEST [ARGS...]

if [ -z "$CERCLE_KEYRING_NESTED" ]; then
  if ! command -v gnome-keyring-daemon >/dev/null || ! command -v dbus-run-session >/dev/null; then
    echo "1..0 # SKIP gnome-keyring-daemon or dbus-run-session is missing"
    exit 0
  fi
  # No accessibility bus of its own: its launcher would take the socket
  # and the root window property the suite's display already has, and
  # take them away when it quits, leaving the tests after it with no
  # accessibility bus to reach
  GTK_A11Y=none CERCLE_KEYRING_NESTED=1 exec dbus-run-session -- "$0" "$@"
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export XDG_DATA_HOME="$tmp/data" XDG_RUNTIME_DIR="$tmp/runtime"
mkdir -p "$XDG_DATA_HOME" "$XDG_RUNTIME_DIR"
chmod 700 "$XDG_RUNTIME_DIR"
printf 'cercle-tests' | gnome-keyring-daemon --login >/dev/null 2>&1
eval "$(gnome-keyring-daemon --start --components=secrets 2>/dev/null)"
export GNOME_KEYRING_CONTROL CERCLE_TEST_KEYRING=1
"$@"
