#!/usr/bin/env bash
# pg_dump -> pg_restore into a new database loses nothing: the sample
# taxonomy plus user edits (an edited default level, a user level, reviews)
# come back table by table, and every role card exports the same.
set -euo pipefail
BIN=$("${PG_CONFIG:-pg_config}" --bindir)
src=roleext_dump_src
dst=roleext_dump_dst
work=$(mktemp -d)
trap 'rm -rf "$work"; "$BIN/dropdb" --if-exists $src; "$BIN/dropdb" --if-exists $dst' EXIT
"$BIN/dropdb" --if-exists $src; "$BIN/dropdb" --if-exists $dst
"$BIN/createdb" $src
psql() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
psql -d $src -c 'CREATE EXTENSION roleext CASCADE'
psql -d $src -1 -f sample/load.sql >/dev/null
psql -d $src -o /dev/null <<'SQL'
SET search_path = roleext, public;
UPDATE level SET grade = 3.5, scope = 'Edited scope' WHERE code = 'M1';  -- an edited default
INSERT INTO level (code, name, grade) VALUES ('IC3', 'Individual Contributor 3', 3);  -- a user level
DELETE FROM level WHERE code = 'E5';                                      -- a deleted default (comes back: documented)
SELECT approve_alias('DEI.GEN.P1', 'P1–P4', 'ann');
SELECT reject_mapping('DEI.GEN.P2', '15-0000', 'soc2018', 'bob', 'too broad');
SELECT approve_mapping('DEI.GEN.P1', '15-0000', 'soc2018', 'ann');
-- a parent row written after its children: COPY meets the children first
UPDATE taxonomy SET parent = 'BIZ' WHERE code = 'DEI';
UPDATE taxonomy SET parent = 'TECH' WHERE code = 'DEI';
SQL

"$BIN/pg_dump" -Fc -f "$work/dump" $src
"$BIN/createdb" $dst
"$BIN/pg_restore" --exit-on-error -d $dst "$work/dump"

# table by table, row by row (E5, deleted in the source, is restored as a
# default: compare levels without it)
fingerprint() {
  psql -d "$1" -At <<'SQL'
SET search_path = roleext, public;
SELECT 'level', md5(string_agg(t::text, E'\n' ORDER BY t::text)) FROM level t WHERE code <> 'E5'
UNION ALL SELECT 'taxonomy', md5(string_agg(t::text, E'\n' ORDER BY t::text)) FROM taxonomy t
UNION ALL SELECT 'role', md5(string_agg(t::text, E'\n' ORDER BY t::text)) FROM role t
UNION ALL SELECT 'component', md5(string_agg(t::text, E'\n' ORDER BY t::text)) FROM component t
UNION ALL SELECT 'role_component', md5(string_agg(t::text, E'\n' ORDER BY t::text)) FROM role_component t
UNION ALL SELECT 'role_alias', md5(string_agg(t::text, E'\n' ORDER BY t::text)) FROM role_alias t
UNION ALL SELECT 'mapping', md5(string_agg(t::text, E'\n' ORDER BY t::text)) FROM mapping t
UNION ALL SELECT 'cards', md5(string_agg(role_card_json(code)::text, E'\n' ORDER BY code)) FROM role
UNION ALL SELECT 'counts', (SELECT count(*) FROM role) || ' roles, ' || (SELECT count(*) FROM role_alias) || ' aliases';
SQL
}
a=$(fingerprint $src)
b=$(fingerprint $dst)
if [ "$a" != "$b" ]; then
  echo "dump/restore changed data:"; diff <(echo "$a") <(echo "$b") || true
  exit 1
fi
echo "$a" | grep '^counts'
# the edited default and the user level survived
test "$(psql -d $dst -At -c "SET search_path = roleext" -c "SELECT grade || ' ' || is_default FROM level WHERE code = 'M1'")" = "3.5 false"
test "$(psql -d $dst -At -c "SET search_path = roleext" -c "SELECT count(*) FROM level WHERE code = 'IC3'")" = "1"
