#!/usr/bin/env bash
# export_user_data -> DROP EXTENSION -> CREATE EXTENSION -> import_user_data
# gives back every user row: the export taken again is equal, the checksums
# of the user rows of every roleext table are equal, the set of levels too
# (a deleted default stays deleted).  A reader may export, not import; an
# import into a database that already holds user rows is refused.
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=$("${PG_CONFIG:-pg_config}" --bindir)
db=roleext_backup
work=$(mktemp -d)
trap 'rm -rf "$work"; "$BIN/dropdb" --if-exists $db; "$BIN/psql" -X -q -d postgres -c "DROP ROLE IF EXISTS roleext_backup_reader, roleext_backup_editor" 2>/dev/null || true' EXIT
"$BIN/dropdb" --if-exists $db
"$BIN/createdb" $db
psql() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -d $db "$@"; }
fail() { echo "FAIL: $*"; exit 1; }
psql -c 'CREATE EXTENSION roleext CASCADE'
psql -1 -f test/upgrade/user_data.sql >/dev/null
psql -c 'SET search_path = roleext, public' -c "DELETE FROM roleext.level WHERE code = 'E5'" \
     -c "UPDATE roleext.role SET summary = 'edited by hand' WHERE code = 'DEI.GEN.P2'"
# checksums of the user rows of the roleext tables (test/upgrade/checksums.sql)
psql -f test/upgrade/checksums.sql -o "$work/q.sql"
grep 'roleext\.' "$work/q.sql" >"$work/q-roleext.sql"
echo "SELECT 'levels', string_agg(code::text, ',' ORDER BY code) FROM roleext.level;" >>"$work/q-roleext.sql"
echo "SELECT 'cards', md5(string_agg(roleext.role_card_json(code)::text, E'\n' ORDER BY code)) FROM roleext.role;" >>"$work/q-roleext.sql"
psql -At -f "$work/q-roleext.sql" >"$work/before"
psql -At -c 'SELECT roleext.export_user_data()' >"$work/export.json"

# privileges: readers export, only editors import
psql -c 'DROP ROLE IF EXISTS roleext_backup_reader, roleext_backup_editor' \
     -c 'CREATE ROLE roleext_backup_reader' -c 'CREATE ROLE roleext_backup_editor' \
     -c "SELECT roleext.grant_reader('roleext_backup_reader'), roleext.grant_editor('roleext_backup_editor')" >/dev/null
psql -At -c "SET ROLE roleext_backup_reader" -c 'SELECT roleext.export_user_data()' >"$work/reader.json"
cmp -s "$work/reader.json" "$work/export.json" || fail "a reader's export differs"
test "$(psql -At -c "SELECT has_function_privilege('roleext_backup_reader', 'roleext.import_user_data(jsonb)', 'EXECUTE'),
                           has_function_privilege('roleext_backup_editor', 'roleext.import_user_data(jsonb)', 'EXECUTE'),
                           has_function_privilege('public', 'roleext.import_user_data(jsonb)', 'EXECUTE')")" = "f|t|f" \
  || fail "import_user_data privileges"
# refused while user rows are there
import() {  # import $work/export.json; extra psql options in "$@"
  printf '%s\n' '\set VERBOSITY verbose' "\\set data \`cat $work/export.json\`" \
         "SELECT * FROM roleext.import_user_data(:'data');" | psql "$@" -f -
}
out=$(import 2>&1) && fail "import over existing data succeeded"
echo "$out" | grep -q '55000' || fail "import over existing data: $out"

psql -c 'DROP OWNED BY roleext_backup_reader, roleext_backup_editor' -c 'DROP ROLE roleext_backup_reader, roleext_backup_editor'
psql -c 'DROP EXTENSION roleext CASCADE' 2>/dev/null
psql -c 'CREATE EXTENSION roleext'
import -At >"$work/imported"
psql -At -f "$work/q-roleext.sql" >"$work/after"
psql -At -c 'SELECT roleext.export_user_data()' >"$work/export2.json"
cmp -s "$work/export.json" "$work/export2.json" || { diff <(tr '}' '\n' <"$work/export.json") <(tr '}' '\n' <"$work/export2.json") | head -20; fail "the export after import differs"; }
cmp -s "$work/before" "$work/after" || { diff "$work/before" "$work/after"; fail "user rows differ after the round trip"; }
grep -q '^roleext.role|83|' "$work/before" || fail "the sample taxonomy was not there: $(cat "$work/before")"
echo "report: round trip of $(tr '\n' ' ' <"$work/imported")"
