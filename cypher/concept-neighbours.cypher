// One breadth-first level of a path search: neighbours over RELATED_TO and BROADER, either direction.
UNWIND $ids AS id
MATCH (:Concept {id: id})-[:RELATED_TO|BROADER]-(o:Concept)
RETURN id AS key, collect(DISTINCT o.id) AS others
