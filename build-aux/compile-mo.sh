#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
#
# compile-mo.sh MSGFMT INPUT.po OUTPUT.mo STAMP
#
# Compiles a catalogue into a build-tree locale directory (meson outputs
# cannot live in subdirectories), so the uninstalled app can bindtextdomain()
# to it, then touches STAMP for meson.

set -eu

msgfmt=$1
input=$2
output=$3
stamp=$4

mkdir -p "$(dirname "$output")"
"$msgfmt" --check -o "$output.tmp" "$input"
mv "$output.tmp" "$output"
touch "$stamp"
