#!/usr/bin/env bash
# make reliability: the long runs of the reliability battery
# (doc/reliability.md), each part's summary printed and appended, with the
# machine and the date, to doc/reliability.md under "## Results".
#   SQLsmith          SQLSMITH_SECONDS (3600), seed SQLSMITH_SEED (date-based)
#   libFuzzer         make fuzz, FUZZ_SECONDS (600) per harness of test/fuzz
#   binary recv       RECV_CASES (20000) per type
#   pgbench mix       PGBENCH_SECONDS (600), PGBENCH_CLIENTS (8)
#   postmaster kills  FAULT_ROUNDS (10)
# On a two-core machine SQLsmith runs beside the libFuzzer harnesses (each
# keeps one core busy); the other parts run alone.  PARTS picks parts, e.g.
# PARTS="recv pgbench faults".  Exit 1 when any part fails.
set -uo pipefail
cd "$(dirname "$0")/../.."
PG_CONFIG=${PG_CONFIG:-pg_config}
export PG_CONFIG
PARTS=${PARTS:-"sqlsmith fuzz recv pgbench faults"}
out=$(mktemp -d /tmp/roleext-reliability.XXXXXX)
source scripts/build.sh >/dev/null || { echo "build failed"; exit 1; }
ROLEEXT_WANT_FUZZ=1 bash scripts/deps.sh
want() { [[ " $PARTS " == *" $1 "* ]]; }
status=0
result() {  # part, exit status, summary file
  if [ "$2" -eq 0 ]; then echo "- **$1**: passed" >>"$out/results"; else echo "- **$1**: FAILED" >>"$out/results"; status=1; fi
  sed 's/^/      /' "$3" >>"$out/results"
}
start=$(date -u '+%Y-%m-%d %H:%M UTC')
t0=$(date +%s)
if want sqlsmith; then
  seed=${SQLSMITH_SEED:-$(date +%s)}
  SQLSMITH_OUT=$out/sqlsmith bash scripts/sqlsmith.sh "${SQLSMITH_SECONDS:-3600}" "$seed" >"$out/sqlsmith.txt" 2>&1 &
  smith=$!
fi
if want fuzz; then
  make -s fuzz FUZZ_SECONDS="${FUZZ_SECONDS:-600}" PG_CONFIG="$PG_CONFIG" >"$out/fuzz.log" 2>&1
  rc=$?
  awk '/^== /{h=$2} /^Done [0-9]+ runs/{print h ": " $2 " runs in " $5 " s, no crash"} /ERROR: libFuzzer|SUMMARY:/{print h ": " $0}' \
    "$out/fuzz.log" >"$out/fuzz.txt"
  result "libFuzzer (make fuzz, ${FUZZ_SECONDS:-600} s per harness)" $rc "$out/fuzz.txt"
fi
if want sqlsmith; then
  wait $smith; rc=$?
  result "SQLsmith (${SQLSMITH_SECONDS:-3600} s)" $rc "$out/sqlsmith.txt"
fi
if want recv; then
  bash test/reliability/recv_fuzz.sh "${RECV_CASES:-20000}" "$(date +%s)" >"$out/recv.txt" 2>&1; rc=$?
  result "binary recv (${RECV_CASES:-20000} cases per type)" $rc "$out/recv.txt"
fi
if want pgbench; then
  bash test/reliability/concurrency.sh "${PGBENCH_SECONDS:-600}" "${PGBENCH_CLIENTS:-8}" >"$out/pgbench.txt" 2>&1; rc=$?
  result "pgbench mix (${PGBENCH_SECONDS:-600} s, ${PGBENCH_CLIENTS:-8} clients)" $rc "$out/pgbench.txt"
fi
if want faults; then
  bash test/reliability/faults.sh "${FAULT_ROUNDS:-10}" "$(date +%s)" >"$out/faults.txt" 2>&1; rc=$?
  result "postmaster kills (${FAULT_ROUNDS:-10} rounds)" $rc "$out/faults.txt"
fi
machine="$(nproc) cores, $(free -g | awk '/^Mem:/{print $2}') GiB, $(. /etc/os-release; echo "$PRETTY_NAME"), $("$PG_CONFIG" --version), roleext $(git describe --always --dirty 2>/dev/null || echo '?')"
{
  echo
  echo "### $start — make reliability, $(( ($(date +%s) - t0) / 60 )) min"
  echo
  echo "Machine: $machine."
  echo
  cat "$out/results"
} | tee "$out/block"
if [ -f doc/reliability.md ] && grep -q '^## Results' doc/reliability.md; then
  cat "$out/block" >>doc/reliability.md
  echo "(appended to doc/reliability.md; logs in $out)"
fi
exit $status
