// Variant of upsert-related.cypher for a replacement into an empty database (no relationship can exist
// yet, so CREATE skips the existence check MERGE makes).
// Stored once, from source to target (source < target by id); `pair` is the key of its unordered
// pair (see upsert-related.cypher).
UNWIND $rows AS row
MATCH (a:Concept {id: row.source})
MATCH (b:Concept {id: row.target})
CREATE (a)-[r:RELATED_TO]->(b)
SET r = {
  sharedPapers: toInteger(row.sharedPapers), weight: row.weight, gen: $gen,
  pair: CASE WHEN row.source < row.target THEN toString(size(row.source)) + ':' + row.source + row.target ELSE toString(size(row.target)) + ':' + row.target + row.source END
}
