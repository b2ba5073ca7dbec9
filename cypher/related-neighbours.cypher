// One breadth-first level of a neighbourhood: the RELATED_TO neighbours of each frontier concept.
UNWIND $ids AS id
MATCH (:Concept {id: id})-[r:RELATED_TO]-(o:Concept)
RETURN id AS key, o.id AS other, r.weight AS weight
