-- make eval-content: similarity by content against O*NET's own judgement.
-- For every occupation with content, the share of its five Primary-Short
-- related occupations (onet_related_occupation, never an input of the
-- similarity) found among its 10 nearest: by content (onet_content_neighbour),
-- and two baselines ranked the same way -- SOC structure (same broad group,
-- then same minor group, then same major group, ties by code distance) and
-- title-word overlap (Jaccard of lower-cased title words, ties by code).
\pset footer off
SET search_path = roleext, public;
CREATE TEMP TABLE ps AS
SELECT r.code, r.related FROM onet_related_occupation r WHERE r.tier = 'Primary-Short';
CREATE TEMP TABLE occ AS
SELECT v.code, o.title,
       ARRAY(SELECT DISTINCT w FROM regexp_split_to_table(lower(o.title), '[^a-z0-9]+') w
             WHERE w <> '' AND w NOT IN ('and', 'or', 'of', 'the', 'all', 'other', 'except', 'workers', 'occupations')) AS words,
       substr(v.code::text, 1, 2)::int * 10000 + substr(v.code::text, 4, 4)::int AS num
FROM onet_content_vector v JOIN onet2019_occupation o ON o.code = v.code;

CREATE TEMP TABLE top_structure AS
SELECT a.code, b.code AS neighbour,
       row_number() OVER (PARTITION BY a.code ORDER BY
         (soc_ancestor(a.code, 'broad') = soc_ancestor(b.code, 'broad')) DESC,
         (soc_ancestor(a.code, 'minor') = soc_ancestor(b.code, 'minor')) DESC,
         (soc_ancestor(a.code, 'major') = soc_ancestor(b.code, 'major')) DESC,
         abs(a.num - b.num), b.code) AS rank
FROM occ a JOIN occ b ON b.code <> a.code;
CREATE TEMP TABLE top_title AS
SELECT a.code, b.code AS neighbour,
       row_number() OVER (PARTITION BY a.code ORDER BY
         cardinality(ARRAY(SELECT unnest(a.words) INTERSECT SELECT unnest(b.words)))::float8
           / greatest(cardinality(ARRAY(SELECT unnest(a.words) UNION SELECT unnest(b.words))), 1) DESC,
         abs(a.num - b.num), b.code) AS rank
FROM occ a JOIN occ b ON b.code <> a.code;

SELECT m.method AS "ranking (top 10)",
       round(100 * avg(m.hits / 5.0), 1) AS "recall@10 of Primary-Short, %",
       count(*) AS occupations
FROM (
  SELECT 'content similarity' AS method, p.code, count(*) FILTER (WHERE n.neighbour IS NOT NULL) AS hits
  FROM ps p LEFT JOIN onet_content_neighbour n ON n.code = p.code AND n.neighbour = p.related AND n.rank <= 10
  GROUP BY p.code
  UNION ALL
  SELECT 'baseline: SOC structure (broad, minor, major group)', p.code, count(*) FILTER (WHERE t.neighbour IS NOT NULL)
  FROM ps p LEFT JOIN top_structure t ON t.code = p.code AND t.neighbour = p.related AND t.rank <= 10
  GROUP BY p.code
  UNION ALL
  SELECT 'baseline: title-word overlap', p.code, count(*) FILTER (WHERE t.neighbour IS NOT NULL)
  FROM ps p LEFT JOIN top_title t ON t.code = p.code AND t.neighbour = p.related AND t.rank <= 10
  GROUP BY p.code
) m
GROUP BY m.method ORDER BY 2 DESC;
