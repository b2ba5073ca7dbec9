UNWIND $ids AS id
MATCH (c:Concept {id: id})
RETURN c {.id, .name, .acronym, .aliases, .paperCount, .rank, .community} AS concept
