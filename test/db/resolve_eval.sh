#!/usr/bin/env bash
# make eval-resolve in its quick mode (25 held-out titles in every style
# slice, about 200 titles, and 25 role titles as written), against make
# test's cluster: the pipeline works -- the SOC-derived taxonomy imports
# with its 867 roles, every method reports a figure on every slice and a
# speed, the sample HRIS table is measured, and on titles that are role
# titles as written (the control slice `exact`) the three methods agree.
# It asserts no accuracy figure: those are the engine's, measured by
# make eval-resolve (doc/titles.md, "Measuring resolve_title").
set -euo pipefail
cd "$(dirname "$0")/../.."
out=$(EVAL_RESOLVE_TITLES=25 EVAL_RESOLVE_PSQL=-A bash eval/resolve_run.sh 2>&1) || {
  echo "$out"; echo "eval/resolve_run.sh failed"; exit 1; }
fail() { echo "$out"; echo "FAILED: $1"; exit 1; }
num='[0-9]+(\.[0-9]+)?'

# the taxonomy: 867 roles, aliases, 1447 nodes (23 + 98 + 459 + 867), 25 titles
echo "$out" | grep -Eq "^867\|[0-9]+\|[0-9]+\|1447\|$num\|[0-9]+\|test\|25\|" \
  || fail "the SOC-derived taxonomy's line (867 roles, 1447 nodes, 25 titles)"

# a figure of each method on every slice
for slice in exact clean messy inverted qualifier truncated typo glued upper_req; do
  echo "$out" | grep -Eq "^$slice\|[0-9]+\|$num\|$num\|$num\|" || fail "the figures of slice $slice"
done
# titles a second of each method
for m in resolve_title pg_trgm soc_autocode; do
  echo "$out" | grep -Eq "^$m\|[0-9]+\|$num\|$num\|$num$" || fail "the speed of $m"
done
# the goals table and the sample HRIS table
echo "$out" | grep -q '^throughput, x the nearest pg_trgm alias|' || fail "the goals table"
echo "$out" | grep -Eq "^resolve_title\|5000\|$num\|[0-9]+\|$num\|[0-9]+\|[0-9]+$" || fail "the sample HRIS table"
echo "$out" | grep -Eq "^pg_trgm, raw alias\|5000\|$num\|\|\|\|[0-9]+$" || fail "the sample HRIS table's pg_trgm"

# the titles issue 20 quotes (its list of what went wrong): fixed ones stay
# fixed; the rest are flagged for review or reported (doc/titles.md)
for t in 'GENERAL AND OPERATION MANAGER|11-1021|11-1021|t|' 'Manager explosive ordnance|47-5032|47-5032|t|' \
         'IT CONSULTANT-DATABASE ADMINISTRATOR|15-1242|15-1242|t|' 'Dutch-speaking Nanny|39-9011|39-9011|t|t|' \
         'PROGRAM MANAGER (15-1199.09)|15-1299|' ; do
  echo "$out" | grep -Fq "$t" || fail "issue 20's title: $t"
done
echo "$out" | grep -F 'PROGRAM MANAGER (15-1199.09)|' | grep -q '|t|[^|]*|[^|]*$' || fail "a SOC code in a title: not flagged"
echo "$out" | grep -F 'CLINICAL FELLOW RADIOLOGY|' | grep -vq 'Audiologist' || fail "'Fellow' read as a level again"
echo "$out" | grep -E '^(SAP ABAP DEVELOPER|CLINICAL FELLOW)' | sed 's/^/report: issue 20 title: /'

# the control slice: role titles as written are right for all three methods
# (so they agree); one miss in 25 is allowed, for a title two roles share
echo "$out" | awk -F'|' '$1 == "exact" { ok = ($3 >= 96 && $4 >= 96 && $5 >= 96) } END { exit !ok }' \
  || fail "the methods disagree on role titles as written"
echo "$out" | awk -F'|' '$1 == "exact" || $1 == "clean" { printf "report: %s: resolve_title %s, pg_trgm %s, soc_autocode %s %% (%s titles)\n", $1, $3, $4, $5, $2 }'
