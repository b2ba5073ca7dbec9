// Repositories by their search bound (the Lucene scores of $queries on kg_repository_search, see
// src/store/neo4j/search-plan.ts): of the first $limit by bound, those scoring at least $minScore
// (the others cannot enter the answer) and not keys of the map $exclude (read before), best bound
// first (equal bounds by id, as rankHits orders equal scores), at most $take of them, with their
// records; with how many Lucene gave, the last one's score, and how many were kept. One query has
// Lucene cut the list; the scores of several add up per repository.
UNWIND $queries AS query
CALL db.index.fulltext.queryNodes('kg_repository_search', query,
  CASE WHEN size($queries) = 1 THEN {limit: toInteger($limit)} ELSE {} END) YIELD node, score
WITH node, sum(score) AS bound
ORDER BY bound DESC
LIMIT toInteger($limit)
WITH count(*) AS count, min(bound) AS last,
  collect(CASE WHEN bound >= $minScore AND $exclude[node.id] IS NULL THEN {node: node, bound: bound} END) AS kept
CALL (kept) {
  UNWIND kept AS x
  WITH x
  ORDER BY x.bound DESC, x.node.id
  LIMIT toInteger($take)
  RETURN collect({bound: x.bound, record: {id: x.node.id, url: x.node.url, host: x.node.host, owner: x.node.owner, name: x.node.name}}) AS rows
}
RETURN count, last, size(kept) AS kept, rows
