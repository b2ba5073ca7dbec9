// lowerNames: name and aliases lower-cased at write time with the same function the embedded store uses.
MATCH (c:Concept)
WHERE ($minPapers IS NULL OR c.paperCount >= $minPapers)
  AND ($community IS NULL OR c.community = $community)
  AND ($needle IS NULL OR any(n IN c.lowerNames WHERE n CONTAINS $needle))
// Concepts without a rank sort as rank -1, after every ranked one.
WITH c ORDER BY coalesce(c.rank, -1) DESC, c.id
WITH collect(c) AS matched
RETURN size(matched) AS totalCount,
  [x IN matched WHERE $afterId IS NULL OR coalesce(x.rank, -1) < $afterValue
    OR (coalesce(x.rank, -1) = $afterValue AND x.id > $afterId) | x {.id, .name, .acronym, .aliases, .paperCount, .rank, .community}][0..toInteger($limit)] AS items
