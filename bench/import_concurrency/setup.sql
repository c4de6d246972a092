-- Cards for bench/import_concurrency.sh: 40 roles in two versions each,
-- which overlap everywhere two imports can meet.
--   - 2 superfunctions with a node mapping whose review status the two
--     versions disagree on (node mapping upserts);
--   - 4 functions, 8 specializations, 5 levels; node descriptions differ
--     between the versions (taxonomy upserts), and version 1 of the
--     function F4 cards puts F4 under the other superfunction (a move);
--   - components drawn from one pool of 30 names per kind, in an order
--     that differs by version, with descriptions that differ by version
--     (catalogue upserts, component lists replaced);
--   - aliases and role mappings that differ by version.
-- Deterministic: the same cards on every run.
\set ON_ERROR_STOP true
SET client_min_messages = warning;
SELECT setseed(0.25);
DROP TABLE IF EXISTS public.bench_cards;
CREATE TABLE public.bench_cards (n int PRIMARY KEY, code text, version int, card jsonb);
INSERT INTO public.bench_cards
SELECT row_number() OVER (ORDER BY fn, sp, lvl, v), fn || '.' || sp || '.' || lvl, v,
  jsonb_build_object(
    'code', fn || '.' || sp || '.' || lvl,
    'title', 'Role ' || fn || ' ' || sp || ' ' || lvl || ' v' || v,
    'taxonomy', jsonb_build_array(
       jsonb_build_object('code', sf, 'kind', 'superfunction', 'name', 'Superfunction ' || sf,
                          'description', 'version ' || v,
                          'mappings', jsonb_build_array(jsonb_build_object(
                             'code', CASE sf WHEN 'SFA' THEN '15-0000' ELSE '13-0000' END,
                             'review_status', CASE v WHEN 0 THEN 'approved' ELSE 'needs_review' END))),
       jsonb_build_object('code', fn, 'kind', 'function', 'name', 'Function ' || fn, 'description', 'version ' || v),
       jsonb_build_object('code', fn || '.' || sp, 'kind', 'specialization', 'name', 'Specialization ' || sp)),
    'components', jsonb_build_object(
       'skills', (SELECT jsonb_agg(jsonb_build_object('name', 'Skill ' || k, 'description', 'skill ' || k || ' v' || v)
                                   ORDER BY (k * (7 + 4 * v) + sp_n) % 31)
                  FROM generate_series(1 + (sp_n + v) % 5, 12 + (sp_n + v) % 5) k),
       'tasks', (SELECT jsonb_agg(jsonb_build_object('name', 'Task ' || k) ORDER BY (k * (3 + 8 * v) + lvl_n) % 29)
                 FROM generate_series(1 + lvl_n % 3, 8 + v + lvl_n % 3) k)),
    'aliases', jsonb_build_array(
       jsonb_build_object('alias', 'Alias ' || fn || ' ' || sp || ' ' || lvl, 'confidence', 0.5 + 0.2 * v),
       jsonb_build_object('alias', 'Alias ' || fn || ' ' || sp || ' ' || lvl || CASE v WHEN 0 THEN ' (old)' ELSE ' (new)' END)),
    'mappings', CASE WHEN v = 1 THEN '[{"code": "15-1252", "source": "autocoded"}]'::jsonb ELSE '[]'::jsonb END)
FROM (SELECT fn, sp, sp_n, lvl, lvl_n, v,
             CASE WHEN fn IN ('F1', 'F2') OR (fn = 'F4' AND v = 1) THEN 'SFA' ELSE 'SFB' END AS sf
      FROM unnest('{F1,F2,F3,F4}'::text[]) fn, unnest('{SPA,SPB}'::text[]) WITH ORDINALITY s(sp, sp_n),
           unnest('{P1,P2,P3,M1,M2}'::text[]) WITH ORDINALITY l(lvl, lvl_n), generate_series(0, 1) v) g;
ANALYZE public.bench_cards;
-- Every card is valid, and every card imports on its own.
DO $$
BEGIN
  IF EXISTS (SELECT FROM public.bench_cards c, roleext.validate_role_card(c.card)) THEN
    RAISE EXCEPTION 'a bench card is not valid';
  END IF;
END $$;
SELECT count(roleext.import_role_card(card)) AS cards FROM public.bench_cards ORDER BY 1;
