#!/usr/bin/env bash
# The upgrade proof (doc/release.md), sourced by test/db/upgrade.sh.  Needs
# PG_CONFIG and a running cluster (PGHOST ...), as in make test.
#
# up_check_step FROM TO proves a version step of roleext:
#  (a) catalog: a database upgraded FROM -> TO (ALTER EXTENSION UPDATE, over
#      whatever chain of sql/roleext--A--B.sql PostgreSQL picks) equals a
#      fresh CREATE EXTENSION ... VERSION TO: the member objects with their
#      definitions, comments, privileges and initial privileges
#      (test/upgrade/catalog.sql), the members' DDL as pg_dump writes it
#      once they are detached from the extension (the df7cb/postgresql-unit
#      way), and the rows of every member table (member_data.sql);
#  (b) user data: with the user's data in place (test/upgrade/user_data.sql),
#      every user row is the same after the upgrade as before
#      (checksums.sql).
# Versions not installed (a released full script, a test version) are put
# into the server's extension directory with up_add_file and removed again
# by up_cleanup.

UP_BIN=$("${PG_CONFIG:-pg_config}" --bindir)
UP_EXTDIR=$("${PG_CONFIG:-pg_config}" --sharedir)/extension
UP_SRC=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
UP_WORK=$(mktemp -d /tmp/roleext-upgrade.XXXXXX)
UP_ADDED=()
UP_DBS=()

up_psql() { "$UP_BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

up_cleanup() {
  local f d
  for f in "${UP_ADDED[@]}"; do rm -f "$UP_EXTDIR/$f"; done
  UP_ADDED=()
  for d in "${UP_DBS[@]}"; do "$UP_BIN/dropdb" --if-exists "$d" >/dev/null 2>&1 || true; done
  UP_DBS=()
  rm -rf "$UP_WORK"
}

# up_add_file SRC NAME: install SRC as extension file NAME until up_cleanup
# (refuses to replace a file it did not put there).
up_add_file() {
  local src=$1 name=$2
  # (a test version left behind by an interrupted run may be replaced)
  if [ -e "$UP_EXTDIR/$name" ] && [[ " ${UP_ADDED[*]} " != *" $name "* ]] && [[ "$name" != *-harness-* ]]; then
    echo "up_add_file: $UP_EXTDIR/$name exists already; not replacing it" >&2; return 1
  fi
  cp "$src" "$UP_EXTDIR/$name" && UP_ADDED+=("$name")
}

up_newdb() {
  "$UP_BIN/dropdb" --if-exists "$1" >/dev/null 2>&1
  "$UP_BIN/createdb" "$1" && UP_DBS+=("$1")
}

# up_describe DB OUT: write OUT.catalog, OUT.data and OUT.ddl for DB.
# Destroys DB's extension membership (the pg_dump half): scratch only.
up_describe() {
  local db=$1 out=$2 q
  up_psql -d "$db" -f "$UP_SRC/test/upgrade/catalog.sql" >"$out.catalog" || return 1
  q=$(up_psql -d "$db" -f "$UP_SRC/test/upgrade/member_data.sql") || return 1
  up_psql -d "$db" -At -F ' | ' -c "$q" >"$out.data" || return 1
  up_psql -d "$db" -c "DELETE FROM pg_catalog.pg_depend WHERE refclassid = 'pg_catalog.pg_extension'::pg_catalog.regclass
                          AND refobjid = (SELECT oid FROM pg_catalog.pg_extension WHERE extname = 'roleext')" || return 1
  "$UP_BIN/pg_dump" --schema-only --no-owner -d "$db" | grep -v '^\(-- Dumped \(from\|by\)\|\\restrict \|\\unrestrict \)' >"$out.ddl" || return 1
}

# up_diff A B WHAT: 0 when the descriptions agree, else print the diff
up_diff() {
  local a=$1 b=$2 what=$3 rc=0 part
  for part in catalog data ddl; do
    if ! cmp -s "$a.$part" "$b.$part"; then
      echo "$what: the $part differs (< upgraded, > fresh):"
      diff "$a.$part" "$b.$part" | head -40 | cut -c1-400
      rc=1
    fi
  done
  return $rc
}

# up_fresh TO: describe a fresh install of TO once (cached per version)
up_fresh() {
  local to=$1 db=roleext_up_fresh
  [ -e "$UP_WORK/fresh-$to.ddl" ] && return 0
  up_newdb $db || return 1
  up_psql -d $db -c "CREATE EXTENSION roleext VERSION '$to' CASCADE" || return 1
  up_describe $db "$UP_WORK/fresh-$to" || return 1
  "$UP_BIN/dropdb" $db
}

# up_check_catalog FROM TO: (a)
up_check_catalog() {
  local from=$1 to=$2 db=roleext_up_catalog
  up_fresh "$to" || return 1
  up_newdb $db || return 1
  up_psql -d $db -c "CREATE EXTENSION roleext VERSION '$from' CASCADE" \
                 -c "ALTER EXTENSION roleext UPDATE TO '$to'" || return 1
  up_describe $db "$UP_WORK/up-$from-$to" || return 1
  "$UP_BIN/dropdb" $db
  up_diff "$UP_WORK/up-$from-$to" "$UP_WORK/fresh-$to" "upgrade $from -> $to"
}

# up_check_user_data FROM TO: (b)
up_check_user_data() {
  local from=$1 to=$2 db=roleext_up_user w
  w=$UP_WORK/user-$from-$to
  up_newdb $db || return 1
  up_psql -d $db -c "CREATE EXTENSION roleext VERSION '$from' CASCADE" || return 1
  (cd "$UP_SRC" && up_psql -d $db -1 -f test/upgrade/user_data.sql >/dev/null) || return 1
  up_psql -d $db -f "$UP_SRC/test/upgrade/checksums.sql" -o "$w.queries" || return 1
  up_psql -d $db -At -F ' | ' -f "$w.queries" >"$w.before" || return 1
  up_psql -d $db -c "ALTER EXTENSION roleext UPDATE TO '$to'" || return 1
  up_psql -d $db -At -F ' | ' -f "$w.queries" >"$w.after" || return 1
  "$UP_BIN/dropdb" $db
  if ! cmp -s "$w.before" "$w.after"; then
    echo "upgrade $from -> $to changed user rows (< before, > after):"
    diff "$w.before" "$w.after" | head -40
    return 1
  fi
  # a sanity floor: the proof saw the user's tables and rows
  if [ "$(wc -l <"$w.before")" -lt 10 ] || ! grep -q '^roleext.title_dictionary | 2 ' "$w.before"; then
    echo "upgrade $from -> $to: the user-data checksums look incomplete:"; cat "$w.before"; return 1
  fi
}

up_check_step() {
  local rc=0
  up_check_catalog "$1" "$2" || rc=1
  up_check_user_data "$1" "$2" || rc=1
  return $rc
}

# The versions: the default (built) one, the released (frozen) ones, the steps.
up_default_version() { sed -n "s/^default_version *= *'\(.*\)'/\1/p" "$UP_SRC/roleext.control"; }
up_released_versions() {
  local f
  for f in "$UP_SRC"/sql/released/roleext--*.sql; do
    [ -e "$f" ] || continue
    f=${f##*/roleext--}; echo "${f%.sql}"
  done | sort -V
}
up_steps() {
  local f
  for f in "$UP_SRC"/sql/roleext--*--*.sql; do
    [ -e "$f" ] || continue
    f=${f##*/roleext--}; f=${f%.sql}; echo "${f%%--*} ${f#*--}"
  done | sort -V
}
