MATCH (c:Concept)
RETURN c {.id, .name, .acronym, .aliases, .paperCount, .rank, .community} AS concept
ORDER BY c.id
