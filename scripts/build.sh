#!/usr/bin/env bash
# Source this file: deps, build and install roleext for $PG_CONFIG.
# Shared by test/run.sh, scripts/demo.sh and bench/run.sh.
set -euo pipefail
PG_CONFIG=${PG_CONFIG:-pg_config}
export PG_CONFIG
bash scripts/deps.sh
make -s PG_CONFIG="$PG_CONFIG" all >/dev/null
if [ -w "$("$PG_CONFIG" --pkglibdir)" ]; then
  make -s PG_CONFIG="$PG_CONFIG" install >/dev/null
else
  sudo make -s PG_CONFIG="$PG_CONFIG" install >/dev/null
fi
