#!/usr/bin/env bash
# make release-check passes on the tree, and fails when the versions
# disagree or META.json / CHANGELOG.md break their conventions (checked on a
# copy of the release files, each mutation separately).
set -euo pipefail
cd "$(dirname "$0")/../.."
python3 scripts/release.py check
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
copy() {
  rm -rf "$work/t"; mkdir -p "$work/t/scripts" "$work/t/sql/released" "$work/t/debian"
  cp roleext.control META.json CHANGELOG.md README.md "$work/t/"
  cp scripts/release.py "$work/t/scripts/"; cp debian/changelog "$work/t/debian/"
}
expect_fail() {  # $1 = what, $2 = expected message part
  if out=$(python3 "$work/t/scripts/release.py" check 2>&1); then
    echo "release-check passed with $1"; exit 1
  fi
  echo "$out" | grep -q -- "$2" || { echo "release-check on $1 said: $out"; exit 1; }
}
copy; python3 "$work/t/scripts/release.py" check >/dev/null
copy; sed -i "s/^default_version = .*/default_version = '9.9.9'/" "$work/t/roleext.control"
expect_fail "a new control version only" "differs from roleext.control default_version"
copy; python3 - "$work/t/META.json" <<'PY'
import json, sys; m = json.load(open(sys.argv[1])); del m['license']; json.dump(m, open(sys.argv[1], 'w'))
PY
expect_fail "META.json without a license" "required key 'license'"
copy; echo '{"name": ' >"$work/t/META.json"
expect_fail "META.json that is not JSON" "not valid JSON"
copy; sed -i '0,/^## \[/s/^## \[\(.*\)\] - unreleased/## \1 (soon)/' "$work/t/CHANGELOG.md"
expect_fail "an undated CHANGELOG heading" "a version heading is"
copy; sed -i '1s/(\([^)]*\)-1)/(0.0.1-1)/' "$work/t/debian/changelog"
expect_fail "a stale debian/changelog" "debian/changelog: version 0.0.1-1"
copy; touch "$work/t/sql/roleext--0.0.1--0.0.2.sql"
expect_fail "a step from an unreleased version" "which is not released"
# make meta brings a new version everywhere; released + dated passes
copy; sed -i "s/^default_version = .*/default_version = '9.9.9'/" "$work/t/roleext.control"
python3 "$work/t/scripts/release.py" sync >/dev/null
sed -i '0,/^## \[/s/^## \[[^]]*\] - unreleased/## [9.9.9] - unreleased/' "$work/t/CHANGELOG.md"
python3 "$work/t/scripts/release.py" check >/dev/null || { echo "make meta did not bring 9.9.9 everywhere"; exit 1; }
touch "$work/t/sql/released/roleext--9.9.9.sql"
expect_fail "a released version still unreleased" "release_status"
python3 "$work/t/scripts/release.py" sync >/dev/null
sed -i 's/^## \[9.9.9\] - unreleased/## [9.9.9] - 2027-01-15/' "$work/t/CHANGELOG.md"
python3 "$work/t/scripts/release.py" check >/dev/null || { echo "a released, dated 9.9.9 did not pass"; exit 1; }
echo "report: release-check: passes on the tree, fails on 7 kinds of disagreement"
