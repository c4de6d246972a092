#!/usr/bin/env bash
# roleext on a Citus cluster (doc/citus.md): a coordinator and two workers
# of the server under test, started here (scripts/citus_cluster.sh), against
# the same queries on the single node of `make test`, row for row:
#  1. CREATE EXTENSION roleext CASCADE on the coordinator reaches the
#     workers; scripts/citus_reference_tables.sql makes the coding tables
#     reference tables (the CHECKs and triggers re-created from their text
#     on every node's shard);
#  2. an HRIS table distributed on a rolecode column: typed operators,
#     containment, GROUP BY pushed down, equality routed to one shard;
#  3. soc_autocode in a CROSS JOIN LATERAL over the distributed table runs
#     on the workers, written back with a co-located INSERT ... SELECT, and
#     gives the single node's rows;
#  4. a title added on the coordinator codes on every worker in the same
#     transaction, and is gone everywhere after ROLLBACK;
#  5. resolve_title pushed down to a worker is refused (0A000), and the
#     coordinator pattern (a MATERIALIZED CTE) gives the single node's rows.
#
# Citus is not a Debian package.  When the server under test has no Citus,
# the check builds it from the vendored source (../shared/vendor/citus, or
# $ROLEEXT_CITUS_VENDOR) when it runs as root, else it reports why it
# skipped and passes.  ROLEEXT_CITUS=0 skips it; ROLEEXT_CITUS_PORT is the
# first port tried for the nodes (default 55700).
set -euo pipefail
cd "$(dirname "$0")/../.."
PG_CONFIG=${PG_CONFIG:-pg_config}
export PG_CONFIG
BIN=$("$PG_CONFIG" --bindir)
start=$(date +%s)

if [ "${ROLEEXT_CITUS:-1}" = 0 ]; then
  echo "report: skipped: ROLEEXT_CITUS=0"
  exit 0
fi
if [ ! -f "$("$PG_CONFIG" --pkglibdir)/citus.so" ]; then
  vendor=${ROLEEXT_CITUS_VENDOR:-}
  for d in ../shared/vendor/citus ../../shared/vendor/citus; do
    [ -z "$vendor" ] && [ -f "$d/build.sh" ] && vendor=$d
  done
  if [ -z "$vendor" ]; then
    echo "report: skipped: Citus is not installed in $("$PG_CONFIG" --pkglibdir) and its source (../shared/vendor/citus, or ROLEEXT_CITUS_VENDOR) is not here"
    exit 0
  fi
  if [ "$(id -u)" != 0 ]; then
    echo "report: skipped: Citus is not installed in $("$PG_CONFIG" --pkglibdir); building it from $vendor needs root"
    exit 0
  fi
  t0=$(date +%s)
  PG_CONFIG="$PG_CONFIG" bash "$vendor/build.sh" >"${TMPDIR:-/tmp}/roleext-citus-build.log" 2>&1 ||
    { cat "${TMPDIR:-/tmp}/roleext-citus-build.log"; echo "building Citus failed"; exit 1; }
  echo "report: built Citus from $vendor in $(( $(date +%s) - t0 )) s"
fi

fail() { echo "$*"; exit 1; }
ref=roleext_citus_ref
work=$(mktemp -d)
source scripts/citus_cluster.sh
cleanup() { rx_citus_stop; rm -rf "$work"; "$BIN/dropdb" --if-exists $ref 2>/dev/null || true; }
trap cleanup EXIT
RX_CITUS_PORT=${ROLEEXT_CITUS_PORT:-55700}
rx_citus_start >"$work/start.log" 2>&1 || { cat "$work/start.log"; fail "the Citus cluster did not start"; }
rows=2000

# ---- the single node: the cluster of `make test` ----------------------------
sq() { "$BIN/psql" -X -q -At -v ON_ERROR_STOP=1 -d $ref "$@"; }
"$BIN/dropdb" --if-exists $ref 2>/dev/null || true
"$BIN/createdb" $ref
sq -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION roleext CASCADE'
sq -f sample/load.sql >/dev/null
sq -v hris_rows=$rows -f sample/hris.sql >/dev/null

# ---- the cluster --------------------------------------------------------------
cq() { rx_citus_psql 0 "$@"; }
cq -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION roleext CASCADE'
for n in 1 2; do
  [ "$(rx_citus_psql $n -c "SELECT extversion FROM pg_extension WHERE extname = 'roleext'")" = \
    "$(cq -c "SELECT extversion FROM pg_extension WHERE extname = 'roleext'")" ] ||
    fail "CREATE EXTENSION roleext did not reach worker $n"
done
cq -f sample/load.sql >/dev/null 2>"$work/load.err" || { cat "$work/load.err"; fail "sample/load.sql failed"; }
cq -v hris_rows=$rows -f sample/hris.sql >/dev/null 2>"$work/hris.err" || { cat "$work/hris.err"; fail "sample/hris.sql failed"; }
out=$(cq -f scripts/citus_reference_tables.sql 2>&1) || { echo "$out"; fail "scripts/citus_reference_tables.sql failed"; }
nref=$(cq -c "SELECT count(*) FROM pg_dist_partition WHERE partmethod = 'n' AND logicalrelid::text LIKE 'roleext.%'")
[ "$nref" = 9 ] || fail "expected 9 reference tables, found $nref"
# the CHECKs and trigger WHEN clauses were re-created on the workers' shards
checks=$(rx_citus_psql 1 -c "SET citus.override_table_visibility = off" -c "SELECT count(*) FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid
                              WHERE r.relname LIKE 'soc2018_code_%' AND c.contype = 'c'")
[ "$checks" = 4 ] || fail "worker 1's shard of soc2018_code has $checks CHECKs, not 4"
# a distributed HRIS table with a rolecode distribution column, and one
# co-located table for the codes written back
cq <<'SQL' >/dev/null
SET client_min_messages = warning;
CREATE TABLE public.hris_dist (LIKE public.hris_employee);
SELECT create_distributed_table('public.hris_dist', 'source_role', shard_count => 8);
INSERT INTO public.hris_dist SELECT * FROM public.hris_employee;
CREATE TABLE public.hris_soc (employee_id int, source_role roleext.rolecode,
                              code roleext.soccode, score roleext.confidence, needs_review boolean);
SELECT create_distributed_table('public.hris_soc', 'source_role', colocate_with => 'public.hris_dist');
SQL

# the same query on both sides, compared row for row; $3 names it
same() {
  local name=$1 cluster_sql=$2 single_sql=$3
  cq -c "$cluster_sql" >"$work/$name.citus" 2>"$work/$name.err" || { cat "$work/$name.err"; fail "$name: the cluster refused it"; }
  sq -c "$single_sql" >"$work/$name.single"
  [ -s "$work/$name.single" ] || fail "$name: no rows on the single node"
  diff "$work/$name.single" "$work/$name.citus" >"$work/$name.diff" ||
    { head -20 "$work/$name.diff"; fail "$name: the cluster's rows differ from the single node's"; }
  wc -l <"$work/$name.single"
}

# 2. typed operators and GROUP BY pushed down, equality routed to one shard
q="SELECT code_family(source_role)::text, code_level(source_role)::text, count(*),
          count(*) FILTER (WHERE source_role <@ 'DAT'::rolecode)
     FROM %s GROUP BY 1, 2 ORDER BY 1, 2"
n2=$(same typed "SET search_path = roleext, public; $(printf "$q" hris_dist)" "SET search_path = roleext, public; $(printf "$q" hris_employee)")
plan=$(cq -c "SET search_path = roleext, public; EXPLAIN SELECT count(*) FROM hris_dist WHERE source_role = 'DEI.GEN.P1'")
echo "$plan" | grep -q 'Task Count: 1' || { echo "$plan"; fail "equality on the distribution column was not routed to one shard"; }

# 3. soc_autocode on the workers, written back co-located: called in the
# select list (Citus pushes down only immutable functions in FROM), each
# shard of hris_dist writes its rows into the shard of hris_soc beside it
cq -c "SET search_path = roleext, public;
       EXPLAIN (VERBOSE) INSERT INTO hris_soc SELECT s.employee_id, s.source_role, (s.a).code, (s.a).score, (s.a).needs_review
         FROM (SELECT h.employee_id, h.source_role, soc_autocode(h.title, 3) AS a FROM hris_dist h) s" \
  >"$work/insert.plan"
grep -q 'Insert on public.hris_soc_' "$work/insert.plan" && ! grep -q 'INSERT/SELECT method' "$work/insert.plan" ||
  { cat "$work/insert.plan"; fail "the INSERT ... SELECT of soc_autocode was not pushed down to the shards"; }
t0=$(date +%s%N)
cq -c "SET search_path = roleext, public;
       INSERT INTO hris_soc SELECT s.employee_id, s.source_role, (s.a).code, (s.a).score, (s.a).needs_review
         FROM (SELECT h.employee_id, h.source_role, soc_autocode(h.title, 3) AS a FROM hris_dist h) s"
ms_citus=$(( ($(date +%s%N) - t0) / 1000000 ))
t0=$(date +%s%N)
sq -c "SET search_path = roleext, public;
       CREATE TABLE public.hris_soc AS SELECT s.employee_id, s.source_role, (s.a).code, (s.a).score, (s.a).needs_review
         FROM (SELECT h.employee_id, h.source_role, soc_autocode(h.title, 3) AS a FROM hris_employee h) s"
ms_single=$(( ($(date +%s%N) - t0) / 1000000 ))
q="SELECT employee_id, code, score, needs_review FROM public.hris_soc ORDER BY 1, 2"
n3=$(same autocode "$q" "$q")
# soc_autocode at the coordinator and on each worker's own connection
for n in 1 2; do
  w=$(rx_citus_psql $n -c "SELECT string_agg(code::text, ' ') FROM roleext.soc_autocode('Registered Nurse', 3)")
  c=$(cq -c "SELECT string_agg(code::text, ' ') FROM roleext.soc_autocode('Registered Nurse', 3)")
  [ -n "$w" ] && [ "$w" = "$c" ] || fail "worker $n codes 'Registered Nurse' as '$w', the coordinator as '$c'"
done

# the workers' connections map their node's shared index image: built when
# the conversion copied the dictionary into the worker's shard, not per
# connection
for n in 1 2; do
  m=$(rx_citus_psql $n -c "SELECT shared || ' ' || builds FROM roleext.soc_autocode_index()")
  [ "$m" = "true 0" ] || fail "worker $n: a new connection did not map the shared index (shared, builds: $m)"
done

# 4. a title added on the coordinator: on every worker in the same transaction
out=$(cq <<'SQL'
SET search_path = roleext, public;
BEGIN;
-- one connection per worker: the one that wrote the title (doc/citus.md)
SET LOCAL citus.max_adaptive_executor_pool_size = 1;
INSERT INTO title_dictionary (title, code) VALUES ('Zorblax Wrangler', '15-1252');
INSERT INTO hris_dist SELECT 900000 + n, 'Zorblax Wrangler', 'x', r FROM unnest('{DEI.GEN.P1,CSM.GEN.P2,DAT.BI.P1}'::rolecode[]) WITH ORDINALITY u(r, n);
SELECT count(DISTINCT get_shard_id_for_distribution_column('hris_dist', source_role))
       || ' ' || string_agg(DISTINCT a.code::text, ',')
  FROM hris_dist h CROSS JOIN LATERAL soc_autocode(h.title, 1) a WHERE h.employee_id > 900000;
ROLLBACK;
SELECT count(*) FROM hris_dist h CROSS JOIN LATERAL soc_autocode(h.title, 1) a WHERE a.matched = 'zorblax wrangler';
SQL
)
[ "$(echo "$out" | head -1 | cut -d' ' -f2)" = 15-1252.00 ] || fail "a title added on the coordinator did not code on the workers: $out"
[ "$(echo "$out" | tail -1)" = 0 ] || fail "a rolled-back title still codes on the workers: $out"
shards=$(echo "$out" | head -1 | cut -d' ' -f1)
for n in 1 2; do
  left=$(rx_citus_psql $n -c "SELECT count(*) FROM roleext.soc_autocode('Zorblax Wrangler', 1) WHERE matched = 'zorblax wrangler'")
  [ "$left" = 0 ] || fail "worker $n still knows the rolled-back title"
done

# 5. resolve_title: refused on the workers, the coordinator pattern agrees
err=$(cq -c "SELECT count(*) FROM public.hris_dist h CROSS JOIN LATERAL roleext.resolve_title(h.title) r" 2>&1 || true)
echo "$err" | grep -q 'ERROR:  resolve_title cannot run on a Citus worker node' ||
  fail "resolve_title pushed down to a worker was not refused: $err"
n5=$(same resolve "SET search_path = roleext, public;
  WITH t AS MATERIALIZED (SELECT employee_id, title FROM hris_dist)
  SELECT t.employee_id, r.role, r.confidence, r.method FROM t CROSS JOIN LATERAL resolve_title(t.title) r ORDER BY 1, 2" \
  "SET search_path = roleext, public;
  SELECT t.employee_id, r.role, r.confidence, r.method FROM hris_employee t CROSS JOIN LATERAL resolve_title(t.title) r ORDER BY 1, 2")

echo "report: coordinator + 2 workers, 9 reference tables, $rows distributed titles (8 shards on a rolecode column)"
echo "report: same rows as one node: $n2 typed groups, $n3 soc_autocode codes, $n5 resolve_title rows (coordinator pattern)"
echo "report: workers' connections map the shared index (0 builds); a coordinator's title coded on $shards shards in its transaction, gone after ROLLBACK; resolve_title on a worker refused"
echo "report: coding $rows titles: ${ms_citus} ms distributed, ${ms_single} ms on one node; the check took $(( $(date +%s) - start )) s"
