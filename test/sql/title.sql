-- Job titles: title_normalize, title_level, title_parse, title_level_words
-- (doc/titles.md).
\i test/setup.sql
SELECT plan(71);

-- the functions exist, are documented, pure and parallel safe
SELECT has_function('roleext', 'title_normalize', ARRAY['text'], 'title_normalize(text) exists');
SELECT has_function('roleext', 'title_level', ARRAY['text'], 'title_level(text) exists');
SELECT has_function('roleext', 'title_parse', ARRAY['text'], 'title_parse(text) exists');
SELECT has_function('roleext', 'title_level_words', ARRAY['text'], 'title_level_words(text) exists');
SELECT is(
  (SELECT string_agg(oid::regprocedure::text, ', ') FROM pg_proc
    WHERE pronamespace = 'roleext'::regnamespace AND proname LIKE 'title\_%'
      AND NOT (provolatile = 'i' AND proisstrict AND proparallel = 's')), NULL,
  'title functions are IMMUTABLE STRICT PARALLEL SAFE');
SELECT is(
  (SELECT string_agg(oid::regprocedure::text, ', ') FROM pg_proc
    WHERE pronamespace = 'roleext'::regnamespace AND proname LIKE 'title\_%'
      AND obj_description(oid, 'pg_proc') IS NULL), NULL,
  'title functions have comments');
SELECT is(pg_typeof(title_level('Senior Engineer'))::text, 'rolelevel', 'title_level returns rolelevel');
SELECT is(pg_typeof(title_normalize('Senior Engineer'))::text, 'text', 'title_normalize returns text');

-- the examples of issue #7
SELECT is(title_normalize('Sr. DevOps Eng II (Remote)'), 'devops engineer', 'Sr. DevOps Eng II (Remote)');
SELECT is(title_normalize('DEVOPS ENGINEER - CONTRACT'), 'devops engineer', 'DEVOPS ENGINEER - CONTRACT');
SELECT is(title_normalize('Jr Site Reliability Engr'), 'site reliability engineer', 'Jr Site Reliability Engr');
SELECT is(title_normalize('Senior DevOps Engineer II (Remote)'), 'devops engineer', 'Senior DevOps Engineer II (Remote)');
SELECT is(title_level('Sr. DevOps Eng II (Remote)'), 'P3'::rolelevel, 'senior and II: the highest grade, P3');
SELECT is(title_level('DEVOPS ENGINEER - CONTRACT'), NULL, 'no level word: NULL');
SELECT is(title_level('Jr Site Reliability Engr'), 'P1'::rolelevel, 'junior: P1');

-- the level table, one row a level
SELECT results_eq(
  $$SELECT t, title_level(t)::text FROM (VALUES
      ('Software Engineering Intern'), ('Apprentice Electrician'), ('Entry-Level Accountant'),
      ('Associate Attorney'), ('Analyst I'), ('Analyst II'), ('Senior Analyst'), ('Analyst III'),
      ('Staff Engineer'), ('Lead Engineer'), ('Analyst IV'), ('Principal Engineer'), ('Analyst V'),
      ('Distinguished Engineer'), ('Technical Fellow'), ('Shift Supervisor'), ('Team Lead'),
      ('Store Manager'), ('Senior Manager'), ('Director of Sales'), ('Senior Director'),
      ('Vice President, Finance'), ('VP Sales'), ('SVP Operations'), ('EVP'), ('Chief Nursing Officer'),
      ('CEO'), ('CTO')) v(t)$$,
  $$VALUES ('Software Engineering Intern', 'P1'), ('Apprentice Electrician', 'P1'),
      ('Entry-Level Accountant', 'P1'), ('Associate Attorney', 'P1'), ('Analyst I', 'P1'),
      ('Analyst II', 'P2'), ('Senior Analyst', 'P3'), ('Analyst III', 'P3'), ('Staff Engineer', 'P4'),
      ('Lead Engineer', 'P4'), ('Analyst IV', 'P4'), ('Principal Engineer', 'P5'), ('Analyst V', 'P5'),
      ('Distinguished Engineer', 'P6'), ('Technical Fellow', 'P6'), ('Shift Supervisor', 'M1'),
      ('Team Lead', 'M1'), ('Store Manager', 'M2'), ('Senior Manager', 'M3'),
      ('Director of Sales', 'M4'), ('Senior Director', 'M5'), ('Vice President, Finance', 'E1'),
      ('VP Sales', 'E1'), ('SVP Operations', 'E2'), ('EVP', 'E2'), ('Chief Nursing Officer', 'E3'),
      ('CEO', 'E3'), ('CTO', 'E3')$$,
  'the level table of doc/titles.md');

-- conflicts and the words that are the job
SELECT is(title_level('Manager Trainee'), 'P1'::rolelevel, 'a title ending in trainee is P1 even beside a rank');
SELECT is(title_level('Assistant Store Manager'), 'M1'::rolelevel, 'assistant manager: M1');
SELECT is(title_level('Associate Director'), 'M3'::rolelevel, 'associate director: M3');
SELECT is(title_level('AVP Finance'), 'M5'::rolelevel, 'AVP: one step below vice president');
SELECT is(title_level('Executive Assistant to the CEO'), NULL, 'words after "to" name no level');
SELECT is(title_level('Sales Associate'), NULL, 'associate as the job names no level');
SELECT is(title_level('Associate Professor'), NULL, 'associate professor is an academic rank');
SELECT is(title_level('Internal Auditor'), NULL, 'internal is not intern');
SELECT is(title_level('International Sales Manager'), 'M2'::rolelevel, 'international is not intern');
SELECT is(title_level('Chief of Staff'), NULL, 'chief of staff is no C-level');
SELECT is(title_normalize('Intern'), 'intern', 'intern alone is the job');
SELECT is(title_normalize('Sales Associate'), 'sales associate', 'associate as the head noun stays');
SELECT is(title_normalize('Senior Manager'), 'manager', 'rank nouns stay, their modifiers go');
SELECT is(title_normalize('Sr Product Manager'), title_normalize('Product Manager'),
  'a senior title matches its plain alias after normalization');

-- noise
SELECT is(title_normalize('Registered Nurse - Boston, MA 02115'), 'registered nurse', 'trailing location and zip code');
SELECT is(title_normalize('Software Engineer (Req #12345)'), 'software engineer', 'requisition number');
SELECT is(title_normalize('Data Analyst JR-0012345'), 'data analyst', 'Workday-style requisition');
SELECT is(title_normalize('Barista - Part Time'), 'barista', 'part time after a dash');
SELECT is(title_normalize('Full-Time Barista'), 'barista', 'full time before the job');
SELECT is(title_normalize('Engineer (m/w/d)'), 'engineer', 'gender marker');
SELECT is(title_normalize('Remote Sensing Analyst'), 'remote sensing analyst', 'remote that is the job stays');
SELECT is(title_normalize('Contract Manager'), 'contract manager', 'contract that is the job stays');
SELECT is(title_normalize('Nurse - ICU'), 'nurse icu', 'a specialty after a dash stays');

-- text: case, accents, other scripts, punctuation, expansions
SELECT is(title_normalize('Café Manager'), 'cafe manager', 'accents fold');
SELECT is(title_normalize('Straßenbauer / Łódź'), 'strassenbauer lodz', 'ß and Ł fold');
SELECT is(title_normalize('ГЛАВНЫЙ ИНЖЕНЕР'), 'главный инженер', 'Cyrillic is lower-cased, not folded');
SELECT is(title_normalize('ソフトウェアエンジニア（リモート）'), 'ソフトウェアエンジニア リモート', 'Japanese passes through; fullwidth brackets break');
SELECT is(title_normalize('C++ / C# Developer'), 'cpp csharp developer', 'C++ and C#');
SELECT is(title_normalize('HR Admin'), 'human resources administrator', 'HR Admin');
SELECT is(title_normalize('Sys Admin'), 'systems administrator', 'Sys Admin');
SELECT is(title_normalize('Chief Executive Officer (CEO)'), 'chief executive officer', 'a repeated acronym goes');

-- blank and all-noise titles: empty, not an error; NULL in, NULL out
SELECT is(title_normalize(''), '', 'empty title');
SELECT is(title_normalize('   '), '', 'blank title');
SELECT is(title_normalize('(Remote)'), '', 'all-noise title');
SELECT is(title_level(''), NULL, 'empty title has no level');
SELECT is(title_normalize(NULL), NULL, 'NULL in, NULL out');
SELECT is(title_level(NULL), NULL, 'NULL level in, NULL out');
SELECT is((title_parse(NULL)).normalized, NULL, 'title_parse of NULL is NULL');

-- title_parse: both in one pass, and the same answers
SELECT is((SELECT row(normalized, level)::text FROM title_parse('Jr Site Reliability Engr')),
  '("site reliability engineer",P1)', 'title_parse gives both');
SELECT is((SELECT row(normalized, level)::text FROM title_parse('Nurse')),
  '(nurse,)', 'title_parse: NULL level');

-- title_level_words: the level a title's level words name beyond its job words
SELECT results_eq(
  $$SELECT t, title_level_words(t)::text FROM (VALUES
      ('Senior Backend Engineer'), ('Backend Engineer III'), ('Backend Engineer'), ('Sr. DevOps Eng II (Remote)'),
      ('Customer Success Manager'), ('Senior Customer Success Manager'), ('Customer Success Manager III'),
      ('Jr. Customer Success Manager'), ('Backend Engineering Manager'), ('Senior Manager, Backend'),
      ('Director of Accounting'), ('Software Engineering Intern'), ('Intern'), ('(Remote)')) v(t) ORDER BY t$$,
  $$VALUES ('(Remote)', NULL), ('Backend Engineer', NULL), ('Backend Engineer III', 'P3'),
           ('Backend Engineering Manager', NULL), ('Customer Success Manager', NULL),
           ('Customer Success Manager III', 'P3'), ('Director of Accounting', NULL), ('Intern', 'P1'),
           ('Jr. Customer Success Manager', 'M1'), ('Senior Backend Engineer', 'P3'),
           ('Senior Customer Success Manager', 'M3'), ('Senior Manager, Backend', 'M3'),
           ('Software Engineering Intern', 'P1'), ('Sr. DevOps Eng II (Remote)', 'P3')$$,
  'title_level_words: level words, the grade beside a rank noun of the job, nothing for job words');
SELECT is(title_level_words(NULL), NULL, 'title_level_words(NULL) is NULL');

CREATE TEMP TABLE hris (id int PRIMARY KEY, title text);
INSERT INTO hris VALUES
  (1, 'Sr. DevOps Eng II (Remote)'), (2, 'DEVOPS ENGINEER - CONTRACT'), (3, 'Jr Site Reliability Engr'),
  (4, 'Senior Manager, HR'), (5, 'VP of Engineering'), (6, 'Intern'), (7, 'Café Manager'),
  (8, 'Staff Accountant (Temp)'), (9, NULL), (10, ''), (11, 'Executive Assistant to the CEO'),
  (12, 'Engineer III - New York, NY'), (13, 'Pharmacy Tech II'), (14, 'ГЛАВНЫЙ ИНЖЕНЕР');

SELECT is(
  (SELECT count(*) FROM hris h CROSS JOIN LATERAL title_parse(h.title) p
    WHERE p.normalized IS DISTINCT FROM title_normalize(h.title)
       OR p.level IS DISTINCT FROM title_level(h.title))::int, 0,
  'title_parse agrees with title_normalize and title_level on every row');
SELECT is(
  (SELECT count(*) FROM hris WHERE title_normalize(title_normalize(title)) IS DISTINCT FROM title_normalize(title))::int, 0,
  'normalization is idempotent on every row');
SELECT is(
  (SELECT string_agg(h.id::text, ',') FROM hris h CROSS JOIN LATERAL title_parse(h.title) p
    WHERE p.normalized IS NULL AND p.level IS NULL), '9',
  'CROSS JOIN LATERAL title_parse keeps every row; a NULL title gives NULLs');

-- usable in indexes and generated columns (IMMUTABLE)
CREATE INDEX hris_norm ON hris (title_normalize(title));
SET LOCAL enable_seqscan = off;
SELECT ok(pg_temp.plan_of($$SELECT id FROM hris WHERE title_normalize(title) = 'devops engineer'$$) LIKE '%hris_norm%',
  'an expression index on title_normalize is used');
SELECT results_eq($$SELECT id FROM hris WHERE title_normalize(title) = 'devops engineer' ORDER BY id$$,
  $$VALUES (1), (2)$$, 'the expression index finds both DevOps rows');
RESET enable_seqscan;
ALTER TABLE hris ADD COLUMN level rolelevel GENERATED ALWAYS AS (title_level(title)) STORED;
SELECT results_eq($$SELECT id, level::text FROM hris WHERE level IS NOT NULL ORDER BY id$$,
  $$VALUES (1, 'P3'), (3, 'P1'), (4, 'M3'), (5, 'E1'), (6, 'P1'), (7, 'M2'), (8, 'P4'), (12, 'P3'), (13, 'P2')$$,
  'a generated rolelevel column from title_level');
SELECT is((SELECT count(*) FROM hris WHERE level >= 'M1')::int, 3, 'levels compare: three managers or above');

-- limits: a title over 1 MiB is refused with 54000, its start quoted
SELECT throws_ok($$SELECT title_normalize(repeat('a', 1048577))$$, '54000',
  'job title is too long: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa..."', 'over 1 MiB: 54000');
SELECT is(pg_temp.error_of($$SELECT title_level(repeat('a', 1048577))$$),
  '54000: job title is too long: "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa..." / A job title is read up to 1048576 bytes; this one has 1048577 bytes.',
  'over 1 MiB: the detail says the limit');
SELECT is(length(title_normalize(repeat('ab ', 349525) || 'a')), 1048576, 'exactly 1 MiB is read');
SELECT is(length(title_normalize(repeat('ai ', 1000))), 23999, 'the largest expansion, 12 bytes a byte, fits');
SELECT is(title_level_words(repeat('eng ', 262144)), NULL,
          'title_level_words of 1 MiB that normalizes to 2.25 MiB: its claims are read from its job phrase, no 54000');

-- a UTF8 database never passes invalid UTF-8 to the functions (test/db/title_encoding.sh
-- covers SQL_ASCII, where 22021 is reachable, and LATIN1, where titles are converted)
SELECT throws_ok($$SELECT title_normalize(convert_from('\xc3'::bytea, 'UTF8'))$$, '22021', NULL,
  'invalid UTF-8 is rejected by the server before the function is called');

SELECT * FROM finish();
ROLLBACK;
