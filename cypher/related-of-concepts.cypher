// Per concept, its `$first` heaviest RELATED_TO neighbours sharing at least $minShared papers
// (by weight desc, shared papers desc, id); the limit is applied per concept, in the database.
UNWIND $ids AS id
CALL (id) {
  MATCH (:Concept {id: id})-[r:RELATED_TO]-(o:Concept)
  WHERE r.sharedPapers >= $minShared
  WITH o, r
  ORDER BY r.weight DESC, r.sharedPapers DESC, o.id
  LIMIT toInteger($first)
  RETURN o, r
}
RETURN id AS key, o {.id, .name, .acronym, .aliases, .paperCount, .rank, .community} AS concept, r.sharedPapers AS sharedPapers, r.weight AS weight
ORDER BY key, weight DESC, sharedPapers DESC, concept.id
