MATCH (p:Paper)-[m:MENTIONS]->(c:Concept)
RETURN p.id AS paperId, c.id AS conceptId, m.count AS count, m.confidence AS confidence, m.inTitle AS inTitle,
  m.spansJson AS spansJson
ORDER BY paperId, conceptId
