// Variant of upsert-mentions.cypher for a replacement into an empty database (no relationship can exist
// yet, so CREATE skips the existence check MERGE makes).
UNWIND $rows AS row
MATCH (p:Paper {id: row.paperId})
MATCH (c:Concept {id: row.conceptId})
CREATE (p)-[m:MENTIONS]->(c)
SET m = {count: toInteger(row.count), confidence: row.confidence, inTitle: row.inTitle, spansJson: row.spansJson, gen: $gen}
