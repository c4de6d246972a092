#!/usr/bin/env bash
# Random SQL against roleext with SQLsmith: build and install roleext, start
# a throwaway cluster (scripts/cluster.sh), load the sample taxonomy and HRIS
# table, let sqlsmith send random queries for DURATION seconds, then read
# the server log for a backend killed by a signal.
#
#   scripts/sqlsmith.sh [DURATION_SECONDS (600)] [SEED (1)]
#
# sqlsmith connects as a plain role, not a superuser (with the editor grants
# of grant_editor), so that its random calls of server functions cannot
# write files or stop the server; search_path is roleext, public.
# Prints the queries sent, the most frequent errors and the crashes; keeps
# sqlsmith's output, every query sent and the server log in $SQLSMITH_OUT
# (default: a new directory under /tmp, printed at the end).
# Exit status: 0 no crash, 1 a crash, 2 could not run.
set -uo pipefail
cd "$(dirname "$0")/.."
duration=${1:-600}
seed=${2:-1}
out=${SQLSMITH_OUT:-$(mktemp -d /tmp/roleext-sqlsmith.XXXXXX)}
PG_CONFIG=${PG_CONFIG:-pg_config}
export PG_CONFIG

if ! command -v sqlsmith >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sqlsmith >/dev/null
  fi
  command -v sqlsmith >/dev/null 2>&1 || { echo "sqlsmith: not installed (apt-get install sqlsmith)"; exit 2; }
fi
(source scripts/build.sh) || { echo "sqlsmith: build failed"; exit 2; }

source scripts/cluster.sh
# (log_line_prefix: the SQLSTATE of every logged error, counted at the end)
rx_cluster_start -c log_min_messages=warning -c "log_line_prefix=[%e]" || { echo "sqlsmith: no cluster"; exit 2; }
db=smith
psql() { "$RX_BINDIR/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
if ! { "$RX_BINDIR/createdb" $db &&
       psql -d $db -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION roleext CASCADE' &&
       psql -d $db -1 -f sample/load.sql >/dev/null &&
       psql -d $db -1 -f sample/hris.sql >/dev/null &&
       psql -d $db -o /dev/null <<'SQL'
CREATE ROLE smith LOGIN;
SELECT roleext.grant_reader('smith'), roleext.grant_editor('smith');
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO smith;
ALTER DATABASE smith SET search_path = roleext, public;
SQL
     }; then
  echo "sqlsmith: could not load the sample"; exit 2
fi

mkdir -p "$out"
started=$(date -u '+%Y-%m-%d %H:%M:%S UTC')
# sqlsmith has no time limit of its own; it prints one character per query
# (. ok, e error, t timeout, C broken connection …) and statistics every
# 800 queries to stderr, and with --dump-all-queries every query to stdout
# (kept compressed, to replay a crash)
(cd /tmp && timeout "$duration" sqlsmith --verbose --dump-all-queries --exclude-catalog \
    --seed="$seed" --target="host=$PGHOST port=$PGPORT dbname=$db user=smith") \
    2>"$out/sqlsmith.err" | gzip >"$out/queries.sql.gz"
status=${PIPESTATUS[0]}   # 124: stopped by timeout, as planned
cp "$RX_CLUSTER_DIR/server.log" "$out/server.log"

queries=$(grep -E '^[.a-zA-Z]+$' "$out/sqlsmith.err" | tr -d '\n' | wc -c)
crashes=$(grep -c 'terminated by signal' "$out/server.log")
echo "sqlsmith: started $started, ${duration} s, seed $seed"
echo "sqlsmith: queries sent: $queries"
echo "sqlsmith: most frequent errors (sqlsmith's last statistics):"
awk '/^queries: /{n = 0} /^[0-9]+\t/{top[n++] = $0} END {for (i = 0; i < n && i < 15; i++) print "  " top[i]}' \
  "$out/sqlsmith.err"
echo "sqlsmith: server errors by SQLSTATE:"
grep -oE '^\[[0-9A-Z]{5}\](ERROR|FATAL|PANIC)' "$out/server.log" | sort | uniq -c | sort -rn | head -25 | sed 's/^/  /'
echo "sqlsmith: backends terminated by a signal: $crashes"
echo "sqlsmith: output and server log in $out"
if [ "$status" -ne 124 ]; then
  echo "sqlsmith: stopped before its time (status $status):"; tail -5 "$out/sqlsmith.err" | sed 's/^/  /'
fi
if [ "$crashes" -gt 0 ]; then
  grep -A1 'terminated by signal' "$out/server.log" | sed 's/^/  /'
  exit 1
fi
[ "$queries" -gt 0 ] || { echo "sqlsmith: no query was sent"; exit 2; }
exit 0
