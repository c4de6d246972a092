#!/usr/bin/env bash
# `make demo`: set up, build, install, start a throwaway cluster, create the
# extension, load the sample taxonomy when there is one, run the SQL tour
# (sample/tour.sql), render the sample's pictures with Graphviz into doc/img/
# (taxonomy_dot, adjacency_dot) and clean up.
set -euo pipefail
cd "$(dirname "$0")/.."
export ROLEEXT_WANT_DEMO=1   # deps.sh adds graphviz
source scripts/build.sh
source scripts/cluster.sh
rx_cluster_start
psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION roleext CASCADE'
for f in sample/load.sql sample/hris.sql; do
  if [ -f "$f" ]; then psql -X -q -1 -v ON_ERROR_STOP=1 -f "$f" >/dev/null; fi
done
psql -X -v ON_ERROR_STOP=1 --echo-queries -f sample/tour.sql
echo
# the pictures: Graphviz DOT from SQL, rendered to SVG
mkdir -p doc/img
render() {  # render <file> <layout> <sql>
  psql -X -At -v ON_ERROR_STOP=1 -c "$3" | dot -K"$2" -Tsvg -o "doc/img/$1"
  echo "demo: doc/img/$1 ($3)"
}
render taxonomy_DEI.svg dot "SELECT roleext.taxonomy_dot('DEI')"
render adjacency_DEI.GEN.P1.svg neato "SELECT roleext.adjacency_dot('DEI.GEN.P1', 10)"
echo
echo "demo: done; the throwaway cluster is removed."
