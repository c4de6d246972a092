-- bench/import_concurrency.sh: one card, chosen at random, with import_role_card.
\set n random(1, 80)
SELECT roleext.import_role_card(card) FROM public.bench_cards WHERE n = :n;
