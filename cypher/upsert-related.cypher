// Stored once, from source to target (source < target by id). `pair` keys the unordered pair for
// the related_pair index: the smaller id's length, a colon, the smaller id, the larger id (every
// query that looks a pair up builds the key with this same expression). A stored relationship is
// found by its key, whichever direction it was stored in, and a pair without one is created: a
// MERGE between two hubs would walk the relationships of one of them. Every stored RELATED_TO has
// its key (written with it, or keyed when the store starts: key-related-pairs.cypher).
UNWIND $rows AS row
WITH row, CASE WHEN row.source < row.target THEN toString(size(row.source)) + ':' + row.source + row.target ELSE toString(size(row.target)) + ':' + row.target + row.source END AS key
OPTIONAL MATCH ()-[old:RELATED_TO {pair: key}]->()
CALL (row, key, old) {
  WITH row, old
  WHERE old IS NOT NULL
  SET old.sharedPapers = toInteger(row.sharedPapers), old.weight = row.weight, old.gen = $gen
  RETURN 0 AS created
  UNION ALL
  WITH row, key, old
  WHERE old IS NULL
  MATCH (a:Concept {id: row.source})
  MATCH (b:Concept {id: row.target})
  CREATE (a)-[:RELATED_TO {sharedPapers: toInteger(row.sharedPapers), weight: row.weight, gen: $gen, pair: key}]->(b)
  RETURN 1 AS created
}
RETURN sum(created) AS created
