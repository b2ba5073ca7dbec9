// Stores the search fields of concepts (computed by the caller, as for a write).
UNWIND $rows AS row
MATCH (c:Concept {id: row.id})
SET c.lengthText = row.lengthText, c.typoText = row.typoText, c.phraseText = row.phraseText
