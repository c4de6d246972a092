#!/usr/bin/env bash
# `make demo`: set up, build, install, start a throwaway cluster, create the
# extension, load the sample taxonomy when there is one, run the SQL tour
# (sample/tour.sql) and clean up.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/build.sh
source scripts/cluster.sh
rx_cluster_start
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION roleext CASCADE'
for f in sample/load.sql sample/hris.sql; do
  if [ -f "$f" ]; then psql -X -q -1 -v ON_ERROR_STOP=1 -f "$f" >/dev/null; fi
done
psql -X -v ON_ERROR_STOP=1 --echo-queries -f sample/tour.sql
echo
echo "demo: done; the throwaway cluster is removed."
