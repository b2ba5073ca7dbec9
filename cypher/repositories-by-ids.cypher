UNWIND $ids AS id
MATCH (r:Repository {id: id})
RETURN r {.id, .url, .host, .owner, .name} AS repository
