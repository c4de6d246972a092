#!/usr/bin/env bash
# make eval-content: build, install, start a throwaway cluster, CREATE
# EXTENSION and measure content similarity against O*NET's Primary-Short
# related occupations beside two baselines (eval/content.sql).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/build.sh
PG_CONFIG=${PG_CONFIG:-pg_config}
source scripts/cluster.sh
rx_cluster_start
BIN=$("$PG_CONFIG" --bindir)
"$BIN/psql" -X -q -c "SET client_min_messages = warning" -c "CREATE EXTENSION roleext CASCADE" >/dev/null
echo "make eval-content: $(uname -m), $(nproc) cores, $(date -u +%Y-%m-%dT%H:%MZ)"
"$BIN/psql" -X -q -f eval/content.sql
