#!/bin/sh
#
# tests/fuzz/run-fuzz.sh
#
# Copyright 2026 The Cercle developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# Runs one libFuzzer target on its seed corpus for a while:
#
#   run-fuzz.sh FUZZER SEED_DIR WORK_DIR
#
# New inputs it finds go to WORK_DIR, which it keeps between runs, and so
# does any input that crashes it (WORK_DIR/crash-…). The seeds are never
# written to. $CERCLE_FUZZ_SECONDS says how long (15 s by default: the test
# suite's short run; an hour or a night finds more).

set -eu

fuzzer=$1
seeds=$2
work=$3
seconds=${CERCLE_FUZZ_SECONDS:-15}

mkdir -p "$work/corpus"

# libFuzzer exits 77 on a crash by default, which meson reads as a
# skip: a crash must fail the test
ASAN_OPTIONS="${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}" \
UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}" \
G_SLICE=always-malloc \
exec "$fuzzer" \
  -max_total_time="$seconds" \
  -timeout=10 \
  -rss_limit_mb=2048 \
  -max_len=65536 \
  -print_final_stats=1 \
  -error_exitcode=1 \
  -artifact_prefix="$work/" \
  "$work/corpus" "$seeds"
