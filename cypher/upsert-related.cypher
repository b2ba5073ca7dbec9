// Stored once, from source to target (source < target by id). `pair` keys the unordered pair for
// the related_pair index: the smaller id's length, a colon, the smaller id, the larger id (every
// query that looks a pair up builds the key with this same expression).
UNWIND $rows AS row
MATCH (a:Concept {id: row.source})
MATCH (b:Concept {id: row.target})
MERGE (a)-[r:RELATED_TO]->(b)
SET r = {
  sharedPapers: toInteger(row.sharedPapers), weight: row.weight, gen: $gen,
  pair: CASE WHEN row.source < row.target THEN toString(size(row.source)) + ':' + row.source + row.target ELSE toString(size(row.target)) + ':' + row.target + row.source END
}
