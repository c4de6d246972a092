#!/usr/bin/env bash
# Occupation content survives pg_dump -> pg_restore: the O*NET tables are
# recreated by CREATE EXTENSION (not dumped), drafted cards and the review
# decisions on suggested components (component_suggestion) come back row by
# row, and similarity by content answers the same in the restored database.
set -euo pipefail
BIN=$("${PG_CONFIG:-pg_config}" --bindir)
src=roleext_content_src
dst=roleext_content_dst
work=$(mktemp -d)
trap 'rm -rf "$work"; "$BIN/dropdb" --if-exists $src; "$BIN/dropdb" --if-exists $dst' EXIT
"$BIN/dropdb" --if-exists $src; "$BIN/dropdb" --if-exists $dst
"$BIN/createdb" $src
psql() { "$BIN/psql" -X -q -v ON_ERROR_STOP=1 "$@"; }
psql -d $src -c 'CREATE EXTENSION roleext CASCADE'
psql -d $src -o /dev/null <<'SQL'
SET search_path = roleext, public;
SELECT import_role_card(draft_role_card(c, l))
FROM (VALUES ('15-1252.00'::soccode), ('15-1253.00'), ('29-1141.00')) v(c), (VALUES ('P2'::rolelevel), ('P3')) w(l);
SELECT import_role_card('{"code": "DEV.WEB.P1", "title": "Web developer",
  "taxonomy": [{"code": "DEV", "kind": "function", "name": "Development",
                "mappings": [{"scheme": "soc2018", "code": "15-1254"}]},
               {"code": "DEV.WEB", "kind": "specialization", "name": "Web"}]}');
SELECT count(*) FROM suggest_components('DEV.WEB.P1');
SELECT reject_component('DEV.WEB.P1', 'skill', 'Microsoft Excel', 'ann');
SELECT approve_component('DEV.WEB.P1', 'skill', 'Hypertext markup language HTML', 'bob');
SQL

"$BIN/pg_dump" -Fc -f "$work/dump" $src
"$BIN/createdb" $dst
"$BIN/pg_restore" --exit-on-error -d $dst "$work/dump"

fingerprint() {
  psql -d "$1" -At <<'SQL'
SET search_path = roleext, public;
SELECT 'component_suggestion', md5(string_agg(t::text, E'\n' ORDER BY t::text)) FROM component_suggestion t
UNION ALL SELECT 'cards', md5(string_agg(role_card_json(code)::text, E'\n' ORDER BY code)) FROM role
UNION ALL SELECT 'onet', (SELECT count(*) FROM onet_task) || ' tasks, ' || (SELECT count(*) FROM onet_component) || ' components, '
                         || (SELECT count(*) FROM onet_content_neighbour) || ' neighbours'
UNION ALL SELECT 'similar', string_agg(s.role::text || ' ' || round(s.similarity::numeric, 6), ', ' ORDER BY s.rank)
          FROM similar_roles('ONET15_1200.1250.1252_00.P2', 5) s
UNION ALL SELECT 'decisions', string_agg(review_status || ' ' || name, ', ' ORDER BY name)
          FROM component_suggestion WHERE review_status <> 'needs_review';
SQL
}
a=$(fingerprint $src)
b=$(fingerprint $dst)
if [ "$a" != "$b" ]; then
  echo "dump/restore changed data:"; diff <(echo "$a") <(echo "$b") || true
  exit 1
fi
echo "$a" | grep '^decisions' | grep -q 'rejected Microsoft Excel'
echo "$a" | grep '^onet' | grep -q '^onet|19265 tasks'
