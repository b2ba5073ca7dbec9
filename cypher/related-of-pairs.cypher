// The RELATED_TO relationship joining each pair of concepts, whichever direction it is stored in:
// one row per relationship found, with the index of its pair. Looked up by the pair's key in the
// related_pair index (see upsert-related.cypher).
UNWIND range(0, size($pairs) - 1) AS i
WITH i, $pairs[i].a AS x, $pairs[i].b AS y
WITH i, CASE WHEN x < y THEN toString(size(x)) + ':' + x + y ELSE toString(size(y)) + ':' + y + x END AS key
MATCH (:Concept)-[r:RELATED_TO {pair: key}]->(:Concept)
RETURN i AS index, r.sharedPapers AS sharedPapers, r.weight AS weight
