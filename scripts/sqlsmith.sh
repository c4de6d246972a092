#!/usr/bin/env bash
# SQLsmith against roleext (doc/reliability.md): random queries over the
# sample taxonomy (sample/load.sql) and HRIS table (sample/hris.sql), with
# search_path = roleext, public, sent by an editor role (grant_editor: it can
# run the import and review functions, not superuser-only ones), in a
# throwaway cluster of $PG_CONFIG's server with roleext installed.
#   scripts/sqlsmith.sh [seconds=60] [seed=1] [max_queries=0 (no limit)]
# Prints the queries run, the server's errors by SQLSTATE and the backend
# crashes ("terminated by signal" in the server log); exits 1 on a crash.
# SQLSMITH_OUT=dir keeps the server log and SQLsmith's output there.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
seed=${2:-1}
max=${3:-0}
if ! command -v sqlsmith >/dev/null; then
  echo "sqlsmith: installing the Debian package sqlsmith"
  sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends sqlsmith >/dev/null
fi
source scripts/cluster.sh
rx_cluster_start -c "log_line_prefix=[%e]" -c log_min_messages=warning -c log_min_error_statement=panic
BIN=$RX_BINDIR
out=${SQLSMITH_OUT:-$RX_CLUSTER_DIR}
mkdir -p "$out"
psql() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
"$BIN/createdb" smith
psql -d smith -c 'CREATE EXTENSION roleext CASCADE' 2>/dev/null
psql -d smith -1 -f sample/load.sql >/dev/null
psql -d smith -1 -v hris_rows=500 -f sample/hris.sql >/dev/null
psql -d smith -c 'CREATE ROLE smith LOGIN' -c "SELECT roleext.grant_editor('smith')" \
     -c 'GRANT SELECT ON public.hris_employee TO smith' -c 'ALTER ROLE smith SET search_path = roleext, public' >/dev/null
start=$(date +%s)
args=(--target="host=$PGHOST port=$PGPORT dbname=smith user=smith" --seed="$seed" --exclude-catalog --verbose)
[ "$max" -gt 0 ] && args+=(--max-queries="$max")
set +e
timeout --signal=INT --kill-after=10 "$seconds" sqlsmith "${args[@]}" >"$out/sqlsmith.out" 2>&1
status=$?
set -e
elapsed=$(( $(date +%s) - start ))
sleep 1   # let the server write its last log lines
log=$RX_CLUSTER_DIR/server.log
[ "$out" = "$RX_CLUSTER_DIR" ] || cp "$log" "$out/server.log"
crashes=$(grep -c 'terminated by signal' "$log" || true)
# SQLsmith prints one character per query: . ok, e error, t timeout, C crash ...
queries=$(grep -E '^[.a-zA-Z]+$' "$out/sqlsmith.out" | grep -v '^[A-Za-z]*$' | tr -d '\n' | wc -c)
echo "sqlsmith: seed $seed, $elapsed s, $queries queries, $crashes backend crashes (sqlsmith exit $status)"
echo "errors by SQLSTATE:"
grep -oE '^\[[0-9A-Z]{5}\](ERROR|FATAL|PANIC):' "$log" | sort | uniq -c | sort -rn | sed 's/^/  /' || true
if [ "$crashes" -gt 0 ]; then
  grep -B2 -A3 'terminated by signal' "$log" | head -40
  exit 1
fi
