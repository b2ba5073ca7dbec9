// Stored once, from source to target (source < target by id).
UNWIND $rows AS row
MATCH (a:Concept {id: row.source})
MATCH (b:Concept {id: row.target})
MERGE (a)-[r:RELATED_TO]->(b)
SET r = {sharedPapers: toInteger(row.sharedPapers), weight: row.weight, gen: $gen}
