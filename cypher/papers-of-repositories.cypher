UNWIND $ids AS id
MATCH (:Repository {id: id})<-[:HAS_CODE]-(p:Paper)
RETURN id AS key, p {.id, .title, .abstract, .url, .year, .source, .contentHash, .linksJson} AS paper
ORDER BY key, p.id
