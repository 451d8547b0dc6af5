#!/bin/sh
# test-cli.sh CERCLE: the display-less command-line modes of cercle
#
# Copyright 2026 The Cercle developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

cercle="$1"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
n=0
failed=0

# No display at all: these modes run before GTK starts.
unset DISPLAY WAYLAND_DISPLAY

check () {
  n=$((n + 1))
  if [ "$1" = 0 ]; then
    echo "ok $n - $2"
  else
    echo "not ok $n - $2"
    failed=1
  fi
}

echo "1..8"

"$cercle" --create-demo "$dir/club.db" --demo-members 30 2>"$dir/err"
check $? "--create-demo writes a club without a display"

test -s "$dir/club.db" && test ! -s "$dir/err"
check $? "the club file exists and nothing was printed"

members=$(sqlite3 "$dir/club.db" "SELECT count(*) FROM member WHERE deleted = 0")
test "$members" = 30
check $? "--demo-members 30 makes 30 members (found $members)"

before=$(cksum < "$dir/club.db")
"$cercle" --create-demo "$dir/club.db" 2>"$dir/err"
status=$?
test $status -ne 0 && grep -q "already exists" "$dir/err" && test "$(wc -l < "$dir/err")" -eq 1
check $? "an existing file is refused in one sentence (status $status: $(cat "$dir/err"))"

test "$before" = "$(cksum < "$dir/club.db")"
check $? "the existing file is left as it was"

"$cercle" --create-demo "$dir/other.db" --demo-members 0 2>"$dir/err"
status=$?
test $status -ne 0 && test ! -e "$dir/other.db" && test -s "$dir/err"
check $? "--demo-members 0 is refused (status $status: $(cat "$dir/err"))"

"$cercle" --create-demo "$dir/no/such/dir/club.db" 2>"$dir/err"
status=$?
test $status -ne 0 && test -s "$dir/err"
check $? "an unwritable path is refused (status $status: $(cat "$dir/err"))"

"$cercle" --demo-members 5 2>"$dir/err"
status=$?
test $status -ne 0 && test -s "$dir/err"
check $? "--demo-members alone is refused (status $status: $(cat "$dir/err"))"

exit $failed
