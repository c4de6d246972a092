#!/usr/bin/env bash
# Called by bench/resolve/scale.sql (psql backquotes): writes into a new
# temporary directory, readable by the server, the inputs of the
# realistic-scale benchmark, and prints the directory's name:
#   slices.csv  every held-out title of the development split in every
#               style slice (eval_autocode --dump-slices, as make eval and
#               make eval-resolve read it)
#   soc.json    the SOC-derived taxonomy's role cards (867 roles)
#   scale.json  the generated taxonomy's (20,000 roles, 100,000 aliases)
# All generated at run time from data/ (eval/resolve_taxonomy.py); the
# caller removes the directory.
set -euo pipefail
cd "$(dirname "$0")/../.."
DATA=${DATA:-data}
work=$(mktemp -d /tmp/roleext-bench-resolve.XXXXXX)
make -s PG_CONFIG="${PG_CONFIG:-pg_config}" eval/eval_autocode >&2
eval/eval_autocode --data "$DATA" --dump-slices "$work/slices.csv" >/dev/null
python3 eval/resolve_taxonomy.py --data "$DATA" soc >"$work/soc.json"
python3 eval/resolve_taxonomy.py --data "$DATA" scale >"$work/scale.json"
chmod 755 "$work"; chmod 644 "$work"/*
echo "$work"
