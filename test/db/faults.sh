#!/usr/bin/env bash
# kill -9 of the postmaster during batch imports and dictionary edits, twice:
# every committed change survives recovery, nothing unsent appears, amcheck
# clean (test/reliability/faults.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash test/reliability/faults.sh 2 1 | sed 's/^faults:/report: faults:/; s/^  \(btree indexes\|[0-9]* postmaster\)/report:   \1/'
