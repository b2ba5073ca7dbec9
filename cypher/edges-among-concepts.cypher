// Every RELATED_TO / BROADER relationship between two of the concepts $ids, in its stored direction.
// The far end is matched by node, so the ids of a hub's thousands of neighbours are not read.
MATCH (c:Concept) WHERE c.id IN $ids
WITH collect(c) AS nodes
UNWIND nodes AS a
MATCH (a)-[r:RELATED_TO|BROADER]->(b)
WHERE b IN nodes
RETURN type(r) AS kind, a.id AS source, b.id AS target, r.weight AS weight
