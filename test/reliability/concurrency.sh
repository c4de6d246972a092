#!/usr/bin/env bash
# Mixed concurrency (doc/reliability.md): pgbench clients run, at once,
# single and batch imports of overlapping role cards (import_role_card,
# import_role_cards), resolve_title and soc_autocode over HRIS titles,
# title_dictionary edits (user titles in and out) and reviews (approve_alias,
# review_mapping), in a throwaway cluster.  Afterwards: every code holds
# exactly the card its last committed import wrote, whole (role_card_json
# equals it), no orphan rows, every role's coord current.  Errors are
# counted by SQLSTATE from the server log; deadlocks (40P01, the known
# single/batch import deadlock) are counted apart.  Fails on a crash, an
# error other than 40P01, or a broken invariant.
#   test/reliability/concurrency.sh [seconds=20] [clients=6]
set -euo pipefail
cd "$(dirname "$0")/../.."
seconds=${1:-20}
clients=${2:-6}
source scripts/cluster.sh
rx_cluster_start -c "log_line_prefix=[%e]" -c log_min_messages=warning -c deadlock_timeout=100ms
BIN=$RX_BINDIR
work=$(mktemp -d /tmp/roleext-concurrency.XXXXXX)
trap '[ -n "${KEEP:-}" ] && cp "$work"/pgbench.out "$KEEP" ; rm -rf "$work"; rx_cluster_stop' EXIT
psql() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -d bench "$@"; }
"$BIN/createdb" bench
psql -c 'CREATE EXTENSION roleext CASCADE' 2>/dev/null
psql -1 -f sample/load.sql >/dev/null
psql -1 -v hris_rows=500 -f sample/hris.sql >/dev/null
psql >/dev/null <<'SQL'
SET client_min_messages = warning;
CREATE SCHEMA bench;
-- half of the roles are imported by the clients (5 variants of each card,
-- differing in summary, story and an alias), the other half reviewed
CREATE TABLE bench.code AS
  SELECT row_number() OVER (ORDER BY code) AS code_no, code FROM roleext.role
  WHERE pg_catalog.hashtext(code::text) % 2 = 0;
CREATE TABLE bench.card_pool (id serial PRIMARY KEY, code_no int, variant int, code roleext.rolecode, card jsonb);
DO $$
DECLARE c record; k int; base jsonb;
BEGIN
  FOR c IN SELECT * FROM bench.code ORDER BY code_no LOOP
    base := roleext.role_card_json(c.code);
    FOR k IN 1..5 LOOP
      -- imported once here so that the pool holds each card as role_card_json writes it
      PERFORM roleext.import_role_card(
        pg_catalog.jsonb_set(base, '{story,who}', pg_catalog.to_jsonb('who, variant ' || k))
        || pg_catalog.jsonb_build_object('summary', 'summary, variant ' || k,
             'aliases', (base -> 'aliases') || pg_catalog.jsonb_build_array(pg_catalog.jsonb_build_object(
                'type', 'internal', 'alias', (base ->> 'title') || ' v' || k, 'confidence', 0.5))));
      INSERT INTO bench.card_pool (code_no, variant, code, card) VALUES (c.code_no, k, c.code, roleext.role_card_json(c.code));
    END LOOP;
  END LOOP;
END $$;
CREATE TABLE bench.import_log (seq bigserial PRIMARY KEY, code roleext.rolecode, card_id int);
-- the other half: aliases and a mapping of each role to review
CREATE TABLE bench.review_alias AS
  SELECT row_number() OVER (ORDER BY a.role, a.alias) AS k, a.role, a.alias
  FROM roleext.role_alias a WHERE NOT EXISTS (SELECT 1 FROM bench.code b WHERE b.code OPERATOR(roleext.=) a.role);
CREATE TABLE bench.review_role AS
  SELECT row_number() OVER (ORDER BY r.code) AS k, r.code FROM roleext.role r
  WHERE NOT EXISTS (SELECT 1 FROM bench.code b WHERE b.code OPERATOR(roleext.=) r.code);
INSERT INTO roleext.mapping (role, scheme, soc, source) SELECT code, 'soc2018', '15-1252', 'autocoded' FROM bench.review_role;
CREATE TABLE bench.unused_components AS
  SELECT count(*) AS n FROM roleext.component c
  WHERE NOT EXISTS (SELECT 1 FROM roleext.role_component rc WHERE rc.kind = c.kind AND rc.name = c.name);
SQL
ncodes=$(psql -At -c 'SELECT count(*) FROM bench.code')
nalias=$(psql -At -c 'SELECT count(*) FROM bench.review_alias')
nrole=$(psql -At -c 'SELECT count(*) FROM bench.review_role')
cat >"$work/import_single.sql" <<EOF2
\set a random(1, $ncodes)
\set v random(1, 5)
BEGIN;
SELECT roleext.import_role_card(card) FROM bench.card_pool WHERE code_no = :a AND variant = :v;
INSERT INTO bench.import_log (code, card_id) SELECT code, id FROM bench.card_pool WHERE code_no = :a AND variant = :v;
COMMIT;
EOF2
cat >"$work/import_batch.sql" <<EOF2
\set a random(1, $ncodes)
\set b random(1, $ncodes)
\set c random(1, $ncodes)
\set d random(1, $ncodes)
\set v random(1, 5)
BEGIN;
SELECT count(*) FROM roleext.import_role_cards((SELECT pg_catalog.jsonb_agg(card ORDER BY id) FROM bench.card_pool WHERE code_no IN (:a, :b, :c, :d) AND variant = :v));
INSERT INTO bench.import_log (code, card_id) SELECT code, id FROM bench.card_pool WHERE code_no IN (:a, :b, :c, :d) AND variant = :v ORDER BY id;
COMMIT;
EOF2
cat >"$work/resolve.sql" <<'EOF2'
\set e random(1, 500)
SELECT count(*) FROM public.hris_employee e CROSS JOIN LATERAL roleext.resolve_title(e.title, 3) r WHERE e.employee_id = :e;
EOF2
cat >"$work/autocode.sql" <<'EOF2'
\set e random(1, 500)
SELECT count(*) FROM public.hris_employee e CROSS JOIN LATERAL roleext.soc_autocode(e.title, 3) r WHERE e.employee_id = :e;
EOF2
cat >"$work/dictionary.sql" <<'EOF2'
\set r random(1, 50)
INSERT INTO roleext.title_dictionary (title, code) VALUES ('bench title ' || :client_id || '-' || :r, '15-1252.00') ON CONFLICT DO NOTHING;
DELETE FROM roleext.title_dictionary WHERE source = 'user' AND title = 'bench title ' || :client_id || '-' || (:r + 1);
EOF2
cat >"$work/review.sql" <<EOF2
\set k random(1, $nalias)
\set m random(1, $nrole)
\set yes random(0, 1)
SELECT roleext.review_alias(role, alias, :yes = 1, 'bench') FROM bench.review_alias WHERE k = :k;
SELECT roleext.review_mapping(code, '15-1252', (CASE WHEN :yes = 1 THEN 'approved' ELSE 'rejected' END)::roleext.review_status, 'soc2018', 'bench') FROM bench.review_role WHERE k = :m;
EOF2
set +e
"$BIN/pgbench" -n -d bench -c "$clients" -j 2 -T "$seconds" --max-tries=1 --failures-detailed \
  -f "$work/import_single.sql@6" -f "$work/import_batch.sql@3" -f "$work/resolve.sql@4" \
  -f "$work/autocode.sql@1" -f "$work/dictionary.sql@1" -f "$work/review.sql@3" >"$work/pgbench.out" 2>"$work/pgbench.err"
status=$?
set -e
log=$RX_CLUSTER_DIR/server.log
crashes=$(grep -c 'terminated by signal' "$log" || true)
tx=$(sed -n 's/^number of transactions actually processed: \([0-9]*\).*/\1/p' "$work/pgbench.out")
failed=$(sed -n 's/^number of failed transactions: \([0-9]*\).*/\1/p' "$work/pgbench.out")
deadlocks=$(sed -n 's/^number of deadlock failures: \([0-9]*\).*/\1/p' "$work/pgbench.out")
aborted=$(grep -c 'aborted in command' "$work/pgbench.err" || true)
echo "concurrency: $clients clients, $seconds s, ${tx:-?} transactions, ${failed:-?} failed (${deadlocks:-?} deadlocks 40P01), $aborted clients aborted, $crashes backend crashes (pgbench exit $status)"
echo "server errors by SQLSTATE:"
grep -oE '^\[[0-9A-Z]{5}\](ERROR|FATAL|PANIC):' "$log" | sort | uniq -c | sort -rn | sed 's/^/  /' || true
bad=0
other=$(grep -oE '^\[[0-9A-Z]{5}\](ERROR|FATAL|PANIC):' "$log" | grep -v '^\[40P01\]' || true)
if [ -n "$other" ] || [ "$aborted" -gt 0 ] || [ "$crashes" -gt 0 ] || [ -z "$tx" ]; then
  echo "errors other than 40P01:"; grep -E '^\[[0-9A-Z]{5}\](ERROR|FATAL|PANIC)' "$log" | grep -v '^\[40P01\]' | sort | uniq -c | head -10
  head -5 "$work/pgbench.err"; bad=1
fi
# the invariants
psql -At >"$work/invariants" <<'SQL'
SET search_path = roleext, public;
WITH last AS (SELECT DISTINCT ON (code) code, card_id FROM bench.import_log ORDER BY code, seq DESC)
SELECT 'cards not whole: ' || count(*) FILTER (WHERE role_card_json(l.code) IS DISTINCT FROM p.card) || ' of ' || count(*)
FROM last l JOIN bench.card_pool p ON p.id = l.card_id;
SELECT 'roles with a stale coord: ' || count(*) FROM role r WHERE r.coord IS DISTINCT FROM role_coord(r.code);
SELECT 'roles without their node: ' || count(*) FROM role r WHERE NOT EXISTS (SELECT 1 FROM taxonomy t WHERE t.code = r.node);
SELECT 'component positions with gaps: ' || count(*) FROM (
  SELECT role, kind FROM role_component GROUP BY role, kind HAVING max(position) <> count(*)) g;
SELECT 'new unused components: ' || ((SELECT count(*) FROM component c WHERE NOT EXISTS (
  SELECT 1 FROM role_component rc WHERE rc.kind = c.kind AND rc.name = c.name)) - (SELECT n FROM bench.unused_components));
SELECT 'aliases of unknown roles: ' || count(*) FROM role_alias a WHERE NOT EXISTS (SELECT 1 FROM role r WHERE r.code = a.role);
SELECT 'user titles not from the bench: ' || count(*) FROM title_dictionary WHERE source = 'user' AND title NOT LIKE 'bench title %';
SQL
sed 's/^/  /' "$work/invariants"
if grep -vE '(: 0$|: 0 of [0-9]+$)' "$work/invariants" | grep -q .; then echo "an invariant is broken"; bad=1; fi
psql -At -c 'SELECT count(DISTINCT code) FROM bench.import_log' | grep -qv '^0$' || { echo "no import committed"; bad=1; }
exit $bad
