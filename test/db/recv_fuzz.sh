#!/usr/bin/env bash
# Binary recv of every type fed mutated and random bytes through COPY (FORMAT
# binary), fixed seed: 0 crashes, every refusal a class-22 SQLSTATE, every
# accepted value kept by text output and input (test/reliability/recv_fuzz.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
bash test/reliability/recv_fuzz.sh 400 1 | sed 's/^recv fuzz:/report: recv fuzz:/; s/^  *\([0-9]* [0-9A-Z]\{5\}\)$/report:   \1/'
