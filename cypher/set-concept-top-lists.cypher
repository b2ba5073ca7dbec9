// Stores the head lists of concepts computed by the caller (see top-lists.ts).
UNWIND $rows AS row
MATCH (c:Concept {id: row.id})
SET c.relatedTopIds = row.relatedTopIds, c.relatedTopWeights = row.relatedTopWeights,
  c.relatedTopShared = [s IN row.relatedTopShared | toInteger(s)], c.relatedTopOut = row.relatedTopOut,
  c.neighbourTopIds = row.neighbourTopIds, c.neighbourTopWeights = row.neighbourTopWeights, c.neighbourTopOut = row.neighbourTopOut,
  c.paperTopIds = row.paperTopIds, c.paperTopConfidences = row.paperTopConfidences
