UNWIND $ids AS id
MATCH (c:Concept {community: id})
RETURN id, count(c) AS size
