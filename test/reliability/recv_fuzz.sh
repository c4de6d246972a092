#!/usr/bin/env bash
# Binary recv of every roleext type fed mutated and random bytes through
# COPY ... FROM ... (FORMAT binary) (test/reliability/recv_fuzz.py), in a
# throwaway cluster.  Fails on a backend crash, on a refusal whose SQLSTATE
# is not of class 22 (data exception) or pqformat.c's 08P01 for a value
# shorter than its fields, and on an accepted value that does not survive
# text output and input unchanged.
#   test/reliability/recv_fuzz.sh [cases per type=400] [seed=1]
set -euo pipefail
cd "$(dirname "$0")/../.."
cases=${1:-400}
seed=${2:-1}
source scripts/cluster.sh
rx_cluster_start
BIN=$RX_BINDIR
work=$(mktemp -d /tmp/roleext-recvfuzz.XXXXXX)
chmod 755 "$work"
trap 'rm -rf "$work"; rx_cluster_stop' EXIT
psql() { "$BIN/psql" -X -q "$@"; }
"$BIN/createdb" fuzz
psql -d fuzz -v ON_ERROR_STOP=1 -c 'CREATE EXTENSION roleext CASCADE' 2>/dev/null
seeds() {  # type, then valid literals
  local t=$1; shift
  local vals
  vals=$(printf "('%s'),"  "$@"); vals=${vals%,}
  psql -d fuzz -v ON_ERROR_STOP=1 -c "CREATE TABLE fuzz_$t (id int4, v roleext.$t)" \
       -c "\\copy (SELECT 0, v::roleext.$t FROM (VALUES $vals) x(v)) TO '$work/$t.bin' WITH (FORMAT binary)"
}
seeds rolelevel P1 M3 E2 S4 IC3 L5 P0 E99 ABC12 S1
seeds rolecode DEI DEI.GEN DEI.GEN.P1 A.B.C.D.E.F.G.H ABCDEFGHIJKLMNOP.X_1 TECH.DEI.GEN.M3 X_Y.Z9
seeds soccode 15-0000 15-1200 15-1250 15-1252 15-1252.00 15-1252.01 29-1221 55-0000 11-1011.03 53-7199
seeds confidence 0 0.6 1 0.1234 0.5 .9999 0.0001
seeds rolecoord TECH.DEI.GEN@1 A@2.5 A.B.C.D.E.F.G.H@0 X@-1 DEI.GEN@99.75 TECH@0.001
python3 test/reliability/recv_fuzz.py gen "$work" "$work" "$cases" "$seed"
t0=$(date +%s)
set +e
"$BIN/psql" -X -d fuzz -f "$work/cases.sql" >"$work/out" 2>&1
status=$?
set -e
elapsed=$(( $(date +%s) - t0 ))
crashes=$(grep -c 'terminated by signal' "$RX_CLUSTER_DIR/server.log" || true)
total=$((cases * 5))
ran=$(grep -c '^case ' "$work/out" || true)
accepted=$(grep -c '^COPY 1' "$work/out" || true)
echo "recv fuzz: seed $seed, $ran of $total cases in $elapsed s, $accepted accepted, $crashes backend crashes (psql exit $status)"
echo "refusals by SQLSTATE:"
grep -oE '^(psql:[^ ]*: )?ERROR:  [0-9A-Z]{5}' "$work/out" | grep -oE '[0-9A-Z]{5}$' | sort | uniq -c | sort -rn | sed 's/^/  /'
bad=0
if [ "$crashes" -gt 0 ] || [ "$status" -ne 0 ] || [ "$ran" -ne "$total" ]; then
  grep -B3 'terminated by signal' "$RX_CLUSTER_DIR/server.log" | head -20; tail -5 "$work/out"; bad=1
fi
# 08P01 is what pqformat.c raises for a value shorter than its fields (as
# for every built-in type's recv); anything else outside class 22 is a bug
other=$(grep -oE 'ERROR:  [0-9A-Z]{5}' "$work/out" | grep -vE 'ERROR:  (22|08P01)' | sort | uniq -c || true)
if [ -n "$other" ]; then echo "refusals outside class 22:"; echo "$other"; grep -A3 -E 'ERROR:  (XX|[013-9A-Z][0-9A-Z]|2[013-9A-Z])' "$work/out" | grep -v 08P01 | head -20; bad=1; fi
if grep -A3 'ERROR:  08P01' "$work/out" | grep '^LOCATION' | grep -qv 'pqformat.c'; then
  echo "08P01 raised outside pqformat.c:"; grep -A3 'ERROR:  08P01' "$work/out" | grep '^LOCATION' | sort | uniq -c; bad=1
fi
# what recv accepted, text output and input must keep
roundtrip=$(psql -d fuzz -At -v ON_ERROR_STOP=1 <<'SQL'
CREATE FUNCTION pg_temp.bad_roundtrips(t text) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE i int; same boolean;
BEGIN
  FOR i IN EXECUTE format('SELECT id FROM fuzz_%s ORDER BY id', t) LOOP
    BEGIN
      EXECUTE format('SELECT v::text::roleext.%I OPERATOR(roleext.=) v AND v::text::roleext.%I::text = v::text FROM fuzz_%s WHERE id = $1', t, t, t)
        INTO same USING i;
      IF NOT same THEN RETURN NEXT t || ' case ' || i || ': the value changes'; END IF;
    EXCEPTION WHEN OTHERS THEN
      RETURN NEXT t || ' case ' || i || ': ' || SQLSTATE || ' ' || SQLERRM;
    END;
  END LOOP;
END $$;
SELECT pg_temp.bad_roundtrips(t) FROM unnest('{rolelevel,rolecode,soccode,confidence,rolecoord}'::text[]) t;
SQL
)
if [ -n "$roundtrip" ]; then echo "accepted values that text output/input do not keep:"; echo "$roundtrip" | head -20; bad=1; fi
exit $bad
