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

echo "1..20"

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

"$cercle" --create-demo "" 2>"$dir/err"
status=$?
test $status -ne 0 && grep -q "create-demo needs the name" "$dir/err" && test "$(wc -l < "$dir/err")" -eq 1
check $? "--create-demo with an empty name says so (status $status: $(cat "$dir/err"))"

# kill -9 at several moments: the final path holds nothing or a whole club
whole=0
for delay in 0.05 0.2 0.4 0.8 1.5; do
  rm -f "$dir/killed.db"
  "$cercle" --create-demo "$dir/killed.db" --demo-members 30000 2>/dev/null &
  pid=$!
  sleep "$delay"
  kill -9 "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if [ -e "$dir/killed.db" ]; then
    members=$(sqlite3 "$dir/killed.db" "SELECT count(*) FROM member WHERE deleted = 0" 2>/dev/null)
    events=$(sqlite3 "$dir/killed.db" "SELECT count(*) FROM event" 2>/dev/null)
    if [ "$members" != 30000 ] || [ "${events:-0}" -eq 0 ]; then
      whole=1
      echo "# after kill -9 at $delay s: $members members, $events events" >&2
    fi
  fi
done
check $whole "a killed --create-demo leaves no club or a whole one"

"$cercle" --create-demo "$dir/killed.db" --demo-members 30 2>"$dir/err" || test -e "$dir/killed.db"
check $? "creating the club again after a kill works (or finds the whole club made)"

leftovers=$(ls -A "$dir" | grep -c "cercle-tmp" || true)
test "$leftovers" -eq 0
check $? "no half-built file is left behind ($leftovers found)"

# Two creators at once: one makes the club, the other is refused, and
# the club is whole
rm -f "$dir/race.db"
"$cercle" --create-demo "$dir/race.db" --demo-members 2000 2>"$dir/err-a" &
a=$!
"$cercle" --create-demo "$dir/race.db" --demo-members 2000 2>"$dir/err-b" &
b=$!
wait $a; status_a=$?
wait $b; status_b=$?
members=$(sqlite3 "$dir/race.db" "SELECT count(*) FROM member WHERE deleted = 0" 2>/dev/null)
if [ $status_a -eq 0 ]; then loser="$dir/err-b"; loser_status=$status_b; else loser="$dir/err-a"; loser_status=$status_a; fi
test $((status_a == 0)) -ne $((status_b == 0)) && test "$members" = 2000 && test $loser_status -ne 0 && test -s "$loser"
check $? "two creators at once: one club, one refusal (statuses $status_a $status_b, $members members)"

# A file that appears while the demo is being made is not removed
rm -f "$dir/taken.db"
"$cercle" --create-demo "$dir/taken.db" --demo-members 30000 2>"$dir/err" &
pid=$!
sleep 0.3
echo "mon fichier" > "$dir/taken.db"
wait $pid
status=$?
test $status -ne 0 && test "$(cat "$dir/taken.db")" = "mon fichier"
check $? "a file made meanwhile by someone else is left alone (status $status)"


# Members to and from a spreadsheet
"$cercle" --database "$dir/club.db" --export-members "$dir/members.csv" 2>"$dir/err"
check $? "--export-members writes a CSV file ($(cat "$dir/err"))"

lines=$(grep -c '' "$dir/members.csv")
test "$lines" -ge 31
check $? "the export has a header and a line per member ($lines lines)"

before=$(cksum < "$dir/club.db")
"$cercle" --database "$dir/club.db" --import-members "$dir/members.csv" --dry-run >"$dir/out" 2>"$dir/err"
status=$?
test $status -eq 0 && grep -q "Would add 0, update 0, leave 30 unchanged; 0 rejected" "$dir/out"
check $? "re-importing the export would add nobody (status $status: $(cat "$dir/out" "$dir/err"))"

printf 'Nom;Prénom;E-mail\nNeuf;Nadia;nadia@neuf.fr\nFaux;Fabien;pas une adresse\n' > "$dir/bad.csv"
"$cercle" --database "$dir/club.db" --import-members "$dir/bad.csv" >"$dir/out" 2>"$dir/err"
status=$?
test $status -ne 0 && grep -q "^Line 3: " "$dir/err"
check $? "a bad row is named with its line and the import fails (status $status: $(cat "$dir/err"))"

test "$before" = "$(cksum < "$dir/club.db")"
check $? "a dry run and a failed import leave the club as it was"

head -c 4096 /dev/urandom > "$dir/random.csv"
printf '\0' >> "$dir/random.csv"
"$cercle" --database "$dir/club.db" --import-members "$dir/random.csv" 2>"$dir/err"
status=$?
test $status -ne 0 && test "$(wc -l < "$dir/err")" -eq 1
check $? "a binary file is refused in one sentence (status $status: $(cat "$dir/err"))"

exit $failed
