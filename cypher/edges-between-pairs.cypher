// Every RELATED_TO / BROADER relationship joining each pair, with its stored direction. RELATED_TO
// is looked up by the pair's key in the related_pair index (see upsert-related.cypher).
UNWIND range(0, size($pairs) - 1) AS i
WITH i, $pairs[i] AS pair
CALL (pair) {
  WITH pair.a AS x, pair.b AS y
  WITH CASE WHEN x < y THEN toString(size(x)) + ':' + x + y ELSE toString(size(y)) + ':' + y + x END AS key
  MATCH (s:Concept)-[r:RELATED_TO {pair: key}]->(:Concept)
  RETURN 'RELATED_TO' AS kind, s.id AS start, r.weight AS weight, r.sharedPapers AS sharedPapers
  UNION ALL
  MATCH (:Concept {id: pair.a})-[r:BROADER]-(:Concept {id: pair.b})
  RETURN 'BROADER' AS kind, startNode(r).id AS start, null AS weight, null AS sharedPapers
}
RETURN i AS index, kind, start, weight, sharedPapers
