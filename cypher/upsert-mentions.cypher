UNWIND $rows AS row
MATCH (p:Paper {id: row.paperId})
MATCH (c:Concept {id: row.conceptId})
MERGE (p)-[m:MENTIONS]->(c)
SET m = {count: toInteger(row.count), confidence: row.confidence, inTitle: row.inTitle, spansJson: row.spansJson, gen: $gen}
