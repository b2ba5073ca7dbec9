// One row per (mentioning paper, cited repository); the caller ranks them by count.
UNWIND $ids AS id
MATCH (:Concept {id: id})<-[:MENTIONS]-(:Paper)-[:HAS_CODE]->(r:Repository)
RETURN id AS key, r {.id, .url, .host, .owner, .name} AS repository
