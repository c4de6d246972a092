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
#  5. resolve_title pushed down to the workers over the distributed table
#     gives the single node's rows (the taxonomy is a reference table);
#  6. every function and view that reads the taxonomy gives the single
#     node's rows on the coordinator and on each worker, before and after
#     imports, reviews and edits made on the coordinator (role.updated_at
#     aside: each node's trigger stamps its own transaction's time);
#     The edits include rename_taxonomy_node (a specialization and a
#     function with node mappings), and its refusal is the single node's;
#  7. backup: pg_dump of the coordinator restored into a fresh Citus
#     database (doc/citus.md, "Backup and restore"): no shard in the dump,
#     the conversion script and create_distributed_table run again, and
#     every reader gives the single node's rows on every node;
#  8. lifecycle: ALTER EXTENSION roleext UPDATE from the released 1.4.0 with
#     the coding tables reference tables, then the rest converted, and DROP EXTENSION refused while
#     reference tables remain; DROP EXTENSION roleext CASCADE (and DROP
#     EXTENSION pg_trgm CASCADE) refused with 2BP01 while a distributed and a
#     reference table of the user have roleext columns, Citus's metadata
#     intact; after undistribute_table the drop works and leaves no metadata;
#     on the single node (no Citus) the same drop works as it always did.
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

# (also to stderr: a check run in $(...) reports through it)
fail() { echo "$*"; echo "$*" >&2; exit 1; }
ref=roleext_citus_ref
work=$(mktemp -d)
source scripts/citus_cluster.sh
added_script=
cleanup() { rx_citus_stop; rm -rf "$work"; [ -z "$added_script" ] || rm -f "$added_script"; "$BIN/dropdb" --if-exists $ref 2>/dev/null || true; }
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
# every table (counted before Citus adds its shards) of the extension but the version tables
ntab=$(cq -c "SELECT count(*) FROM pg_class WHERE relnamespace = 'roleext'::regnamespace AND relkind = 'r' AND relname NOT IN ('title_dictionary_version', 'taxonomy_version')")
out=$(cq -f scripts/citus_reference_tables.sql 2>&1) || { echo "$out"; fail "scripts/citus_reference_tables.sql failed"; }
nref=$(cq -c "SELECT count(*) FROM pg_dist_partition WHERE partmethod = 'n' AND logicalrelid::text LIKE 'roleext.%'")
[ "$nref" = "$ntab" ] || fail "expected $ntab reference tables, found $nref"
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
  cq -c "$cluster_sql" >"$work/$name.citus" 2>"$work/$name.err" || { cat "$work/$name.err" >&2; fail "$name: the cluster refused it"; }
  sq -c "$single_sql" >"$work/$name.single"
  [ -s "$work/$name.single" ] || fail "$name: no rows on the single node"
  diff "$work/$name.single" "$work/$name.citus" >"$work/$name.diff" ||
    { head -20 "$work/$name.diff" >&2; fail "$name: the cluster's rows differ from the single node's"; }
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

# 5. resolve_title on the workers, over the distributed table
n5=$(same resolve "SET search_path = roleext, public;
  SELECT t.employee_id, r.role, r.confidence, r.method FROM hris_dist t CROSS JOIN LATERAL resolve_title(t.title) r ORDER BY 1, 2" \
  "SET search_path = roleext, public;
  SELECT t.employee_id, r.role, r.confidence, r.method FROM hris_employee t CROSS JOIN LATERAL resolve_title(t.title) r ORDER BY 1, 2")
plan=$(cq -c "EXPLAIN SELECT count(*) FROM public.hris_dist h CROSS JOIN LATERAL roleext.resolve_title(h.title) r")
echo "$plan" | grep -q 'Task Count: 8' || { echo "$plan"; fail "resolve_title over the distributed table did not run on the shards"; }

# 6. every reader of the taxonomy, on every node, against the single node
readers() {
  cat <<'SQL'
SET search_path = roleext, public;
SELECT 'taxonomy_tree', md5(string_agg(x::text, '|' ORDER BY x::text)) FROM taxonomy_tree x;
SELECT 'taxonomy_tree()', md5(string_agg(x::text, '|' ORDER BY x::text)) FROM taxonomy_tree() x;
SELECT 'taxonomy_ancestors', md5(string_agg(x::text, '|' ORDER BY x::text)) FROM taxonomy_ancestors x;
SELECT 'taxonomy_ancestors()', md5(string_agg(x::text, '|' ORDER BY x::text)) FROM taxonomy_ancestors() x;
SELECT 'role_card', md5(string_agg((to_jsonb(x) - 'updated_at')::text, '|' ORDER BY x.role)) FROM role_card x;
SELECT 'role_components', md5(string_agg(x::text, '|' ORDER BY x::text)) FROM role_components x;
SELECT 'role_aliases', md5(string_agg(x::text, '|' ORDER BY x::text)) FROM role_aliases x;
SELECT 'role_mappings', md5(string_agg(x::text, '|' ORDER BY x::text)) FROM role_mappings x;
SELECT 'role_mappings()', md5(string_agg(x::text, '|' ORDER BY x::text)) FROM role_mappings() x;
SELECT 'role_soc', md5(string_agg(x::text, '|' ORDER BY x::text)) FROM role_soc x;
SELECT 'soc_hierarchy', md5(string_agg(x::text, '|' ORDER BY x::text)) FROM soc_hierarchy x;
SELECT 'soc_hierarchy()', md5(string_agg(x::text, '|' ORDER BY x::text)) FROM soc_hierarchy() x;
SELECT 'taxonomy_tree_internal', md5(string_agg(x::text, '|' ORDER BY x::text)) FROM taxonomy_tree_internal x;
SELECT 'taxonomy_ancestors_internal', md5(string_agg(x::text, '|' ORDER BY x::text)) FROM taxonomy_ancestors_internal x;
SELECT 'role_mappings_internal', md5(string_agg(x::text, '|' ORDER BY x::text)) FROM role_mappings_internal x;
SELECT 'soc_hierarchy_internal', md5(string_agg(x::text, '|' ORDER BY x::text)) FROM soc_hierarchy_internal x;
SELECT 'role_soc, one role', md5(string_agg(x::text, '|' ORDER BY x::text)) FROM role_soc x WHERE x.role = 'DEI.GEN.P1';
SELECT 'role_mappings, one role', md5(string_agg(x::text, '|' ORDER BY x::text)) FROM role_mappings x WHERE x.role IN ('DEI.GEN.P2', 'SWE.BE.P3');
SELECT 'role_card, one role', md5(string_agg((to_jsonb(x) - 'updated_at')::text, '|')) FROM role_card x WHERE x.role = 'DEI.GEN.P1';
SELECT 'role_adjacency', md5(string_agg(x::text, '|' ORDER BY x::text)) FROM role_adjacency x;
SELECT 'role_cards_json', md5(role_cards_json()::text);
SELECT 'role_card_json', md5(string_agg(role_card_json(r.code)::text, '|' ORDER BY r.code)) FROM role r;
SELECT 'adjacent_roles', md5(string_agg(a::text, '|' ORDER BY r.code, a.distance, a.role)) FROM role r, adjacent_roles(r.code, 5) a;
SELECT 'role.coord', md5(string_agg(r.code::text || ' ' || r.coord::text, '|' ORDER BY r.code)) FROM role r;
SELECT 'taxonomy_dot', md5(taxonomy_dot());
SELECT 'taxonomy_dot(DEI)', md5(taxonomy_dot('DEI'));
SELECT 'adjacency_dot', md5(adjacency_dot('DEI.GEN.P1'));
SELECT 'validate_role_cards', md5(coalesce(string_agg(v::text, '|'), '')) FROM validate_role_cards(role_cards_json()) v;
SELECT 'validate_role_card', count(*) FROM validate_role_card('{"code": "DEI.GEN.P9", "title": "x", "level": "P9"}') v;
SELECT 'resolve_title', md5(string_agg(r::text, '|' ORDER BY u.o, r.role)) FROM unnest(ARRAY['Principal Data Engineer',
       'Backend Engineering Manager', 'devops engineer', 'Sr. Data Analyst', 'Zorblax']) WITH ORDINALITY u(t, o),
       resolve_title(u.t, 3) r;
SELECT 'role_coord', md5(string_agg(coalesce(role_coord(r.code)::text, '-'), '|' ORDER BY r.code)) FROM role r;
SQL
}
compare_nodes() {  # compare_nodes <what>: every node's readers against the single node's
  local n
  sq -f <(readers) >"$work/readers.single" 2>&1 || { cat "$work/readers.single" >&2; fail "$1: the single node's readers failed"; }
  for n in 0 1 2; do
    rx_citus_psql $n -f <(readers) >"$work/readers.$n" 2>&1 ||
      { cat "$work/readers.$n" >&2; fail "$1: node $n refused a reader of the taxonomy"; }
    diff "$work/readers.single" "$work/readers.$n" >"$work/readers.diff" ||
      { cat "$work/readers.diff" >&2; fail "$1: node $n's readers differ from the single node's"; }
  done
  wc -l <"$work/readers.single"
}
nread=$(compare_nodes "after the conversion")
# writes on the coordinator (the same on the single node), read on every node
writes() {
  cat <<'SQL'
SET search_path = roleext, public;
SET client_min_messages = warning;
SELECT count(import_role_card(jsonb_set(role_card_json('DEI.GEN.P1'), '{title}', '"DevOps Engineer I"')));
SELECT count(import_role_card(jsonb_set(jsonb_set(role_card_json('DEI.GEN.P1'), '{code}', '"DEI.GEN.P5"'), '{level}', '"P5"')));
SELECT count(*) FROM import_role_cards(replace(role_cards_json('SWE')::text, '"confidence": 0.', '"confidence": 0.1')::jsonb);
SELECT count(*) FROM import_role_cards(role_cards_json('DAT'));
SELECT (approve_mapping('DEI.GEN.P1', '15-0000', reviewer => 'citus')).review_status;
SELECT (reject_mapping('DEI.GEN.P2', '15-0000', reviewer => 'citus')).review_status;
SELECT (approve_alias(role, alias, 'citus')).approved FROM role_alias WHERE role = 'DEI.GEN.P1' ORDER BY alias LIMIT 1;
SELECT (reject_alias(role, alias, 'citus')).approved FROM role_alias WHERE role = 'DEI.GEN.P3' ORDER BY alias LIMIT 1;
SELECT count(*) FROM suggest_mappings();
UPDATE level SET grade = 1.5 WHERE code = 'P1';
INSERT INTO taxonomy (code, kind, name, parent) VALUES ('DEI.PLT', 'specialization', 'Platform', 'DEI');
INSERT INTO role (code, title) VALUES ('DEI.PLT.P3', 'Platform Engineer');
INSERT INTO role_alias (role, alias, confidence) VALUES ('DEI.PLT.P3', 'Zorblax Platform Wrangler', '0.90');
UPDATE taxonomy SET parent = 'BIZ' WHERE code = 'DEI';
DELETE FROM role_alias WHERE role = 'SWE.BE.P3' AND alias_type = 'legacy';
SELECT rename_taxonomy_node('DEI.PLT', 'DEI.PLATFORM');
SELECT rename_taxonomy_node('SWE', 'SWENG');
SQL
}
sq -f <(writes) >"$work/writes.single" 2>&1 || { cat "$work/writes.single"; fail "the writes failed on the single node"; }
cq -f <(writes) >"$work/writes.citus" 2>&1 || { cat "$work/writes.citus"; fail "the writes failed on the coordinator"; }
diff "$work/writes.single" "$work/writes.citus" || fail "the writes answered differently on the coordinator"
# reviews record their time: the same instant on both sides
for d in sq cq; do $d -c "UPDATE roleext.mapping SET reviewed_at = '2026-12-07 00:00:00+00' WHERE reviewer = 'citus'" \
                     -c "UPDATE roleext.role_alias SET approved_at = '2026-12-07 00:00:00+00' WHERE approved_by = 'citus'" >/dev/null; done
nread2=$(compare_nodes "after imports, reviews and edits on the coordinator")
# a refused rename: the single node's error, and nothing changed on any node
for d in sq cq; do
  $d -c "SELECT roleext.rename_taxonomy_node('SWENG.BE', 'DAT.BE')" >/dev/null 2>"$work/rename.$d" &&
    fail "$d: a rename that moves a node was not refused"
  sed -i 's/^psql:[^ ]* //' "$work/rename.$d"
done
diff "$work/rename.sq" "$work/rename.cq" || fail "the coordinator refused a rename otherwise than the single node"
grep -q 'cannot rename SWENG.BE to DAT.BE' "$work/rename.cq" || { cat "$work/rename.cq"; fail "the rename was refused for another reason"; }
[ "$(compare_nodes "after a refused rename")" = "$nread2" ] || fail "after a refused rename: readers changed"

# 7. backup: pg_dump of the coordinator, restored into a fresh Citus
# database of the same nodes.  The dump holds the user's rows of roleext's
# tables (read through Citus) and the user's tables as plain tables; the
# distribution is not in it: it is read from citus_tables before the dump
# and made again after the restore.
cq -c "INSERT INTO roleext.title_dictionary (title, code) VALUES ('Quuxly Frobnicator', '15-1252')" >/dev/null
sq -c "INSERT INTO roleext.title_dictionary (title, code) VALUES ('Quuxly Frobnicator', '15-1252')" >/dev/null
ports=($RX_CITUS_PORTS)
dist=$(cq -c "SELECT string_agg(table_name::text || ' ' || distribution_column, ',' ORDER BY table_name::text)
                FROM citus_tables WHERE citus_table_type = 'distributed'")
[ "$dist" = "hris_dist source_role,hris_soc source_role" ] || fail "citus_tables lists the distributed tables as '$dist'"
"$BIN/pg_dump" -h "$RX_CITUS_HOST" -p "${ports[0]}" -U postgres -d "${RX_CITUS_DB:-roleext_citus}" -Fc \
  -f "$work/citus.dump" 2>"$work/dump.err" || { cat "$work/dump.err"; fail "pg_dump of the coordinator failed"; }
"$BIN/pg_restore" -l "$work/citus.dump" >"$work/dump.list"
grep -E ' TABLE (DATA )?[a-z_]+ [a-z_0-9]+_[0-9]{6,} ' "$work/dump.list" && fail "the dump of the coordinator holds shards"
grep -q 'TABLE DATA public hris_dist ' "$work/dump.list" || fail "the dump of the coordinator lacks the distributed table's rows"
rdb=roleext_citus_restored
for n in 0 1 2; do
  rx_citus_psql $n -d postgres -c "CREATE DATABASE $rdb" >/dev/null
  rx_citus_psql $n -d $rdb -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION citus' >/dev/null
done
rq() { rx_citus_psql 0 -d $rdb "$@"; }
rq -c "SELECT citus_set_coordinator_host('127.0.0.1', ${ports[0]})" >/dev/null
for n in 1 2; do rq -c "SELECT citus_add_node('127.0.0.1', ${ports[$n]})" >/dev/null; done
"$BIN/pg_restore" -h "$RX_CITUS_HOST" -p "${ports[0]}" -U postgres -d $rdb --exit-on-error "$work/citus.dump" \
  2>"$work/restore.err" || { cat "$work/restore.err"; fail "pg_restore into a fresh Citus database failed"; }
rq -f scripts/citus_reference_tables.sql >/dev/null 2>"$work/restore-convert.err" ||
  { cat "$work/restore-convert.err"; fail "the conversion script after the restore failed"; }
rq >/dev/null 2>"$work/restore-dist.err" <<'SQL' || { cat "$work/restore-dist.err"; fail "distributing the restored tables failed"; }
SET client_min_messages = warning;
SELECT create_distributed_table('public.hris_dist', 'source_role', shard_count => 8);
SELECT create_distributed_table('public.hris_soc', 'source_role', colocate_with => 'public.hris_dist');
SELECT truncate_local_data_after_distributing_table('public.hris_dist');
SELECT truncate_local_data_after_distributing_table('public.hris_soc');
SQL
[ "$(rq -c "SELECT count(*) FROM pg_dist_partition WHERE partmethod = 'n' AND logicalrelid::text LIKE 'roleext.%'")" = "$ntab" ] ||
  fail "the restored database has not $ntab reference tables"
for n in 0 1 2; do
  rx_citus_psql $n -d $rdb -f <(readers) >"$work/restored.$n" 2>&1 ||
    { cat "$work/restored.$n" >&2; fail "restored: node $n refused a reader of the taxonomy"; }
  diff "$work/readers.single" "$work/restored.$n" >"$work/restored.diff" ||
    { cat "$work/restored.diff" >&2; fail "restored: node $n's readers differ from the single node's"; }
  t=$(rx_citus_psql $n -d $rdb -c "SELECT code FROM roleext.soc_autocode('Quuxly Frobnicator', 1) WHERE matched = 'Quuxly Frobnicator'")
  [ "$t" = 15-1252.00 ] || fail "restored: node $n does not code the user's title (got '$t')"
done
q="SELECT employee_id, title, source_role FROM public.hris_dist ORDER BY 1"
[ "$(rq -c "$q" | md5sum)" = "$(cq -c "$q" | md5sum)" ] || fail "restored: the distributed table's rows differ"
q="SELECT employee_id, code, score, needs_review FROM public.hris_soc ORDER BY 1, 2"
[ "$(rq -c "$q" | md5sum)" = "$(cq -c "$q" | md5sum)" ] || fail "restored: the written-back codes differ"
nrestored=$(rq -c "SELECT count(*) FROM public.hris_dist")
for n in 0 1 2; do rx_citus_psql $n -d postgres -c "DROP DATABASE $rdb WITH (FORCE)" >/dev/null 2>&1 || true; done

# 8. lifecycle.  DROP EXTENSION with reference tables: refused, nothing changed
err=$(cq -c "DROP EXTENSION roleext" 2>&1 || true)
echo "$err" | grep -q 'ERROR' || fail "DROP EXTENSION roleext with distributed tables was not refused: $err"
[ "$(cq -c "SELECT count(*) FROM pg_dist_partition WHERE logicalrelid::text LIKE 'roleext.%'")" = "$ntab" ] ||
  fail "a refused DROP EXTENSION changed Citus's metadata"
# ALTER EXTENSION UPDATE from the released 1.4.0 (its frozen script, put
# into the extension directory for the run when it is not there) with the
# coding tables reference tables, as 1.2.0's procedure made them (1.4.0's
# taxonomy SQL cannot be planned by Citus: the step to 1.5.0 is what makes
# it so).  Not from 1.2.0 across 1.3.0: the content step creates tables with foreign keys to
# onet2019_occupation, which Citus refuses while that is a reference table
# (doc/citus.md, "Lifecycle").
from=1.4.0
cur=$(cq -c "SELECT extversion FROM pg_extension WHERE extname = 'roleext'")
extdir=$("$PG_CONFIG" --sharedir)/extension
if [ ! -e "$extdir/roleext--$from.sql" ]; then
  cp sql/released/roleext--$from.sql "$extdir/roleext--$from.sql"
  added_script="$extdir/roleext--$from.sql"
elif ! cmp -s sql/released/roleext--$from.sql "$extdir/roleext--$from.sql"; then
  fail "$extdir/roleext--$from.sql is not the released $from (sql/released/roleext--$from.sql)"
fi
up=roleext_citus_up
for n in 0 1 2; do
  rx_citus_psql $n -d postgres -c "CREATE DATABASE $up" >/dev/null
  rx_citus_psql $n -d $up -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION citus' >/dev/null
done
ports=($RX_CITUS_PORTS)
uq() { rx_citus_psql 0 -d $up "$@"; }
uq -c "SELECT citus_set_coordinator_host('127.0.0.1', ${ports[0]})" >/dev/null
for n in 1 2; do uq -c "SELECT citus_add_node('127.0.0.1', ${ports[$n]})" >/dev/null; done
uq -c 'SET client_min_messages = warning' -c "CREATE EXTENSION roleext VERSION '$from' CASCADE"
uq -f sample/load.sql >/dev/null 2>&1 || fail "sample/load.sql failed on $from"
uq >/dev/null <<'SQL' || fail "converting $from's coding tables failed"
SET client_min_messages = warning;
SET citus.enable_unsafe_triggers = on;
SET citus.enable_local_reference_table_foreign_keys = off;
SELECT count(create_reference_table(t::regclass))
  FROM unnest(ARRAY['roleext.soc2010_code', 'roleext.soc2018_code', 'roleext.onet_job_zone', 'roleext.onet2019_occupation',
                    'roleext.crosswalk_soc2010_soc2018', 'roleext.crosswalk_onet2019_soc2018',
                    'roleext.crosswalk_onet2010_onet2019', 'roleext.crosswalk_isco08_soc2010',
                    'roleext.title_dictionary']) t;
SQL
uq -c 'SET client_min_messages = warning' -c "ALTER EXTENSION roleext UPDATE" 2>"$work/update.err" ||
  { cat "$work/update.err"; fail "ALTER EXTENSION roleext UPDATE from $from failed on Citus"; }
for n in 0 1 2; do
  v=$(rx_citus_psql $n -d $up -c "SELECT extversion FROM pg_extension WHERE extname = 'roleext'")
  [ "$v" = "$cur" ] || fail "node $n has roleext $v after ALTER EXTENSION UPDATE, not $cur"
done
uq -f scripts/citus_reference_tables.sql >/dev/null 2>"$work/convert.err" || { cat "$work/convert.err"; fail "the conversion script after the update failed"; }
[ "$(uq -c "SELECT count(*) FROM pg_dist_partition WHERE logicalrelid::text LIKE 'roleext.%'")" = "$ntab" ] ||
  fail "the updated cluster has not $ntab reference tables"
for n in 0 1 2; do
  r=$(rx_citus_psql $n -d $up -c "SELECT string_agg(role::text, ',') FROM roleext.resolve_title('devops engineer', 2)")
  [ "$r" = "DEI.GEN.P2,DEI.GEN.P3" ] || fail "node $n of the updated cluster resolves 'devops engineer' to '$r'"
  c=$(rx_citus_psql $n -d $up -c "SELECT count(*) FROM roleext.role_card")
  [ "$c" = 83 ] || fail "node $n of the updated cluster has $c rows in role_card"
done
# a second ALTER EXTENSION UPDATE with all the reference tables: nothing to do
uq -c 'SET client_min_messages = warning' -c "ALTER EXTENSION roleext UPDATE" >/dev/null
# DROP EXTENSION ... CASCADE while a user's distributed table and reference
# table have roleext columns: refused (roleext_citus_drop_guard) before
# anything is dropped, also when it comes through pg_trgm, which roleext
# requires; Citus's metadata and the rows intact on every node
uq >/dev/null <<'SQL' || fail "creating the user's Citus tables failed"
SET client_min_messages = warning;
CREATE TABLE public.guard_dist (id int, role roleext.rolecode, codes roleext.soccode[]);
SELECT create_distributed_table('public.guard_dist', 'role', shard_count => 4);
INSERT INTO public.guard_dist SELECT n, 'DEI.GEN.P1', '{15-1252}' FROM generate_series(1, 20) n;
CREATE TABLE public.guard_ref (code roleext.soccode PRIMARY KEY);
SELECT create_reference_table('public.guard_ref');
INSERT INTO public.guard_ref VALUES ('15-1252'), ('29-1141');
SQL
for stmt in "DROP EXTENSION roleext CASCADE" "DROP EXTENSION pg_trgm CASCADE"; do
  err=$(uq -c '\set VERBOSITY verbose' -c "$stmt" 2>&1) && fail "$stmt with a distributed roleext column was not refused"
  for want in '2BP01' 'cannot drop extension roleext because Citus table public.guard_dist has a column of a roleext type' \
              'Column role of distributed table public.guard_dist is of type roleext.rolecode, its distribution column.' \
              'Column code of reference table public.guard_ref is of type roleext.soccode.' \
              "undistribute_table('public.guard_dist'), undistribute_table('public.guard_ref')"; do
    grep -qF "$want" <<<"$err" || { echo "$err"; fail "$stmt: the refusal lacks: $want"; }
  done
done
for n in 0 1 2; do
  m=$(rx_citus_psql $n -d $up -c "SELECT count(*) FROM pg_dist_partition WHERE logicalrelid::text IN ('guard_dist', 'guard_ref')")
  [ "$m" = 2 ] || fail "node $n: a refused DROP EXTENSION changed Citus's metadata of the user's tables ($m)"
done
[ "$(uq -c "SELECT count(*) FROM public.guard_dist WHERE role::text = 'DEI.GEN.P1'") $(uq -c "SELECT count(*) FROM public.guard_ref")" = "20 2" ] ||
  fail "the user's Citus tables lost rows in a refused DROP EXTENSION"
uq -c 'SET client_min_messages = warning' -c "SELECT undistribute_table('public.guard_dist')" \
   -c "SELECT undistribute_table('public.guard_ref')" >/dev/null || fail "undistribute_table failed"
# DROP EXTENSION ... CASCADE with only roleext's own tables distributed: the
# reference tables and their shards go, and Citus's metadata with them (the
# user's undistributed tables lose their roleext columns, as on one node)
uq -c 'SET client_min_messages = warning' -c "DROP EXTENSION roleext CASCADE" 2>"$work/drop.err" ||
  { cat "$work/drop.err"; fail "DROP EXTENSION roleext CASCADE failed"; }
for n in 0 1 2; do
  left=$(rx_citus_psql $n -d $up -c "SELECT (SELECT count(*) FROM pg_dist_partition) || ' ' || (SELECT count(*) FROM pg_dist_shard)
                                       || ' ' || (SELECT count(*) FROM pg_namespace WHERE nspname = 'roleext')")
  [ "$left" = "0 0 0" ] || fail "node $n: DROP EXTENSION roleext CASCADE left tables, shards or the schema (partitions shards schema: $left)"
done
[ "$(uq -c "SELECT count(*) || ' ' || string_agg(DISTINCT (SELECT string_agg(attname, ',') FROM pg_attribute
                                              WHERE attrelid = 'public.guard_dist'::regclass AND attnum > 0 AND NOT attisdropped), '')
            FROM public.guard_dist")" = "20 id" ] || fail "the undistributed table is not as PostgreSQL leaves it after the drop"
uq -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION roleext' -c "SELECT count(*) FROM roleext.role" >/dev/null ||
  fail "roleext could not be created again after DROP EXTENSION"
for n in 0 1 2; do rx_citus_psql $n -d postgres -c "DROP DATABASE $up WITH (FORCE)" >/dev/null 2>&1 || true; done

# on one node, without Citus, the guard does nothing: the same drop works
sq -c "CREATE TABLE public.guard_local (id int, role roleext.rolecode)" -c "INSERT INTO public.guard_local VALUES (1, 'DEI.GEN.P1')" \
   -c 'SET client_min_messages = warning' -c "DROP EXTENSION roleext CASCADE" >/dev/null ||
  fail "DROP EXTENSION roleext CASCADE failed on the single node"
[ "$(sq -c "SELECT count(*) FROM public.guard_local")" = 1 ] || fail "the single node's DROP EXTENSION CASCADE lost rows"

echo "report: coordinator + 2 workers, $ntab reference tables, $rows distributed titles (8 shards on a rolecode column)"
echo "report: same rows as one node: $n2 typed groups, $n3 soc_autocode codes, $n5 resolve_title rows on the workers"
echo "report: $nread readers of the taxonomy equal on all 3 nodes and the single node, again ($nread2) after imports, reviews and edits on the coordinator"
echo "report: workers' connections map the shared index (0 builds); a coordinator's title coded on $shards shards in its transaction, gone after ROLLBACK"
echo "report: rename_taxonomy_node on the coordinator: every node equals the single node; refused as on one node"
echo "report: pg_dump of the coordinator restored into a fresh Citus database, tables converted and distributed again: $nread readers equal on all 3 nodes, $nrestored distributed rows"
echo "report: DROP EXTENSION roleext CASCADE (or pg_trgm's) refused with 2BP01 while a user's Citus tables have roleext columns, metadata intact; works after undistribute_table"
echo "report: lifecycle: DROP EXTENSION refused with reference tables; ALTER EXTENSION UPDATE $from -> $cur on Citus with the coding tables reference tables, then every table converted; DROP EXTENSION CASCADE of its own reference tables leaves no metadata on any node"
echo "report: coding $rows titles: ${ms_citus} ms distributed, ${ms_single} ms on one node; the check took $(( $(date +%s) - start )) s"
