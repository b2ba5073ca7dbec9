// One breadth-first level of a neighbourhood: for each frontier concept, its RELATED_TO
// neighbours not yet $seen and of weight at least $minWeight, heaviest first (then by id), at
// most $places of them (no level takes more; see NeighbourBounds in algorithms.ts).
UNWIND $ids AS id
CALL {
  WITH id
  MATCH (:Concept {id: id})-[r:RELATED_TO]-(o:Concept)
  WHERE r.weight >= $minWeight AND NOT o.id IN $seen
  RETURN o.id AS other, r.weight AS weight
  ORDER BY weight DESC, other ASC
  LIMIT toInteger($places)
}
RETURN id AS key, other, weight
