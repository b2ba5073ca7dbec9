UNWIND $ids AS id
MATCH (:Paper {id: id})-[:HAS_CODE]->(r:Repository)
RETURN id AS key, r {.id, .url, .host, .owner, .name} AS repository
ORDER BY key, r.id
