-- bench/import_concurrency.sh: ten cards chosen at random, in a random order,
-- as one batch with import_role_cards.
\set a random(1, 80)
\set b random(1, 80)
\set c random(1, 80)
\set d random(1, 80)
\set e random(1, 80)
\set f random(1, 80)
\set g random(1, 80)
\set h random(1, 80)
\set i random(1, 80)
\set j random(1, 80)
SELECT count(*) FROM roleext.import_role_cards(
  (SELECT jsonb_agg(card ORDER BY random()) FROM public.bench_cards
   WHERE n IN (:a, :b, :c, :d, :e, :f, :g, :h, :i, :j)));
