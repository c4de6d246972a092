#!/usr/bin/env bash
# `make test`: set up, build, install, run the unit tests of src/core, then
# pg_regress (pgTAP inside) and the whole-database checks (test/db/*.sh) in a
# throwaway cluster.  The last line is "tests: N passed, M failed"; the exit
# status is non-zero when M > 0.
set -uo pipefail
cd "$(dirname "$0")/.."
if ! (source scripts/build.sh); then
  echo "tests: 0 passed, 1 failed"
  exit 1
fi
PG_CONFIG=${PG_CONFIG:-pg_config}
export PG_CONFIG

passed=0
failed=0

# 1. unit tests of the core: one line per case, then "unit: N passed, M failed"
if make -s test/unit/run_unit >test/unit/build.log 2>&1; then
  out=$(test/unit/run_unit 2>&1)
  echo "$out" | grep -v '^ok '
  summary=$(echo "$out" | sed -n 's/^unit: \([0-9]*\) passed, \([0-9]*\) failed$/\1 \2/p')
  if [ -n "$summary" ]; then
    passed=$((passed + ${summary% *})); failed=$((failed + ${summary#* }))
  else
    echo "unit: the unit test runner did not finish"; failed=$((failed + 1))
  fi
else
  cat test/unit/build.log; echo "unit: build failed"; failed=$((failed + 1))
fi

# 2. pg_regress, then whole-database checks, in a throwaway cluster
source scripts/cluster.sh
# TCP on 127.0.0.1 as well, for the JDBC and ODBC clients of test/db/clients.sh:
# ROLEEXT_TEST_PORT, else the first free port from 55434 up
if RX_TCP_PORT=${ROLEEXT_TEST_PORT:-auto} rx_cluster_start; then
  rm -f test/regression.diffs test/regression.out
  make -s installcheck PG_CONFIG="$PG_CONFIG" >regress.log 2>&1
  regress_status=$?
  grep -E '\.\.\. (ok|FAILED)|^(not )?ok [0-9]+ ' regress.log
  p=$(grep -cE '\.\.\. ok|^ok [0-9]+ ' regress.log)
  f=$(grep -cE '\.\.\. FAILED|^not ok [0-9]+ ' regress.log)
  passed=$((passed + p)); failed=$((failed + f))
  # pg_regress can stop without a FAILED line (e.g. a missing expected file)
  if [ "$regress_status" -ne 0 ] && [ "$f" -eq 0 ]; then
    tail -5 regress.log; echo "pg_regress stopped early"; failed=$((failed + 1))
  fi
  if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
    cat regress.log; failed=$((failed + 1))
  fi
  if [ -s test/regression.diffs ]; then
    echo "---- regression.diffs ----"; cat test/regression.diffs
  fi
  for t in test/db/*.sh; do
    [ -e "$t" ] || continue
    name=$(basename "$t" .sh)
    if out=$(bash "$t" 2>&1); then
      echo "db check $name ... ok"; passed=$((passed + 1))
      # a check may report figures (client runtimes, example counts)
      echo "$out" | sed -n 's/^report: /    /p'
    else
      echo "db check $name ... FAILED"; echo "$out" | sed 's/^/    /'; failed=$((failed + 1))
    fi
  done
else
  echo "could not start a throwaway cluster"; failed=$((failed + 1))
fi
rx_cluster_stop

echo "tests: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
