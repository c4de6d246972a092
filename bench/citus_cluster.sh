#!/usr/bin/env bash
# Runs bench/citus.sql on a throwaway Citus cluster (a coordinator and two
# workers of the server PG_CONFIG names, scripts/citus_cluster.sh), the
# coordinator with the settings of bench/run.sh's server.  `make bench` runs
# it after bench/citus.sql; alone: PG_CONFIG=... bash bench/citus_cluster.sh
# (TITLES=100000 for a shorter run).  Without Citus it says so and stops.
set -euo pipefail
cd "$(dirname "$0")/.."
PG_CONFIG=${PG_CONFIG:-pg_config}
export PG_CONFIG
if [ ! -f "$("$PG_CONFIG" --pkglibdir)/citus.so" ]; then
  echo "bench/citus_cluster.sh: Citus is not installed in $("$PG_CONFIG" --pkglibdir) (test/db/citus.sh builds it)"
  exit 0
fi
source scripts/citus_cluster.sh
trap rx_citus_stop EXIT
RX_CITUS_PORT=${ROLEEXT_CITUS_PORT:-55700}
rx_citus_start -c shared_buffers=1GB -c work_mem=256MB -c max_wal_size=8GB \
  -c checkpoint_timeout=30min -c max_parallel_workers_per_gather=2 >/dev/null
echo "citus:   coordinator and 2 workers on ports $RX_CITUS_PORTS, $(rx_citus_psql 0 -c "SELECT extversion FROM pg_extension WHERE extname = 'citus'")"
rx_citus_psql 0 -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION roleext CASCADE'
rx_citus_psql 0 -v titles="${TITLES:-1000000}" -f bench/citus.sql -A -F ' | ' -P footer=off
