#!/usr/bin/env bash
# grant_reader puts roleext on the reader's search_path (in this database,
# from its next login), so an analyst who never sets one still calls the
# functions and operators unqualified; a path the role already had is kept
# in front; set_search_path => false leaves the role alone.
set -euo pipefail
BIN=$("${PG_CONFIG:-pg_config}" --bindir)
db=roleext_search_path
roles="roleext_sp_ann roleext_sp_bob roleext_sp_cy"
dropall() {
  "$BIN/dropdb" --if-exists $db 2>/dev/null || true
  for r in $roles; do "$BIN/psql" -X -q -d postgres -c "DROP ROLE IF EXISTS $r" 2>/dev/null || true; done
}
trap dropall EXIT
dropall
psql() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
"$BIN/createdb" $db
psql -d $db -c 'CREATE EXTENSION roleext CASCADE' 2>/dev/null
psql -d $db -1 -f sample/load.sql >/dev/null
psql -d $db >/dev/null <<'SQL'
CREATE ROLE roleext_sp_ann LOGIN;
CREATE ROLE roleext_sp_bob LOGIN;
CREATE ROLE roleext_sp_cy LOGIN;
ALTER ROLE roleext_sp_bob SET search_path = "$user", public, "Bob's Schema";
SELECT roleext.grant_reader('roleext_sp_ann');                           -- the default: set_search_path => true
SELECT roleext.grant_reader('roleext_sp_ann');                           -- twice changes nothing
SELECT roleext.grant_editor('roleext_sp_bob');
SELECT roleext.grant_reader('roleext_sp_cy', set_search_path => false);
SQL
check() {  # check <role> <sql> <expected>
  local got
  got=$(psql -d $db -U "$1" -At -c "$2" 2>&1) || true
  [ "$got" = "$3" ] || { echo "as $1: $2"; echo "  got:  $got"; echo "  want: $3"; exit 1; }
}
check roleext_sp_ann 'SHOW search_path' '"$user", public, roleext'
check roleext_sp_ann "SELECT soc_parent('15-1252'), soc_title('15-1252'), '15-1252'::soccode <@ '15-0000'" \
  '15-1250|Software Developers|t'
check roleext_sp_ann "SELECT role FROM resolve_title('Jr DevOps Engineer', 1)" 'DEI.GEN.P1'
check roleext_sp_ann "SELECT title FROM role_card WHERE role = 'DEI.GEN.P1'" 'DevOps Engineering and Infrastructure Entry/Mid'
check roleext_sp_bob 'SHOW search_path' "\"\$user\", public, \"Bob's Schema\", roleext"
check roleext_sp_bob "SELECT role_card_json('DEI.GEN.P1')->>'level'" 'P1'
check roleext_sp_cy 'SHOW search_path' '"$user", public'
check roleext_sp_cy "SELECT roleext.soc_parent('15-1252')" '15-1250'
echo "report: grant_reader sets \"\$user\", public, roleext; keeps a role's own path in front; set_search_path => false leaves it"
