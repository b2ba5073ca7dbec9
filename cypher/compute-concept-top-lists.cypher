// Recomputes the head lists of the concepts $ids (see top-lists.ts) from every one of their
// RELATED_TO and MENTIONS relationships: the first $size of each, in the orders of
// related-of-concepts.cypher, related-neighbours.cypher and papers-of-concept.cypher (a pair stored
// both ways: the relationship stored from the concept first). Each list takes two passes over the relationships:
// the weights (confidences) alone give the lowest one the head keeps, then only the relationships
// at or above it have the other end's id read and are sorted.
UNWIND $ids AS id
MATCH (c:Concept {id: id})
CALL (c) {
  OPTIONAL MATCH (c)-[r:RELATED_TO]-(:Concept)
  WITH r.weight AS weight
  ORDER BY weight DESC
  LIMIT toInteger($size)
  RETURN min(weight) AS floor
}
CALL (c, floor) {
  OPTIONAL MATCH (c)-[r:RELATED_TO]-(o:Concept)
  WHERE r.weight >= floor
  WITH r, o
  ORDER BY r.weight DESC, r.sharedPapers DESC, o.id, startNode(r) = c DESC
  LIMIT toInteger($size)
  RETURN collect(o.id) AS relatedIds, collect(r.weight) AS weights, collect(r.sharedPapers) AS shared,
    collect(startNode(r) = c) AS out
}
CALL (c, floor) {
  OPTIONAL MATCH (c)-[r:RELATED_TO]-(o:Concept)
  WHERE r.weight >= floor
  WITH r, o
  ORDER BY r.weight DESC, o.id, startNode(r) = c DESC
  LIMIT toInteger($size)
  RETURN collect(o.id) AS neighbourIds, collect(r.weight) AS neighbourWeights, collect(startNode(r) = c) AS neighbourOut
}
CALL (c) {
  OPTIONAL MATCH (c)<-[m:MENTIONS]-(:Paper)
  WITH m.confidence AS confidence
  ORDER BY confidence DESC
  LIMIT toInteger($size)
  RETURN min(confidence) AS lowest
}
CALL (c, lowest) {
  OPTIONAL MATCH (c)<-[m:MENTIONS]-(p:Paper)
  WHERE m.confidence >= lowest
  WITH m, p
  ORDER BY m.confidence DESC, p.id
  LIMIT toInteger($size)
  RETURN collect(p.id) AS paperIds, collect(m.confidence) AS confidences
}
SET c.relatedTopIds = relatedIds, c.relatedTopWeights = weights, c.relatedTopShared = shared, c.relatedTopOut = out,
  c.neighbourTopIds = neighbourIds, c.neighbourTopWeights = neighbourWeights, c.neighbourTopOut = neighbourOut,
  c.paperTopIds = paperIds, c.paperTopConfidences = confidences
