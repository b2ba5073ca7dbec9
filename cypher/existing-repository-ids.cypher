UNWIND $ids AS id
MATCH (r:Repository {id: id})
RETURN r.id AS id
