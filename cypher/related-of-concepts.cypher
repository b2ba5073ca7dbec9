UNWIND $ids AS id
MATCH (:Concept {id: id})-[r:RELATED_TO]-(o:Concept)
WHERE r.sharedPapers >= $minShared
RETURN id AS key, o {.id, .name, .acronym, .aliases, .paperCount, .rank, .community} AS concept, r.sharedPapers AS sharedPapers, r.weight AS weight
ORDER BY key, r.weight DESC, r.sharedPapers DESC, o.id
