// The stored head lists of the concepts $ids (see top-lists.ts); null lists when none are stored.
UNWIND $ids AS id
MATCH (c:Concept {id: id})
RETURN c.id AS id, c.relatedTopIds AS relatedIds, c.relatedTopWeights AS weights, c.relatedTopShared AS shared, c.relatedTopOut AS out,
  c.neighbourTopIds AS neighbourIds, c.neighbourTopWeights AS neighbourWeights, c.neighbourTopOut AS neighbourOut,
  c.paperTopIds AS paperIds, c.paperTopConfidences AS confidences
