UNWIND $ids AS id
MATCH (a:Concept {id: id})-[r:RELATED_TO|BROADER]->(b:Concept)
WHERE b.id IN $ids
RETURN type(r) AS kind, a.id AS source, b.id AS target, r.weight AS weight
