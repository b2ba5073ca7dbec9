// Papers sharing a concept with $paperId, with each shared concept's paper count and the number of papers.
MATCH (x:Paper)
WITH count(x) AS totalPapers
MATCH (p:Paper {id: $paperId})-[:MENTIONS]->(c:Concept)<-[:MENTIONS]-(o:Paper)
WHERE o <> p
WITH totalPapers, o, collect({conceptId: c.id, paperCount: c.paperCount}) AS shared
RETURN totalPapers, o {.id, .title, .abstract, .url, .year, .source, .contentHash, .linksJson} AS paper, shared
