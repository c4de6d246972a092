#!/usr/bin/env bash
# The shared soc_autocode index on a hot standby (doc/autocode.md, "Servers,
# standbys, clusters"): a standby made with pg_basebackup maps the images
# the base backup carried; after the primary commits a new dictionary
# version and the standby replays it, the standby's first session that
# needs it builds its image and writes it into the standby's own data
# directory (a standby cannot move the version, but may write files), and
# the next session maps it.
set -euo pipefail
BIN=$("${PG_CONFIG:-pg_config}" --bindir)
db=roleext_standby
work=$(mktemp -d)
runas=()
if [ "$(id -u)" = 0 ]; then
  chown postgres: "$work"
  runas=(runuser -u postgres --)
fi
port=55999
cleanup() {
  (cd /tmp && "${runas[@]}" "$BIN/pg_ctl" -D "$work/standby" -m immediate -w stop >/dev/null 2>&1) || true
  rm -rf "$work"
  "$BIN/dropdb" --if-exists $db 2>/dev/null || true
}
trap cleanup EXIT
"$BIN/dropdb" --if-exists $db 2>/dev/null || true
psql() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
fail() { echo "$*"; exit 1; }
"$BIN/createdb" $db
psql -d $db -c 'SET client_min_messages = warning' -c 'CREATE EXTENSION roleext CASCADE'

(cd /tmp && "${runas[@]}" "$BIN/pg_basebackup" -D "$work/standby" -R -X stream -c fast -h "$PGHOST" -p "$PGPORT" -U postgres) ||
  fail "pg_basebackup failed"
(cd /tmp && "${runas[@]}" "$BIN/pg_ctl" -D "$work/standby" -l "$work/standby.log" -w \
  -o "-k $work -c listen_addresses= -p $port -c hot_standby=on -c fsync=off" start >/dev/null) ||
  { cat "$work/standby.log"; fail "the standby did not start"; }
sq() { "$BIN/psql" -X -q -At -v ON_ERROR_STOP=1 -h "$work" -p $port -d $db -c "$1" 2>&1; }
[ "$(sq 'SELECT pg_is_in_recovery()')" = t ] || fail "not a standby"
out=$(sq "SELECT code || ' ' || shared || ' ' || builds FROM roleext.soc_autocode('Registered Nurse', 1), roleext.soc_autocode_index()")
[ "$out" = "29-1141.00 true 0" ] || fail "the standby did not map the image of the base backup: $out"

psql -d $db -c "INSERT INTO roleext.title_dictionary (title, code) VALUES ('Glimmerstone Appraiser', '27-2012')"
v=$(psql -d $db -At -c 'SELECT version FROM roleext.title_dictionary_version')
for _ in $(seq 1 200); do
  [ "$(sq 'SELECT version FROM roleext.title_dictionary_version')" = "$v" ] && break
  sleep 0.05
done
[ "$(sq 'SELECT version FROM roleext.title_dictionary_version')" = "$v" ] || fail "the standby did not replay version $v"
out=$(sq "SELECT code || ' ' || shared || ' ' || builds || ' ' || version FROM roleext.soc_autocode('Glimmerstone Appraiser', 1), roleext.soc_autocode_index()")
[ "$out" = "27-2012.00 true 1 $v" ] || fail "the standby's first session did not build and publish version $v: $out"
out=$(sq "SELECT code || ' ' || shared || ' ' || builds FROM roleext.soc_autocode('Glimmerstone Appraiser', 1), roleext.soc_autocode_index()")
[ "$out" = "27-2012.00 true 0" ] || fail "the standby's next session did not map the image: $out"
ls "$work/standby/pg_roleext/autocode/"*/*"-$v.img" >/dev/null || fail "no image of version $v in the standby's data directory"
out=$(sq "INSERT INTO roleext.title_dictionary (title, code) VALUES ('x', '27-2012')" || true)
echo "$out" | grep -q 'read-only transaction' || fail "a standby accepted a dictionary write: $out"
echo "report: hot standby: maps the base backup's image; builds a replayed version once, into its own data directory; the next session maps it"
