#!/usr/bin/env bash
# `make eval`: build, install, start a throwaway cluster and run
# eval/eval.sql — soc_autocode and the plain pg_trgm approach on the
# held-out development split, clean and messy, in one run (doc/autocode.md).
# Takes minutes: the pg_trgm approach codes about 14,000 titles.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/build.sh
source scripts/cluster.sh

echo "machine: $(uname -srm); $(nproc) cores; $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1); $(free -g | awk '/Mem:/{print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date:    $(date -u +%Y-%m-%dT%H:%MZ)"
rx_cluster_start -c shared_buffers=512MB -c work_mem=256MB
echo "server:  $(psql -X -At -c 'SHOW server_version')"
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION IF NOT EXISTS pg_trgm' \
     -c 'CREATE EXTENSION IF NOT EXISTS roleext CASCADE' >/dev/null
psql -X -q -v ON_ERROR_STOP=1 -f eval/eval.sql
