#!/usr/bin/env bash
# SQLsmith, short and with a fixed seed: 0 backend crashes (scripts/sqlsmith.sh;
# make reliability runs it for an hour).  Its output is kept only on failure.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(mktemp -d /tmp/roleext-sqlsmith-check.XXXXXX)
if SQLSMITH_OUT=$out bash scripts/sqlsmith.sh "${ROLEEXT_SQLSMITH_SECONDS:-40}" 1 \
     | sed 's/^sqlsmith: \(queries sent\|backends terminated\)/report: sqlsmith: \1/'; then
  rm -rf "$out"
else
  echo "(kept in $out)"; exit 1
fi
