// Stores the lookup keys of concepts and their full-text form (computed by the caller, as for a write).
UNWIND $rows AS row
MATCH (c:Concept {id: row.id})
SET c.lookupKeys = row.lookupKeys, c.keyText = row.keyText
