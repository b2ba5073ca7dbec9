// Per concept, its `$first` heaviest RELATED_TO neighbours sharing at least $minShared papers
// (by weight desc, shared papers desc, id); the limit is applied per concept, in the database.
// They come from the concept's head list (relatedTop*, see top-lists.ts) when its entries sharing
// enough papers fill the page or the list holds every relationship, otherwise from the relationships.
UNWIND $ids AS id
MATCH (c:Concept {id: id})
WITH id, c, c.relatedTopIds AS ids, c.relatedTopWeights AS weights, c.relatedTopShared AS shared
WITH id, c, ids, weights, shared, [i IN range(0, size(coalesce(ids, [])) - 1) WHERE shared[i] >= $minShared] AS kept
WITH id, c, ids, weights, shared, kept,
  ids IS NOT NULL AND size(weights) = size(ids) AND size(shared) = size(ids)
    AND (size(kept) >= $first OR size(ids) = COUNT { (c)-[:RELATED_TO]-() }) AS fromList
CALL (c, ids, weights, shared, kept, fromList) {
  WITH ids, weights, shared, kept WHERE fromList
  UNWIND kept[0..toInteger($first)] AS i
  MATCH (o:Concept {id: ids[i]})
  RETURN o, shared[i] AS sharedPapers, weights[i] AS weight
  UNION ALL
  WITH c WHERE NOT fromList
  MATCH (c)-[r:RELATED_TO]-(o:Concept)
  WHERE r.sharedPapers >= $minShared
  WITH o, r
  ORDER BY r.weight DESC, r.sharedPapers DESC, o.id
  LIMIT toInteger($first)
  RETURN o, r.sharedPapers AS sharedPapers, r.weight AS weight
}
RETURN id AS key, o {.id, .name, .acronym, .aliases, .paperCount, .rank, .community} AS concept, sharedPapers, weight
ORDER BY key, weight DESC, sharedPapers DESC, concept.id
