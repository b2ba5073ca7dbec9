// The concepts $ids (id and name) and every RELATED_TO / BROADER relationship among them, in its
// stored direction, as one row of lists. RELATED_TO: a concept whose neighbour head (neighbourTop*,
// see top-lists.ts) holds all of its relationships gives its edges from the head (a pair of two
// such concepts from the one with the smaller id); the pairs of the others are looked up by key in
// the related_pair index (see upsert-related.cypher), or, when there are more pairs than a quarter
// of their outgoing relationships, those are walked (the far end matched by node). BROADER: walked.
MATCH (c:Concept) WHERE c.id IN $ids
WITH collect(c) AS nodes
WITH nodes, [n IN nodes WHERE n.neighbourTopIds IS NULL OR n.neighbourTopWeights IS NULL OR n.neighbourTopOut IS NULL
  OR size(n.neighbourTopIds) <> COUNT { (n)-[:RELATED_TO]-() }] AS partial
WITH nodes, partial, [n IN partial | n.id] AS partialIds, reduce(s = 0, n IN partial | s + COUNT { (n)-[:RELATED_TO]->() }) AS outgoing
CALL (nodes, partial, partialIds, outgoing) {
  CALL (nodes, partial, partialIds, outgoing) {
    UNWIND nodes AS x
    WITH x, partialIds WHERE NOT x.id IN partialIds
    UNWIND range(0, size(x.neighbourTopIds) - 1) AS i
    WITH x, partialIds, x.neighbourTopIds[i] AS o, x.neighbourTopWeights[i] AS weight, x.neighbourTopOut[i] AS out
    WHERE o IN $ids AND (o IN partialIds OR x.id < o)
    RETURN 'RELATED_TO' AS kind, CASE WHEN out THEN x.id ELSE o END AS source, CASE WHEN out THEN o ELSE x.id END AS target, weight
    UNION ALL
    WITH partial WHERE 4 * size(partial) * (size(partial) - 1) / 2 <= outgoing
    UNWIND partial AS x
    UNWIND partial AS y
    WITH x, x.id AS lo, y.id AS hi WHERE lo < hi
    MATCH ()-[r:RELATED_TO {pair: toString(size(lo)) + ':' + lo + hi}]->()
    RETURN 'RELATED_TO' AS kind, CASE WHEN startNode(r) = x THEN lo ELSE hi END AS source,
      CASE WHEN startNode(r) = x THEN hi ELSE lo END AS target, r.weight AS weight
    UNION ALL
    WITH partial WHERE 4 * size(partial) * (size(partial) - 1) / 2 > outgoing
    UNWIND partial AS a
    MATCH (a)-[r:RELATED_TO]->(b)
    WHERE b IN partial
    RETURN 'RELATED_TO' AS kind, a.id AS source, b.id AS target, r.weight AS weight
    UNION ALL
    UNWIND nodes AS a
    MATCH (a)-[r:BROADER]->(b)
    WHERE b IN nodes
    RETURN 'BROADER' AS kind, a.id AS source, b.id AS target, null AS weight
  }
  RETURN collect({kind: kind, source: source, target: target, weight: weight}) AS edges
}
RETURN [n IN nodes | n {.id, .name}] AS concepts, edges
