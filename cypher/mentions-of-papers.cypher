UNWIND $ids AS id
MATCH (:Paper {id: id})-[m:MENTIONS]->(c:Concept)
RETURN id AS key, c.id AS conceptId, m.count AS count, m.confidence AS confidence, m.inTitle AS inTitle,
  m.spansJson AS spansJson
ORDER BY key, m.confidence DESC, c.id
