#!/bin/sh
# test-ics-cli.sh CERCLE: the iCalendar command lines of cercle
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

echo "1..11"

"$cercle" --create-demo "$dir/club.db" --demo-members 40 2>"$dir/err"
check $? "a demo club to work on"

visible=$(sqlite3 "$dir/club.db" "SELECT count(*) FROM event WHERE deleted = 0")
"$cercle" --database "$dir/club.db" --export-ics "$dir/season.ics" 2>"$dir/err"
status=$?
exported=$(grep -c '^BEGIN:VEVENT' "$dir/season.ics")
test $status = 0 && test "$exported" = "$visible" && test ! -s "$dir/err"
check $? "--export-ics writes every event ($exported of $visible, status $status)"

grep -q '^BEGIN:VTIMEZONE' "$dir/season.ics" && grep -q '^DTSTART;TZID=Europe/Paris:' "$dir/season.ics" &&
  grep -q '^CONFERENCE;VALUE=URI;FEATURE=VIDEO:' "$dir/season.ics" && grep -q '^ORGANIZER;CN=' "$dir/season.ics"
check $? "the file has the zone, wall-clock times, video links and organizers"

event=$(sqlite3 "$dir/club.db" "SELECT id FROM event WHERE kind = 'dinner' ORDER BY starts_epoch LIMIT 1")
"$cercle" --database "$dir/club.db" --export-ics "$dir/one.ics" --event "$event" 2>"$dir/err"
test $? = 0 && test "$(grep -c '^BEGIN:VEVENT' "$dir/one.ics")" = 1 && grep -q "^UID:$event" "$dir/one.ics"
check $? "--event exports that event alone, its id as UID"

"$cercle" --database "$dir/club.db" --export-ics "$dir/none.ics" --event no-such-event 2>"$dir/err"
status=$?
test $status -ne 0 && test ! -e "$dir/none.ics" && test "$(wc -l < "$dir/err")" -eq 1
check $? "an unknown event is one sentence (status $status: $(cat "$dir/err"))"

# Into a second club (a demo of another size, its own ids): the events
# come in once, and a second import updates them rather than doubling them
"$cercle" --create-demo "$dir/other.db" --demo-members 5 2>/dev/null
before=$(sqlite3 "$dir/other.db" "SELECT count(*) FROM event")
"$cercle" --database "$dir/other.db" --import-ics "$dir/season.ics" >"$dir/out" 2>"$dir/err" &&
  "$cercle" --database "$dir/other.db" --import-ics "$dir/season.ics" >>"$dir/out" 2>>"$dir/err"
status=$?
after=$(sqlite3 "$dir/other.db" "SELECT count(*) FROM event")
test $status = 0 && test "$after" = "$((before + exported))" && grep -q "Imported $exported events" "$dir/out"
check $? "--import-ics twice adds the events once, by UID ($before → $after, status $status: $(cat "$dir/out" "$dir/err" | tr "\n" " "))"

sqlite3 "$dir/other.db" "SELECT starts_at FROM event WHERE id = '$event'" | grep -q 'Z$'
check $? "imported times are stored in UTC"

# A broken file: named line, nothing changed
sed 's/^DTSTART;TZID=Europe\/Paris:2026/DTSTART;TZID=Europe\/Paris:20X6/' "$dir/season.ics" > "$dir/broken.ics"
line=$(grep -n '^DTSTART;TZID=Europe/Paris:20X6' "$dir/broken.ics" | head -1 | cut -d: -f1)
sum_before=$(sqlite3 "$dir/club.db" "SELECT group_concat (starts_at || title) FROM event")
outbox_before=$(sqlite3 "$dir/club.db" "SELECT count(*) FROM outbox")
"$cercle" --database "$dir/club.db" --import-ics "$dir/broken.ics" 2>"$dir/err"
status=$?
test $status -ne 0 && grep -q "Line $line:" "$dir/err" && test "$(wc -l < "$dir/err")" -eq 1
check $? "a broken file is refused naming line $line (status $status: $(cat "$dir/err"))"

test "$sum_before" = "$(sqlite3 "$dir/club.db" "SELECT group_concat (starts_at || title) FROM event")" &&
  test "$outbox_before" = "$(sqlite3 "$dir/club.db" "SELECT count(*) FROM outbox")"
check $? "and nothing of the club changed"

"$cercle" --database "$dir/club.db" --import-ics "$dir/missing.ics" 2>"$dir/err"
status=$?
test $status -ne 0 && test "$(wc -l < "$dir/err")" -eq 1
check $? "a missing file is one sentence (status $status: $(cat "$dir/err"))"

"$cercle" --import-ics "$dir/season.ics" 2>"$dir/err"
status=$?
test $status -ne 0 && grep -q -- "--database" "$dir/err"
check $? "without --database, it says so (status $status: $(cat "$dir/err"))"

exit $failed
