#!/bin/sh
# anju-server links core and the wire protocol, never the desk's sync
# client: no function that libanju-sync defines may be in the executable.
# usage: check-server-links.sh ANJU-SERVER LIBANJU-SYNC.a
set -eu
server=$1
desk=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

nm --defined-only "$desk" | awk 'NF == 3 && $2 ~ /^[TDRB]$/ { print $3 }' | sort -u > "$tmp/desk"
nm --defined-only "$server" | awk 'NF == 3 { print $3 }' | sort -u > "$tmp/server"
if [ ! -s "$tmp/desk" ]; then
  echo "read no symbols from $desk" >&2
  exit 1
fi
comm -12 "$tmp/desk" "$tmp/server" > "$tmp/both"
if [ -s "$tmp/both" ]; then
  echo "anju-server links the desk sync client; from $(basename "$desk"):" >&2
  sed 's/^/  /' "$tmp/both" >&2
  exit 1
fi
echo "anju-server holds none of the $(wc -l < "$tmp/desk") symbols of $(basename "$desk")"
