// The concepts $paperId mentions, with their paper counts, and the number of papers (for the IDF).
MATCH (:Paper {id: $paperId})-[:MENTIONS]->(c:Concept)
RETURN COUNT { (:Paper) } AS totalPapers, c.id AS conceptId, c.paperCount AS paperCount
