// Variant of upsert-broader.cypher for a replacement into an empty database (no relationship can exist
// yet, so CREATE skips the existence check MERGE makes).
// Narrower -> broader.
UNWIND $rows AS row
MATCH (n:Concept {id: row.narrower})
MATCH (b:Concept {id: row.broader})
CREATE (n)-[r:BROADER]->(b)
SET r = {gen: $gen}
