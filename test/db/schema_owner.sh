#!/usr/bin/env bash
# The schema roleext belongs to the extension (sql/00_head.sql):
# CREATE EXTENSION refuses a schema roleext that already exists, whoever owns
# it; DROP EXTENSION removes the schema; the extension cannot be put in
# another schema; DROP EXTENSION without CASCADE refuses while user objects
# depend on it (a user table with a roleext-typed column, a user table put
# inside the schema), and with CASCADE drops exactly those columns/tables.
set -euo pipefail
BIN=$("${PG_CONFIG:-pg_config}" --bindir)
db=roleext_schema_owner
trap '"$BIN/dropdb" --if-exists $db; "$BIN/psql" -X -q -d postgres -c "DROP ROLE IF EXISTS roleext_mallory" >/dev/null 2>&1 || true' EXIT
"$BIN/dropdb" --if-exists $db
"$BIN/createdb" $db
psql() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 -d $db "$@"; }
fail() { echo "FAIL: $*"; exit 1; }

# 1. created by the script: a member of the extension, owned by the installer
psql -c 'CREATE EXTENSION roleext CASCADE'
test "$(psql -At -c "SELECT count(*) FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
   WHERE e.extname = 'roleext' AND d.deptype = 'e' AND d.classid = 'pg_namespace'::regclass
     AND d.objid = 'roleext'::regnamespace")" = 1 || fail "schema roleext is not a member of the extension"

# 2. DROP EXTENSION removes it
psql -c 'DROP EXTENSION roleext'
test "$(psql -At -c "SELECT count(*) FROM pg_namespace WHERE nspname = 'roleext'")" = 0 \
  || fail "DROP EXTENSION left schema roleext behind"

# 3. a schema roleext made beforehand by another role is refused, clearly
psql -c 'DROP ROLE IF EXISTS roleext_mallory' -c 'CREATE ROLE roleext_mallory'
psql -c 'CREATE SCHEMA roleext AUTHORIZATION roleext_mallory'
psql -c "CREATE FUNCTION roleext.title_normalize(text) RETURNS text LANGUAGE sql AS 'SELECT \$1'" \
     -c 'ALTER FUNCTION roleext.title_normalize(text) OWNER TO roleext_mallory'
out=$("$BIN/psql" -X -q -d $db -v ON_ERROR_STOP=1 -v VERBOSITY=verbose \
        -c '\set VERBOSITY verbose' -c 'CREATE EXTENSION roleext' 2>&1) && fail "CREATE EXTENSION adopted a foreign schema roleext"
echo "$out" | grep -q 'ERROR:  42P06: schema "roleext" already exists' || fail "unexpected error: $out"
echo "$out" | grep -q 'owned by roleext_mallory' || fail "the error does not name the owner: $out"
test "$(psql -At -c "SELECT count(*) FROM pg_extension WHERE extname = 'roleext'")" = 0 || fail "extension half-created"
# ... and one made by the installing superuser too (it may hold anything)
psql -c 'DROP SCHEMA roleext CASCADE' -c 'CREATE SCHEMA roleext'
psql -c 'CREATE EXTENSION roleext' 2>/dev/null && fail "CREATE EXTENSION adopted an existing schema roleext"
psql -c 'DROP SCHEMA roleext'

# 4. no other schema
psql -c 'CREATE SCHEMA elsewhere'
psql -c 'CREATE EXTENSION roleext SCHEMA elsewhere' 2>/dev/null && fail "CREATE EXTENSION ... SCHEMA elsewhere succeeded"
psql -c 'DROP SCHEMA elsewhere'

# 5. user objects that depend on the extension stop a plain DROP EXTENSION;
#    CASCADE drops them (the column of a roleext type, the table inside roleext)
psql -c 'CREATE EXTENSION roleext'
psql -c 'CREATE TABLE public.hris (id int, title text, role roleext.rolecode)' \
     -c "INSERT INTO public.hris VALUES (1, 'Engineer', 'DEI.GEN.P1')" \
     -c 'CREATE TABLE roleext.my_notes (note text)'
psql -c 'DROP EXTENSION roleext' 2>/dev/null && fail "DROP EXTENSION dropped user objects without CASCADE"
psql -c 'DROP EXTENSION roleext CASCADE' 2>/dev/null
test "$(psql -At -c "SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute
   WHERE attrelid = 'public.hris'::regclass AND attnum > 0 AND NOT attisdropped")" = "id,title" \
  || fail "CASCADE did not drop exactly the roleext-typed column"
test "$(psql -At -c "SELECT count(*) FROM pg_namespace WHERE nspname = 'roleext'")" = 0 \
  || fail "DROP EXTENSION CASCADE left schema roleext behind"
echo "report: schema roleext: member, refused when present, dropped with the extension"
