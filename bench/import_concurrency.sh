#!/usr/bin/env bash
# Concurrent imports of overlapping role cards: CLIENTS (8) sessions for
# DURATION (60) seconds, half of the transactions one card with
# import_role_card, half a batch of ten cards in random order with
# import_role_cards, all drawn from the 80 card versions of
# bench/import_concurrency/setup.sql, which share taxonomy nodes, node
# mappings and catalogue components and disagree on them.  pgbench reports
# the transactions and the failures by type (--failures-detailed: deadlocks,
# serialization failures); any other error aborts a client and is printed.
# Then every role must hold exactly the components of one of its versions.
#   bash bench/import_concurrency.sh                 (not part of make bench)
#   DATABASE=mydb bash bench/import_concurrency.sh   to run against a running server
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${CLIENTS:-8}
DURATION=${DURATION:-60}
if [ -z "${DATABASE:-}" ]; then
  source scripts/build.sh
  source scripts/cluster.sh
  rx_cluster_start -c max_connections=50
  psql -X -q -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION roleext CASCADE' >/dev/null
  DATABASE=$PGDATABASE
fi
BINDIR=$("${PG_CONFIG:-pg_config}" --bindir)
echo "machine: $(uname -srm); $(nproc) cores; $(lscpu 2>/dev/null | sed -n 's/^Model name: *//p' | head -1)"
echo "date:    $(date -u +%Y-%m-%dT%H:%MZ); load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "server:  $("$BINDIR/psql" -X -At -d "$DATABASE" -c 'SHOW server_version')"
"$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -d "$DATABASE" -f bench/import_concurrency/setup.sql
"$BINDIR/pgbench" -n -c "$CLIENTS" -j 2 -T "$DURATION" --max-tries=1 --failures-detailed \
  -f bench/import_concurrency/one.sql@1 -f bench/import_concurrency/batch.sql@1 "$DATABASE" 2>&1 || true
# every role holds the components of one of its versions, in that version's order
"$BINDIR/psql" -X -At -v ON_ERROR_STOP=1 -d "$DATABASE" <<'SQL'
WITH have AS (
  SELECT role::text AS code, string_agg(kind || ':' || name || ':' || position, ',' ORDER BY kind, position) AS list
  FROM roleext.role_component GROUP BY role),
want AS (
  SELECT c.code, c.version,
         string_agg(k.kind || ':' || (x->>'name') || ':' || o, ',' ORDER BY k.kind, o) AS list
  FROM public.bench_cards c, jsonb_each(c.card->'components') g(member, arr),
       jsonb_array_elements(g.arr) WITH ORDINALITY e(x, o),
       LATERAL (SELECT kind FROM unnest(enum_range(NULL::roleext.component_kind)) kind
                WHERE roleext.card_component_member(kind) = g.member) k
  GROUP BY c.code, c.version)
SELECT 'roles: ' || count(*) || ', each holding one version''s components: '
       || count(*) FILTER (WHERE EXISTS (SELECT FROM want w WHERE w.code = h.code AND w.list = h.list))
FROM have h;
SQL
