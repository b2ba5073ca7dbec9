// Papers by their search bound (the Lucene scores of $queries on kg_paper_search, see
// src/store/neo4j/search-plan.ts), the first $limit by bound, and of those that can still enter
// the answer (scoring above $above, or at least $atLeast with an id before $before) the $k best by
// the exact score the shared scorer gives (paperScoreOfHits: token hits counted from the paper's token
// lists, per query token title 2 exact / 1 prefix and abstract 1 exact / 0.5 prefix, over 3 per
// token; plus 1 when the lower-cased title holds $phrase, else 0.5 when the abstract does), then
// id; with the bound of the last row read (null when no row is left after it). $tokens are
// {token, prefix} maps (prefix: long enough to match as a prefix); $n the number of tokens.
UNWIND $queries AS query
CALL db.index.fulltext.queryNodes('kg_paper_search', query,
  CASE WHEN size($queries) = 1 THEN {limit: toInteger($limit)} ELSE {} END) YIELD node, score
WITH node, sum(score) AS bound
ORDER BY bound DESC
LIMIT toInteger($limit)
WITH collect({p: node, bound: bound}) AS rows
WITH rows, CASE WHEN size(rows) < $limit THEN null ELSE rows[size(rows) - 1].bound END AS last
CALL (rows) {
  UNWIND rows AS row
  WITH row WHERE row.bound > $above OR (row.bound >= $atLeast AND row.p.id < $before)
  WITH row.p AS p, coalesce(row.p.titleTokens, []) AS title, coalesce(row.p.abstractTokens, []) AS abstract
  WITH p, reduce(h = 0.0, t IN $tokens |
    h + CASE
          WHEN t.token IN title THEN 2.0
          WHEN t.prefix AND any(x IN title WHERE x STARTS WITH t.token) THEN 1.0
          ELSE 0.0
        END
      + CASE
          WHEN t.token IN abstract THEN 1.0
          WHEN t.prefix AND any(x IN abstract WHERE x STARTS WITH t.token) THEN 0.5
          ELSE 0.0
        END) AS hits
  WHERE hits > 0
  WITH p, hits, CASE
      WHEN $phrase IS NULL THEN 0
      WHEN toLower(coalesce(p.title, '')) CONTAINS $phrase THEN 2
      WHEN toLower(coalesce(p.abstract, '')) CONTAINS $phrase THEN 1
      ELSE 0
    END AS phrase
  WITH p, hits, phrase, hits / (3.0 * $n) + CASE phrase WHEN 2 THEN 1.0 WHEN 1 THEN 0.5 ELSE 0.0 END AS score
  ORDER BY score DESC, p.id
  LIMIT toInteger($k)
  RETURN collect({id: p.id, hits: hits, phrase: phrase, score: score}) AS best
}
RETURN last, best
