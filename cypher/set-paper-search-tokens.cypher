// Stores the search token lists of papers (computed with searchTokens() by the caller).
UNWIND $rows AS row
MATCH (p:Paper {id: row.id})
SET p.titleTokens = row.titleTokens, p.abstractTokens = row.abstractTokens
