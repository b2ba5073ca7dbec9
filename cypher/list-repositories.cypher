// By id; keyset after $afterId, $limit rows at most.
MATCH (r:Repository)
WITH r ORDER BY r.id
WITH collect(r) AS matched
RETURN size(matched) AS totalCount,
  [x IN matched WHERE $afterId IS NULL OR x.id > $afterId | x {.id, .url, .host, .owner, .name}][0..toInteger($limit)] AS items
