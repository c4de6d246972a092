#!/usr/bin/env bash
# Real clients against the BI views: pgjdbc (Java, compiled here with javac),
# psqlODBC through unixODBC (pyodbc) and psycopg 3 run the BI suite
# (test/clients/suite.py: filters with parameters, LIKE, IN, ranges, GROUP BY
# with count/avg, view-to-view joins, a join to an HRIS table's text column,
# bad input to typed functions) as a reader that grant_reader made with the
# default search_path, over TCP; test/clients/compare.py runs every query in
# psql too and compares, and checks each client's column metadata (standard
# types, REMARKS = the column comments).
#
# Needs the cluster to listen on TCP (test/run.sh starts it so: RX_TCP_PORT)
# and the packages of scripts/deps.sh.  Prints the time the clients took.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=$("${PG_CONFIG:-pg_config}" --bindir)
db=roleext_clients
reader=roleext_bi_reader
work=$(mktemp -d)
start=$(date +%s.%N)
dropall() {
  "$BIN/dropdb" --if-exists $db 2>/dev/null || true
  "$BIN/psql" -X -q -d postgres -c "DROP ROLE IF EXISTS $reader" 2>/dev/null || true
}
trap '[ -n "${KEEP_CLIENT_OUTPUT:-}" ] || rm -rf "$work"; dropall' EXIT
dropall
psql() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
port=${PGPORT:?}
if ! psql -h 127.0.0.1 -p "$port" -d postgres -c 'SELECT 1' >/dev/null 2>&1; then
  echo "the cluster does not listen on 127.0.0.1:$port (start it with RX_TCP_PORT, as test/run.sh does)"; exit 1
fi
for need in javac java /usr/share/java/postgresql.jar; do
  command -v "$need" >/dev/null 2>&1 || [ -e "$need" ] || { echo "missing $need: run scripts/deps.sh"; exit 1; }
done
# Debian's python3 (python3-psycopg, python3-pyodbc), not another one on the PATH
PY=/usr/bin/python3
[ -x $PY ] || PY=python3
$PY -c 'import psycopg, pyodbc' || { echo "missing python3-psycopg or python3-pyodbc: run scripts/deps.sh"; exit 1; }

"$BIN/createdb" $db
psql -d $db -c 'CREATE EXTENSION roleext CASCADE'
psql -d $db -1 -f sample/load.sql >/dev/null
psql -d $db -1 -f sample/hris.sql >/dev/null
psql -d $db >/dev/null <<SQL
-- an HRIS table as HR systems hold it: job codes are text
CREATE TABLE public.hris_job AS
  SELECT employee_id, title, department, source_role::text AS job_code FROM public.hris_employee;
CREATE ROLE $reader LOGIN;
-- the views need no search_path: test them with the default one
SELECT roleext.grant_reader('$reader', set_search_path => false);
GRANT SELECT ON public.hris_job TO $reader;
SQL

export PGTZ=UTC
cd test/clients
$PY suite.py "$work/queries.tsv"
t0=$(date +%s.%N)
javac -d "$work" -cp /usr/share/java/postgresql.jar BiSuite.java
java -Duser.timezone=UTC -cp "/usr/share/java/postgresql.jar:$work" BiSuite \
  "jdbc:postgresql://127.0.0.1:$port/$db?user=$reader" "$work/queries.tsv" "$work/jdbc.jsonl"
t1=$(date +%s.%N)
$PY odbc_client.py "DRIVER={PostgreSQL Unicode};SERVER=127.0.0.1;PORT=$port;DATABASE=$db;UID=$reader" \
  "$work/odbc.jsonl"
t2=$(date +%s.%N)
$PY psycopg_client.py "host=127.0.0.1 port=$port dbname=$db user=$reader" "$work/psycopg.jsonl"
t3=$(date +%s.%N)
$PY compare.py "$BIN/psql" $db $reader \
  jdbc="$work/jdbc.jsonl" odbc="$work/odbc.jsonl" psycopg="$work/psycopg.jsonl" | sed 's/^/report: /'

end=$(date +%s.%N)
awk -v a="$t0" -v b="$t1" -v c="$t2" -v d="$t3" -v s="$start" -v e="$end" 'BEGIN {
  printf "report: client times: jdbc %.1f s (javac and the JVM included), odbc %.1f s, psycopg %.1f s; the whole check %.1f s\n",
         b - a, c - b, d - c, e - s }'
