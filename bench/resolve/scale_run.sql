-- One taxonomy of bench/resolve/scale.sql (psql variables tax: its name,
-- cards: the file of its role cards): import it, then time the first calls
-- in new connections and the throughput.  Leaves \o at /dev/null.
\o /dev/null
SELECT bench.once('resolve ' || :'tax', 'import_role_cards',
                  format('SELECT count(*) FROM roleext.import_role_cards(pg_read_file(%L)::jsonb)', :'cards'));
VACUUM ANALYZE roleext.role;
VACUUM ANALYZE roleext.role_alias;
VACUUM ANALYZE roleext.taxonomy;
CHECKPOINT;
\o
SELECT :'tax' AS taxonomy, (SELECT count(*) FROM roleext.role) AS roles,
       (SELECT count(*) FROM roleext.role_alias) AS aliases, (SELECT count(*) FROM roleext.taxonomy) AS nodes;
\o /dev/null

-- first calls: each in a new connection, timed around the statement alone
-- (the clock read is the connection's first query; nothing of roleext
-- is loaded before the call)
\c
SELECT clock_timestamp() AS t0 \gset
SELECT count(*) FROM roleext.resolve_title('Software Developers', 1);
SELECT bench.record('resolve ' || :'tax', 'first call, new connection, exact title',
                    1000 * extract(epoch FROM clock_timestamp() - :'t0'::timestamptz));
SELECT clock_timestamp() AS t0 \gset
SELECT count(*) FROM roleext.resolve_title('Software Developers', 1);
SELECT bench.record('resolve ' || :'tax', 'second call, same connection, exact title',
                    1000 * extract(epoch FROM clock_timestamp() - :'t0'::timestamptz));
\c
SELECT clock_timestamp() AS t0 \gset
SELECT count(*) FROM roleext.resolve_title('Sr. Sofware Developr - Payments Platform (Remote)', 1);
SELECT bench.record('resolve ' || :'tax', 'first call, new connection, trigram title',
                    1000 * extract(epoch FROM clock_timestamp() - :'t0'::timestamptz));
SELECT clock_timestamp() AS t0 \gset
SELECT count(*) FROM roleext.resolve_title('Sr. Sofware Developr - Payments Platform (Remote)', 1);
SELECT bench.record('resolve ' || :'tax', 'second call, same connection, trigram title',
                    1000 * extract(epoch FROM clock_timestamp() - :'t0'::timestamptz));
\c
SELECT clock_timestamp() AS t0 \gset
SELECT a.role FROM roleext.role_alias a
ORDER BY a.alias_norm <-> roleext.title_normalize('Sr. Sofware Developr - Payments Platform (Remote)') LIMIT 1;
SELECT bench.record('resolve ' || :'tax', 'pg_trgm first call, new connection, trigram title',
                    1000 * extract(epoch FROM clock_timestamp() - :'t0'::timestamptz));
SET client_min_messages = warning;
SET search_path = public, roleext;
SET jit = off;
SET max_parallel_workers_per_gather = 0;

-- throughput, the same titles, one core
SELECT bench.time('resolve ' || :'tax', 'resolve_title(title, 1)',
  $$SELECT count(r.role) FROM bench.cmp_title e CROSS JOIN LATERAL resolve_title(e.title, 1) r$$, 1);
SELECT bench.time('resolve ' || :'tax', 'pg_trgm nearest normalized alias',
  $$SELECT count(x.role) FROM bench.cmp_title e
    CROSS JOIN LATERAL (SELECT a.role FROM roleext.role_alias a
                        ORDER BY a.alias_norm <-> title_normalize(e.title) LIMIT 1) x$$, 1);
SELECT bench.resolve_all('resolve ' || :'tax', :resolve_budget);
