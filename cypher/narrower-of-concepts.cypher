UNWIND $ids AS id
MATCH (:Concept {id: id})<-[:BROADER]-(n:Concept)
RETURN id AS key, n {.id, .name, .acronym, .aliases, .paperCount, .rank, .community} AS concept
ORDER BY key, n.id
