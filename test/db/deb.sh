#!/usr/bin/env bash
# The Debian package: make deb builds postgresql-15-roleext, apt-get installs
# it into the system PostgreSQL, and its autopkgtest debian/tests/installcheck
# runs the regression suite against the installed package in a pg_virtualenv
# cluster.  Afterwards the package is removed and the roleext files the system
# PostgreSQL had before (e.g. from make install) are put back.  Needs root
# (CI runs make test as root); set ROLEEXT_SKIP_DEB=1 to leave it out.
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ "${ROLEEXT_SKIP_DEB:-0}" = 1 ]; then echo "skipped (ROLEEXT_SKIP_DEB=1)"; exit 0; fi
if [ "$(id -u)" != 0 ]; then echo "needs root to install the package"; exit 1; fi
pkg=postgresql-15-roleext
if dpkg-query -W -f='${Status}' $pkg 2>/dev/null | grep -q 'install ok installed'; then
  echo "$pkg is installed already; not touching it"; exit 1
fi
work=$(mktemp -d /tmp/roleext-debtest.XXXXXX)
saved=$work/saved
mkdir -p "$saved"
# what the system PostgreSQL has of roleext now, to put back afterwards
sysfiles=$(cd / && ls -d usr/lib/postgresql/15/lib/roleext.so usr/lib/postgresql/15/lib/bitcode/roleext \
             usr/lib/postgresql/15/lib/bitcode/roleext.index.bc usr/share/postgresql/15/extension/roleext[.-]* 2>/dev/null || true)
[ -z "$sysfiles" ] || (cd / && tar cf - $sysfiles) | tar xf - -C "$saved"
restore() {
  dpkg -r $pkg >/dev/null 2>&1 || true
  [ -z "$sysfiles" ] || tar cf - -C "$saved" . | tar xf - -C /
  rm -rf "$work"
}
trap restore EXIT

t0=$(date +%s)
DEB_DIR=$work bash scripts/deb.sh >/dev/null
deb=$(ls "$work"/${pkg}_*.deb)
t1=$(date +%s)
export DEBIAN_FRONTEND=noninteractive
apt-get install -y -qq --no-install-recommends "$deb" postgresql-15-pgtap >"$work/apt.log" 2>&1 \
  || { cat "$work/apt.log"; exit 1; }
dpkg -L $pkg | grep -q '/usr/share/postgresql/15/extension/roleext.control' || { echo "control file not packaged"; exit 1; }
tree=$(ls -d "$work"/roleext-*/)
# pg_virtualenv makes its own cluster: not on the port of make test's (it takes PGPORT)
if ! (cd "$tree" && env -u PGPORT -u PGHOST -u PGUSER -u PGDATABASE debian/tests/installcheck) >"$work/installcheck.log" 2>&1; then
  tail -60 "$work/installcheck.log"; echo "debian/tests/installcheck failed"; exit 1
fi
t2=$(date +%s)
grep -E '^# All [0-9]+ tests passed|^ok [0-9]+|All [0-9]+ tests passed' "$work/installcheck.log" | tail -1
n_ok=$(grep -cE '^(ok [0-9]+ |test .* \.\.\. ok)' "$work/installcheck.log" || true)
echo "report: $(basename "$deb"): built in $((t1 - t0)) s; installcheck of the installed package: $n_ok tests ok in $((t2 - t1)) s"
