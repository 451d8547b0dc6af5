#!/bin/sh
#
# build-aux/render-icons.sh
#
# Copyright 2026 The Cercle developers
#
# SPDX-License-Identifier: GPL-3.0-or-later
#
# render-icons.sh RSVG_CONVERT SVG NAME OUTDIR SIZE...
#
# Renders SVG into OUTDIR/SIZExSIZE/apps/NAME.png for each SIZE: the PNG
# sizes of the hicolor theme, for desktops and tools that do not read SVG.
# meson installs OUTDIR as share/icons/hicolor.

set -eu

rsvg_convert="$1"
svg="$2"
name="$3"
outdir="$4"
shift 4

rm -rf "$outdir"
for size in "$@"; do
  mkdir -p "$outdir/${size}x${size}/apps"
  "$rsvg_convert" --width="$size" --height="$size" --keep-aspect-ratio \
    --output="$outdir/${size}x${size}/apps/$name.png" "$svg"
done
