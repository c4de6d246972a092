#!/usr/bin/env bash
# soc_autocode under concurrency (issue "The autocoder for many
# connections"), with pgbench against the cluster of bench/run.sh (PGHOST,
# PGPORT, PGDATABASE; run by `make bench BENCH=autocode` after
# bench/autocode.sql).  Each scenario runs the shared image
# (roleext.autocode_shared = on) and, as the baseline in the same run, the
# per-backend index of roleext 1.0.0 (off):
#
#   quiet       CLIENTS clients code random HRIS titles (k = 5), one per
#               transaction, on their connections;
#   writes      the same while another session inserts one title into
#               title_dictionary every 5 s (each a new dictionary version);
#   reconnect   the same with a new connection for every transaction
#               (pgbench -C: a pool that keeps opening connections).
#
# Throughput is the transactions of the window from WARMUP seconds to the end
# (pgbench --progress), so that the clients' first calls (a build each, with
# the per-backend index) fall outside it.  Goal: with a write every 5 s, at
# least 90 % of the quiet throughput.
set -euo pipefail
BIN=$("${PG_CONFIG:-pg_config}" --bindir)
CLIENTS=${AC_CLIENTS:-8}
SECONDS_RUN=${AC_SECONDS:-75}
WARMUP=${AC_WARMUP:-15}
RECONNECT_SECONDS=${AC_RECONNECT_SECONDS:-30}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
psql() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }

# 10,000 HRIS-style titles to code (the same noise as bench/autocode.sql)
psql -c 'SET client_min_messages = warning' -c "DROP TABLE IF EXISTS bench.ac_titles" -c "
CREATE TABLE bench.ac_titles AS
WITH t AS (SELECT row_number() OVER (ORDER BY md5(title)) AS n, title
           FROM (SELECT DISTINCT title FROM roleext.title_dictionary WHERE source = 'onet_alternate') d)
SELECT i AS id,
       CASE i % 3 WHEN 0 THEN upper(x) WHEN 1 THEN x ELSE lower(x) END AS title
FROM generate_series(1, 10000) i
CROSS JOIN LATERAL (
  SELECT (ARRAY['', 'Sr. ', 'Junior ', 'Lead '])[1 + i % 4] || t.title
         || (ARRAY['', ' II', ' (Remote)', ' - Contract'])[1 + (i / 4) % 4] AS x
  FROM t WHERE t.n = 1 + (i * 7919) % (SELECT count(*) FROM t)) s;
ALTER TABLE bench.ac_titles ADD PRIMARY KEY (id);
ANALYZE bench.ac_titles;"
cat >"$work/code.sql" <<'SQL'
\set id random(1, 10000)
SELECT count(*) FROM roleext.soc_autocode((SELECT title FROM bench.ac_titles WHERE id = :id), 5);
SQL

# a session inserting one new title every 5 s until the file $1 exists
writer() {
  local stop=$1 opts=$2 k=0 t0
  t0=$(date +%s)
  while [ ! -e "$stop" ]; do
    k=$((k + 1))
    while [ "$(date +%s)" -lt $((t0 + 5 * k)) ] && [ ! -e "$stop" ]; do sleep 0.1; done
    [ -e "$stop" ] && break
    PGOPTIONS="$opts" "$BIN/psql" -X -q -c \
      "INSERT INTO roleext.title_dictionary (title, code) VALUES ('Bench Concurrency Title $(date +%s%N)', '15-1252')" \
      >/dev/null 2>&1 || true
  done
  echo "$k" >"$stop.writes"
}

# run one scenario: name, on|off, writes (0/1), reconnect (0/1), seconds;
# prints "name setting tps"
scenario() {
  local name=$1 shared=$2 writes=$3 reconnect=$4 secs=$5 opts="-c roleext.autocode_shared=$2"
  local stop="$work/stop.$name.$shared" log="$work/pgbench.$name.$shared" c=""
  [ "$reconnect" = 1 ] && c=-C
  rm -f "$stop"
  if [ "$writes" = 1 ]; then writer "$stop" "$opts" & fi
  PGOPTIONS="$opts" "$BIN/pgbench" -n -f "$work/code.sql" -c "$CLIENTS" -j 2 -T "$secs" -P 5 $c \
    >"$log" 2>&1 || { cat "$log"; touch "$stop"; wait; exit 1; }
  touch "$stop"
  wait
  # the mean of the progress lines from WARMUP seconds on (reconnect: all of them)
  local from=$WARMUP
  [ "$reconnect" = 1 ] && from=0
  local tps
  tps=$(awk -v from="$from" '/^progress: / { t = $2 + 0; if (t > from) { s += $4; n++ } }
        END { if (n) printf "%.1f", s / n; else print "0" }' "$log")
  echo "$name $shared $tps"
}

echo "soc_autocode under concurrency: $CLIENTS clients, ${SECONDS_RUN} s a scenario (throughput from ${WARMUP} s on), a write every 5 s"
results="$work/results"
: >"$results"
for shared in on off; do
  scenario quiet $shared 0 0 "$SECONDS_RUN" | tee -a "$results"
  scenario writes $shared 1 0 "$SECONDS_RUN" | tee -a "$results"
  scenario reconnect $shared 0 1 "$RECONNECT_SECONDS" | tee -a "$results"
done
get() { awk -v n="$1" -v s="$2" '$1 == n && $2 == s { print $3 }' "$results"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.1f %%", 100 * a / b; else print "n/a" }'; }
echo
printf '%-42s %14s %24s\n' "transactions/s" "shared image" "per-backend index (1.0.0)"
printf '%-42s %14s %24s\n' "quiet" "$(get quiet on)" "$(get quiet off)"
printf '%-42s %14s %24s\n' "a dictionary write every 5 s" "$(get writes on)" "$(get writes off)"
printf '%-42s %14s %24s\n' "  as a share of quiet" "$(ratio "$(get writes on)" "$(get quiet on)")" \
  "$(ratio "$(get writes off)" "$(get quiet off)")"
printf '%-42s %14s %24s\n' "a new connection every transaction (-C)" "$(get reconnect on)" "$(get reconnect off)"
met=$(awk -v a="$(get writes on)" -v b="$(get quiet on)" 'BEGIN { print (b > 0 && a >= 0.9 * b) ? "yes" : "NO" }')
echo "goal: with a write every 5 s >= 90 % of the quiet throughput (shared image): $met"
psql -c 'SET client_min_messages = warning' -c 'DROP TABLE bench.ac_titles' \
  -c "DELETE FROM roleext.title_dictionary WHERE title LIKE 'Bench Concurrency Title %'"
