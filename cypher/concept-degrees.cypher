// How many RELATED_TO and BROADER relationships each concept has, either direction: what reading
// its neighbours costs (the count is kept by the store for concepts with many relationships).
UNWIND $ids AS id
MATCH (c:Concept {id: id})
RETURN id AS key, COUNT { (c)-[:RELATED_TO|BROADER]-() } AS degree
