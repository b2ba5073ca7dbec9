// Test support: removes the head lists of every concept, as a version that did not store them left
// them, so the start-up migration can be checked.
MATCH (c:Concept)
REMOVE c.relatedTopIds, c.relatedTopWeights, c.relatedTopShared, c.relatedTopOut,
  c.neighbourTopIds, c.neighbourTopWeights, c.neighbourTopOut, c.paperTopIds, c.paperTopConfidences
RETURN count(c) AS concepts
