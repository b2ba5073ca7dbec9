// Communities by number; keyset after $afterValue, $limit rows at most.
MATCH (c:Concept)
WHERE c.community IS NOT NULL
WITH c.community AS id, count(*) AS size
ORDER BY id
WITH collect({id: id, size: size}) AS matched
RETURN size(matched) AS totalCount,
  [x IN matched WHERE $afterValue IS NULL OR x.id > $afterValue][0..toInteger($limit)] AS items
