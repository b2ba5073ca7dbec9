// Every paper matching $queries on kg_paper_search (see src/store/neo4j/search-plan.ts: queries
// without phrase clauses, whose scores are twice the token hits, adding up over several), with its
// hits and where the lower-cased $phrase appears (2: in the title, else 1: in the abstract, else 0;
// null when $phrase is null). Ids and hits only, so no paper text crosses the wire.
UNWIND $queries AS query
CALL db.index.fulltext.queryNodes('kg_paper_search', query) YIELD node, score
WITH node AS p, sum(score) / 2.0 AS hits
RETURN p.id AS id, hits,
  CASE
    WHEN $phrase IS NULL THEN null
    WHEN toLower(coalesce(p.title, '')) CONTAINS $phrase THEN 2
    WHEN toLower(coalesce(p.abstract, '')) CONTAINS $phrase THEN 1
    ELSE 0
  END AS phrase
