#!/usr/bin/env bash
# `make eval`: build, install, start a throwaway cluster and run
# eval/eval.sql — soc_autocode and the plain pg_trgm approach on the
# held-out development split, clean, messy and in six title styles, in one
# run (doc/autocode.md).  The variants of the titles are written by the C
# evaluation (eval_autocode --dump-slices), so SQL and C code the same ones.
# Takes minutes: the pg_trgm approach codes about 30,000 titles.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/build.sh
source scripts/cluster.sh

make -s eval/eval_autocode
SLICES=$(mktemp /tmp/roleext-slices.XXXXXX.csv)
trap 'rm -f "$SLICES"' EXIT
eval/eval_autocode --data data --dump-slices "$SLICES"
chmod 644 "$SLICES"   # read by the server (COPY)

echo "machine: $(uname -srm); $(nproc) cores; $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1); $(free -g | awk '/Mem:/{print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date:    $(date -u +%Y-%m-%dT%H:%MZ)"
rx_cluster_start -c shared_buffers=512MB -c work_mem=256MB
trap 'rm -f "$SLICES"; rx_cluster_stop' EXIT
echo "server:  $(psql -X -At -c 'SHOW server_version')"
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION IF NOT EXISTS pg_trgm' \
     -c 'CREATE EXTENSION IF NOT EXISTS roleext CASCADE' >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -v slices="$SLICES" -f eval/eval.sql
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
