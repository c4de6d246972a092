#!/usr/bin/env bash
# `make eval-resolve`: build, install, start a throwaway cluster and run
# eval/resolve_run.sh -- resolve_title on the SOC-derived taxonomy (867
# roles, aliases from the training split) against the nearest pg_trgm alias
# and soc_autocode, on the same held-out titles and style slices in one
# run, then the sample HRIS table (doc/titles.md, "Measuring
# resolve_title").  6-8 minutes on 2 cores with the default 1,500 titles
# a slice (EVAL_RESOLVE_TITLES), nearly all of it the pg_trgm baseline
# (about 60 titles a second; resolve_title codes thousands since 1.6.0);
# EVAL_RESOLVE_TITLES=25 is a quick look (20 s).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/build.sh
source scripts/cluster.sh

echo "machine: $(uname -srm); $(nproc) cores; $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1); $(free -g | awk '/Mem:/{print $2}') GiB; load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "date:    $(date -u +%Y-%m-%dT%H:%MZ)"
rx_cluster_start -c shared_buffers=512MB -c work_mem=256MB
echo "server:  $(psql -X -At -c 'SHOW server_version')"
start=$(date +%s)
bash eval/resolve_run.sh
echo "load at the end: $(cut -d' ' -f1-3 /proc/loadavg); $(( $(date +%s) - start )) s"
