// One breadth-first level of a neighbourhood: the RELATED_TO neighbours of the frontier concepts
// $ids not yet $seen and of weight at least $minWeight, each once at its largest weight, heaviest
// first: the first $places of them and every one as heavy as the last of those (the level takes
// $places, ties by id). Each frontier concept gives its own first $places (see NeighbourBounds in
// algorithms.ts), which hold the first $places of the whole frontier.
// They come from the concept's neighbour head (neighbourTop*, by weight desc then id, see
// top-lists.ts) when it can tell: it holds every relationship, or $places of its entries qualify,
// or its last entry is below $minWeight; then exactly the first $places qualifying entries.
// Note: otherwise (a hub seen from a large neighbourhood) the relationships are read; the unseen
// neighbours are told apart by node and ranked by weight alone, so only the returned ids are read
// (every one as heavy as the $places-th, whose ties the caller settles by id).
UNWIND $ids AS id
MATCH (c:Concept {id: id})
WITH id, c, c.neighbourTopIds AS ids, c.neighbourTopWeights AS weights
WITH id, c, ids, weights,
  [i IN range(0, size(coalesce(ids, [])) - 1) WHERE weights[i] >= $minWeight AND NOT ids[i] IN $seen] AS usable
WITH id, c, ids, weights, usable,
  CASE
    WHEN ids IS NULL OR weights IS NULL OR size(weights) <> size(ids) THEN false
    WHEN size(usable) >= $places THEN true
    WHEN size(ids) = COUNT { (c)-[:RELATED_TO]-() } THEN true
    ELSE weights[size(ids) - 1] < $minWeight
  END AS fromList
CALL (c, ids, weights, usable, fromList) {
  WITH ids, weights, usable WHERE fromList
  UNWIND usable[0..toInteger($places)] AS i
  RETURN ids[i] AS other, weights[i] AS weight
  UNION ALL
  WITH c WHERE NOT fromList
  OPTIONAL MATCH (s:Concept) WHERE s.id IN $seen
  WITH c, collect(s) AS seen
  MATCH (c)-[r:RELATED_TO]-(o)
  WHERE r.weight >= $minWeight AND NOT o IN seen
  WITH o, r.weight AS weight
  ORDER BY weight DESC
  WITH collect({o: o, weight: weight}) AS ranked
  WITH ranked, ranked[toInteger($places) - 1].weight AS floor
  UNWIND [x IN ranked WHERE floor IS NULL OR x.weight >= floor] AS x
  RETURN x.o.id AS other, x.weight AS weight
}
WITH other, max(weight) AS weight
ORDER BY weight DESC
WITH collect({other: other, weight: weight}) AS ranked
WITH ranked, ranked[toInteger($places) - 1].weight AS floor
UNWIND [x IN ranked WHERE floor IS NULL OR x.weight >= floor] AS x
RETURN x.other AS other, x.weight AS weight
