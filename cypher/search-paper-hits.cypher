// Papers holding a query token or a word it starts, with the token hits the shared scorer counts
// (per query token: title 2 exact / 1 prefix, abstract 1 exact / 0.5 prefix), read from the
// token lists stored on each paper, and where the lower-cased $phrase appears (2: in the title,
// else 1: in the abstract, else 0; null when $phrase is null); ids and hits only, so no paper
// text crosses the wire. $queries are Lucene queries of quoted tokens and prefix terms, OR'd;
// $tokens are {token, prefix} maps (prefix: the token is long enough to match as a prefix).
UNWIND $queries AS query
CALL db.index.fulltext.queryNodes('kg_search', query) YIELD node
WITH DISTINCT node
WHERE node:Paper
WITH node AS p, coalesce(node.titleTokens, []) AS title, coalesce(node.abstractTokens, []) AS abstract
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
RETURN p.id AS id, hits,
  CASE
    WHEN $phrase IS NULL THEN null
    WHEN toLower(coalesce(p.title, '')) CONTAINS $phrase THEN 2
    WHEN toLower(coalesce(p.abstract, '')) CONTAINS $phrase THEN 1
    ELSE 0
  END AS phrase
