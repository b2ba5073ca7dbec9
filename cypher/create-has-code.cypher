// Variant of upsert-has-code.cypher for a replacement into an empty database (no relationship can exist
// yet, so CREATE skips the existence check MERGE makes).
UNWIND $rows AS row
MATCH (p:Paper {id: row.paperId})
MATCH (r:Repository {id: row.repositoryId})
CREATE (p)-[h:HAS_CODE]->(r)
SET h = {gen: $gen}
