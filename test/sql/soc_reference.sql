-- SOC / O*NET reference data: the tables equal the shipped files, the
-- title and crosswalk functions agree with the crosswalk files, the
-- soc_hierarchy view agrees with the SOC 2018 structure.
\i test/setup.sql
SELECT plan(67);

-- the shipped files, read straight from data/ (TSV: tab-separated, no quoting)
CREATE TEMP TABLE f_defs (grp text, code text, title text, definition text);
\copy f_defs FROM 'data/soc2018/soc_2018_definitions.tsv' WITH (FORMAT csv, HEADER true, DELIMITER E'\t', QUOTE E'\b')
CREATE TEMP TABLE f_all (code text, title text, lvl text, structure text, parent text,
                         soc2d text, soc3d text, soc5d text, soc6d text);
\copy f_all FROM 'data/soc2018/soc2018_all.csv' WITH (FORMAT csv, HEADER true)
CREATE TEMP TABLE f_x1018 (c10 text, t10 text, c18 text, t18 text);
\copy f_x1018 FROM 'data/soc2018/soc_2010_to_2018_crosswalk.tsv' WITH (FORMAT csv, HEADER true, DELIMITER E'\t', QUOTE E'\b')
CREATE TEMP TABLE f_occ (code text, title text, description text);
\copy f_occ FROM 'data/onet/onet_27_0_occupation_data.tsv' WITH (FORMAT csv, HEADER true, DELIMITER E'\t', QUOTE E'\b')
CREATE TEMP TABLE f_zone (code text, zone text, date text, source text);
\copy f_zone FROM 'data/onet/onet_27_0_job_zones.tsv' WITH (FORMAT csv, HEADER true, DELIMITER E'\t', QUOTE E'\b')
CREATE TEMP TABLE f_zref (zone text, name text, experience text, education text, training text, examples text, svp text);
\copy f_zref FROM 'data/onet/onet_27_0_job_zone_reference.tsv' WITH (FORMAT csv, HEADER true, DELIMITER E'\t', QUOTE E'\b')
CREATE TEMP TABLE f_x19 (o19 text, t19 text, s18 text, t18 text);
\copy f_x19 FROM 'data/onet/onet_soc_2019_to_soc_2018_crosswalk.tsv' WITH (FORMAT csv, HEADER true, DELIMITER E'\t', QUOTE E'\b')
CREATE TEMP TABLE f_x1019 (o10 text, t10 text, o19 text, t19 text);
\copy f_x1019 FROM 'data/onet/onet_soc_2010_to_2019_crosswalk.tsv' WITH (FORMAT csv, HEADER true, DELIMITER E'\t', QUOTE E'\b')
CREATE TEMP TABLE f_i2s (isco text, ititle text, part text, soc text, stitle text, comment text);
\copy f_i2s FROM 'data/isco/isco_08_to_soc_2010_crosswalk.tsv' WITH (FORMAT csv, HEADER true, DELIMITER E'\t', QUOTE E'\b')
CREATE TEMP TABLE f_s2i (soc text, stitle text, part text, isco text, ititle text, comment text);
\copy f_s2i FROM 'data/isco/soc_2010_to_isco_08_crosswalk.tsv' WITH (FORMAT csv, HEADER true, DELIMITER E'\t', QUOTE E'\b')

-- the tables and view exist, are documented with their source and release
SELECT has_table('roleext', t, 'table ' || t) FROM unnest(ARRAY['soc2018_code', 'soc2010_code', 'onet_job_zone',
  'onet2019_occupation', 'crosswalk_soc2010_soc2018', 'crosswalk_onet2019_soc2018',
  'crosswalk_onet2010_onet2019', 'crosswalk_isco08_soc2010']) t;
SELECT has_view('roleext', 'soc_hierarchy', 'view soc_hierarchy');
SELECT is(
  (SELECT string_agg(c.relname, ', ' ORDER BY c.relname) FROM pg_class c
    WHERE c.relnamespace = 'roleext'::regnamespace AND c.relkind = 'r'
      AND (c.relname LIKE 'soc20%' OR c.relname LIKE 'onet%' OR c.relname LIKE 'crosswalk%')
      AND NOT (obj_description(c.oid, 'pg_class') ~ 'Source: ' AND
               obj_description(c.oid, 'pg_class') ~ '(19|20)[0-9][0-9]')), NULL,
  'every reference table''s comment names its source and release');
SELECT is(
  (SELECT string_agg(c.relname, ', ' ORDER BY c.relname) FROM pg_class c
    WHERE c.relnamespace = 'roleext'::regnamespace AND c.relname LIKE 'onet%'
      AND obj_description(c.oid, 'pg_class') !~ 'CC BY 4\.0'), NULL,
  'O*NET tables name their licence');
SELECT is(
  (SELECT string_agg(p.oid::regprocedure::text, ', ') FROM pg_proc p
    WHERE p.pronamespace = 'roleext'::regnamespace
      AND p.proname IN ('soc_title', 'soc_crosswalk', 'soc_to_isco08', 'soc_from_isco08')
      AND NOT (p.provolatile = 's' AND p.proisstrict AND p.proparallel = 's')), NULL,
  'the lookup functions are STABLE STRICT PARALLEL SAFE');
SELECT is(
  (SELECT count(*) FROM pg_extension e, unnest(e.extconfig) c WHERE e.extname = 'roleext'
      AND c IN ('roleext.soc2018_code'::regclass, 'roleext.onet2019_occupation'::regclass)), 0::bigint,
  'reference tables are not registered for pg_dump (CREATE EXTENSION fills them)');

-- the tables hold exactly the files
SELECT set_eq(
  'SELECT code::text, level, title, definition, parent::text FROM soc2018_code',
  $$SELECT d.code, lower(d.grp) AS level, d.title, nullif(d.definition, '') AS definition, nullif(a.parent, 'NA') AS parent
      FROM f_defs d JOIN f_all a USING (code)$$,
  'soc2018_code holds the 1447 codes of the BLS definitions with the parents of soc2018_all.csv');
SELECT is((SELECT count(*) FROM soc2018_code), (SELECT count(*) FROM f_all), 'soc2018_code has a row per code of soc2018_all.csv');
SELECT is((SELECT title FROM soc2018_code WHERE code = '33-3051'), 'Police and Sheriff’s Patrol Officers',
  'titles keep their typographic apostrophe');
SELECT ok((SELECT count(*) FROM f_defs WHERE definition ~ '[“”‐]') > 0 AND
          (SELECT count(*) FROM soc2018_code WHERE definition ~ '[“”‐]') = (SELECT count(*) FROM f_defs WHERE definition ~ '[“”‐]'),
  'definitions keep their typographic quotes and hyphens');
SELECT set_eq(
  'SELECT code::text, title FROM soc2010_code',
  $$SELECT DISTINCT c10, regexp_replace(t10, ' \(#+\)$', '') AS title FROM f_x1018$$,
  'soc2010_code holds the 2010 side of the crosswalk, without its (#) markers');
SELECT is((SELECT count(*) FROM soc2010_code WHERE title LIKE '%(#%'), 0::bigint, 'no title keeps a (#) marker');
SELECT set_eq('SELECT soc2010::text, soc2018::text FROM crosswalk_soc2010_soc2018',
              'SELECT c10, c18 FROM f_x1018', 'crosswalk_soc2010_soc2018 holds the BLS crosswalk');
SELECT set_eq('SELECT job_zone::text, name, experience, education, job_training, examples, svp_range FROM onet_job_zone',
              'SELECT * FROM f_zref', 'onet_job_zone holds the job zone reference');
SELECT set_eq(
  'SELECT code::text, title, description, job_zone::text FROM onet2019_occupation',
  'SELECT o.code, o.title, o.description, z.zone FROM f_occ o LEFT JOIN f_zone z USING (code)',
  'onet2019_occupation holds Occupation Data with the job zones');
SELECT is((SELECT count(*) FROM onet2019_occupation WHERE job_zone IS NULL), 93::bigint,
  '93 O*NET occupations have no job zone in O*NET 27.0');
SELECT set_eq('SELECT onet2019::text, soc2018::text FROM crosswalk_onet2019_soc2018',
              'SELECT o19, s18 FROM f_x19', 'crosswalk_onet2019_soc2018 holds the O*NET crosswalk');
SELECT set_eq('SELECT onet2010, onet2010_title, onet2019::text FROM crosswalk_onet2010_onet2019',
              'SELECT o10, t10, o19 FROM f_x1019', 'crosswalk_onet2010_onet2019 holds the O*NET crosswalk');
SELECT set_eq(
  'SELECT isco08, isco08_title, soc2010::text, part_of_isco08, part_of_soc2010, comment FROM crosswalk_isco08_soc2010',
  $$SELECT i.isco, i.ititle, i.soc, coalesce(i.part = '*', false) AS pi, coalesce(s.part = '*', false) AS ps, nullif(i.comment, '') AS comment
      FROM f_i2s i JOIN f_s2i s USING (isco, soc)$$,
  'crosswalk_isco08_soc2010 holds both ISCO sheets');
SELECT is((SELECT count(*) FROM crosswalk_isco08_soc2010), (SELECT count(*) FROM f_s2i), 'both ISCO sheets have the same pairs');
SELECT is(
  (SELECT string_agg(onet2010, ' ') FROM crosswalk_onet2010_onet2019 WHERE onet2010 ~ '^[0-9]{2}-[0-9]{3}0\.'),
  '19-1020.01', 'one O*NET-SOC 2010 code has a suffix on a broad group');
SELECT is(pg_temp.error_of($$SELECT onet2010::soccode FROM crosswalk_onet2010_onet2019 WHERE onet2010 <> '19-1020.01'$$),
  'no error', 'every other O*NET-SOC 2010 code is a soccode');

-- soc_title
SELECT is(soc_title('15-1252'), 'Software Developers', 'soc_title defaults to SOC 2018');
SELECT is(soc_title('15-1200', '2018'), 'Computer Occupations', 'soc_title of a group');
SELECT is(soc_title('15-1132', '2010'), (SELECT regexp_replace(t10, ' \(#+\)$', '') FROM f_x1018 WHERE c10 = '15-1132' LIMIT 1),
  'soc_title in SOC 2010');
SELECT is(soc_title('15-1132', 'soc2010'), soc_title('15-1132', '2010'), 'soc2010 is accepted for 2010');
SELECT is(soc_title('15-1252', ' SOC2018 '), soc_title('15-1252'), 'version names are trimmed and case-insensitive');
SELECT is(soc_title('15-1252.01', 'onet2019'), (SELECT title FROM f_occ WHERE code = '15-1252.01'), 'soc_title in O*NET-SOC 2019');
SELECT is(soc_title('15-1132.00', 'onet2010'), (SELECT t10 FROM f_x1019 WHERE o10 = '15-1132.00' LIMIT 1), 'soc_title in O*NET-SOC 2010');
SELECT is(soc_title('15-1132', '2018'), NULL, 'a SOC 2010 code has no SOC 2018 title');
SELECT is(soc_title('15-1252.00'), NULL, 'an O*NET code has no SOC 2018 title');
SELECT throws_ok($$SELECT soc_title('15-1252', '2019')$$, '22023', 'invalid SOC version "2019"', 'unknown version');
SELECT is(pg_temp.error_of($$SELECT soc_title('15-1252', 'isco')$$),
  '22023: invalid SOC version "isco" / A SOC version is one of 2018, 2010, onet2019 or onet2010 (soc2018 and soc2010 are accepted too).',
  'unknown version: detail');
SELECT is(
  (SELECT count(*) FROM soc2018_code s WHERE soc_title(s.code) IS DISTINCT FROM s.title), 0::bigint,
  'soc_title finds every SOC 2018 title');

-- soc_crosswalk against the files, code by code
SELECT set_eq(
  $$SELECT DISTINCT c10, x::text FROM f_x1018, soc_crosswalk(c10::soccode, '2010', '2018') x$$,
  'SELECT c10, c18 FROM f_x1018', 'soc_crosswalk 2010 -> 2018 equals the BLS crosswalk for every 2010 code');
SELECT set_eq(
  $$SELECT DISTINCT c18, x::text FROM f_x1018, soc_crosswalk(c18::soccode, '2018', '2010') x$$,
  'SELECT c18, c10 FROM f_x1018', 'soc_crosswalk 2018 -> 2010 is the reverse');
SELECT set_eq(
  $$SELECT DISTINCT o19, x::text FROM f_x19, soc_crosswalk(o19::soccode, 'onet2019', '2018') x$$,
  'SELECT o19, s18 FROM f_x19', 'soc_crosswalk onet2019 -> 2018 equals the O*NET crosswalk');
SELECT set_eq(
  $$SELECT DISTINCT s18, x::text FROM f_x19, soc_crosswalk(s18::soccode, '2018', 'onet2019') x$$,
  'SELECT s18, o19 FROM f_x19', 'soc_crosswalk 2018 -> onet2019 is the reverse');
SELECT set_eq(
  $$SELECT DISTINCT o10, x::text FROM f_x1019, soc_crosswalk(o10::soccode, 'onet2010', 'onet2019') x
     WHERE o10 <> '19-1020.01'$$,
  $$SELECT o10, o19 FROM f_x1019 WHERE o10 <> '19-1020.01'$$,
  'soc_crosswalk onet2010 -> onet2019 equals the O*NET crosswalk');
SELECT set_eq(
  $$SELECT DISTINCT o19, x::text FROM f_x1019, soc_crosswalk(o19::soccode, 'onet2019', 'onet2010') x$$,
  $$SELECT o19, o10 FROM f_x1019 WHERE o10 <> '19-1020.01'$$,
  'soc_crosswalk onet2019 -> onet2010 is the reverse, without 19-1020.01');
SELECT set_eq(
  $$SELECT DISTINCT c10, x::text FROM f_x1018, soc_crosswalk(c10::soccode, '2010', 'onet2019') x$$,
  'SELECT DISTINCT a.c10, b.o19 FROM f_x1018 a JOIN f_x19 b ON b.s18 = a.c18',
  'soc_crosswalk 2010 -> onet2019 walks through 2018');
SELECT set_eq(
  $$SELECT DISTINCT o10, x::text FROM f_x1019, soc_crosswalk(o10::soccode, 'onet2010', '2010') x
     WHERE o10 <> '19-1020.01'$$,
  $$SELECT DISTINCT a.o10, c.c10 FROM f_x1019 a JOIN f_x19 b ON b.o19 = a.o19 JOIN f_x1018 c ON c.c18 = b.s18
     WHERE a.o10 <> '19-1020.01'$$,
  'soc_crosswalk onet2010 -> 2010 walks the whole chain');
SELECT is(array(SELECT soc_crosswalk('15-1132', '2010', '2018'))::text, '{15-1252,15-1253}',
  '15-1132 (2010) became 15-1252 and 15-1253 (2018), in code order');
SELECT is(array(SELECT soc_crosswalk('15-1252', '2018', '2018'))::text, '{15-1252}', 'same version: the code itself');
SELECT is(array(SELECT soc_crosswalk('15-1132', '2018', '2018'))::text, '{}', 'same version: nothing when the version lacks it');
SELECT is(array(SELECT soc_crosswalk('15-1132.00', 'onet2010', 'onet2010'))::text, '{15-1132.00}', 'same version onet2010');
SELECT is(array(SELECT soc_crosswalk('15-1250', '2018', '2010'))::text, '{}', 'a group code crosses to nothing');
SELECT throws_ok($$SELECT soc_crosswalk('15-1252', '2018', 'soc2019')$$, '22023', 'invalid SOC version "soc2019"', 'unknown target version');
SELECT throws_ok($$SELECT soc_crosswalk('15-1252', '', '2010')$$, '22023', 'invalid SOC version ""', 'empty source version');

-- ISCO-08
SELECT set_eq(
  $$SELECT DISTINCT soc, x FROM f_s2i, soc_to_isco08(soc::soccode, '2010') x$$,
  'SELECT soc, isco FROM f_s2i', 'soc_to_isco08 equals the BLS crosswalk for every SOC 2010 code');
SELECT set_eq(
  $$SELECT DISTINCT isco, x::text FROM f_i2s, soc_from_isco08(isco, '2010') x$$,
  'SELECT isco, soc FROM f_i2s', 'soc_from_isco08(.., 2010) equals the BLS crosswalk for every ISCO-08 code');
SELECT set_eq(
  $$SELECT DISTINCT isco, x::text FROM f_i2s, soc_from_isco08(isco) x$$,
  'SELECT DISTINCT i.isco, x.c18 FROM f_i2s i JOIN f_x1018 x ON x.c10 = i.soc',
  'soc_from_isco08 reaches SOC 2018 through the 2010 -> 2018 crosswalk');
SELECT is(array(SELECT soc_to_isco08('15-1252', '2018'))::text,
  array(SELECT DISTINCT i.isco FROM f_x1018 x JOIN f_s2i i ON i.soc = x.c10 WHERE x.c18 = '15-1252' ORDER BY 1)::text,
  'soc_to_isco08 from SOC 2018 walks back to 2010 first');
SELECT is(array(SELECT soc_from_isco08(' 211 ', '2010'))::text, '{19-2099}', 'a three-digit ISCO-08 code, trimmed');
SELECT throws_ok($$SELECT soc_from_isco08('2512', 'isco08')$$, '22023', 'invalid SOC version "isco08"', 'soc_from_isco08 checks its version');

-- soc_hierarchy
SELECT is((SELECT count(*) FROM soc_hierarchy), (SELECT count(*) FROM f_all) + (SELECT count(*) FROM f_occ),
  'soc_hierarchy has a row per SOC 2018 code and per O*NET-SOC 2019 occupation');
SELECT is(
  (SELECT string_agg(h.code::text, ' ') FROM soc_hierarchy h JOIN f_all a ON a.code = h.code::text
    WHERE h.major_code::text IS DISTINCT FROM nullif(a.soc2d, 'NA')
       OR h.minor_code::text IS DISTINCT FROM nullif(a.soc3d, 'NA')
       OR h.broad_code::text IS DISTINCT FROM nullif(a.soc5d, 'NA')
       OR h.detailed_code::text IS DISTINCT FROM nullif(a.soc6d, 'NA')
       OR h.level <> lower(a.structure) OR h.onet_code IS NOT NULL), NULL,
  'soc_hierarchy''s group codes agree with soc2018_all.csv for every SOC 2018 code');
SELECT is(
  (SELECT string_agg(h.code::text, ' ') FROM soc_hierarchy h JOIN f_occ o ON o.code = h.code::text
    JOIN f_all a ON a.code = left(o.code, 7)
    WHERE h.level <> 'onet' OR h.onet_code::text <> o.code OR h.onet_title <> o.title
       OR h.detailed_code::text <> a.code OR h.broad_code::text <> a.soc5d
       OR h.minor_code::text <> a.soc3d OR h.major_code::text <> a.soc2d), NULL,
  'soc_hierarchy places every O*NET-SOC occupation under its SOC 2018 detailed occupation');
SELECT is(
  (SELECT count(*) FROM soc_hierarchy h
    WHERE h.major_title IS DISTINCT FROM (SELECT title FROM soc2018_code WHERE code::text = h.major_code)
       OR h.minor_title IS DISTINCT FROM (SELECT title FROM soc2018_code WHERE code::text = h.minor_code)
       OR h.broad_title IS DISTINCT FROM (SELECT title FROM soc2018_code WHERE code::text = h.broad_code)
       OR h.detailed_title IS DISTINCT FROM (SELECT title FROM soc2018_code WHERE code::text = h.detailed_code)), 0::bigint,
  'soc_hierarchy''s titles are the SOC 2018 titles of its codes');
SELECT is(
  (SELECT broad_title FROM soc_hierarchy WHERE code = '29-1221'), 'Physicians',
  'drill-down: 29-1221 rolls up to broad group 29-1210 Physicians');

SELECT * FROM finish();
ROLLBACK;
