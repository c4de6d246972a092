#!/usr/bin/env bash
# Job titles in databases that are not UTF8.  In SQL_ASCII the text bytes go
# to the normalizer as they are: valid UTF-8 works, invalid UTF-8 raises
# 22021 with the title quoted and an errdetail sentence.  In LATIN1 a title
# is converted to UTF-8 and the result back, so Latin-1 text works.
# Run by `make test` against the throwaway cluster; exit 0 = pass.
set -euo pipefail
db_ascii=rx_title_sql_ascii_$$
db_latin1=rx_title_latin1_$$
cleanup() { dropdb --if-exists "$db_ascii" 2>/dev/null; dropdb --if-exists "$db_latin1" 2>/dev/null; }
trap cleanup EXIT
export PGCLIENTENCODING=UTF8

fail() { echo "$1"; echo "  got:  $2"; echo "  want: $3"; exit 1; }
check() {  # check <db> <sql> <expected output>; errors show their SQLSTATE
  local got
  got=$(psql -X -At -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -d "$1" -c "$2" 2>&1 | grep -v '^LOCATION:') || true
  [ "$got" = "$3" ] || fail "$1: $2" "$got" "$3"
}

# --- SQL_ASCII ---------------------------------------------------------------
createdb -E SQL_ASCII -T template0 --locale=C "$db_ascii"
psql -X -q -v ON_ERROR_STOP=1 -d "$db_ascii" -c 'CREATE EXTENSION roleext CASCADE'
check "$db_ascii" "SELECT roleext.title_normalize('Café Manager (Remote)')" 'cafe manager'
check "$db_ascii" "SELECT roleext.title_normalize('ГЛАВНЫЙ ИНЖЕНЕР')" 'главный инженер'
check "$db_ascii" "SELECT roleext.title_level('Sr. DevOps Eng II (Remote)')" 'P3'
# a Latin-1 byte is not UTF-8: 22021, the title quoted with the byte escaped
check "$db_ascii" "SELECT roleext.title_normalize(E'Caf\\xe9 Manager')" \
'ERROR:  22021: job title is not valid UTF-8: "Caf\xE9 Manager"
DETAIL:  The UTF-8 sequence that starts with byte 0xE9 at byte position 4 is cut short: byte 0x20 after it is not a continuation byte.'
check "$db_ascii" "SELECT roleext.title_level(E'Senior \\xc0\\xaf')" \
'ERROR:  22021: job title is not valid UTF-8: "Senior \xC0\xAF"
DETAIL:  The byte 0xC0 at byte position 8 never occurs in UTF-8.'
check "$db_ascii" "SELECT normalized FROM roleext.title_parse(E'\\xed\\xa0\\x80')" \
'ERROR:  22021: job title is not valid UTF-8: "\xED\xA0\x80"
DETAIL:  The UTF-8 sequence at byte position 1 encodes the UTF-16 surrogate U+D800, which UTF-8 does not allow.'
# the error can be caught by SQLSTATE
check "$db_ascii" "DO \$\$ BEGIN PERFORM roleext.title_normalize(E'\\xff'); EXCEPTION WHEN character_not_in_repertoire THEN RAISE NOTICE 'caught'; END \$\$" \
'NOTICE:  00000: caught
DO'

# --- LATIN1 ------------------------------------------------------------------
createdb -E LATIN1 -T template0 --locale=C "$db_latin1"
psql -X -q -v ON_ERROR_STOP=1 -d "$db_latin1" -c 'CREATE EXTENSION roleext CASCADE'
check "$db_latin1" "SELECT roleext.title_normalize('Café Manager (Remote)')" 'cafe manager'
check "$db_latin1" "SELECT roleext.title_normalize('STRAßENBAUER, ÆRØ')" 'strassenbauer aero'
check "$db_latin1" "SELECT roleext.title_normalize('Mikro µ Analyst')" 'mikro µ analyst'
check "$db_latin1" "SELECT roleext.title_level('Señor Director')" 'M4'
check "$db_latin1" "SELECT (roleext.title_parse('Jr Ingénieur')).normalized" 'ingenieur'
echo "title_encoding: SQL_ASCII and LATIN1 behave"
