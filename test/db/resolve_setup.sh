#!/usr/bin/env bash
# resolve_title wherever pg_trgm lives: installed first in a schema of its
# own (off the search_path), then moved to another; through pg_dump and
# pg_restore of that database; and in a LATIN1 database, where titles and
# aliases are converted to UTF-8 for the normalizer and back.
# Run by `make test` against the throwaway cluster; exit 0 = pass.
set -euo pipefail
BIN=$("${PG_CONFIG:-pg_config}" --bindir)
db=rx_resolve_trgm_$$
db2=rx_resolve_trgm_restored_$$
db_latin1=rx_resolve_latin1_$$
db_ascii=rx_resolve_sql_ascii_$$
work=$(mktemp -d)
cleanup() {
  rm -rf "$work"
  for d in "$db" "$db2" "$db_latin1" "$db_ascii"; do "$BIN/dropdb" --if-exists "$d" 2>/dev/null || true; done
}
trap cleanup EXIT
export PGCLIENTENCODING=UTF8 PGOPTIONS="-c client_min_messages=warning"
psql() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

fail() { echo "$1"; echo "  got:  $2"; echo "  want: $3"; exit 1; }
check() {  # check <db> <sql> <expected output>
  local got
  got=$(psql -At -d "$1" -c "SET search_path = pg_catalog" -c "$2" 2>&1) || true
  [ "$got" = "$3" ] || fail "$1: $2" "$got" "$3"
}
# an exact match with the level ladder, and a close match (the title engine at work)
answer="SELECT string_agg(r.role || ' ' || r.confidence || ' ' || r.method, ', ' ORDER BY u.o, r.n)
        FROM unnest(ARRAY['Principal Data Engineer', 'Backend Engg Mgr (Payments)']) WITH ORDINALITY u(t, o)
        CROSS JOIN LATERAL roleext.resolve_title(u.t, 2) WITH ORDINALITY r(role, a, b, confidence, c, method, d, n)"
want='DAT.ENG.P4 0.80 exact, DAT.ENG.P3 0.70 exact, SWE.BE.M2 0.4952 trigram, CSM.GEN.M2 0.0239 trigram'

check_error() {  # check_error <db> <sql> <expected SQLSTATE: message>
  local got
  got=$(psql -At -v VERBOSITY=verbose -d "$1" -c "$2" 2>&1 | sed -n 's/^ERROR:  //p') || true
  [ "$got" = "$3" ] || fail "$1: $2" "$got" "$3"
}

# pg_trgm in a schema of its own, not on anyone's search_path
"$BIN/createdb" "$db"
psql -d "$db" -c 'CREATE SCHEMA trgm_home' -c 'CREATE EXTENSION pg_trgm SCHEMA trgm_home' \
     -c 'CREATE EXTENSION roleext'
psql -d "$db" -1 -f sample/load.sql >/dev/null
check "$db" "$answer" "$want"

# moved to another schema after roleext was created
psql -d "$db" -c 'CREATE SCHEMA trgm_moved' -c 'ALTER EXTENSION pg_trgm SET SCHEMA trgm_moved'
check "$db" "$answer" "$want"

# dump and restore: pg_trgm comes back in its schema before roleext, the
# aliases' generated columns are computed again
"$BIN/pg_dump" -Fc -f "$work/dump" "$db"
"$BIN/createdb" "$db2"
"$BIN/pg_restore" --exit-on-error -d "$db2" "$work/dump"
check "$db2" "$answer" "$want"
check "$db2" "SELECT count(*) FILTER (WHERE alias_norm IS NULL) || ' of ' || count(*) FROM roleext.role_alias" '0 of 186'

# LATIN1: an accented alias and title, converted both ways
"$BIN/createdb" -E LATIN1 -T template0 --locale=C "$db_latin1"
psql -d "$db_latin1" -c 'CREATE EXTENSION roleext CASCADE'
psql -d "$db_latin1" <<'SQL'
SET search_path = roleext, public;
INSERT INTO taxonomy (code, kind, name) VALUES ('HOS', 'function', 'Hospitality');
INSERT INTO taxonomy (code, kind, name, parent) VALUES ('HOS.CAF', 'specialization', 'Cafés', 'HOS');
INSERT INTO role (code, title) VALUES ('HOS.CAF.M2', 'Café Manager'), ('HOS.CAF.P2', 'Barista');
INSERT INTO role_alias (role, alias, confidence) VALUES ('HOS.CAF.P2', 'Café Attendant', '0.70');
SQL
check "$db_latin1" "SELECT string_agg(role || ' ' || role_title || ' ' || matched_alias || ' ' || method, ', ') FROM roleext.resolve_title('SENIOR CAFÉ ATTENDANT - Paris', 1)" \
      'HOS.CAF.P2 Barista Café Attendant exact'
check "$db_latin1" "SELECT role || ' ' || role_title FROM roleext.resolve_title('cafe manager', 1)" 'HOS.CAF.M2 Café Manager'

# SQL_ASCII: bytes that are not UTF-8 raise 22021, like title_normalize
"$BIN/createdb" -E SQL_ASCII -T template0 --locale=C "$db_ascii"
psql -d "$db_ascii" -c 'CREATE EXTENSION roleext CASCADE'
check_error "$db_ascii" "SELECT * FROM roleext.resolve_title(E'Caf\\xE9 Manager')" \
      '22021: job title is not valid UTF-8: "Caf\xE9 Manager"'
check "$db_ascii" "SELECT method || ' ' || needs_review FROM roleext.resolve_title('Café Manager')" 'none true'
echo "resolve_title: pg_trgm off the path, moved, restored; LATIN1; SQL_ASCII"
