#!/usr/bin/env bash
# The measuring of make eval-resolve against the server the environment
# names (PGHOST, PGPORT, PGUSER: a superuser; eval/resolve.sh starts a
# throwaway cluster and calls this, test/db/resolve_eval.sh calls it against
# make test's): writes the held-out titles' style slices
# (eval_autocode --dump-slices) and the SOC-derived taxonomy's role cards
# (eval/resolve_taxonomy.py) into a temporary directory, then runs
# eval/resolve.sql and eval/resolve_sample.sql, each in a database of its
# own, dropped at the end.  doc/titles.md, "Measuring resolve_title".
#
#   EVAL_RESOLVE_TITLES  held-out titles coded in every slice (default 1500)
#   EVAL_RESOLVE_HALF    test (default, the record) or tune
#   EVAL_RESOLVE_SAMPLE  0: leave out the sample HRIS table
#   EVAL_RESOLVE_PSQL    more psql options (test/db/resolve_eval.sh: -A, unaligned)
#   DATA                 the data directory (default data, the copy of ../shared/data)
set -euo pipefail
cd "$(dirname "$0")/.."
PG_CONFIG=${PG_CONFIG:-pg_config}
BIN=$("$PG_CONFIG" --bindir)
DATA=${DATA:-data}
TITLES=${EVAL_RESOLVE_TITLES:-1500}
HALF=${EVAL_RESOLVE_HALF:-test}
db=roleext_eval_resolve
db_sample=roleext_eval_resolve_sample

work=$(mktemp -d /tmp/roleext-eval-resolve.XXXXXX)
cleanup() {
  rm -rf "$work"
  "$BIN/dropdb" --if-exists $db 2>/dev/null || true
  "$BIN/dropdb" --if-exists $db_sample 2>/dev/null || true
}
trap cleanup EXIT
psql() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 ${EVAL_RESOLVE_PSQL:-} "$@"; }

make -s PG_CONFIG="$PG_CONFIG" eval/eval_autocode
eval/eval_autocode --data "$DATA" --dump-slices "$work/slices.csv" >/dev/null
python3 eval/resolve_taxonomy.py --data "$DATA" soc >"$work/soc.json"
chmod 755 "$work"; chmod 644 "$work"/*   # read by the server

"$BIN/dropdb" --if-exists $db 2>/dev/null || true
"$BIN/createdb" $db
psql -d $db -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION roleext CASCADE'
psql -d $db -v cards="$work/soc.json" -v slices="$work/slices.csv" -v titles="$TITLES" -v half="$HALF" \
     -f eval/resolve.sql

if [ "${EVAL_RESOLVE_SAMPLE:-1}" != 0 ]; then
  "$BIN/dropdb" --if-exists $db_sample 2>/dev/null || true
  "$BIN/createdb" $db_sample
  psql -d $db_sample -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION roleext CASCADE'
  psql -d $db_sample -f eval/resolve_sample.sql
fi
