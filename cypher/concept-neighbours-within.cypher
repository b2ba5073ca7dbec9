// The last level of a path search: the neighbours of each id that the other side has reached.
UNWIND $ids AS id
MATCH (:Concept {id: id})-[:RELATED_TO|BROADER]-(o:Concept)
WHERE o.id IN $within
RETURN id AS key, collect(DISTINCT o.id) AS others
