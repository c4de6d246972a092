#!/usr/bin/env bash
# Every SQL example of README.md and doc/*.md that shows its output runs, and
# gives that output (test/db/doc_examples.py; the convention is in
# doc/developing.md).  To write the real outputs back into the documents:
#   DOC_EXAMPLES_UPDATE=1 bash test/db/doc_examples.sh   (inside a cluster; see make test)
set -euo pipefail
cd "$(dirname "$0")/../.."
BIN=$("${PG_CONFIG:-pg_config}" --bindir)
PY=/usr/bin/python3
[ -x $PY ] || PY=python3
export PGTZ=UTC
$PY test/db/doc_examples.py ${DOC_EXAMPLES_UPDATE:+--update} "$BIN/psql" "$BIN/createdb" "$BIN/dropdb" \
  README.md doc/*.md
