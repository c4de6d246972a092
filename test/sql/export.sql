-- Exporting every card at once and reading it back; the DOT pictures.
\i test/setup.sql
\o /dev/null
\i sample/load.sql
\o
SELECT plan(17);

-- role_cards_json: all the cards, one array, read back identically
CREATE TEMP TABLE exported AS SELECT role_cards_json() AS doc;
SELECT is((SELECT jsonb_array_length(doc) FROM exported), (SELECT count(*)::int FROM role), 'one card per role');
SELECT is((SELECT doc->0->>'code' FROM exported), (SELECT code::text FROM role ORDER BY code LIMIT 1), 'in code order');
SELECT is((SELECT doc->0 FROM exported), (SELECT role_card_json(code) FROM role ORDER BY code LIMIT 1), 'each card is role_card_json');
SELECT is(jsonb_array_length(role_cards_json('DEI')), (SELECT count(*)::int FROM role WHERE code <@ 'DEI'), 'a subtree');
DELETE FROM role;
DELETE FROM taxonomy;
SELECT is(role_cards_json(), '[]'::jsonb, 'no roles: an empty array');
SELECT is((SELECT count(*)::int FROM exported, import_role_cards(doc)), (SELECT jsonb_array_length(doc) FROM exported),
          'import_role_cards reads the export back');
SELECT is(role_cards_json(), (SELECT doc FROM exported), 'export -> import -> export is identical');

-- taxonomy_dot / adjacency_dot
SELECT is(taxonomy_dot('SEC'),
'digraph taxonomy {
  graph [rankdir=LR, fontname="Helvetica", nodesep=0.15, ranksep=0.4];
  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];
  edge [color="#6b6b6b", arrowsize=0.6];
  "SEC" [label="SEC\nInformation Security", fillcolor="#c6dbef"];
  "SEC.OPS" [label="SEC.OPS\nSecurity Operations", fillcolor="#eff3ff"];
  "SEC.OPS.M2" [label="SEC.OPS.M2\nSecurity Analyst Manager", shape=note, fillcolor="#fff7bc"];
  "SEC.OPS.P1" [label="SEC.OPS.P1\nJunior Security Analyst", shape=note, fillcolor="#fff7bc"];
  "SEC.OPS.P2" [label="SEC.OPS.P2\nSecurity Analyst", shape=note, fillcolor="#fff7bc"];
  "SEC.OPS.P3" [label="SEC.OPS.P3\nSenior Security Analyst", shape=note, fillcolor="#fff7bc"];
  "SEC" -> "SEC.OPS";
  "SEC.OPS" -> "SEC.OPS.M2";
  "SEC.OPS" -> "SEC.OPS.P1";
  "SEC.OPS" -> "SEC.OPS.P2";
  "SEC.OPS" -> "SEC.OPS.P3";
}
', 'taxonomy_dot of a function: its subtree and roles, in code order');
SELECT is(taxonomy_dot(), taxonomy_dot(), 'deterministic');
SELECT is((SELECT count(*)::int FROM regexp_matches(taxonomy_dot(), ' -> ', 'g')),
          (SELECT count(*)::int FROM taxonomy WHERE parent IS NOT NULL) + (SELECT count(*)::int FROM role),
          'the whole taxonomy: an edge per parent link and per role');
SELECT throws_ok($$SELECT taxonomy_dot('NOPE')$$, '22023', 'taxonomy node NOPE does not exist', 'unknown root');
SELECT is(adjacency_dot('DEI.GEN.P1', 2),
'graph adjacency {
  graph [layout=neato, overlap=false, sep="+8", fontname="Helvetica"];
  node [shape=box, style="rounded,filled", fontname="Helvetica", fontsize=10];
  edge [fontname="Helvetica", fontsize=9, color="#6b6b6b"];
  "DEI.GEN.P1" [label="DEI.GEN.P1\nDevOps Engineering and Infrastructure Entry/Mid", fillcolor="#fdae6b", penwidth=2];
  "DEI.GEN.P2" [label="DEI.GEN.P2\nDevOps Engineer\n0.125 strong", fillcolor="#a1d99b"];
  "DEI.GEN.P3" [label="DEI.GEN.P3\nSenior DevOps Engineer\n0.250 partial", fillcolor="#fff7bc"];
  "DEI.GEN.P1" -- "DEI.GEN.P2" [len=2.25, style=solid, penwidth=2.5];
  "DEI.GEN.P1" -- "DEI.GEN.P3" [len=3.00, style=solid, penwidth=1.5];
}
', 'adjacency_dot: the role, its k neighbours, distances and bands');
SELECT throws_ok($$SELECT adjacency_dot('NO.SUCH.P1')$$, '22023', 'role NO.SUCH.P1 does not exist', 'unknown role');

-- labels are escaped: quotes, backslashes and line breaks stay inside the label
UPDATE taxonomy SET name = E'Say "hi" \\ to\nme' WHERE code = 'SEC';
SELECT matches(taxonomy_dot('SEC'), E'"SEC" \\[label="SEC\\\\nSay \\\\"hi\\\\" \\\\\\\\ to\\\\nme"',
               'a name with quotes, a backslash and a line break is one escaped label');
SELECT is(dot_quote(E'a"b\\c\nd'), E'"a\\"b\\\\c\\nd"', 'dot_quote');
SELECT ok(position(E'\n' IN (SELECT name FROM taxonomy WHERE code = 'SEC')) > 0
          AND (SELECT count(*) FROM regexp_split_to_table(taxonomy_dot('SEC'), E'\n')) = 17,
          'no line break of a name reaches the DOT text');
SELECT ok(taxonomy_dot('SEC') !~ '[^\\]"hi', 'no bare quote either');

SELECT * FROM finish();
ROLLBACK;
