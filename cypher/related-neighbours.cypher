// One breadth-first level of a neighbourhood: for each frontier concept, its RELATED_TO
// neighbours not yet $seen and of weight at least $minWeight, heaviest first, at least the first
// $places of them and every one as heavy as the last of those (see NeighbourBounds in algorithms.ts).
// Note: a hub has thousands of neighbours; they are told apart from the seen ones by node and
// ranked by the relationship's weight alone, so only the ids of the few returned are read.
MATCH (s:Concept) WHERE s.id IN $seen
WITH collect(s) AS seen
UNWIND $ids AS id
CALL (id, seen) {
  MATCH (:Concept {id: id})-[r:RELATED_TO]-(o)
  WHERE r.weight >= $minWeight AND NOT o IN seen
  WITH o, r.weight AS weight
  ORDER BY weight DESC
  WITH collect({o: o, weight: weight}) AS ranked
  WITH ranked, ranked[toInteger($places) - 1].weight AS floor
  UNWIND [x IN ranked WHERE floor IS NULL OR x.weight >= floor] AS x
  RETURN x.o.id AS other, x.weight AS weight
}
RETURN id AS key, other, weight
