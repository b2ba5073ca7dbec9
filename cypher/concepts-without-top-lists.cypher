// Concepts written before their head lists were stored (migrated at start-up), a batch at a time.
MATCH (c:Concept)
WHERE c.relatedTopIds IS NULL OR c.relatedTopWeights IS NULL OR c.relatedTopShared IS NULL OR c.relatedTopOut IS NULL
  OR c.neighbourTopIds IS NULL OR c.neighbourTopWeights IS NULL OR c.neighbourTopOut IS NULL
  OR c.paperTopIds IS NULL OR c.paperTopConfidences IS NULL
RETURN c.id AS id
LIMIT toInteger($limit)
