// Narrower -> broader.
UNWIND $rows AS row
MATCH (n:Concept {id: row.narrower})
MATCH (b:Concept {id: row.broader})
MERGE (n)-[r:BROADER]->(b)
SET r = {gen: $gen}
