MATCH (p:Paper)-[:HAS_CODE]->(r:Repository)
RETURN p.id AS paperId, r.id AS repositoryId
ORDER BY paperId, repositoryId
