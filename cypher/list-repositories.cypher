MATCH (r:Repository)
WITH r ORDER BY r.id
WITH collect(r) AS matched
RETURN size(matched) AS totalCount,
  [x IN matched[toInteger($offset)..toInteger($offset) + toInteger($first)] | x {.id, .url, .host, .owner, .name}] AS items
