#!/usr/bin/env bash
# `make bench`: set up, build, install, start a throwaway cluster and run
# bench/*.sql (or only those named in BENCH="level soc …"), each followed by
# its shell drivers bench/<name>_*.sh if it has any (pgbench runs).  Each
# benchmark prints its subject, its baseline from the same run, the ratio
# and the goal.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/build.sh
source scripts/cluster.sh

echo "machine: $(uname -srm); $(nproc) cores; $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1); $(free -g | awk '/Mem:/{print $2}') GiB"
echo "date:    $(date -u +%Y-%m-%dT%H:%MZ)"
rx_cluster_start -c shared_buffers=2GB -c work_mem=1GB -c maintenance_work_mem=1GB \
  -c max_wal_size=8GB -c checkpoint_timeout=30min -c max_parallel_workers_per_gather=2
echo "server:  $(psql -X -At -c 'SHOW server_version')"

names=${BENCH:-$(ls bench/*.sql | grep -v '/lib.sql$' | xargs -n1 basename | sed 's/\.sql$//')}
for n in $names; do
  echo
  echo "== bench/$n.sql"
  psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION IF NOT EXISTS pg_trgm' \
       -c 'CREATE EXTENSION IF NOT EXISTS ltree' -c 'CREATE EXTENSION IF NOT EXISTS roleext CASCADE' >/dev/null
  psql -X -q -v ON_ERROR_STOP=1 -f "bench/$n.sql"
  for d in bench/"$n"_*.sh; do
    [ -e "$d" ] || continue
    echo
    echo "== $d"
    PGDATABASE=${PGDATABASE:-postgres} bash "$d"
  done
done
