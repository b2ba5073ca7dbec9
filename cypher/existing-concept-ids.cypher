UNWIND $ids AS id
MATCH (c:Concept {id: id})
RETURN c.id AS id
