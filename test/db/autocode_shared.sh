#!/usr/bin/env bash
# The shared soc_autocode index (doc/autocode.md, "One index for the whole
# cluster"), with real concurrent sessions:
#  1. visibility: a writer codes against its change from its next statement,
#     another session from the writer's commit on and not before — not while
#     the writer builds and publishes the new version's image (it is held in
#     its commit by an advisory lock, roleext.autocode_test_wait); the reader
#     never builds, it maps the published image;
#  2. VACUUM, VACUUM FULL, ANALYZE, GRANT, REVOKE and a rolled-back write
#     rebuild nothing: the version, the image files and the build counters
#     stay put;
#  3. parallel workers map the image (none builds; with
#     roleext.autocode_shared = off each builds its own, the old way);
#  4. a corrupted or truncated image file, or one of another roleext build
#     (its checksums recomputed), is refused and rebuilt, never used;
#  5. disk full (roleext.autocode_test_fault = write): the writer's commit
#     goes through with a WARNING, the first reader builds and publishes the
#     image; a reader that cannot write codes with a private index and a
#     WARNING, never an error;
#  6. cleanup: a re-created extension's images replace the old instance's,
#     the directory of a dropped database goes at the next publication, only
#     the newest older version is kept.
set -euo pipefail
BIN=$("${PG_CONFIG:-pg_config}" --bindir)
db=roleext_shared
gone=roleext_shared_gone
work=$(mktemp -d)
dropall() { for d in $db $gone; do "$BIN/dropdb" --if-exists $d 2>/dev/null; done; }
trap 'rm -rf "$work"; dropall' EXIT
dropall
psql() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
q() { psql -d $db -At -c "$1"; }
fail() { echo "$*"; exit 1; }
"$BIN/createdb" $db
psql -d $db -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION roleext CASCADE'
datadir=$(q 'SHOW data_directory')
dir="$datadir/pg_roleext/autocode/$(q "SELECT oid FROM pg_database WHERE datname = current_database()")"
images() { (cd "$dir" && ls -1 -- *.img 2>/dev/null | sort) || true; }
version() { q 'SELECT version FROM roleext.title_dictionary_version'; }
[ "$(images | wc -l)" = 1 ] || fail "CREATE EXTENSION did not publish one image: $(images)"
echo "report: CREATE EXTENSION published $(images)"

# 1. Visibility.  Session A holds advisory locks 4242 and 4243.  Writer B
# inserts a title, codes it itself, waits for 4242 (its transaction open),
# then commits; its commit builds and publishes the new image and then waits
# for 4243 (still not committed).  A codes the title at each point.
v0=$(version)
cat >"$work/writer.sql" <<'SQL'
SET search_path = roleext;
SET roleext.autocode_test_wait = 4243;
BEGIN;
INSERT INTO title_dictionary (title, code) VALUES ('Glimmerstone Appraiser', '27-2012.00');
SELECT 'writer own: ' || code || ' ' || shared FROM soc_autocode('Glimmerstone Appraiser', 1), soc_autocode_index();
SELECT pg_advisory_lock(4242);
COMMIT;
SQL
out=$(psql -d $db -At <<SQL
SET search_path = roleext;
SELECT pg_advisory_lock(4242), pg_advisory_lock(4243);
SELECT 'before: ' || coalesce((SELECT code::text FROM soc_autocode('Glimmerstone Appraiser') LIMIT 1), 'none')
       || ' ' || version || ' ' || shared || ' ' || builds FROM soc_autocode_index();
\! "$BIN/psql" -X -At -v ON_ERROR_STOP=1 -d $db -f "$work/writer.sql" >"$work/writer.out" 2>&1 &
DO \$\$BEGIN
  WHILE NOT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = 4242 AND NOT granted) LOOP
    PERFORM pg_sleep(0.02);
  END LOOP;
END\$\$;
SELECT 'uncommitted: ' || coalesce((SELECT code::text FROM soc_autocode('Glimmerstone Appraiser') LIMIT 1), 'none')
       || ' ' || version || ' ' || shared FROM soc_autocode_index();
SELECT pg_advisory_unlock(4242);
-- the writer is committing: it built and published the image, and waits for 4243
DO \$\$BEGIN
  WHILE NOT EXISTS (SELECT 1 FROM pg_locks WHERE locktype = 'advisory' AND objid = 4243 AND NOT granted) LOOP
    PERFORM pg_sleep(0.02);
  END LOOP;
END\$\$;
\! ls -1 "$dir" | grep -c 'img$' | sed 's/^/images while committing: /'
SELECT 'committing: ' || coalesce((SELECT code::text FROM soc_autocode('Glimmerstone Appraiser') LIMIT 1), 'none')
       || ' ' || version || ' ' || shared FROM soc_autocode_index();
SELECT pg_advisory_unlock(4243);
DO \$\$BEGIN
  WHILE NOT EXISTS (SELECT 1 FROM roleext.title_dictionary WHERE title = 'Glimmerstone Appraiser') LOOP
    PERFORM pg_sleep(0.02);
  END LOOP;
END\$\$;
SELECT 'committed: ' || coalesce((SELECT code::text FROM soc_autocode('Glimmerstone Appraiser') LIMIT 1), 'none')
       || ' ' || shared || ' ' || builds FROM soc_autocode_index();
SQL
)
wait
cat "$work/writer.out"
echo "$out"
v1=$(version)
[ "$v1" -gt "$v0" ] || fail "the insert did not move the version on ($v0 -> $v1)"
grep -qx 'writer own: 27-2012.00 false' "$work/writer.out" || fail "the writer did not code against its own change"
echo "$out" | grep -qx "before: 13-2023.00 $v0 true 0" || fail "before the change: not the shared image of version $v0"
echo "$out" | grep -qx "uncommitted: 13-2023.00 $v0 true" || fail "another session's uncommitted title counted"
echo "$out" | grep -qx "images while committing: 2" || fail "the writer had not published its image before committing"
echo "$out" | grep -qx "committing: 13-2023.00 $v0 true" || fail "a committing (not yet committed) title counted"
echo "$out" | grep -qx "committed: 27-2012.00 true 0" || fail "the committed title did not count, or the reader built an index"
test "$(q "SELECT code || ' ' || shared || ' ' || builds || ' ' || version FROM roleext.soc_autocode('Glimmerstone Appraiser', 1), roleext.soc_autocode_index()")" = "27-2012.00 true 0 $v1" ||
  fail "a new session did not map the new image"
echo "report: visibility: own change at the next statement, others' at commit (not while it builds), readers map and never build"

# 2. Maintenance and privileges rebuild nothing.
before=$(images; ls -l --time-style=+%s.%N "$dir" | grep img$)
out=$(psql -d $db -At <<'SQL'
SET search_path = roleext;
SELECT 'start ' || builds || ' ' || version FROM soc_autocode_index();
VACUUM title_dictionary;
ANALYZE title_dictionary;
VACUUM FULL title_dictionary;
VACUUM ANALYZE;
CREATE ROLE roleext_shared_r;
GRANT SELECT ON title_dictionary TO roleext_shared_r;
REVOKE SELECT ON title_dictionary FROM roleext_shared_r;
DROP ROLE roleext_shared_r;
BEGIN;
INSERT INTO title_dictionary (title, code) VALUES ('Rolled Back Wrangler', '15-1252');
ROLLBACK;
SELECT 'end ' || builds || ' ' || version || ' ' || (SELECT count(*) FROM soc_autocode('Registered Nurse'))
FROM soc_autocode_index();
SQL
)
echo "$out" | grep -qx "start 0 $v1" || fail "maintenance: $out"
echo "$out" | grep -qx "end 0 $v1 5" || fail "maintenance moved the version or rebuilt: $out"
after=$(images; ls -l --time-style=+%s.%N "$dir" | grep img$)
[ "$before" = "$after" ] || fail "maintenance touched the image files: $before / $after"
[ "$(version)" = "$v1" ] || fail "the version moved"
echo "report: VACUUM, VACUUM FULL, ANALYZE, GRANT, REVOKE, a rolled-back insert: version $v1 kept, 0 builds, image files untouched"

# 3. Parallel workers map the image; with roleext.autocode_shared = off each builds.
par() {
  psql -d $db -At <<SQL 2>&1
SET search_path = roleext;
SET client_min_messages = debug1;
SET roleext.autocode_shared = $1;
SET parallel_setup_cost = 0; SET parallel_tuple_cost = 0; SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2; SET parallel_leader_participation = off; SET enable_memoize = off;
CREATE TEMP TABLE t AS SELECT title FROM title_dictionary WHERE source = 'onet_alternate' LIMIT 300;
CREATE TABLE public.par_hris AS SELECT * FROM t;
ANALYZE public.par_hris;
SELECT 'coded ' || count(c.code) FROM public.par_hris h CROSS JOIN LATERAL soc_autocode(h.title, 1) c;
DROP TABLE public.par_hris;
SQL
}
on=$(par on)
off=$(par off)
echo "$on" | grep -q '^coded 300$' || fail "parallel (shared): $on"
echo "$off" | grep -q '^coded 300$' || fail "parallel (private): $off"
[ "$(echo "$on" | grep -c 'built the index.*parallel worker')" = 0 ] || fail "a parallel worker built an index: $on"
[ "$(echo "$on" | grep -c 'mapped the image')" -ge 1 ] || fail "no parallel worker mapped the image: $on"
[ "$(echo "$off" | grep -c 'built the index.*parallel worker')" -ge 1 ] || fail "with autocode_shared off no worker built: $off"
echo "report: parallel workers: $(echo "$on" | grep -c 'mapped the image') mapped the image, none built (shared off: $(echo "$off" | grep -c 'built the index.*parallel worker') built)"

# 4. A corrupted, then a truncated image is refused and rebuilt.
img="$dir/$(images | tail -1)"
size=$(stat -c %s "$img")
printf 'garbage!' | dd of="$img" bs=1 seek=$((size / 2)) conv=notrunc status=none
out=$(psql -d $db -At -c "SELECT code || ' ' || shared || ' ' || builds FROM roleext.soc_autocode('Registered Nurse', 1), roleext.soc_autocode_index()" 2>&1)
echo "$out" | grep -q 'refusing soc_autocode image .*checksum does not match' || fail "a corrupted image was not refused: $out"
echo "$out" | grep -qx '29-1141.00 true 1' || fail "after a corrupted image: $out"
truncate -s $((size / 3)) "$img"
out=$(psql -d $db -At -c "SELECT code || ' ' || shared || ' ' || builds FROM roleext.soc_autocode('Registered Nurse', 1), roleext.soc_autocode_index()" 2>&1)
echo "$out" | grep -q 'refusing soc_autocode image .*length' || fail "a truncated image was not refused: $out"
echo "$out" | grep -qx '29-1141.00 true 1' || fail "after a truncated image: $out"
test "$(q "SELECT shared || ' ' || builds FROM roleext.soc_autocode_index()")" = "true 0" || fail "the rebuilt image was not published"
[ "$(stat -c %s "$img")" = "$size" ] || fail "the rebuilt image has another size"
# an image of another build: the build string changed, the header's checksum
# recomputed (XXH64's construction, as src/core/autocode_image.c)
python3 - "$img" <<'PY'
import struct, sys
M = (1 << 64) - 1
P1, P2, P3, P4, P5 = (0x9E3779B185EBCA87, 0xC2B2AE3D27D4EB4F, 0x165667B19E3779F9,
                      0x85EBCA77C2B2AE63, 0x27D4EB2F165667C5)
rotl = lambda x, r: ((x << r) | (x >> (64 - r))) & M
rnd = lambda acc, x: (rotl((acc + x * P2) & M, 31) * P1) & M
def checksum(b):
    n, p = len(b), 0
    if n >= 32:
        v = [(P1 + P2) & M, P2, 0, (-P1) & M]
        while p + 32 <= n:
            for i in range(4):
                v[i] = rnd(v[i], struct.unpack_from('<Q', b, p + 8 * i)[0])
            p += 32
        h = (rotl(v[0], 1) + rotl(v[1], 7) + rotl(v[2], 12) + rotl(v[3], 18)) & M
        for x in v:
            h = ((h ^ rnd(0, x)) * P1 + P4) & M
    else:
        h = P5
    h = (h + n) & M
    while p + 8 <= n:
        h = (rotl(h ^ rnd(0, struct.unpack_from('<Q', b, p)[0]), 27) * P1 + P4) & M
        p += 8
    while p < n:
        h = (rotl(h ^ ((b[p] * P5) & M), 11) * P1) & M
        p += 1
    h ^= h >> 33; h = (h * P2) & M; h ^= h >> 29; h = (h * P3) & M; h ^= h >> 32
    return h
b = bytearray(open(sys.argv[1], 'rb').read())
build = 72                      # the header: 72 bytes of fields, then meta.build[64]
assert bytes(b[build:build + 8]) == b'roleext ', bytes(b[build:build + 16])
b[build:build + 8] = b'rolEXT  '
struct.pack_into('<Q', b, 224, checksum(bytes(b[:224])))   # head_sum covers [0, 224)
open(sys.argv[1], 'wb').write(b)
PY
out=$(psql -d $db -At -c "SELECT code || ' ' || shared || ' ' || builds FROM roleext.soc_autocode('Registered Nurse', 1), roleext.soc_autocode_index()" 2>&1)
echo "$out" | grep -qx '29-1141.00 true 1' || fail "an image of another build was not rebuilt: $out"
echo "$out" | grep -q WARNING && fail "an image of another build gave a WARNING (a LOG line is enough): $out"
grep -q "refusing soc_autocode image .*another build of roleext" "$(dirname "$datadir")/server.log" 2>/dev/null ||
  [ ! -e "$(dirname "$datadir")/server.log" ] || fail "no LOG line for the image of another build"
echo "report: a corrupted, a truncated and another build's image were refused, rebuilt by the next session and published"

# 5. Disk full.
out=$(psql -d $db -At 2>&1 <<'SQL'
SET roleext.autocode_test_fault = write;
INSERT INTO roleext.title_dictionary (title, code) VALUES ('Quasar Polisher', '51-9022');
SELECT 'committed ' || count(*) FROM roleext.title_dictionary WHERE title = 'Quasar Polisher';
SQL
)
echo "$out" | grep -q 'could not write the shared soc_autocode index .*No space left on device' ||
  fail "disk full: no WARNING from the writer: $out"
echo "$out" | grep -qx 'committed 1' || fail "disk full: the write was lost: $out"
v2=$(version)
out=$(psql -d $db -At 2>&1 <<'SQL'
SET roleext.autocode_test_fault = write;
SELECT code || ' ' || shared || ' ' || builds FROM roleext.soc_autocode('Quasar Polisher', 1), roleext.soc_autocode_index();
SELECT code || ' ' || shared || ' ' || builds FROM roleext.soc_autocode('Quasar Polisher', 1), roleext.soc_autocode_index();
SQL
)
echo "$out" | grep -q 'could not write the shared soc_autocode index' || fail "disk full, reader: no WARNING: $out"
[ "$(echo "$out" | grep -cx '51-9022.00 false 1')" = 2 ] || fail "disk full, reader: not a private index kept: $out"
images | grep -q -- "-$v2.img" && fail "an image was written while writes fail"
test "$(q "SELECT code || ' ' || shared || ' ' || builds FROM roleext.soc_autocode('Quasar Polisher', 1), roleext.soc_autocode_index()")" = "51-9022.00 true 1" ||
  fail "the first reader that can write did not build and publish the image"
images | grep -q -- "-$v2.img" || fail "the image of version $v2 is missing"
echo "report: disk full: the writer commits with a WARNING, a reader that cannot write keeps a private index, the next builds and publishes"

# 6. Cleanup.
[ "$(images | wc -l)" = 2 ] || fail "more than the newest older version is kept: $(images)"
old_instance=$(images | head -1 | cut -d- -f1)
psql -d $db -c 'DROP EXTENSION roleext' -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION roleext'
[ "$(images | wc -l)" = 1 ] || fail "after DROP/CREATE EXTENSION: $(images)"
images | grep -q "^$old_instance-" && fail "the dropped extension's images are still there"
"$BIN/createdb" $gone
psql -d $gone -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION roleext CASCADE'
gonedir="$datadir/pg_roleext/autocode/$(q "SELECT oid FROM pg_database WHERE datname = '$gone'")"
[ -d "$gonedir" ] || fail "no image directory for $gone"
"$BIN/dropdb" $gone
q "INSERT INTO roleext.title_dictionary (title, code) VALUES ('Nebula Sweeper', '37-2011')"
[ -d "$gonedir" ] && fail "the dropped database's images were not removed"
# a temporary file left by a process that is gone (a crash in the middle of a write)
touch "$dir/0000000000000001-1.img.tmp.999999999"
q "DELETE FROM roleext.title_dictionary WHERE title = 'Nebula Sweeper'"
[ -e "$dir/0000000000000001-1.img.tmp.999999999" ] && fail "an orphaned temporary file was not removed"
echo "report: cleanup: a re-created extension's image replaced the old instance's; a dropped database's directory and an orphaned temporary file went at the next publication"
