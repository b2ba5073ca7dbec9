// lowerNames: name and aliases lower-cased at write time with the same function the embedded store uses.
MATCH (c:Concept)
WHERE ($minPapers IS NULL OR c.paperCount >= $minPapers)
  AND ($community IS NULL OR c.community = $community)
  AND ($needle IS NULL OR any(n IN c.lowerNames WHERE n CONTAINS $needle))
WITH c ORDER BY c.name, c.id
WITH collect(c) AS matched
RETURN size(matched) AS totalCount,
  [x IN matched WHERE $afterId IS NULL OR x.name > $afterValue OR (x.name = $afterValue AND x.id > $afterId)
    | x {.id, .name, .acronym, .aliases, .paperCount, .rank, .community}][0..toInteger($limit)] AS items
