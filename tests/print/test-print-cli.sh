#!/bin/sh
# test-print-cli.sh CERCLE: cercle --export-badges and --export-sheet
#
# Copyright 2026 The Cercle developers
#
# SPDX-License-Identifier: GPL-3.0-or-later

cercle="$1"
dir=$(mktemp -d)
trap 'chmod -R u+w "$dir"; rm -rf "$dir"' EXIT
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

pages () {
  pdfinfo "$1" 2>/dev/null | sed -n 's/^Pages: *//p'
}

# one line on stderr, a failure status, and nothing new in the folder
refused () {
  status=$1
  test "$status" -ne 0 && test "$(wc -l < "$dir/err")" -eq 1 &&
    test "$(ls "$dir/out")" = ""
}

echo "1..18"

"$cercle" --create-demo "$dir/club.db" --demo-members 150 2>"$dir/err"
check $? "a demo club to print from"

# the event with the most people coming
event=$(sqlite3 "$dir/club.db" "SELECT event_id FROM registration WHERE deleted = 0 AND response = 'yes'
                                GROUP BY event_id ORDER BY count(*) DESC LIMIT 1")
coming=$(sqlite3 "$dir/club.db" "SELECT count(*) FROM registration r LEFT JOIN member m ON m.id = r.member_id
                                 WHERE r.event_id = '$event' AND r.deleted = 0 AND r.response = 'yes'
                                 AND (r.member_id IS NULL OR m.deleted = 0)")
mkdir "$dir/out"

"$cercle" --database "$dir/club.db" --export-badges "$event" --output "$dir/out/badges.pdf" 2>"$dir/err"
check $? "--export-badges writes a PDF ($(cat "$dir/err"))"

got=$(pages "$dir/out/badges.pdf")
test "$got" = $(( (coming + 7) / 8 )) && test ! -s "$dir/err"
check $? "a4-8: $coming badges on $got pages, nothing printed"

"$cercle" --database "$dir/club.db" --export-badges "$event" --output "$dir/out/a6.pdf" --layout a6 &&
  test "$(pages "$dir/out/a6.pdf")" = "$coming"
check $? "--layout a6: one page per badge"

"$cercle" --database "$dir/club.db" --export-badges "$event" --output "$dir/out/card.pdf" --layout=card &&
  test "$(pages "$dir/out/card.pdf")" = "$coming"
check $? "--layout=card: one card per page"

"$cercle" --database "$dir/club.db" --export-sheet "$event" --output "$dir/out/sheet.pdf" 2>"$dir/err" &&
  pdftotext "$dir/out/sheet.pdf" - | grep -q "$coming registrants"
check $? "--export-sheet writes the sign-in sheet with its count ($(cat "$dir/err"))"

"$cercle" --database "$dir/club.db" --export-sheet "$event" --output "$dir/out/attendance.pdf" --attendance &&
  pdftotext "$dir/out/attendance.pdf" - | grep -q "Attendance"
check $? "--attendance writes the attendance list"

test "$(ls -A "$dir/out" | grep -c '\.part$')" -eq 0
check $? "no temporary file is left"

rm -f "$dir/out"/*

"$cercle" --database "$dir/club.db" --export-badges no-such-event --output "$dir/out/x.pdf" 2>"$dir/err"
refused $?
check $? "a bad event id is refused in one sentence: $(cat "$dir/err")"

"$cercle" --database "$dir/none.db" --export-badges "$event" --output "$dir/out/x.pdf" 2>"$dir/err"
refused $? && test ! -e "$dir/none.db"
check $? "a missing database is refused, and not made: $(cat "$dir/err")"

"$cercle" --database "$dir/club.db" --export-badges "$event" --output "$dir/out/no/such/x.pdf" 2>"$dir/err"
refused $?
check $? "a path in a missing folder is refused: $(cat "$dir/err")"

"$cercle" --database "$dir/club.db" --export-badges "$event" --output "$dir/out" 2>"$dir/err"
refused $?
check $? "a folder as output is refused, and nothing left in it: $(cat "$dir/err")"

if [ "$(id -u)" = 0 ]; then
  # root writes in any folder, but nobody makes files in /proc
  "$cercle" --database "$dir/club.db" --export-badges "$event" --output /proc/cercle-badges.pdf \
    2>"$dir/err"
  status=$?
  test $status -ne 0 && test "$(wc -l < "$dir/err")" -eq 1 && test ! -e /proc/cercle-badges.pdf
  check $? "an unwritable folder is refused: $(cat "$dir/err")"
else
  mkdir "$dir/out/locked" && chmod 0555 "$dir/out/locked"
  "$cercle" --database "$dir/club.db" --export-badges "$event" --output "$dir/out/locked/x.pdf" 2>"$dir/err"
  status=$?
  test $status -ne 0 && test "$(wc -l < "$dir/err")" -eq 1 && test "$(ls -A "$dir/out/locked")" = ""
  check $? "a read-only folder is refused, and left empty: $(cat "$dir/err")"
  chmod 0755 "$dir/out/locked" && rmdir "$dir/out/locked"
fi

# a pipe (or a device) with the name is not replaced by a file
mkfifo "$dir/fifo"
"$cercle" --database "$dir/club.db" --export-badges "$event" --output "$dir/fifo" 2>"$dir/err"
status=$?
test $status -ne 0 && test -p "$dir/fifo" && test "$(ls -A "$dir" | grep -c part)" -eq 0
check $? "a pipe at the output path is left alone: $(cat "$dir/err")"
rm -f "$dir/fifo"

"$cercle" --database "$dir/club.db" --export-badges "$event" --output "$dir/out/x.pdf" --layout a5 2>"$dir/err"
refused $?
check $? "an unknown layout is refused: $(cat "$dir/err")"

"$cercle" --database "$dir/club.db" --export-badges "$event" 2>"$dir/err"
refused $?
check $? "--output is required: $(cat "$dir/err")"

"$cercle" --database "$dir/club.db" --export-sheet "$event" --output "$dir/out/x.pdf" --layout a6 2>"$dir/err"
refused $?
check $? "--layout is refused with --export-sheet: $(cat "$dir/err")"

localedir="${CERCLE_LOCALEDIR:-$CERCLE_BUILD_DIR/po}"
if locale -a 2>/dev/null | grep -qi '^fr_FR\.utf-\?8$' && [ -f "$localedir/fr/LC_MESSAGES/cercle.mo" ]; then
  CERCLE_LOCALEDIR="$localedir" LANGUAGE=fr LC_ALL=fr_FR.UTF-8 "$cercle" --database "$dir/club.db" --export-badges no-such-event \
    --output "$dir/out/x.pdf" 2>"$dir/err"
  test $? -ne 0 && grep -q "Il n’y a pas d’événement" "$dir/err"
  check $? "the sentence is in French for French users: $(cat "$dir/err")"
else
  echo "ok $((n = n + 1)) # SKIP no fr_FR.UTF-8 locale or no build-tree translations"
fi

exit $failed
