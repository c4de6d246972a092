#!/usr/bin/env bash
# resolve_title's shared index (doc/titles.md, "One engine for roles and
# occupations"), with real sessions:
#  1. the first reader of a committed taxonomy version builds its image and
#     publishes it under pg_roleext/resolve/<database>; a new session maps
#     it (no build) and resolves as the builder did;
#  2. a writer's commit moves the version on without building anything (the
#     writer pays nothing); the next reader builds the new image once, the
#     sessions after it map it; only the newest older image is kept;
#  3. VACUUM, ANALYZE, GRANT and a rolled-back write move nothing;
#  4. a corrupted image is refused (WARNING) and rebuilt, never used;
#  5. two sessions that write the taxonomy at once queue on the version row
#     in one order: no deadlock.
set -euo pipefail
BIN=$("${PG_CONFIG:-pg_config}" --bindir)
db=roleext_resolve_shared
dropall() { "$BIN/dropdb" --if-exists $db 2>/dev/null || true; }
trap dropall EXIT
dropall
psql() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
q() { psql -d $db -At -c "SET search_path = roleext" -c "$1"; }
fail() { echo "$*"; exit 1; }
"$BIN/createdb" $db
psql -d $db -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION roleext CASCADE'
psql -d $db -1 -f sample/load.sql >/dev/null
datadir=$(q 'SHOW data_directory')
dir="$datadir/pg_roleext/resolve/$(q "SELECT oid FROM pg_database WHERE datname = current_database()")"
images() { (cd "$dir" 2>/dev/null && ls -1 -- *.img 2>/dev/null | sort) || true; }
version() { q 'SELECT version FROM taxonomy_version'; }
answer() { q "SELECT string_agg(role::text || ' ' || confidence::text || ' ' || method, ', ') FROM resolve_title('Sr. DevOps Eng (Remote)', 3)"; }

# 1. first reader builds and publishes; a new session maps
[ -z "$(images)" ] || fail "an image exists before any reader: $(images)"
first=$(q "SELECT builds || ' ' || shared FROM (SELECT * FROM resolve_title('x', 1)) r, resolve_title_index()")
[ "$first" = "1 true" ] || fail "the first reader did not build and map the image: $first"
[ "$(images | wc -l)" = 1 ] || fail "not one image after the first reader: $(images)"
second=$(q "SELECT builds || ' ' || shared || ' ' || (version = (SELECT version FROM taxonomy_version)) || ' ' || (mapped_bytes > 0) FROM resolve_title_index()")
[ "$second" = "0 true true true" ] || fail "a new session did not map the published image: $second"
a0=$(answer)
echo "report: first reader built $(images); a new session maps it: $a0"

# 2. a writer's commit builds nothing; the next reader builds once
v0=$(version)
w=$(q "INSERT INTO role_alias (role, alias, confidence) VALUES ('DEI.GEN.P2', 'Pipeline Gardener', '0.9'); SELECT builds FROM resolve_title_index()")
[ "$(version)" -gt "$v0" ] || fail "the write did not move the version on"
[ "$(images | wc -l)" = 1 ] || fail "the writer's commit published an image: $(images)"
r1=$(q "SELECT builds || ' ' || shared FROM (SELECT * FROM resolve_title('Pipeline Gardener', 1)) r, resolve_title_index()")
[ "$r1" = "1 true" ] || fail "the next reader did not build the new version once: $r1"
r2=$(q "SELECT builds FROM resolve_title_index()")
[ "$r2" = 0 ] || fail "a session after it built again: $r2"
[ "$(q "SELECT role FROM resolve_title('Pipeline Gardener', 1)")" = DEI.GEN.P2 ] || fail "the new alias is not resolved by other sessions"
[ "$(images | wc -l)" = 2 ] || fail "not the new image and the newest older one: $(images)"
echo "report: a commit moved version $v0 -> $(version) with no build; the next reader built once; images: $(images | tr '\n' ' ')"

# 3. maintenance and a rolled-back write move nothing
v1=$(version); i1=$(images)
psql -d $db -c 'VACUUM ANALYZE roleext.role_alias' -c 'GRANT SELECT ON roleext.role TO PUBLIC' -c 'REVOKE SELECT ON roleext.role FROM PUBLIC' \
     -c "BEGIN; INSERT INTO roleext.role_alias (role, alias) VALUES ('DEI.GEN.P2', 'Rolled Back'); ROLLBACK;"
[ "$(version)" = "$v1" ] || fail "maintenance or a rolled-back write moved the version: $v1 -> $(version)"
[ "$(q "SELECT builds FROM resolve_title_index()")" = 0 ] || fail "maintenance made a reader build"
[ "$(images)" = "$i1" ] || fail "maintenance changed the images"
echo "report: VACUUM, ANALYZE, GRANT, REVOKE: version $v1 kept, no build; a rolled-back write: no visible version"

# 4. a corrupted image is refused and rebuilt
img="$dir/$(images | tail -1)"
python3 - "$img" <<'PY'
import sys
p = sys.argv[1]
b = bytearray(open(p, 'rb').read())
b[len(b) // 2] ^= 0xff
open(p, 'wb').write(bytes(b))
PY
out=$(q "SELECT builds FROM (SELECT * FROM resolve_title('Pipeline Gardener', 1)) r, resolve_title_index()" 2>&1)
echo "$out" | grep -q 'WARNING:  refusing resolve_title image' || fail "a corrupted image was not refused: $out"
[ "$(echo "$out" | tail -1)" = 1 ] || fail "the corrupted image was not rebuilt: $out"
[ "$(q "SELECT role FROM resolve_title('Pipeline Gardener', 1)")" = DEI.GEN.P2 ] || fail "the rebuilt image resolves otherwise"
echo "report: a corrupted image was refused with a WARNING and rebuilt"

# 5. two writers at once: they queue on the version row, no deadlock
cat >/tmp/rs_a.sql <<'SQL'
SET search_path = roleext;
BEGIN;
UPDATE roleext.role SET summary = 'a' WHERE code = 'SWE.BE.P2';
SELECT pg_sleep(0.5);
UPDATE roleext.role SET summary = 'a' WHERE code = 'DEI.GEN.P2';
COMMIT;
SQL
cat >/tmp/rs_b.sql <<'SQL'
SET search_path = roleext;
BEGIN;
UPDATE roleext.role SET summary = 'b' WHERE code = 'DEI.GEN.P2';
SELECT pg_sleep(0.5);
UPDATE roleext.role SET summary = 'b' WHERE code = 'SWE.BE.P2';
COMMIT;
SQL
psql -d $db -f /tmp/rs_a.sql >/tmp/rs_a.out 2>&1 & pa=$!
sleep 0.1
psql -d $db -f /tmp/rs_b.sql >/tmp/rs_b.out 2>&1 & pb=$!
wait $pa || fail "writer a failed: $(cat /tmp/rs_a.out)"
wait $pb || fail "writer b failed: $(cat /tmp/rs_b.out)"
[ "$(q "SELECT string_agg(summary, '' ORDER BY code) FROM role WHERE code IN ('DEI.GEN.P2', 'SWE.BE.P2')")" = bb ] \
  || fail "the writers did not run one after the other"
rm -f /tmp/rs_a.sql /tmp/rs_b.sql /tmp/rs_a.out /tmp/rs_b.out
echo "report: two writers touching the same roles in opposite orders queued on the version row: no deadlock"
