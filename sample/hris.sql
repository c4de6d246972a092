-- Example HRIS data for roleext: psql -1 -f sample/hris.sql, after
-- sample/load.sql (the sample taxonomy) in the same database.
--
-- ILLUSTRATIVE, generated: table public.hris_employee holds employees of a
-- made-up company whose job titles are what an HRIS really holds -- the
-- sample taxonomy's jobs written the way people and systems write them:
-- abbreviations (Sr., Jr, Eng, Engr, Mgr, Assoc, VP), level words and
-- numerals in several places (Senior X, X III, X 3, X, Senior), synonyms
-- (Back End Engineer, Backend Developer, Talent Acquisition Specialist),
-- work arrangements and contract terms, requisition numbers, trailing
-- locations, team names, a few typos, and any case.  Each row keeps the
-- role it was generated from (source_role), so a join can be scored.
--
-- Deterministic: every choice is a hash of the employee id, so the same
-- rows come back on every run and every machine.  The number of employees
-- is the psql variable hris_rows (default 5000):
--     psql -v hris_rows=100000 -1 -f sample/hris.sql
-- Idempotent: the table is dropped and made again.

\set ON_ERROR_STOP true
\if :{?hris_rows}
\else
\set hris_rows 5000
\endif
SET client_min_messages = warning;
DROP TABLE IF EXISTS pg_temp.hris_family, pg_temp.hris_level, pg_temp.hris_noise, pg_temp.hris_slot;

-- How each family of the sample taxonomy is written in an HRIS: the job of
-- its individual contributors (the first form most often, then variants),
-- and the team its managers run.
CREATE TEMP TABLE hris_family (family text PRIMARY KEY, jobs text[], teams text[]);
INSERT INTO hris_family VALUES
  ('DEI.GEN', '{DevOps Engineer,DevOps Engineer,DevOps Engineer,DevOps Eng,Dev Ops Engineer,DevOps Engr,DevOps Engineer - Infrastructure}',
              '{DevOps,DevOps Engineering,Dev Ops}'),
  ('DEI.SRE', '{Site Reliability Engineer,Site Reliability Engineer,Site Reliability Engineer,SRE,Site Reliability Engr,Site Reliability Eng,Reliability Engineer}',
              '{Site Reliability,SRE}'),
  ('DEI.CLD', '{Cloud Engineer,Cloud Engineer,Cloud Engineer,Cloud Eng,Cloud Infrastructure Engineer,Cloud Platform Engineer,AWS Cloud Engineer}',
              '{Cloud Infrastructure,Cloud Engineering}'),
  ('SWE.BE',  '{Backend Engineer,Backend Engineer,Backend Engineer,Back End Engineer,Back-End Engineer,Backend Software Engineer,Backend Eng,Backend Developer,Software Engineer - Backend}',
              '{Backend Engineering,Backend,Back End Engineering}'),
  ('SWE.FE',  '{Frontend Engineer,Frontend Engineer,Frontend Engineer,Front End Engineer,Front-End Engineer,Frontend Developer,Frontend Eng,Software Engineer - Frontend}',
              '{Frontend Engineering,Frontend}'),
  ('SWE.QA',  '{QA Engineer,QA Engineer,QA Engineer,Quality Assurance Engineer,QA Eng,QA Automation Engineer,Software QA Engineer,Test Engineer}',
              '{Quality Engineering,QA}'),
  ('DAT.ENG', '{Data Engineer,Data Engineer,Data Engineer,Data Eng,Data Engr,Big Data Engineer,Data Platform Engineer}',
              '{Data Engineering,Data Platform}'),
  ('DAT.SCI', '{Data Scientist,Data Scientist,Data Scientist,Data Scientist - Machine Learning,ML Data Scientist,Data Science Specialist}',
              '{Data Science,Data Science and Analytics}'),
  ('DAT.BI',  '{BI Analyst,BI Analyst,BI Analyst,Business Intelligence Analyst,Business Intelligence Analyst,BI Developer,Reporting Analyst}',
              '{Business Intelligence,BI}'),
  ('SEC.OPS', '{Security Analyst,Security Analyst,Security Analyst,Information Security Analyst,Cyber Security Analyst,InfoSec Analyst,SOC Analyst}',
              '{Security Operations,Information Security,SecOps}'),
  ('ITS.HD',  '{IT Support Technician,IT Support Technician,IT Support Technician,IT Support Tech,Help Desk Technician,Desktop Support Technician,Service Desk Technician,IT Technician}',
              '{IT Support,Help Desk,Service Desk}'),
  ('FIN.ACC', '{Accountant,Accountant,Accountant,Accountant,General Ledger Accountant,GL Accountant,Acct,Staff Accountant}',
              '{Accounting,General Accounting,Accounting Operations}'),
  ('FIN.FPA', '{Financial Analyst,Financial Analyst,Financial Analyst,FP&A Analyst,Finance Analyst,Financial Planning Analyst,Fin Analyst}',
              '{FP&A,Financial Planning and Analysis}'),
  ('HRM.REC', '{Recruiter,Recruiter,Recruiter,Technical Recruiter,Corporate Recruiter,Talent Acquisition Specialist,Talent Acquisition Partner}',
              '{Recruiting,Talent Acquisition}'),
  ('HRM.HRBP','{HR Business Partner,HR Business Partner,HR Business Partner,HRBP,Human Resources Business Partner,People Business Partner}',
              '{HR Business Partners,HR Business Partnering,HRBP}'),
  ('PRC.GEN', '{Buyer,Buyer,Buyer,Buyer,Purchaser,Procurement Buyer,Buyer/Planner}',
              '{Purchasing,Procurement}'),
  ('SAL.SDR', '{Sales Development Representative,Sales Development Representative,Sales Development Representative,SDR,Sales Development Rep,Business Development Representative,Sales Dev Rep}',
              '{Sales Development,SDR}'),
  ('SAL.AE',  '{Account Executive,Account Executive,Account Executive,Account Exec,Acct Executive,Enterprise Account Executive,Sales Executive}',
              '{Sales,Enterprise Sales,Account Executives}'),
  ('MKT.DIG', '{Digital Marketing Specialist,Digital Marketing Specialist,Digital Marketing Specialist,Digital Marketing Spec,Digital Mktg Specialist,Online Marketing Specialist,Performance Marketing Specialist}',
              '{Digital Marketing,Online Marketing}'),
  ('MKT.PMM', '{Product Marketing Manager,Product Marketing Manager,Product Marketing Manager,Product Marketing Mgr,Product Mktg Manager,PMM}',
              '{Product Marketing}'),
  ('CSM.GEN', '{Customer Success Manager,Customer Success Manager,Customer Success Manager,Customer Success Mgr,Client Success Manager,CSM}',
              '{Customer Success Team,Client Success Team}');

-- How each level is written: % is the job (individual contributors) or
-- the team (managers); the first forms most often.  How many of a level's
-- employees there are, relative to the others, is its weight.
CREATE TEMP TABLE hris_level (level text PRIMARY KEY, weight int, forms text[]);
INSERT INTO hris_level VALUES
  ('P1', 12, '{Junior %,Junior %,Jr %,Jr. %,Associate %,% I,% I,Entry Level %,% 1,Assoc. %}'),
  ('P2', 16, '{%,%,%,%,%,% II,% II,% 2,% - Level 2}'),
  ('P3', 14, '{Senior %,Senior %,Sr. %,Sr %,SR. %,Snr %,% III,% III,% 3,"%, Senior"}'),
  ('P4', 6,  '{Staff %,Staff %,Lead %,Lead %,% IV,% 4}'),
  ('P5', 3,  '{Principal %,Principal %,Principal %,% V}'),
  ('S1', 8,  '{% I,% I,% I,% 1,% - Level 1,Entry Level %}'),
  ('S2', 8,  '{% II,% II,% II,% 2,% - Level 2}'),
  ('S3', 5,  '{% III,% III,% 3,% - Level 3}'),
  ('S4', 3,  '{Senior %,Senior %,Sr. %,% IV,% 4}'),
  ('M1', 4,  '{% Team Lead,% Team Lead,"Team Lead, %",% Supervisor,"Supervisor, %",% Team Leader}'),
  ('M2', 5,  '{% Manager,% Manager,"Manager, %",% Mgr,"Mgr, %",Manager of %}'),
  ('M4', 2,  '{Director of %,Director of %,% Director,"Director, %",Dir. %}'),
  ('E1', 1,  '{"VP, %","VP, %",VP of %,"Vice President, %",VP %}');

-- What else an HRIS title carries.  Noise: work arrangement, contract,
-- requisition number (# is replaced by digits), location.  Teams: a team
-- or product area after the job.  Typos: a letter lost or swapped.
CREATE TEMP TABLE hris_noise (kind text, forms text[]);
INSERT INTO hris_noise VALUES
  ('noise', ARRAY[' (Remote)', ' - Remote', ' (Hybrid)', ' - Contract', ' (Contractor)', ' - Temp', ' [Temp]',
                  ' - Full Time', ', Part-Time', ' REQ-#', ' (Req ##)', ' - #', ' - New York, NY',
                  ' - Boston, MA 02115', ' - San Francisco, CA', ' - London', ' (Austin, TX)', ' - EMEA',
                  ' (Remote - US)', ' - 2nd Shift']),
  ('team',  ARRAY[', Payments', ' - Platform', ' (Mobile)', ' - Growth', ', Core Services', ' - EMEA Team',
                  ', Internal Tools']),
  ('typo',  ARRAY['Engineer:Enginer', 'Engineer:Engineeer', 'Analyst:Analsyt', 'Manager:Manger',
                  'Specialist:Specalist', 'Recruiter:Recuiter', 'Technician:Techician', 'Scientist:Scientst',
                  'Executive:Executve', 'Representative:Represenative', 'Accountant:Acountant',
                  'Partner:Parter', 'Developer:Devloper']);

-- One hash a choice: h(i, n) is employee i's n-th draw, in [0, 2^31).
CREATE OR REPLACE FUNCTION pg_temp.h(i int, n int) RETURNS int LANGUAGE sql IMMUTABLE AS
  'SELECT abs(hashint8(i::int8 * 64 + n)::int8)::int';
CREATE OR REPLACE FUNCTION pg_temp.pick(a text[], i int, n int) RETURNS text LANGUAGE sql IMMUTABLE AS
  'SELECT a[1 + pg_temp.h(i, n) % cardinality(a)]';

-- The roles employees hold, each as often as its level's weight.
CREATE TEMP TABLE hris_slot AS
SELECT row_number() OVER (ORDER BY r.code, s) - 1 AS slot, r.code AS role, r.node::text AS family,
       r.level::text AS level
FROM roleext.role r
JOIN hris_level l ON l.level = r.level::text
JOIN hris_family f ON f.family = r.node::text
CROSS JOIN LATERAL generate_series(1, l.weight) s;

DROP TABLE IF EXISTS public.hris_employee;
CREATE TABLE public.hris_employee (
  employee_id int PRIMARY KEY,
  title       text NOT NULL,
  department  text NOT NULL,
  source_role roleext.rolecode NOT NULL
);
COMMENT ON TABLE public.hris_employee IS
  'Example HRIS rows (sample/hris.sql, generated): messy job titles of the sample taxonomy''s roles, with the role each title was generated from in source_role. Not part of roleext.';

INSERT INTO public.hris_employee (employee_id, title, department, source_role)
SELECT e.i, t.title, d.name, e.role::roleext.rolecode
FROM (
  SELECT i, s.role, s.family, s.level
  FROM generate_series(1, :hris_rows) i
  JOIN hris_slot s ON s.slot = pg_temp.h(i, 1) % (SELECT count(*) FROM hris_slot)
) e
JOIN hris_family f ON f.family = e.family
JOIN hris_level l ON l.level = e.level
JOIN roleext.taxonomy sp ON sp.code::text = e.family
JOIN roleext.taxonomy d ON d.code::text = sp.parent::text
CROSS JOIN LATERAL (
  -- the job or team, in the level's form
  SELECT replace(pg_temp.pick(l.forms, e.i, 2), '%',
                 CASE WHEN e.level ~ '^[ME]' THEN pg_temp.pick(f.teams, e.i, 3)
                      ELSE pg_temp.pick(f.jobs, e.i, 3) END) AS t0
) a
CROSS JOIN LATERAL (
  -- a typo in one title of 40
  SELECT CASE WHEN pg_temp.h(e.i, 4) % 40 = 0
              THEN (SELECT replace(a.t0, split_part(x, ':', 1), split_part(x, ':', 2))
                      FROM (SELECT pg_temp.pick(n.forms, e.i, 5) AS x FROM hris_noise n WHERE n.kind = 'typo') y)
              ELSE a.t0 END AS t1
) b
CROSS JOIN LATERAL (
  -- a team in one of 12, noise in two of 5
  SELECT b.t1
         || CASE WHEN pg_temp.h(e.i, 6) % 12 = 0
                 THEN (SELECT pg_temp.pick(n.forms, e.i, 7) FROM hris_noise n WHERE n.kind = 'team') ELSE '' END
         || CASE WHEN pg_temp.h(e.i, 8) % 5 < 2
                 THEN (SELECT replace(pg_temp.pick(n.forms, e.i, 9), '#', (1000 + pg_temp.h(e.i, 10) % 90000)::text)
                         FROM hris_noise n WHERE n.kind = 'noise') ELSE '' END AS t2
) c
CROSS JOIN LATERAL (
  -- upper case in one of 6, lower case in one of 25, doubled spaces in one of 30
  SELECT CASE WHEN pg_temp.h(e.i, 11) % 30 = 0 THEN replace(x, ' ', '  ') ELSE x END AS title
  FROM (SELECT CASE WHEN pg_temp.h(e.i, 12) % 6 = 0 THEN upper(c.t2)
                    WHEN pg_temp.h(e.i, 12) % 25 = 1 THEN lower(c.t2)
                    ELSE c.t2 END AS x) z
) t;

ANALYZE public.hris_employee;
DROP TABLE hris_family, hris_level, hris_noise, hris_slot;
DROP FUNCTION pg_temp.pick(text[], int, int), pg_temp.h(int, int);
RESET client_min_messages;
