#!/usr/bin/env bash
# Upgrades of roleext (doc/release.md): for every released version R (its
# frozen full script sql/released/roleext--R.sql) the upgrade R -> the
# current version, and every step sql/roleext--A--B.sql whose two ends can
# be installed, are proved by test/upgrade/lib.sh: the upgraded catalog
# equals a fresh install's and every user row survives.  Before that, the
# proof proves itself on a synthetic step of the current version: a real
# step passes, a step that misses part of the change and a step that loses
# user rows are both caught.
set -euo pipefail
cd "$(dirname "$0")/../.."
source test/upgrade/lib.sh
trap up_cleanup EXIT
V=$(up_default_version)
built="$UP_EXTDIR/roleext--$V.sql"
[ -e "$built" ] || { echo "the current script $built is not installed"; exit 1; }
failed=0

# ---- 1. the harness on a synthetic step V -> V-harness -------------------
change() {  # the change the step makes; $1 = full, noacl, lossy
  cat <<'SQL'
CREATE FUNCTION roleext.harness_probe(code roleext.rolecode) RETURNS int
  LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
  RETURN roleext.code_depth(code) OPERATOR(pg_catalog.+) 1;
SQL
  if [ "$1" != noacl ]; then
    echo "COMMENT ON FUNCTION roleext.harness_probe(roleext.rolecode) IS 'Upgrade harness probe.';"
    echo "REVOKE EXECUTE ON FUNCTION roleext.harness_probe(roleext.rolecode) FROM PUBLIC;"
  fi
  if [ "$1" = lossy ]; then
    echo "DELETE FROM roleext.title_dictionary WHERE source = 'user' AND title = 'Chief Happiness Officer';"
  fi
}
guard='\echo Use "ALTER EXTENSION roleext UPDATE" to load this file. \quit'
for kind in full noacl lossy; do
  y="$V-harness-$kind"
  { cat "$built"; change full; } >"$UP_WORK/full.sql"
  { echo "$guard"; change $kind; } >"$UP_WORK/step.sql"
  up_add_file "$UP_WORK/full.sql" "roleext--$y.sql"
  up_add_file "$UP_WORK/step.sql" "roleext--$V--$y.sql"
done
if out=$(up_check_step "$V" "$V-harness-full" 2>&1); then
  echo "report: harness: a real step $V -> $V-harness-full passes"
else
  echo "harness: a real step failed the proof:"; echo "$out"; failed=1
fi
if out=$(up_check_catalog "$V" "$V-harness-noacl" 2>&1); then
  echo "harness: a step without the comment and the REVOKE passed the proof"; failed=1
elif ! echo "$out" | grep -q 'harness_probe.*comment=-' || ! echo "$out" | grep -q 'COMMENT ON FUNCTION roleext.harness_probe'; then
  echo "harness: the missing comment was not reported as expected:"; echo "$out"; failed=1
else
  echo "report: harness: a step that misses the comment and the REVOKE is caught"
fi
if out=$(up_check_user_data "$V" "$V-harness-lossy" 2>&1); then
  echo "harness: a step that deletes a user title passed the proof"; failed=1
elif ! echo "$out" | grep -q 'roleext.title_dictionary | 1 '; then
  echo "harness: the lost user row was not reported as expected:"; echo "$out"; failed=1
else
  echo "report: harness: a step that deletes a user title is caught"
fi
[ $failed -eq 0 ] || exit 1

# ---- 2. the real release line ----------------------------------------------
released=$(up_released_versions)
installable() { [ "$1" = "$V" ] || echo "$released" | grep -qx -- "$1"; }
for r in $released; do
  if [ "$r" = "$V" ]; then
    # the current version is released: its SQL is frozen
    if ! cmp -s "$built" "sql/released/roleext--$r.sql"; then
      echo "version $V is released, but the built script differs from sql/released/roleext--$r.sql:"
      echo "change the SQL in a new version step (doc/release.md)"; failed=1
    fi
    continue
  fi
  up_add_file "sql/released/roleext--$r.sql" "roleext--$r.sql"
done
checked=" "
while read -r a b; do
  [ -n "$a" ] || continue
  if ! installable "$a"; then
    echo "step $a -> $b starts at $a, which is not a released version (sql/released/)"; failed=1; continue
  fi
  if ! installable "$b"; then
    echo "step $a -> $b ends at $b, neither released nor the current version $V"; failed=1; continue
  fi
  if up_check_step "$a" "$b"; then echo "report: step $a -> $b ... ok"; else failed=1; fi
  checked+="$a>$b "
done < <(up_steps)
for r in $released; do
  [ "$r" = "$V" ] && continue
  [[ "$checked" == *" $r>$V "* ]] && continue
  if up_check_step "$r" "$V"; then echo "report: upgrade $r -> $V ... ok"; else failed=1; fi
done
[ -n "$released" ] || echo "report: no released version yet: only the harness itself was checked"
exit $failed
