#!/usr/bin/env bash
# `make deb`: build the Debian package postgresql-15-roleext from the tracked
# and untracked files of this working copy (committed or not; ignored files
# and generated ones stay out), in a build directory outside the source tree:
#   DEB_DIR (default /tmp/roleext-deb)/roleext-<version>/ and the .deb beside it.
# Installs the build dependencies with apt-get when they are missing (as
# scripts/deps.sh does).  DEB_BUILD_OPTIONS=nocheck (the default here) skips
# the build-time regression run: make test runs debian/tests/installcheck
# against the installed package instead (test/db/deb.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
src=$PWD
version=$(sed -n "s/^default_version *= *'\(.*\)'/\1/p" roleext.control)
DEB_DIR=${DEB_DIR:-${TMPDIR:-/tmp}/roleext-deb}
export DEB_BUILD_OPTIONS=${DEB_BUILD_OPTIONS-nocheck}

need=(build-essential debhelper dpkg-dev fakeroot postgresql-server-dev-all postgresql-common perl python3)
missing=()
for p in "${need[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "deb: installing ${missing[*]}"
  sudo=(); [ "$(id -u)" = 0 ] || sudo=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

mkdir -p "$DEB_DIR"
DEB_DIR=$(cd "$DEB_DIR" && pwd)
case "$DEB_DIR/" in "$src"/*) echo "deb: DEB_DIR must be outside the source tree" >&2; exit 1;; esac
tree="$DEB_DIR/roleext-$version"
rm -rf "$tree"; mkdir -p "$tree"
if git -C "$src" rev-parse --git-dir >/dev/null 2>&1; then
  git -C "$src" ls-files -z --cached --others --exclude-standard | (cd "$src" && xargs -0 tar cf - --no-recursion) | tar xf - -C "$tree"
else
  tar cf - --exclude=.git --exclude=debian/.debhelper . | tar xf - -C "$tree"
fi
# dpkg-buildpackage writes the .deb into the parent of the tree: DEB_DIR
(cd "$tree" && dpkg-buildpackage -us -uc -b) >"$DEB_DIR/build.log" 2>&1 || {
  tail -40 "$DEB_DIR/build.log"; echo "deb: build failed (log: $DEB_DIR/build.log)" >&2; exit 1; }
ls "$DEB_DIR"/postgresql-*-roleext_"$version"-*.deb
