// One row per (citing paper, mentioned concept); the caller ranks them by count.
UNWIND $ids AS id
MATCH (:Repository {id: id})<-[:HAS_CODE]-(:Paper)-[:MENTIONS]->(c:Concept)
RETURN id AS key, c {.id, .name, .acronym, .aliases, .paperCount} AS concept
