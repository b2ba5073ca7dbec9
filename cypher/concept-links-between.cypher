// The meeting step of a path search: which of $ids are joined to which of $within, by RELATED_TO
// (looked up by the pair's key in the related_pair index, see upsert-related.cypher) or BROADER
// (both ends bound), without reading the other relationships of either end.
UNWIND $ids AS x
MATCH (a:Concept {id: x})
UNWIND $within AS y
MATCH (b:Concept {id: y})
WITH x, y, a, b, CASE WHEN x < y THEN toString(size(x)) + ':' + x + y ELSE toString(size(y)) + ':' + y + x END AS key
WHERE x <> y
  AND (EXISTS { MATCH ()-[:RELATED_TO {pair: key}]->() } OR EXISTS { MATCH (a)-[:BROADER]-(b) })
RETURN x AS key, collect(y) AS others
