// Every concept answering to any of $keys (the lookup keys of all names asked, flattened), with the
// keys it answers to; the caller picks, per name, the first key that finds anything and among its
// concepts the preferred one. $queries: the hex-encoded keys, quoted and OR'd, in chunks, of the index $index (kg_concept_keys).
UNWIND $queries AS query
CALL db.index.fulltext.queryNodes($index, query) YIELD node
WITH DISTINCT node AS c
WITH c, [k IN c.lookupKeys WHERE k IN $keys] AS keys
WHERE size(keys) > 0
RETURN keys, c {.id, .name, .acronym, .aliases, .paperCount, .rank, .community} AS concept
