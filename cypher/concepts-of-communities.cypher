// Every member of each community; the caller orders them by rank and cuts.
UNWIND $ids AS id
MATCH (c:Concept {community: id})
RETURN id AS key, c {.id, .name, .acronym, .aliases, .paperCount, .rank, .community} AS concept
