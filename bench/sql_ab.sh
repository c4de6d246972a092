#!/usr/bin/env bash
# The SQL of two versions of roleext side by side, in the same run: one
# database with CREATE EXTENSION roleext VERSION A (default the released
# 1.2.0, its frozen script sql/released/roleext--1.2.0.sql installed by the
# caller), one with version B (default the current one), both on the server
# and library under test ($PGHOST/$PGPORT, the installation of $PG_CONFIG).
# Each workload runs in A, then in B (best of 3), so that the server's load
# falls on both alike.  Measures what 1.3.0 changed for Citus (issue #18) on
# one node: the importer, validation, the views with and without a one-role
# filter, the card export, reviews, a filter on a typed twin, role inserts
# (role_coord) and resolve_title.  20,000 cards as bench/cards.sql makes
# them.  Not part of `make bench` (it needs two versions installed).
set -euo pipefail
cd "$(dirname "$0")/.."
A=${A:-1.2.0}
B=${B:-$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" roleext.control)}
BIN=$("${PG_CONFIG:-pg_config}" --bindir)
P() { "$BIN/psql" -X -At -q -v ON_ERROR_STOP=1 "$@"; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
sed -n '/^-- 5 superfunctions/,/^-- emptying/p' bench/cards.sql | sed '$d' >"$work/cards.sql"
for v in "$A" "$B"; do
  db=rx_ab_${v//[^0-9a-z]/_}
  P -d postgres -c "DROP DATABASE IF EXISTS $db WITH (FORCE)" -c "CREATE DATABASE $db"
  P -d "$db" -v ver="$v" <<SQL
SET client_min_messages = warning;
CREATE EXTENSION roleext VERSION :'ver' CASCADE;
SET search_path = public, roleext;
\i $work/cards.sql
CREATE TABLE ab_titles AS
SELECT 'Role F' || (i % 20 + 1) || ' ' || (i % 17 + 1) || ' P' || (i % 6 + 1) AS title FROM generate_series(1, 1000) i
UNION ALL SELECT 'Alias B ' || i FROM generate_series(1, 1000) i;
CREATE FUNCTION ab_best(q text, reps int DEFAULT 3) RETURNS numeric LANGUAGE plpgsql AS \$\$
DECLARE t0 timestamptz; best numeric := 'Infinity'; i int;
BEGIN
  FOR i IN 1 .. reps LOOP
    t0 := clock_timestamp();
    EXECUTE q;
    best := least(best, extract(epoch FROM clock_timestamp() - t0) * 1000);
  END LOOP;
  RETURN round(best, 1);
END \$\$;
CREATE FUNCTION ab_import_one_by_one(lim int) RETURNS int LANGUAGE plpgsql AS \$\$
DECLARE c jsonb; k int := 0;
BEGIN
  FOR c IN SELECT b.card FROM bc_cards b ORDER BY b.n LIMIT lim LOOP
    PERFORM roleext.import_role_card(c); k := k + 1;
  END LOOP;
  RETURN k;
END \$\$;
SQL
done
q() {  # q <name> <statements>
  local v a b
  a=$(P -d "rx_ab_${A//[^0-9a-z]/_}" -c "SELECT ab_best(\$q\$$2\$q\$)")
  b=$(P -d "rx_ab_${B//[^0-9a-z]/_}" -c "SELECT ab_best(\$q\$$2\$q\$)")
  printf '| %s | %s | %s | %s |\n' "$1" "$a" "$b" "$(echo "scale=2; $b / $a" | bc)"
}
echo "| workload | $A ms | $B ms | $B / $A |"
echo "|---|---|---|---|"
q "import_role_cards, 20,000 cards in one batch" "DELETE FROM roleext.mapping; DELETE FROM roleext.role_alias; DELETE FROM roleext.role_component; DELETE FROM roleext.role; DELETE FROM roleext.component; DELETE FROM roleext.taxonomy WHERE kind = 'specialization'; DELETE FROM roleext.taxonomy WHERE kind = 'function'; DELETE FROM roleext.taxonomy; SELECT count(*) FROM roleext.import_role_cards((SELECT jsonb_agg(card ORDER BY n) FROM bc_cards))"
for v in "$A" "$B"; do P -d "rx_ab_${v//[^0-9a-z]/_}" -c "VACUUM ANALYZE"; done
q "import_role_card one by one, 2,000 unchanged cards" "SELECT ab_import_one_by_one(2000)"
q "validate_role_card, 20,000 cards" "SELECT count(*) FROM bc_cards, roleext.validate_role_card(card)"
q "role_soc, all 20,000 roles" "SELECT count(*), count(major_title) FROM roleext.role_soc"
q "role_card, all 20,000 roles" "SELECT count(*), sum(skills) FROM roleext.role_card"
q "role_soc WHERE role = one, 200 times" "SELECT count(*) FROM generate_series(1, 200) i, LATERAL (SELECT * FROM roleext.role_soc s WHERE s.role = 'F1_1.SPEC' || (i % 20 + 1) || '.P3' OFFSET 0) x"
q "role_card WHERE role = one, 200 times" "SELECT count(*) FROM generate_series(1, 200) i, LATERAL (SELECT * FROM roleext.role_card s WHERE s.role = 'F1_1.SPEC' || (i % 20 + 1) || '.P3' OFFSET 0) x"
q "role_cards_json, 20,000 roles" "SELECT length(roleext.role_cards_json()::text)"
for v in "$A" "$B"; do
  P -d "rx_ab_${v//[^0-9a-z]/_}" -c "CREATE TABLE ab_pick AS SELECT role, code FROM roleext.role_mappings WHERE inherited_from IS NOT NULL ORDER BY role LIMIT 300"
done
q "approve_mapping of an inherited code, 100 times" "WITH p AS (DELETE FROM ab_pick WHERE ctid IN (SELECT ctid FROM ab_pick LIMIT 100) RETURNING *) SELECT count(roleext.approve_mapping(p.role::roleext.rolecode, p.code)) FROM p"
q "taxonomy_tree() WHERE node = one, 200 times" "SELECT count(*) FROM generate_series(1, 200) i, LATERAL (SELECT * FROM roleext.taxonomy_tree() t WHERE t.node OPERATOR(roleext.=) ('F1_' || (i % 20 + 1))::roleext.rolecode OFFSET 0) x"
q "INSERT 2,000 roles (role_coord each), then DELETE" "INSERT INTO roleext.role (code, title) SELECT ('F3_' || (i % 20 + 1) || '.SPEC' || (i / 20 % 20 + 1) || '.E' || (i / 400 + 1))::roleext.rolecode, 'x' FROM generate_series(0, 1999) i; DELETE FROM roleext.role WHERE code::text LIKE '%.E_'"
q "resolve_title, 2,000 titles" "SELECT count(*) FROM ab_titles t, roleext.resolve_title(t.title) r"
for v in "$A" "$B"; do P -d postgres -c "DROP DATABASE IF EXISTS rx_ab_${v//[^0-9a-z]/_} WITH (FORCE)"; done
