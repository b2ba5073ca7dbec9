UNWIND $rows AS row
MATCH (p:Paper {id: row.paperId})
MATCH (r:Repository {id: row.repositoryId})
MERGE (p)-[h:HAS_CODE]->(r)
SET h = {gen: $gen}
