#!/usr/bin/env bash
# soc_autocode across dumps and encodings (the shared index across sessions
# is test/db/autocode_shared.sh):
#  1. users' titles survive pg_dump / pg_restore, the shipped rows are not
#     dumped (CREATE EXTENSION brings them back), the dictionary's version is
#     not dumped, and the restored database codes with the user's titles
#     through the shared image its restore published;
#  2. databases that are not UTF8: in SQL_ASCII invalid UTF-8 raises 22021
#     (a query, a dictionary row), in LATIN1 titles and the evidence are
#     converted both ways.
set -euo pipefail
BIN=$("${PG_CONFIG:-pg_config}" --bindir)
src=roleext_ac_src
dst=roleext_ac_dst
work=$(mktemp -d)
ascii=roleext_ac_ascii
latin1=roleext_ac_latin1
dropall() { for d in $src $dst $ascii $latin1; do "$BIN/dropdb" --if-exists $d 2>/dev/null; done; }
trap 'rm -rf "$work"; dropall' EXIT
dropall
"$BIN/createdb" $src
psql() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
psql -d $src -c 'CREATE EXTENSION roleext CASCADE'
# 1. dump and restore
psql -d $src -c "INSERT INTO roleext.title_dictionary (title, code) VALUES ('Chief Vibes Officer', '11-1011'), ('Glimmerstone Appraiser', '27-2012')"
"$BIN/pg_dump" -Fc -f "$work/dump" $src
"$BIN/createdb" $dst
"$BIN/pg_restore" --exit-on-error -d $dst "$work/dump"
fingerprint() {
  psql -d "$1" -At <<'SQL'
SET search_path = roleext;
SELECT source, count(*), md5(string_agg(title || '|' || code::text, E'\n' ORDER BY code, title))
FROM title_dictionary GROUP BY source ORDER BY source;
SQL
}
a=$(fingerprint $src)
b=$(fingerprint $dst)
if [ "$a" != "$b" ]; then
  echo "dump/restore changed the title dictionary:"; diff <(echo "$a") <(echo "$b") || true
  exit 1
fi
echo "$a" | grep '^user|2|' >/dev/null || { echo "the user titles are missing: $a"; exit 1; }
test "$(psql -d $dst -At -c "SELECT code FROM roleext.soc_autocode('Chief Vibes Officer') LIMIT 1")" = "11-1011.00"
test "$(psql -d $dst -At -c "SELECT code || ' ' || shared || ' ' || builds FROM roleext.soc_autocode('Glimmerstone Appraiser', 1), roleext.soc_autocode_index()")" = "27-2012.00 true 0"
test "$(psql -d $dst -At -c "SELECT count(*) FROM pg_extension e, unnest(e.extconfig) c WHERE e.extname = 'roleext' AND c = 'roleext.title_dictionary_version'::regclass")" = 0
echo "user titles restored; the restored database codes with them, from the image its restore published"

# 2. encodings
export PGCLIENTENCODING=UTF8
check() {  # check <db> <sql> <expected output>; errors show their SQLSTATE
  local got
  got=$("$BIN/psql" -X -At -v ON_ERROR_STOP=1 -v VERBOSITY=verbose -d "$1" -c "$2" 2>&1 | grep -v '^LOCATION:') || true
  [ "$got" = "$3" ] || { echo "$1: $2"; echo "  got:  $got"; echo "  want: $3"; exit 1; }
}
"$BIN/createdb" -E SQL_ASCII -T template0 --locale=C $ascii
psql -d $ascii -c 'CREATE EXTENSION roleext CASCADE'
check $ascii "SELECT code FROM roleext.soc_autocode('Dental Hygiénist (Remote)', 1)" '29-1292.00'
check $ascii "SELECT count(*) FROM roleext.soc_autocode(E'Caf\\xe9 Manager')" \
'ERROR:  22021: job title is not valid UTF-8: "Caf\xE9 Manager"
DETAIL:  The UTF-8 sequence that starts with byte 0xE9 at byte position 4 is cut short: byte 0x20 after it is not a continuation byte.'
check $ascii "INSERT INTO roleext.title_dictionary (title, code) VALUES (E'Caf\\xe9 Boss', '11-9051')" \
'ERROR:  22021: job title is not valid UTF-8: "Caf\xE9 Boss"
DETAIL:  The UTF-8 sequence that starts with byte 0xE9 at byte position 4 is cut short: byte 0x20 after it is not a continuation byte.'
"$BIN/createdb" -E LATIN1 -T template0 --locale=C $latin1
psql -d $latin1 -c 'CREATE EXTENSION roleext CASCADE'
psql -d $latin1 -c "INSERT INTO roleext.title_dictionary (title, code) VALUES ('Chef Pâtissière Zéphyrine', '51-3011')"
check $latin1 "SELECT code || ' ' || matched FROM roleext.soc_autocode('CHEF PÂTISSIÈRE ZÉPHYRINE (Remote)', 1)" \
  '51-3011.00 Chef Pâtissière Zéphyrine'
check $latin1 "SELECT code || ' ' || matched FROM roleext.soc_autocode('Résumé Writer', 1)" '21-1012.00 Resume Writer'
echo "encodings: SQL_ASCII refuses invalid UTF-8, LATIN1 converts both ways"
