// Papers sharing a concept with $paperId, by id, with each shared concept's paper count and the
// number of papers. Ids only: the caller ranks them and reads the records of the few it keeps.
MATCH (x:Paper)
WITH count(x) AS totalPapers
MATCH (p:Paper {id: $paperId})-[:MENTIONS]->(c:Concept)<-[:MENTIONS]-(o:Paper)
WHERE o <> p
WITH totalPapers, o.id AS id, collect({conceptId: c.id, paperCount: c.paperCount}) AS shared
RETURN totalPapers, id, shared
