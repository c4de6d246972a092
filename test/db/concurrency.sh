#!/usr/bin/env bash
# Mixed concurrency with pgbench, short: no error but the known 40P01, every
# card whole, no orphans (test/reliability/concurrency.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash test/reliability/concurrency.sh 20 6 | sed 's/^concurrency:/report: concurrency:/'
