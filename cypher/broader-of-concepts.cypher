UNWIND $ids AS id
MATCH (:Concept {id: id})-[:BROADER]->(b:Concept)
RETURN id AS key, b {.id, .name, .acronym, .aliases, .paperCount} AS concept
ORDER BY key, b.id
