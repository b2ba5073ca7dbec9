MATCH (r:Repository)
RETURN r {.id, .url, .host, .owner, .name} AS repository
ORDER BY r.id
