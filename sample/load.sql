-- Sample taxonomy for roleext: psql -1 -f sample/load.sql (into any
-- database where CREATE EXTENSION roleext has run; -1 makes it one
-- transaction).  Idempotent: run it again and nothing changes.
--
-- Part 1 is REAL: the role card DEI.GEN.P1 exactly as given in
-- shared/data/seed/role_card_DEI.GEN.P1.txt (every story line, component,
-- alias and the 15-0000 mapping that comes from its superfunction).  The
-- card does not name its superfunction or specialization; "TECH /
-- Technology" and "GEN / General" are illustrative names for them.
--
-- Part 2 is ILLUSTRATIVE: a made-up taxonomy around it (3 superfunctions,
-- 11 functions, 83 roles across the S, P, M and E tracks, with aliases and a
-- few SOC mappings on nodes and roles) so that adjacency, inheritance and
-- title resolution have something to show.  None of it describes a real
-- company.

\set ON_ERROR_STOP true
SET client_min_messages = warning;


-- Part 1: the seed card, verbatim -------------------------------------------
SELECT roleext.import_role_card($card$
{
  "format": "roleext.role_card/1",
  "code": "DEI.GEN.P1",
  "title": "DevOps Engineering and Infrastructure Entry/Mid",
  "level": "P1",
  "summary": "Early-career DevOps engineers concentrate on learning existing processes and gradually improving them.",
  "taxonomy": [
    {"code": "TECH", "kind": "superfunction", "name": "Technology",
     "description": "Illustrative superfunction of the sample taxonomy.",
     "mappings": [{"scheme": "soc2018", "code": "15-0000", "source": "manual", "review_status": "approved",
                   "reviewer": "sample"}]},
    {"code": "DEI", "kind": "function", "name": "DevOps Engineering and Infrastructure"},
    {"code": "DEI.GEN", "kind": "specialization", "name": "General",
     "description": "Illustrative name: the card gives only the code GEN."}
  ],
  "story": {
    "who": "DevOps Engineers and Infrastructure Engineers who want to streamline software delivery and optimize cloud infrastructure.",
    "external_problem": "Inconsistent deployment processes and frequent downtime lead to delays in software release.",
    "internal_problem": "They feel overwhelmed by complex systems and the pressure to deliver rapidly and reliably.",
    "why_it_matters": "They believe that efficient automation and solid infrastructure are critical for business success and innovation.",
    "plan": [
      "Assess the current build and deployment pipeline to identify bottlenecks.",
      "Implement automation tools to enhance deployment efficiency.",
      "Design scalable cloud infrastructure to support application needs.",
      "Train team members on critical thinking and complex problem-solving skills.",
      "Continuously monitor performance and adapt strategies to meet changing demands."
    ],
    "stakes": "Increased delays in software delivery that frustrate stakeholders. Frequent outages and downtime that undermine user trust and business reputation.",
    "success": "Faster and more reliable software releases that meet user needs. A robust and scalable infrastructure that supports growth and innovation."
  },
  "components": {
    "responsibilities": [
      {"name": "Assist in deployments", "prevalence": "common", "scope": "level"},
      {"name": "Monitor pipeline success", "prevalence": "common", "scope": "level"},
      {"name": "Improve automation", "prevalence": "common", "scope": "level"},
      {"name": "Participate in team meetings", "prevalence": "common", "scope": "level"},
      {"name": "Document processes and improvements", "prevalence": "common", "scope": "level"},
      {"name": "Collaborate with software development teams", "prevalence": "common", "scope": "level"},
      {"name": "Support infrastructure maintenance", "prevalence": "common", "scope": "level"},
      {"name": "Troubleshoot deployment issues", "prevalence": "common", "scope": "level"}
    ],
    "tasks": [
      {"name": "Assist in software deployments", "prevalence": "common", "scope": "level"},
      {"name": "Monitor and report on pipeline health", "prevalence": "common", "scope": "level"},
      {"name": "Implement small automation scripts", "prevalence": "common", "scope": "level"}
    ],
    "skills": [
      {"name": "CI/CD tools", "prevalence": "common", "scope": "level"},
      {"name": "Basic cloud platform usage", "prevalence": "common", "scope": "level"},
      {"name": "Automation scripting", "prevalence": "common", "scope": "level"},
      {"name": "Monitoring tools", "prevalence": "common", "scope": "level"},
      {"name": "Version control systems", "prevalence": "common", "scope": "level"},
      {"name": "Basic networking", "prevalence": "common", "scope": "level"},
      {"name": "Linux/Unix systems", "prevalence": "common", "scope": "level"},
      {"name": "Containerization basics", "prevalence": "common", "scope": "level"}
    ],
    "knowledge": [
      {"name": "Continuous integration", "prevalence": "common", "scope": "level"},
      {"name": "Continuous deployment", "prevalence": "common", "scope": "level"},
      {"name": "Cloud infrastructure basics", "prevalence": "common", "scope": "level"},
      {"name": "Automation frameworks", "prevalence": "common", "scope": "level"},
      {"name": "Software development lifecycle", "prevalence": "common", "scope": "level"},
      {"name": "Basic security practices", "prevalence": "common", "scope": "level"},
      {"name": "System monitoring", "prevalence": "common", "scope": "level"},
      {"name": "Configuration management", "prevalence": "common", "scope": "level"}
    ],
    "competencies": [
      {"name": "Deployment frequency", "prevalence": "common", "scope": "level"},
      {"name": "Change failure rate", "prevalence": "common", "scope": "level"},
      {"name": "Pipeline reliability", "prevalence": "common", "scope": "level"},
      {"name": "Problem-solving", "prevalence": "common", "scope": "level"},
      {"name": "Team collaboration", "prevalence": "common", "scope": "level"},
      {"name": "Technical documentation", "prevalence": "common", "scope": "level"},
      {"name": "Basic scripting", "prevalence": "common", "scope": "level"}
    ],
    "qualifications": [
      {"name": "Basic understanding of CI/CD processes", "prevalence": "common", "scope": "level"},
      {"name": "Bachelor's degree in Computer Science or related field", "prevalence": "common", "scope": "level"},
      {"name": "0-2 years of experience in DevOps or related field", "prevalence": "common", "scope": "level"},
      {"name": "Experience with version control systems", "prevalence": "common", "scope": "level"}
    ],
    "outputs": []
  },
  "aliases": [
    {"alias": "DevOps Engineering and Infrastructure Entry/Mid", "type": "common", "confidence": 0.60, "approved": null},
    {"alias": "P1–P4", "type": "common", "confidence": 0.50, "approved": null}
  ],
  "mappings": []
}
$card$::jsonb);

-- Part 2: the illustrative taxonomy -------------------------------------------

DROP TABLE IF EXISTS pg_temp.sample_spec, pg_temp.sample_role_mapping;
CREATE TEMP TABLE sample_spec (
  sf text, sf_name text, sf_soc text,
  fn text, fn_name text, fn_soc text,
  spec text, spec_name text, spec_soc text, spec_onet text,
  base text, levels text[], skills text[], duties text[]
);

INSERT INTO sample_spec VALUES
  ('TECH', 'Technology', '15-0000', 'DEI', 'DevOps Engineering and Infrastructure', NULL,
   'GEN', 'General', NULL, NULL, 'DevOps Engineer', '{P2,P3,P4,M2}',
   '{CI/CD tools,Automation scripting,Infrastructure as code}', '{Own the deployment pipeline,Automate infrastructure changes}'),
  ('TECH', 'Technology', '15-0000', 'DEI', 'DevOps Engineering and Infrastructure', NULL,
   'SRE', 'Site Reliability Engineering', '15-1244', NULL, 'Site Reliability Engineer', '{P2,P3,P4,P5}',
   '{Incident response,Observability,Capacity planning}', '{Keep services within their SLOs,Lead incident reviews}'),
  ('TECH', 'Technology', '15-0000', 'DEI', 'DevOps Engineering and Infrastructure', NULL,
   'CLD', 'Cloud Infrastructure', NULL, NULL, 'Cloud Engineer', '{P2,P3,P4}',
   '{Cloud networking,Infrastructure as code,Cost management}', '{Design cloud landing zones,Operate cloud accounts}'),
  ('TECH', 'Technology', '15-0000', 'SWE', 'Software Engineering', '15-1252',
   'BE', 'Backend Engineering', NULL, NULL, 'Backend Engineer', '{P1,P2,P3,P4,P5,M1,M2}',
   '{API design,Relational databases,Distributed systems}', '{Build and run backend services,Review code}'),
  ('TECH', 'Technology', '15-0000', 'SWE', 'Software Engineering', '15-1252',
   'FE', 'Frontend Engineering', NULL, '15-1254.00', 'Frontend Engineer', '{P1,P2,P3}',
   '{JavaScript,Accessibility,Web performance}', '{Build user interfaces,Keep the design system current}'),
  ('TECH', 'Technology', '15-0000', 'SWE', 'Software Engineering', '15-1252',
   'QA', 'Quality Engineering', '15-1253', NULL, 'QA Engineer', '{P1,P2,P3}',
   '{Test automation,Exploratory testing,Test planning}', '{Design test plans,Automate regression tests}'),
  ('TECH', 'Technology', '15-0000', 'DAT', 'Data and Analytics', NULL,
   'ENG', 'Data Engineering', '15-1243', NULL, 'Data Engineer', '{P2,P3,P4}',
   '{SQL,Data modelling,Pipeline orchestration}', '{Build data pipelines,Model the warehouse}'),
  ('TECH', 'Technology', '15-0000', 'DAT', 'Data and Analytics', NULL,
   'SCI', 'Data Science', '15-2051', '15-2051.00', 'Data Scientist', '{P2,P3,P4,M2}',
   '{Statistics,Machine learning,Experiment design}', '{Build predictive models,Design experiments}'),
  ('TECH', 'Technology', '15-0000', 'DAT', 'Data and Analytics', NULL,
   'BI', 'Business Intelligence', NULL, NULL, 'BI Analyst', '{P1,P2,P3}',
   '{SQL,Dashboard design,Data storytelling}', '{Build dashboards,Answer business questions with data}'),
  ('TECH', 'Technology', '15-0000', 'SEC', 'Information Security', NULL,
   'OPS', 'Security Operations', '15-1212', NULL, 'Security Analyst', '{P1,P2,P3,M2}',
   '{Threat detection,Incident handling,Vulnerability management}', '{Monitor security alerts,Investigate incidents}'),
  ('TECH', 'Technology', '15-0000', 'ITS', 'IT Support', NULL,
   'HD', 'Service Desk', '15-1232', NULL, 'IT Support Technician', '{S1,S2,S3,S4,M1}',
   '{Troubleshooting,Customer service,Endpoint management}', '{Resolve support tickets,Set up workstations}'),
  ('BIZ', 'Business and Finance', '13-0000', 'FIN', 'Finance', NULL,
   'ACC', 'Accounting', '13-2011', NULL, 'Accountant', '{P1,P2,P3,M2,M4}',
   '{General ledger,Month-end close,Reconciliations}', '{Close the books,Prepare financial statements}'),
  ('BIZ', 'Business and Finance', '13-0000', 'FIN', 'Finance', NULL,
   'FPA', 'Financial Planning and Analysis', '13-2051', NULL, 'Financial Analyst', '{P1,P2,P3,P4}',
   '{Financial modelling,Forecasting,Variance analysis}', '{Build the annual budget,Explain variances}'),
  ('BIZ', 'Business and Finance', '13-0000', 'HRM', 'Human Resources', NULL,
   'REC', 'Talent Acquisition', '13-1071', NULL, 'Recruiter', '{P1,P2,P3,M2}',
   '{Sourcing,Interviewing,Employer branding}', '{Fill open positions,Run interview loops}'),
  ('BIZ', 'Business and Finance', '13-0000', 'HRM', 'Human Resources', NULL,
   'HRBP', 'HR Business Partnering', NULL, NULL, 'HR Business Partner', '{P2,P3,P4,E1}',
   '{Employee relations,Organisation design,Performance management}', '{Advise leaders on people matters,Run the performance cycle}'),
  ('BIZ', 'Business and Finance', '13-0000', 'PRC', 'Procurement', NULL,
   'GEN', 'Purchasing', '13-1020', NULL, 'Buyer', '{S2,S3,P2,P3}',
   '{Negotiation,Supplier management,Purchase orders}', '{Source suppliers,Place and track orders}'),
  ('GTM', 'Go-to-Market', '41-0000', 'SAL', 'Sales', NULL,
   'SDR', 'Sales Development', '41-3091', NULL, 'Sales Development Representative', '{P1,P2,M1}',
   '{Prospecting,Cold calling,CRM hygiene}', '{Book meetings with prospects,Qualify leads}'),
  ('GTM', 'Go-to-Market', '41-0000', 'SAL', 'Sales', NULL,
   'AE', 'Account Executives', NULL, NULL, 'Account Executive', '{P2,P3,P4,M2,E1}',
   '{Negotiation,Pipeline management,Solution selling}', '{Close new business,Forecast the pipeline}'),
  ('GTM', 'Go-to-Market', '41-0000', 'MKT', 'Marketing', '13-1161',
   'DIG', 'Digital Marketing', NULL, NULL, 'Digital Marketing Specialist', '{P1,P2,P3,M2}',
   '{Paid search,Marketing analytics,Content marketing}', '{Run digital campaigns,Report campaign results}'),
  ('GTM', 'Go-to-Market', '41-0000', 'MKT', 'Marketing', '13-1161',
   'PMM', 'Product Marketing', NULL, NULL, 'Product Marketing Manager', '{P3,P4}',
   '{Positioning,Competitive analysis,Launch planning}', '{Position the product,Launch features}'),
  ('GTM', 'Go-to-Market', '41-0000', 'CSM', 'Customer Success', NULL,
   'GEN', 'Customer Success', NULL, NULL, 'Customer Success Manager', '{P1,P2,P3,M2}',
   '{Onboarding,Renewals,Account planning}', '{Onboard new customers,Secure renewals}');

-- Role-level mappings (management roles classify differently from their
-- specialization).
CREATE TEMP TABLE sample_role_mapping (role text, scheme text, code text, status text);
INSERT INTO sample_role_mapping VALUES
  ('SWE.BE.M2', 'soc2018', '11-3021', 'approved'),
  ('FIN.ACC.M4', 'soc2018', '11-3031', 'approved'),
  ('HRM.HRBP.E1', 'soc2018', '11-3121', 'needs_review'),
  ('SAL.AE.E1', 'soc2018', '11-2022', 'approved'),
  ('MKT.DIG.M2', 'soc2018', '11-2021', 'needs_review');

-- The title a role at a level goes by, and its other common titles.
CREATE OR REPLACE FUNCTION pg_temp.sample_title(base text, lvl text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT CASE lvl
    WHEN 'S1' THEN base || ' I' WHEN 'S2' THEN base || ' II' WHEN 'S3' THEN base || ' III'
    WHEN 'S4' THEN 'Senior ' || base WHEN 'P1' THEN 'Junior ' || base WHEN 'P2' THEN base
    WHEN 'P3' THEN 'Senior ' || base WHEN 'P4' THEN 'Staff ' || base WHEN 'P5' THEN 'Principal ' || base
    WHEN 'M1' THEN base || ' Team Lead' WHEN 'M2' THEN base || ' Manager' WHEN 'M4' THEN 'Director, ' || base
    WHEN 'E1' THEN 'VP, ' || base END
$$;
CREATE OR REPLACE FUNCTION pg_temp.sample_aliases(base text, lvl text) RETURNS jsonb LANGUAGE sql IMMUTABLE AS $$
  SELECT jsonb_agg(jsonb_build_object('alias', a, 'type', t, 'confidence', c) ORDER BY c DESC, a)
  FROM (VALUES
    (pg_temp.sample_title(base, lvl), 'official', 0.95),
    (CASE lvl WHEN 'P1' THEN base || ' I' WHEN 'P2' THEN base || ' II' WHEN 'P3' THEN base || ' III'
              WHEN 'P4' THEN 'Lead ' || base WHEN 'M2' THEN 'Manager, ' || base
              WHEN 'S4' THEN base || ' IV' END, 'common', 0.80),
    (CASE lvl WHEN 'P1' THEN 'Associate ' || base WHEN 'P3' THEN 'Sr. ' || base
              WHEN 'M1' THEN base || ' Supervisor' END, 'abbreviation', 0.70)) x(a, t, c)
  WHERE a IS NOT NULL
$$;

SELECT count(roleext.import_role_card(card)) AS illustrative_roles
FROM (
  SELECT jsonb_build_object(
    'format', 'roleext.role_card/1',
    'code', s.fn || '.' || s.spec || '.' || lvl,
    'title', pg_temp.sample_title(s.base, lvl),
    'summary', 'Illustrative role: ' || pg_temp.sample_title(s.base, lvl) || ' in ' || s.spec_name || '.',
    'taxonomy', jsonb_build_array(
       jsonb_build_object('code', s.sf, 'kind', 'superfunction', 'name', s.sf_name,
                          'description', 'Illustrative superfunction of the sample taxonomy.',
                          'mappings', jsonb_build_array(jsonb_build_object(
                             'scheme', 'soc2018', 'code', s.sf_soc, 'source', 'manual',
                             'review_status', 'approved', 'reviewer', 'sample'))),
       jsonb_build_object('code', s.fn, 'kind', 'function', 'name', s.fn_name)
         || CASE WHEN s.fn_soc IS NULL THEN '{}'::jsonb ELSE jsonb_build_object('mappings', jsonb_build_array(
              jsonb_build_object('scheme', 'soc2018', 'code', s.fn_soc, 'source', 'manual',
                                 'review_status', 'approved', 'reviewer', 'sample'))) END,
       jsonb_build_object('code', s.fn || '.' || s.spec, 'kind', 'specialization', 'name', s.spec_name)
         || CASE WHEN s.spec_soc IS NULL AND s.spec_onet IS NULL THEN '{}'::jsonb
                 ELSE jsonb_build_object('mappings', (
                   SELECT jsonb_agg(m) FROM (VALUES
                     (CASE WHEN s.spec_soc IS NOT NULL THEN jsonb_build_object(
                        'scheme', 'soc2018', 'code', s.spec_soc, 'source', 'manual', 'review_status', 'approved',
                        'reviewer', 'sample') END),
                     (CASE WHEN s.spec_onet IS NOT NULL THEN jsonb_build_object(
                        'scheme', 'onet2019', 'code', s.spec_onet, 'source', 'manual', 'review_status', 'needs_review') END)
                   ) v(m) WHERE m IS NOT NULL)) END),
    'components', jsonb_build_object(
       'skills', (SELECT jsonb_agg(jsonb_build_object('name', k, 'prevalence', 'core', 'scope', 'specialization') ORDER BY o)
                  FROM unnest(s.skills) WITH ORDINALITY u(k, o)),
       'responsibilities', (SELECT jsonb_agg(jsonb_build_object('name', k, 'prevalence', 'common', 'scope', 'specialization') ORDER BY o)
                            FROM unnest(s.duties) WITH ORDINALITY u(k, o))),
    'aliases', pg_temp.sample_aliases(s.base, lvl),
    'mappings', coalesce((SELECT jsonb_agg(jsonb_build_object('scheme', rm.scheme, 'code', rm.code, 'source', 'manual',
                                                              'review_status', rm.status))
                          FROM sample_role_mapping rm WHERE rm.role = s.fn || '.' || s.spec || '.' || lvl), '[]')
  ) AS card
  FROM sample_spec s, unnest(s.levels) lvl
) cards;

DROP TABLE sample_spec, sample_role_mapping;
DROP FUNCTION pg_temp.sample_aliases(text, text), pg_temp.sample_title(text, text);
RESET client_min_messages;
