UNWIND $ids AS id
MATCH (:Concept {id: id})-[:BROADER]->(b:Concept)
RETURN id AS key, b {.id, .name, .acronym, .aliases, .paperCount, .rank, .community} AS concept
ORDER BY key, b.id
